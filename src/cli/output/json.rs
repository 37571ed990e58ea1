//! `--format json` (one document) and `--format jsonl` (one object per line), the DOMAIN.md
//! contract. The JSON document is written piece by piece so that it too streams.

use super::{Reporter, Summary};
use jdlint::input::Item;
use jdlint::report::PostingReport;
use jdlint::Level;
use std::io::{self, Write};

pub struct Jsonl {
    out: Box<dyn Write>,
}

impl Jsonl {
    pub fn new(out: Box<dyn Write>) -> Jsonl {
        Jsonl { out }
    }
}

impl Reporter for Jsonl {
    fn posting(&mut self, _item: &Item, report: &PostingReport) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, report)?;
        self.out.write_all(b"\n")
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

pub struct Json {
    out: Box<dyn Write>,
    first: bool,
}

impl Json {
    pub fn new(out: Box<dyn Write>) -> Json {
        Json { out, first: true }
    }
}

impl Reporter for Json {
    fn begin(&mut self) -> io::Result<()> {
        write!(
            self.out,
            "{{\n  \"version\": {},\n  \"postings\": [",
            serde_json::Value::from(env!("CARGO_PKG_VERSION"))
        )
    }

    fn posting(&mut self, _item: &Item, report: &PostingReport) -> io::Result<()> {
        self.out
            .write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        serde_json::to_writer(&mut self.out, report)?;
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let summary = serde_json::json!({
            "postings": summary.postings,
            "input_errors": summary.input_errors,
            "diagnostics": {"error": summary.errors, "warning": summary.warnings, "info": summary.infos},
            "implied_levels": implied_levels(summary),
        });
        let close = if self.first { "]" } else { "\n  ]" };
        writeln!(self.out, "{close},\n  \"summary\": {summary}\n}}")?;
        self.out.flush()
    }
}

/// Postings by implied level, every level present (0 when none), and `none` for no level.
fn implied_levels(summary: &Summary) -> serde_json::Value {
    let mut levels: serde_json::Map<String, serde_json::Value> = Level::ALL
        .iter()
        .map(|l| {
            let n = summary.implied_levels.get(l).copied().unwrap_or(0);
            (l.id().to_string(), n.into())
        })
        .collect();
    levels.insert("none".into(), summary.no_implied_level.into());
    serde_json::Value::Object(levels)
}
