//! `--format json` (one document) and `--format jsonl` (one object per line), the DOMAIN.md
//! contract. The JSON document is written piece by piece so that it too streams.

use super::{Reporter, Summary};
use jdlint::input::Item;
use jdlint::report::PostingReport;
use std::io::{self, BufWriter, Stdout, Write};

pub struct Jsonl {
    out: BufWriter<Stdout>,
}

impl Default for Jsonl {
    fn default() -> Self {
        Jsonl {
            out: BufWriter::new(io::stdout()),
        }
    }
}

impl Reporter for Jsonl {
    fn posting(&mut self, _item: &Item, report: &PostingReport) -> io::Result<()> {
        serde_json::to_writer(&mut self.out, report)?;
        self.out.write_all(b"\n")
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

pub struct Json {
    out: BufWriter<Stdout>,
    first: bool,
}

impl Default for Json {
    fn default() -> Self {
        Json {
            out: BufWriter::new(io::stdout()),
            first: true,
        }
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

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        let summary = serde_json::json!({
            "postings": summary.postings,
            "input_errors": summary.input_errors,
            "diagnostics": {"error": summary.errors, "warning": summary.warnings, "info": summary.infos},
        });
        let close = if self.first { "]" } else { "\n  ]" };
        writeln!(self.out, "{close},\n  \"summary\": {summary}\n}}")?;
        self.out.flush()
    }
}
