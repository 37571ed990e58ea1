//! `--statistics`: instead of the diagnostics, how many each rule gave at each severity, most
//! frequent first (ruff's `--statistics`), then the summary. For a first look at a large set:
//! which rules to read first, which to configure away.

use jdlint::input::Item;
use jdlint::printer::{Reporter, Sink, Summary};
use jdlint::report::PostingReport;
use std::io::{self, Write};

pub struct Statistics {
    out: Sink,
    quiet: bool,
}

impl Statistics {
    /// `quiet` leaves out the summary.
    pub fn new(out: Sink, quiet: bool) -> Statistics {
        Statistics { out, quiet }
    }
}

impl Reporter for Statistics {
    /// Nothing per posting: the summary counts them.
    fn render(&self, _item: &Item, _report: &PostingReport) -> Vec<u8> {
        Vec::new()
    }

    fn posting(&mut self, _item: &Item, _rendered: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        for line in summary.statistics() {
            writeln!(self.out, "{line}")?;
        }
        if !self.quiet {
            for line in summary.lines() {
                writeln!(self.out, "{line}")?;
            }
        }
        self.out.flush()
    }
}
