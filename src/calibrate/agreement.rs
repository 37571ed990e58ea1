//! The confusion table of a reference level (what a title claims, or a label people assigned)
//! against the level a body implies, and the agreement figures read off it.

use crate::domain::Level;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// Rows and columns: the eight levels in ladder order, then "no level" (a title that names no
/// level, a posting without a label, a body with too little evidence).
const SIZE: usize = Level::ALL.len() + 1;
const NONE: usize = Level::ALL.len();

/// The name of the "no level" row and column, and of a missing group value.
pub const NONE_NAME: &str = "(none)";

fn index(level: Option<Level>) -> usize {
    level.map_or(NONE, |l| {
        Level::ALL
            .iter()
            .position(|&x| x == l)
            .expect("ALL holds every level")
    })
}

/// Counts of postings by reference level (row) and compared level (column).
///
/// Serialized as `{"rows": [...], "columns": [...], "counts": [[...]], "row_percent": [[...]]}`:
/// rows and columns are the level ids then `"(none)"`; `row_percent` is each count as a percentage
/// of its row (0 in an empty row), rounded to one decimal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Confusion {
    counts: [[u64; SIZE]; SIZE],
}

impl Confusion {
    /// Counts one posting: its reference level (row) and the level it is compared with (column);
    /// `None` is the "no level" row or column.
    pub fn add(&mut self, reference: Option<Level>, compared: Option<Level>) {
        self.counts[index(reference)][index(compared)] += 1;
    }

    /// Adds every count of `other` to this table.
    pub fn merge(&mut self, other: &Confusion) {
        for (row, other_row) in self.counts.iter_mut().zip(&other.counts) {
            for (cell, other_cell) in row.iter_mut().zip(other_row) {
                *cell += other_cell;
            }
        }
    }

    /// Postings counted with this reference level and this compared level.
    pub fn count(&self, reference: Option<Level>, compared: Option<Level>) -> u64 {
        self.counts[index(reference)][index(compared)]
    }

    /// All postings counted.
    pub fn total(&self) -> u64 {
        self.counts.iter().flatten().sum()
    }

    /// Postings with this reference level, whatever they were compared with.
    pub fn row_total(&self, reference: Option<Level>) -> u64 {
        self.counts[index(reference)].iter().sum()
    }

    /// Postings compared as this level, whatever their reference.
    pub fn column_total(&self, compared: Option<Level>) -> u64 {
        self.counts.iter().map(|row| row[index(compared)]).sum()
    }

    /// The agreement figures of this table.
    pub fn agreement(&self) -> Agreement {
        let mut compared = 0u64;
        let (mut exact, mut within_one, mut track) = (0u64, 0u64, 0u64);
        let (mut both, mut signed) = (0u64, 0i64);
        let mut recalls = Vec::new();
        for (r, &reference) in Level::ALL.iter().enumerate() {
            let row = &self.counts[r];
            let row_total: u64 = row.iter().sum();
            if row_total == 0 {
                continue;
            }
            compared += row_total;
            for (c, &implied) in Level::ALL.iter().enumerate() {
                let n = row[c];
                let distance = i64::from(reference.rank()) - i64::from(implied.rank());
                exact += if r == c { n } else { 0 };
                within_one += if distance.abs() <= 1 { n } else { 0 };
                track += if reference.track() == implied.track() {
                    n
                } else {
                    0
                };
                both += n;
                signed += distance * n as i64;
            }
            recalls.push(row[r] as f64 / row_total as f64);
        }
        let share = |n: u64| (compared > 0).then(|| n as f64 / compared as f64);
        Agreement {
            postings: self.total(),
            compared,
            exact: share(exact),
            within_one: share(within_one),
            balanced: (!recalls.is_empty())
                .then(|| recalls.iter().sum::<f64>() / recalls.len() as f64),
            track: share(track),
            mean_signed_rank_difference: (both > 0).then(|| signed as f64 / both as f64),
        }
    }

    /// How many postings each level has as reference (`by_row`) or as compared level.
    pub fn mix(&self, by_row: bool) -> Vec<(Option<Level>, u64)> {
        Level::ALL
            .iter()
            .map(|&l| Some(l))
            .chain([None])
            .map(|l| {
                let n = if by_row {
                    self.row_total(l)
                } else {
                    self.column_total(l)
                };
                (l, n)
            })
            .collect()
    }
}

/// A level's id, or `(none)`.
pub fn level_name(level: Option<Level>) -> &'static str {
    level.map_or(NONE_NAME, Level::id)
}

impl Serialize for Confusion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let names: Vec<&str> = Level::ALL
            .iter()
            .map(|l| l.id())
            .chain([NONE_NAME])
            .collect();
        let percent: Vec<Vec<f64>> = self
            .counts
            .iter()
            .map(|row| {
                let total: u64 = row.iter().sum();
                row.iter()
                    .map(|&n| {
                        if total == 0 {
                            0.0
                        } else {
                            (n as f64 * 1000.0 / total as f64).round() / 10.0
                        }
                    })
                    .collect()
            })
            .collect();
        let mut st = s.serialize_struct("Confusion", 4)?;
        st.serialize_field("rows", &names)?;
        st.serialize_field("columns", &names)?;
        st.serialize_field("counts", &self.counts)?;
        st.serialize_field("row_percent", &percent)?;
        st.end()
    }
}

/// How well the compared levels agree with the reference levels. Shares are of the postings
/// with a reference level (`compared`); a compared level of `(none)` counts as disagreeing.
/// Every figure is `null` when no posting has a reference level.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Agreement {
    /// All postings in the table.
    pub postings: u64,
    /// Postings with a reference level.
    pub compared: u64,
    /// Share with the same level.
    pub exact: Option<f64>,
    /// Share at most one rank apart.
    pub within_one: Option<f64>,
    /// The mean over reference levels of each level's exact share (per-level recall), so that
    /// a common level does not drown out a rare one.
    pub balanced: Option<f64>,
    /// Share on the same track (IC or manager).
    pub track: Option<f64>,
    /// Mean of reference rank minus compared rank, over postings where both have a level:
    /// positive when titles (or labels) sit above what bodies ask for.
    pub mean_signed_rank_difference: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use Level::*;

    fn table(cells: &[(Option<Level>, Option<Level>, u64)]) -> Confusion {
        let mut c = Confusion::default();
        for &(r, i, n) in cells {
            for _ in 0..n {
                c.add(r, i);
            }
        }
        c
    }

    #[test]
    fn figures_match_a_hand_count() {
        // 10 postings with a reference: 4 pm read pm, 1 pm read senior, 3 senior read pm,
        // 1 senior read director, 1 principal read group; and 2 without a reference.
        let c = table(&[
            (Some(Pm), Some(Pm), 4),
            (Some(Pm), Some(Senior), 1),
            (Some(Senior), Some(Pm), 3),
            (Some(Senior), Some(Director), 1),
            (Some(Principal), Some(Group), 1),
            (None, Some(Pm), 2),
        ]);
        let a = c.agreement();
        assert_eq!(a.postings, 12);
        assert_eq!(a.compared, 10);
        assert_eq!(a.exact, Some(0.4));
        // 4 + 1 + 3 + 1 (principal/group: same rank) = 9.
        assert_eq!(a.within_one, Some(0.9));
        // pm 4/5, senior 0/4, principal 0/1.
        assert!((a.balanced.unwrap() - 0.8 / 3.0).abs() < 1e-12);
        // All but senior->director and principal->group stay on their track.
        assert_eq!(a.track, Some(0.8));
        // (0*4 - 1 + 3*1 - 2 + 0) / 10.
        assert_eq!(a.mean_signed_rank_difference, Some(0.0));
    }

    #[test]
    fn an_unreadable_body_counts_against_agreement_but_not_in_the_mean_difference() {
        let c = table(&[(Some(Senior), Some(Pm), 1), (Some(Senior), None, 1)]);
        let a = c.agreement();
        assert_eq!(a.exact, Some(0.0));
        assert_eq!(a.within_one, Some(0.5));
        assert_eq!(a.mean_signed_rank_difference, Some(1.0));
    }

    #[test]
    fn an_empty_table_has_no_figures() {
        let a = Confusion::default().agreement();
        assert_eq!(a.compared, 0);
        assert_eq!(a.exact, None);
        assert_eq!(a.balanced, None);
        assert_eq!(a.mean_signed_rank_difference, None);
        let only_unlabelled = table(&[(None, Some(Pm), 3)]).agreement();
        assert_eq!(only_unlabelled.postings, 3);
        assert_eq!(only_unlabelled.exact, None);
    }

    #[test]
    fn serializes_counts_and_row_percentages() {
        let c = table(&[(Some(Pm), Some(Pm), 2), (Some(Pm), Some(Senior), 1)]);
        let v = serde_json::to_value(c).unwrap();
        assert_eq!(v["rows"][1], "pm");
        assert_eq!(v["columns"][8], "(none)");
        assert_eq!(v["counts"][1][1], 2);
        assert_eq!(v["row_percent"][1][1], 66.7);
        assert_eq!(v["row_percent"][1][2], 33.3);
        assert_eq!(v["row_percent"][0][0], 0.0);
    }
}
