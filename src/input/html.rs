//! HTML to text, for careers pages and ATS exports: tags are dropped, entities decoded, and the
//! content of `<script>`, `<style>`, `<template>`, `<noscript>`, `<svg>` and `<math>` and comments
//! skipped. Block elements (headings, paragraphs, list items, table rows...) and `<br>` start
//! lines of their own, so that sections and line numbers still mean something; a list item reads
//! `- item`. White space collapses as a browser shows it, except in `<pre>`.
//!
//! Each line of text starts on the line of the file its first character comes from whenever the
//! text is not already past it (so a pretty-printed page keeps its line numbers even in messages
//! that quote them), and a [`SourceMap`] records where every run of characters stands in the file,
//! so reports give the file's own line and column.
//!
//! A hand-written scanner rather than an HTML5 parser crate: the text and where each character
//! came from is all that is needed, a tree is not, and a scanner with no stack has no depth to
//! overflow on deeply nested or unclosed tags.

use crate::posting::SourceMap;
use std::ops::Range;

/// A page as text.
pub(crate) struct Page {
    pub text: String,
    pub map: SourceMap,
    /// The first line of the first `<h1>` that has text, in `text`.
    pub h1: Option<Range<usize>>,
    /// The first `<title>`, in `text` (it has a line of its own there).
    pub title: Option<Range<usize>>,
    /// The first line of the first element the [`Selector`] given matches that has text; the
    /// first `<h1>` is then not looked for.
    pub chosen: Option<Range<usize>>,
    /// The first line of the first `<h2>` or `<h3>` after the first `<h1>`, for a page whose
    /// `<h1>` is its logo ([`Page::job_heading`]).
    pub subheading: Option<Range<usize>>,
}

impl Page {
    /// The heading that names the job: the first `<h1>`, unless it holds only the site's or
    /// company's name and the heading below it the job. That is read from `<title>`, which names
    /// both: `<title>Staff Product Manager | Acme</title>`, `<h1>Acme</h1>` (a logo), `<h2>Staff
    /// Product Manager</h2>`. The `<h1>` must be one part of the title, split at ` | `, ` - `,
    /// ` – `, ` — `, ` · ` or ` at `, and the subheading within another part; anything less sure
    /// keeps the `<h1>`.
    pub fn job_heading(&self) -> Option<Range<usize>> {
        let h1 = self.h1.clone()?;
        let logo = || {
            let (title, sub) = (self.title.clone()?, self.subheading.clone()?);
            let title = self.text[title].to_lowercase();
            let parts: Vec<&str> = title
                .split(" | ")
                .flat_map(|p| p.split(" - "))
                .flat_map(|p| p.split(" – "))
                .flat_map(|p| p.split(" — "))
                .flat_map(|p| p.split(" · "))
                .flat_map(|p| p.split(" at "))
                .map(str::trim)
                .collect();
            let (name, job) = (
                self.text[h1.clone()].to_lowercase(),
                self.text[sub.clone()].to_lowercase(),
            );
            let name_part = parts.iter().position(|p| *p == name)?;
            let job_part = parts.iter().position(|p| p.contains(job.as_str()))?;
            (name_part != job_part).then_some(sub)
        };
        Some(logo().unwrap_or(h1))
    }
}

/// Which element holds a page's title (`--html-title`): a tag (`h2`), a class (`.job-title`), or
/// both (`h2.job-title`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector {
    tag: Option<String>,
    class: Option<String>,
}

impl Selector {
    /// Parses `TAG`, `.CLASS` or `TAG.CLASS`; `Err` says what is wrong.
    pub fn parse(text: &str) -> Result<Selector, String> {
        let (tag, class) = match text.split_once('.') {
            Some((tag, class)) => (tag, Some(class)),
            None => (text, None),
        };
        let is_name = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        if (!tag.is_empty() && !is_name(tag))
            || class.is_some_and(|c| !is_name(c))
            || text.is_empty()
        {
            return Err(format!(
                "invalid --html-title {text:?}: give a tag (h2), a class (.job-title) or both (h2.job-title)"
            ));
        }
        Ok(Selector {
            tag: (!tag.is_empty()).then(|| tag.to_ascii_lowercase()),
            class: class.map(str::to_string),
        })
    }

    /// Whether `title` is what the selector asks for (then `<title>` itself is the title).
    pub fn is_title(&self) -> bool {
        self.tag.as_deref() == Some("title") && self.class.is_none()
    }

    fn matches(&self, tag: &Tag) -> bool {
        self.tag.as_ref().is_none_or(|t| *t == tag.name)
            && self
                .class
                .as_ref()
                .is_none_or(|c| tag.class.split_ascii_whitespace().any(|k| k == c))
    }
}

/// Elements whose content is never shown as text.
const HIDDEN: [&str; 6] = ["script", "style", "template", "noscript", "svg", "math"];

/// Elements that start and end a line.
const BLOCKS: [&str; 44] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tr",
    "ul",
];

/// How a record's text is written when it is an HTML fragment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Markup {
    /// Markup as such: `<p>Own the roadmap</p>` (Lever's and Workable's descriptions).
    Html,
    /// Markup escaped into entities: `&lt;p&gt;Own the roadmap&lt;/p&gt;` (Greenhouse's job
    /// board API).
    Escaped,
}

/// Whether a record's text is an HTML fragment, as ATS exports give a posting's body, and how it
/// is written: at least two tags that make lines (`<p>`, `<li>`, `<br>`, a heading...), and at
/// least one for every four lines with text. A text that quotes a tag, or keeps a stray `<br>`
/// among its lines, stays text: read as HTML, its own line breaks would fold into spaces.
pub(crate) fn markup(text: &str) -> Option<Markup> {
    // Counted only for a text with tags: most records have none, and counting costs a pass.
    let enough = |tags: usize| {
        tags >= 2 && tags * 4 >= text.lines().filter(|l| !l.trim().is_empty()).count()
    };
    let count = |open: &str, close: &str| {
        memchr::memmem::find_iter(text.as_bytes(), open)
            .filter(|&at| makes_lines(&text[at + open.len()..], close))
            .count()
    };
    if enough(count("<", ">")) {
        Some(Markup::Html)
    } else if enough(count("&lt;", "&gt;")) {
        Some(Markup::Escaped)
    } else {
        None
    }
}

/// Whether `rest`, just after a tag's `<` (written `open`), names an element that makes lines
/// and ends its name there (with `close`, white space or `/`).
fn makes_lines(rest: &str, close: &str) -> bool {
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let (name, after) = rest.split_at(len);
    (name.eq_ignore_ascii_case("br") || BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(name)))
        && (after.starts_with(close) || after.starts_with([' ', '\t', '\n', '/']))
}

/// Markup escaped into entities back to markup: the entities escaping writes (`&lt;`, `&gt;`,
/// `&quot;`, `&#39;`, `&#x27;`, `&amp;`), each read once, so that the page's own entities
/// (`&amp;nbsp;`, now `&nbsp;`) are decoded with the page.
pub(crate) fn unescape(text: &str) -> String {
    const ESCAPES: [(&str, char); 6] = [
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&#x27;", '\''),
        ("&amp;", '&'),
    ];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match ESCAPES.iter().find(|(entity, _)| rest.starts_with(entity)) {
            Some((entity, c)) => {
                out.push(*c);
                rest = &rest[entity.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

pub(crate) fn to_text(html: &str, selector: Option<&Selector>) -> Page {
    let mut sc = Scanner {
        src: html,
        pos: 0,
        line: 1,
        column: 1,
    };
    let mut out = Out::default();
    let mut pre_depth = 0usize;
    while let Some(c) = sc.peek() {
        let (line, column) = (sc.line, sc.column);
        match c {
            '<' if is_marker_comment(sc.rest()) => {
                // Suppression markers (`<!-- jdlint-disable ... -->`, see `crate::suppress`)
                // stay in the text as a line of their own, mapped to their place in the file.
                out.newline = true;
                let len = sc.rest().find("-->").map_or(sc.rest().len(), |i| i + 3);
                let stop = sc.pos + len;
                while sc.pos < stop {
                    let (line, column) = (sc.line, sc.column);
                    let c = sc.bump().unwrap_or(' ');
                    out.text_char(c, line, column, false);
                }
                out.newline = true;
            }
            '<' => {
                let Some(tag) = sc.tag() else {
                    sc.bump();
                    out.put('<', line, column);
                    continue;
                };
                let block = BLOCKS.contains(&tag.name.as_str());
                if block {
                    out.end_heading_line();
                    out.newline = true;
                }
                match (tag.name.as_str(), tag.end) {
                    ("br", _) => out.newline = true,
                    ("h1", true) => out.end_capture(Capture::H1),
                    ("h2" | "h3", true) => out.end_capture(Capture::Subheading),
                    (name, true) if out.chosen_tag.as_deref() == Some(name) => {
                        out.end_capture(Capture::Chosen);
                    }
                    ("td" | "th", _) => out.space(line, column),
                    ("pre", false) => pre_depth += 1,
                    ("pre", true) => pre_depth = pre_depth.saturating_sub(1),
                    ("li", false) => out.prefix = Some("- "),
                    ("h1", false) if selector.is_none() && out.h1.is_none() => {
                        out.capture = Some((Capture::H1, None));
                    }
                    ("h2" | "h3", false)
                        if selector.is_none()
                            && out.h1.is_some()
                            && out.subheading.is_none()
                            && out.capture.is_none() =>
                    {
                        out.capture = Some((Capture::Subheading, None));
                    }
                    (name, false)
                        if out.chosen.is_none()
                            && out.capture.is_none()
                            && name != "title"
                            && selector.is_some_and(|s| s.matches(&tag)) =>
                    {
                        out.chosen_tag = Some(tag.name.clone());
                        out.capture = Some((Capture::Chosen, None));
                    }
                    ("title", false) => read_title(&mut sc, &mut out),
                    (name, false) if HIDDEN.contains(&name) && !tag.self_closing => {
                        sc.skip_past_end_tag(name);
                    }
                    _ => {}
                }
            }
            '&' => {
                let decoded = sc.entity();
                out.text_char(decoded, line, column, pre_depth > 0);
            }
            _ => {
                sc.bump();
                out.text_char(c, line, column, pre_depth > 0);
            }
        }
    }
    out.end_capture(Capture::H1);
    out.end_capture(Capture::Chosen);
    out.end_capture(Capture::Subheading);
    Page {
        text: out.text,
        map: out.map,
        h1: out.h1,
        title: out.title,
        chosen: out.chosen,
        subheading: out.subheading,
    }
}

/// Whether `rest` starts with a comment that is a jdlint suppression marker.
fn is_marker_comment(rest: &str) -> bool {
    rest.strip_prefix("<!--")
        .is_some_and(|c| c.trim_start().starts_with("jdlint-"))
}

/// `<title>` holds text only (no tags, but entities): it becomes a line of its own.
fn read_title(sc: &mut Scanner<'_>, out: &mut Out) {
    let end = sc.find_end_tag("title");
    let capture = out.title.is_none();
    out.newline = true;
    if capture {
        out.capture = Some((Capture::Title, None));
    }
    while sc.pos < end {
        let (line, column) = (sc.line, sc.column);
        let c = if sc.peek() == Some('&') {
            sc.entity()
        } else {
            sc.bump().unwrap_or(' ')
        };
        if capture {
            out.text_char(c, line, column, false);
        }
    }
    sc.skip_past(">");
    out.end_capture(Capture::Title);
    out.newline = true;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    H1,
    Title,
    Chosen,
    Subheading,
}

/// The longest run of text between two points of the source map, in bytes: a place in the file
/// is found by counting the characters from the point before it.
const MAP_POINT_BYTES: usize = 256;

/// The text being written, with its map.
struct Out {
    text: String,
    map: SourceMap,
    /// The file place the next character has if it continues the current run.
    next: Option<(usize, usize)>,
    /// Where the last map point stands in `text`.
    last_point: usize,
    /// Collapsed white space to write before the next character, and its place.
    pending_space: Option<(usize, usize)>,
    /// A block started or ended: the next character starts a line.
    newline: bool,
    /// Written before the first character of the next line (`- ` for a list item).
    prefix: Option<&'static str>,
    /// The current line's number in `text`, and where it starts.
    line: usize,
    line_start: usize,
    /// The title or heading being read, and where its text starts once it has some.
    capture: Option<(Capture, Option<usize>)>,
    h1: Option<Range<usize>>,
    title: Option<Range<usize>>,
    chosen: Option<Range<usize>>,
    subheading: Option<Range<usize>>,
    /// The tag of the element being read as the chosen title, whose end tag ends it.
    chosen_tag: Option<String>,
}

impl Default for Out {
    fn default() -> Out {
        Out {
            text: String::new(),
            map: SourceMap::default(),
            next: None,
            last_point: 0,
            pending_space: None,
            newline: false,
            prefix: None,
            line: 1,
            line_start: 0,
            capture: None,
            h1: None,
            title: None,
            chosen: None,
            subheading: None,
            chosen_tag: None,
        }
    }
}

impl Out {
    /// A character of text (from the file or an entity) at `line`, `column` of the file.
    fn text_char(&mut self, c: char, line: usize, column: usize, pre: bool) {
        match c {
            '\n' if pre => self.newline = true,
            c if pre && (c == ' ' || c == '\t') => self.put(c, line, column),
            ' ' | '\t' | '\n' | '\r' | '\x0C' | '\u{A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => {
                self.space(line, column);
            }
            // Soft hyphens, zero-width joiners and marks, byte-order marks: invisible.
            '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{FEFF}' => {}
            c => self.put(c, line, column),
        }
    }

    fn space(&mut self, line: usize, column: usize) {
        if self.pending_space.is_none() {
            self.pending_space = Some((line, column));
        }
    }

    fn put(&mut self, c: char, line: usize, column: usize) {
        if self.newline {
            self.newline = false;
            if self.text.len() > self.line_start {
                self.end_line();
            }
        }
        if self.text.len() == self.line_start {
            // No space at the start of a line; a line starts on its file line when it can.
            self.pending_space = None;
            while self.line < line {
                self.text.push('\n');
                self.line += 1;
            }
            self.line_start = self.text.len();
            if let Some(prefix) = self.prefix.take() {
                for p in prefix.chars() {
                    self.emit(p, line, column);
                }
            }
        } else if let Some((l, col)) = self.pending_space.take() {
            self.emit(' ', l, col);
        }
        if let Some((_, start @ None)) = &mut self.capture {
            *start = Some(self.text.len());
        }
        self.emit(c, line, column);
    }

    fn emit(&mut self, c: char, line: usize, column: usize) {
        // A point where the run breaks, and one every MAP_POINT_BYTES of a long run, so that
        // locating an offset counts few characters (a 4 MB line of text is one run).
        if self.next != Some((line, column)) || self.text.len() >= self.last_point + MAP_POINT_BYTES
        {
            self.map.push(self.text.len(), line, column);
            self.last_point = self.text.len();
        }
        self.text.push(c);
        self.next = Some((line, column + 1));
    }

    /// A heading's (or chosen element's) title is its first line of text.
    fn end_heading_line(&mut self) {
        if let Some((kind @ (Capture::H1 | Capture::Chosen | Capture::Subheading), Some(_))) =
            self.capture
        {
            self.end_capture(kind);
        }
    }

    fn end_line(&mut self) {
        self.end_heading_line();
        self.text.push('\n');
        self.line += 1;
        self.line_start = self.text.len();
        self.next = None;
        self.pending_space = None;
    }

    fn end_capture(&mut self, kind: Capture) {
        let Some((current, start)) = self.capture else {
            return;
        };
        if current != kind {
            return;
        }
        self.capture = None;
        if kind == Capture::Chosen {
            self.chosen_tag = None;
        }
        let Some(start) = start else { return };
        // White space kept in `<pre>` is no title: a heading of only that does not count.
        let captured = &self.text[start..];
        let end = start + captured.trim_end().len();
        let start = start + (captured.len() - captured.trim_start().len());
        if start >= end {
            return;
        }
        let range = start..end;
        match kind {
            Capture::H1 => self.h1 = Some(range),
            Capture::Title => self.title = Some(range),
            Capture::Chosen => self.chosen = Some(range),
            Capture::Subheading => self.subheading = Some(range),
        }
    }
}

/// A tag: its lower-case name, whether it is an end tag, whether it closes itself (`<br/>`),
/// and its `class` attribute (empty when it has none).
struct Tag {
    name: String,
    end: bool,
    self_closing: bool,
    class: String,
}

/// A cursor over the HTML that knows its file line and column (in characters).
struct Scanner<'a> {
    src: &'a str,
    pos: usize,
    line: usize,
    column: usize,
}

impl<'a> Scanner<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    /// Moves `len` bytes on.
    fn advance(&mut self, len: usize) {
        let skipped = &self.rest()[..len];
        match skipped.rfind('\n') {
            Some(last) => {
                self.line += skipped.matches('\n').count();
                self.column = skipped[last + 1..].chars().count() + 1;
            }
            None => self.column += skipped.chars().count(),
        }
        self.pos += len;
    }

    /// Moves past the next `needle`, or to the end when there is none.
    fn skip_past(&mut self, needle: &str) {
        let len = self
            .rest()
            .find(needle)
            .map_or(self.rest().len(), |i| i + needle.len());
        self.advance(len);
    }

    /// Where the next `</name` starts (any case), or the end.
    fn find_end_tag(&self, name: &str) -> usize {
        let rest = self.rest();
        rest.match_indices("</")
            .map(|(i, _)| i)
            .find(|&i| {
                rest.get(i + 2..i + 2 + name.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
            .map_or(self.src.len(), |i| self.pos + i)
    }

    fn skip_past_end_tag(&mut self, name: &str) {
        let end = self.find_end_tag(name);
        self.advance(end - self.pos);
        self.skip_past(">");
    }

    /// At `<`: reads a tag, comment, doctype or processing instruction and returns the tag, or
    /// `None` (without moving) when the `<` is only text.
    fn tag(&mut self) -> Option<Tag> {
        let rest = self.rest();
        let after = &rest[1..];
        if after.starts_with("!--") {
            self.advance(4);
            self.skip_past("-->");
            return Some(Tag::none());
        }
        if after.starts_with('!') || after.starts_with('?') {
            self.skip_past(">");
            return Some(Tag::none());
        }
        let (end, name_start) = match after.strip_prefix('/') {
            Some(name) => (true, name),
            None => (false, after),
        };
        if !name_start.starts_with(|c: char| c.is_ascii_alphabetic()) {
            if end {
                // `</` and no name: a bogus comment, to the next `>`.
                self.skip_past(">");
                return Some(Tag::none());
            }
            return None;
        }
        let name_len = name_start
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(name_start.len());
        let name = name_start[..name_len].to_ascii_lowercase();
        let attrs_start = rest.len() - name_start.len() + name_len;
        let (len, self_closing) = tag_end(&rest[attrs_start..]);
        let class = class_attribute(&rest[attrs_start..attrs_start + len]).to_string();
        self.advance(attrs_start + len);
        Some(Tag {
            name,
            end,
            self_closing,
            class,
        })
    }

    /// At `&`: the character an entity stands for, moving past it; a lone `&` is itself.
    fn entity(&mut self) -> char {
        let rest = &self.rest()[1..];
        if let Some((c, len)) = entity(rest) {
            self.advance(1 + len);
            c
        } else {
            self.bump();
            '&'
        }
    }
}

impl Tag {
    /// Markup that is not an element (a comment, a doctype).
    fn none() -> Tag {
        Tag {
            name: String::new(),
            end: false,
            self_closing: false,
            class: String::new(),
        }
    }
}

/// The value of the `class` attribute in a tag's attributes (`class="a b"`, `class='a'`,
/// `class=a`), else nothing. One pass over the attributes.
fn class_attribute(attrs: &str) -> &str {
    let mut rest = attrs;
    while let Some(at) = rest.find(|c: char| c.is_ascii_alphabetic()) {
        let name_len = rest[at..]
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len() - at);
        let name = &rest[at..at + name_len];
        let after = rest[at + name_len..].trim_start();
        let Some(value) = after.strip_prefix('=') else {
            rest = after;
            continue;
        };
        let value = value.trim_start();
        let (text, next) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => match value[1..].find(q) {
                Some(end) => (&value[1..1 + end], &value[end + 2..]),
                None => (&value[1..], ""),
            },
            _ => {
                let end = value
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(value.len());
                (&value[..end], &value[end..])
            }
        };
        if name.eq_ignore_ascii_case("class") {
            return text;
        }
        rest = next;
    }
    ""
}

/// The length of a tag's attributes up to and including its `>` (or to the end), and whether it
/// ends with `/>`. A quote opens a value only after `=`, as in HTML.
fn tag_end(attrs: &str) -> (usize, bool) {
    let bytes = attrs.as_bytes();
    let mut i = 0;
    let mut after_eq = false;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return (i + 1, i > 0 && bytes[i - 1] == b'/'),
            q @ (b'"' | b'\'') if after_eq => {
                i = attrs[i + 1..]
                    .find(q as char)
                    .map_or(bytes.len(), |j| i + 1 + j + 1);
                after_eq = false;
                continue;
            }
            b'=' => after_eq = true,
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' => {}
            _ => after_eq = false,
        }
        i += 1;
    }
    (bytes.len(), false)
}

/// The character of the entity `rest` starts with (after its `&`) and the entity's length.
fn entity(rest: &str) -> Option<(char, usize)> {
    if let Some(num) = rest.strip_prefix('#') {
        let (digits, radix, skip) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (num, 10, 1),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if len == 0 {
            return None;
        }
        let semicolon = usize::from(digits[len..].starts_with(';'));
        let c = if len > 8 {
            '\u{FFFD}'
        } else {
            u32::from_str_radix(&digits[..len], radix).map_or('\u{FFFD}', numeric_char)
        };
        return Some((c, skip + len + semicolon));
    }
    let len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .filter(|&i| i > 0 && rest[i..].starts_with(';'))?;
    let c = named_char(&rest[..len])?;
    Some((c, len + 1))
}

/// A numeric reference's character: code points 0x80-0x9F are read as Windows-1252, as browsers
/// do (old exports write `&#146;` for a curly apostrophe); invalid ones are U+FFFD.
fn numeric_char(n: u32) -> char {
    const CP1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039,
        0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ];
    let n = match n {
        0x80..=0x9F => CP1252[(n - 0x80) as usize],
        0 => 0xFFFD,
        n => n,
    };
    char::from_u32(n).unwrap_or('\u{FFFD}')
}

/// Latin-1's named entities, U+00A0 to U+00FF in order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// Other named entities that job postings use: markup, typography, arrows.
const NAMED: [(&str, char); 43] = [
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("OElig", '\u{152}'),
    ("oelig", '\u{153}'),
    ("Scaron", '\u{160}'),
    ("scaron", '\u{161}'),
    ("Yuml", '\u{178}'),
    ("fnof", '\u{192}'),
    ("circ", '\u{2C6}'),
    ("tilde", '\u{2DC}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
    ("ndash", '\u{2013}'),
    ("mdash", '\u{2014}'),
    ("lsquo", '\u{2018}'),
    ("rsquo", '\u{2019}'),
    ("sbquo", '\u{201A}'),
    ("ldquo", '\u{201C}'),
    ("rdquo", '\u{201D}'),
    ("bdquo", '\u{201E}'),
    ("dagger", '\u{2020}'),
    ("Dagger", '\u{2021}'),
    ("bull", '\u{2022}'),
    ("hellip", '\u{2026}'),
    ("permil", '\u{2030}'),
    ("prime", '\u{2032}'),
    ("Prime", '\u{2033}'),
    ("lsaquo", '\u{2039}'),
    ("rsaquo", '\u{203A}'),
    ("euro", '\u{20AC}'),
    ("trade", '\u{2122}'),
    ("larr", '\u{2190}'),
    ("rarr", '\u{2192}'),
    ("harr", '\u{2194}'),
    ("minus", '\u{2212}'),
];

fn named_char(name: &str) -> Option<char> {
    if let Some(i) = LATIN1.iter().position(|&n| n == name) {
        return char::from_u32(0xA0 + i as u32);
    }
    NAMED.iter().find(|&&(n, _)| n == name).map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        to_text(html, None).text
    }

    /// Each non-empty line of the text with the file place of its first character.
    fn places(html: &str) -> Vec<(String, (usize, usize))> {
        let page = to_text(html, None);
        let mut offset = 0;
        let mut out = Vec::new();
        for line in page.text.split_inclusive('\n') {
            let content = line.trim_end_matches('\n');
            if !content.is_empty() {
                out.push((content.to_string(), page.map.locate(&page.text, offset)));
            }
            offset += line.len();
        }
        out
    }

    #[test]
    fn a_record_text_is_html_when_tags_make_its_lines() {
        let fragment =
            "<p>We build payroll.</p><h3>What you'll do</h3><ul><li>Own the roadmap</li></ul>";
        assert_eq!(markup(fragment), Some(Markup::Html));
        assert_eq!(
            markup("Own the roadmap<br>Run discovery<BR/>"),
            Some(Markup::Html)
        );
        let pretty = "<div class=\"job\">\n  <p>\n    Own the roadmap\n  </p>\n</div>\n";
        assert_eq!(markup(pretty), Some(Markup::Html));
        let escaped =
            "&lt;p&gt;We build payroll.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Own it&lt;/li&gt;&lt;/ul&gt;";
        assert_eq!(markup(escaped), Some(Markup::Escaped));
        // Text that quotes tags, or keeps a stray one among many lines, stays text.
        assert_eq!(markup("Experience with <div> and <span> layouts"), None);
        let lines = "Own the roadmap\nRun discovery\nTalk to users\nShip<br>\nMeasure\nLearn<br>\nRepeat\nWin\nAgain\n";
        assert_eq!(markup(lines), None);
        // Inline tags alone make no lines, nor does a name that only starts like one.
        assert_eq!(
            markup("<b>Bold</b> and <i>italic</i> and <em>more</em>"),
            None
        );
        assert_eq!(markup("<pricing> and <lists> and <header-x>"), None);
        assert_eq!(markup("a < b and c > d, p < q"), None);
    }

    #[test]
    fn escaped_markup_is_unescaped_once() {
        assert_eq!(
            unescape("&lt;p class=&quot;x&quot;&gt;R&amp;amp;D &amp;nbsp;it&#39;s &amp &lt;/p&gt;"),
            "<p class=\"x\">R&amp;D &nbsp;it's &amp </p>"
        );
        assert_eq!(text(&unescape("&lt;p&gt;R&amp;amp;D&lt;/p&gt;")), "R&D");
    }

    #[test]
    fn blocks_become_lines_and_inline_tags_vanish() {
        let html = "<div><h2>What you'll do</h2><ul><li>Own the <b>roadmap</b></li>\
                    <li>Mentor  PMs</li></ul><p>Line one<br>line two</p></div>";
        let lines: Vec<_> = text(html).lines().map(str::to_string).collect();
        assert_eq!(
            lines,
            [
                "What you'll do",
                "- Own the roadmap",
                "- Mentor PMs",
                "Line one",
                "line two"
            ]
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            text("<p>R&amp;D &lt;team&gt; &eacute;t&eacute; &#8212; &#x2019; &#146; &nbsp;x &bogus; & y</p>"),
            "R&D <team> été \u{2014} \u{2019} \u{2019} x &bogus; & y"
        );
        assert_eq!(LATIN1[0xD7 - 0xA0], "times");
        assert_eq!(named_char("yuml"), Some('\u{FF}'));
        assert_eq!(named_char("eacute"), Some('é'));
    }

    #[test]
    fn scripts_styles_comments_and_head_are_not_text() {
        let html = "<!DOCTYPE html><html><head><style>p { color: red }</style>\
                    <script>if (a < b) { document.write('<p>no</p>') }</script></head>\
                    <body><!-- <p>hidden</p> --><p>shown</p><svg><title>icon</title></svg>\
                    <SCRIPT type=x>var s = '</p>';</SCRIPT ></body></html>";
        assert_eq!(text(html), "shown");
    }

    #[test]
    fn jdlint_marker_comments_are_kept_as_lines_at_their_place() {
        let html = "<body><p>One</p>\n  <!-- jdlint-disable-next-line x -->\n<h1>Senior PM</h1>\
                    <!-- other --><p>Two <!--jdlint-disable y--> three</p></body>";
        assert_eq!(
            places(html),
            [
                ("One".to_string(), (1, 10)),
                ("<!-- jdlint-disable-next-line x -->".to_string(), (2, 3)),
                ("Senior PM".to_string(), (3, 5)),
                ("Two".to_string(), (3, 36)),
                ("<!--jdlint-disable y-->".to_string(), (3, 40)),
                ("three".to_string(), (3, 64)),
            ]
        );
        assert_eq!(
            &to_text(html, None).text[to_text(html, None).h1.unwrap()],
            "Senior PM"
        );
    }

    #[test]
    fn a_selector_chooses_the_title_element_by_tag_class_or_both() {
        let html = "<h1>Acme</h1>\n<div class='hero big'><h2 class=\"role\">Staff <b>Product</b> Manager</h2></div>\n<p class=role>Not this</p>";
        let chosen = |selector: &str| {
            let page = to_text(html, Some(&Selector::parse(selector).unwrap()));
            page.chosen.map(|r| page.text[r].to_string())
        };
        assert_eq!(chosen("h2").as_deref(), Some("Staff Product Manager"));
        assert_eq!(chosen(".role").as_deref(), Some("Staff Product Manager"));
        assert_eq!(chosen("p.role").as_deref(), Some("Not this"));
        assert_eq!(chosen(".hero").as_deref(), Some("Staff Product Manager"));
        assert_eq!(chosen("h3"), None);
        // The h1 is not read when a selector is given.
        assert_eq!(
            to_text(html, Some(&Selector::parse("h2").unwrap())).h1,
            None
        );
        assert_eq!(class_attribute(" id=x class = \"a b\" data-x='y'"), "a b");
        assert_eq!(class_attribute(" data-class='x' hidden"), "");
        for bad in ["", "h2.", ".", "h2 p", "a>b"] {
            assert!(Selector::parse(bad).is_err(), "{bad:?}");
        }
        assert!(Selector::parse("title").unwrap().is_title());
    }

    #[test]
    fn a_logo_h1_gives_way_to_the_job_heading_below_it_when_the_title_says_so() {
        let job = |html: &str| {
            let page = to_text(html, None);
            page.job_heading().map(|r| page.text[r].to_string())
        };
        let logo = "<title>Staff Product Manager | Acme</title><h1>Acme</h1><h2>Staff Product Manager</h2><p>x</p>";
        assert_eq!(job(logo).as_deref(), Some("Staff Product Manager"));
        let board = "<title>Job Application for Senior PM at Acme</title><h1>ACME</h1><div><h3>Senior PM</h3></div>";
        assert_eq!(job(board).as_deref(), Some("Senior PM"));
        // Without a title that names both, the h1 stays: a guess would be a silent mistake.
        let untitled = "<h1>Acme</h1><h2>Staff Product Manager</h2>";
        assert_eq!(job(untitled).as_deref(), Some("Acme"));
        let job_h1 = "<title>Senior PM | Acme</title><h1>Senior PM</h1><h2>About Acme</h2>";
        assert_eq!(job(job_h1).as_deref(), Some("Senior PM"));
        let section = "<title>Acme - Careers</title><h1>Acme</h1><h2>What you'll do</h2>";
        assert_eq!(job(section).as_deref(), Some("Acme"));
    }

    #[test]
    fn title_and_first_h1() {
        let page = to_text(
            "<html><head><title>Senior PM | Acme &amp; Co</title></head>\
             <body><h1></h1><h1 class=x>Senior <em>Product</em> Manager</h1><h1>Second</h1></body>",
            None,
        );
        assert_eq!(&page.text[page.title.unwrap()], "Senior PM | Acme & Co");
        assert_eq!(&page.text[page.h1.unwrap()], "Senior Product Manager");
    }

    #[test]
    fn lines_keep_their_file_line_and_column() {
        let html =
            "<html>\n<body>\n  <h1>Senior PM</h1>\n  <p>Own the\n     roadmap &amp; more</p>\n\
                    <ul><li>one</li><li>two</li></ul>\n\n\n<p>last</p>\n";
        let got = places(html);
        assert_eq!(
            got,
            [
                ("Senior PM".to_string(), (3, 7)),
                ("Own the roadmap & more".to_string(), (4, 6)),
                ("- one".to_string(), (6, 9)),
                ("- two".to_string(), (6, 21)),
                ("last".to_string(), (9, 4)),
            ]
        );
        let page = to_text(html, None);
        // The text's line numbers are the file's until two blocks share a file line.
        assert_eq!(page.text.lines().nth(8), Some("last"));
        // Inside a line: after collapsed white space and after an entity.
        let at = |needle: &str| page.map.locate(&page.text, page.text.find(needle).unwrap());
        assert_eq!(at("roadmap"), (5, 6));
        assert_eq!(at(" more"), (5, 19));
        assert_eq!(at("two"), (6, 21));
    }

    #[test]
    fn a_heading_of_white_space_in_pre_is_no_title() {
        // Found by the `html` fuzz target: the h1 was "  ", an empty title.
        let page = to_text(
            "<pre>x\n  <h1>  </h1></pre><h1> <pre> Senior PM </pre></h1>",
            None,
        );
        assert_eq!(&page.text[page.h1.unwrap()], "Senior PM");
        let page = to_text("<pre><title>  </title>\n<h1>\t</h1></pre>body", None);
        assert_eq!((page.h1, page.title), (None, None));
    }

    #[test]
    fn pre_keeps_white_space() {
        assert_eq!(text("<pre>a  b\n  c</pre>"), "a  b\n  c");
    }

    #[test]
    fn broken_markup_does_not_stop_the_text() {
        assert_eq!(text("a < b and c <d"), "a < b and c");
        assert_eq!(text("<p>x</p></ >y<!-- never closed"), "x\ny");
        assert_eq!(text("<p title='it\"s'>q</p>"), "q");
        assert_eq!(text("<a href=x'y>link</a> z"), "link z");
        let deep = "<div>".repeat(200_000) + "deep" + &"</span>".repeat(10);
        assert_eq!(text(&deep), "deep");
    }
}
