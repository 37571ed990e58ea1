//! `--format brief`: one line per diagnostic, the shape compilers use and editors and `grep`
//! read, then the summary:
//!
//! ```text
//! PATH[:LINE[:COL]]: SEVERITY RULE: MESSAGE
//! ```
//!
//! LINE and COL are a document's; a JSONL record's diagnostics carry the record's line and no
//! column; a title given with `--title` is not in the file, so its diagnostics carry neither. An
//! input that cannot be read is a line with severity `error` and `input` in place of the rule.
//! Line breaks in a message become spaces, so that every diagnostic is one line, and other control
//! characters in paths and messages are made visible (`jdlint::escape`).

use jdlint::escape::visible;
use jdlint::input::Item;
use jdlint::printer::{Place, Reporter, Sink, Summary};
use jdlint::report::PostingReport;
use jdlint::Source;
use std::fmt::Write as _;
use std::io::{self, Write};

pub struct Brief {
    out: Sink,
    quiet: bool,
}

impl Brief {
    /// `quiet` leaves out the summary.
    pub fn new(out: Sink, quiet: bool) -> Brief {
        Brief { out, quiet }
    }
}

impl Reporter for Brief {
    fn render(&self, item: &Item, report: &PostingReport) -> Vec<u8> {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = match item {
            Err(e) => writeln!(
                out,
                "{}: error input: {}",
                location(&e.source, Place::of_source(&e.source)),
                one_line(&e.message)
            ),
            Ok(posting) => report.diagnostics.iter().try_for_each(|d| {
                writeln!(
                    out,
                    "{}: {} {}: {}",
                    location(&posting.source, Place::of_diagnostic(posting, d)),
                    d.severity.id(),
                    d.rule,
                    one_line(&d.message)
                )
            }),
        };
        out.into_bytes()
    }

    fn posting(&mut self, _item: &Item, rendered: &[u8]) -> io::Result<()> {
        self.out.write_all(rendered)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if self.quiet {
            return self.out.flush();
        }
        for line in summary.lines() {
            writeln!(self.out, "{line}")?;
        }
        self.out.flush()
    }
}

/// `PATH[:LINE[:COL]]`.
fn location(source: &Source, place: Place) -> String {
    let path = visible(source.path.as_deref().unwrap_or("<input>"));
    match (place.line, place.column) {
        (Some(line), Some(column)) => format!("{path}:{line}:{column}"),
        (Some(line), None) => format!("{path}:{line}"),
        _ => path.to_string(),
    }
}

/// `message` on one line, its line breaks as spaces, and the rest of what it quotes made
/// [`visible`].
fn one_line(message: &str) -> String {
    let joined = message
        .split(['\r', '\n'])
        .filter(|part| !part.trim().is_empty())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    visible(&joined).into_owned()
}
