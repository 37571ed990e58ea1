//! `--format junit`: JUnit XML, which CI systems (GitLab's test report, Jenkins, Azure DevOps)
//! show as test results.
//!
//! One `<testsuite>` per posting, named by its place (`postings/pm.md`, `ats.jsonl:4 (id r-7)`).
//! Each diagnostic is a `<testcase>` named by its rule, with a `<failure>` whose type is the
//! severity; a posting with none is one passing `jdlint` testcase; an input that could not be
//! read is an `input` testcase with an `<error>`. Totals are per suite, so that the report
//! streams.
//!
//! Everything from the input is made [`visible`] (no control character survives, which XML 1.0
//! could not hold even as a character reference, and no line opens a workflow command) and then
//! XML-escaped (`& < > " '`), in text and in attributes alike.

use super::{relative_path, Place, Reporter, Sink, Summary};
use crate::escape::visible;
use crate::input::Item;
use crate::report::PostingReport;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::PathBuf;

/// The `--format junit` reporter.
pub struct Junit {
    out: Sink,
    cwd: Option<PathBuf>,
}

impl Junit {
    /// A report written to `out`, with paths relative to `cwd` when it is given.
    pub fn new(out: Sink, cwd: Option<PathBuf>) -> Junit {
        Junit { out, cwd }
    }
}

impl Reporter for Junit {
    fn begin(&mut self) -> io::Result<()> {
        self.out.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"jdlint\">\n",
        )
    }

    fn render(&self, item: &Item, report: &PostingReport) -> Vec<u8> {
        let path = relative_path(
            report.source.path.as_deref().unwrap_or("-"),
            self.cwd.as_deref(),
        );
        let mut suite = report.source.clone();
        suite.path = Some(path.clone());
        let (path, suite) = (xml(&path), xml(&suite.to_string()));
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = match item {
            Err(e) => write!(
                out,
                "  <testsuite name=\"{suite}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    \
                 <testcase name=\"input\" classname=\"{path}\" file=\"{path}\">\
                 <error message=\"{}\"/></testcase>\n  </testsuite>\n",
                xml(&e.message)
            ),
            Ok(_) if report.diagnostics.is_empty() => write!(
                out,
                "  <testsuite name=\"{suite}\" tests=\"1\" failures=\"0\" errors=\"0\">\n    \
                 <testcase name=\"jdlint\" classname=\"{path}\" file=\"{path}\"/>\n  </testsuite>\n"
            ),
            Ok(posting) => {
                let n = report.diagnostics.len();
                let _ = writeln!(
                    out,
                    "  <testsuite name=\"{suite}\" tests=\"{n}\" failures=\"{n}\" errors=\"0\">"
                );
                for d in &report.diagnostics {
                    let place = Place::of_diagnostic(posting, d);
                    let line = place.line.unwrap_or(1);
                    let at = match place.column {
                        Some(column) => format!("{line}:{column}"),
                        None => line.to_string(),
                    };
                    let help = d
                        .help
                        .as_deref()
                        .map(|h| format!("&#10;help: {}", xml(h)))
                        .unwrap_or_default();
                    let _ = writeln!(
                        out,
                        "    <testcase name=\"{}\" classname=\"{path}\" file=\"{path}\" line=\"{line}\">\
                         <failure type=\"{}\" message=\"{}\">{path}:{at}: {} {}: {}{}</failure></testcase>",
                        d.rule,
                        d.severity.id(),
                        xml(&d.message),
                        d.severity.id(),
                        d.rule,
                        xml(&d.message),
                        help
                    );
                }
                writeln!(out, "  </testsuite>")
            }
        };
        out.into_bytes()
    }

    fn posting(&mut self, _item: &Item, rendered: &[u8]) -> io::Result<()> {
        self.out.write_all(rendered)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.out.write_all(b"</testsuites>\n")?;
        self.out.flush()
    }
}

/// `text` made [`visible`], then escaped for XML text and attributes.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in visible(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Not characters XML 1.0 allows, even as references.
            '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escapes_markup_and_writes_out_controls() {
        assert_eq!(
            xml("a<b> & \"c\" 'd'\u{1b}[2J\u{ffff}"),
            "a&lt;b&gt; &amp; &quot;c&quot; &apos;d&apos;\\u{1b}[2J\\u{ffff}"
        );
        // A line break from the input is written out, and a leading `::` cannot open a command.
        assert_eq!(xml("x\n::error::y"), "x\\n::error::y");
        assert_eq!(xml("::error::y"), "\\u{3a}:error::y");
    }
}
