//! A posting: where it came from, its title, and its text with the body marked out.

use crate::escape::visible;
use crate::normalize::LineIndex;
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// Where a posting (or an input error) came from. DOMAIN.md: unknown values are `null`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Source {
    /// The file path as given, or `-` for standard input.
    pub path: Option<String>,
    /// The line of a JSONL record in its file.
    pub line: Option<usize>,
    /// The record's `id` field.
    pub id: Option<String>,
}

impl Source {
    /// The source of a file at `path`, with no line or record id.
    pub fn file(path: impl Into<String>) -> Source {
        Source {
            path: Some(path.into()),
            ..Source::default()
        }
    }
}

/// For people: the path and the id made [`visible`], since strangers wrote them.
impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = visible(self.path.as_deref().unwrap_or("<input>"));
        match (self.line, &self.id) {
            (Some(line), Some(id)) => write!(f, "{path}:{line} (id {})", visible(id)),
            (Some(line), None) => write!(f, "{path}:{line}"),
            _ => f.write_str(&path),
        }
    }
}

/// One job posting.
#[derive(Debug, Clone, PartialEq)]
pub struct Posting {
    /// Where the posting came from: file path, line and record id.
    pub source: Source,
    /// The title: a document's title line (an HTML page's `<h1>`), a record's title field, or
    /// the `--title` given.
    pub title: String,
    /// Where the title stands in `text`, when it was read from it (not for JSONL records or
    /// `--title`).
    pub title_span: Option<Range<usize>>,
    /// The whole document: line and column numbers of evidence count in it.
    pub text: String,
    /// The part of `text` that is the body.
    pub body: Range<usize>,
    /// A record's other fields with scalar values (company, team, a label...), for grouping and
    /// calibration; empty for documents.
    pub fields: BTreeMap<String, String>,
    /// Where `text` stands in the file when it was converted from another markup (HTML), so
    /// that reports can point at the file's own lines and columns; `None` when `text` is the file.
    pub source_map: Option<SourceMap>,
}

impl Posting {
    /// A posting whose title and body are given apart (a JSONL record, an API caller).
    pub fn new(source: Source, title: impl Into<String>, body: impl Into<String>) -> Posting {
        let text = body.into();
        Posting {
            source,
            title: title.into(),
            title_span: None,
            body: 0..text.len(),
            text,
            fields: BTreeMap::new(),
            source_map: None,
        }
    }

    /// A posting from a document: the title is the `title:` of a YAML front matter, else the
    /// first non-empty line that is not only an HTML comment (a Markdown `# H1` loses its `#`).
    /// `title` overrides it, and then the whole document (less any front matter) is the body.
    /// `None` when there is no title.
    pub fn from_document(source: Source, text: String, title: Option<&str>) -> Option<Posting> {
        let (front_title, body_start) = front_matter(&text);
        if let Some(title) = title {
            return Some(Posting {
                source,
                title: title.trim().to_string(),
                title_span: None,
                body: body_start..text.len(),
                text,
                fields: BTreeMap::new(),
                source_map: None,
            });
        }
        if let Some(span) = front_title {
            return Some(Posting {
                source,
                title: text[span.clone()].to_string(),
                title_span: Some(span),
                body: body_start..text.len(),
                text,
                fields: BTreeMap::new(),
                source_map: None,
            });
        }
        let mut offset = body_start;
        for line in text[body_start..].split_inclusive('\n') {
            let content = line.trim_end_matches(['\n', '\r']);
            let stripped = content.trim().trim_start_matches('#').trim();
            // A line that is only an HTML comment is not shown in rendered Markdown, so it is
            // no title; nor are the suppression markers at either end of a title line (they
            // still suppress).
            let comment = stripped.starts_with("<!--") && stripped.ends_with("-->");
            let stripped = &stripped[without_markers(stripped)];
            if !stripped.is_empty() && !comment {
                // `stripped` is a part of `content`: its place is where it points, which a
                // search could find earlier ("jdlint: ignore[ab] a").
                let start = offset + (stripped.as_ptr() as usize - content.as_ptr() as usize);
                let span = start..start + stripped.len();
                return Some(Posting {
                    source,
                    title: stripped.to_string(),
                    title_span: Some(span),
                    body: offset + line.len()..text.len(),
                    text,
                    fields: BTreeMap::new(),
                    source_map: None,
                });
            }
            offset += line.len();
        }
        None
    }

    /// A posting from a document whose title is already found at `title` in `text` (a converted
    /// HTML page's `<h1>`): the body is what follows the title's line.
    pub fn titled_at(source: Source, text: String, title: Range<usize>) -> Posting {
        let kept = without_markers(&text[title.clone()]);
        let title = match title.start + kept.start..title.start + kept.end {
            // A heading of markers alone keeps them: a posting needs a title.
            kept if kept.is_empty() => title,
            kept => kept,
        };
        let body_start = text[title.end..]
            .find('\n')
            .map_or(text.len(), |i| title.end + i + 1);
        Posting {
            source,
            title: text[title.clone()].to_string(),
            title_span: Some(title),
            body: body_start..text.len(),
            text,
            fields: BTreeMap::new(),
            source_map: None,
        }
    }

    /// The body's text, `text[body]`.
    pub fn body_text(&self) -> &str {
        &self.text[self.body.clone()]
    }
}

/// The part of a title line that is not a suppression marker at its start or end, trimmed:
/// `Rockstar PM <!-- jdlint-disable hype-job-title -->` is titled `Rockstar PM`. A marker inside
/// the title is kept, since a title is one span of the text.
fn without_markers(line: &str) -> Range<usize> {
    // One scan of the line: a line of many markers costs its length, not its length per marker.
    let markers = crate::suppress::parse_line(line);
    let mut kept = 0..line.len();
    let skip_space = |kept: &mut Range<usize>| {
        let part = &line[kept.clone()];
        *kept =
            kept.start + (part.len() - part.trim_start().len())..kept.start + part.trim_end().len();
    };
    skip_space(&mut kept);
    let mut ahead = markers.iter().peekable();
    while let Some(m) = ahead.next_if(|m| m.range.start == kept.start) {
        kept.start = m.range.end.min(kept.end);
        skip_space(&mut kept);
    }
    let mut behind = markers.iter().rev().peekable();
    while let Some(m) = behind.next_if(|m| m.range.end == kept.end && m.range.start >= kept.start) {
        kept.end = m.range.start;
        skip_space(&mut kept);
    }
    kept
}

#[cfg(test)]
mod title_tests {
    use super::*;

    #[test]
    fn markers_at_either_end_of_a_title_are_not_part_of_it() {
        let title = |text: &str| {
            Posting::from_document(Source::file("a.md"), text.into(), None).map(|p| p.title)
        };
        assert_eq!(
            title("# Rockstar PM <!-- jdlint-disable hype-job-title -->\nbody").as_deref(),
            Some("Rockstar PM")
        );
        assert_eq!(
            title("jdlint: ignore[a] Ninja PM jdlint: ignore[b]  jdlint: ignore[c]\n").as_deref(),
            Some("Ninja PM")
        );
        // A marker inside the title stays: the title is one span of the text.
        assert_eq!(
            title("Senior jdlint: ignore[a] PM\n").as_deref(),
            Some("Senior jdlint: ignore[a] PM")
        );
        // A line of markers alone is no title.
        assert_eq!(
            title("jdlint: ignore[a]\nProduct Manager\n").as_deref(),
            Some("Product Manager")
        );
        let p = Posting::from_document(
            Source::file("a.md"),
            "x\n PM jdlint: ignore[a]\n".into(),
            None,
        );
        let p = p.unwrap();
        assert_eq!(&p.text[p.title_span.clone().unwrap()], p.title);
    }
}

/// Where the bytes of a posting's text stand in the file the user has: the text's own lines and
/// columns, or, for a text converted from HTML, the file's through its source map. Every line and
/// column the engine reports comes from here; build one per analysis.
pub struct Locator<'a> {
    posting: &'a Posting,
    index: LineIndex,
}

impl<'a> Locator<'a> {
    /// A locator for `posting`'s text, indexing its lines once.
    pub fn new(posting: &'a Posting) -> Locator<'a> {
        Locator {
            posting,
            index: LineIndex::new(&posting.text),
        }
    }

    /// The file's 1-based line and column of the character at byte `offset` of the text.
    pub fn start(&self, offset: usize) -> (usize, usize) {
        match &self.posting.source_map {
            Some(map) => map.locate(&self.posting.text, offset),
            None => self.index.line_col(&self.posting.text, offset),
        }
    }

    /// The file's line and column just past the last character of `span` (its start when it is
    /// empty).
    pub fn end(&self, span: &Range<usize>) -> (usize, usize) {
        if span.is_empty() {
            return self.start(span.start);
        }
        match &self.posting.source_map {
            Some(map) => map.locate_end(&self.posting.text, span.end),
            None => self.index.line_col(&self.posting.text, span.end),
        }
    }

    /// [`Locator::start`] and [`Locator::end`] of `span` at once: one search of the lines for
    /// both when they are on one line of the text itself.
    pub fn span(&self, span: &Range<usize>) -> ((usize, usize), (usize, usize)) {
        match &self.posting.source_map {
            Some(_) => (self.start(span.start), self.end(span)),
            None => self.index.span_line_cols(&self.posting.text, span),
        }
    }

    /// The lines of the text itself (not the file's, for converted HTML).
    pub fn text_lines(&self) -> &LineIndex {
        &self.index
    }
}

/// Where the characters of a converted text came from in its file. Each point says that the text
/// from `offset` on stands at `line`, `column` of the file, one character for one, up to the next
/// point; a point is kept where that run breaks (a tag, an entity, collapsed white space, a new
/// line) and every few hundred bytes of a long run, so a page costs a few points per line of text
/// and a place is found by counting a few hundred characters at most.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceMap {
    points: Vec<MapPoint>,
    /// The file the text was converted from, when kept ([`SourceMap::keep_file`]).
    file: Option<std::sync::Arc<str>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MapPoint {
    offset: usize,
    line: usize,
    column: usize,
}

impl SourceMap {
    /// Records that the text from byte `offset` on stands at `line`, `column` of the file.
    /// Points are pushed in increasing order of `offset`, by a converter that knows where its
    /// runs break.
    pub fn push(&mut self, offset: usize, line: usize, column: usize) {
        debug_assert!(self.points.last().is_none_or(|p| p.offset <= offset));
        self.points.push(MapPoint {
            offset,
            line,
            column,
        });
    }

    /// Keeps the file the text was converted from, so that a report can quote the file's own
    /// lines ([`SourceMap::file`]).
    pub fn keep_file(&mut self, file: &str) {
        self.file = Some(file.into());
    }

    /// The file the text was converted from, when it was kept.
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }

    /// The file's 1-based line and column for byte `offset` of `text` (the converted text).
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        self.locate_in_run(
            text,
            offset,
            self.points.partition_point(|p| p.offset <= offset),
        )
    }

    /// The file's line and column just past the character that ends at byte `end` of `text`:
    /// counted in the run that character belongs to, not in the next one, which may start
    /// further on in the file (after a closing tag).
    pub fn locate_end(&self, text: &str, end: usize) -> (usize, usize) {
        self.locate_in_run(text, end, self.points.partition_point(|p| p.offset < end))
    }

    /// `offset` counted from the point before index `i`.
    fn locate_in_run(&self, text: &str, offset: usize, i: usize) -> (usize, usize) {
        let Some(point) = i.checked_sub(1).map(|i| self.points[i]) else {
            return (1, 1);
        };
        let end = offset.min(text.len());
        let column = point.column + text.get(point.offset..end).map_or(0, |s| s.chars().count());
        (point.line, column)
    }
}

/// The span of a front matter's `title:` value and where the document after it starts.
fn front_matter(text: &str) -> (Option<Range<usize>>, usize) {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (None, 0);
    };
    let header = text.len() - rest.len();
    let mut offset = header;
    let mut title = None;
    for line in rest.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim_end() == "---" {
            return (title, offset + line.len());
        }
        if let Some(value) = content.strip_prefix("title:") {
            let value_trimmed = value.trim().trim_matches(['"', '\'']).trim();
            if !value_trimmed.is_empty() {
                let start = offset + content.find(value_trimmed).unwrap_or(0);
                title = Some(start..start + value_trimmed.len());
            }
        }
        offset += line.len();
    }
    // No closing `---`: not front matter after all.
    (None, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, title: Option<&str>) -> Posting {
        Posting::from_document(Source::file("t"), text.to_string(), title).unwrap()
    }

    #[test]
    fn title_is_the_first_non_empty_line() {
        let p = doc("\n\n  Senior PM  \nBody line\n", None);
        assert_eq!(p.title, "Senior PM");
        assert_eq!(&p.text[p.title_span.clone().unwrap()], "Senior PM");
        assert_eq!(p.body_text(), "Body line\n");
    }

    #[test]
    fn a_comment_line_is_no_title() {
        let p = doc("<!-- jdlint-disable x -->\n# Senior PM\nBody\n", None);
        assert_eq!(p.title, "Senior PM");
        assert_eq!(p.body_text(), "Body\n");
        assert_eq!(
            doc("<!-- a --> Senior PM\n", None).title,
            "<!-- a --> Senior PM"
        );
    }

    #[test]
    fn markdown_h1_and_front_matter_titles() {
        assert_eq!(
            doc("# Product Manager\n\nBody", None).title,
            "Product Manager"
        );
        let p = doc(
            "---\nlayout: job\ntitle: \"Senior PM, Growth\"\n---\n# Heading\nBody\n",
            None,
        );
        assert_eq!(p.title, "Senior PM, Growth");
        assert_eq!(p.body_text(), "# Heading\nBody\n");
    }

    #[test]
    fn an_explicit_title_leaves_the_whole_document_as_body() {
        let p = doc("Line one\nLine two\n", Some(" VP of Product "));
        assert_eq!(p.title, "VP of Product");
        assert_eq!(p.title_span, None);
        assert_eq!(p.body_text(), "Line one\nLine two\n");
    }

    #[test]
    fn a_blank_document_has_no_title() {
        assert!(Posting::from_document(Source::file("t"), " \n\t\n".into(), None).is_none());
    }
}
