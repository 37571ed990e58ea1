//! Lexicon usage over a set of postings: which terms decided the most postings, and which literal
//! terms never matched at all. Evidence is traced back to the lexicon's signal entries, which is
//! also what fitting adjusts.

use crate::domain::{Level, Target};
use crate::engine::Evidence;
use crate::lexicon::Lexicon;
use crate::matcher::Origin;
use crate::normalize::normalize_term;
use serde::Serialize;
use std::collections::HashMap;

/// How many deciding terms a report lists.
const DECIDING_LISTED: usize = 25;

/// A weighted lexicon entry that evidence can be traced back to: a literal signal entry (its
/// terms share a target, a weight and a source) or a years-of-experience band.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The signal's terms; empty for a band.
    pub terms: Vec<String>,
    /// A band's inclusive range of years.
    pub years: Option<(u32, u32)>,
    /// Whether the band counts years as a manager.
    pub managing: bool,
    /// What the entry supports.
    pub supports: Target,
    /// The entry's weight in the lexicon.
    pub weight: f64,
    /// The seed reference the entry cites.
    pub source: String,
}

/// The lexicon's literal signal entries, indexed by normalized term, then its years bands.
#[derive(Debug, Clone)]
pub struct TermIndex {
    /// The signal entries, then the years bands; an entry's number is its place here.
    pub entries: Vec<Entry>,
    /// Normalized term -> (term number, entry number).
    by_term: HashMap<String, (u32, u32)>,
    /// Every normalized term with its entry, in lexicon order.
    terms: Vec<(String, u32)>,
}

impl TermIndex {
    /// Indexes the literal signal entries and years bands of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> TermIndex {
        let mut index = TermIndex {
            entries: Vec::with_capacity(lexicon.signals.len()),
            by_term: HashMap::new(),
            terms: Vec::new(),
        };
        for s in &lexicon.signals {
            let entry = index.entries.len() as u32;
            for t in &s.value.terms {
                let normalized = normalize_term(t);
                index
                    .by_term
                    .insert(normalized.clone(), (index.terms.len() as u32, entry));
                index.terms.push((normalized, entry));
            }
            index.entries.push(Entry {
                terms: s.value.terms.clone(),
                years: None,
                managing: false,
                supports: s.value.supports,
                weight: s.value.weight,
                source: s.value.source.clone(),
            });
        }
        for b in &lexicon.experience {
            index.entries.push(Entry {
                terms: Vec::new(),
                years: Some((b.value.min_years, b.value.max_years)),
                managing: b.value.managing,
                supports: b.value.supports,
                weight: b.value.weight,
                source: b.value.source.clone(),
            });
        }
        index
    }

    /// The entry a piece of evidence came from, by its origin in the engine's lexicon (which
    /// this index must be built from): a signal entry (any word form of its terms), or a years
    /// band. `None` for patterns and frames, which fitting leaves as they are.
    pub fn entry_of(&self, evidence: &Evidence) -> Option<u32> {
        let signals = self
            .entries
            .iter()
            .take_while(|e| e.years.is_none())
            .count() as u32;
        match evidence.origin {
            Origin::Signal(i) => Some(i),
            Origin::Years(i) | Origin::Tenure(i) => Some(signals + i),
            Origin::Pattern(_) | Origin::Frame(_) => None,
        }
    }

    /// The term and entry numbers a piece of evidence came from, when it is a literal signal's
    /// term as the lexicon writes it (not another word form, a pattern, a frame or a years band).
    /// Its origin names the entry, so that a pattern match that reads like a term is not taken
    /// for it whatever the two cite; its text names the term within the entry.
    pub fn trace(&self, evidence: &Evidence) -> Option<(u32, u32)> {
        let Origin::Signal(entry) = evidence.origin else {
            return None;
        };
        let (term, found) = *self.by_term.get(&normalize_term(&evidence.text))?;
        (found == entry).then_some((term, entry))
    }

    /// How many distinct normalized terms the index holds.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }
}

/// The evidence that decided a posting's level: the strongest piece supporting the implied level
/// (track evidence counts at rank 4 and up, where it decides between `principal` and `group`
/// and lifts a manager reading).
/// Evidence comes strongest first, so the first that fits is it.
pub fn deciding(implied: Option<Level>, evidence: &[Evidence]) -> Option<&Evidence> {
    let level = implied?;
    evidence.iter().find(|e| match e.supports {
        Target::Level(l) => l == level,
        Target::Track(t) => level.rank() >= 4 && t == level.track(),
        Target::Specialization(_) => false,
    })
}

/// What decided one posting, as counted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Decider {
    /// A literal lexicon term (its number in the index).
    Term(u32),
    /// A pattern or a years band, by its source and target.
    Other(String, Target),
}

/// Counts usage, one posting at a time.
#[derive(Debug, Clone)]
pub struct UsageCounter {
    matched: Vec<bool>,
    deciding: HashMap<Decider, u64>,
    /// An example of each non-term decider's text, for the report.
    examples: HashMap<Decider, String>,
}

impl UsageCounter {
    /// A counter with no posting counted yet, for the terms of `index`.
    pub fn new(index: &TermIndex) -> UsageCounter {
        UsageCounter {
            matched: vec![false; index.term_count()],
            deciding: HashMap::new(),
            examples: HashMap::new(),
        }
    }

    /// Counts the terms `matched` (term numbers) and the posting's decider.
    pub fn add(&mut self, matched: &[u32], decider: Option<(Decider, String)>) {
        for &t in matched {
            self.matched[t as usize] = true;
        }
        if let Some((d, text)) = decider {
            *self.deciding.entry(d.clone()).or_default() += 1;
            if let Decider::Other(..) = d {
                self.examples.entry(d).or_insert(text);
            }
        }
    }

    /// The usage of the postings counted so far.
    pub fn finish(&self, index: &TermIndex) -> LexiconUsage {
        let mut deciding: Vec<DecidingTerm> = self
            .deciding
            .iter()
            .map(|(d, &postings)| match d {
                Decider::Term(t) => {
                    let (term, entry) = &index.terms[*t as usize];
                    let entry = &index.entries[*entry as usize];
                    DecidingTerm {
                        term: term.clone(),
                        kind: "term",
                        supports: entry.supports.to_string(),
                        source: entry.source.clone(),
                        postings,
                    }
                }
                Decider::Other(source, supports) => DecidingTerm {
                    term: self.examples.get(d).cloned().unwrap_or_default(),
                    kind: "pattern",
                    supports: supports.to_string(),
                    source: source.clone(),
                    postings,
                },
            })
            .collect();
        deciding.sort_by(|a, b| {
            b.postings
                .cmp(&a.postings)
                .then_with(|| a.term.cmp(&b.term))
                .then_with(|| a.supports.cmp(&b.supports))
        });
        deciding.truncate(DECIDING_LISTED);
        let never_matched: Vec<UnmatchedTerm> = index
            .terms
            .iter()
            .zip(&self.matched)
            .filter(|(_, &m)| !m)
            .map(|((term, entry), _)| {
                let entry = &index.entries[*entry as usize];
                UnmatchedTerm {
                    term: term.clone(),
                    supports: entry.supports.to_string(),
                    source: entry.source.clone(),
                }
            })
            .collect();
        LexiconUsage {
            terms: index.term_count() as u64,
            matched_terms: self.matched.iter().filter(|&&m| m).count() as u64,
            deciding,
            never_matched,
        }
    }
}

/// How the lexicon was used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LexiconUsage {
    /// Literal terms in the lexicon.
    pub terms: u64,
    /// Of those, the ones that matched in at least one posting.
    pub matched_terms: u64,
    /// The terms (and patterns) that decided the most postings, most first (at most 25).
    pub deciding: Vec<DecidingTerm>,
    /// Every literal term that matched in no posting, in lexicon order.
    pub never_matched: Vec<UnmatchedTerm>,
}

/// A term, or a pattern or years band, and how many postings it decided.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecidingTerm {
    /// The normalized term; for a pattern, the text it first matched.
    pub term: String,
    /// `term` or `pattern` (a regex pattern or a years-of-experience band).
    pub kind: &'static str,
    /// What it supports, e.g. `level:director`.
    pub supports: String,
    /// The seed reference of its lexicon entry.
    pub source: String,
    /// How many postings it decided.
    pub postings: u64,
}

/// A literal lexicon term that matched in no posting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnmatchedTerm {
    /// The term, normalized the same way postings are.
    pub term: String,
    /// What it supports, e.g. `level:senior`.
    pub supports: String,
    /// The seed reference of its lexicon entry.
    pub source: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::SectionKind;

    fn evidence(text: &str, source: &str, origin: Origin) -> Evidence {
        Evidence {
            text: text.into(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1 + text.chars().count(),
            supports: Target::Level(Level::Senior),
            weight: 1.0,
            source: source.into(),
            section: SectionKind::Role,
            negated: false,
            origin,
            span: 0..text.len(),
        }
    }

    #[test]
    fn evidence_is_traced_to_its_term_by_origin_not_by_what_it_cites() {
        let lexicon = Lexicon::embedded().unwrap();
        let index = TermIndex::new(&lexicon);
        let entry = &lexicon.signals[0].value;
        let (term, source) = (&entry.terms[0], &entry.source);
        let traced = index.trace(&evidence(term, source, Origin::Signal(0)));
        assert_eq!(traced.map(|(_, e)| e), Some(0));
        // Cited otherwise, the same match is still the entry's.
        assert_eq!(
            index.trace(&evidence(term, "elsewhere", Origin::Signal(0))),
            traced
        );
        // A pattern's match that reads like the term, citing the same, is not the term.
        assert_eq!(
            index.trace(&evidence(term, source, Origin::Pattern(0))),
            None
        );
    }
}
