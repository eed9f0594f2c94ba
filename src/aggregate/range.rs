//! One histogram's range and tails.

/// Range and tails of one histogram; its bins live in the accumulator's `bins`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Range {
    pub(super) lo: f64,
    pub(super) bins_per_mnkr: f64,
    pub(super) min: f64,
    pub(super) max: f64,
    pub(super) below: u32,
    pub(super) above: u32,
    /// Values of exactly 0 (a unit untouched in a year, a flow that did not happen): kept as
    /// an atom so that a median of 0 reads 0, not a point inside the bin around it. Most
    /// values are 0, so they touch neither `min` and `max` ([`Range::span`] takes them in) nor
    /// a sum.
    pub(super) zeros: u32,
}

impl Range {
    /// The smallest and largest value seen, 0 included when a zero was counted.
    pub(super) fn span(&self) -> (f64, f64) {
        if self.zeros > 0 {
            (self.min.min(0.0), self.max.max(0.0))
        } else {
            (self.min, self.max)
        }
    }

    pub(super) fn empty() -> Range {
        Range {
            lo: 0.0,
            bins_per_mnkr: 0.0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            below: 0,
            above: 0,
            zeros: 0,
        }
    }
}
