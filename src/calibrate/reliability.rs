//! Whether the engine's `confidence` can be trusted: postings binned by confidence, each bin's
//! mean confidence against how often its implied level really equals the reference level, and
//! the expected calibration error (ECE), the bin-size-weighted mean gap between the two.

use serde::Serialize;

/// Ten bins of width 0.1; a confidence of exactly 1 falls in the last.
const BINS: usize = 10;

/// Collects (confidence, agreed) pairs.
#[derive(Debug, Clone, Default)]
pub struct ReliabilityCounter {
    postings: [u64; BINS],
    agreed: [u64; BINS],
    confidence: [f64; BINS],
}

impl ReliabilityCounter {
    /// Counts one posting: the engine's `confidence` (clamped to 0..=1) and whether its implied
    /// level equals the reference level.
    pub fn add(&mut self, confidence: f64, agreed: bool) {
        let bin = ((confidence.clamp(0.0, 1.0) * BINS as f64) as usize).min(BINS - 1);
        self.postings[bin] += 1;
        self.agreed[bin] += u64::from(agreed);
        self.confidence[bin] += confidence;
    }

    /// The table of the postings counted so far.
    pub fn finish(&self) -> Reliability {
        let total: u64 = self.postings.iter().sum();
        let bins: Vec<Bin> = (0..BINS)
            .filter(|&b| self.postings[b] > 0)
            .map(|b| {
                let n = self.postings[b] as f64;
                Bin {
                    lower: b as f64 / BINS as f64,
                    upper: (b + 1) as f64 / BINS as f64,
                    postings: self.postings[b],
                    mean_confidence: self.confidence[b] / n,
                    agreement: self.agreed[b] as f64 / n,
                }
            })
            .collect();
        let ece = (total > 0).then(|| {
            bins.iter()
                .map(|b| (b.agreement - b.mean_confidence).abs() * b.postings as f64)
                .sum::<f64>()
                / total as f64
        });
        Reliability {
            postings: total,
            bins,
            expected_calibration_error: ece,
        }
    }
}

/// The reliability table. Only postings with both a reference level and an implied level count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reliability {
    /// Postings counted: those with both a reference level and an implied level.
    pub postings: u64,
    /// The non-empty bins, lowest first.
    pub bins: Vec<Bin>,
    /// Sum over bins of |agreement - mean confidence| weighted by the bin's share of postings;
    /// `null` with no postings.
    pub expected_calibration_error: Option<f64>,
}

/// One confidence bin, `[lower, upper)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bin {
    /// The bin's lowest confidence (inclusive).
    pub lower: f64,
    /// The bin's highest confidence (exclusive, except 1 in the last bin).
    pub upper: f64,
    /// Postings whose confidence falls in the bin.
    pub postings: u64,
    /// The mean confidence of those postings.
    pub mean_confidence: f64,
    /// Share of the bin's postings whose implied level equals the reference level.
    pub agreement: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ece_is_the_weighted_gap_between_confidence_and_agreement() {
        let mut r = ReliabilityCounter::default();
        // Bin [0.2, 0.3): confidence 0.25, 1 of 4 agree: gap 0.
        for agreed in [true, false, false, false] {
            r.add(0.25, agreed);
        }
        // Bin [0.9, 1.0]: confidence 0.9 and 1.0 (mean 0.95), both wrong: gap 0.95.
        r.add(0.9, false);
        r.add(1.0, false);
        let rel = r.finish();
        assert_eq!(rel.postings, 6);
        assert_eq!(rel.bins.len(), 2);
        assert_eq!(rel.bins[0].postings, 4);
        assert_eq!(rel.bins[0].agreement, 0.25);
        assert_eq!(rel.bins[1].lower, 0.9);
        let ece = rel.expected_calibration_error.unwrap();
        assert!((ece - 0.95 * 2.0 / 6.0).abs() < 1e-12, "{ece}");
    }

    #[test]
    fn no_postings_no_error_figure() {
        let rel = ReliabilityCounter::default().finish();
        assert_eq!(rel.expected_calibration_error, None);
        assert!(rel.bins.is_empty());
    }
}
