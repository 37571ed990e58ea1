//! Output formats. Each is a [`Reporter`] that is handed every result in input order as soon as
//! its chunk is analyzed, so output streams while a large input is still being read.

mod human;
mod json;

use clap::ValueEnum;
use jdlint::input::Item;
use jdlint::report::PostingReport;
use jdlint::Severity;
use std::io;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable diagnostics with the evidence behind each verdict.
    Human,
    /// One JSON document: {"version", "postings": [...], "summary"}.
    Json,
    /// One JSON object per posting per line, in input order.
    Jsonl,
}

/// Writes results as they arrive.
pub trait Reporter {
    /// Before the first result (a document's opening, say).
    fn begin(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// One input's result; `item` is the posting it came from, or why it could not be read.
    fn posting(&mut self, item: &Item, report: &PostingReport) -> io::Result<()>;
    /// After the last result.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

pub fn reporter(format: OutputFormat, evidence: usize) -> Box<dyn Reporter> {
    match format {
        OutputFormat::Human => Box::new(human::Human::new(evidence)),
        OutputFormat::Json => Box::new(json::Json::default()),
        OutputFormat::Jsonl => Box::new(json::Jsonl::default()),
    }
}

/// Counts for the summary and the exit code.
#[derive(Debug, Default)]
pub struct Summary {
    pub postings: usize,
    pub input_errors: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// The most severe diagnostic seen.
    pub highest: Option<Severity>,
}

impl Summary {
    pub fn add(&mut self, report: &PostingReport) {
        if report.error.is_some() {
            self.input_errors += 1;
            return;
        }
        self.postings += 1;
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
            self.highest = self.highest.max(Some(d.severity));
        }
    }
}
