//! New title aliases from labelled postings: when most postings with one title are labelled a
//! level other than the one the title parser reads ("Product Manager II" labelled `senior` in a
//! company whose ladder runs I-III), the title becomes an alias for that level. Checked like the
//! weights, on folds held out from the learning.

use super::agreement::{Agreement, Confusion};
use crate::domain::Level;
use crate::lexicon::{Lexicon, TitleEntry, TitleKind};
use crate::normalize::normalize_term;
use serde::Serialize;
use std::collections::BTreeMap;

/// Postings a title needs before it can become an alias.
const MIN_POSTINGS: u64 = 3;
/// The share of a title's postings that must carry the same label.
const MIN_SHARE: f64 = 0.8;

/// A labelled posting's title.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleExample {
    /// The title as written.
    pub title: String,
    /// The level the title parser reads from it.
    pub claimed: Option<Level>,
    /// The level people assigned to the posting.
    pub label: Level,
}

/// A title learned as an alias.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alias {
    /// The title, in the first spelling seen.
    pub title: String,
    /// What the title parser read before.
    pub from: Option<Level>,
    /// The level it is now read as: the label most of its postings carry.
    pub to: Level,
    /// Postings with this title, and how many of them carry the label `to`.
    pub postings: u64,
    /// How many of `postings` carry the label `to`.
    pub agreeing: u64,
}

/// What alias learning did: title-against-label agreement before, with aliases learned on the
/// other folds (held out), and with the aliases written.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AliasReport {
    /// Title against label on every posting, before any alias.
    pub before: Agreement,
    /// Title against label with aliases learned on the other folds only: the gain to expect on
    /// postings not yet seen.
    pub held_out: Agreement,
    /// Title against label with the aliases written, on the postings they were learned from.
    pub fitted: Agreement,
    /// The aliases learned, to be written as title entries of an overlay.
    pub aliases: Vec<Alias>,
}

/// Titles grouped by their normalized form: the first spelling seen, the parser's level, and
/// label counts.
fn group<'a>(
    titles: impl Iterator<Item = &'a TitleExample>,
) -> BTreeMap<String, (&'a TitleExample, BTreeMap<Level, u64>)> {
    let mut groups: BTreeMap<String, (&TitleExample, BTreeMap<Level, u64>)> = BTreeMap::new();
    for t in titles {
        let entry = groups
            .entry(normalize_term(&t.title))
            .or_insert_with(|| (t, BTreeMap::new()));
        *entry.1.entry(t.label).or_default() += 1;
    }
    groups
}

/// The aliases `titles` support, by normalized title.
fn learn_from<'a>(titles: impl Iterator<Item = &'a TitleExample>) -> BTreeMap<String, Alias> {
    group(titles)
        .into_iter()
        .filter_map(|(key, (first, labels))| {
            let postings: u64 = labels.values().sum();
            let (&to, &agreeing) = labels.iter().max_by_key(|(_, &n)| n)?;
            let qualifies = postings >= MIN_POSTINGS
                && agreeing as f64 >= MIN_SHARE * postings as f64
                && first.claimed != Some(to);
            qualifies.then(|| {
                (
                    key,
                    Alias {
                        title: first.title.clone(),
                        from: first.claimed,
                        to,
                        postings,
                        agreeing,
                    },
                )
            })
        })
        .collect()
}

/// Learns aliases from `titles`, measured over `folds` stratified folds, and the title entries
/// an overlay holds for them. An entry cites the seed section the default lexicon cites for the
/// level's own titles, and says in its note that it was fitted.
pub fn learn(
    titles: &[TitleExample],
    lexicon: &Lexicon,
    folds: usize,
) -> (AliasReport, Vec<TitleEntry>) {
    let reading = |aliases: &BTreeMap<String, Alias>, t: &TitleExample| {
        aliases
            .get(&normalize_term(&t.title))
            .map_or(t.claimed, |a| Some(a.to))
    };
    let agreement = |readings: &mut dyn Iterator<Item = (Level, Option<Level>)>| {
        let mut c = Confusion::default();
        for (label, read) in readings {
            c.add(Some(label), read);
        }
        c.agreement()
    };

    let mut order: Vec<usize> = (0..titles.len()).collect();
    order.sort_by_key(|&i| (titles[i].label, i));
    let mut fold_of = vec![0usize; titles.len()];
    for (turn, &i) in order.iter().enumerate() {
        fold_of[i] = turn % folds.max(1);
    }
    let mut held_out: Vec<Option<Level>> = vec![None; titles.len()];
    for fold in 0..folds.max(1) {
        let aliases = learn_from(
            titles
                .iter()
                .zip(&fold_of)
                .filter(|(_, &f)| f != fold)
                .map(|(t, _)| t),
        );
        for (i, t) in titles.iter().enumerate() {
            if fold_of[i] == fold {
                held_out[i] = reading(&aliases, t);
            }
        }
    }

    let aliases = learn_from(titles.iter());
    let report = AliasReport {
        before: agreement(&mut titles.iter().map(|t| (t.label, t.claimed))),
        held_out: agreement(&mut titles.iter().zip(held_out).map(|(t, r)| (t.label, r))),
        fitted: agreement(&mut titles.iter().map(|t| (t.label, reading(&aliases, t)))),
        aliases: aliases.values().cloned().collect(),
    };
    let entries = aliases
        .values()
        .filter_map(|a| {
            let source = lexicon
                .titles
                .iter()
                .find(|t| t.value.level == Some(a.to))?
                .value
                .source
                .clone();
            Some(TitleEntry {
                phrases: vec![a.title.clone()],
                kind: TitleKind::Role,
                level: Some(a.to),
                specialization: None,
                note: Some(format!(
                    "fitted: {} of {} labelled postings with this title are {}",
                    a.agreeing, a.postings, a.to
                )),
                source,
            })
        })
        .collect();
    (report, entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::*;

    fn t(title: &str, claimed: Option<Level>, label: Level) -> TitleExample {
        TitleExample {
            title: title.into(),
            claimed,
            label,
        }
    }

    #[test]
    fn a_title_most_postings_label_otherwise_becomes_an_alias() {
        let titles = vec![
            t("Product Manager II", Some(Pm), Senior),
            t("product manager ii", Some(Pm), Senior),
            t("Product Manager II", Some(Pm), Senior),
            t("Product Manager II", Some(Pm), Senior),
            t("Product Manager II", Some(Pm), Pm),
            // Too few to learn from, and one that already reads right.
            t("Product Owner", None, Pm),
            t("Senior PM", Some(Senior), Senior),
            t("Senior PM", Some(Senior), Senior),
            t("Senior PM", Some(Senior), Senior),
        ];
        let lexicon = Lexicon::embedded().unwrap();
        let (report, entries) = learn(&titles, &lexicon, 3);
        assert_eq!(report.aliases.len(), 1);
        let a = &report.aliases[0];
        assert_eq!(
            (a.title.as_str(), a.from, a.to),
            ("Product Manager II", Some(Pm), Senior)
        );
        assert_eq!((a.postings, a.agreeing), (5, 4));
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].phrases, vec!["Product Manager II"]);
        assert_eq!(entries[0].level, Some(Senior));
        assert!(entries[0].source.starts_with("00"));
        // 3 Senior PM + 1 PM II read right before; 4 more with the alias.
        assert!((report.before.exact.unwrap() - 4.0 / 9.0).abs() < 1e-12);
        assert!((report.fitted.exact.unwrap() - 7.0 / 9.0).abs() < 1e-12);
    }
}
