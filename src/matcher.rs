//! Matching a body against the compiled lexicon: literal terms (aho-corasick), patterns (regex),
//! years of experience (regex), with title mentions masked, negation applied, what the hiring
//! company says of itself dropped and each match weighed by the section it stands in. The result
//! is the evidence the classifier scores.

use crate::domain::{Level, Target, Track};
use crate::lexicon::{
    leftmost_longest, CompiledLexicon, Frame, FrameWord, RawMatch, Scan, SectionKind, Signal,
};
use crate::negation::clause_words_before;
use crate::normalize::NormalizedText;
use crate::sections::Sections;
use crate::title::mentions_among;
use regex::Regex;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// Which lexicon entry a piece of evidence comes from, by its index in the compiled lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Origin {
    /// A literal signal's term (or one of its word forms).
    Signal(u32),
    /// A regex pattern.
    Pattern(u32),
    /// A years-of-experience band.
    Years(u32),
    /// A band of years as a manager ("4+ years managing product managers").
    Tenure(u32),
    /// A frame: a verb with its object.
    Frame(u32),
}

/// How many words may stand between a frame's verb and its object ("managing" ... "designers"
/// in "managing and mentoring our designers").
const FRAME_GAP: usize = 3;

/// How far after its verb, in bytes, a frame's object may start: more than [`FRAME_GAP`] words
/// of any real length.
const FRAME_REACH: usize = 80;

/// Words that, between a verb and a noun, say the noun is not the verb's object ("grow as a
/// product manager", "build relationships with designers", "lead initiatives across teams",
/// "mentor on the engineering team") or start another clause ("build tools that help product
/// managers").
const NOT_AN_OBJECT: [&str; 19] = [
    "across",
    "alongside",
    "among",
    "as",
    "at",
    "between",
    "by",
    "for",
    "from",
    "in",
    "into",
    "like",
    "on",
    "that",
    "to",
    "which",
    "who",
    "with",
    "within",
];

/// Words that make the number after them a count ("at least 6", "up to 10").
const COUNT_QUALIFIERS: [&[&str]; 8] = [
    &["at", "least"],
    &["up", "to"],
    &["more", "than"],
    &["over"],
    &["about"],
    &["around"],
    &["approximately"],
    &["roughly"],
];

/// `words` without the counts among them ("at least 6", "5-8", "~10"): a count belongs to the
/// object it counts ("managing at least 6 full-time engineers"), and is no word of the gap.
fn without_counts<'a>(words: &[&'a str]) -> Vec<&'a str> {
    let mut kept: Vec<&str> = Vec::with_capacity(words.len());
    for &word in words {
        if !word.bytes().any(|b| b.is_ascii_digit()) {
            kept.push(word);
            continue;
        }
        if let Some(q) = COUNT_QUALIFIERS.iter().find(|q| kept.ends_with(q)) {
            kept.truncate(kept.len() - q.len());
        }
    }
    kept
}

/// Whether the words between a frame's verb and a candidate object keep them in one clause:
/// few enough words (a count aside), no sentence punctuation and no line break (a bullet's verb
/// does not take the next bullet's noun).
fn in_one_clause(
    normalized: &NormalizedText,
    between: Range<usize>,
    titles: &[Range<usize>],
) -> bool {
    let gap = masked(normalized.as_str(), between.clone(), titles);
    let text = &*gap;
    // Punctuation first: it needs no word list.
    if text.contains(['.', ';', ':', '!', '?', '(', ')']) {
        return false;
    }
    let words: Vec<&str> = text
        .split(' ')
        .filter(|w| w.bytes().any(|b| b.is_ascii_alphanumeric()))
        .collect();
    let words = without_counts(&words);
    words.len() <= FRAME_GAP
        && !words.iter().any(|w| NOT_AN_OBJECT.contains(w))
        && !normalized.spans_line_break(&between)
}

/// Values of a `Key: value` field that say its key does not apply ("Direct reports: None", "Line
/// management responsibility: No"): such a field negates its key, as "no direct reports" does.
const NONE_VALUES: [&str; 7] = [
    "no",
    "none",
    "0",
    "n/a",
    "nil",
    "not applicable",
    "not required",
];

/// How far past a match a field's colon may stand, in bytes: the key may run on a few words
/// ("line management responsibility: no").
const FIELD_KEY_REACH: usize = 40;

/// Whether the match ending at normalized offset `end` is the key of a field, on one line, whose
/// value is one of [`NONE_VALUES`] and nothing more.
fn field_says_none(normalized: &NormalizedText, end: usize) -> bool {
    let bytes = normalized.as_str().as_bytes();
    let reach = &bytes[end..bytes.len().min(end + FIELD_KEY_REACH)];
    let Some(colon) = memchr::memchr(b':', reach) else {
        return false;
    };
    let key_rest = &reach[..colon];
    if key_rest
        .iter()
        .any(|&b| matches!(b, b'.' | b';' | b',' | b'!' | b'?'))
        || key_rest.iter().filter(|&&b| b == b' ').count() > 3
        || normalized.spans_line_break(&(end..end + colon + 1))
    {
        return false;
    }
    let value_at = end + colon + 1;
    let value_at = value_at + bytes[value_at..].iter().take_while(|&&b| b == b' ').count();
    if normalized.spans_line_break(&(end + colon..value_at)) {
        return false;
    }
    NONE_VALUES.iter().any(|none| {
        let value_end = value_at + none.len();
        bytes[value_at..].starts_with(none.as_bytes())
            && match bytes.get(value_end) {
                None => true,
                Some(b'.' | b';' | b',' | b')') => true,
                Some(b' ') => normalized.spans_line_break(&(value_end..value_end + 1)),
                Some(_) => false,
            }
    })
}

/// Whether `range` shares a byte with one of `mentions` (sorted, not overlapping).
fn overlaps_mention(mentions: &[Range<usize>], range: &Range<usize>) -> bool {
    let i = mentions.partition_point(|m| m.end <= range.start);
    mentions.get(i).is_some_and(|m| m.start < range.end)
}

/// Each verb of the frames `wanted` takes paired with the nearest object of its frame after it
/// in the same clause: a frame word, or for a frame with `role_objects` a product role the body
/// names (one of `mentions`).
pub(crate) fn frames(
    normalized: &NormalizedText,
    lexicon: &CompiledLexicon,
    scan: &Scan,
    mentions: &[Range<usize>],
    wanted: fn(&Frame) -> bool,
) -> Vec<(Range<usize>, u32)> {
    let text = normalized.as_str();
    let words = &scan.frame_words;
    let mut out = Vec::new();
    for (i, verb) in words.iter().enumerate() {
        let (frame, role) = lexicon.frame_words[verb.index];
        if role != FrameWord::Verb || !wanted(&lexicon.frames[frame as usize]) {
            continue;
        }
        // Candidates stop a few words' bytes after the verb, which keeps the pairing linear
        // however many frame words a text holds. The nearest candidate of each kind decides: a
        // farther one is never in the clause if the nearest is not.
        let mut reach = verb.range.end + FRAME_REACH;
        // A title mention is one word of the gap however long it is written.
        for m in &mentions[mentions.partition_point(|m| m.end <= verb.range.end)..] {
            if m.start > reach {
                break;
            }
            reach += m.len();
        }
        let in_clause =
            |o: &Range<usize>| in_one_clause(normalized, verb.range.end..o.start, mentions);
        // A word inside a title mention is part of the role named, not an object of its own
        // ("manager" in "hire a product manager").
        let object = words[i + 1..]
            .iter()
            .take_while(|o| o.range.start <= reach)
            .filter(|o| {
                let (f, role) = lexicon.frame_words[o.index];
                f == frame && matches!(role, FrameWord::Object | FrameWord::SingularObject)
            })
            .find(|o| o.range.start >= verb.range.end && !overlaps_mention(mentions, &o.range));
        // "Our hiring manager", "the hiring manager": an -ing form right before a singular
        // person is an adjective, and the verb takes no object at all.
        let noun_compound = object.is_some_and(|o| {
            lexicon.frame_words[o.index].1 == FrameWord::SingularObject
                && o.range.start == verb.range.end + 1
                && text[verb.range.clone()].ends_with("ing")
        });
        if noun_compound || modifies_a_noun(text, &verb.range) {
            continue;
        }
        let object = object.map(|o| o.range.clone()).filter(in_clause);
        // People are managed in the plural: "hire product managers" leads a team, "hire a
        // product manager" is the posting's own vacancy.
        let roles = if lexicon.frames[frame as usize].role_objects {
            &mentions[mentions.partition_point(|m| m.start < verb.range.end)..]
        } else {
            &[]
        };
        let role = roles
            .iter()
            .take_while(|m| m.start <= reach)
            .find_map(|m| role_object(normalized, mentions, m))
            .filter(in_clause);
        let object = [object, role].into_iter().flatten().min_by_key(|o| o.start);
        if let Some(object) = object {
            out.push((verb.range.start..object.end, frame));
        }
    }
    out
}

/// The nouns for a unit of people that a product role before them names ("the PM team", "our
/// product management org"), in either number. Seed 003 says of directors: "Managing PM teams".
const ROLE_UNITS: [&str; 5] = ["team", "group", "org", "organization", "organisation"];

/// The object a title mention at `mention` makes for a frame with `role_objects`: the role in
/// the plural ("hire product managers"), or the role with a unit noun after it ("grow the PM
/// team"). A role in the singular is the posting's own vacancy ("hire a product manager").
/// Whichever role the mention names, the object is the same, so rewriting title mentions cannot
/// change the verdict.
fn role_object(
    normalized: &NormalizedText,
    mentions: &[Range<usize>],
    mention: &Range<usize>,
) -> Option<Range<usize>> {
    let text = normalized.as_str();
    let after = text[mention.end..].strip_prefix(' ').unwrap_or_default();
    let unit_len = ROLE_UNITS.iter().find_map(|unit| {
        let rest = after.strip_prefix(unit)?;
        let len = unit.len() + usize::from(rest.starts_with('s'));
        (!after[len..].starts_with(|c: char| c.is_alphanumeric() || c == '\'')).then_some(len)
    });
    // The unit stands on the mention's line and is no word of another title mention: a title
    // under a title ("Associate Product Manager" over "Group Product Manager") names no group.
    let unit_len = unit_len.filter(|&len| {
        let unit = mention.end + 1..mention.end + 1 + len;
        !normalized.spans_line_break(&(mention.end..unit.start))
            && !overlaps_mention(mentions, &unit)
    });
    match unit_len {
        Some(len) => Some(mention.start..mention.end + 1 + len),
        None if names_plural(&text[mention.clone()]) => Some(mention.clone()),
        None => None,
    }
}

/// Whether a title mention names its role in the plural. The head noun of "directors of product"
/// or "heads of product" comes before "of", so "hire directors of product" is as much a frame as
/// "hire product directors".
fn names_plural(mention: &str) -> bool {
    mention
        .split(" of ")
        .next()
        .is_some_and(|head| head.ends_with('s'))
}

/// Whether the frame verb at `verb` is an -ing form that describes a noun rather than says what
/// someone does: after an article or a possessive ("join our growing team of product managers",
/// "a hiring panel of managers"), with at most an adverb between ("a fast-growing team", "our
/// rapidly growing team"). "The" is left out: "the hiring of product managers" is an activity
/// the role may own.
fn modifies_a_noun(text: &str, verb: &Range<usize>) -> bool {
    if !text[verb.clone()].ends_with("ing") {
        return false;
    }
    let determiner = |w: &str| matches!(w, "a" | "an" | "our" | "their" | "its" | "this" | "your");
    let mut before = clause_words_before(text, verb.start).map(|(_, word)| word);
    match before.next() {
        Some(w) if determiner(w) => true,
        Some(w) if w.ends_with("ly") || w == "fast" || w == "ever" => {
            before.next().is_some_and(determiner)
        }
        _ => false,
    }
}

/// A piece of evidence found in a body, before it is located in lines and columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Byte range in the body.
    pub span: Range<usize>,
    /// What the evidence supports, after any negation turned it around.
    pub supports: Target,
    /// The lexicon entry it comes from.
    pub origin: Origin,
    /// The weight that counts: the lexicon weight, times the section factor, with repeats of the
    /// same entry counting less.
    pub weight: f64,
    /// The seed file and section the lexicon entry cites.
    pub source: Arc<str>,
    /// The section of the body it stands in.
    pub section: SectionKind,
    /// True when a negation turned it around ("no direct reports": manager evidence read as IC).
    pub negated: bool,
    /// True when the hiring company is its subject ("we are hiring a team of engineers"): no
    /// evidence, kept only for [`crate::explain`], which says why it counts for nothing.
    pub by_company: bool,
    /// How many times its lexicon entry counted before it (0 for the first).
    pub repeat: u32,
}

/// Repeats of one lexicon entry count less each time: the same phrase said five times is not five
/// times the evidence.
const REPEAT_DECAY: f64 = 0.5;

/// A count of years: digits or a number word ([`word_number`] reads both).
const YEARS_COUNT: &str =
    "[0-9]{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen";

fn years_regex() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // ASCII classes and single spaces: normalized text folds white space into one space, and the
    // Unicode classes would compile to an automaton many times larger. A range's upper end may be
    // a word too ("eight to ten years" asks for eight, "two or three years" for two), and
    // "years" may be abbreviated ("5+ yrs"). Digits may be glued to the word before them
    // ("requires5+ years", a lost space in scraped text); a number word may not, or "someone
    // years" would read as one. Time is counted in months and decades too ("6+ months of
    // experience", "a decade of product leadership", "two decades").
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"(?x)
            (?:
                (?:(?-u:\b)(?P<min>{YEARS_COUNT})|[a-z](?P<glued>[0-9]{{1,2}}))
                (?:\x20?\([0-9]{{1,2}}\))?
                \x20?(?:\+|-?plus)?\x20?
                (?:(?:-|to|or)\x20?(?:{YEARS_COUNT})\x20?\+?\x20?)?
                (?:or\x20more\x20)?
                (?P<unit>years?|yrs?|months?|decades?)
            |
                (?-u:\b)an?\x20(?P<a_decade>decade)
            )(?-u:\b)"
        ))
        .expect("years regex compiles")
    })
}

/// How far after "N years" the words that make it experience are looked for, in characters.
const CLAUSE_CHARS: usize = 60;

/// The words that follow a years mention, up to the end of its clause or [`CLAUSE_CHARS`]
/// characters: what tells a requirement of experience from "founded 10 years ago".
fn clause_after(text: &str) -> &str {
    // On the bytes: the marks are ASCII, and a character starts at each byte that is not a
    // UTF-8 continuation byte (decoding the characters cost three times as much).
    let mut chars = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        let starts_char = (b as i8) >= -0x40;
        if starts_char {
            if chars == CLAUSE_CHARS || matches!(b, b'.' | b';' | b'!' | b'?') {
                return &text[..i];
            }
            chars += 1;
        }
    }
    text
}

fn word_number(s: &str) -> Option<u32> {
    Some(match s {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "fifteen" => 15,
        _ => s.parse().ok()?,
    })
}

/// Words that, just before "N years", make it a span of time to come or gone by ("over the next
/// 2 years", "within 3 years", "in the last 5 years"), not experience.
const HORIZON_BEFORE: [&str; 7] = ["coming", "every", "first", "last", "next", "past", "within"];

/// Nouns that, within two words after "N year(s)", make it the length of something else: a
/// contract or term ("a 2 year fixed term", "three year secondment") or a plan's horizon ("a 3
/// year roadmap", "1-2 year product evolution").
const DURATION_OF: [&str; 16] = [
    "appointment",
    "assignment",
    "commitment",
    "contract",
    "contracts",
    "evolution",
    "horizon",
    "outlook",
    "placement",
    "plan",
    "plans",
    "roadmap",
    "roadmaps",
    "secondment",
    "strategy",
    "term",
];

/// Words after "N years" that make it a requirement of experience, not "founded 10 years ago".
fn is_experience_context(after: &str, before: &str) -> bool {
    const AFTER: [&str; 12] = [
        "experience",
        "product",
        "management",
        "managing",
        "leading",
        "leadership",
        "industry",
        "working",
        " in ",
        " as ",
        "building",
        "professional",
    ];
    // The clause starts with the space after "years": " in " finds "4 years in B2B" too.
    let words = after.trim_start();
    if words.starts_with("ago") || words.starts_with("old") || words.starts_with("in business") {
        return false;
    }
    if last_word(before).is_some_and(|w| HORIZON_BEFORE.contains(&w)) {
        return false;
    }
    // "3 years of product roadmap ownership" is experience: a duration noun counts only where it
    // names what lasts the years, before any "experience".
    let duration = words
        .split(' ')
        .take(2)
        .any(|w| DURATION_OF.contains(&w.trim_end_matches(|c: char| !c.is_alphanumeric())));
    if duration
        && !words
            .split(' ')
            .take(3)
            .any(|w| w.starts_with("experience"))
    {
        return false;
    }
    AFTER.iter().any(|w| after.contains(w)) || before.contains("experience")
}

/// The last word of `text`, without the punctuation around it.
fn last_word(text: &str) -> Option<&str> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .rfind(|w| !w.is_empty())
}

/// Qualifiers that may stand between an alternative's "or" and its number ("or at least 9 years").
const ALTERNATIVE_QUALIFIERS: [&str; 7] = [
    "a minimum of",
    "at least",
    "minimum of",
    "minimum",
    "more than",
    "over",
    "up to",
];

/// Whether "N years" is another way to qualify, not the requirement: "a degree and 5 years of
/// experience, or 9 years of equivalent work", "7 years of relevant work in lieu of a degree". The
/// other path asks for more years because it asks for less of something else.
fn is_alternative_path(after: &str, before: &str) -> bool {
    let before = before.trim_end();
    let before = ALTERNATIVE_QUALIFIERS
        .iter()
        .find_map(|q| before.strip_suffix(q))
        .unwrap_or(before);
    last_word(before) == Some("or") || after.contains("in lieu") || after.contains("instead of")
}

/// How far before its word "year" a years mention can start, in bytes. The longest the regex
/// takes is about 40 ("fifteen (15) plus to fifteen + or more years").
const YEARS_REACH: usize = 64;

/// The words a years mention ends with ("year", "yr", "month", "decade"), each a searcher built
/// once: built for every body, the four cost a tenth of the search.
fn years_units() -> &'static [memchr::memmem::Finder<'static>; 4] {
    static UNITS: OnceLock<[memchr::memmem::Finder<'static>; 4]> = OnceLock::new();
    UNITS.get_or_init(|| ["year", "yr", "month", "decade"].map(memchr::memmem::Finder::new))
}

/// The matches of [`years_regex`] in `text`, the same as `captures_iter` finds, looked for only
/// around each unit ("year", "yr", "month", "decade"): the regex has no literal to start from,
/// and run over a whole body it costs more than the lexicon's scan.
fn years_captures(text: &str) -> Vec<regex::Captures<'_>> {
    let regex = years_regex();
    let mut found = Vec::new();
    // Where the last match ended: the search resumes there, as `captures_iter` does.
    let mut resume = 0;
    // Each list is in order, and no unit holds another: sorted together, they hold no repeats.
    let mut places: Vec<usize> = Vec::new();
    let mut lists = 0;
    for unit in years_units() {
        let before = places.len();
        places.extend(unit.find_iter(text.as_bytes()));
        lists += usize::from(places.len() > before);
    }
    if lists > 1 {
        places.sort_unstable();
    }
    for at in places {
        if at < resume {
            continue;
        }
        let mut start = at.saturating_sub(YEARS_REACH).max(resume);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        // The window ends one character past the word that holds the unit, so that the regex's
        // closing word boundary sees what follows the word.
        let word_end = text[at..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(text.len(), |i| at + i);
        let end = text[word_end..]
            .chars()
            .next()
            .map_or(word_end, |c| word_end + c.len_utf8());
        let window = &text[..end];
        while let Some(c) = regex.captures_at(window, start) {
            let whole = c.get(0).expect("group 0 is the match");
            start = whole.end();
            resume = whole.end();
            found.push(c);
        }
    }
    found
}

/// How a job-title mention reads in the words around a years mention or between a frame's verb
/// and its object: one word, whichever title it is. Otherwise the title a body names would decide
/// what the words around it say: "instead of" fell inside the clause after the years under "VP of
/// Product" and outside it under "Senior Product Manager", "product" in a title read as the years'
/// field, and "hire the PM and designers" made a frame that "hire the Senior Product Manager and
/// designers" did not.
const MASKED_TITLE: &str = "role";

/// `text[range]` with each title mention in it (one of `titles`, sorted) read as
/// [`MASKED_TITLE`].
fn masked<'t>(text: &'t str, range: Range<usize>, titles: &[Range<usize>]) -> Cow<'t, str> {
    let first = titles.partition_point(|t| t.end <= range.start);
    let mut inside = titles[first..]
        .iter()
        .take_while(|t| t.start < range.end)
        .peekable();
    if inside.peek().is_none() {
        return Cow::Borrowed(&text[range]);
    }
    let mut out = String::with_capacity(range.len());
    let mut at = range.start;
    for title in inside {
        out.push_str(&text[at..title.start.max(at)]);
        out.push_str(MASKED_TITLE);
        at = title.end.clamp(at, range.end);
    }
    out.push_str(&text[at..range.end]);
    Cow::Owned(out)
}

/// How many characters before a years mention are read for "experience" or an "or".
const BEFORE_CHARS: usize = 40;

/// Up to `chars` characters of `text` from `from` on, each title mention (one of `titles`,
/// sorted) read as [`MASKED_TITLE`] and counted as its characters.
fn masked_after<'t>(
    text: &'t str,
    from: usize,
    titles: &[Range<usize>],
    chars: usize,
) -> Cow<'t, str> {
    let mut next = titles.partition_point(|t| t.end <= from);
    let mut count = 0;
    let mut end = from;
    while count < chars {
        if let Some(title) = titles.get(next).filter(|t| t.start <= end) {
            count += MASKED_TITLE.len();
            end = end.max(title.end);
            next += 1;
        } else if let Some(c) = text[end..].chars().next() {
            count += 1;
            end += c.len_utf8();
        } else {
            break;
        }
    }
    masked(text, from..end, titles)
}

/// Up to `chars` characters of `text` before `to`, each title mention read as [`MASKED_TITLE`]
/// and counted as its characters.
fn masked_before<'t>(
    text: &'t str,
    to: usize,
    titles: &[Range<usize>],
    chars: usize,
) -> Cow<'t, str> {
    let mut prev = titles.partition_point(|t| t.start < to);
    let mut count = 0;
    let mut start = to;
    while count < chars {
        if let Some(title) = (prev.checked_sub(1).map(|p| &titles[p])).filter(|t| t.end >= start) {
            count += MASKED_TITLE.len();
            start = start.min(title.start);
            prev -= 1;
        } else if let Some(c) = text[..start].chars().next_back() {
            count += 1;
            start -= c.len_utf8();
        } else {
            break;
        }
    }
    masked(text, start..to, titles)
}

/// Years of experience a body asks for: each mention's lower bound and its normalized range.
/// `titles` are the body's job-title mentions, sorted.
pub fn years_mentions(normalized: &str, titles: &[Range<usize>]) -> Vec<(u32, Range<usize>)> {
    years_captures(normalized)
        .into_iter()
        .filter_map(|c| {
            let whole = c.get(0)?;
            // The clause after it is read but not consumed: a match that took it in could hide
            // the next mention ("0+ years of experience, Senior PM, 2+ years").
            let after = masked_after(normalized, whole.end(), titles, CLAUSE_CHARS);
            let after = clause_after(&after);
            let before = masked_before(normalized, whole.start(), titles, BEFORE_CHARS);
            let before = &*before;
            if !is_experience_context(after, before) || is_alternative_path(after, before) {
                return None;
            }
            // Months and decades count experience only when the clause says so: "6 months of
            // parental leave", "your first 3 months working with", "for more than four decades,
            // Acme has been an industry-leading force" do not.
            let unit = c.name("unit").map(|u| u.as_str().as_bytes()[0]);
            if unit != Some(b'y') && !after.contains("experience") {
                return None;
            }
            if c.name("a_decade").is_some() {
                let years = if last_word(before) == Some("half") {
                    5
                } else {
                    10
                };
                return Some((years, whole.range()));
            }
            let count = c.name("min").or_else(|| c.name("glued"))?;
            let n = word_number(count.as_str())?;
            let years = match unit {
                Some(b'd') => n * 10,
                Some(b'm') => n / 12,
                _ => n,
            };
            Some((years, count.start()..whole.end()))
        })
        .collect()
}

/// The clause after a years mention that counts the years as a manager's.
struct Tenure {
    /// From the end of the years mention to the clause's end.
    clause: Range<usize>,
    /// Where the people-management wording in the clause ends.
    wording_end: usize,
}

/// The clause of a years mention that counts years as a manager, if it does: the words after it
/// (`after`, up to the next mention) to a comma, the clause's end, the next line item or a
/// job-title mention (one of `titles`, sorted), where wording of people management
/// (`management`: manager-track evidence, by start) stands. "7+ years of product experience,
/// including 3+ years managing product managers" asks for seven years of experience, and so does
/// a bullet of years with one of managing below it. The clause stops at a title mention because
/// its length would otherwise decide what the clause reaches, and rewriting the title must not
/// change the verdict (DOMAIN.md).
fn management_tenure(
    normalized: &NormalizedText,
    after: Range<usize>,
    management: &[Range<usize>],
    titles: &[Range<usize>],
) -> Option<Tenure> {
    let text = normalized.as_str();
    let clause = clause_after(&text[after.clone()]);
    let title = titles[titles.partition_point(|t| t.start < after.start)..]
        .first()
        .map_or(clause.len(), |t| t.start - after.start);
    let item = normalized
        .first_line_item_start(&(after.start..after.start + clause.len()))
        .map_or(clause.len(), |at| at - after.start);
    let end = after.start
        + clause
            .find(',')
            .unwrap_or(clause.len())
            .min(title)
            .min(item);
    let wording_end = management[management.partition_point(|m| m.start < after.start)..]
        .iter()
        .take_while(|m| m.start < end)
        .map(|m| m.end)
        .max()?;
    Some(Tenure {
        clause: after.start..end,
        wording_end,
    })
}

/// How far apart two phrases of one clause can stand, in bytes: a clause longer than this is a
/// run-on list, and the bound keeps the check linear however many phrases a body holds.
const CLAUSE_REACH: usize = 200;

/// Whether `range` stands in one clause with one of `others` (sorted by start): no sentence
/// punctuation and no line break between them. The nearest on either side decide: one farther
/// away has the nearer's words between them too.
fn in_clause_with(
    normalized: &NormalizedText,
    range: &Range<usize>,
    others: &[Range<usize>],
) -> bool {
    let text = normalized.as_str();
    let i = others.partition_point(|o| o.start <= range.start);
    [i.checked_sub(1), Some(i)]
        .into_iter()
        .flatten()
        .filter_map(|j| others.get(j))
        .any(|o| {
            let between = range.end.min(o.end)..range.start.max(o.start);
            between.is_empty()
                || between.len() <= CLAUSE_REACH
                    && !text[between.clone()].contains(['.', ';', ':', '!', '?'])
                    && !normalized.spans_line_break(&between)
        })
}

/// Finds the evidence in `body`.
pub fn find_evidence(body: &str, lexicon: &CompiledLexicon) -> Vec<Found> {
    let normalized = NormalizedText::new(body);
    let sections = Sections::split(body, lexicon);
    find_evidence_in(&normalized, &sections, lexicon)
}

/// Finds the evidence in a body already normalized and split into sections (the engine's rules
/// read both too, so they are built once).
pub fn find_evidence_in(
    normalized: &NormalizedText,
    sections: &Sections,
    lexicon: &CompiledLexicon,
) -> Vec<Found> {
    let scan = lexicon.scan(normalized.as_str());
    find_evidence_in_scan(normalized, sections, lexicon, &scan)
}

/// Finds the evidence in a body already scanned by `lexicon` as `scan` (the engine reads the
/// scan's cues too, so the body is scanned once).
pub(crate) fn find_evidence_in_scan(
    normalized: &NormalizedText,
    sections: &Sections,
    lexicon: &CompiledLexicon,
    scan: &Scan,
) -> Vec<Found> {
    evidence(normalized, sections, lexicon, scan, false)
}

/// The evidence in `body` and also the matches a negation drops ("no P&L"): those keep the
/// entry's own target, with `negated` set. For [`crate::explain`], which must say why a phrase
/// counts for nothing as well as why it counts.
pub(crate) fn find_evidence_and_dropped(body: &str, lexicon: &CompiledLexicon) -> Vec<Found> {
    let normalized = NormalizedText::new(body);
    let sections = Sections::split(body, lexicon);
    let scan = lexicon.scan(normalized.as_str());
    evidence(&normalized, &sections, lexicon, &scan, true)
}

/// What a negated match of an entry that supports `supports` counts for: manager evidence
/// becomes individual-contributor evidence ("no direct reports" says the role has none); a
/// negated level, specialization or IC phrase says nothing about what the role is.
pub(crate) fn negated(supports: Target) -> Option<Target> {
    match supports {
        Target::Track(Track::Manager) => Some(Target::Track(Track::Ic)),
        _ => None,
    }
}

/// The job-title mentions in a body, from its scan. A phrase does not run across a line break
/// ("...break into product\nDirector of Product" holds no "product director"): normalization
/// folds line breaks into spaces and notes which, and phrases across one are set aside before the
/// leftmost-longest are chosen.
fn body_mentions(
    normalized: &NormalizedText,
    scan: &Scan,
    lexicon: &CompiledLexicon,
) -> Vec<Range<usize>> {
    let on_one_line = |m: &&RawMatch| !normalized.spans_line_break(&m.range);
    // Sized up front: collected through a filter, the vector would grow a step at a time.
    let mut titles: Vec<RawMatch> = Vec::with_capacity(scan.titles.len());
    titles.extend(scan.titles.iter().filter(on_one_line).cloned());
    mentions_among(normalized.as_str(), &leftmost_longest(titles), lexicon)
}

/// Whether the lexicon can read a body, scanned by it as `scan`: it is in English, read past the
/// job titles it names as the evidence is (a body it cannot read yields none).
pub(crate) fn body_reads_as_english(
    normalized: &NormalizedText,
    scan: &Scan,
    lexicon: &CompiledLexicon,
) -> bool {
    normalized.reads_as_english(&body_mentions(normalized, scan, lexicon))
}

fn evidence(
    normalized: &NormalizedText,
    sections: &Sections,
    lexicon: &CompiledLexicon,
    scan: &Scan,
    keep_dropped: bool,
) -> Vec<Found> {
    let text = normalized.as_str();
    let mentions = body_mentions(normalized, scan, lexicon);
    // Terms do not run across a line break either.
    let on_one_line = |m: &&RawMatch| !normalized.spans_line_break(&m.range);
    // A term that shares words with a title mention reads the mention ("product group" across
    // "...VP of Product\nGroup Product Manager"), so it is no evidence either.
    let on_mention = |r: &Range<usize>| overlaps_mention(&mentions, r);
    // The lexicon is English: in another language, the few English words a posting has (tools,
    // a quoted title) are no evidence of its level (`low-evidence` says why).
    if !normalized.reads_as_english(&mentions) {
        return Vec::new();
    }

    // Nearly every term match is evidence; patterns, frames and years add some.
    let mut found = Vec::with_capacity(
        scan.terms.len() + scan.pattern_starts.len() / 2 + scan.frame_words.len() / 2 + 4,
    );
    // How often each entry has counted so far, by entry: signals, patterns, bands, frames.
    let pattern_base = lexicon.signals.len();
    let band_base = pattern_base + lexicon.patterns.len();
    let frame_base = band_base + lexicon.bands.len();
    let mut repeats = vec![0u32; frame_base + lexicon.frames.len()];
    let mut push =
        |range: Range<usize>, origin: Origin, supports: Target, weight: f64, source: &Arc<str>| {
            let span = normalized.original_range(range.clone());
            let section = sections.kind_at(span.start);
            let factor = section.evidence_factor();
            if factor == 0.0 {
                return;
            }
            // A negation does not reach back across a title mention: how far it reaches must not
            // depend on which title the body names (DOMAIN.md).
            let after_mention = mentions[..mentions.partition_point(|m| m.end <= range.start)]
                .last()
                .map_or(0, |m| m.end);
            // Nor from one line item to the next: a bullet that normalizes to white space leaves
            // nothing between them in the normalized text ("...goals not tasks\n• Experience
            // managing complex products").
            let negated = lexicon
                .negations
                .negate_at(&text[after_mention..], range.start - after_mention)
                .is_some_and(|at| {
                    !normalized.spans_line_item_start(&(after_mention + at..range.start))
                })
                || field_says_none(normalized, range.end);
            // "We are hiring a team of engineers" says what the company does, not the role:
            // no evidence. Like a negation, the voice does not reach back across a title
            // mention or from one line item to the next.
            let by_company = lexicon
                .company_voice
                .speaks_at(&text[after_mention..], range.start - after_mention)
                .is_some_and(|at| {
                    !normalized.spans_line_item_start(&(after_mention + at..range.start))
                });
            if by_company && !keep_dropped {
                return;
            }
            let supports = match (negated, supports) {
                (false, s) => s,
                (true, s) => match self::negated(s) {
                    Some(s) => s,
                    None if keep_dropped => s,
                    None => return,
                },
            };
            let entry = match origin {
                Origin::Signal(i) => i as usize,
                Origin::Pattern(i) => pattern_base + i as usize,
                Origin::Years(i) | Origin::Tenure(i) => band_base + i as usize,
                Origin::Frame(i) => frame_base + i as usize,
            };
            let seen = &mut repeats[entry];
            let weight = weight * factor * REPEAT_DECAY.powi(*seen as i32);
            *seen += 1;
            found.push(Found {
                span,
                supports,
                origin,
                weight,
                source: Arc::clone(source),
                section,
                negated,
                by_company,
                repeat: *seen - 1,
            });
        };

    // Terms, patterns and frames in reading order; one inside a longer one for the same target
    // counts once, as the longer ("4-6 direct reports" is one piece of evidence, not also
    // "direct reports"; "hiring, managing and coaching product managers" is one frame).
    // Sized up front: collected through a filter, the vector would grow a step at a time.
    let mut terms: Vec<RawMatch> = Vec::with_capacity(scan.terms.len());
    terms.extend(
        (scan.terms.iter())
            .filter(on_one_line)
            .filter(|m| !on_mention(&m.range))
            .cloned(),
    );
    let mut matches: Vec<(Range<usize>, Origin)> = leftmost_longest(terms)
        .into_iter()
        .map(|m| (m.range, Origin::Signal(m.index as u32)))
        .chain(
            lexicon
                .find_patterns(text, scan)
                .into_iter()
                .map(|m| (m.range, Origin::Pattern(m.index as u32))),
        )
        .chain(
            frames(normalized, lexicon, scan, &mentions, |f| {
                f.signal().is_some()
            })
            .into_iter()
            .map(|(range, frame)| (range, Origin::Frame(frame))),
        )
        .collect();
    matches.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let matches: Vec<(Range<usize>, Origin, &Signal)> = (matches.into_iter())
        .map(|(range, origin)| {
            let s = match origin {
                Origin::Signal(i) => &lexicon.signals[i as usize],
                Origin::Pattern(i) => &lexicon.patterns[i as usize].signal,
                Origin::Frame(i) => lexicon.frames[i as usize]
                    .signal()
                    .expect("only evidence frames are read here"),
                Origin::Years(_) | Origin::Tenure(_) => unreachable!("years are read apart"),
            };
            (range, origin, s)
        })
        .collect();
    // Where the body speaks of managing people, whether or not it counts there: what tells years
    // as a manager from years of experience, and mentoring a team one manages from an IC's.
    let management: Vec<Range<usize>> = (matches.iter())
        .filter(|(_, _, s)| s.supports == Target::Track(Track::Manager))
        .map(|(range, _, _)| range.clone())
        .collect();
    // Years as a manager are not years of experience: "3+ years of people management" asks for a
    // manager, not for a mid-level PM's three years. And management the candidate has done is
    // less than management the role does: a principal IC may ask for "at least one year of
    // people management responsibility", so such a clause's manager evidence counts half.
    let mentions_of_years = years_mentions(text, &mentions);
    let tenures: Vec<Option<Tenure>> = (mentions_of_years.iter().enumerate())
        .map(|(i, (_, r))| {
            let next = mentions_of_years
                .get(i + 1)
                .map_or(text.len(), |(_, n)| n.start);
            management_tenure(normalized, r.end..next, &management, &mentions)
        })
        .collect();
    // The clauses follow one another in the text: the last that starts at or before a place is
    // the only one that can hold it.
    let tenure_clauses: Vec<&Range<usize>> = tenures.iter().flatten().map(|t| &t.clause).collect();
    let in_tenure = |at: usize| {
        let i = tenure_clauses.partition_point(|t| t.start <= at);
        i > 0 && tenure_clauses[i - 1].contains(&at)
    };
    let mut covered_to: Vec<(Target, usize)> = Vec::new();
    for (range, origin, s) in matches {
        // "Hire, mentor and grow a team of PMs": mentoring and coaching in a clause about the
        // team the role manages are part of managing it, not an IC's seniority.
        let ic_seniority = matches!(s.supports, Target::Level(Level::Senior | Level::Principal));
        if ic_seniority && in_clause_with(normalized, &range, &management) {
            continue;
        }
        match covered_to.iter_mut().find(|(t, _)| *t == s.supports) {
            Some((_, end)) if range.end <= *end => continue,
            Some((_, end)) => *end = range.end,
            None => covered_to.push((s.supports, range.end)),
        }
        let weight = if s.supports == Target::Track(Track::Manager) && in_tenure(range.start) {
            s.weight * 0.5
        } else {
            s.weight
        };
        push(range, origin, s.supports, weight, &s.source);
    }
    // Only the largest years requirement of each kind counts: "5+ years of product experience,
    // 2+ with SQL" asks for five. Years as a manager say how high a manager the role wants, and
    // are quoted from their number to the end of the people-management wording in their clause.
    let in_evidence = |r: &Range<usize>| {
        sections
            .kind_at(normalized.original_range(r.clone()).start)
            .evidence_factor()
            > 0.0
    };
    let largest = |(years, r): &(u32, Range<usize>)| (*years, std::cmp::Reverse(r.start));
    let pairs = || mentions_of_years.iter().zip(&tenures);
    let experience = (pairs().filter(|(_, tenure)| tenure.is_none()))
        .map(|(mention, _)| mention.clone())
        .filter(|(_, r)| in_evidence(r))
        .max_by_key(largest);
    let managing = pairs()
        .filter_map(|((years, r), tenure)| Some((*years, r.start..tenure.as_ref()?.wording_end)))
        .filter(|(_, r)| in_evidence(r))
        .max_by_key(largest);
    for (as_manager, requirement) in [(false, experience), (true, managing)] {
        let Some((years, range)) = requirement else {
            continue;
        };
        for (i, band) in lexicon.bands.iter().enumerate() {
            if band.managing == as_manager && band.years.contains(&years) {
                let origin = if as_manager {
                    Origin::Tenure(i as u32)
                } else {
                    Origin::Years(i as u32)
                };
                let s = &band.signal;
                push(range.clone(), origin, s.supports, s.weight, &s.source);
            }
        }
    }
    found.sort_by_key(|f| (f.span.start, f.span.end));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(text: &str) -> Vec<u32> {
        years_mentions(NormalizedText::new(text).as_str(), &[])
            .into_iter()
            .map(|(y, _)| y)
            .collect()
    }

    #[test]
    fn reads_years_of_experience_in_common_forms() {
        assert_eq!(years("5+ years of product management experience"), vec![5]);
        assert_eq!(years("3\u{2013}5 years in product"), vec![3]);
        assert_eq!(
            years("at least 5+ yrs of product management experience"),
            vec![5]
        );
        assert_eq!(years("1 yr of experience as an analyst"), vec![1]);
        assert_eq!(
            years("at least seven years working on B2B products"),
            vec![7]
        );
        assert_eq!(years("Five (5) or more years as a product lead"), vec![5]);
        assert_eq!(years("Experience: 10 years"), vec![10]);
        assert_eq!(years("Eight to ten years of product experience"), vec![8]);
        assert_eq!(years("three - five years in product"), vec![3]);
    }

    #[test]
    fn reads_experience_counted_in_months_and_decades() {
        assert_eq!(
            years("6+ months of experience in product management"),
            vec![0]
        );
        assert_eq!(years("18 months experience as a product analyst"), vec![1]);
        assert_eq!(years("a decade of product leadership experience"), vec![10]);
        assert_eq!(
            years("over two decades of experience in software"),
            vec![20]
        );
        assert_eq!(years("half a decade of experience in B2B"), vec![5]);
        assert_eq!(
            years("5-plus years of product management experience"),
            vec![5]
        );
        // Company history and benefits are not experience.
        assert!(years("For more than a decade, Acme has led the way in building tools").is_empty());
        assert!(years("For more than four decades, Acme has been an industry leader").is_empty());
        assert!(years("4 months of fully paid parental leave").is_empty());
        assert!(years("in your first 3 months working with the team").is_empty());
        // Months and decades are units only as whole words.
        assert!(years("5 monthly active users and a decadent lunch of experience").is_empty());
    }

    #[test]
    fn the_words_after_one_mention_do_not_hide_the_next() {
        // Found by the title-mention property test: the context read after "0+ years" took in
        // "2+ years", so which one counted depended on the length of the title in between.
        let text = "0+ years of product management experience\nSenior Product Manager\n\
                    2+ years of product management experience";
        assert_eq!(years(text), vec![0, 2]);
    }

    #[test]
    fn ignores_years_that_are_not_experience() {
        assert!(years("We were founded 12 years ago.").is_empty());
        assert!(years("a 3 year roadmap for the platform.").is_empty());
    }

    // One fixture a case of issue 14 item 8; each asks for the years in its requirements alone.

    #[test]
    fn contract_and_term_lengths_are_not_experience() {
        assert_eq!(
            years(include_str!("../fixtures/years/contract-term.txt")),
            vec![3]
        );
        assert_eq!(years("a 2 year contract, in product"), Vec::<u32>::new());
    }

    #[test]
    fn time_horizons_are_not_experience() {
        assert_eq!(
            years(include_str!("../fixtures/years/time-horizon.txt")),
            vec![4]
        );
        // The same words after a requirement keep it one.
        assert_eq!(years("3 years of product roadmap ownership"), vec![3]);
        assert_eq!(years("5 years product management experience"), vec![5]);
    }

    #[test]
    fn a_number_glued_to_the_word_before_it_is_read() {
        assert_eq!(
            years(include_str!("../fixtures/years/glued-number.txt")),
            vec![5, 8]
        );
        // A number glued to another number is a different number.
        assert!(years("over 125 years of engineering experience between us").is_empty());
    }

    #[test]
    fn an_alternative_path_does_not_count_as_the_requirement() {
        assert_eq!(
            years(include_str!("../fixtures/years/alternative-path.txt")),
            vec![5]
        );
        assert_eq!(
            years("5 years of experience, or up to 3 years of experience with a doctorate"),
            vec![5]
        );
        // "or" inside a range is not an alternative.
        assert_eq!(years("6 or more years of product experience"), vec![6]);
    }

    #[test]
    fn a_range_asks_for_its_lower_bound() {
        assert_eq!(
            years(include_str!("../fixtures/years/ranges.txt")),
            vec![3, 2, 4]
        );
    }

    /// The text of each piece of evidence in `body` that `keep` picks.
    fn found(body: &str, keep: impl Fn(&Found) -> bool) -> Vec<String> {
        let lexicon = CompiledLexicon::new(&crate::lexicon::Lexicon::embedded().unwrap());
        find_evidence(body, &lexicon)
            .into_iter()
            .filter(keep)
            .map(|f| body[f.span].to_string())
            .collect()
    }

    #[test]
    fn what_the_hiring_company_says_of_itself_is_no_evidence() {
        let manager = |body| found(body, |f| f.supports == Target::Track(Track::Manager));
        let none = Vec::<String>::new();
        // A hiring pitch: the company hires, grows and builds its team.
        assert_eq!(manager("We are hiring a team of product managers."), none);
        assert_eq!(
            manager("We're currently looking to hire engineering managers."),
            none
        );
        assert_eq!(
            manager("We are growing our team of product managers."),
            none
        );
        // The team the candidate joins, grown by someone else.
        assert_eq!(
            manager("Join our growing team of 6 product managers."),
            none
        );
        assert_eq!(
            manager("Join a rapidly growing group of product managers."),
            none
        );
        // Near misses: the role is the subject, or the pitch is another clause or line item.
        assert_eq!(
            manager("We expect you to build a team of product managers."),
            ["build a team of product managers"]
        );
        assert_eq!(
            manager("We are growing, and you will hire a team of product managers."),
            ["hire a team of product managers"]
        );
        assert_eq!(
            manager("About what we are\n- Growing a team of product managers"),
            ["Growing a team of product managers"]
        );
        assert_eq!(
            manager("Growing our team of product managers."),
            ["Growing our team of product managers"]
        );
    }

    #[test]
    fn years_as_a_manager_are_not_years_of_experience() {
        let years_counted = |body| found(body, |f| matches!(f.origin, Origin::Years(_)));
        // Management wording in the clause after the years: no experience band.
        for body in [
            "3+ years of people management experience.",
            "2+ years managing a team of engineers.",
            "Requirements: 4 years' experience line managing product managers",
        ] {
            assert_eq!(years_counted(body), Vec::<String>::new(), "{body}");
        }
        // The total still counts, not the manager's years after it or a clause after a comma.
        assert_eq!(
            years_counted(
                "7+ years of product management experience, including 3+ years managing product \
                 managers."
            ),
            ["7+ years"]
        );
        assert_eq!(
            years_counted("5+ years of product management experience, managing a team of 3."),
            ["5+ years"]
        );
        assert!(!years_counted("5+ years of experience leading product teams.").is_empty());
    }

    #[test]
    fn a_title_mention_ends_the_clause_after_years() {
        // How far the clause reaches must not depend on which title the body names: after a
        // short one, "hire" once fell inside it and made the years a manager's tenure.
        for title in ["PM", "Senior Product Manager", "Chief Product Officer"] {
            let body =
                format!("0+ years of product management experience\n{title}\nattract and hire");
            let years = found(&body, |f| matches!(f.origin, Origin::Years(_)));
            assert_eq!(years, ["0+ years"], "{title}");
        }
    }

    #[test]
    fn the_title_named_near_years_does_not_decide_what_they_count_as() {
        // Found by the title-rewriting property: "instead of" fell inside the 60 characters
        // after the years under a short title and outside them under a long one, and "product"
        // in a title read as the years' field.
        let read = |title: &str| {
            [
                format!("- 19+ years of product management experience\n{title}\ninstead of"),
                format!("- 10 years\n{title}"),
                format!("{title}, 8 years"),
            ]
            .map(|body| found(&body, |f| matches!(f.origin, Origin::Years(_))))
        };
        let short = read("PM");
        assert_eq!(short, [Vec::<String>::new(), vec![], vec![]]);
        for title in [
            "VP of Product",
            "Senior Product Manager",
            "Chief Product Officer",
        ] {
            assert_eq!(read(title), short, "{title}");
        }
    }

    #[test]
    fn the_next_line_item_ends_the_clause_after_years() {
        // Years on one bullet and managing on the next are years of experience and a manager's
        // duty, not years as a manager: the duty keeps its full weight.
        let body = "Requirements\n- 5+ years of product experience\n- Hire and manage a team of product managers\n";
        let evidence: Vec<(String, String, f64)> = {
            let lexicon = CompiledLexicon::new(&crate::lexicon::Lexicon::embedded().unwrap());
            (find_evidence(body, &lexicon).into_iter())
                .map(|f| (body[f.span].to_string(), f.supports.to_string(), f.weight))
                .collect()
        };
        assert!(
            evidence
                .iter()
                .any(|(text, supports, weight)| text == "5+ years"
                    && supports == "level:senior"
                    && *weight > 0.0),
            "{evidence:?}"
        );
        assert!(
            evidence.iter().any(|(text, supports, weight)| text
                == "Hire and manage a team of product managers"
                && supports == "track:manager"
                && *weight == 2.5),
            "{evidence:?}"
        );
        // Text wrapped inside one item is still one clause.
        let wrapped = "- 5+ years of\nmanaging product managers";
        assert_eq!(
            found(wrapped, |f| matches!(f.origin, Origin::Tenure(_))),
            ["5+ years of\nmanaging product managers"]
        );
    }

    #[test]
    fn years_as_a_manager_say_how_high_a_manager() {
        let tenure = |body| {
            let lexicon = CompiledLexicon::new(&crate::lexicon::Lexicon::embedded().unwrap());
            (find_evidence(body, &lexicon).into_iter())
                .filter(|f| matches!(f.origin, Origin::Tenure(_)))
                .map(|f| (body[f.span].to_string(), f.supports.to_string()))
                .collect::<Vec<_>>()
        };
        let read = |text: &str, level: &str| vec![(text.to_string(), format!("level:{level}"))];
        assert_eq!(
            tenure("3+ years of people management experience."),
            read("3+ years of people management", "group")
        );
        assert_eq!(
            tenure("Requirements: 5 years' experience line managing product managers"),
            read(
                "5 years' experience line managing product managers",
                "director"
            )
        );
        assert_eq!(
            tenure("10+ years of people management experience."),
            read("10+ years of people management", "vp")
        );
        // The largest counts, beside the years of experience around it.
        assert_eq!(
            tenure(
                "8+ years of product management experience, including 2+ years managing product \
                 managers, and 4+ years of people management."
            ),
            read("4+ years of people management", "director")
        );
        // Years of work that is not managing people, and one year as a manager, say nothing.
        for body in [
            "5+ years of experience leading product teams.",
            "8+ years of product management experience.",
            "At least one year of people management responsibility.",
        ] {
            assert_eq!(tenure(body), [], "{body}");
        }
    }

    #[test]
    fn management_the_candidate_has_done_counts_half() {
        let manager_weight = |body| {
            let lexicon = CompiledLexicon::new(&crate::lexicon::Lexicon::embedded().unwrap());
            (find_evidence(body, &lexicon).iter())
                .filter(|f| f.supports == Target::Track(Track::Manager))
                .map(|f| f.weight)
                .sum::<f64>()
        };
        let duty = manager_weight("Responsibilities\n- Line management of two product managers");
        let tenure = manager_weight(
            "Requirements\n- At least one year of line management of product managers",
        );
        assert!(duty > 0.0);
        assert_eq!(tenure, duty / 2.0);
    }

    #[test]
    fn mentoring_the_team_one_manages_is_managing_it() {
        let seniority = |body| {
            found(body, |f| {
                matches!(f.supports, Target::Level(Level::Senior | Level::Principal))
            })
        };
        assert!(seniority("Hire, mentor and grow a team of 6 product managers.").is_empty());
        assert!(seniority("Coach and manage the designers who report to you.").is_empty());
        // Mentoring in a clause of its own is an IC's, even beside a team the role manages.
        assert_eq!(
            seniority("Manage a team of 4 designers.\n- Mentor other PMs."),
            ["Mentor other"]
        );
        assert_eq!(seniority("You will mentor junior PMs."), ["mentor"]);
    }

    #[test]
    fn several_teams_are_a_directors_only_when_the_role_heads_them() {
        let director = |body| found(body, |f| f.supports == Target::Level(Level::Director));
        assert_eq!(
            director("You will oversee multiple product lines."),
            ["oversee multiple product lines"]
        );
        assert_eq!(
            director("Lead several product teams through the launch."),
            ["Lead several product teams"]
        );
        // A PM coordinates with teams and owns products without heading them.
        for body in [
            "You will work with multiple product teams.",
            "Drive alignment across multiple groups.",
            "Experience managing multiple product lines.",
            "We are a company with multiple product lines.",
        ] {
            assert_eq!(director(body), Vec::<String>::new(), "{body}");
        }
    }

    #[test]
    fn held_out_concepts_read_in_their_other_wordings() {
        let at = |body, target: Target| found(body, move |f| f.supports == target);
        let principal = Target::Level(Level::Principal);
        let manager = Target::Track(Track::Manager);
        let associate = Target::Level(Level::Associate);
        // Staff scope: the company's highest-impact work, however the work is named.
        assert_eq!(
            at(
                "Work on the company's highest-impact initiatives.",
                principal
            ),
            ["highest-impact initiatives"]
        );
        assert_eq!(
            at("Own our most impactful projects.", principal),
            ["most impactful projects"]
        );
        assert_eq!(
            at("Help the team ship impactful projects.", principal),
            Vec::<String>::new()
        );
        // A team of product managers that the role oversees or heads is its own.
        assert_eq!(
            at("Head a team of PMs across payments.", manager),
            ["Head a team of PMs"]
        );
        assert_eq!(
            at("Oversee product managers in three groups.", manager),
            ["Oversee product managers"]
        );
        assert_eq!(
            at("Oversee the launch with product managers.", manager),
            Vec::<String>::new()
        );
        // Student status, not students as users.
        assert_eq!(
            at("You are currently a student.", associate),
            ["currently a student"]
        );
        assert_eq!(
            at("Final-year students are welcome to apply.", associate),
            ["Final-year students"]
        );
        assert_eq!(
            at("Build tools that students use every day.", associate),
            Vec::<String>::new()
        );
        // People management addressed to the candidate: the team is theirs to grow.
        assert_eq!(
            at("Grow and develop your team.", manager),
            ["Grow and develop your team"]
        );
        assert_eq!(
            at("Coach your direct reports in their careers.", manager),
            ["Coach your direct reports"]
        );
        assert_eq!(
            at("Develop features with your team.", manager),
            Vec::<String>::new()
        );
        // Company-level direction with the company qualified.
        let cpo = Target::Level(Level::Cpo);
        assert_eq!(
            at("Set the product vision for the whole company.", cpo),
            ["product vision for the whole company"]
        );
        assert_eq!(
            at("Share the product vision with the whole company.", cpo),
            Vec::<String>::new()
        );
        // Public-sector wording: supervising a team, heading a directorate (a field naming the
        // directorate the job sits in is no such thing).
        assert_eq!(
            at("Supervises a team of 4 analysts.", manager),
            ["Supervises a team"]
        );
        assert_eq!(
            at(
                "Head up a directorate of 60 staff.",
                Target::Level(Level::Director)
            ),
            ["Head up a directorate"]
        );
        assert_eq!(
            at(
                "Directorate: Communities and environment",
                Target::Level(Level::Director)
            ),
            Vec::<String>::new()
        );
        // A seat on the executive team, however it is taken.
        assert_eq!(
            at(
                "You will serve on the executive team.",
                Target::Level(Level::Vp)
            ),
            ["serve on the executive team"]
        );
    }

    fn frames_found(body: &str) -> Vec<String> {
        found(body, |f| matches!(f.origin, Origin::Frame(_)))
    }

    #[test]
    fn a_verb_takes_its_object_within_a_clause() {
        assert_eq!(
            frames_found("You will hire and coach product managers."),
            ["hire and coach product managers"]
        );
        assert_eq!(
            frames_found("Hiring, managing and mentoring designers"),
            ["Hiring, managing and mentoring designers"]
        );
        assert_eq!(
            frames_found("- Oversee the payments division"),
            ["Oversee the payments division"]
        );
        // A count is part of the object, not words between ("at" alone says not an object).
        assert_eq!(
            frames_found("You have managed at least 6 full-time designers."),
            ["managed at least 6 full-time designers"]
        );
        assert_eq!(
            frames_found("Hire up to 10 designers"),
            ["Hire up to 10 designers"]
        );
    }

    #[test]
    fn a_title_between_verb_and_object_is_one_word_whichever_title() {
        // How long a title is, and the "of" or "." in it, must not decide whether the verb
        // reaches its object.
        for title in ["PM", "Senior Product Manager", "Sr. PM", "VP of Product"] {
            let body = format!("Hire the {title} and designers");
            assert_eq!(frames_found(&body), [body.as_str()], "{title}");
            let body = format!("Oversee a {title} division");
            assert_eq!(frames_found(&body), [body.as_str()], "{title}");
        }
    }

    #[test]
    fn a_role_in_the_plural_is_an_object_whichever_way_it_is_written() {
        // Whichever role the plural names, and with its head noun first or last: otherwise the
        // wording of a title mention would decide the verdict.
        for roles in [
            "product directors",
            "directors of product",
            "heads of product",
            "vice presidents of product",
            "chief product officers",
            "PMs",
        ] {
            let body = format!("You will hire and manage {roles}.");
            assert_eq!(frames_found(&body), [&body[9..body.len() - 1]], "{body}");
        }
        assert!(frames_found("You will manage the director of product.").is_empty());
    }

    #[test]
    fn a_role_with_a_unit_noun_after_it_is_an_object() {
        // Seed 003's own wording, and the ways postings write it.
        assert_eq!(
            frames_found("Managing PM teams, aligning portfolios"),
            ["Managing PM teams"]
        );
        assert_eq!(
            frames_found("You will grow the product management team."),
            ["grow the product management team"]
        );
        assert_eq!(
            frames_found("Lead our Senior Product Manager org"),
            ["Lead our Senior Product Manager org"]
        );
        // The role alone in the singular is the posting's own vacancy; another noun after it is
        // no unit of people; and a product team is anyone's team.
        assert!(frames_found("We will hire a product manager this year.").is_empty());
        assert!(frames_found("Manage the head of product's calendar").is_empty());
        assert!(frames_found("Manage the PM teamwork board").is_empty());
        // A unit noun on the next line, or one that starts the next title, is no unit of the
        // role: "Group" opens "Group Product Manager" (found by the title-rewriting property).
        assert!(
            frames_found("build or buy Associate Product Manager\nGroup Product Manager")
                .is_empty()
        );
        assert!(frames_found("Lead the Senior Product Manager\nteam offsite").is_empty());
        assert!(frames_found("Lead the product team through launches").is_empty());
    }

    #[test]
    fn counts_leave_the_gap_and_other_words_stay() {
        fn words(text: &str) -> Vec<&str> {
            text.split(' ').collect()
        }
        assert_eq!(
            without_counts(&words("at least 6 full time")),
            ["full", "time"]
        );
        assert_eq!(without_counts(&words("a team of 5-8")), ["a", "team", "of"]);
        // Without a number, the words are no count: "at" still says the noun is no object.
        assert_eq!(
            without_counts(&words("at least the")),
            ["at", "least", "the"]
        );
        assert_eq!(without_counts(&words("up to")), ["up", "to"]);
    }

    fn patterns_found(body: &str) -> Vec<String> {
        found(body, |f| matches!(f.origin, Origin::Pattern(_)))
    }

    #[test]
    fn coaching_a_number_of_pms_is_not_managing_them() {
        // Seed 003 says this of principal and staff PMs, who coach without managing people.
        assert!(patterns_found("Mentor/coach multiple PMs and set best practices").is_empty());
        assert!(patterns_found("Coach 4 product managers on discovery").is_empty());
        // Managing, leading or hiring a number of them is.
        assert_eq!(patterns_found("Manage 5 PMs"), ["Manage 5 PMs"]);
        assert_eq!(
            patterns_found("You will lead several product managers"),
            ["lead several product managers"]
        );
    }

    #[test]
    fn working_under_supervision_is_one_concept_however_it_is_worded() {
        // Seed 001: APMs "work under the supervision of more experienced product managers".
        for (body, phrase) in [
            (
                "Work under the supervision of a senior PM.",
                "under the supervision",
            ),
            (
                "You will work under direction of your line manager.",
                "under direction",
            ),
            (
                "Works under general supervision and direction.",
                "under general supervision",
            ),
        ] {
            assert_eq!(patterns_found(body), [phrase], "{body}");
        }
        // Supervising others is not being supervised.
        assert!(patterns_found("Provide direction and supervision to the team.").is_empty());
    }

    #[test]
    fn reporting_to_the_ceo_is_no_evidence_at_a_small_company() {
        let role = "You will report directly to the CEO and own our product strategy.";
        assert_eq!(patterns_found(role), ["report directly to the CEO"]);
        for company in [
            "We are a 25-person startup.",
            "Join our seed-stage company.",
            "You will be our first product manager.",
        ] {
            let body = format!("{company}\n\n{role}");
            assert!(patterns_found(&body).is_empty(), "{body}");
        }
        // Reporting to the board says the same at any size.
        let board = "We are a small startup. The role reports to the board.";
        assert_eq!(patterns_found(board), ["reports to the board"]);
        // A reporting line written as a field says what the sentence does.
        assert_eq!(patterns_found("Reports to: CEO"), ["Reports to: CEO"]);
        assert_eq!(
            patterns_found("Reporting to: the COO"),
            ["Reporting to: the COO"]
        );
        assert!(patterns_found("Reports to: Head of Digital").is_empty());
    }

    #[test]
    fn a_degree_in_progress_and_a_graduation_date_are_early_career() {
        assert_eq!(
            patterns_found("Currently pursuing a bachelor's degree in economics"),
            ["pursuing a bachelor's"]
        );
        assert_eq!(
            patterns_found("You are enrolled in an MBA programme"),
            ["enrolled in an MBA"]
        );
        assert_eq!(
            patterns_found("Students graduating in 2027"),
            ["graduating in 2027"]
        );
        // A finished degree, or pursuing something other than a degree, says nothing of the kind.
        assert!(patterns_found("A bachelor's degree in a technical field").is_empty());
        assert!(patterns_found("Pursuing new markets with the sales team").is_empty());
        assert!(patterns_found("Graduated from a top university").is_empty());
    }

    #[test]
    fn a_supervisory_status_line_names_the_track() {
        assert_eq!(
            patterns_found("Supervisory status: Yes"),
            ["Supervisory status: Yes"]
        );
        assert_eq!(
            patterns_found("Supervisory status: No"),
            ["Supervisory status: No"]
        );
        assert!(patterns_found("Supervisory status: not stated").is_empty());
    }

    /// Whether the first match of `phrase` in `body` is negated; `None` when nothing matches it.
    fn phrase_negated(body: &str, phrase: &str) -> Option<bool> {
        let lexicon = CompiledLexicon::new(&crate::lexicon::Lexicon::embedded().unwrap());
        find_evidence_and_dropped(body, &lexicon)
            .into_iter()
            .find(|f| &body[f.span.clone()] == phrase)
            .map(|f| f.negated)
    }

    #[test]
    fn a_negation_does_not_reach_into_the_next_line_item() {
        // A bullet that normalizes to white space, a capital after a line break.
        for body in [
            "- Goals not tasks\n\u{2022} Experience managing complex products",
            "Work on goals, not tasks\nExperience managing complex products",
        ] {
            assert_eq!(
                phrase_negated(body, "complex products"),
                Some(false),
                "{body:?}"
            );
        }
        // Text wrapped inside a sentence keeps its negation.
        assert_eq!(
            phrase_negated("This role has no\ndirect reports", "direct reports"),
            Some(true)
        );
    }

    #[test]
    fn a_field_whose_value_says_none_negates_its_key() {
        for body in [
            "Direct reports: None\nLocation: Leeds",
            "Direct reports: 0",
            "Direct reports: n/a.",
            "Contract: permanent | People manager: No",
        ] {
            let key = if body.contains("People") {
                "People manager"
            } else {
                "Direct reports"
            };
            assert_eq!(phrase_negated(body, key), Some(true), "{body:?}");
        }
        // A value that is a number, a range, a yes, more words or on the next line is no none.
        for body in [
            "Direct reports: 4",
            "Direct reports: 0-2",
            "Direct reports: yes",
            "Direct reports: no more than 4",
            "Direct reports:\nNone of the above applies",
            "Direct reports. No travel.",
        ] {
            assert_eq!(
                phrase_negated(body, "Direct reports"),
                Some(false),
                "{body:?}"
            );
        }
    }

    #[test]
    fn frames_do_not_cross_clauses_or_take_non_objects() {
        // The posting's own vacancy, a career path, a preposition, another bullet.
        assert!(frames_found("We want to hire a product manager.").is_empty());
        assert!(frames_found("Grow as a product manager with us.").is_empty());
        assert!(frames_found("Build relationships with designers").is_empty());
        assert!(frames_found("Grow in the product organization").is_empty());
        assert!(frames_found("Supervise on behalf of designers").is_empty());
        assert!(frames_found("- Hire vendors\n- Designers review the flows").is_empty());
        assert!(frames_found("Manage the roadmap. Designers and engineers help.").is_empty());
        // An -ing form that describes the team the candidate joins.
        assert!(frames_found("Join our growing team of product managers").is_empty());
        assert!(frames_found("Join a fast-growing group of designers").is_empty());
        assert!(frames_found("Join our rapidly growing team of designers").is_empty());
        // Near misses: the role does the growing or the hiring.
        assert!(!frames_found("Growing product managers").is_empty());
        assert!(!frames_found("Own the hiring of product managers").is_empty());
        assert!(!frames_found("Experience hiring and coaching designers").is_empty());
    }

    #[test]
    fn an_ing_form_before_a_singular_person_is_a_noun_not_a_frame() {
        // The person who hires, not a manager hired.
        assert!(frames_found("Our hiring manager reads every application.").is_empty());
        assert!(frames_found("You will meet the hiring manager and the team.").is_empty());
        // The verbs themselves still take their objects.
        assert_eq!(frames_found("Hiring managers and designers").len(), 1);
        assert_eq!(
            frames_found("Managing a designer and two engineers").len(),
            1
        );
        assert_eq!(frames_found("Hire a manager for the team").len(), 1);
    }
}

/// The windowed search for years mentions checked against the regex run over the whole text.
#[cfg(test)]
mod years_window {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "year",
        "years",
        "yearly",
        "5",
        "10",
        "15+",
        "fifteen",
        "seven",
        "two",
        "(3)",
        " ",
        " ",
        "-",
        "to",
        "or",
        "more",
        "plus",
        "+",
        "of",
        "experience",
        "requires",
        "a",
        "é",
        "\u{2022}",
        ".",
        ",",
        "in",
        "product",
    ];

    fn ranges(captures: Vec<regex::Captures<'_>>) -> Vec<Range<usize>> {
        captures.iter().map(|c| c.get(0).unwrap().range()).collect()
    }

    proptest! {
        #[test]
        fn finds_what_the_whole_text_search_finds(
            picks in proptest::collection::vec((0..PIECES.len(), any::<bool>()), 0..60)
        ) {
            let text: String = picks
                .iter()
                .map(|&(i, space)| format!("{}{}", PIECES[i], if space { " " } else { "" }))
                .collect();
            let whole: Vec<Range<usize>> = ranges(years_regex().captures_iter(&text).collect());
            prop_assert_eq!(ranges(years_captures(&text)), whole, "{:?}", text);
        }

        #[test]
        fn a_clause_ends_where_its_characters_say(text in "[a-z .;!?,\u{e9}\u{2022}\u{1f600}]{0,90}") {
            let end = text
                .char_indices()
                .enumerate()
                .find(|&(n, (_, c))| n == CLAUSE_CHARS || matches!(c, '.' | ';' | '!' | '?'))
                .map_or(text.len(), |(_, (i, _))| i);
            prop_assert_eq!(clause_after(&text), &text[..end]);
        }
    }
}
