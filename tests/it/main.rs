//! The integration tests, one binary (as ripgrep's `tests/it/tests.rs`): each module was a test crate
//! of its own, and linking each against the library took most of a cold `cargo test`.
//! `cargo test --test it MODULE` runs one module (`cargo test --test it dev_set -- --nocapture`).

mod common;

mod bad_input;
mod calibrate;
mod catalogue_dev;
mod cli;
mod config;
mod dev_set;
mod ergonomics;
mod fix;
mod fixtures;
mod golden;
mod inputs;
mod lexicon;
mod outputs;
mod properties;
mod rules;
mod security;
mod term_spread;
