//! The postings whose reference level and body disagree most, each with its strongest evidence
//! quoted in context. Only the worst few are kept while postings stream past, so a huge input
//! costs no more memory than a small one.

use crate::domain::{Level, Target};
use crate::engine::Evidence;
use crate::posting::{Posting, Source};
use serde::Serialize;
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// How many pieces of evidence an outlier quotes.
const EVIDENCE_QUOTED: usize = 4;
/// How many characters of the line an evidence phrase is quoted with, on each side.
const CONTEXT_CHARS: usize = 90;

/// How far apart a posting's reference and implied levels are, for ranking: rank distance first,
/// then a track disagreement, then the engine's confidence (a confident wrong reading is worse),
/// then input order (earlier first), so the choice does not depend on thread timing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Severity {
    distance: u8,
    track_differs: bool,
    confidence_milli: u32,
    order: Reverse<u64>,
}

impl Severity {
    /// The severity of a disagreement, or `None` when the two agree or either is unknown.
    pub fn of(
        reference: Option<Level>,
        implied: Option<Level>,
        confidence: f64,
        order: u64,
    ) -> Option<Severity> {
        let (r, i) = (reference?, implied?);
        let distance = r.rank().abs_diff(i.rank());
        let track_differs = r.track() != i.track();
        (distance > 0 || track_differs).then_some(Severity {
            distance,
            track_differs,
            confidence_milli: (confidence.clamp(0.0, 1.0) * 1000.0).round() as u32,
            order: Reverse(order),
        })
    }
}

/// One outlier.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlier {
    /// Where the posting came from: file path, line and record id.
    pub source: Source,
    /// The posting's title as written.
    pub title: String,
    /// The posting's group value (`(none)` without `--group-by` or without the field).
    pub group: String,
    /// The level compared against: the label with `--labels`, else the title's.
    pub reference: Option<Level>,
    /// The title's level.
    pub claimed: Option<Level>,
    /// The label's level, with `--labels`.
    pub label: Option<Level>,
    /// The level the body implies; `null` with too little evidence.
    pub implied: Option<Level>,
    /// Reference rank minus implied rank: positive when the title (or label) sits higher.
    pub rank_difference: i8,
    /// The engine's confidence in `implied`, from 0 to 1.
    pub confidence: f64,
    /// The strongest level and track evidence, with the text around it on its line.
    pub evidence: Vec<Quote>,
}

/// A piece of evidence in the words around it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// The evidence phrase as it stands in the posting.
    pub text: String,
    /// What it supports, e.g. `level:director` or `track:manager`.
    pub supports: String,
    /// The weight that counted, after the section factor and repeats.
    pub weight: f64,
    /// The 1-based line of the phrase in its file.
    pub line: usize,
    /// The line before the phrase (at most 90 characters, `…` where cut).
    pub before: String,
    /// The line after the phrase.
    pub after: String,
}

impl Quote {
    /// Quotes `e` with the rest of its line in `posting` around it.
    pub fn new(posting: &Posting, e: &Evidence) -> Quote {
        let text = &posting.text;
        let start = e.span.start.min(text.len());
        let end = e.span.end.clamp(start, text.len());
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        // A list marker opening the line is layout, not context.
        let before = text[line_start..start]
            .trim_start()
            .trim_start_matches(['-', '*', '•'])
            .trim_start();
        let after = text[end..line_end].trim_end();
        let before = match before.char_indices().rev().nth(CONTEXT_CHARS) {
            Some((i, c)) => format!("…{}", &before[i + c.len_utf8()..]),
            None => before.to_string(),
        };
        let after = match after.char_indices().nth(CONTEXT_CHARS) {
            Some((i, _)) => format!("{}…", &after[..i]),
            None => after.to_string(),
        };
        Quote {
            text: e.text.clone(),
            supports: e.supports.to_string(),
            weight: e.weight,
            line: e.line,
            before,
            after,
        }
    }
}

/// The evidence an outlier quotes: the strongest pieces about level or track.
pub fn quoted(posting: &Posting, evidence: &[Evidence]) -> Vec<Quote> {
    evidence
        .iter()
        .filter(|e| !matches!(e.supports, Target::Specialization(_)))
        .take(EVIDENCE_QUOTED)
        .map(|e| Quote::new(posting, e))
        .collect()
}

struct Ranked(Severity, Outlier);

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

/// Keeps the `capacity` most severe outliers seen.
pub struct OutlierPicker {
    capacity: usize,
    /// A min-heap: the least severe kept outlier is on top, the first to go.
    kept: BinaryHeap<Reverse<Ranked>>,
}

impl OutlierPicker {
    /// A picker that keeps at most `capacity` outliers.
    pub fn new(capacity: usize) -> OutlierPicker {
        OutlierPicker {
            capacity,
            kept: BinaryHeap::with_capacity(capacity + 1),
        }
    }

    /// Whether an outlier of this severity would be kept; ask before building it.
    pub fn wants(&self, severity: Severity) -> bool {
        self.kept.len() < self.capacity
            || self
                .kept
                .peek()
                .is_some_and(|Reverse(least)| severity > least.0)
    }

    /// Offers an outlier; it is kept if among the `capacity` most severe seen so far.
    pub fn add(&mut self, severity: Severity, outlier: Outlier) {
        if !self.wants(severity) {
            return;
        }
        self.kept.push(Reverse(Ranked(severity, outlier)));
        if self.kept.len() > self.capacity {
            self.kept.pop();
        }
    }

    /// The kept outliers, most severe first.
    pub fn finish(self) -> Vec<Outlier> {
        let mut kept: Vec<Ranked> = self.kept.into_iter().map(|Reverse(r)| r).collect();
        kept.sort_by_key(|r| Reverse(r.0));
        kept.into_iter().map(|r| r.1).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::SectionKind;
    use Level::*;

    fn outlier(title: &str) -> Outlier {
        Outlier {
            source: Source::default(),
            title: title.into(),
            group: "(none)".into(),
            reference: None,
            claimed: None,
            label: None,
            implied: None,
            rank_difference: 0,
            confidence: 0.0,
            evidence: Vec::new(),
        }
    }

    #[test]
    fn agreeing_or_unknown_levels_are_not_outliers() {
        assert_eq!(Severity::of(Some(Pm), Some(Pm), 0.9, 0), None);
        assert_eq!(Severity::of(Some(Pm), None, 0.9, 0), None);
        assert_eq!(Severity::of(None, Some(Pm), 0.9, 0), None);
        assert!(Severity::of(Some(Principal), Some(Group), 0.5, 0).is_some());
    }

    #[test]
    fn keeps_the_most_severe_in_order() {
        let mut p = OutlierPicker::new(2);
        let cases = [
            ("one rank", Some(Pm), Some(Senior), 0.9),
            ("three ranks", Some(Pm), Some(Director), 0.2),
            ("two ranks, unsure", Some(Senior), Some(Associate), 0.1),
            ("two ranks, sure", Some(Senior), Some(Associate), 0.8),
        ];
        for (order, (title, r, i, c)) in cases.into_iter().enumerate() {
            let s = Severity::of(r, i, c, order as u64).unwrap();
            p.add(s, outlier(title));
        }
        let titles: Vec<_> = p.finish().into_iter().map(|o| o.title).collect();
        assert_eq!(titles, vec!["three ranks", "two ranks, sure"]);
    }

    #[test]
    fn quotes_evidence_within_its_line_and_cuts_long_lines_on_char_boundaries() {
        let long = "é".repeat(200);
        let text = format!("Title\n{long} mentor others {long}\nnext line\n");
        let posting = Posting::new(Source::default(), "Title", text.clone());
        let start = text.find("mentor").unwrap();
        let e = Evidence {
            text: "mentor".into(),
            line: 2,
            column: 202,
            end_line: 2,
            end_column: 208,
            supports: Target::Level(Senior),
            weight: 1.0,
            source: "003: x".into(),
            section: SectionKind::Role,
            negated: false,
            origin: crate::matcher::Origin::Signal(0),
            span: start..start + 6,
        };
        let q = Quote::new(&posting, &e);
        assert!(
            q.before.starts_with('…') && q.before.ends_with("é "),
            "{q:?}"
        );
        assert_eq!(q.before.chars().count(), CONTEXT_CHARS + 1);
        assert!(q.after.starts_with(" others é") && q.after.ends_with('…'));
        assert!(!q.after.contains("next"));
    }
}
