//! Matching a body against the compiled lexicon: literal terms (aho-corasick), patterns (regex),
//! years of experience (regex), with title mentions masked, negation applied and each match
//! weighed by the section it stands in. The result is the evidence the classifier scores.

use crate::domain::{Target, Track};
use crate::lexicon::{CompiledLexicon, Scan, SectionKind};
use crate::normalize::NormalizedText;
use crate::sections::Sections;
use crate::title::mentions_among;
use regex::Regex;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

/// A piece of evidence found in a body, before it is located in lines and columns.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Byte range in the body.
    pub span: Range<usize>,
    pub supports: Target,
    /// The weight that counts: the lexicon weight, times the section factor, with repeats of the
    /// same entry counting less.
    pub weight: f64,
    pub source: Arc<str>,
    pub section: SectionKind,
    /// True when a negation turned it around ("no direct reports": manager evidence read as IC).
    pub negated: bool,
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
    // a word too ("eight to ten years" asks for eight).
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"(?x)
            \b(?P<min>{YEARS_COUNT})
            (?:\x20?\([0-9]{{1,2}}\))?
            \x20?(?:\+|plus)?\x20?
            (?:(?:-|to)\x20?(?:{YEARS_COUNT})\x20?\+?\x20?)?
            (?:or\x20more\x20)?
            years?\b"
        ))
        .expect("years regex compiles")
    })
}

/// How far after "N years" the words that make it experience are looked for, in characters.
const CLAUSE_CHARS: usize = 60;

/// The words that follow a years mention, up to the end of its clause or [`CLAUSE_CHARS`]
/// characters: what tells a requirement of experience from "founded 10 years ago".
fn clause_after(text: &str) -> &str {
    let end = text
        .char_indices()
        .enumerate()
        .find(|&(n, (_, c))| n == CLAUSE_CHARS || matches!(c, '.' | ';' | '!' | '?'))
        .map_or(text.len(), |(_, (i, _))| i);
    &text[..end]
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
    let after = after.trim_start();
    if after.starts_with("ago") || after.starts_with("old") || after.starts_with("in business") {
        return false;
    }
    AFTER.iter().any(|w| after.contains(w)) || before.contains("experience")
}

/// Years of experience a body asks for: each mention's lower bound and its normalized range.
pub fn years_mentions(normalized: &str) -> Vec<(u32, Range<usize>)> {
    years_regex()
        .captures_iter(normalized)
        .filter_map(|c| {
            let whole = c.get(0)?;
            // The clause after it is read but not consumed: a match that took it in could hide
            // the next mention ("0+ years of experience, Senior PM, 2+ years").
            let after = clause_after(&normalized[whole.end()..]);
            let before_start = whole.start().saturating_sub(40);
            let before = normalized
                .get(before_start..whole.start())
                .unwrap_or_default();
            if !is_experience_context(after, before) {
                return None;
            }
            let min = word_number(c.name("min")?.as_str())?;
            Some((min, whole.range()))
        })
        .collect()
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
    let text = normalized.as_str();
    let mentions = mentions_among(text, &scan.titles, lexicon);
    let inside_mention = |r: &Range<usize>| {
        let i = mentions.partition_point(|m| m.end <= r.start);
        mentions
            .get(i)
            .is_some_and(|m| m.start <= r.start && r.end <= m.end)
    };

    // Nearly every term match is evidence; patterns and years add a few.
    let mut found = Vec::with_capacity(scan.terms.len() + 4);
    // How often each entry has counted so far, by entry: signals, then patterns, then bands.
    let pattern_base = lexicon.signals.len();
    let band_base = pattern_base + lexicon.patterns.len();
    let mut repeats = vec![0u32; band_base + lexicon.bands.len()];
    let mut push =
        |range: Range<usize>, entry: usize, supports: Target, weight: f64, source: &Arc<str>| {
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
            let negated = lexicon
                .negations
                .negate_at(&text[after_mention..], range.start - after_mention);
            let supports = match (negated, supports) {
                (false, s) => s,
                (true, Target::Track(Track::Manager)) => Target::Track(Track::Ic),
                // A negated level or specialization phrase says nothing about what the role is.
                (true, _) => return,
            };
            let seen = &mut repeats[entry];
            let weight = weight * factor * REPEAT_DECAY.powi(*seen as i32);
            *seen += 1;
            found.push(Found {
                span,
                supports,
                weight,
                source: Arc::clone(source),
                section,
                negated,
                repeat: *seen - 1,
            });
        };

    for m in &scan.terms {
        if inside_mention(&m.range) {
            continue;
        }
        let s = &lexicon.signals[m.index];
        push(m.range.clone(), m.index, s.supports, s.weight, &s.source);
    }
    for m in lexicon.find_patterns(text) {
        let (_, s) = &lexicon.patterns[m.index];
        push(
            m.range,
            pattern_base + m.index,
            s.supports,
            s.weight,
            &s.source,
        );
    }
    // Only the largest years requirement counts: "5+ years of product experience, 2+ with SQL"
    // asks for five.
    let counted_years = years_mentions(text)
        .into_iter()
        .filter(|(_, r)| {
            sections
                .kind_at(normalized.original_range(r.clone()).start)
                .evidence_factor()
                > 0.0
        })
        .max_by_key(|(years, r)| (*years, std::cmp::Reverse(r.start)));
    if let Some((years, range)) = counted_years {
        for (i, band) in lexicon.bands.iter().enumerate() {
            if band.years.contains(&years) {
                let s = &band.signal;
                push(
                    range.clone(),
                    band_base + i,
                    s.supports,
                    s.weight,
                    &s.source,
                );
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
        years_mentions(NormalizedText::new(text).as_str())
            .into_iter()
            .map(|(y, _)| y)
            .collect()
    }

    #[test]
    fn reads_years_of_experience_in_common_forms() {
        assert_eq!(years("5+ years of product management experience"), vec![5]);
        assert_eq!(years("3\u{2013}5 years in product"), vec![3]);
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
}
