//! jdlint: a linter and classifier for product-management job postings.
//!
//! A keyword lexicon built from five articles on PM roles (see `lexicon/README.md`) scores a
//! posting's body; the engine reads the level, track and specialization the body implies, compares
//! them with what the title claims, and reports diagnostics with the evidence behind them.
//!
//! The pipeline reads in one direction, one module a stage:
//! [`input`] (bytes to [`Posting`]s) -> [`normalize`] -> [`sections`] -> [`matcher`] (lexicon
//! matches to evidence) -> [`classify`] (scores and the implied level) -> [`rules`] ->
//! [`report`] (the JSON contract) -> [`printer`] (JSON, JSON Lines, SARIF). [`Engine`] runs it;
//! build one per process and share it.
//!
//! The library never prints: its printers write to the writer they are given.
#![warn(missing_docs)]
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod calibrate;
pub mod classify;
pub mod config;
pub mod cues;
pub mod domain;
pub mod engine;
pub mod escape;
pub mod explain;
pub mod fix;
pub mod input;
pub mod lexicon;
pub mod matcher;
mod negation;
pub mod normalize;
pub mod posting;
pub mod printer;
pub mod report;
pub mod rules;
pub mod sections;
pub mod seeds;
pub mod suggest;
pub mod suppress;
pub mod title;

pub use domain::{Level, Specialization, Target, Track};
pub use engine::{Analysis, Engine, Evidence};
pub use posting::{Posting, Source};
pub use rules::{Diagnostic, Severity};
