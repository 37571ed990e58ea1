//! Output formats: the text formats of the command line, and the library's JSON, JSONL and SARIF
//! printers ([`jdlint::printer`]), each a [`Reporter`] writing to a [`Destination`].

mod brief;
mod github;
mod human;
pub mod progress;
mod statistics;

pub use human::View;

use clap::ValueEnum;
use jdlint::printer::{gitlab, json, junit, sarif, Sink};
pub use jdlint::printer::{Reporter, Summary};
use std::fs::File;
use std::io::{self, BufWriter};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable diagnostics of the postings that have any (`--verbose`: every posting), with
    /// the evidence behind each verdict on `--show-evidence`.
    Human,
    /// One line per diagnostic: `PATH[:LINE[:COL]]: SEVERITY RULE: MESSAGE`, then a summary.
    Brief,
    /// One JSON document: {"version", "postings": [...], "summary"}.
    Json,
    /// One JSON object per posting per line, in input order.
    Jsonl,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=...::message`): annotations on a run.
    Github,
    /// A GitLab Code Quality report (`artifacts: reports: codequality`).
    Gitlab,
    /// JUnit XML: one test suite per posting, one failing test case per diagnostic.
    Junit,
}

/// Where a report goes: standard output or the `--output` file, buffered, and whether it may
/// carry colour (never into a file).
pub struct Destination {
    out: Sink,
    color: anstream::ColorChoice,
}

impl Destination {
    pub fn stdout() -> Destination {
        Destination {
            // Decided on the real stdout (the terminal check and the global `--color` choice),
            // since the buffer around it is no terminal.
            color: anstream::AutoStream::choice(&io::stdout()),
            out: Box::new(BufWriter::new(io::stdout())),
        }
    }

    pub fn file(path: &Path) -> io::Result<Destination> {
        Ok(Destination {
            out: Box::new(BufWriter::new(File::create(path)?)),
            color: anstream::ColorChoice::Never,
        })
    }
}

/// The reporter of `format`, showing what `view` asks for; `--statistics` replaces the
/// diagnostics with counts per rule.
pub fn reporter(
    format: OutputFormat,
    to: Destination,
    view: View,
    statistics: bool,
) -> Box<dyn Reporter> {
    if statistics {
        return Box::new(statistics::Statistics::new(to.out, view.quiet));
    }
    match format {
        OutputFormat::Human => Box::new(human::Human::new(to, view)),
        OutputFormat::Brief => Box::new(brief::Brief::new(to.out, view.quiet)),
        OutputFormat::Json => Box::new(json::Json::new(to.out)),
        OutputFormat::Jsonl => Box::new(json::Jsonl::new(to.out)),
        OutputFormat::Sarif => Box::new(sarif::Sarif::new(to.out, std::env::current_dir().ok())),
        OutputFormat::Github => Box::new(github::Github::new(to.out)),
        OutputFormat::Gitlab => Box::new(gitlab::Gitlab::new(to.out, std::env::current_dir().ok())),
        OutputFormat::Junit => Box::new(junit::Junit::new(to.out, std::env::current_dir().ok())),
    }
}
