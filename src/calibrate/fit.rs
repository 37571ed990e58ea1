//! Fitting the lexicon to a company's ladder: new weights for the lexicon's literal signal
//! entries and years-of-experience bands, learned from postings with a reference level (a label,
//! or the title), and checked on postings held out from the fit (stratified k-fold) so the gain
//! shown is not memorization. Regex patterns keep their weights.
//!
//! The model is the engine's own classifier: a posting's evidence from each entry is scaled by
//! that entry's new weight over its old one, and the classifier re-run on the totals. The
//! weights are learned by an averaged perceptron in log space: when a posting is read at the
//! wrong level, the entries that pull toward its reference level are raised and those that pull
//! the other way are lowered, by a step weighted by the inverse frequency of the reference level
//! (so that the balanced agreement, not the plain one, is what improves). An entry's change is a
//! part shared by every entry of its target ("senior evidence counts 20% less") plus a smaller
//! part of its own, so a few postings cannot swing one term far (bands share apart from phrases). Each weight stays within a factor
//! of four of where it started, and the weights are averaged over every step, which keeps them
//! close to the default unless the data keeps pushing.

use super::agreement::{Agreement, Confusion};
use super::aliases::{learn as learn_aliases, AliasReport, TitleExample};
use super::usage::TermIndex;
use crate::classify::{classify, Settings, Totals};
use crate::domain::{Level, Target, Track};
use crate::engine::{Engine, Evidence};
use crate::lexicon::{ExperienceBand, LexiconFile, SignalEntry};
use crate::matcher::Origin;
use serde::Serialize;
use std::collections::BTreeMap;

/// Passes over the training postings.
const EPOCHS: usize = 10;
/// A step in log-weight on a mistake (times the class weight).
const LEARNING_RATE: f64 = 0.05;
/// How much of a step goes to the entry's own part, against the part all entries of its target
/// share: a fifth, so an entry moves on its own only when the data keeps pushing it.
const OWN_SHARE: f64 = 0.2;
/// How far a weight may move from its start, as a factor either way.
const MAX_FACTOR: f64 = 4.0;
/// A rare level's mistakes count at most this many times a typical one's.
const MAX_CLASS_WEIGHT: f64 = 4.0;
/// Changes smaller than this (relative) are left out of the overlay.
const MIN_CHANGE: f64 = 0.05;
/// The lexicon's upper bound on a weight.
const MAX_WEIGHT: f64 = 10.0;

/// A posting as fitting sees it: its reference level, the evidence each signal entry
/// contributed, and the evidence that fitting does not adjust (patterns, years bands).
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The level the posting is compared against: its label, or its title's level.
    pub reference: Level,
    /// Each adjustable piece: its fit entry, target, weight and the engine's lexicon origin (so
    /// that prediction counts years and independent entries as the engine does).
    adjustable: Vec<(u32, Target, f64, Origin)>,
    fixed: Totals,
}

impl Example {
    /// Splits `evidence` into what fitting adjusts (entries in `index`) and what it keeps fixed.
    pub fn new(reference: Level, evidence: &[Evidence], index: &TermIndex) -> Example {
        let mut adjustable = Vec::new();
        let mut fixed = Totals::default();
        for e in evidence {
            match index.entry_of(e) {
                Some(entry) => adjustable.push((entry, e.supports, e.weight, e.origin)),
                None => fixed.add(e.supports, e.origin, e.weight),
            }
        }
        Example {
            reference,
            adjustable,
            fixed,
        }
    }

    /// The implied level with each entry's evidence scaled by `exp(log_scale[entry])`.
    fn predict(&self, log_scale: &[f64], settings: &Settings) -> Option<Level> {
        let mut totals = self.fixed.clone();
        for &(entry, target, weight, origin) in &self.adjustable {
            totals.add(target, origin, weight * log_scale[entry as usize].exp());
        }
        classify(&totals, settings).level
    }
}

/// Which way evidence for `target` should move when a posting that should read `want` read
/// `got`: +1 up, -1 down, 0 leave. Level evidence between the two readings (on `want`'s side)
/// goes up, evidence at or beyond the wrong reading goes down; people-management evidence goes up
/// when a manager level was missed and down when one was read wrongly, IC evidence the other way.
fn direction(target: Target, want: Level, got: Option<Level>) -> f64 {
    let (w, g) = (want.rank(), got.map_or(0, Level::rank));
    let got_track = got.map(Level::track);
    match target {
        Target::Level(l) => {
            let r = l.rank();
            if g < w {
                if g < r && r <= w {
                    1.0
                } else if r <= g {
                    -1.0
                } else {
                    0.0
                }
            } else if g > w {
                if w <= r && r < g {
                    1.0
                } else if r >= g {
                    -1.0
                } else {
                    0.0
                }
            } else {
                0.0
            }
        }
        Target::Track(t) => {
            let toward_manager =
                if want.track() == Track::Manager && (g < w || got_track != Some(Track::Manager)) {
                    1.0
                } else if want.track() == Track::Ic && got_track == Some(Track::Manager) {
                    -1.0
                } else {
                    0.0
                };
            if t == Track::Manager {
                toward_manager
            } else {
                -toward_manager
            }
        }
        Target::Specialization(_) => 0.0,
    }
}

/// Log-scale bounds per entry: a factor of `MAX_FACTOR` either way, and never above the
/// lexicon's maximum weight.
fn bounds(index: &TermIndex) -> Vec<(f64, f64)> {
    index
        .entries
        .iter()
        .map(|e| {
            let hi = MAX_FACTOR.ln().min((MAX_WEIGHT / e.weight).ln());
            (-MAX_FACTOR.ln(), hi)
        })
        .collect()
}

/// A small deterministic generator for the order postings are visited in.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % below as u64) as usize
    }
}

/// Parameters averaged over every step of training, lazily: `sum[i]` holds `value[i]` summed up
/// to step `last[i]`.
struct Averaged {
    value: Vec<f64>,
    sum: Vec<f64>,
    last: Vec<u64>,
}

impl Averaged {
    fn new(n: usize) -> Averaged {
        Averaged {
            value: vec![0.0; n],
            sum: vec![0.0; n],
            last: vec![0; n],
        }
    }

    fn add(&mut self, i: usize, delta: f64, step: u64) {
        self.sum[i] += self.value[i] * (step - self.last[i]) as f64;
        self.last[i] = step;
        self.value[i] += delta;
    }

    fn average(&self, step: u64) -> Vec<f64> {
        (0..self.value.len())
            .map(|i| {
                if step == 0 {
                    0.0
                } else {
                    (self.sum[i] + self.value[i] * (step - self.last[i]) as f64) / step as f64
                }
            })
            .collect()
    }
}

/// A target's slot among the shared parameters.
fn target_slot(t: Target) -> usize {
    match t {
        Target::Level(l) => Level::ALL.iter().position(|&x| x == l).unwrap_or(0),
        Target::Track(Track::Ic) => 8,
        Target::Track(Track::Manager) => 9,
        Target::Specialization(s) => {
            10 + crate::Specialization::ALL
                .iter()
                .position(|&x| x == s)
                .unwrap_or(0)
        }
    }
}
const SLOTS: usize = 18;

/// Learns log-scales for every entry from `train`: each entry's is a part shared by every entry
/// of its target plus a part of its own.
fn train(train: &[&Example], index: &TermIndex, settings: &Settings) -> Vec<f64> {
    let entries = index.entries.len();
    let bounds = bounds(index);
    let slot: Vec<usize> = index
        .entries
        .iter()
        // Bands share among themselves, apart from the phrases for the same target.
        .map(|e| target_slot(e.supports) + if e.years.is_some() { SLOTS } else { 0 })
        .collect();
    let mut per_level: BTreeMap<Level, usize> = BTreeMap::new();
    for ex in train {
        *per_level.entry(ex.reference).or_default() += 1;
    }
    let class_weight = |l: Level| {
        let n = per_level.get(&l).copied().unwrap_or(1) as f64;
        (train.len() as f64 / (per_level.len() as f64 * n)).min(MAX_CLASS_WEIGHT)
    };

    let mut shared = Averaged::new(2 * SLOTS);
    let mut own = Averaged::new(entries);
    let mut step = 0u64;
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Lcg(0x5eed);
    let mut theta = vec![0.0f64; entries];
    for _ in 0..EPOCHS {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.next(i + 1));
        }
        for &i in &order {
            let ex = train[i];
            for &(entry, _, _, _) in &ex.adjustable {
                let e = entry as usize;
                theta[e] = (shared.value[slot[e]] + own.value[e]).clamp(bounds[e].0, bounds[e].1);
            }
            let got = ex.predict(&theta, settings);
            if got != Some(ex.reference) {
                let rate = LEARNING_RATE * class_weight(ex.reference);
                for &(entry, target, _, _) in &ex.adjustable {
                    let d = direction(target, ex.reference, got);
                    if d != 0.0 {
                        let e = entry as usize;
                        own.add(e, rate * OWN_SHARE * d, step);
                        shared.add(slot[e], rate * d, step);
                    }
                }
            }
            step += 1;
        }
    }
    let shared = shared.average(step);
    own.average(step)
        .into_iter()
        .enumerate()
        .map(|(e, o)| (shared[slot[e]] + o).clamp(bounds[e].0, bounds[e].1))
        .collect()
}

/// The weights an overlay would hold: rounded to two decimals, and left at the default where
/// the change is small.
fn rounded_weights(log_scale: &[f64], index: &TermIndex) -> Vec<f64> {
    index
        .entries
        .iter()
        .zip(log_scale)
        .map(|(e, s)| {
            let new = ((e.weight * s.exp()) * 100.0).round() / 100.0;
            let new = new.clamp(0.01, MAX_WEIGHT);
            if (new - e.weight).abs() < MIN_CHANGE * e.weight {
                e.weight
            } else {
                new
            }
        })
        .collect()
}

fn log_scales(weights: &[f64], index: &TermIndex) -> Vec<f64> {
    weights
        .iter()
        .zip(&index.entries)
        .map(|(w, e)| (w / e.weight).ln())
        .collect()
}

/// What a fit did, with the figures to judge it by.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitReport {
    /// Postings with a reference level, all used.
    pub postings: u64,
    /// How many folds the postings were split into for the held-out figures (at least 2).
    pub folds: usize,
    /// The default lexicon on every posting.
    pub before: Agreement,
    /// Every posting read with the weights fitted on the other folds: the gain to expect on
    /// postings the fit has not seen.
    pub held_out: Agreement,
    /// Every posting read with the weights fitted on all of them (what the overlay holds): an
    /// upper bound, for comparison with `held_out`.
    pub fitted: Agreement,
    /// Each changed entry, largest change first.
    pub changes: Vec<WeightChange>,
    /// With labels: titles learned as aliases of the level most of their postings carry, and
    /// how titles agree with labels before and after; `null` without labels.
    pub aliases: Option<AliasReport>,
}

/// One entry whose weight the fit changed: a signal (its terms) or a years band (its range).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightChange {
    /// The signal's terms; empty for a years band.
    pub terms: Vec<String>,
    /// A band's years, `min-max`; `null` for a signal.
    pub years: Option<String>,
    /// What the entry supports, e.g. `level:senior`.
    pub supports: String,
    /// The seed reference the entry cites.
    pub source: String,
    /// The weight before the fit.
    pub from: f64,
    /// The fitted weight, written to the overlay.
    pub to: f64,
}

/// A fit: its report and the overlay file to write: each changed signal entry whole (all its
/// terms, so the overlay replaces it exactly), and every band when any band changed (an
/// overlay's bands replace the default's).
#[derive(Debug, Clone)]
pub struct Fit {
    /// What the fit did, for the user to judge.
    pub report: FitReport,
    /// The lexicon overlay holding the fitted weights, to be written as a file.
    pub overlay: LexiconFile,
}

fn agreement<'a>(examples: impl Iterator<Item = (&'a Example, Option<Level>)>) -> Agreement {
    let mut c = Confusion::default();
    for (ex, got) in examples {
        c.add(Some(ex.reference), got);
    }
    c.agreement()
}

/// Fits entry weights to `examples`, reporting agreement before, held out over `folds` folds,
/// and after; with labelled `titles`, learns title aliases too. `engine` is the one the examples
/// were read with: its lexicon's entries are fitted, under its settings.
pub fn fit(
    examples: &[Example],
    titles: &[TitleExample],
    engine: &Engine,
    folds: usize,
) -> Result<Fit, String> {
    let (lexicon, settings) = (engine.source_lexicon(), engine.settings());
    let index = &TermIndex::new(lexicon);
    if folds < 2 {
        return Err(format!("--folds must be at least 2, not {folds}"));
    }
    if examples.len() < folds {
        return Err(format!(
            "fitting needs at least {folds} postings with a reference level (one per fold); found {}",
            examples.len()
        ));
    }
    let zero = vec![0.0; index.entries.len()];
    let before = agreement(examples.iter().map(|ex| (ex, ex.predict(&zero, settings))));

    // Stratified folds: postings sorted by reference level (then input order) are dealt out in
    // turn, so every fold has its share of every level.
    let mut by_level: Vec<usize> = (0..examples.len()).collect();
    by_level.sort_by_key(|&i| (examples[i].reference, i));
    let mut fold_of = vec![0usize; examples.len()];
    for (turn, &i) in by_level.iter().enumerate() {
        fold_of[i] = turn % folds;
    }
    let mut held_out_reading: Vec<Option<Level>> = vec![None; examples.len()];
    for fold in 0..folds {
        let training: Vec<&Example> = examples
            .iter()
            .zip(&fold_of)
            .filter(|(_, &f)| f != fold)
            .map(|(ex, _)| ex)
            .collect();
        let scales = log_scales(
            &rounded_weights(&train(&training, index, settings), index),
            index,
        );
        for (i, ex) in examples.iter().enumerate() {
            if fold_of[i] == fold {
                held_out_reading[i] = ex.predict(&scales, settings);
            }
        }
    }
    let held_out = agreement(examples.iter().zip(held_out_reading));

    let all: Vec<&Example> = examples.iter().collect();
    let weights = rounded_weights(&train(&all, index, settings), index);
    let scales = log_scales(&weights, index);
    let fitted = agreement(
        examples
            .iter()
            .map(|ex| (ex, ex.predict(&scales, settings))),
    );

    let mut changes = Vec::new();
    let mut signals = Vec::new();
    for (entry, &to) in index.entries.iter().zip(&weights) {
        if to == entry.weight {
            continue;
        }
        changes.push(WeightChange {
            terms: entry.terms.clone(),
            years: entry.years.map(|(min, max)| format!("{min}-{max}")),
            supports: entry.supports.to_string(),
            source: entry.source.clone(),
            from: entry.weight,
            to,
        });
        if entry.years.is_none() {
            signals.push(SignalEntry {
                terms: entry.terms.clone(),
                supports: entry.supports,
                weight: to,
                source: entry.source.clone(),
            });
        }
    }
    // An overlay's bands replace all of the base's, so when one changes, all are written.
    let bands_changed = index
        .entries
        .iter()
        .zip(&weights)
        .any(|(e, &w)| e.years.is_some() && w != e.weight);
    let experience = if bands_changed {
        index
            .entries
            .iter()
            .zip(&weights)
            .filter_map(|(e, &weight)| {
                let (min_years, max_years) = e.years?;
                Some(ExperienceBand {
                    min_years,
                    max_years,
                    managing: e.managing,
                    supports: e.supports,
                    weight,
                    source: e.source.clone(),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    changes.sort_by(|a, b| {
        let change = |c: &WeightChange| (c.to / c.from).ln().abs();
        change(b)
            .total_cmp(&change(a))
            .then_with(|| a.terms.cmp(&b.terms))
    });
    let (aliases, title_entries) = if titles.is_empty() {
        (None, Vec::new())
    } else {
        let (report, entries) = learn_aliases(titles, lexicon, folds);
        (Some(report), entries)
    };
    Ok(Fit {
        report: FitReport {
            postings: examples.len() as u64,
            folds,
            before,
            held_out,
            fitted,
            changes,
            aliases,
        },
        overlay: LexiconFile {
            signals,
            titles: title_entries,
            experience,
            ..LexiconFile::default()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::*;

    #[test]
    fn directions_pull_toward_the_reference() {
        // Read pm, should be senior: senior evidence up, pm evidence down, director untouched.
        assert_eq!(direction(Target::Level(Senior), Senior, Some(Pm)), 1.0);
        assert_eq!(direction(Target::Level(Pm), Senior, Some(Pm)), -1.0);
        assert_eq!(direction(Target::Level(Associate), Senior, Some(Pm)), -1.0);
        assert_eq!(direction(Target::Level(Director), Senior, Some(Pm)), 0.0);
        // Read director, should be pm.
        assert_eq!(direction(Target::Level(Senior), Pm, Some(Director)), 1.0);
        assert_eq!(direction(Target::Level(Vp), Pm, Some(Director)), -1.0);
        assert_eq!(direction(Target::Level(Associate), Pm, Some(Director)), 0.0);
        // Principal read as group: a track question.
        assert_eq!(
            direction(Target::Level(Principal), Principal, Some(Group)),
            0.0
        );
        assert_eq!(
            direction(Target::Track(Track::Manager), Principal, Some(Group)),
            -1.0
        );
        assert_eq!(
            direction(Target::Track(Track::Ic), Principal, Some(Group)),
            1.0
        );
        assert_eq!(
            direction(Target::Track(Track::Manager), Director, Some(Senior)),
            1.0
        );
        assert_eq!(
            direction(
                Target::Specialization(crate::Specialization::Data),
                Pm,
                None
            ),
            0.0
        );
    }
}
