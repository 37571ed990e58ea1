//! From evidence to a verdict: scores for every level and specialization, then the implied level
//! (an ordinal decision), track, primary specialization and a confidence.
//!
//! The ladder is ordinal, so the implied rank is the weighted median of the evidence over ranks,
//! with a small prior at `pm` (the level of a posting that asks for nothing in particular). The
//! median minimizes the expected distance in ranks, which is what "how far off" means, and it
//! is not dragged by a few stray phrases of a distant level the way a mean is. People-management
//! evidence says "at least a group PM" and counts at rank 4; the track then decides between the
//! two rank-4 levels, `principal` (IC) and `group` (manager).

use crate::domain::{Level, Specialization, Target, Track};
use crate::matcher::{Found, Origin};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The classifier's tunable constants.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Evidence mass at `pm` that every posting starts with.
    pub pm_prior: f64,
    /// Below this much evidence of any kind the implied level is unknown (`low-evidence`). A body
    /// with product work in it but no seniority signal reads as `pm`, through the prior.
    pub min_evidence: f64,
    /// How much one unit of people-management evidence counts toward ranks 4 and up.
    pub manager_rank_factor: f64,
    /// People-management evidence at which a body reads as manager track, even below rank 4.
    pub strong_manager_evidence: f64,
    /// A specialization other than `core` is primary only with at least this much evidence.
    pub min_specialization_evidence: f64,
    /// Confidence at or above which a one-rank level mismatch is worth a warning.
    pub confident: f64,
    /// Net people-management evidence at which an IC title is a track mismatch.
    pub track_mismatch_evidence: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            pm_prior: 0.5,
            min_evidence: 1.0,
            manager_rank_factor: 0.75,
            strong_manager_evidence: 3.0,
            min_specialization_evidence: 2.0,
            // A level share of one half after recalibration (see `confidence`).
            confident: 0.574,
            track_mismatch_evidence: 2.0,
        }
    }
}

/// Evidence totals by what they support.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Totals {
    /// Level evidence from phrases, patterns, frames and years as a manager (which say how high
    /// a manager, as a phrase does).
    pub levels: BTreeMap<Level, f64>,
    /// Level evidence from years of experience, kept apart: years break ties between
    /// neighbouring ranks and never decide alone.
    pub years: BTreeMap<Level, f64>,
    /// People-management evidence (`track:manager`), summed weight.
    pub manager: f64,
    /// Explicit individual-contributor evidence (`track:ic`), summed weight.
    pub ic: f64,
    /// Specialization evidence, summed weight per specialization.
    pub specializations: BTreeMap<Specialization, f64>,
    /// The distinct lexicon entries behind the level evidence, with their rank; people-management
    /// entries count at every rank from 4 up.
    pub entries: BTreeSet<(u8, Origin)>,
    /// The people-management entries among them.
    pub manager_entries: BTreeSet<Origin>,
}

impl Totals {
    /// Sums the weights of `evidence` by what each piece supports.
    pub fn new(evidence: &[Found]) -> Totals {
        let mut t = Totals::default();
        for e in evidence {
            t.add(e.supports, e.origin, e.weight);
        }
        t
    }

    /// Adds `weight` of evidence for `supports` from a lexicon entry of kind `origin`.
    pub fn add(&mut self, supports: Target, origin: Origin, weight: f64) {
        match supports {
            Target::Level(l) if matches!(origin, Origin::Years(_)) => {
                *self.years.entry(l).or_default() += weight;
                self.entries.insert((l.rank(), origin));
            }
            Target::Level(l) => {
                *self.levels.entry(l).or_default() += weight;
                self.entries.insert((l.rank(), origin));
            }
            Target::Track(Track::Manager) => {
                self.manager += weight;
                self.entries.extend((4..=7).map(|r| (r, origin)));
                self.manager_entries.insert(origin);
            }
            Target::Track(Track::Ic) => self.ic += weight,
            Target::Specialization(s) => *self.specializations.entry(s).or_default() += weight,
        }
    }

    /// How many distinct entries support ranks within one of `rank`.
    fn entries_near(&self, rank: u8) -> usize {
        self.distinct_entries_near(rank, |_| true)
    }

    /// How many distinct phrase entries (neither years nor people management) support ranks
    /// within one of `rank`.
    fn phrase_entries_near(&self, rank: u8) -> usize {
        self.distinct_entries_near(rank, |o| {
            !matches!(o, Origin::Years(_)) && !self.manager_entries.contains(o)
        })
    }

    fn distinct_entries_near(&self, rank: u8, counts: impl Fn(&Origin) -> bool) -> usize {
        let mut near: Vec<Origin> = self
            .entries
            .iter()
            .filter(|(r, o)| r.abs_diff(rank) <= 1 && counts(o))
            .map(|&(_, o)| o)
            .collect();
        near.sort_unstable();
        near.dedup();
        near.len()
    }

    /// People-management evidence net of explicit IC evidence.
    pub fn net_manager(&self) -> f64 {
        self.manager - self.ic
    }
}

/// What the body implies. DOMAIN.md's `implied` object.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Implied {
    /// The implied level; `null` when the body has too little evidence (below `min_evidence`),
    /// as a body in another language than English has.
    pub level: Option<Level>,
    /// The implied level's track; `null` exactly when `level` is.
    pub track: Option<Track>,
    /// The primary specialization, `core` when none stands out; `null` exactly when `level` is.
    pub specialization: Option<Specialization>,
    /// How sure the level is, from 0 to 1.
    pub confidence: f64,
    /// Each level's share of the evidence, summing to 1 (all 0 when there is none).
    pub level_scores: BTreeMap<Level, f64>,
    /// Each specialization's share of the evidence, summing to 1 (all 0 when there is none).
    pub specialization_scores: BTreeMap<Specialization, f64>,
}

/// `x` to three decimals, as scores and weights are reported.
pub(crate) fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn shares<K: Ord + Copy>(keys: &[K], mass: impl Fn(K) -> f64) -> BTreeMap<K, f64> {
    let total: f64 = keys.iter().map(|&k| mass(k)).sum();
    keys.iter()
        .map(|&k| {
            (
                k,
                if total > 0.0 {
                    round(mass(k) / total)
                } else {
                    0.0
                },
            )
        })
        .collect()
}

/// How much years of experience may add at a rank, per unit of phrase evidence there: enough
/// that "0-2 years" with one junior phrase reads as associate, never a band on its own.
const YEARS_PER_PHRASE: f64 = 2.0;

/// The rank the weighted median of `by_rank` (ranks 1..=7) falls in.
fn median_rank(by_rank: &[f64; 8]) -> u8 {
    let half = by_rank.iter().sum::<f64>() / 2.0;
    let mut cumulative = 0.0;
    for (r, mass) in by_rank.iter().enumerate().skip(1) {
        cumulative += mass;
        if cumulative >= half {
            // Exactly half the mass at or below `r`: every point up to the next rank with mass
            // is a median, and the heavier of the two is the reading.
            if cumulative - half < 1e-9 {
                if let Some(next) = (r + 1..8).find(|&n| by_rank[n] > 0.0) {
                    if by_rank[next] > by_rank[r] {
                        return next as u8;
                    }
                }
            }
            return r as u8;
        }
    }
    1
}

/// Classifies from evidence totals.
pub fn classify(totals: &Totals, settings: &Settings) -> Implied {
    let level_mass = |l: Level| totals.levels.get(&l).copied().unwrap_or(0.0);
    let manager_mass = totals.net_manager().max(0.0) * settings.manager_rank_factor;
    let specialization_mass: f64 = totals.specializations.values().sum();
    let level_evidence: f64 = Level::ALL.iter().map(|&l| level_mass(l)).sum();
    let years_evidence: f64 = totals.years.values().sum();
    let evidence =
        level_evidence + years_evidence + totals.manager + totals.ic + specialization_mass;

    // Mass by rank 1..=7 from phrases and patterns. People management says "at least a group
    // PM": it is spread over ranks 4 and up in proportion to the manager-track evidence already
    // there (group, director, vp, cpo), so that it strengthens a director reading instead of
    // pulling it down to rank 4. Principal phrases say how senior an IC is, not how high a
    // manager sits: they count at rank 4 but do not draw the management evidence there.
    let mut own = [0.0f64; 8];
    let mut manager_track = [0.0f64; 8];
    for l in Level::ALL {
        own[l.rank() as usize] += level_mass(l);
        if l.track() == Track::Manager {
            manager_track[l.rank() as usize] += level_mass(l);
        }
    }
    // People management says nothing about which rank above group: a rank above 4 draws it only
    // with two phrase entries of its own within one rank. Otherwise one stray phrase of a
    // company pitch (a CPO term) would carry all of an engineering manager's management evidence
    // to chief product officer: the management entries, counted at every rank from 4, would pass
    // the two-entry check below for it.
    for (r, mass) in manager_track.iter_mut().enumerate().skip(5) {
        if totals.phrase_entries_near(r as u8) < 2 {
            *mass = 0.0;
        }
    }
    let upper: f64 = manager_track[4..].iter().sum();
    let mut manager_share = [0.0f64; 8];
    for (r, share) in manager_share.iter_mut().enumerate().skip(4) {
        *share = if upper > 0.0 {
            manager_mass * manager_track[r] / upper
        } else if r == 4 {
            manager_mass
        } else {
            0.0
        };
    }
    for (r, share) in manager_share.iter().enumerate() {
        own[r] += share;
    }
    let pm = Level::Pm.rank() as usize;
    let mut by_rank = own;
    by_rank[pm] += settings.pm_prior;

    // Years break ties between neighbouring ranks; they never decide alone. They count only
    // within one rank of the reading without them, and at most twice as much as the phrases at
    // their rank (the prior included at pm), so a band with nothing else behind it adds nothing.
    let before_years = median_rank(&by_rank);
    let mut years_by_rank = [0.0f64; 8];
    for (&l, &mass) in &totals.years {
        let r = l.rank() as usize;
        if r.abs_diff(before_years as usize) <= 1 {
            years_by_rank[r] += mass;
        }
    }
    for (r, years) in years_by_rank.iter_mut().enumerate() {
        *years = years.min(YEARS_PER_PHRASE * by_rank[r]);
        by_rank[r] += *years;
    }

    let specialization_scores = shares(&Specialization::ALL, |s| {
        totals.specializations.get(&s).copied().unwrap_or(0.0)
    });
    // Each level's share; at rank 4 the people-management share goes to group, and the years
    // that counted at a rank go to its level on the track the years band names.
    let years_counted = |l: Level| {
        let r = l.rank() as usize;
        let at_rank: f64 = Level::ALL
            .iter()
            .filter(|o| o.rank() as usize == r)
            .map(|o| totals.years.get(o).copied().unwrap_or(0.0))
            .sum();
        if at_rank > 0.0 {
            years_by_rank[r] * totals.years.get(&l).copied().unwrap_or(0.0) / at_rank
        } else {
            0.0
        }
    };
    let level_scores = shares(&Level::ALL, |l| {
        let prior = if l == Level::Pm {
            settings.pm_prior
        } else {
            0.0
        };
        let manager = match l.rank() {
            4 if l == Level::Group => manager_share[4],
            r if r > 4 => manager_share[r as usize],
            _ => 0.0,
        };
        level_mass(l) + prior + manager + years_counted(l)
    });

    if evidence < settings.min_evidence {
        return Implied {
            level: None,
            track: None,
            specialization: None,
            confidence: 0.0,
            level_scores,
            specialization_scores,
        };
    }

    // A reading needs two independent pieces of evidence (different entries) at its rank or a
    // neighbour: one stray phrase does not move a posting off `pm`, where the prior stands. A
    // rank without them gives up its mass and the median is taken again.
    let mut rank = median_rank(&by_rank);
    while rank as usize != pm && totals.entries_near(rank) < 2 {
        by_rank[rank as usize] = 0.0;
        rank = median_rank(&by_rank);
    }
    // The median can fall between readings, on a rank nothing supports (pm phrases and one
    // director phrase): the verdict is then the nearest rank with evidence of its own, the
    // stronger of the two when both sides are as near.
    if by_rank[rank as usize] == 0.0 {
        let r = rank as usize;
        let below = (1..r).rev().find(|&b| by_rank[b] > 0.0);
        let above = (r + 1..8).find(|&a| by_rank[a] > 0.0);
        rank = match (below, above) {
            (Some(b), Some(a)) if a - r < r - b => a,
            (Some(b), Some(a)) if a - r == r - b && by_rank[a] > by_rank[b] => a,
            (Some(b), _) => b,
            (None, Some(a)) => a,
            (None, None) => r,
        } as u8;
    }

    let net_manager = totals.net_manager();
    if rank < 4 && net_manager >= settings.strong_manager_evidence {
        rank = 4;
    }
    let track = if rank >= 5 || (rank == 4 && net_manager > 0.0 && totals.manager >= 1.0) {
        Track::Manager
    } else {
        Track::Ic
    };
    let level = Level::from_rank(rank, track).expect("rank is 1..=7");

    let confidence = round(confidence(level_scores[&level]));

    Implied {
        level: Some(level),
        track: Some(track),
        specialization: Some(primary_specialization(totals, settings)),
        confidence,
        level_scores,
        specialization_scores,
    }
}

/// How sure the implied level is, as a probability that it is right.
///
/// The raw score is the implied level's share of the evidence (the prior and counted years
/// included). It is recalibrated by Platt scaling, `sigmoid(A + B * logit(share))`, with A and B
/// fitted by maximum likelihood against the titles of the development set (200 postings:
/// expected calibration error 0.02; postings above 0.8 agree with their titles 89% of the time,
/// those near 0.5 about half the time). The map is monotone: it changes what the number says,
/// not how postings are ordered by it. (The share of the chosen rank with its neighbours, shrunk
/// by the amount of evidence, carried no information once years and single phrases stopped
/// deciding alone: its fitted slope was negative.)
fn confidence(share: f64) -> f64 {
    const A: f64 = 0.29;
    const B: f64 = 0.29;
    let raw = share.clamp(1e-3, 1.0 - 1e-3);
    let logit = (raw / (1.0 - raw)).ln();
    1.0 / (1.0 + (-(A + B * logit)).exp())
}

/// The specialization with the most evidence, or `core` when none stands out.
fn primary_specialization(totals: &Totals, settings: &Settings) -> Specialization {
    let core = totals
        .specializations
        .get(&Specialization::Core)
        .copied()
        .unwrap_or(0.0);
    totals
        .specializations
        .iter()
        .filter(|(&s, &m)| {
            s != Specialization::Core && m >= settings.min_specialization_evidence && m > core
        })
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map_or(Specialization::Core, |(&s, _)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Totals where each level's and the manager track's evidence comes from two entries.
    fn totals(levels: &[(Level, f64)], manager: f64, ic: f64) -> Totals {
        let mut t = Totals::default();
        let mut entry = 0;
        let mut add = |t: &mut Totals, target: Target, weight: f64| {
            for _ in 0..2 {
                t.add(target, Origin::Signal(entry), weight / 2.0);
                entry += 1;
            }
        };
        for &(l, w) in levels {
            add(&mut t, Target::Level(l), w);
        }
        if manager > 0.0 {
            add(&mut t, Target::Track(Track::Manager), manager);
        }
        if ic > 0.0 {
            add(&mut t, Target::Track(Track::Ic), ic);
        }
        t
    }

    #[test]
    fn years_alone_do_not_decide() {
        let mut t = totals(&[(Level::Pm, 1.0)], 0.0, 0.0);
        t.add(Target::Level(Level::Senior), Origin::Years(0), 2.0);
        assert_eq!(level(&t), Some(Level::Pm));
        // With a senior phrase behind them, they break the tie.
        t.add(Target::Level(Level::Senior), Origin::Signal(90), 1.0);
        assert_eq!(level(&t), Some(Level::Senior));
        // Years far from the reading without them count for nothing.
        let mut far = totals(&[(Level::Pm, 2.0)], 0.0, 0.0);
        far.add(Target::Level(Level::Vp), Origin::Years(1), 2.0);
        far.add(Target::Level(Level::Vp), Origin::Signal(91), 0.5);
        assert_eq!(level(&far), Some(Level::Pm));
    }

    #[test]
    fn one_stray_phrase_does_not_move_a_posting_off_pm() {
        let mut t = Totals::default();
        t.add(Target::Level(Level::Pm), Origin::Signal(0), 0.5);
        t.add(Target::Level(Level::Vp), Origin::Signal(1), 2.0);
        assert_eq!(level(&t), Some(Level::Pm));
        t.add(Target::Level(Level::Vp), Origin::Signal(2), 2.0);
        assert_eq!(level(&t), Some(Level::Vp));
    }

    #[test]
    fn the_reading_is_a_rank_with_evidence_of_its_own() {
        // pm and director evidence of about equal mass: the median falls on senior, which
        // nothing supports.
        let t = totals(&[(Level::Pm, 2.5), (Level::Director, 3.0)], 0.0, 0.0);
        assert_ne!(level(&t), Some(Level::Senior));
        assert_ne!(level(&t), Some(Level::Principal));
    }

    #[test]
    fn a_median_on_the_boundary_of_two_ranks_reads_as_the_heavier() {
        // A principal's body: coaching others, one mentoring phrase, one junior phrase. With the
        // prior, half the mass lies at senior and below, and principal holds the most.
        let mut t = Totals::default();
        t.add(Target::Level(Level::Principal), Origin::Signal(0), 1.5);
        t.add(Target::Level(Level::Senior), Origin::Signal(1), 0.5);
        t.add(Target::Level(Level::Associate), Origin::Signal(2), 0.5);
        assert_eq!(level(&t), Some(Level::Principal));
        // Just past the boundary, the median is senior's again.
        t.add(Target::Level(Level::Senior), Origin::Signal(3), 0.1);
        assert_eq!(level(&t), Some(Level::Senior));
    }

    fn level(t: &Totals) -> Option<Level> {
        classify(t, &Settings::default()).level
    }

    #[test]
    fn too_little_evidence_is_unknown() {
        assert_eq!(level(&totals(&[(Level::Senior, 0.5)], 0.0, 0.0)), None);
        assert_eq!(level(&totals(&[], 0.0, 0.0)), None);
    }

    #[test]
    fn the_median_is_not_dragged_by_a_distant_stray_phrase() {
        let t = totals(
            &[(Level::Senior, 4.0), (Level::Pm, 1.0), (Level::Cpo, 2.0)],
            0.0,
            0.0,
        );
        assert_eq!(level(&t), Some(Level::Senior));
    }

    #[test]
    fn people_management_picks_group_over_principal() {
        let ic = totals(&[(Level::Principal, 4.0)], 0.0, 1.0);
        assert_eq!(level(&ic), Some(Level::Principal));
        let manager = totals(&[(Level::Principal, 4.0)], 2.0, 0.0);
        assert_eq!(level(&manager), Some(Level::Group));
    }

    #[test]
    fn principal_phrases_do_not_draw_people_management_down_to_rank_4() {
        // A senior director's body: a little principal and director evidence, and people
        // management. The management belongs with the manager-track reading, director.
        let t = totals(&[(Level::Principal, 0.5), (Level::Director, 0.5)], 2.0, 0.0);
        assert_eq!(level(&t), Some(Level::Director));
        // With no manager-track phrase at all, people management still says group.
        let t = totals(&[(Level::Principal, 0.5)], 2.0, 0.0);
        assert_eq!(level(&t), Some(Level::Group));
    }

    #[test]
    fn one_stray_upper_phrase_does_not_carry_people_management_to_its_rank() {
        // An engineering manager's body: management, senior years and one CPO phrase from the
        // company pitch.
        let mut t = totals(&[(Level::Senior, 0.5)], 6.0, 0.0);
        t.add(Target::Level(Level::Senior), Origin::Years(0), 2.0);
        t.add(Target::Level(Level::Cpo), Origin::Signal(90), 0.4);
        assert_eq!(level(&t), Some(Level::Group));
        // A second CPO entry is agreement: the management goes with it.
        t.add(Target::Level(Level::Cpo), Origin::Signal(91), 0.4);
        assert_eq!(level(&t), Some(Level::Cpo));
    }

    #[test]
    fn strong_people_management_lifts_a_lower_reading_to_group() {
        let t = totals(&[(Level::Senior, 3.0)], 4.0, 0.0);
        assert_eq!(level(&t), Some(Level::Group));
        let negated = totals(&[(Level::Senior, 3.0)], 4.0, 4.0);
        assert_eq!(level(&negated), Some(Level::Senior));
    }

    #[test]
    fn scores_are_shares_that_sum_to_one() {
        let implied = classify(
            &totals(&[(Level::Senior, 3.0), (Level::Director, 1.0)], 0.0, 0.0),
            &Settings::default(),
        );
        let sum: f64 = implied.level_scores.values().sum();
        assert!((sum - 1.0).abs() < 0.01, "{sum}");
        assert!(implied.confidence > 0.0 && implied.confidence <= 1.0);
    }
}
