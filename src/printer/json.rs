//! `--format json` (one document) and `--format jsonl` (one object per line), the DOMAIN.md
//! contract. The JSON document is written piece by piece so that it too streams.

mod compact;

use super::{Reporter, Sink, StreamedArray, Summary};
use crate::escape::is_hidden_control;
use crate::input::Item;
use crate::report::PostingReport;
use crate::Level;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// The `--format jsonl` reporter: one JSON object per posting, one per line, in input order.
pub struct Jsonl {
    out: Sink,
}

impl Jsonl {
    /// A reporter writing to `out`.
    pub fn new(out: Sink) -> Jsonl {
        Jsonl { out }
    }
}

impl Reporter for Jsonl {
    fn render(&self, _item: &Item, report: &PostingReport) -> Vec<u8> {
        let mut line = report_json(report);
        line.push(b'\n');
        line
    }

    fn posting(&mut self, _item: &Item, rendered: &[u8]) -> io::Result<()> {
        self.out.write_all(rendered)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.flush()
    }
}

/// The `--format json` reporter: one JSON document with the version and a `postings` array.
pub struct Json {
    out: Sink,
    postings: StreamedArray,
}

impl Json {
    /// A reporter writing to `out`.
    pub fn new(out: Sink) -> Json {
        Json {
            out,
            postings: StreamedArray::new(),
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

    fn render(&self, _item: &Item, report: &PostingReport) -> Vec<u8> {
        report_json(report)
    }

    fn posting(&mut self, _item: &Item, rendered: &[u8]) -> io::Result<()> {
        self.postings.push(&mut self.out, rendered)
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
        let close = self.postings.close("  ");
        writeln!(self.out, "{close},\n  \"summary\": {summary}\n}}")?;
        self.out.flush()
    }
}

/// `value` as compact JSON in which no control character stands raw: serde_json escapes C0 ones,
/// and DEL, C1 controls, line separators and bidirectional controls are written as `\uXXXX`
/// too, so that a report read in a terminal moves no cursor. (A report holds strings, numbers
/// and maps with string keys, which always serialize.) [`compact`] writes it, serde_json's bytes
/// faster; what that leaves to serde_json (its own numbers, in a `serde_json::Value`) serde_json
/// writes.
pub fn to_json(value: &impl serde::Serialize) -> Vec<u8> {
    write_json(Vec::new(), value)
}

/// A report as [`to_json`] writes it, in a buffer sized for it up front: grown from empty, the
/// buffer of a report with dozens of pieces of evidence is reallocated and copied a dozen times.
fn report_json(report: &PostingReport) -> Vec<u8> {
    // A little more than a piece of evidence and a diagnostic take, and the rest of a report.
    let capacity = 1024 + 256 * report.evidence.len() + 512 * report.diagnostics.len();
    let mut out = Vec::with_capacity(capacity);
    if compact::write_report(&mut out, report).is_ok() {
        return out;
    }
    out.clear();
    write_json(out, report)
}

/// [`to_json`], written into `out`: empty, with whatever room the caller reserved.
fn write_json(mut out: Vec<u8>, value: &impl serde::Serialize) -> Vec<u8> {
    if compact::write(&mut out, value).is_ok() {
        return out;
    }
    out.clear();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, VisibleControls);
    match value.serialize(&mut serializer) {
        Ok(()) => out,
        Err(_) => Vec::new(),
    }
}

/// serde_json's compact formatter that also writes DEL, C1 controls, line separators and bidirectional
/// controls (`jdlint::escape::is_hidden_control`) as `\uXXXX` escapes; the value read back is
/// the same.
struct VisibleControls;

impl Formatter for VisibleControls {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        // Every hidden control is DEL or not ASCII, and most fragments are ASCII without DEL:
        // they are written whole (decoding a character at a time cost a sixth of `--format
        // jsonl`). A byte plus one is 0x80 or more from DEL up (0xff is no UTF-8), and a fold
        // without an early exit is checked many bytes at a time.
        if fragment.bytes().fold(0, |high, b| high | b.wrapping_add(1)) < 0x80 {
            return writer.write_all(fragment.as_bytes());
        }
        let mut run = 0;
        for (at, c) in fragment.char_indices() {
            if is_hidden_control(c) {
                writer.write_all(&fragment.as_bytes()[run..at])?;
                // Every such character is in the Basic Multilingual Plane: one escape.
                write!(writer, "\\u{:04x}", u32::from(c))?;
                run = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[run..])
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
