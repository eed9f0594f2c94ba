//! Streaming aggregates over paths: exact sums for means and probabilities, fine histograms
//! for percentiles. Memory depends on designs × years × units, never on the number of paths.
//!
//! Sums are kept in fixed point (integers, 2^-32 mnkr), so adding paths in any order or
//! merging workers in any tree gives the same bits: results do not depend on the thread count.
//! Histogram ranges come from a pilot run over the first paths ([`Accumulator::pilot`]). When
//! the pilot is the whole run, it keeps every value a histogram needs, and the histograms are
//! filled from those once the ranges are known ([`Accumulator::recording_pilot`]), instead of
//! running the same paths again.

mod histogram;
mod layout;
mod pairs;
mod range;

pub use histogram::Histogram;
pub use layout::{Layout, MAX_COMPARED, PairStat, Slot, Total, UnitTotal, UnitYearStat, YearStat};

use histogram::BINS;
use pairs::DesignPath;
use range::Range;

use crate::ledger::{Ledger, YearFlows};
use crate::scenario::Scenario;
use crate::world::World;

/// Fixed-point scale of sums.
const SCALE: f64 = 4_294_967_296.0;
/// Largest magnitude a sum can take a value of (beyond it the fixed point would overflow).
pub const MAX_MAGNITUDE: f64 = 2.0e9;
/// Share of the pilot's range added on each side of a histogram.
const PADDING: f64 = 0.1;

/// Whether a value may be reported: finite and below [`MAX_MAGNITUDE`] in magnitude.
pub fn reportable(x: f64) -> bool {
    // NaN fails the comparison too.
    x.abs() < MAX_MAGNITUDE
}

/// Mergeable sums and histograms of every reported quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Accumulator {
    layout: Layout,
    paths: u64,
    sums: Vec<i128>,
    ranges: Vec<Range>,
    /// `BINS` counts per distribution since the last flush; empty in a pilot. 16 bits keep
    /// them in half the cache; a path adds at most one to a bin, so they are flushed into
    /// `flushed` before the 65 536th path.
    bins: Vec<u16>,
    /// The counts flushed from `bins`: empty until the first flush.
    flushed: Vec<u32>,
    /// Paths counted in `bins` since the last flush.
    unflushed: u16,
    /// The lowest sum slot that received a non-finite or too large value.
    invalid: Option<usize>,
    /// A recording pilot: each path's value of every distribution, `dist_len` a path (NaN for
    /// a value that could not be reported), in the order the paths were added.
    recorded: Option<Vec<f64>>,
}

impl Accumulator {
    /// An accumulator that only finds each quantity's range (no percentiles).
    pub fn pilot(layout: Layout) -> Accumulator {
        Accumulator {
            layout,
            paths: 0,
            sums: vec![0; layout.sum_len()],
            ranges: vec![Range::empty(); layout.dist_len()],
            bins: Vec::new(),
            flushed: Vec::new(),
            unflushed: 0,
            invalid: None,
            recorded: None,
        }
    }

    /// A pilot that also keeps every path's values for the histograms, so that when it runs
    /// every path of a run, [`Accumulator::replayed`] gives the run's aggregates without running
    /// the paths again.
    pub fn recording_pilot(layout: Layout) -> Accumulator {
        Accumulator {
            recorded: Some(Vec::new()),
            ..Accumulator::pilot(layout)
        }
    }

    /// Bytes a recording pilot of `paths` paths keeps.
    pub fn recording_bytes(layout: Layout, paths: u64) -> u64 {
        layout.dist_len() as u64 * paths * size_of::<f64>() as u64
    }

    /// What a ranged accumulator would hold after the paths a recording pilot saw: the same
    /// sums, and histograms over the pilot's ranges filled from the values it kept. The same
    /// result, bit for bit, as adding those paths to [`Accumulator::ranged`] of the pilot.
    pub fn replayed(pilot: &Accumulator) -> Accumulator {
        let recorded = pilot
            .recorded
            .as_ref()
            .expect("a recording pilot keeps its values");
        let mut replayed = Accumulator::ranged(pilot);
        replayed.paths = pilot.paths;
        replayed.sums.clone_from(&pilot.sums);
        replayed.invalid = pilot.invalid;
        let dists = pilot.ranges.len();
        for path in recorded.chunks_exact(dists.max(1)) {
            replayed.count_path();
            for (d, &x) in path.iter().enumerate() {
                if !x.is_nan() {
                    replayed.bin(d, x);
                }
            }
        }
        // Its counts flushed, as after a merge, so that it equals the run's own accumulator.
        replayed.flush();
        replayed
    }
    /// An empty accumulator with histograms over the ranges `pilot` saw, widened by 10 % a side.
    pub fn ranged(pilot: &Accumulator) -> Accumulator {
        let ranges = pilot
            .ranges
            .iter()
            .map(|r| {
                let (min, max) = r.span();
                let (lo, hi) = if min > max {
                    (0.0, 1.0)
                } else if max > min {
                    let pad = PADDING * (max - min);
                    (min - pad, max + pad)
                } else {
                    let pad = (min.abs() * 1e-6).max(1e-9);
                    (min - pad, max + pad)
                };
                Range {
                    lo,
                    bins_per_mnkr: BINS as f64 / (hi - lo),
                    ..Range::empty()
                }
            })
            .collect();
        Accumulator {
            layout: pilot.layout,
            paths: 0,
            sums: vec![0; pilot.sums.len()],
            ranges,
            bins: vec![0; pilot.ranges.len() * BINS],
            flushed: Vec::new(),
            unflushed: 0,
            invalid: None,
            recorded: None,
        }
    }

    /// Bytes one ranged accumulator of `layout` takes, at most.
    pub fn memory_bytes(layout: Layout) -> usize {
        layout.sum_len() * size_of::<i128>()
            + layout.dist_len()
                * (size_of::<Range>() + BINS * (size_of::<u16>() + size_of::<u32>()))
    }

    /// The layout of the quantities held.
    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// Number of paths added.
    pub fn paths(&self) -> u64 {
        self.paths
    }

    /// The lowest sum slot that received a non-finite or out-of-range value, if any.
    pub fn invalid_slot(&self) -> Option<usize> {
        self.invalid
    }

    /// Adds `x` to `slot`'s sum and histogram; in a `PILOT`, widens the histogram's range (and
    /// keeps `x` when recording) instead.
    fn add<const PILOT: bool>(&mut self, slot: Slot, x: f64) {
        if x == 0.0 {
            // Adds nothing to the sum; the histogram counts an atom.
        } else if reportable(x) {
            self.sums[slot.sum] += (x * SCALE) as i64 as i128;
        } else {
            self.invalid = Some(self.invalid.map_or(slot.sum, |s| s.min(slot.sum)));
            return;
        }
        let Some(d) = slot.dist else { return };
        if !PILOT {
            self.bin(d, x);
        } else if x == 0.0 {
            self.ranges[d].zeros += 1;
        } else {
            let range = &mut self.ranges[d];
            range.min = range.min.min(x);
            range.max = range.max.max(x);
        }
        if PILOT && self.recorded.is_some() {
            self.record(d, x);
        }
    }

    /// In a recording pilot: keeps `x` as this path's value of histogram `d`.
    #[inline(never)]
    fn record(&mut self, d: usize, x: f64) {
        let dists = self.ranges.len();
        if let Some(recorded) = &mut self.recorded {
            let path = recorded.len() - dists;
            recorded[path + d] = x;
        }
    }

    /// Makes room for one more path in the 16-bit counts, flushing them when full.
    fn count_path(&mut self) {
        if self.unflushed == u16::MAX {
            self.flush();
        }
        self.unflushed += 1;
    }

    /// Histogram `d`'s counts, flushed and not.
    fn counts(&self, d: usize) -> Vec<u32> {
        (d * BINS..(d + 1) * BINS)
            .map(|i| self.flushed.get(i).copied().unwrap_or(0) + u32::from(self.bins[i]))
            .collect()
    }

    /// Adds the 16-bit counts to the flushed ones and clears them.
    #[cold]
    fn flush(&mut self) {
        if self.unflushed == 0 {
            return;
        }
        self.flushed.resize(self.bins.len(), 0);
        for (wide, narrow) in self.flushed.iter_mut().zip(&mut self.bins) {
            *wide += u32::from(std::mem::take(narrow));
        }
        self.unflushed = 0;
    }

    /// Counts `x` in histogram `d`: its extremes and its bins.
    #[inline(always)]
    fn bin(&mut self, d: usize, x: f64) {
        let range = &mut self.ranges[d];
        if x == 0.0 {
            range.zeros += 1;
            return;
        }
        range.min = range.min.min(x);
        range.max = range.max.max(x);
        let position = (x - range.lo) * range.bins_per_mnkr;
        if position < 0.0 {
            range.below += 1;
        } else if position >= BINS as f64 {
            range.above += 1;
        } else {
            self.bins[d * BINS + position as usize] += 1;
        }
    }

    fn flag<const PILOT: bool>(&mut self, slot: Slot, condition: bool) {
        self.add::<PILOT>(slot, if condition { 1.0 } else { 0.0 });
    }

    /// Adds one path: every design's ledger over the same world.
    pub fn add_path(&mut self, scenario: &Scenario, world: &World, ledgers: &[Ledger]) {
        self.paths += 1;
        if let Some(recorded) = &mut self.recorded {
            recorded.resize(recorded.len() + self.ranges.len(), f64::NAN);
        }
        // A pilot and a ranged accumulator walk the path alike; each gets its own copy.
        if self.bins.is_empty() {
            self.add_designs::<true>(scenario, world, ledgers);
        } else {
            self.count_path();
            self.add_designs::<false>(scenario, world, ledgers);
        }
    }

    fn add_designs<const PILOT: bool>(
        &mut self,
        scenario: &Scenario,
        world: &World,
        ledgers: &[Ledger],
    ) {
        let mut outcomes = [DesignPath::default(); MAX_COMPARED];
        for (d, ledger) in ledgers.iter().enumerate() {
            let (budget_effect, depleted) = self.add_fund::<PILOT>(scenario, d, ledger, world);
            let tipped = self.add_units::<PILOT>(scenario, d, ledger, world);
            if let Some(outcome) = outcomes.get_mut(d) {
                *outcome = DesignPath {
                    budget_effect,
                    depleted,
                    tipped,
                };
            }
        }
        self.add_pairs::<PILOT>(&outcomes[..ledgers.len().min(MAX_COMPARED)]);
    }

    /// Design `d`'s fund: each year's flows and balances, and their totals over the path;
    /// returns the lifetime budget effect and whether the fund was depleted in some year.
    fn add_fund<const PILOT: bool>(
        &mut self,
        scenario: &Scenario,
        d: usize,
        ledger: &Ledger,
        world: &World,
    ) -> (f64, bool) {
        let layout = self.layout;
        let mut depleted_by = false;
        let mut result_tipped_years = 0u32;
        let (mut net_saving, mut net_saving_discounted, mut net_saving_real) = (0.0, 0.0, 0.0);
        let (mut budget_effect, mut budget_effect_discounted) = (0.0, 0.0);
        let payouts_count = !scenario.municipality().balanskrav_excludes_fund_payouts;
        for (t, year) in ledger.years().iter().enumerate() {
            depleted_by |= year.depleted;
            let real = year.net_saving() / scenario.price_factor(t);
            net_saving += year.net_saving();
            net_saving_real += real;
            net_saving_discounted += real * scenario.discount_factor(t);
            let budget_real = year.budget_effect() / scenario.price_factor(t);
            budget_effect += budget_real;
            budget_effect_discounted += budget_real * scenario.discount_factor(t);
            // The result without the projects, and the balanskrav result with them (MODEL.md 7.2).
            let result_effect = year.net_saving();
            let without = world.annual_result(t as isize);
            let balanskrav = if payouts_count {
                without + result_effect
            } else {
                without + result_effect + year.payouts
            };
            let result_tipped = without >= 0.0 && balanskrav < 0.0;
            result_tipped_years += u32::from(result_tipped);
            let stat = |s| layout.year(d, t, s);
            self.add::<PILOT>(stat(YearStat::ResultEffect), result_effect);
            self.flag::<PILOT>(stat(YearStat::ResultTipped), result_tipped);
            self.add::<PILOT>(stat(YearStat::Cash), year.cash);
            self.add::<PILOT>(stat(YearStat::Uncommitted), year.uncommitted);
            self.add::<PILOT>(stat(YearStat::Deposits), year.deposits);
            self.add::<PILOT>(stat(YearStat::Repaid), year.repaid);
            self.add::<PILOT>(stat(YearStat::Payouts), year.payouts);
            self.add::<PILOT>(stat(YearStat::WrittenOff), year.written_off);
            self.add::<PILOT>(stat(YearStat::Lapsed), year.lapsed);
            self.add::<PILOT>(stat(YearStat::Approved), year.approved.into());
            self.add::<PILOT>(stat(YearStat::TurnedDown), year.turned_down.into());
            self.add::<PILOT>(stat(YearStat::Refused), year.refused.into());
            self.flag::<PILOT>(stat(YearStat::Depleted), year.depleted);
            self.flag::<PILOT>(stat(YearStat::DepletedBy), depleted_by);
            self.add::<PILOT>(stat(YearStat::Owed), year.owed);
        }
        let years = ledger.years();
        let sum = |f: fn(&YearFlows) -> f64| years.iter().map(f).sum::<f64>();
        let stat = |s| layout.total(d, s);
        self.add::<PILOT>(stat(Total::FinalCash), years.last().map_or(0.0, |y| y.cash));
        self.add::<PILOT>(stat(Total::NetSaving), net_saving);
        self.add::<PILOT>(stat(Total::NetSavingDiscounted), net_saving_discounted);
        self.add::<PILOT>(stat(Total::Approved), sum(|y| y.approved.into()));
        self.add::<PILOT>(stat(Total::TurnedDown), sum(|y| y.turned_down.into()));
        self.add::<PILOT>(
            stat(Total::TurnedDownGrant),
            sum(|y| y.turned_down_grant.into()),
        );
        self.add::<PILOT>(stat(Total::Refused), sum(|y| y.refused.into()));
        self.add::<PILOT>(stat(Total::Deposits), sum(|y| y.deposits));
        self.add::<PILOT>(stat(Total::Payouts), sum(|y| y.payouts));
        self.add::<PILOT>(stat(Total::Repaid), sum(|y| y.repaid));
        self.add::<PILOT>(stat(Total::WrittenOff), sum(|y| y.written_off));
        self.add::<PILOT>(stat(Total::Lapsed), sum(|y| y.lapsed));
        self.flag::<PILOT>(stat(Total::DepletedEver), depleted_by);
        self.flag::<PILOT>(stat(Total::NetSavingPositive), net_saving > 0.0);
        self.add::<PILOT>(stat(Total::NetSavingReal), net_saving_real);
        self.add::<PILOT>(stat(Total::Decided), sum(|y| y.decided.into()));

        let after = ledger.after_window();
        let sum = |f: fn(&YearFlows) -> f64| after.iter().map(f).sum::<f64>();
        self.add::<PILOT>(stat(Total::AfterPayouts), sum(|y| y.payouts));
        self.add::<PILOT>(stat(Total::AfterRepaid), sum(|y| y.repaid));
        self.add::<PILOT>(stat(Total::AfterWrittenOff), sum(|y| y.written_off));
        self.add::<PILOT>(stat(Total::AfterSavings), sum(|y| y.saving));
        self.add::<PILOT>(stat(Total::AfterOverruns), sum(|y| y.overrun));
        self.add::<PILOT>(stat(Total::AfterRunningCosts), sum(|y| y.running_cost));
        let (mut lifetime, mut lifetime_discounted) = (net_saving_real, net_saving_discounted);
        for (i, year) in after.iter().enumerate() {
            let t = years.len() + i;
            let (f, discount) = (ledger.price_factor(t), scenario.discount_factor_at(t));
            let real = year.net_saving() / f;
            lifetime += real;
            lifetime_discounted += real * discount;
            let budget_real = year.budget_effect() / f;
            budget_effect += budget_real;
            budget_effect_discounted += budget_real * discount;
        }
        self.add::<PILOT>(stat(Total::BudgetEffectLifetime), budget_effect);
        self.add::<PILOT>(
            stat(Total::BudgetEffectLifetimeDiscounted),
            budget_effect_discounted,
        );
        self.flag::<PILOT>(
            stat(Total::BudgetEffectLifetimePositive),
            budget_effect > 0.0,
        );
        self.flag::<PILOT>(stat(Total::ResultTipped), result_tipped_years > 0);
        self.add::<PILOT>(stat(Total::ResultTippedYears), result_tipped_years.into());
        self.add::<PILOT>(stat(Total::NetSavingLifetime), lifetime);
        self.add::<PILOT>(
            stat(Total::NetSavingLifetimeDiscounted),
            lifetime_discounted,
        );
        self.flag::<PILOT>(stat(Total::NetSavingLifetimePositive), lifetime > 0.0);
        (budget_effect, depleted_by)
    }

    /// Design `d`'s burden on each unit, by year and over the path; returns whether some unit
    /// was tipped into deficit in some year.
    fn add_units<const PILOT: bool>(
        &mut self,
        scenario: &Scenario,
        d: usize,
        ledger: &Ledger,
        world: &World,
    ) -> bool {
        let layout = self.layout;
        let mut some_unit_tipped = false;
        for (u, unit) in scenario.units().iter().enumerate() {
            let mut burden_total = 0.0;
            let mut lifetime = 0.0;
            let mut any_above_1pct = false;
            let mut any_tipped = false;
            let mut any_repaid_above_room = false;
            for t in 0..scenario.years() {
                let frame = unit.frame * scenario.price_factor(t);
                let burden = ledger.burden(t, u);
                let ordinary = world.unit_result_share(t, u) * frame;
                let tipped = ordinary >= 0.0 && ordinary - burden < 0.0;
                burden_total += burden;
                lifetime += burden / scenario.price_factor(t);
                any_above_1pct |= burden > 0.01 * frame;
                any_tipped |= tipped;
                any_repaid_above_room |= ledger.repaid_above_room(t, u);
                let stat = |s| layout.unit_year(d, u, t, s);
                self.add::<PILOT>(stat(UnitYearStat::Burden), burden);
                self.flag::<PILOT>(stat(UnitYearStat::Tipped), tipped);
            }
            for t in scenario.years()..ledger.lifetime_years() {
                lifetime += ledger.burden(t, u) / ledger.price_factor(t);
            }
            let stat = |s| layout.unit_total(d, u, s);
            self.add::<PILOT>(stat(UnitTotal::Burden), burden_total);
            self.add::<PILOT>(stat(UnitTotal::BurdenLifetime), lifetime);
            self.flag::<PILOT>(stat(UnitTotal::AnyYearAbove1pct), any_above_1pct);
            self.flag::<PILOT>(stat(UnitTotal::AnyYearTipped), any_tipped);
            some_unit_tipped |= any_tipped;
            self.flag::<PILOT>(
                stat(UnitTotal::AnyYearRepaidAboveRoom),
                any_repaid_above_room,
            );
        }
        some_unit_tipped
    }

    /// Adds another accumulator's paths. Exact: the result does not depend on merge order.
    pub fn merge(mut self, mut other: Accumulator) -> Accumulator {
        self.paths += other.paths;
        for (a, b) in self.sums.iter_mut().zip(&other.sums) {
            *a += b;
        }
        self.flush();
        other.flush();
        if self.flushed.is_empty() {
            self.flushed = other.flushed;
        } else {
            for (a, b) in self.flushed.iter_mut().zip(&other.flushed) {
                *a += b;
            }
        }
        for (a, b) in self.ranges.iter_mut().zip(&other.ranges) {
            a.min = a.min.min(b.min);
            a.max = a.max.max(b.max);
            a.below += b.below;
            a.above += b.above;
            a.zeros += b.zeros;
        }
        self.invalid = match (self.invalid, other.invalid) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let (Some(a), Some(b)) = (&mut self.recorded, other.recorded) {
            a.extend(b);
        }
        self
    }

    /// Mean over paths (a probability, for a 0/1 quantity).
    pub fn mean(&self, slot: Slot) -> f64 {
        if self.paths == 0 {
            return 0.0;
        }
        self.sums[slot.sum] as f64 / SCALE / self.paths as f64
    }

    /// The `q`-quantile (0..=1) from the histogram, values spread evenly within a bin; exact
    /// to within one bin (a 1/1024 of the padded pilot range). Panics for a slot without one.
    pub fn quantile(&self, slot: Slot, q: f64) -> f64 {
        self.histogram(slot).quantile(q)
    }

    /// The histogram of `slot`'s quantity. Panics for a slot without one, or in a pilot.
    pub fn histogram(&self, slot: Slot) -> Histogram {
        let d = slot
            .dist
            .expect("histogram of a quantity without a distribution");
        Histogram {
            paths: self.paths,
            range: self.ranges[d],
            counts: self.counts(d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::PathBuffers;
    use crate::world::Samplers;

    /// Adds paths `0..paths` of `scenario` to `aggregates`, in two interleaved halves merged
    /// at the end (as two workers would).
    fn add_paths(scenario: &Scenario, paths: u64, empty: &Accumulator) -> Accumulator {
        let samplers = Samplers::new(scenario);
        let mut buffers = PathBuffers::new(scenario);
        let (mut even, mut odd) = (empty.clone(), empty.clone());
        for path in 0..paths {
            let half = if path % 2 == 0 { &mut even } else { &mut odd };
            buffers.run_path(scenario, &samplers, path, half);
        }
        odd.merge(even)
    }

    #[test]
    fn a_recording_pilot_replayed_equals_running_its_paths_again() {
        let scenario = Scenario::load("scenarios/bench.toml".as_ref()).unwrap();
        let layout = Layout::of(&scenario);
        let pilot = add_paths(&scenario, 150, &Accumulator::pilot(layout));
        let twice = add_paths(&scenario, 150, &Accumulator::ranged(&pilot));
        let recording = add_paths(&scenario, 150, &Accumulator::recording_pilot(layout));
        assert_eq!(Accumulator::replayed(&recording), twice);
    }

    #[test]
    fn counts_past_the_16_bit_limit_are_flushed_not_lost() {
        let scenario = Scenario::load("scenarios/bench.toml".as_ref()).unwrap();
        let mut pilot = Accumulator::pilot(Layout::of(&scenario));
        (pilot.ranges[0].min, pilot.ranges[0].max) = (0.0, 1.0);
        let mut one = Accumulator::ranged(&pilot);
        let paths = 3 * u32::from(u16::MAX) + 7;
        for _ in 0..paths {
            one.count_path();
            one.bin(0, 0.5);
        }
        assert_eq!(one.counts(0).iter().max(), Some(&paths));
        let merged = one.clone().merge(one);
        assert_eq!(merged.counts(0).iter().max(), Some(&(2 * paths)));
        assert_eq!(merged.counts(0).iter().sum::<u32>(), 2 * paths);
    }
}
