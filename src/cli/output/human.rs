//! The human format: per posting, what the title claims and the body implies, the diagnostics
//! rendered like rustc's (path:line:col, the line, a marker under the span, help), and the
//! strongest evidence, then a summary. Colour goes through anstream, which strips it unless the
//! destination is a terminal (or `--color always` says so; never in a file).

use super::Destination;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use jdlint::classify::Implied;
use jdlint::escape::visible;
use jdlint::input::Item;
use jdlint::normalize::LineIndex;
use jdlint::printer::{Reporter, Sink, Summary};
use jdlint::report::PostingReport;
use jdlint::title::Claimed;
use jdlint::{Diagnostic, Posting, Severity};
use std::fmt::Write as _;
use std::io::{self, Write};
use std::ops::Range;

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const GREEN: Style = AnsiColor::Green.on_default();

pub struct Human {
    out: anstream::AutoStream<Sink>,
    renderer: Renderer,
    evidence: usize,
}

impl Human {
    pub fn new(to: Destination, evidence: usize) -> Human {
        Human {
            out: anstream::AutoStream::new(to.out, to.color),
            renderer: Renderer::styled(),
            evidence,
        }
    }
}

impl Human {
    fn write_posting(
        &self,
        out: &mut String,
        item: &Item,
        report: &PostingReport,
    ) -> std::fmt::Result {
        // Unreadable inputs are reported on stderr, where errors belong.
        let Ok(posting) = item else { return Ok(()) };
        writeln!(
            out,
            "{BOLD}{}{BOLD:#}: {}",
            posting.source,
            visible(&posting.title)
        )?;
        if let (Some(claimed), Some(implied)) = (&report.claimed, &report.implied) {
            writeln!(out, "  claimed  {}", describe_claimed(claimed))?;
            writeln!(out, "  implied  {}", describe_implied(implied))?;
        }
        let index = LineIndex::new(&posting.text);
        for d in &report.diagnostics {
            writeln!(
                out,
                "{}",
                render_diagnostic(&self.renderer, posting, &index, d)
            )?;
        }
        let shown: Vec<_> = report.evidence.iter().take(self.evidence).collect();
        if !shown.is_empty() {
            writeln!(out, "  {DIM}evidence, strongest first:{DIM:#}")?;
            for e in shown {
                let negated = if e.negated { " (negated)" } else { "" };
                writeln!(
                    out,
                    "    {:>4}:{:<3} {GREEN}{:<26}{GREEN:#} {:>5.2}  \"{}\"{negated}  {DIM}{}{DIM:#}",
                    e.line,
                    e.column,
                    e.supports.to_string(),
                    e.weight,
                    visible(&e.text),
                    visible(&e.source)
                )?;
            }
        }
        writeln!(out)
    }
}

impl Reporter for Human {
    /// Rendered with colour; `posting` writes through anstream, which strips it where it does
    /// not belong.
    fn render(&self, item: &Item, report: &PostingReport) -> Vec<u8> {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_posting(&mut out, item, report);
        out.into_bytes()
    }

    fn posting(&mut self, _item: &Item, rendered: &[u8]) -> io::Result<()> {
        self.out.write_all(rendered)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        for line in summary.lines() {
            writeln!(self.out, "{BOLD}{line}{BOLD:#}")?;
        }
        self.out.flush()
    }
}

fn or_unknown(id: Option<&'static str>) -> &'static str {
    id.unwrap_or("?")
}

fn describe_claimed(c: &Claimed) -> String {
    if c.level.is_none() {
        return "nothing (no product-management role in the title)".into();
    }
    format!(
        "{} · {} · {}",
        or_unknown(c.level.map(|l| l.id())),
        or_unknown(c.track.map(|t| t.id())),
        c.specialization.map_or("no specialization", |s| s.id())
    )
}

fn describe_implied(i: &Implied) -> String {
    if i.level.is_none() {
        return "unknown (too little evidence)".into();
    }
    format!(
        "{} · {} · {}  (confidence {:.2})",
        or_unknown(i.level.map(|l| l.id())),
        or_unknown(i.track.map(|t| t.id())),
        or_unknown(i.specialization.map(|s| s.id())),
        i.confidence
    )
}

/// A diagnostic as rustc shows one. Everything from the input in it is made [`visible`]: the
/// message, the help, the path and the quoted line (with the span moved along).
fn render_diagnostic(
    renderer: &Renderer,
    posting: &Posting,
    index: &LineIndex,
    d: &Diagnostic,
) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let path = posting.source.to_string();
    let help = visible(d.help.as_deref().unwrap_or_default()).into_owned();
    let (shown, marked, line) = match (&d.span, d.line) {
        (Some(span), Some(line)) => {
            // The text's own line: `line` is the file's, which differs for converted HTML.
            let (text_line, _) = index.line_col(&posting.text, span.start);
            let range = index.line_range(&posting.text, text_line);
            let start = span.start.clamp(range.start, range.end) - range.start;
            let end = span.end.clamp(range.start, range.end) - range.start;
            let (shown, marked) = visible_with_span(&posting.text[range], start..end.max(start));
            (shown, marked, Some(line))
        }
        // A record's title is not in its text: show the title itself.
        _ => {
            let (shown, marked) = visible_with_span(&posting.title, 0..posting.title.len());
            (shown, marked, None)
        }
    };
    let snippet = match line {
        Some(line) => Snippet::source(shown.as_str())
            .line_start(line)
            .path(path.as_str()),
        None => Snippet::source(shown.as_str()).path(format!("{path} (title)")),
    };
    // annotate-snippets heads the snippet with `path:line:column`, the column counted in the
    // line shown; for a page converted from HTML that is the converted text's, not the file's.
    let shown_column = shown[..marked.start].chars().count() + 1;
    let snippet = snippet.annotation(AnnotationKind::Primary.span(marked));
    let message = visible(&d.message);
    let group = level
        .primary_title(message.as_ref())
        .id(d.rule)
        .element(snippet)
        .element(Level::HELP.message(help));
    let rendered = renderer.render(&[group]);
    match (line, d.column) {
        (Some(line), Some(column)) if column != shown_column => rendered.replacen(
            &format!("{path}:{line}:{shown_column}"),
            &format!("{path}:{line}:{column}"),
            1,
        ),
        _ => rendered,
    }
}

/// `line` made [`visible`], and where `span` (a byte range of `line`) stands in what is shown.
fn visible_with_span(line: &str, span: Range<usize>) -> (String, Range<usize>) {
    let before = visible(&line[..span.start]);
    let marked = visible(&line[span.clone()]);
    let start = before.len();
    let end = start + marked.len();
    (
        [before, marked, visible(&line[span.end..])].concat(),
        start..end,
    )
}
