//! Splitting a posting's body into sections (about, responsibilities, requirements, ...) by the
//! headings the lexicon knows, so that evidence can be weighed by where it stands.
//!
//! A heading is a short line that is a known heading (after Markdown `#`, emphasis and a trailing
//! colon are stripped), or a line that starts with a known heading and a colon ("Requirements: 5+
//! years"). Such a `Key: value` line covers only itself: "Location: Remote" or "Salary: $120k"
//! near the top of a posting says nothing about the lines after it, and reading them as benefits
//! would weigh the whole job at zero. Scraped postings often lose their line breaks, so a known
//! heading inside a long line also counts when it is written as a heading: capitalized, after a
//! sentence end or an emoji, and followed by a capital letter, a digit, a colon or a list bullet
//! ("...say hello?What You Will Be Doing Owning a roadmap", "🎁 Benefits· Dental"), or after a
//! word in lower case and followed by a bullet ("...a self-starter Benefits - Dental").
//!
//! Employers name their sections in words no lexicon lists ("How you'll spend your time", "Is
//! this you?"), mostly in a few shared words: a heading that holds one of the lexicon's `cues`
//! ("you'll", "sound like you", "love working here") opens the section the cue names. Any other
//! such heading after the company's pitch ends the pitch, whose section weighs nothing, and what
//! follows reads as text under no known heading (`preamble`); otherwise a posting that opens with
//! "About Acme" would lose all of its job to the pitch. Benefits, legal and application sections
//! go on past one: they run under headings of their own ("Your Total Health", "Time off").
//!
//! The structure rules also read a body's bullet lists and whether it lost its line breaks
//! (`bullet_lists`, `has_list_of`, `is_flattened`) here.

use crate::lexicon::words::WordTable;
use crate::lexicon::{CompiledLexicon, SectionKind};
use crate::normalize::{
    ascii_capital_bytes, is_ascii_word_byte, is_word_char, normalize_term, plain_prefix_len,
    plain_term,
};
use std::collections::BTreeMap;
use std::ops::Range;

/// Where each section starts (byte offset into the body) and its kind, in order. The first
/// section always starts at 0 (as `Preamble` when the body does not open with a heading).
#[derive(Debug, Clone, PartialEq)]
pub struct Sections {
    starts: Vec<(usize, SectionKind)>,
}

/// Lines longer than this are not headings themselves; they are searched for inline headings.
const MAX_HEADING_LEN: usize = 60;
/// Lines at least this long are treated as flattened text that may hide inline headings (and a
/// body whose longest line is one of them as flattened, by the structure rules).
pub(crate) const FLATTENED_LINE_LEN: usize = 300;

impl Default for Sections {
    /// No headings: all preamble.
    fn default() -> Self {
        Sections {
            starts: vec![(0, SectionKind::Preamble)],
        }
    }
}

impl Sections {
    /// Splits `body` into sections at the headings the lexicon knows.
    pub fn split(body: &str, lexicon: &CompiledLexicon) -> Sections {
        // Room for a heading every 64 bytes (about one a line) spares the vector's regrowth.
        let mut starts = Vec::with_capacity(body.len() / 64 + 1);
        starts.push((0, SectionKind::Preamble));
        let mut offset = 0;
        // Lines with their terminators, found by memchr: str::split_inclusive pays a search
        // set-up per (short) line.
        let line_ends = memchr::memchr_iter(b'\n', body.as_bytes()).map(|newline| newline + 1);
        for end in line_ends.chain([body.len()]) {
            if end == offset {
                continue;
            }
            let line = &body[offset..end];
            let before = starts
                .last()
                .map_or(SectionKind::Preamble, |&(_, kind)| kind);
            // A `Key: value` line inside a section of its own kind changes nothing.
            let heading = heading(line, lexicon).filter(|h| !(h.line_only && h.kind == before));
            if let Some(h) = heading {
                push(&mut starts, offset, h.kind);
            } else if before == SectionKind::About && is_unlisted_heading(line) {
                push(&mut starts, offset, SectionKind::Preamble);
            }
            // A flattened line may open with a heading ("About Acme: ...") and hold the others.
            let mut inline = false;
            if line.len() >= FLATTENED_LINE_LEN {
                for (at, kind) in inline_headings(line, lexicon) {
                    push(&mut starts, offset + at, kind);
                    inline = true;
                }
            }
            // A `Key: value` line hands back to the section it interrupted, unless a heading
            // inside it has taken over.
            if heading.is_some_and(|h| h.line_only) && !inline && end < body.len() {
                push(&mut starts, end, before);
            }
            offset = end;
        }
        Sections {
            starts: end_pitches(body, starts, lexicon),
        }
    }

    /// The kind of section byte `offset` of the body is in.
    pub fn kind_at(&self, offset: usize) -> SectionKind {
        let i = self.starts.partition_point(|&(s, _)| s <= offset);
        self.starts[i.saturating_sub(1)].1
    }

    /// Section starts and kinds, in order.
    pub fn starts(&self) -> &[(usize, SectionKind)] {
        &self.starts
    }
}

/// How much of a sentence's start is normalized to compare with the lexicon's openers.
const OPENER_CHARS: usize = 60;

/// A company pitch ends where a sentence opens another section ("We're looking for a product
/// manager to ...", the lexicon's `openers`): postings often run the role's summary on after the
/// pitch without a heading, and the pitch weighs nothing. Any other section ends where a
/// sentence opens one that weighs nothing. `starts` is rebuilt, not inserted into: insertion
/// would be quadratic in a posting of thousands of short pitches.
fn end_pitches(
    body: &str,
    starts: Vec<(usize, SectionKind)>,
    lexicon: &CompiledLexicon,
) -> Vec<(usize, SectionKind)> {
    let openers = &lexicon.section_openers;
    // Every opener ends a pitch: none at all, and no section ends early.
    if openers.pitch.is_none() {
        return starts;
    }
    let mut ended = Vec::with_capacity(starts.len());
    for (i, &(start, kind)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(body.len(), |&(e, _)| e);
        let pitch = &body[start..end];
        let opening = if kind == SectionKind::About {
            opening_sentence(pitch, openers.pitch.as_ref())
        } else if kind.evidence_factor() > 0.0 {
            opening_sentence(pitch, openers.weighing.as_ref())
        } else {
            None
        };
        match opening {
            Some((0, opened)) if kind != SectionKind::About => ended.push((start, opened)),
            Some((at, opened)) => ended.extend([(start, kind), (start + at, opened)]),
            None => ended.push((start, kind)),
        }
    }
    ended
}

/// The lexicon's openers by what they end, built once with the lexicon: a pitch ends at any
/// opener; a section that weighs ends at one of a section that does not, as postings run their
/// benefits on after the requirements without a heading ("We offer a competitive salary ...").
/// A section of any other kind ends at none.
#[derive(Debug, Clone)]
pub(crate) struct SectionOpeners {
    /// The openers that end a company pitch: all of them (`None` when the lexicon has none).
    pitch: Option<Openers>,
    /// The openers that end a section that weighs.
    weighing: Option<Openers>,
}

impl SectionOpeners {
    /// `openers` (normalized) with the section each opens, in the lexicon's order.
    pub(crate) fn new(openers: &[(String, SectionKind)]) -> SectionOpeners {
        SectionOpeners {
            pitch: Openers::new(openers, |_| true),
            weighing: Openers::new(openers, |opened| opened.evidence_factor() == 0.0),
        }
    }
}

/// Some of the lexicon's openers, and what a sentence must start with to open one: asked of
/// every sentence, the openers' kinds are looked at once instead.
#[derive(Debug, Clone)]
struct Openers {
    /// The openers (normalized), in the lexicon's order, and the kind of section each opens.
    phrases: Vec<(String, SectionKind)>,
    /// The longest one's length in bytes.
    longest: usize,
    /// Their first two letters when both are ASCII: for each first one, a bit for each second.
    second_letters: [u128; 128],
}

impl Openers {
    /// The openers of a kind `wanted` takes; `None` when it takes none.
    fn new(
        openers: &[(String, SectionKind)],
        wanted: impl Fn(SectionKind) -> bool,
    ) -> Option<Openers> {
        let mut taken = Openers {
            phrases: Vec::new(),
            longest: 0,
            second_letters: [0; 128],
        };
        for (opener, kind) in openers {
            if wanted(*kind) {
                taken.phrases.push((opener.clone(), *kind));
                taken.longest = taken.longest.max(opener.len());
                if let Some(&[a, b]) = opener.as_bytes().get(..2) {
                    if a.is_ascii() && b.is_ascii() {
                        taken.second_letters[usize::from(a)] |= 1 << b;
                    }
                }
            }
        }
        (!taken.phrases.is_empty()).then_some(taken)
    }

    /// Whether an opener starts with `lead`, two ASCII bytes.
    fn leads(&self, lead: [u8; 2]) -> bool {
        self.second_letters[usize::from(lead[0])] & (1 << lead[1]) != 0
    }

    /// The kind of section that `sentence` opens, if it starts with one of the openers, as a
    /// whole word.
    fn opened_by(&self, sentence: &str) -> Option<SectionKind> {
        // The sentence's first bytes that are plain normalize to themselves lower-cased (see
        // `plain_prefix_len`), and are compared as they are; the head is normalized only for an
        // opener that runs past them and agrees with them. Normalizing the head of every
        // sentence that starts as an opener does was a fifteenth of splitting the dev set.
        // Read to two bytes short of `OPENER_CHARS`, the plain bytes lie inside that head.
        let bytes = sentence.as_bytes();
        let plain = plain_prefix_len(bytes, (self.longest + 1).min(OPENER_CHARS - 2));
        let mut head = None;
        let mut opens = |opener: &str| {
            let shared = opener.len().min(plain);
            if !bytes[..shared].eq_ignore_ascii_case(&opener.as_bytes()[..shared]) {
                return false;
            }
            if opener.len() < plain {
                return !is_ascii_word_byte(bytes[opener.len()]);
            }
            let head: &String = head.get_or_insert_with(|| {
                // The first characters as a slice of the sentence, not collected into a string.
                let head_len = sentence
                    .char_indices()
                    .nth(OPENER_CHARS)
                    .map_or(sentence.len(), |(at, _)| at);
                normalize_term(&sentence[..head_len])
            });
            head.strip_prefix(opener)
                .is_some_and(|after| !after.starts_with(is_word_char))
        };
        (self.phrases.iter()).find_map(|(opener, kind)| opens(opener).then_some(*kind))
    }
}

/// The first sentence of `pitch` that opens with one of `openers`, and the kind of section it
/// opens. A heading on a line of its own is skipped; an inline one ("About Acme: ...") is part of
/// the first sentence.
fn opening_sentence(pitch: &str, openers: Option<&Openers>) -> Option<(usize, SectionKind)> {
    // A section that no opener ends (benefits, legal, apply) need not be read sentence by
    // sentence.
    let openers = openers?;
    // A first line no longer than a heading is skipped: its line break is looked for only that
    // far, not through a flattened body.
    let heading_room = &pitch.as_bytes()[..pitch.len().min(MAX_HEADING_LEN + 1)];
    let mut at = match memchr::memchr(b'\n', heading_room) {
        Some(newline) => newline + 1,
        None if pitch.len() <= MAX_HEADING_LEN + 1 => pitch.len(),
        None => 0,
    };
    // The first line break at or after `at`, found again only once `at` has passed it: searching
    // from every sentence of a long line for its end would be quadratic in the line.
    let mut newline = None;
    // The sentence ends (`.`, `!` or `?`) of the whole pitch, in order, searched for once: a
    // search set up for every sentence cost more than the bytes it read.
    let mut marks = memchr::memchr3_iter(b'.', b'!', b'?', pitch.as_bytes()).peekable();
    while at < pitch.len() {
        let rest = &pitch[at..];
        let start = at + (rest.len() - rest.trim_start().len());
        let sentence = &pitch[start..];
        // Most sentences start with no opener's first letters: turn them away before
        // comparing, which every sentence of every section would otherwise pay.
        let leading_marks = (sentence.bytes())
            .take_while(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
            .count();
        let lead = (sentence.as_bytes().get(leading_marks..leading_marks + 2))
            .map(|b| [b[0], b[1]].map(|b| b.to_ascii_lowercase()));
        let may_open = lead.is_none_or(|lead| !lead.is_ascii() || openers.leads(lead));
        if let Some(kind) = may_open.then(|| openers.opened_by(sentence)).flatten() {
            return Some((start, kind));
        }
        // The next sentence: after a sentence end followed by white space, or a line break. All
        // four are ASCII, so bytes are searched rather than characters decoded.
        let line_end = match newline {
            Some(n) if n >= start => n,
            _ => {
                let n =
                    memchr::memchr(b'\n', sentence.as_bytes()).map_or(pitch.len(), |n| start + n);
                newline = Some(n);
                n
            }
        };
        // Marks before `start` are in the skipped heading line.
        let stop = loop {
            match marks.next_if(|&mark| mark < line_end) {
                Some(mark)
                    if mark >= start && pitch[mark + 1..].starts_with(char::is_whitespace) =>
                {
                    break Some(mark)
                }
                Some(_) => {}
                None => break None,
            }
        };
        at = match stop {
            Some(mark) => mark + 1,
            None if line_end < pitch.len() => line_end + 1,
            None => return None,
        };
    }
    None
}

fn push(starts: &mut Vec<(usize, SectionKind)>, at: usize, kind: SectionKind) {
    if starts.last().is_some_and(|&(s, _)| s == at) {
        starts.pop();
    }
    starts.push((at, kind));
}

/// What a heading line announces.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Heading {
    kind: SectionKind,
    /// A `Key: value` line ("Location: Remote"): its kind covers that line alone.
    line_only: bool,
}

/// The longest formatting tag [`without_formatting_tags`] takes off, its name in bytes.
const LONGEST_TAG_NAME: usize = 6;

/// The length of the opening or closing tag (`<u>`, `</b>`, `<strong>`) that `bytes` starts with.
fn tag_len(bytes: &[u8]) -> Option<usize> {
    let name_from = if bytes.starts_with(b"</") { 2 } else { 1 };
    if bytes.first() != Some(&b'<') {
        return None;
    }
    let name = (bytes[name_from..].iter())
        .take_while(|b| b.is_ascii_alphabetic())
        .count();
    let close = name_from + name;
    ((1..=LONGEST_TAG_NAME).contains(&name) && bytes.get(close) == Some(&b'>')).then_some(close + 1)
}

/// `line` without the formatting tags a rich-text editor left around its words in a plain-text
/// body ("<u>Essential", "<b>Benefits</b>"), which would hide a heading. A line that neither
/// starts with `<` nor ends with `>` is returned as it is.
fn without_formatting_tags(line: &str) -> &str {
    // Every line is asked this: its first and last visible bytes say whether to look closer.
    let bytes = line.as_bytes();
    let visible = |b: &u8| !matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let (Some(first), Some(last)) = (
        bytes.iter().position(visible),
        bytes.iter().rposition(visible),
    ) else {
        return line;
    };
    if bytes[first] != b'<' && bytes[last] != b'>' {
        return line;
    }
    // Both ends are ASCII white space trimmed off: `first..=last` holds whole characters.
    let trimmed = &line[first..=last];
    let mut words = trimmed;
    if let Some(len) = tag_len(words.as_bytes()) {
        words = &words[len..];
    }
    if let Some(open) = words.ends_with('>').then(|| words.rfind("</")).flatten() {
        if tag_len(&words.as_bytes()[open..]) == Some(words.len() - open) {
            words = &words[..open];
        }
    }
    if words.len() < trimmed.len() {
        words
    } else {
        line
    }
}

/// A line without the Markdown marks, emphasis and emoji job boards decorate headings with.
fn undecorated(line: &str) -> &str {
    // Every line of a body is asked this: one that starts at an ASCII letter or digit after ASCII
    // marks and ends in ASCII is trimmed on its bytes, without decoding it at both ends.
    let bytes = line.as_bytes();
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii() || b.is_ascii_alphanumeric());
    let mut end = bytes.len();
    while end > 0 && bytes[end - 1].is_ascii() && char::from(bytes[end - 1]).is_whitespace() {
        end -= 1;
    }
    match start {
        None => "",
        // The letter or digit at `start` is no white space or mark: `end` stops past it.
        Some(start) if bytes[start].is_ascii() && bytes[end - 1].is_ascii() => {
            while matches!(bytes[end - 1], b'*' | b'_' | b'=' | b' ') {
                end -= 1;
            }
            &line[start..end]
        }
        Some(_) => line
            .trim()
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches(['*', '_', '=', ' ']),
    }
}

/// The section `line` opens when it stands on a line of its own, if it is a heading, and whether
/// it covers that line alone (a `Key: value` line): how `jdlint lexicon why` reads a heading.
pub(crate) fn heading_line(line: &str, lexicon: &CompiledLexicon) -> Option<(SectionKind, bool)> {
    heading(line, lexicon).map(|h| (h.kind, h.line_only))
}

/// The heading a whole line is, if it is one.
fn heading(line: &str, lexicon: &CompiledLexicon) -> Option<Heading> {
    let section = |kind| Heading {
        kind,
        line_only: false,
    };
    let line = without_formatting_tags(line);
    let trimmed = undecorated(line);
    // A numbered heading ("1. Responsibilities", "2) What you'll do") is the heading it numbers.
    // Only as a listed heading: `is_heading_shaped` takes no numbered line for an unlisted one,
    // which is a list item ("1. Own the roadmap").
    // Bullets are marks `undecorated` has taken off; a number is left to take.
    let trimmed = match trimmed.as_bytes().first() {
        Some(b) if b.is_ascii_digit() => strip_bullet(trimmed).unwrap_or(trimmed),
        _ => trimmed,
    };
    if trimmed.is_empty() {
        return None;
    }
    // memchr: str::split_once pays a search set-up per (short) line. A colon past a heading's
    // length ends none, so the rest of a long line is not searched.
    let head_room = trimmed.len().min(MAX_HEADING_LEN + 1);
    let colon = memchr::memchr(b':', &trimmed.as_bytes()[..head_room]);
    if let Some((head, rest)) = colon.map(|at| (&trimmed[..at], &trimmed[at + 1..])) {
        if head.len() <= MAX_HEADING_LEN {
            // Markdown emphasis may close after the colon ("**Location:** Remote").
            let value = rest.trim_start_matches(['*', '_', ' ']).trim_end();
            if let Some(kind) = lookup(head, lexicon) {
                return Some(Heading {
                    kind,
                    line_only: !value.is_empty(),
                });
            }
            // A line that is only "Heading and a few more words:" ("Skills and experience you
            // have:") opens the section its leading known heading names.
            if value.is_empty() {
                if let Some(kind) = leading_heading(head, lexicon) {
                    return Some(section(kind));
                }
                // A short line that ends in a colon introduces what follows, whoever speaks
                // ("We require that you:", "In your first month, you'll:").
                if is_heading_shaped(line, head) {
                    if let Some(kind) = cued_heading(head, lexicon) {
                        return Some(section(kind));
                    }
                }
            }
        }
    }
    if trimmed.len() > MAX_HEADING_LEN {
        return None;
    }
    // The line as a listed heading, and as one that starts with a listed heading, differ only in
    // the marks they end with, which leave the first word alone: `may_be_heading` turns away most
    // short lines once for both.
    if !may_be_heading(trimmed.trim_matches(['*', '_', ' ']), lexicon) {
        // No listed heading starts it, but its cue words may name one ("Things you'll own").
        if !is_unlisted_heading(line) {
            return None;
        }
        return cued_heading(trimmed, lexicon).map(section);
    }
    let candidate = trimmed
        .trim_end_matches(['.', '!', '?'])
        .trim_matches(['*', '_', ' ']);
    let listed = lookup_heading(candidate, lexicon);
    // So does a line written as a heading that starts with one ("Benefits at Acme", "What you
    // will do in this role", "Skills Required"): employers add words to the headings they share.
    if listed.is_none() && is_unlisted_heading(line) {
        return leading_heading(trimmed.trim_end_matches(['!', '?']), lexicon)
            .or_else(|| cued_heading(trimmed, lexicon))
            .map(section);
    }
    listed.map(section)
}

/// The section of the longest listed heading that `head` starts with and is longer than. Two words
/// at least, so that a one-word heading ("Company", "Mission") does not take a line about the job,
/// unless the one word is a plural: a plural noun leads a list of such things ("Benefits at Acme
/// include:", "Skills Required").
fn leading_heading(head: &str, lexicon: &CompiledLexicon) -> Option<SectionKind> {
    let plural = head
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with(['s', 'S']));
    // Where each word but the last ends, the last first.
    let word_ends = head
        .char_indices()
        .rev()
        .filter(|&(at, c)| {
            at > 0 && c.is_whitespace() && !head[..at].ends_with(char::is_whitespace)
        })
        .map(|(at, _)| &head[..at]);
    word_ends
        .take_while(|leading| plural || leading.trim_start().contains(char::is_whitespace))
        .find_map(|leading| lookup(leading, lexicon))
}

/// Words that open a company's sentence about itself ("We put emphasis on these values:", "Our
/// offices", "We're hiring"): a line led by one stays in the company's section.
const COMPANY_VOICE: [&str; 4] = ["at", "our", "us", "we"];

/// Whether a line is written as a heading the lexicon does not list: short, capitalized, not a
/// sentence, a list item, a `Key: value` line or the company speaking of itself. A line indented
/// by a tab is a list item too, whose bullet was lost when a word processor's list was pasted as
/// text ("\tLead with Purpose" under "Our values").
fn is_unlisted_heading(line: &str) -> bool {
    let trimmed = undecorated(line).trim_end_matches(['*', '_', '=', ' ', ':']);
    is_heading_shaped(line, trimmed) && !trimmed.contains(':') && {
        let first = trimmed.split_whitespace().next().unwrap_or("");
        let first = first.split(['\'', '\u{2019}']).next().unwrap_or(first);
        !COMPANY_VOICE.iter().any(|w| first.eq_ignore_ascii_case(w))
    }
}

/// Whether `words`, the words of `line` without its marks, are short and capitalized like a
/// heading, and `line` is not a sentence or a list item. Every short line of a body is asked
/// this: the cheap checks come first.
fn is_heading_shaped(line: &str, words: &str) -> bool {
    !words.is_empty()
        && words.len() <= MAX_HEADING_LEN
        && words.starts_with(|c: char| c.is_uppercase())
        && !words.ends_with(['.', ',', ';'])
        && !line.starts_with('\t')
        && strip_bullet(line.trim()).is_none()
        && words.split_whitespace().nth(8).is_none()
}

/// Which kind of section each kind's cues name when a heading holds cues of several, first
/// first: what the job gives ("Why you'll love working here") before what it asks ("You'll
/// thrive here if"), which comes before what it does ("you'll").
const CUE_ORDER: [SectionKind; 7] = [
    SectionKind::Legal,
    SectionKind::Apply,
    SectionKind::Benefits,
    SectionKind::NiceToHave,
    SectionKind::Requirements,
    SectionKind::Responsibilities,
    SectionKind::Role,
];

/// The section that the lexicon's `cues` in an unlisted heading name ("Things you'll own",
/// "Sound like you?"), if it holds any. A cue inside a longer one counts as the longer ("You
/// should apply if" holds "apply if", not "apply").
fn cued_heading(head: &str, lexicon: &CompiledLexicon) -> Option<SectionKind> {
    let head = normalize_term(head);
    // A cue is whole words: no word character on either side.
    let whole = |m: &aho_corasick::Match| {
        !head[..m.start()]
            .chars()
            .next_back()
            .is_some_and(is_word_char)
            && !head[m.end()..].chars().next().is_some_and(is_word_char)
    };
    let found: Vec<(usize, usize, SectionKind)> = (lexicon.heading_cues)
        .find_overlapping_iter(&head)
        .filter(whole)
        .map(|m| {
            (
                m.start(),
                m.end(),
                lexicon.heading_cue_kinds[m.pattern().as_usize()],
            )
        })
        .collect();
    let longest = |&&(start, end, _): &&(usize, usize, SectionKind)| {
        !(found.iter()).any(|&(s, e, _)| s <= start && end <= e && e - s > end - start)
    };
    let named: Vec<SectionKind> = found.iter().filter(longest).map(|&(.., k)| k).collect();
    CUE_ORDER.into_iter().find(|k| named.contains(k))
}

/// Whether `candidate` starts as a heading can: most short lines do not, and are turned away
/// before normalizing and hashing.
fn may_be_heading(candidate: &str, lexicon: &CompiledLexicon) -> bool {
    match leading_word(candidate) {
        Some((word, len)) => lexicon.heading_first_words.get(&word, &(0..len)).is_some(),
        None => may_start_heading(candidate, lexicon),
    }
}

fn lookup(candidate: &str, lexicon: &CompiledLexicon) -> Option<SectionKind> {
    let candidate = candidate.trim_matches(['*', '_', ' ']);
    if !may_be_heading(candidate, lexicon) {
        return None;
    }
    lookup_heading(candidate, lexicon)
}

/// [`lookup`] of a candidate already trimmed that [`may_be_heading`] lets through.
fn lookup_heading(candidate: &str, lexicon: &CompiledLexicon) -> Option<SectionKind> {
    let mut buf = [0; KEY_ROOM];
    let normalized;
    let key = match plain_term(candidate, &mut buf) {
        Some(key) => key,
        None => {
            normalized = normalize_term(candidate);
            &normalized
        }
    };
    if let Some(kind) = heading_kind(key, lexicon) {
        return Some(kind);
    }
    // "About Acme", "About Acme Corp": a company's own about section, unless the lexicon says
    // otherwise ("about the role" is listed as a role heading).
    let about = key.starts_with(ABOUT) && key.split(' ').count() <= 4;
    (about && names_a_company(candidate, key)).then_some(SectionKind::About)
}

/// Room for a heading candidate normalized on the stack: the longest a line's heading can be.
const KEY_ROOM: usize = 64;

/// The kind of section the normalized `key` heads, if it is a listed heading.
fn heading_kind(key: &str, lexicon: &CompiledLexicon) -> Option<SectionKind> {
    if key.is_empty() {
        return None;
    }
    lexicon.headings.get(key.as_bytes(), &(0..key.len()))
}

/// What opens a company's own about section ("About Acme").
const ABOUT: &str = "about ";

/// Words that, capitalized after "About", start a heading about something other than the company
/// ("About The Team", "About Your First 90 Days", "About This Role").
const NOT_A_NAME: [&str; 12] = [
    "a", "an", "my", "our", "that", "the", "these", "this", "those", "what", "you", "your",
];

/// Words that make "About ..." the company's section whatever else it says ("About our company",
/// "About Acme, Inc.").
const COMPANY_WORDS: [&str; 10] = [
    "business",
    "company",
    "corp",
    "gmbh",
    "inc",
    "llc",
    "ltd",
    "organisation",
    "organization",
    "us",
];

/// Whether an "About ..." heading (`candidate` as written, `key` normalized) is about a company:
/// what follows "About" is a proper name or names a company. "About the positions" is not.
fn names_a_company(candidate: &str, key: &str) -> bool {
    let named = candidate.split_whitespace().nth(1).is_some_and(|word| {
        word.starts_with(char::is_uppercase)
            && !NOT_A_NAME.iter().any(|w| word.eq_ignore_ascii_case(w))
    });
    named
        || key
            .split(' ')
            .skip(1)
            .any(|w| COMPANY_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// The longest first word [`leading_word`] reads; a longer one is left to [`may_start_heading`].
const LONGEST_FIRST_WORD: usize = 32;

/// The first word of every (normalized) heading, and "about" of [`ABOUT`], for [`leading_word`]
/// to look up.
pub(crate) fn heading_first_words<'a>(headings: impl Iterator<Item = &'a str>) -> WordTable<()> {
    let words: Vec<&[u8]> = headings
        .chain([ABOUT])
        .map(|h| {
            let bytes = h.as_bytes();
            &bytes[..bytes
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count()]
        })
        .filter(|word| !word.is_empty())
        .collect();
    WordTable::new(words.into_iter().map(|word| (word, ())))
}

/// The leading word of `candidate`, lower-cased (its bytes and length), when it is ASCII letters
/// and digits ended by the end or by another ASCII character. Normalizing keeps such a word as it
/// is and ends it there, so the candidate can be a heading (or a company's "About ...") only if
/// the word is one of [`heading_first_words`]: a whole-word lookup turns away far more lines than
/// the prefix one.
fn leading_word(candidate: &str) -> Option<([u8; LONGEST_FIRST_WORD], usize)> {
    let bytes = candidate.as_bytes();
    let len = bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let ended = bytes.get(len).is_none_or(u8::is_ascii);
    if len == 0 || len > LONGEST_FIRST_WORD || !ended {
        return None;
    }
    let mut word = [0; LONGEST_FIRST_WORD];
    word[..len].copy_from_slice(&bytes[..len]);
    word[..len].make_ascii_lowercase();
    Some((word, len))
}

/// How many leading letters of a heading's first word index it (see [`may_start_heading`]).
pub(crate) const HEADING_PREFIX: usize = 3;

/// The keys [`may_start_heading`] looks up: the first letters of each (normalized) heading's
/// first word, and of [`ABOUT`] (a company's about section needs no listed heading), as one bit
/// each among every string of up to [`HEADING_PREFIX`] ASCII letters and digits (see
/// [`prefix_index`]). A heading that starts otherwise is found by the full lookup, which a
/// non-ASCII candidate always gets.
pub(crate) fn heading_prefixes<'a>(headings: impl Iterator<Item = &'a str>) -> Vec<u64> {
    let mut bits = vec![0u64; PREFIX_SYMBOLS.pow(HEADING_PREFIX as u32).div_ceil(64)];
    for heading in headings.chain([ABOUT]) {
        let mut key = [0u8; HEADING_PREFIX];
        let word = heading.bytes().take_while(u8::is_ascii_alphanumeric);
        for (i, b) in word.take(HEADING_PREFIX).enumerate() {
            key[i] = b;
        }
        if key[0] != 0 {
            let index = prefix_index(key);
            bits[index / 64] |= 1 << (index % 64);
        }
    }
    bits
}

/// Whether a known heading may start `text`: whether its first one to [`HEADING_PREFIX`]
/// characters, lower-cased, are the start of a heading's first word. It looks no further, because
/// in a flattened line a heading runs into what follows ("ResponsibilitiesCollaborate",
/// "EDUCATIONBachelor's"). A non-ASCII character among them says yes: the full lookup decides.
fn may_start_heading(text: &str, lexicon: &CompiledLexicon) -> bool {
    // Each prefix's index is the previous one's and its last byte's place: asked of every capital
    // of a flattened line, indexing each prefix afresh cost three times as much.
    let mut index = 0;
    for (&b, place) in text.as_bytes().iter().zip(PREFIX_PLACES) {
        let symbol = PREFIX_SYMBOL[usize::from(b)];
        if symbol == NOT_ASCII {
            return true;
        }
        if symbol == 0 {
            break;
        }
        index += usize::from(symbol) * place;
        if lexicon.heading_prefixes[index / 64] & (1 << (index % 64)) != 0 {
            return true;
        }
    }
    false
}

/// The symbols a prefix's bytes are read as: no byte, ten digits and 26 letters.
const PREFIX_SYMBOLS: usize = 37;

/// What each byte of a prefix is worth in its index ([`prefix_index`]), first first.
const PREFIX_PLACES: [usize; HEADING_PREFIX] = [PREFIX_SYMBOLS * PREFIX_SYMBOLS, PREFIX_SYMBOLS, 1];

/// A prefix's place among every string of up to [`HEADING_PREFIX`] ASCII letters and digits: its
/// bytes as the digits of a number in base [`PREFIX_SYMBOLS`]. Asked of every capital of a
/// flattened line, a bit read there costs a third of the binary search of sorted keys it replaced.
fn prefix_index(prefix: [u8; HEADING_PREFIX]) -> usize {
    (prefix.iter().zip(PREFIX_PLACES))
        .map(|(&b, place)| usize::from(PREFIX_SYMBOL[usize::from(b)]) * place)
        .sum()
}

/// [`PREFIX_SYMBOL`] of a byte that is not ASCII.
const NOT_ASCII: u8 = u8::MAX;

/// Each byte's digit in [`prefix_index`]: 1 to 10 for the digits and 11 to 36 for the letters (of
/// either case), 0 for other ASCII (as for no byte) and [`NOT_ASCII`] for the rest. One load
/// answers the three questions asked of each byte after every capital of a flattened line.
const PREFIX_SYMBOL: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            d @ b'0'..=b'9' => d - b'0' + 1,
            l @ b'a'..=b'z' => l - b'a' + 11,
            c @ b'A'..=b'Z' => c - b'A' + 11,
            0..=0x7f => 0,
            _ => NOT_ASCII,
        };
        b += 1;
    }
    table
};

/// How far before an inline heading its previous word is looked for, in bytes.
const LOOK_BACK: usize = 40;
/// How many characters (spaces and bullets) may stand between an inline heading and its text.
const LOOK_AHEAD: usize = 4;

/// The bullet markers a scraped list keeps when its line breaks are lost.
const BULLETS: [char; 5] = ['\u{b7}', '\u{2022}', '-', '*', '\u{2013}'];

/// Where the ASCII capitals of `bytes` are, in order. A flattened line is mostly lower case:
/// each block of 16 bytes is checked at once, as two `u64`s, and only its capitals visited.
fn ascii_capitals(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    // The block after the one `capitals` marks, and the high bit of each capital in that one.
    let mut next = 0;
    let mut capitals = 0u128;
    std::iter::from_fn(move || {
        while capitals == 0 {
            let block = match bytes.get(next..next + 16) {
                Some(block) => block.try_into().expect("16 bytes"),
                None if next < bytes.len() => {
                    let mut last = [0; 16];
                    last[..bytes.len() - next].copy_from_slice(&bytes[next..]);
                    last
                }
                None => return None,
            };
            let half = |at: usize| {
                let eight = block[at..at + 8].try_into().expect("eight bytes");
                u128::from(ascii_capital_bytes(u64::from_le_bytes(eight)))
            };
            capitals = half(0) | half(8) << 64;
            next += 16;
        }
        let at = next - 16 + (capitals.trailing_zeros() / 8) as usize;
        capitals &= capitals - 1;
        Some(at)
    })
}

/// Headings written inline in a flattened line: (byte offset in the line, kind).
fn inline_headings(line: &str, lexicon: &CompiledLexicon) -> Vec<(usize, SectionKind)> {
    let mut out = Vec::new();
    // A heading starts with an ASCII capital, always a character boundary: walking bytes
    // instead of characters skips decoding the whole line.
    for at in ascii_capitals(line.as_bytes()) {
        let rest = &line[at..];
        if !may_start_heading(rest, lexicon) {
            continue;
        }
        let after_a_break = at == 0 || {
            let before = line[..at].trim_end();
            before.is_empty()
                || before.ends_with(['.', '!', '?', ':'])
                || (before.len() == at && before.ends_with(|c: char| c.is_lowercase()))
                // An emoji or other pictograph marks a heading ("...the remote way!✨ What we
                // offer", "🦹 Skills and experience").
                || before.ends_with(|c: char| c >= '\u{2190}' && !c.is_alphanumeric())
        };
        // The longest known heading starting here that is followed like a heading. Where
        // nothing before it breaks the text, a bullet after it marks it, after a word in lower
        // case ("...be treated as an entrepreneur Benefits - A true results-only environment"):
        // lines run together with spaces keep no other trace of the break. After a capitalized
        // word it is the end of a longer name ("Time Zone Requirements - ...").
        let after_lower_case = || {
            // A word is looked for in the few bytes before, so that text of capitals run
            // together costs no more per capital than a short look back.
            let mut from = at.saturating_sub(LOOK_BACK);
            while !line.is_char_boundary(from) {
                from -= 1;
            }
            let before = line[from..at].trim_end();
            let word = before.rsplit(|c: char| !c.is_alphanumeric()).next();
            word.filter(|w| from == 0 || w.len() < before.len())
                .and_then(|w| w.chars().next())
                .is_some_and(|c| !c.is_uppercase())
        };
        let mut best = None;
        // Capitals, digits and colons are ASCII but for non-ASCII capitals: bytes first. A
        // scraped list keeps its bullets ("Benefits· Medical", "Requirements • 5 years"), so
        // what follows a heading may be its first item.
        let opens = |text: &str| {
            let mut bulleted = false;
            for c in text.chars().take(LOOK_AHEAD) {
                if c == ' ' {
                    continue;
                }
                if BULLETS.contains(&c) {
                    bulleted = true;
                    continue;
                }
                return (after_a_break || (bulleted && after_lower_case()))
                    && (c.is_uppercase() || c.is_ascii_digit());
            }
            false
        };
        let rest_bytes = rest.as_bytes();
        let limit = rest.len().min(MAX_HEADING_LEN + 1);
        // A candidate within the plain bytes (`plain_prefix_len`) is its bytes lower-cased, a
        // listed heading only if every byte of it follows one. A candidate past them normalizes
        // to them lower-cased and then more (the normalizer copies a plain run as it is,
        // whatever follows): none either when they leave the headings. So where the bytes leave
        // the headings inside the plain run, no candidate ends past the byte after (which may
        // end one before a space), and none is looked up: every end of every capital looked up
        // was a fifteenth of splitting the dev set. The headings are followed first and the
        // plain run read only that far: both read to their end were an eighth.
        let (listed, heading_ends) = listed_prefix(&lexicon.listed_headings, &rest_bytes[..limit]);
        let leaves_in_plain = listed < limit && plain_prefix_len(rest_bytes, listed + 1) > listed;
        let ends = if leaves_in_plain {
            1..limit.min(listed + 2)
        } else {
            1..limit
        };
        for end in ends {
            // Inside the plain run, a candidate (less the space it may end with) is a listed
            // heading only where one ends in the trie: most ends are looked at no further.
            if leaves_in_plain {
                let len = end - usize::from(rest_bytes[end - 1] == b' ');
                if heading_ends & (1 << len) == 0 {
                    continue;
                }
            }
            let followed = match rest_bytes[end] {
                b if b.is_ascii_uppercase() || b.is_ascii_digit() || b == b':' => after_a_break,
                b' ' | b'-' | b'*' => opens(&rest[end..]),
                b if b.is_ascii() => false,
                _ => rest.is_char_boundary(end) && opens(&rest[end..]),
            };
            if !followed {
                continue;
            }
            let candidate = rest[..end].trim_end();
            let mut buf = [0; KEY_ROOM];
            let found = match plain_term(candidate, &mut buf) {
                Some(key) => heading_kind(key, lexicon),
                None => heading_kind(&normalize_term(candidate), lexicon),
            };
            if let Some(kind) = found {
                best = Some(kind);
            }
        }
        if let Some(kind) = best {
            out.push((at, kind));
        }
    }
    out
}

/// Every listed heading (normalized) as a trie of its bytes, which a flattened line's bytes are
/// followed through a byte at a time (see [`listed_prefix`]). Built once with the lexicon: two
/// binary searches of the sorted headings per byte, which it replaced, were a ninth of splitting
/// the dev set.
#[derive(Debug, Clone)]
pub(crate) struct HeadingTrie {
    /// Each node's children, as a range of `edges`; node 0 is the root.
    nodes: Vec<Range<u32>>,
    /// Each node's children in order of their byte: the byte and the child.
    edges: Vec<(u8, u32)>,
    /// The root's children by byte, 0 for none (the root is no node's child): every candidate
    /// starts there, and the root has a score of children where other nodes have one or two.
    roots: Vec<u32>,
    /// Whether a heading ends at each node.
    heading_ends: Vec<bool>,
}

impl HeadingTrie {
    pub(crate) fn new<'a>(headings: impl Iterator<Item = &'a str>) -> HeadingTrie {
        // Built with each node's children in a map, then laid out flat.
        let mut children: Vec<BTreeMap<u8, u32>> = vec![BTreeMap::new()];
        let mut heading_ends = vec![false];
        for heading in headings {
            let mut node = 0;
            for &byte in heading.as_bytes() {
                let next = children.len() as u32;
                node = *children[node].entry(byte).or_insert(next) as usize;
                if node == next as usize {
                    children.push(BTreeMap::new());
                    heading_ends.push(false);
                }
            }
            heading_ends[node] = true;
        }
        let mut trie = HeadingTrie {
            nodes: Vec::with_capacity(children.len()),
            edges: Vec::new(),
            roots: vec![0; 256],
            heading_ends,
        };
        for (&byte, &child) in &children[0] {
            trie.roots[usize::from(byte)] = child;
        }
        for node in children {
            let from = trie.edges.len() as u32;
            trie.edges.extend(node);
            trie.nodes.push(from..trie.edges.len() as u32);
        }
        trie
    }

    /// The child of `node` along `byte`, if some heading goes on that way.
    fn child(&self, node: u32, byte: u8) -> Option<u32> {
        if node == 0 {
            let child = self.roots[usize::from(byte)];
            return (child != 0).then_some(child);
        }
        let Range { start, end } = self.nodes[node as usize].clone();
        // Read in order, not searched: nine nodes in ten have one child.
        (self.edges[start as usize..end as usize].iter())
            .find(|&&(b, _)| b == byte)
            .map(|&(_, child)| child)
    }
}

/// How many leading bytes of `bytes` (at most 63), lower-cased, some heading of `headings` starts
/// with, and bit `n` set for each length `n` of them that a heading ends at.
fn listed_prefix(headings: &HeadingTrie, bytes: &[u8]) -> (usize, u64) {
    debug_assert!(bytes.len() < 64);
    // Its callers read at most a heading's length and the byte after.
    const _: () = assert!(MAX_HEADING_LEN + 1 < 64);
    let mut node = 0;
    let mut heading_ends = 0;
    for (at, byte) in bytes.iter().enumerate() {
        match headings.child(node, byte.to_ascii_lowercase()) {
            Some(child) => node = child,
            None => return (at, heading_ends),
        }
        heading_ends |= u64::from(headings.heading_ends[node as usize]) << (at + 1);
    }
    (bytes.len(), heading_ends)
}

/// The bullet lists of a body: runs of at least three consecutive bulleted or numbered lines
/// (blank lines between items allowed), each item without its marker.
pub(crate) fn bullet_lists(body: &str) -> Vec<Vec<&str>> {
    let mut lists: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in lines(body) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        match strip_bullet(trimmed) {
            Some(item) => current.push(item),
            None => {
                if current.len() >= 3 {
                    lists.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() >= 3 {
        lists.push(current);
    }
    lists
}

/// The lines of `text`, as [`str::lines`] gives them, found by memchr: `lines` pays a search
/// set-up per (short) line, and the rules read every line of a body twice.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let mut newlines = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || match newlines.next() {
        Some(newline) => {
            let line = &text[start..newline];
            start = newline + 1;
            Some(line.strip_suffix('\r').unwrap_or(line))
        }
        // The last line has no line break to end it, and keeps a carriage return.
        None if start < text.len() => {
            let line = &text[start..];
            start = text.len();
            Some(line)
        }
        None => None,
    })
}

/// A line's text without its bullet or number, if it has one.
fn strip_bullet(line: &str) -> Option<&str> {
    const BULLETS: [char; 10] = ['-', '*', '+', '•', '·', '▪', '●', '◦', '‣', '–'];
    if let Some(rest) = line.strip_prefix(BULLETS) {
        return rest
            .starts_with(char::is_whitespace)
            .then(|| rest.trim_start());
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    (digits > 0 && digits <= 2)
        .then(|| rest.strip_prefix(['.', ')']))
        .flatten()
        .filter(|r| r.starts_with(char::is_whitespace))
        .map(str::trim_start)
}

/// Whether a body lost its line breaks (scraped text): its longest line is long and holds most of
/// it. Its structure (sections, lists) cannot be judged, only its words.
pub(crate) fn is_flattened(body: &str) -> bool {
    let longest = lines(body).map(str::len).max().unwrap_or(0);
    longest >= FLATTENED_LINE_LEN && 2 * longest > body.trim().len()
}

/// Whether one of `lists` (as [`bullet_lists`] gives them) is a list of which at least half the
/// items satisfy `item`.
pub(crate) fn has_list_of(lists: &[Vec<&str>], item: impl Fn(&str) -> bool) -> bool {
    lists
        .iter()
        .any(|list| 2 * list.iter().filter(|i| item(i)).count() >= list.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    fn lexicon() -> CompiledLexicon {
        CompiledLexicon::new(&Lexicon::embedded().unwrap())
    }

    #[test]
    fn a_listed_prefix_is_followed_through_the_headings_lower_cased() {
        let headings =
            HeadingTrie::new(["benefits", "benefits and perks", "requirements"].into_iter());
        assert_eq!(listed_prefix(&headings, b"Benefits an"), (11, 1 << 8));
        assert_eq!(
            listed_prefix(&headings, b"Benefits And Perks Dental"),
            (18, 1 << 8 | 1 << 18)
        );
        assert_eq!(listed_prefix(&headings, b"Benefitsx"), (8, 1 << 8));
        assert_eq!(listed_prefix(&headings, b"REQ"), (3, 0));
        assert_eq!(listed_prefix(&headings, b"Xyz"), (0, 0));
    }

    proptest::proptest! {
        /// Trimmed on the bytes where it can be, a line is trimmed as decoding it trims it.
        #[test]
        fn undecorated_trims_as_the_characters_say(
            line in "[aZ9 \t\x0b\r*_=#:.\u{a0}\u{e9}\u{2022}\u{3000}\u{1f381}]{0,12}",
        ) {
            let decoded = line
                .trim()
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches(['*', '_', '=', ' ']);
            proptest::prop_assert_eq!(undecorated(&line), decoded);
        }

        #[test]
        fn lines_are_the_lines_str_gives(text in "[a \r\n\u{e9}]{0,16}") {
            proptest::prop_assert_eq!(lines(&text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>());
        }
    }

    fn kinds(body: &str) -> Vec<(String, &'static str)> {
        let s = Sections::split(body, &lexicon());
        s.starts()
            .iter()
            .map(|&(at, k)| (body[at..].chars().take(12).collect(), k.id()))
            .collect()
    }

    /// The kinds of `body`'s sections, in order.
    fn section_ids(body: &str) -> Vec<&'static str> {
        kinds(body).into_iter().map(|(_, id)| id).collect()
    }

    #[test]
    fn recognizes_heading_lines_in_their_common_forms() {
        let body = "We build tools.\n## About Us\nFounded in 2010.\n**What you'll do:**\n- Own the roadmap\nRequirements: 3+ years\nBenefits\n- Dental\n";
        let k = kinds(body);
        let ids: Vec<_> = k.iter().map(|(_, id)| *id).collect();
        assert_eq!(
            ids,
            vec![
                "preamble",
                "about",
                "responsibilities",
                "requirements",
                "benefits"
            ],
            "{k:?}"
        );
    }

    #[test]
    fn a_numbered_heading_is_the_heading_it_numbers_and_a_numbered_item_is_not_one() {
        let body = "We build tools.\n1. Responsibilities\n1. Own the roadmap\n2. Run discovery\n2) What you'll bring:\n1. Requirements of the role are listed below\n3. Benefits\n- Dental\n";
        assert_eq!(
            kinds(body),
            [
                ("We build too".to_string(), "preamble"),
                ("1. Responsib".to_string(), "responsibilities"),
                ("2) What you'".to_string(), "requirements"),
                ("3. Benefits\n".to_string(), "benefits"),
            ]
        );
    }

    #[test]
    fn a_formatting_tag_around_a_heading_does_not_hide_it() {
        let body = "We build tools.\n<u>Essential\n- Agile delivery\n<b>Desirable</b>\n- GOV.UK\n<strong>Benefits:</strong>\n- Leave\n";
        assert_eq!(
            section_ids(body),
            ["preamble", "requirements", "nice-to-have", "benefits"]
        );
        assert_eq!(without_formatting_tags("<u>Essential\n"), "Essential");
        assert_eq!(without_formatting_tags("</b>Perks</b>"), "Perks");
        // Not a tag: a comparison, a tag with attributes, a long name, no tag at all.
        for line in [
            "<5 years",
            "<span class=\"x\">Essential",
            "<section>Perks",
            "Perks\n",
            "a > b",
        ] {
            assert_eq!(without_formatting_tags(line), line);
        }
    }

    #[test]
    fn public_sector_headings_name_their_sections() {
        // US federal and UK civil-service postings head their parts so.
        let body = "Job purpose\nRun the service.\nKey accountabilities\n- Own the roadmap\nKnowledge, skills and abilities\n- Discovery\nEssential\n- Agile delivery\nDesirable\n- GOV.UK\nBehaviours\n- Seeing the big picture\nHow you will be evaluated\n- A panel\nConditions of employment\n- Citizenship\n";
        assert_eq!(
            section_ids(body),
            [
                "role",
                "responsibilities",
                "requirements",
                "requirements",
                "nice-to-have",
                "requirements",
                "apply",
                "legal"
            ]
        );
    }

    #[test]
    fn a_colon_line_opening_with_a_known_heading_starts_that_section() {
        let body = "About us:\nWe are small.\nSkills and experience you have:\n- Line management\nCompany perks include:\n- Lunch\n";
        let ids = section_ids(body);
        // "Company perks include" opens with a one-word heading only, which leads nothing; the
        // cue "perks" in it names the benefits.
        assert_eq!(ids, vec!["about", "requirements", "benefits"]);
    }

    #[test]
    fn a_long_line_mentioning_a_heading_word_is_not_a_heading() {
        let body = "Responsibilities of this role include owning the roadmap for our payments product and more.\n";
        assert_eq!(kinds(body).len(), 1);
    }

    #[test]
    fn finds_every_ascii_capital_block_by_block() {
        let line = "A quick Brown fox, ÉTÉ jumps OVER the lazy dog Z and Q";
        let expected: Vec<usize> = (line.bytes().enumerate())
            .filter(|(_, b)| b.is_ascii_uppercase())
            .map(|(at, _)| at)
            .collect();
        assert_eq!(
            ascii_capitals(line.as_bytes()).collect::<Vec<_>>(),
            expected
        );
        assert_eq!(ascii_capitals(b"").count(), 0);
    }

    #[test]
    fn finds_inline_headings_in_flattened_text() {
        let filler = "We are a company that makes software for teams. ".repeat(6);
        let body = format!("{filler}Say hello?What You Will Be Doing Owning a roadmap for the platform. Requirements 3+ years of experience. Benefits Great dental.");
        let ids = section_ids(&body);
        assert_eq!(
            ids,
            vec!["preamble", "responsibilities", "requirements", "benefits"]
        );
    }

    #[test]
    fn finds_inline_headings_run_into_the_next_word() {
        let filler = "We are a company that makes software for teams. ".repeat(6);
        let body = format!(
            "{filler}ResponsibilitiesCollaborate on the roadmap.Skills3+ years of experience.EDUCATIONBachelor's degree."
        );
        let found = kinds(&body);
        let ids: Vec<_> = found.iter().map(|(_, id)| *id).collect();
        assert_eq!(
            ids,
            vec![
                "preamble",
                "responsibilities",
                "requirements",
                "requirements"
            ]
        );
        assert!(found[3].0.starts_with("EDUCATION"), "{found:?}");
    }

    #[test]
    fn finds_inline_headings_before_a_scraped_bullet() {
        let filler = "We are a company that makes software for teams. ".repeat(6);
        let body = format!(
            "{filler}Responsibilities· Own the roadmap.Requirements • 3+ years of experience. Benefits - Great dental."
        );
        let ids = section_ids(&body);
        assert_eq!(
            ids,
            vec!["preamble", "responsibilities", "requirements", "benefits"]
        );
        // A hyphen or bullet is not a heading's end when a lower-case word follows it.
        let body =
            format!("{filler}Benefits - focused teams build this. Requirements-driven work.");
        let ids = section_ids(&body);
        assert_eq!(ids, vec!["preamble"]);
    }

    #[test]
    fn a_bullet_marks_a_heading_in_lines_run_together_with_spaces() {
        let filler = "We are a company that makes software for teams. ".repeat(6);
        let body = format!(
            "{filler}- Willing to act as an entrepreneur Benefits - A true results-only culture"
        );
        let ids = section_ids(&body);
        assert_eq!(ids, vec!["preamble", "benefits"]);
        // After a capitalized word the heading word ends a longer name.
        let body = format!(
            "{filler}All US time zones.Travel Requirements - This team meets twice a year. Time Zone Requirements - This team works in all US time zones."
        );
        let ids = section_ids(&body);
        assert_eq!(ids, vec!["preamble"]);
        // Without a bullet a heading word inside a sentence is a word.
        let body = format!("{filler}We offer great Benefits Including dental.");
        let ids = section_ids(&body);
        assert_eq!(ids, vec!["preamble"]);
    }

    #[test]
    fn finds_inline_headings_after_an_emoji() {
        let filler = "We are a company that makes software for teams. ".repeat(6);
        let body = format!(
            "{filler}\u{1f4bb} The role You will own billing. \u{1f381} Benefits Great dental."
        );
        let ids = section_ids(&body);
        assert_eq!(ids, vec!["preamble", "role", "benefits"]);
    }

    #[test]
    fn a_flattened_line_that_opens_with_a_heading_keeps_its_inline_headings() {
        let filler = "We are a company that makes software for teams. ".repeat(6);
        let body = format!(
            "About Acme: {filler}Responsibilities: Own the roadmap. Requirements: 3 years."
        );
        let ids = section_ids(&body);
        assert_eq!(ids, vec!["about", "responsibilities", "requirements"]);
    }

    #[test]
    fn kind_at_finds_the_enclosing_section() {
        let body = "Intro\nResponsibilities\n- Own it\nBenefits\n- Lunch\n";
        let s = Sections::split(body, &lexicon());
        assert_eq!(s.kind_at(0), SectionKind::Preamble);
        assert_eq!(
            s.kind_at(body.find("Own").unwrap()),
            SectionKind::Responsibilities
        );
        assert_eq!(
            s.kind_at(body.find("Lunch").unwrap()),
            SectionKind::Benefits
        );
    }

    #[test]
    fn a_key_value_line_covers_only_itself() {
        let body = "Location: Remote (US)\n**Salary:** $120k\nYou will own the roadmap.\nResponsibilities\n- Own it\nLocation: Berlin\n- Ship it\n";
        let s = Sections::split(body, &lexicon());
        let at = |text| s.kind_at(body.find(text).unwrap());
        assert_eq!(at("Remote"), SectionKind::Benefits);
        assert_eq!(at("$120k"), SectionKind::Benefits);
        assert_eq!(at("You will own"), SectionKind::Preamble);
        assert_eq!(at("Berlin"), SectionKind::Benefits);
        assert_eq!(at("Ship it"), SectionKind::Responsibilities);
    }

    #[test]
    fn a_heading_with_nothing_after_its_colon_opens_a_section() {
        for body in [
            "Benefits:\n- Dental\n- Lunch\n",
            "**Benefits:**\n- Dental\n- Lunch\n",
        ] {
            let s = Sections::split(body, &lexicon());
            assert_eq!(
                s.kind_at(body.find("Lunch").unwrap()),
                SectionKind::Benefits,
                "{body:?}"
            );
        }
    }

    #[test]
    fn a_plural_heading_word_leading_a_line_to_its_colon_opens_its_section() {
        let lexicon = lexicon();
        for (line, kind) in [
            ("Benefits provided by Acme:", SectionKind::Benefits),
            ("Benefits at Acme.io include:", SectionKind::Benefits),
            ("Responsibilities are:", SectionKind::Responsibilities),
        ] {
            let body = format!("Own the roadmap.\n{line}\n- Lunch\n");
            let s = Sections::split(&body, &lexicon);
            assert_eq!(s.kind_at(body.find("Lunch").unwrap()), kind, "{line:?}");
        }
        // One singular heading word leads many lines about the job: "Mission" opens no company
        // section here, and the line's cue ("you will") names the job's.
        let body = "Own the roadmap.\nMission critical systems you will own:\n- Billing\n";
        let s = Sections::split(body, &lexicon);
        assert_eq!(
            s.kind_at(body.find("Billing").unwrap()),
            SectionKind::Responsibilities
        );
    }

    #[test]
    fn a_heading_line_leading_with_a_known_heading_opens_its_section() {
        let lexicon = lexicon();
        for (line, kind) in [
            ("Benefits at Acme", SectionKind::Benefits),
            (
                "## What you will do in this role",
                SectionKind::Responsibilities,
            ),
            ("Skills Required", SectionKind::Requirements),
            ("Your role at Acme", SectionKind::Role),
        ] {
            let body = format!("About Acme\nWe make tools.\n{line}\n- Lunch\n");
            let s = Sections::split(&body, &lexicon);
            assert_eq!(s.kind_at(body.find("Lunch").unwrap()), kind, "{line:?}");
        }
        // A sentence, a list item, a lowercase line or one singular heading word: not headings.
        for line in [
            "Requirements gathering comes first.",
            "- Skills in SQL",
            "responsibilities grow with the team",
            "Mission critical systems",
        ] {
            let body = format!("Own the roadmap.\n{line}\n- Billing\n");
            let s = Sections::split(&body, &lexicon);
            assert_eq!(
                s.kind_at(body.find("Billing").unwrap()),
                SectionKind::Preamble,
                "{line:?}"
            );
        }
    }

    #[test]
    fn about_a_name_or_a_company_opens_the_about_section() {
        for heading in [
            "About Acme",
            "ABOUT ACME",
            "About Acme Corp",
            "About our company",
            "About Acme, Inc.",
        ] {
            let body = format!("{heading}\nWe make tools for teams.\n");
            assert_eq!(
                Sections::split(&body, &lexicon()).kind_at(body.find("We make").unwrap()),
                SectionKind::About,
                "{heading}"
            );
        }
    }

    #[test]
    fn a_sentence_introducing_the_role_ends_the_company_pitch() {
        let pitch = "About Acme\nAcme makes tools for builders. We are proud of them.\n";
        let body = format!("{pitch}We\u{2019}re looking for a product manager to own billing.\n");
        assert_eq!(
            kinds(&body),
            [
                ("About Acme\nA".to_string(), "about"),
                ("We\u{2019}re lookin".to_string(), "role")
            ]
        );
        // Within a paragraph, at a sentence start.
        let body = "About us\nAcme makes tools. As the product manager, you own billing.\n";
        assert_eq!(kinds(body)[1], ("As the produ".to_string(), "role"));
        // In a flattened line, after the inline heading that opened the pitch.
        let flat = format!(
            "About Acme: {} In this role you will own the roadmap for billing.\n",
            "Acme makes tools for builders and ships them every week. ".repeat(6)
        );
        let sections = Sections::split(&flat, &lexicon());
        let role = flat.find("In this role").unwrap();
        assert_eq!(sections.kind_at(role), SectionKind::Role);
        assert_eq!(sections.kind_at(role - 2), SectionKind::About);
    }

    #[test]
    fn an_unlisted_heading_ends_the_company_pitch() {
        let pitch = "About Acme\n\nAcme makes tools for builders.\n\n";
        for heading in ["In a nutshell", "**Life at Acme**", "Meet the Team!"] {
            let body = format!("{pitch}{heading}\n- Own the roadmap for billing.\n");
            assert_eq!(section_ids(&body), ["about", "preamble"], "{heading}");
            let sections = Sections::split(&body, &lexicon());
            let job = body.find("Own the").unwrap();
            assert_eq!(sections.kind_at(job), SectionKind::Preamble, "{heading}");
        }
    }

    #[test]
    fn an_unlisted_headings_cues_name_its_section() {
        let benefits = "Perks\n- Free lunch\n\n";
        for (heading, kind) in [
            ("Things you'll own", "responsibilities"),
            ("Your day-to-day", "responsibilities"),
            ("In your first month, you'll:", "responsibilities"),
            ("Sound like you?", "requirements"),
            ("You'll thrive here if", "requirements"),
            ("We require that you:", "requirements"),
            // The longer cue counts: eligibility, not how to apply.
            ("You should apply if", "requirements"),
            ("Who may apply:", "requirements"),
            ("Desired, but not required", "nice-to-have"),
            // What the job gives before what it does.
            ("Why you'll love working here", "benefits"),
        ] {
            // After the benefits, which run on past an unlisted heading without cues.
            let body = format!("{benefits}{heading}\n- Own the roadmap for billing\n");
            assert_eq!(section_ids(&body).last(), Some(&kind), "{heading}");
        }
        // A heading whose cues name no section, a sentence and a list item are no cued heading.
        for line in [
            "Creating a culture you can thrive in",
            "You'll own the roadmap.",
            "- You'll own the roadmap",
            "Your Total Health",
        ] {
            let body = format!("{benefits}{line}\n- A coaching budget\n");
            assert_eq!(section_ids(&body), ["benefits"], "{line}");
        }
        // A line of the job without a bullet that holds a word of the sections that weigh
        // nothing does not end the job there.
        for line in [
            "Apply machine learning to fraud",
            "Privacy-first product design",
            "We provide APIs for banks",
            "You'll love working with data",
            "You'll get to own the roadmap",
        ] {
            let body = format!("Responsibilities\n- Own the roadmap\n{line}\n- Mentor PMs\n");
            let s = Sections::split(&body, &lexicon());
            let kind = s.kind_at(body.find("Mentor").unwrap());
            assert!(kind.evidence_factor() > 0.0, "{line}: {kind:?}");
        }
    }

    #[test]
    fn a_line_of_the_company_pitch_or_the_benefits_is_no_unlisted_heading() {
        for line in [
            // The company speaking of itself, introducing a list.
            "We put emphasis on the following values:",
            "Our offices",
            "At Acme",
            // A sentence, a list item, a `Key: value` line, a line in lower case.
            "Acme was founded in 2015.",
            "- Remote first",
            "\tRemote First",
            "Headquarters: Berlin",
            "founded by engineers",
        ] {
            let body = format!("About Acme\nAcme makes tools.\n{line}\nWe ship weekly.\n");
            assert_eq!(section_ids(&body), ["about"], "{line}");
        }
        // Benefits run under headings of their own ("Your Total Health"): the section goes on.
        let body = "Benefits\n- Dental\nYour Total Health:\n- A coaching budget\n";
        assert_eq!(section_ids(body), ["benefits"]);
    }

    #[test]
    fn a_pitch_without_a_role_sentence_stays_the_pitch() {
        for body in [
            // An opener inside a sentence, or only the start of a longer word.
            "About Acme\nAcme, as a company, makes tools. As analysts say, it is growing.\n",
            // The heading line itself is no sentence.
            "About us\nWe make tools.\n",
        ] {
            assert!(
                kinds(body).iter().all(|(_, k)| *k == "about"),
                "{body}: {:?}",
                kinds(body)
            );
        }
        // Only a pitch ends so: benefits that promise the candidate something stay benefits.
        let body = "Benefits\nYou will get 30 days of leave.\n";
        assert_eq!(kinds(body), [("Benefits\nYou".to_string(), "benefits")]);
    }

    #[test]
    fn a_benefits_sentence_ends_the_section_it_runs_on_from() {
        let lexicon = lexicon();
        let body = "Requirements\n- 5 years of product work\nWe offer a competitive salary and a mentorship program.\n";
        let s = Sections::split(body, &lexicon);
        assert_eq!(
            s.kind_at(body.find("5 years").unwrap()),
            SectionKind::Requirements
        );
        assert_eq!(
            s.kind_at(body.find("mentorship").unwrap()),
            SectionKind::Benefits
        );
        // What a company offers its customers is no benefit.
        let body =
            "The role\nWe offer one payment platform to merchants. You will own its roadmap.\n";
        let s = Sections::split(body, &lexicon);
        assert_eq!(s.kind_at(body.find("roadmap").unwrap()), SectionKind::Role);
    }

    #[test]
    fn about_anything_else_is_not_the_company() {
        for heading in [
            "About the positions",
            "About This Work",
            "About your first 90 days",
            "ABOUT THE TEAMS",
            "about acme",
        ] {
            let body = format!("{heading}\nYou will own the roadmap.\n");
            assert_ne!(
                Sections::split(&body, &lexicon()).kind_at(body.find("You will").unwrap()),
                SectionKind::About,
                "{heading}"
            );
        }
        // Listed "About ..." headings keep their listed kind.
        assert_eq!(kinds("About the team\nWe ship.\n")[0].1, "role");
    }

    /// Where the development set lives; the test that reads it skips when it is absent.
    /// The development set's PM and other postings, one JSON record a line, or `None` when
    /// `../shared` is absent. With `JDLINT_REQUIRE_SHARED` set (`.ci/run` sets it) an absent file
    /// fails instead, so that the test cannot pass having measured nothing.
    fn dev_set() -> Option<String> {
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
        let mut text = String::new();
        for name in ["pm-dev.jsonl", "non-pm-dev.jsonl"] {
            match std::fs::read_to_string(data.join(name)) {
                Ok(records) => text.push_str(&records),
                Err(e) => {
                    assert!(
                        std::env::var_os("JDLINT_REQUIRE_SHARED").is_none(),
                        "../shared/data/{name}: {e}, and JDLINT_REQUIRE_SHARED requires it"
                    );
                    return None;
                }
            }
        }
        Some(text)
    }

    /// Whether the heading line `line` is a listed heading, alone or opening a line that ends in
    /// a colon ("Our commitment to diversity and inclusion:", "Benefits at Acme include:"), as
    /// `heading` reads them: not a `Key: value` line and not
    /// the "About <Name>" fallback.
    fn is_listed(line: &str, lexicon: &CompiledLexicon) -> bool {
        let text = undecorated(line).trim_end_matches(['*', '_', '=', ' ', '.', '!', '?']);
        let (text, colon) = match text.strip_suffix(':') {
            Some(head) => (head, true),
            None => (text, false),
        };
        let key = normalize_term(text);
        let words: Vec<&str> = key.split(' ').collect();
        let prefixes = if colon {
            let shortest = if words[0].ends_with('s') { 1 } else { 2 };
            shortest..words.len() + 1
        } else {
            words.len()..words.len() + 1
        };
        prefixes
            .into_iter()
            .any(|n| heading_kind(&words[..n].join(" "), lexicon).is_some())
    }

    /// Whether an "About <Name>" heading line names the employer the posting describes: the name
    /// comes back in the body. The fallback's failure is a guess about something else ("About
    /// the positions"); the company's own about section may rightly be long.
    fn names_the_employer(line: &str, body: &str) -> bool {
        let name = line
            .trim()
            .trim_end_matches([':', '*', '_', ' '])
            .split_once(' ')
            .map_or("", |(_, name)| name);
        !name.is_empty() && body.matches(name).count() >= 2
    }

    /// The share of `body` in zero-weight sections that no explicit boilerplate heading opened.
    /// Explicit: a listed heading on a line of its own, or inline in a flattened line (inline
    /// headings are always listed ones), a heading whose own words name its section ("Why
    /// you'll love it here:"), or an "About <Name>" naming the employer. Not explicit:
    /// a `Key: value` line, an "About <Name>" naming nothing else in the posting, and what a
    /// `Key: value` line hands back to when its section was not explicit.
    fn implicit_zero_share(body: &str, lexicon: &CompiledLexicon) -> f64 {
        let starts = Sections::split(body, lexicon).starts().to_vec();
        let line_at = |at: usize| &body[at..body[at..].find('\n').map_or(body.len(), |n| at + n)];
        let heading_at = |at: usize| {
            let line_start = at == 0 || body.as_bytes()[at - 1] == b'\n';
            line_start.then(|| heading(line_at(at), lexicon)).flatten()
        };
        let mut explicit: Vec<bool> = Vec::with_capacity(starts.len());
        let mut implicit = 0;
        for (i, &(at, kind)) in starts.iter().enumerate() {
            let hands_back = i >= 2 && heading_at(starts[i - 1].0).is_some_and(|h| h.line_only);
            let is_explicit = match heading_at(at) {
                _ if hands_back => explicit[i - 2],
                Some(h) => {
                    let line = line_at(at);
                    !h.line_only
                        && (is_listed(line, lexicon)
                            || names_the_employer(line, body)
                            || cued_heading(undecorated(line), lexicon).is_some())
                }
                None => true,
            };
            explicit.push(is_explicit);
            if kind.evidence_factor() == 0.0 && !is_explicit {
                implicit += starts.get(i + 1).map_or(body.len(), |&(end, _)| end) - at;
            }
        }
        implicit as f64 / body.len().max(1) as f64
    }

    #[test]
    fn the_implicit_zero_share_counts_only_what_no_listed_heading_opened() {
        let lexicon = lexicon();
        let job = "Own the roadmap and ship it.\n".repeat(3);
        let listed =
            format!("{job}Benefits\n{job}Our commitment to diversity and inclusion:\n{job}");
        assert_eq!(implicit_zero_share(&listed, &lexicon), 0.0);
        let named = format!("{job}About Acme\n{job}");
        assert!(implicit_zero_share(&named, &lexicon) > 0.4);
        let employer = format!("{job}About Acme\nAcme makes tools.\n{job}");
        assert_eq!(implicit_zero_share(&employer, &lexicon), 0.0);
        let key_value = format!("{job}Salary: $1\n{job}");
        let share = implicit_zero_share(&key_value, &lexicon);
        assert!(share > 0.0 && share < 0.1, "{share}");
        // A `Key: value` line inside an explicit section hands back to it.
        let inside = format!("About us\n{job}Salary: $1\n{job}");
        let share = implicit_zero_share(&inside, &lexicon);
        assert!(share > 0.0 && share < 0.1, "{share}");
    }

    #[test]
    fn no_dev_posting_loses_its_body_to_a_section_no_boilerplate_heading_opened() {
        // Skipped without the data; the library prints nothing, tests included.
        let Some(text) = dev_set() else {
            return;
        };
        let lexicon = lexicon();
        let swallowed: Vec<String> = text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| {
                let record: serde_json::Value = serde_json::from_str(l).unwrap();
                let share = implicit_zero_share(record["text"].as_str()?, &lexicon);
                (share > 0.3).then(|| format!("{} {:.0}%", record["id"], share * 100.0))
            })
            .collect();
        assert!(
            swallowed.is_empty(),
            "more than 30% weighted zero: {swallowed:?}"
        );
    }
}
