//! Printers of analysis results, the library's own so that an embedder writes what `jdlint`
//! writes: the DOMAIN.md JSON document and JSON Lines ([`json`]), SARIF 2.1.0 ([`sarif`]),
//! GitLab Code Quality ([`gitlab`]) and JUnit XML ([`junit`]).
//! Each is a [`Reporter`]: it renders each result on the worker thread that analyzed it, then is
//! handed the rendered results in input order, so output streams while a large input is still
//! being read, and rendering (JSON serialization above all) scales with the threads instead of
//! queueing on one. The command line adds its text formats (human, brief, github) on the same
//! trait.

pub mod gitlab;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::input::Item;
use crate::posting::{Posting, Source};
use crate::report::PostingReport;
use crate::rules::{Diagnostic, Severity};
use crate::Level;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

/// Renders results in parallel and writes them in order.
pub trait Reporter: Sync {
    /// Before the first result (a document's opening, say).
    fn begin(&mut self) -> io::Result<()> {
        Ok(())
    }
    /// What one input's result adds to the report; `item` is the posting it came from, or why it
    /// could not be read. Called on the worker threads, in any order.
    fn render(&self, item: &Item, report: &PostingReport) -> Vec<u8>;
    /// Writes one input's result, as `render` rendered it; called in input order.
    fn posting(&mut self, item: &Item, rendered: &[u8]) -> io::Result<()>;
    /// Hands what was written so far to the destination (after each chunk).
    fn flush(&mut self) -> io::Result<()>;
    /// After the last result.
    fn finish(&mut self, summary: &Summary) -> io::Result<()>;
}

/// A buffered writer that a reporter shared across the worker threads can hold.
pub type Sink = Box<dyn Write + Send + Sync>;

/// Counts for the summary and the exit code.
#[derive(Debug, Default)]
pub struct Summary {
    /// Postings analyzed (inputs that could not be read are not counted here).
    pub postings: usize,
    /// Inputs (or records) that could not be read or parsed.
    pub input_errors: usize,
    /// Diagnostics of severity `error`.
    pub errors: usize,
    /// Diagnostics of severity `warning`.
    pub warnings: usize,
    /// Diagnostics of severity `info`.
    pub infos: usize,
    /// The most severe diagnostic seen.
    pub highest: Option<Severity>,
    /// Postings by the level their body implies.
    pub implied_levels: BTreeMap<Level, usize>,
    /// Postings whose body says too little to imply a level.
    pub no_implied_level: usize,
    /// Diagnostics by rule and severity (a rule's severity can vary by posting), for
    /// `--statistics`.
    pub by_rule: BTreeMap<(&'static str, Severity), usize>,
}

impl Summary {
    /// Counts one posting's result: its diagnostics and implied level, or its input error.
    pub fn add(&mut self, report: &PostingReport) {
        if report.error.is_some() {
            self.input_errors += 1;
            return;
        }
        self.postings += 1;
        match report.implied.as_ref().and_then(|i| i.level) {
            Some(level) => *self.implied_levels.entry(level).or_default() += 1,
            None => self.no_implied_level += 1,
        }
        for d in &report.diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
            self.highest = self.highest.max(Some(d.severity));
            *self.by_rule.entry((d.rule, d.severity)).or_default() += 1;
        }
    }

    /// The summary as lines of text, for the text formats:
    ///
    /// ```text
    /// 3 postings checked: 1 error, 1 warning, 0 info
    /// implied levels: pm 1, director 1, none 1
    /// 1 input could not be read
    /// ```
    pub fn lines(&self) -> Vec<String> {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut lines = vec![format!(
            "{} posting{} checked: {} error{}, {} warning{}, {} info",
            self.postings,
            plural(self.postings),
            self.errors,
            plural(self.errors),
            self.warnings,
            plural(self.warnings),
            self.infos
        )];
        if self.postings > 0 {
            let mut mix: Vec<String> = self
                .implied_levels
                .iter()
                .map(|(level, n)| format!("{} {n}", level.id()))
                .collect();
            if self.no_implied_level > 0 {
                mix.push(format!("none {}", self.no_implied_level));
            }
            lines.push(format!("implied levels: {}", mix.join(", ")));
        }
        if self.input_errors > 0 {
            lines.push(format!(
                "{} input{} could not be read",
                self.input_errors,
                plural(self.input_errors)
            ));
        }
        lines
    }

    /// The diagnostics by rule, most frequent first (ruff's `--statistics`), each line
    /// `COUNT  SEVERITY  RULE`, the columns aligned:
    ///
    /// ```text
    /// 12  warning  low-evidence
    ///  3  error    title-level-mismatch
    /// ```
    pub fn statistics(&self) -> Vec<String> {
        let mut rows: Vec<(&(&str, Severity), &usize)> = self.by_rule.iter().collect();
        rows.sort_by(|(a, m), (b, n)| n.cmp(m).then(a.cmp(b)));
        let count_width = rows.iter().map(|(_, n)| n.to_string().len()).max();
        let count_width = count_width.unwrap_or(1);
        rows.iter()
            .map(|((rule, severity), n)| format!("{n:>count_width$}  {:<7}  {rule}", severity.id()))
            .collect()
    }
}

/// Where something stands in an input file, as far as it is known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// 1-based column, in characters.
    pub column: Option<usize>,
    /// The line and column of the character just after the span, when the span is not empty.
    pub end: Option<(usize, usize)>,
}

impl Place {
    /// Where an input error stands: a record's line, or the whole file.
    pub fn of_source(source: &Source) -> Place {
        Place {
            line: source.line,
            ..Place::default()
        }
    }

    /// Where a diagnostic of `posting` points in its file. A document's diagnostic points at its
    /// span; a record of a multi-record file (a JSONL line) at the record's line, since
    /// positions in its text are not positions in the file; a title given on the command line
    /// at the file as a whole.
    pub fn of_diagnostic(posting: &Posting, d: &Diagnostic) -> Place {
        if posting.source.line.is_some() {
            return Place::of_source(&posting.source);
        }
        // An empty span has no end.
        let end = match (d.line, d.column, d.end_line, d.end_column) {
            (Some(line), Some(column), Some(end_line), Some(end_column))
                if (end_line, end_column) != (line, column) =>
            {
                Some((end_line, end_column))
            }
            _ => None,
        };
        Place {
            line: d.line,
            column: d.column,
            end,
        }
    }
}

/// `path` as it should appear in a report that is read relative to the current directory (the
/// root of a repository in CI): without leading `./`, relative to the current directory when it
/// is under it, and with `/` separators.
pub fn relative_path(path: &str, cwd: Option<&Path>) -> String {
    let as_path = Path::new(path);
    let relative: PathBuf = match cwd {
        Some(cwd) if as_path.is_absolute() => as_path
            .strip_prefix(cwd)
            .map_or_else(|_| as_path.to_path_buf(), Path::to_path_buf),
        _ => as_path.to_path_buf(),
    };
    let mut out = String::new();
    for part in relative.components() {
        match part {
            Component::CurDir => {}
            Component::Prefix(_) | Component::RootDir => {
                out.push_str(&part.as_os_str().to_string_lossy());
            }
            Component::ParentDir | Component::Normal(_) => {
                if !out.is_empty() && !out.ends_with(['/', '\\']) {
                    out.push('/');
                }
                out.push_str(&part.as_os_str().to_string_lossy());
            }
        }
    }
    if out.is_empty() {
        out.push('.');
    }
    out
}

/// The elements of a JSON array written as they arrive: each after the separator it needs, and
/// the closing bracket on its own line only after some element.
struct StreamedArray {
    empty: bool,
}

impl StreamedArray {
    fn new() -> StreamedArray {
        StreamedArray { empty: true }
    }

    fn push(&mut self, out: &mut impl Write, element: &[u8]) -> io::Result<()> {
        out.write_all(if self.empty { b"\n" } else { b",\n" })?;
        self.empty = false;
        out.write_all(element)
    }

    /// The closing bracket, after a line break and `indent` when an element was written.
    fn close(&self, indent: &str) -> String {
        if self.empty {
            "]".to_string()
        } else {
            format!("\n{indent}]")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_drop_dot_and_the_current_directory() {
        let cwd = Path::new("/work/repo");
        assert_eq!(relative_path("./a/./b.md", Some(cwd)), "a/b.md");
        assert_eq!(relative_path("/work/repo/a/b.md", Some(cwd)), "a/b.md");
        assert_eq!(
            relative_path("/elsewhere/b.md", Some(cwd)),
            "/elsewhere/b.md"
        );
        assert_eq!(relative_path("../up/b.md", Some(cwd)), "../up/b.md");
        assert_eq!(relative_path("b.md", None), "b.md");
        assert_eq!(relative_path("./", None), ".");
    }

    #[test]
    fn places_of_a_document_span_its_diagnostic_and_a_record_points_at_its_line() {
        let d = Diagnostic {
            rule: "r",
            severity: Severity::Warning,
            message: String::new(),
            line: Some(2),
            column: Some(3),
            end_line: Some(2),
            end_column: Some(16),
            span: Some(3..16),
            help: None,
            fix: None,
        };
        let mut posting = Posting::new(Source::file("a.jsonl"), "t", "body");
        let place = Place::of_diagnostic(&posting, &d);
        assert_eq!(
            place,
            Place {
                line: Some(2),
                column: Some(3),
                end: Some((2, 16))
            }
        );
        posting.source.line = Some(7);
        assert_eq!(
            Place::of_diagnostic(&posting, &d),
            Place::of_source(&posting.source)
        );
    }
}
