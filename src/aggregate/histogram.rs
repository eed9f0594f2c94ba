//! One quantity's distribution over paths as the aggregates hold it, read off as percentiles
//! and as the share of paths above or below a value.
//!
//! A histogram has 512 equal bins over the pilot's range widened by 10 % on each side, a tail
//! below and above it, and an atom of values of exactly 0. Within a bin (and a tail) values are
//! taken as spread evenly, so every answer is exact to within one bin: at a bin's edge the
//! share of paths above it is exact.

use super::range::Range;

/// Bins of every histogram.
pub(super) const BINS: usize = 512;

/// One quantity's histogram over all paths.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    pub(super) paths: u64,
    /// Where the bins lie, the tails and the zeros.
    pub(super) range: Range,
    /// `BINS` counts.
    pub(super) counts: Vec<u32>,
}

impl Histogram {
    /// The width of a bin, mnkr.
    pub fn bin_width(&self) -> f64 {
        1.0 / self.range.bins_per_mnkr
    }

    /// Smallest and largest value seen; `None` when no path added one.
    pub fn extent(&self) -> Option<(f64, f64)> {
        let (min, max) = self.range.span();
        (self.paths > 0 && min <= max).then_some((min, max))
    }

    /// The upper edge of the last bin.
    fn hi(&self) -> f64 {
        self.range.lo + BINS as f64 * self.bin_width()
    }

    /// The `q`-quantile (0..=1), values spread evenly within a bin.
    pub fn quantile(&self, q: f64) -> f64 {
        let Some((min, max)) = self.extent() else {
            return 0.0;
        };
        let width = self.bin_width();
        let hi = self.hi();
        // (lower edge, upper edge, count) of the tails and every bin, in order; the bucket
        // holding 0 is split around the atom of exact zeros.
        let mut buckets = Vec::with_capacity(BINS + 4);
        buckets.push((
            min.min(self.range.lo),
            self.range.lo,
            f64::from(self.range.below),
        ));
        buckets.extend(self.counts.iter().enumerate().map(|(i, &c)| {
            let lo = self.range.lo + i as f64 * width;
            (lo, lo + width, f64::from(c))
        }));
        buckets.push((hi, max.max(hi), f64::from(self.range.above)));
        if self.range.zeros > 0
            && let Some(i) = buckets
                .iter()
                .position(|&(lo, hi, _)| lo <= 0.0 && 0.0 <= hi)
        {
            let (lo, hi, count) = buckets[i];
            let below_zero = if hi > lo {
                count * -lo / (hi - lo)
            } else {
                0.0
            };
            let atom = (0.0, 0.0, f64::from(self.range.zeros));
            buckets.splice(
                i..=i,
                [(lo, 0.0, below_zero), atom, (0.0, hi, count - below_zero)],
            );
        }
        let target = q * self.paths as f64;
        let mut seen = 0.0;
        let mut value = max;
        for (lo, hi, count) in buckets {
            if count > 0.0 && seen + count >= target {
                value = lo + (target - seen) / count * (hi - lo);
                break;
            }
            seen += count;
        }
        value.clamp(min, max)
    }

    /// The share of paths whose value is above `x`.
    pub fn share_above(&self, x: f64) -> f64 {
        let Some((min, max)) = self.extent() else {
            return 0.0;
        };
        if x < min {
            return 1.0;
        }
        if x >= max {
            return 0.0;
        }
        let hi = self.hi();
        let atom = if x < 0.0 {
            f64::from(self.range.zeros)
        } else {
            0.0
        };
        // Where `x` falls, in bins from the first; an edge within rounding is the edge.
        let mut position = (x - self.range.lo) * self.range.bins_per_mnkr;
        if (position - position.round()).abs() < 1e-9 {
            position = position.round();
        }
        let count = if position < 0.0 {
            let tail = f64::from(self.range.below) * share(self.range.lo - x, self.range.lo - min);
            tail + self.sum(0..BINS) + f64::from(self.range.above)
        } else if position >= BINS as f64 {
            f64::from(self.range.above) * share(max - x, max - hi)
        } else {
            let bin = position as usize;
            let part = f64::from(self.counts[bin]) * (1.0 - (position - bin as f64));
            part + self.sum(bin + 1..BINS) + f64::from(self.range.above)
        };
        ((count + atom) / self.paths as f64).clamp(0.0, 1.0)
    }

    /// The share of paths whose value is below `x`.
    pub fn share_below(&self, x: f64) -> f64 {
        let Some((min, max)) = self.extent() else {
            return 0.0;
        };
        if x <= min {
            return 0.0;
        }
        if x > max {
            return 1.0;
        }
        let at_x = if x == 0.0 {
            f64::from(self.range.zeros)
        } else {
            0.0
        };
        (1.0 - self.share_above(x) - at_x / self.paths as f64).clamp(0.0, 1.0)
    }

    /// Values at which the share above is exact and between which it is linear: every bin
    /// edge, the extremes of the tails and 0 when values of exactly 0 were seen, from the last
    /// edge below the smallest value to the first at or above the largest.
    pub fn edges(&self) -> Vec<f64> {
        let Some((min, max)) = self.extent() else {
            return Vec::new();
        };
        let width = self.bin_width();
        let mut edges: Vec<f64> = (0..=BINS)
            .map(|i| self.range.lo + i as f64 * width)
            .collect();
        edges.extend([min, max]);
        if self.range.zeros > 0 {
            edges.push(0.0);
        }
        edges.sort_by(f64::total_cmp);
        edges.dedup();
        let first = edges.iter().rposition(|&e| e < min).unwrap_or(0);
        let last = edges
            .iter()
            .position(|&e| e >= max)
            .unwrap_or(edges.len() - 1);
        edges[first..=last].to_vec()
    }

    /// Paths counted in `bins`.
    fn sum(&self, bins: std::ops::Range<usize>) -> f64 {
        self.counts[bins].iter().map(|&c| f64::from(c)).sum()
    }
}

/// `part / whole` within 0..=1 (1 for an empty whole).
fn share(part: f64, whole: f64) -> f64 {
    if whole > 0.0 {
        (part / whole).clamp(0.0, 1.0)
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eight paths over 0..10 mnkr (bins of 10/512): two of exactly 0, and one each in the
    /// first bin, the bins starting at 2.5 and 5, and the last bin; one in each tail.
    fn eight_paths() -> Histogram {
        let mut counts = vec![0; BINS];
        for bin in [0, 128, 256, 511] {
            counts[bin] = 1;
        }
        let range = Range {
            lo: 0.0,
            bins_per_mnkr: BINS as f64 / 10.0,
            min: -2.0,
            max: 12.0,
            below: 1,
            above: 1,
            zeros: 2,
        };
        Histogram {
            paths: 8,
            range,
            counts,
        }
    }

    #[test]
    fn shares_are_exact_at_bin_edges_and_linear_within_bins_and_tails() {
        let h = eight_paths();
        // Above 5: the bins from 5 on (2 paths) and the upper tail.
        assert_eq!(h.share_above(5.0), 3.0 / 8.0);
        // Above 0: every bin and the upper tail, not the zeros.
        assert_eq!(h.share_above(0.0), 5.0 / 8.0);
        // Half-way down the lower tail (−2..0): half its path, the zeros and all above.
        assert_eq!(h.share_above(-1.0), 7.5 / 8.0);
        // Half-way up the upper tail (10..12).
        assert_eq!(h.share_above(11.0), 0.5 / 8.0);
        assert_eq!((h.share_above(-2.5), h.share_above(12.0)), (1.0, 0.0));
        // Below 0: the lower tail only; below 5 as well the zeros and two bins.
        assert_eq!(h.share_below(0.0), 1.0 / 8.0);
        assert_eq!(h.share_below(5.0), 5.0 / 8.0);
        assert_eq!((h.share_below(-2.0), h.share_below(12.5)), (0.0, 1.0));
    }

    #[test]
    fn edges_span_the_values_seen() {
        let edges = eight_paths().edges();
        assert_eq!((edges[0], *edges.last().unwrap()), (-2.0, 12.0));
        assert_eq!(edges.len(), BINS + 3);
        assert!(edges.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
