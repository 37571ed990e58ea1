//! The lexicon compiled for matching: one aho-corasick automaton over every literal term, one over
//! title phrases, a `RegexSet` over the patterns, and lookup tables. Built once per process and
//! shared across threads (everything here is `Send + Sync`).

use super::{Lexicon, SectionKind, TitleKind};
use crate::domain::{Level, Specialization, Target};
use crate::normalize::{normalize_term, on_word_boundaries};
use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use std::collections::HashMap;
use std::ops::Range;

/// Size limit for a compiled lexicon regex: generous for real patterns, small enough that a
/// pathological one is refused at load instead of eating memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;

pub(crate) fn build_regex(pattern: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(|e| format!("invalid regex: {e}"))
}

/// A signal entry ready for scoring.
#[derive(Debug, Clone)]
pub struct Signal {
    pub supports: Target,
    pub weight: f64,
    pub source: String,
}

/// A title phrase ready for the title parser.
#[derive(Debug, Clone)]
pub struct TitlePhrase {
    pub kind: TitleKind,
    pub level: Option<Level>,
    pub specialization: Option<Specialization>,
    pub note: Option<String>,
    pub source: String,
}

/// An experience band ready for scoring.
#[derive(Debug, Clone)]
pub struct Band {
    pub years: Range<u32>,
    pub signal: Signal,
}

/// The compiled lexicon.
#[derive(Debug, Clone)]
pub struct CompiledLexicon {
    /// Literal signals; pattern `i` of `term_automaton` belongs to `signals[term_signal[i]]`.
    pub(crate) signals: Vec<Signal>,
    term_automaton: AhoCorasick,
    term_signal: Vec<u32>,
    pub(crate) patterns: Vec<(Regex, Signal)>,
    pattern_set: RegexSet,
    pub(crate) titles: Vec<TitlePhrase>,
    title_automaton: AhoCorasick,
    title_phrase: Vec<u32>,
    pub(crate) bands: Vec<Band>,
    pub(crate) headings: HashMap<String, SectionKind>,
    pub(crate) negations: Vec<String>,
}

/// A match of a lexicon phrase or pattern in normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMatch {
    pub range: Range<usize>,
    /// Index into the signals, patterns or titles it came from.
    pub index: usize,
}

fn automaton(phrases: &[String]) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(phrases)
        .expect("lexicon automaton builds: phrases are validated non-empty")
}

/// All whole-word matches of `automaton` in `text`, then the leftmost-longest non-overlapping ones.
///
/// The search is overlapping on purpose: a leftmost-longest search skips past a match that fails
/// the word-boundary check ("data platform" inside "data platforms") and with it any valid match
/// that overlaps it ("platforms").
fn select(automaton: &AhoCorasick, owners: &[u32], text: &str) -> Vec<RawMatch> {
    let mut found: Vec<Range<usize>> = Vec::new();
    let mut owner_of: Vec<u32> = Vec::new();
    for m in automaton.find_overlapping_iter(text) {
        let range = m.range();
        if on_word_boundaries(text, &range) {
            found.push(range);
            owner_of.push(owners[m.pattern().as_usize()]);
        }
    }
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (found[i].start, std::cmp::Reverse(found[i].end)));
    let mut out = Vec::new();
    let mut end = 0;
    for i in order {
        if found[i].start >= end {
            end = found[i].end;
            out.push(RawMatch {
                range: found[i].clone(),
                index: owner_of[i] as usize,
            });
        }
    }
    out
}

impl CompiledLexicon {
    /// Compiles a validated lexicon.
    pub fn new(lexicon: &Lexicon) -> CompiledLexicon {
        let mut signals = Vec::with_capacity(lexicon.signals.len());
        let mut terms = Vec::new();
        let mut term_signal = Vec::new();
        for (i, s) in lexicon.signals.iter().enumerate() {
            signals.push(Signal {
                supports: s.value.supports,
                weight: s.value.weight,
                source: s.value.source.clone(),
            });
            for t in &s.value.terms {
                terms.push(normalize_term(t));
                term_signal.push(i as u32);
            }
        }

        let patterns: Vec<(Regex, Signal)> = lexicon
            .patterns
            .iter()
            .map(|p| {
                let regex = build_regex(&p.value.pattern).expect("patterns are validated");
                let signal = Signal {
                    supports: p.value.supports,
                    weight: p.value.weight,
                    source: p.value.source.clone(),
                };
                (regex, signal)
            })
            .collect();
        let pattern_set = RegexSetBuilder::new(patterns.iter().map(|(r, _)| r.as_str()))
            .size_limit(REGEX_SIZE_LIMIT * 8)
            .build()
            .expect("patterns are validated one by one");

        let mut titles = Vec::new();
        let mut title_phrases = Vec::new();
        let mut title_phrase = Vec::new();
        for (i, t) in lexicon.titles.iter().enumerate() {
            titles.push(TitlePhrase {
                kind: t.value.kind,
                level: t.value.level,
                specialization: t.value.specialization,
                note: t.value.note.clone(),
                source: t.value.source.clone(),
            });
            for p in &t.value.phrases {
                title_phrases.push(normalize_term(p));
                title_phrase.push(i as u32);
            }
        }

        let bands = lexicon
            .experience
            .iter()
            .map(|b| Band {
                years: b.value.min_years..b.value.max_years + 1,
                signal: Signal {
                    supports: b.value.supports,
                    weight: b.value.weight,
                    source: b.value.source.clone(),
                },
            })
            .collect();

        let headings = lexicon
            .sections
            .iter()
            .flat_map(|s| {
                s.value
                    .headings
                    .iter()
                    .map(|h| (normalize_term(h), s.value.kind))
            })
            .collect();

        let negations = lexicon
            .negations
            .iter()
            .flat_map(|n| n.value.words.iter().map(|w| normalize_term(w)))
            .collect();

        CompiledLexicon {
            term_automaton: automaton(&terms),
            signals,
            term_signal,
            pattern_set,
            patterns,
            title_automaton: automaton(&title_phrases),
            titles,
            title_phrase,
            bands,
            headings,
            negations,
        }
    }

    /// Whole-word, non-overlapping matches of literal terms; `index` is a signal index.
    pub fn find_terms(&self, normalized: &str) -> Vec<RawMatch> {
        select(&self.term_automaton, &self.term_signal, normalized)
    }

    /// Whole-word, non-overlapping matches of title phrases; `index` is a title index.
    pub fn find_titles(&self, normalized: &str) -> Vec<RawMatch> {
        select(&self.title_automaton, &self.title_phrase, normalized)
    }

    /// Matches of the regex patterns; `index` is a pattern index. One pass of the set finds which
    /// patterns occur at all; only those are searched for positions.
    pub fn find_patterns(&self, normalized: &str) -> Vec<RawMatch> {
        let mut out = Vec::new();
        for index in self.pattern_set.matches(normalized).iter() {
            out.extend(
                self.patterns[index]
                    .0
                    .find_iter(normalized)
                    .map(|m| RawMatch {
                        range: m.range(),
                        index,
                    }),
            );
        }
        out
    }

    /// The term automaton itself, for benchmarks that compare the engine with a raw scan.
    pub fn term_automaton(&self) -> &AhoCorasick {
        &self.term_automaton
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled(json: &str) -> CompiledLexicon {
        let lexicon = Lexicon::from_sources([("t.json".to_string(), json)]).unwrap();
        CompiledLexicon::new(&lexicon)
    }

    const LEX: &str = r#"{"signals": [
        {"terms": ["data platform", "platforms"], "supports": "specialization:platform", "weight": 1.0, "source": "003: x"},
        {"terms": ["intern"], "supports": "level:associate", "weight": 1.0, "source": "003: x"},
        {"terms": ["machine learning", "machine learning platform"], "supports": "specialization:ai-ml", "weight": 1.0, "source": "003: x"}
    ]}"#;

    fn found(c: &CompiledLexicon, text: &str) -> Vec<String> {
        c.find_terms(text)
            .into_iter()
            .map(|m| text[m.range].to_string())
            .collect()
    }

    #[test]
    fn matches_whole_words_only() {
        let c = compiled(LEX);
        assert_eq!(found(&c, "internal interns intern."), vec!["intern"]);
    }

    #[test]
    fn a_rejected_match_does_not_hide_an_overlapping_valid_one() {
        let c = compiled(LEX);
        assert_eq!(found(&c, "our data platforms team"), vec!["platforms"]);
    }

    #[test]
    fn prefers_the_longest_match_at_a_position() {
        let c = compiled(LEX);
        assert_eq!(
            found(&c, "a machine learning platform and machine learning"),
            vec!["machine learning platform", "machine learning"]
        );
    }
}
