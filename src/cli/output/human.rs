//! The human format: per posting, what the title claims and the body implies, the diagnostics
//! rendered like rustc's (path:line:col, the line, a marker under the span, help), and the
//! strongest evidence, then a summary. Colour goes through anstream, which strips it unless the
//! destination is a terminal (or `--color always` says so; never in a file).

use super::Destination;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
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
    view: View,
}

/// How much the human format shows. By default, the postings with a diagnostic, each with what
/// its title claims and its body implies: a batch of clean postings prints only its summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct View {
    /// Show this many pieces of evidence per posting (`--show-evidence`, `--evidence N`).
    pub evidence: Option<usize>,
    /// Show the postings with no diagnostic too (`--verbose`).
    pub every_posting: bool,
    /// Only the diagnostics: no posting headings, no evidence, no summary (`--quiet`).
    pub quiet: bool,
}

impl Human {
    pub fn new(to: Destination, view: View) -> Human {
        Human {
            out: anstream::AutoStream::new(to.out, to.color),
            renderer: Renderer::styled(),
            view,
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
        if report.diagnostics.is_empty() && !self.view.every_posting {
            return Ok(());
        }
        if !self.view.quiet {
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
        }
        let index = LineIndex::new(&posting.text);
        // A page converted from HTML is quoted from the page: its lines are the places'.
        let page = posting
            .source_map
            .as_ref()
            .and_then(|map| map.file())
            .filter(|_| !report.diagnostics.is_empty())
            .map(|file| (file, LineIndex::new(file)));
        // A rule's diagnostics stand together (most severe first, then by rule), so each run
        // of one rule is its places: a wording rule's phrases, one heading for them all.
        for group in report.diagnostics.chunk_by(|a, b| a.rule == b.rule) {
            let page = page.as_ref().map(|(file, index)| (*file, index));
            writeln!(
                out,
                "{}",
                render_diagnostics(&self.renderer, posting, &index, page, group)
            )?;
        }
        if self.view.quiet {
            return Ok(());
        }
        let shown = &report.evidence[..self.view.evidence.unwrap_or(0).min(report.evidence.len())];
        if !shown.is_empty() {
            // Columns as wide as this posting's widest entry, so that a four-digit column or a
            // long target does not push the rest out of line.
            let digits = |n: usize| n.to_string().len();
            let line_width = shown.iter().map(|e| digits(e.line)).max().unwrap_or(1);
            let column_width = shown.iter().map(|e| digits(e.column)).max().unwrap_or(1);
            let supports: Vec<String> = shown.iter().map(|e| e.supports.to_string()).collect();
            let supports_width = supports.iter().map(String::len).max().unwrap_or(0);
            writeln!(out, "  {DIM}evidence, strongest first:{DIM:#}")?;
            for (e, supports) in shown.iter().zip(&supports) {
                let negated = if e.negated { " (negated)" } else { "" };
                writeln!(
                    out,
                    "    {:>line_width$}:{:<column_width$}  {GREEN}{supports:<supports_width$}{GREEN:#}  {:>5.2}  \"{}\"{negated}  {DIM}{}{DIM:#}",
                    e.line,
                    e.column,
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
        if self.view.quiet {
            return self.out.flush();
        }
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

/// One place of a diagnostic, as the human view quotes it.
struct Place {
    /// The line quoted, made [`visible`].
    line: String,
    /// The span in `line`.
    marked: Range<usize>,
    /// The line number annotate-snippets shows.
    number: usize,
    /// The `path:line:column` annotate-snippets heads the snippet with, the column counted in
    /// the line shown.
    header: String,
    /// The place an editor or terminal opens, written instead of `header`.
    place: String,
}

/// Where `d` points, quoted. Everything from the input is made [`visible`]: the path and the
/// quoted line (with the span moved along).
fn place_of(
    posting: &Posting,
    index: &LineIndex,
    page: Option<(&str, &LineIndex)>,
    d: &Diagnostic,
) -> Place {
    let path = posting.source.to_string();
    let in_page = page.and_then(|(file, index)| page_line(file, index, d));
    let (shown, marked, line) = match (&d.span, d.line) {
        (Some(_), Some(line)) if in_page.is_some() => {
            let (text, span) = in_page.expect("matched as some");
            let (shown, marked) = visible_with_span(text, span);
            (shown, marked, Some(line))
        }
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
    // The header is rewritten into the place an editor or terminal opens: for a page converted
    // from HTML, the file's column; for a record, the record's line in its file, with what the
    // snippet shows after it (a record's text has lines of its own).
    let number = line.or(posting.source.line).unwrap_or(1);
    let column = shown[..marked.start].chars().count() + 1;
    let file = visible(posting.source.path.as_deref().unwrap_or("<input>"));
    let place = match (posting.source.line, line, d.column) {
        (Some(record_line), Some(line), Some(column)) => {
            format!(
                "{file}:{record_line} ({}line {line}:{column} of its text)",
                id_of(posting)
            )
        }
        (Some(record_line), _, _) => format!("{file}:{record_line} ({}its title)", id_of(posting)),
        (None, Some(line), Some(column)) => format!("{path}:{line}:{column}"),
        (None, _, _) => format!("{path} (title)"),
    };
    Place {
        line: shown,
        marked,
        number,
        header: format!("{path}:{number}:{column}"),
        place,
    }
}

/// The diagnostics of one rule in a posting as rustc shows a diagnostic: the rule and its
/// message once, then each place with its snippet. A wording rule's places often say different
/// things ("gendered word: \"chairman\"", "... \"guys\""): the heading is then the rule's
/// summary, each place is labelled with its own message, and a help that differs is given at
/// its place. Everything from the input is made [`visible`].
fn render_diagnostics(
    renderer: &Renderer,
    posting: &Posting,
    index: &LineIndex,
    page: Option<(&str, &LineIndex)>,
    group: &[Diagnostic],
) -> String {
    let first = &group[0];
    let level = match first.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let path = posting.source.to_string();
    let places: Vec<Place> = group
        .iter()
        .map(|d| place_of(posting, index, page, d))
        .collect();
    let messages: Vec<_> = group.iter().map(|d| visible(&d.message)).collect();
    let helps: Vec<_> = group
        .iter()
        .map(|d| visible(d.help.as_deref().unwrap_or_default()))
        .collect();
    let one_message = messages.iter().all(|m| *m == messages[0]);
    let one_help = helps.iter().all(|h| *h == helps[0]);
    let title = match jdlint::rules::find(first.rule) {
        Some(rule) if !one_message => rule.doc().summary,
        _ => messages[0].as_ref(),
    };
    let mut snippets = Group::with_title(level.primary_title(title).id(first.rule));
    for ((p, message), help) in places.iter().zip(&messages).zip(&helps) {
        let mut mark = AnnotationKind::Primary.span(p.marked.clone());
        if !one_message {
            mark = mark.label(message.as_ref());
        }
        let snippet = Snippet::source(p.line.as_str())
            .line_start(p.number)
            .path(path.as_str())
            .annotation(mark);
        snippets = snippets.element(snippet);
        if !one_help {
            snippets = snippets.element(Level::HELP.message(help.as_ref()));
        }
    }
    if one_help {
        snippets = snippets.element(Level::HELP.message(helps[0].as_ref()));
    }
    let mut out = renderer.render(&[snippets]);
    // Each header in turn, from where the last one was written: two places' headers may be
    // alike up to a digit ("f:7:5", "f:7:52"), and a place written may hold a later header.
    let mut from = 0;
    for p in &places {
        if let Some(at) = out[from..].find(&p.header).map(|at| from + at) {
            out.replace_range(at..at + p.header.len(), &p.place);
            from = at + p.place.len();
        }
    }
    out
}

/// The longest line of a page that the human view quotes: a minified page is one line of the
/// whole page, and its converted text's line says more.
const LONGEST_PAGE_LINE: usize = 300;

/// The page's own line at `d`'s place, without its indentation, and the byte range in it from
/// `d`'s column to its end column (or the line's end, for a span that goes on to another line).
/// `None` when `d` has no place, the line is too long to show, or the place is not in it.
fn page_line<'p>(
    file: &'p str,
    index: &LineIndex,
    d: &Diagnostic,
) -> Option<(&'p str, Range<usize>)> {
    let (line, column) = (d.line?, d.column?);
    if line == 0 || index.line_col(file, file.len()).0 < line {
        return None;
    }
    let text = &file[index.line_range(file, line)];
    if text.len() > LONGEST_PAGE_LINE {
        return None;
    }
    let at = |column: usize| {
        let mut chars = text.char_indices().map(|(i, _)| i).chain([text.len()]);
        chars.nth(column.checked_sub(1)?)
    };
    let start = at(column)?;
    let end = match (d.end_line, d.end_column) {
        (Some(end_line), Some(end_column)) if end_line == line => at(end_column)?,
        _ => text.len(),
    };
    let indent = text.len() - text.trim_start().len();
    let start = start.checked_sub(indent)?;
    let end = end.checked_sub(indent)?.max(start);
    Some((&text[indent..], start..end))
}

/// `id X, ` for a record that has an id, for a place that names it.
fn id_of(posting: &Posting) -> String {
    posting
        .source
        .id
        .as_deref()
        .map_or_else(String::new, |id| format!("id {}, ", visible(id)))
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
