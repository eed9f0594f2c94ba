//! "What is the chance that…": the distributions over paths that a run keeps for threshold
//! questions, and the exceedance curves read off them (`exceedance.csv`'s rows are
//! [`crate::results::ExceedanceRow`]s).
//!
//! A curve gives, for a figure, the share of paths above each value `x`. Its values are the
//! histogram's bin edges (a bin is 1/512 of the pilot's range widened by 10 % on each side),
//! where the share is exact; between two rows it is linear, so a probability read off the
//! curve is right to within one bin. Where many paths have exactly 0 the curve drops by their
//! share at 0, a drop the rows spread over the bin below 0.

use crate::aggregate::{Accumulator, Histogram, Total, UnitTotal, YearStat};
use crate::scenario::Scenario;

/// The histograms a run keeps beside its figures; no file holds them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Distributions {
    /// One per design, in the scenario's order; empty for results read back from files.
    pub designs: Vec<DesignDistributions>,
}

/// One design's distributions over paths.
#[derive(Debug, Clone, PartialEq)]
pub struct DesignDistributions {
    /// Cash at the end of each simulated year.
    pub cash: Vec<Histogram>,
    /// Net saving within the simulated years, nominal.
    pub net_saving: Histogram,
    /// Net saving over the funded projects' whole lives, start-year prices.
    pub net_saving_lifetime: Histogram,
    /// Budget room freed, net, over the same lives, start-year prices.
    pub budget_effect_lifetime: Histogram,
    /// Simulated years in which the projects tipped the municipality's result below 0.
    pub result_tipped: Histogram,
    /// Each unit's burden summed over the simulated years.
    pub burden_total: Vec<Histogram>,
    /// Each unit's burden over the projects' whole lives, start-year prices.
    pub burden_total_lifetime: Vec<Histogram>,
}

/// A figure with a distribution over paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// Cash at the end of year `t` (0 = the start year).
    Cash {
        t: usize,
    },
    NetSaving,
    NetSavingLifetime,
    BudgetEffectLifetime,
    /// Years in which the projects tipped a positive result negative (a count, not mnkr).
    ResultTipped,
    /// Unit `u`'s burden over the simulated years.
    Burden {
        u: usize,
    },
    /// Unit `u`'s burden over the projects' whole lives.
    BurdenLifetime {
        u: usize,
    },
}

impl Distributions {
    /// The distributions of `scenario`'s run in `aggregates`.
    pub fn read(scenario: &Scenario, aggregates: &Accumulator) -> Distributions {
        let layout = aggregates.layout();
        let designs = (0..scenario.designs().len())
            .map(|d| {
                let total = |s| aggregates.histogram(layout.total(d, s));
                let units = |s| {
                    (0..scenario.units().len())
                        .map(|u| aggregates.histogram(layout.unit_total(d, u, s)))
                        .collect()
                };
                DesignDistributions {
                    cash: (0..scenario.years())
                        .map(|t| aggregates.histogram(layout.year(d, t, YearStat::Cash)))
                        .collect(),
                    net_saving: total(Total::NetSaving),
                    net_saving_lifetime: total(Total::NetSavingLifetime),
                    budget_effect_lifetime: total(Total::BudgetEffectLifetime),
                    result_tipped: total(Total::ResultTippedYears),
                    burden_total: units(UnitTotal::Burden),
                    burden_total_lifetime: units(UnitTotal::BurdenLifetime),
                }
            })
            .collect();
        Distributions { designs }
    }
}

impl DesignDistributions {
    /// The histogram of `quantity`; panics for a year or unit the run does not have.
    pub fn get(&self, quantity: Quantity) -> &Histogram {
        match quantity {
            Quantity::Cash { t } => &self.cash[t],
            Quantity::NetSaving => &self.net_saving,
            Quantity::NetSavingLifetime => &self.net_saving_lifetime,
            Quantity::BudgetEffectLifetime => &self.budget_effect_lifetime,
            Quantity::ResultTipped => &self.result_tipped,
            Quantity::Burden { u } => &self.burden_total[u],
            Quantity::BurdenLifetime { u } => &self.burden_total_lifetime[u],
        }
    }
}

/// `(x, share of paths above x)` at the histogram's edges, leaving out those inside a flat
/// stretch (linear interpolation between the rows left gives the same shares).
pub fn curve(histogram: &Histogram) -> Vec<(f64, f64)> {
    let points: Vec<(f64, f64)> = (histogram.edges().into_iter())
        .map(|x| (x, histogram.share_above(x)))
        .collect();
    let flat = |i: usize| {
        0 < i
            && i + 1 < points.len()
            && points[i - 1].1 == points[i].1
            && points[i].1 == points[i + 1].1
    };
    (0..points.len())
        .filter(|&i| !flat(i))
        .map(|i| points[i])
        .collect()
}
