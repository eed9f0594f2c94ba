//! What a run reports: the rows of `fund.csv` and `units.csv` and the `summary.json` document,
//! read off the aggregates. Field names are the output contract.

mod compare;
mod exceedance_rows;
mod exposed;

use serde::{Deserialize, Serialize};

pub use compare::Comparison;

use crate::aggregate::{
    Accumulator, Layout, MAX_MAGNITUDE, Slot, Total, UnitTotal, UnitYearStat, YearStat, reportable,
};
use crate::exceedance::Distributions;
use crate::scenario::{Deposit, Scenario};

/// How a run went: the only part of the outputs that differs between two runs of the same
/// scenario and seed.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RunInfo {
    /// Worker threads used (the results do not depend on it).
    pub threads: usize,
    /// Start of the run, RFC 3339, UTC.
    pub started: String,
    /// Wall-clock seconds the simulation took.
    pub duration_seconds: f64,
}

/// One row of `fund.csv`: a design's fund in one year, over all paths. A column a folder written
/// before it was added reads as 0.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct FundRow {
    pub design: String,
    pub year: i64,
    pub cash_mean: f64,
    pub cash_p5: f64,
    pub cash_p25: f64,
    pub cash_p50: f64,
    pub cash_p75: f64,
    pub cash_p95: f64,
    pub uncommitted_mean: f64,
    pub uncommitted_p5: f64,
    pub uncommitted_p50: f64,
    pub uncommitted_p95: f64,
    /// Share of paths where an application was turned down for money this year.
    pub p_depleted: f64,
    /// Share of paths where that happened in this or an earlier year.
    pub p_depleted_by: f64,
    pub deposits_mean: f64,
    pub repaid_mean: f64,
    pub payouts_mean: f64,
    pub written_off_mean: f64,
    pub lapsed_mean: f64,
    pub approved_mean: f64,
    pub turned_down_mean: f64,
    pub refused_mean: f64,
    pub uncommitted_p25: f64,
    pub uncommitted_p75: f64,
    /// Arrears outstanding at year end under floors on whole plans (0 for instalment floors).
    pub owed_mean: f64,
    /// The funded projects' effect on the municipality's result this year (MODEL.md 7.2):
    /// savings − payouts − overruns − running costs, nominal.
    pub result_effect_mean: f64,
    pub result_effect_p5: f64,
    pub result_effect_p50: f64,
    pub result_effect_p95: f64,
    /// Share of paths where the projects tipped a result of 0 or more below 0 this year.
    pub p_result_tipped: f64,
}

/// One row of `units.csv`: a unit's burden under a design in one year, over all paths.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct UnitRow {
    pub design: String,
    pub unit: String,
    pub year: i64,
    /// What the unit pays (repayments, shortfalls, overruns, running costs) minus its budget room, mnkr.
    pub burden_mean: f64,
    pub burden_p5: f64,
    pub burden_p50: f64,
    pub burden_p95: f64,
    /// Mean of burden / frame, as a fraction.
    pub burden_share_mean: f64,
    /// Share of paths where the burden tipped the unit into deficit.
    pub p_tipped: f64,
    pub burden_share_p5: f64,
    pub burden_share_p50: f64,
    pub burden_share_p95: f64,
}

/// One row of `exceedance.csv`: the share of paths where a figure is above a value.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ExceedanceRow {
    pub design: String,
    /// `final_cash`, `net_saving_lifetime`, `budget_effect_lifetime`, `burden_total` or
    /// `burden_total_lifetime`, as in `summary.json`; or `result_tipped`, the number of years in
    /// which the projects tipped the municipality's result below 0 (`value_mnkr` is then a
    /// number of years).
    pub figure: String,
    /// The unit's id for a burden; empty otherwise.
    pub unit: String,
    pub value_mnkr: f64,
    /// Share of paths where the figure is above `value_mnkr`.
    pub p_above: f64,
}

/// A mean over paths.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
pub struct Mean {
    pub mean: f64,
}

/// Mean and the 5th, 50th and 95th percentiles over paths.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
pub struct Spread {
    pub mean: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
}

/// Mean and the 5th, 25th, 50th, 75th and 95th percentiles over paths.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
pub struct Fan {
    pub mean: f64,
    pub p5: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p95: f64,
}

/// `summary.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Summary {
    pub sifsim_version: String,
    /// The scenario's name.
    pub scenario: String,
    pub scenario_sha256: String,
    pub seed: u64,
    pub paths: u64,
    pub start_year: i64,
    pub years: usize,
    /// Yearly uplift of amounts given in start-year prices.
    pub index: f64,
    /// The förvaltningar, in file order.
    pub units: Vec<UnitInfo>,
    /// Threads, start time and duration of the run.
    pub run: RunInfo,
    /// How much the projects of one future share their fate (MODEL.md 7.3); a folder written
    /// before section 7 reads as independent projects.
    #[serde(default)]
    pub outcomes: OutcomesSummary,
    pub designs: Vec<DesignSummary>,
    /// Every pair of designs compared on the same futures.
    #[serde(default)]
    pub comparisons: Vec<Comparison>,
}

/// `[outcomes]` as the run used it.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq)]
pub struct OutcomesSummary {
    pub correlation: f64,
    /// `E[S(Z)] − 0.5` under the evaluations' posterior for a project of chance 0.5 (0 without
    /// evaluations).
    pub posterior_success_shift: f64,
}

/// A förvaltning as the scenario names it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct UnitInfo {
    pub id: String,
    pub name: String,
    /// Budget frame, mnkr per year, start-year prices.
    pub frame: f64,
}

/// One design's totals over all simulated years, over paths. A key a folder written before it
/// was added reads as 0.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct DesignSummary {
    pub name: String,
    /// "budget", "repayment" or "dual".
    pub model: String,
    /// `fund.initial`, mnkr.
    pub initial: f64,
    /// Balances the deposit rules aim at (`until_balance`, `top_up` target), start-year prices.
    pub target_levels: Vec<f64>,
    /// Share of paths where the fund turned an application down for money in some year.
    pub p_depleted_ever: f64,
    /// Cash at the end of the last simulated year.
    pub final_cash: Fan,
    pub approved: Mean,
    /// Turned down for money (both pots of a dual design).
    pub turned_down: Mean,
    /// Of `turned_down`, those in a dual design's grant pot.
    pub turned_down_grant: Mean,
    /// Refused by the design's rules.
    pub refused: Mean,
    /// Excludes `fund.initial`.
    pub deposits: Mean,
    pub payouts: Mean,
    pub repaid: Mean,
    pub written_off: Mean,
    pub lapsed: Mean,
    /// Mean repaid / mean payouts (0 when nothing was paid out).
    pub recycled_share: f64,
    /// Σ savings − payouts − overruns − running costs of the funded projects, within the simulated years.
    pub net_saving: Spread,
    /// The same, each year divided by f(y)·(1 + discount_rate)^(year − start_year): the rate
    /// is real.
    pub net_saving_discounted: Spread,
    pub p_net_saving_positive: f64,
    /// Net saving within the simulated years in start-year prices (each year divided by f(y)).
    pub net_saving_real: Spread,
    /// The funded projects' flows after the simulated years, nominal.
    pub after_window: AfterWindow,
    /// Net saving of the funded projects over their whole lives, start-year prices.
    pub net_saving_lifetime: Spread,
    /// The same, each year also divided by (1 + discount_rate)^(year − start_year).
    pub net_saving_lifetime_discounted: Spread,
    pub p_net_saving_lifetime_positive: f64,
    /// (Repaid in and after the simulated years) / (payouts in and after them), means.
    pub recycled_share_lifetime: f64,
    /// Known projects decided before the run, approved without the money test.
    pub decided: Mean,
    /// Budget room freed, net (MODEL.md 7.1): Σ room − payouts − overruns − running costs of
    /// the funded projects over their whole lives, start-year prices.
    pub budget_effect_lifetime: Spread,
    /// The same, each year also divided by (1 + discount_rate)^(year − start_year).
    pub budget_effect_lifetime_discounted: Spread,
    pub p_budget_effect_lifetime_positive: f64,
    /// Share of paths where the projects tipped the municipality's result below 0 in some
    /// simulated year (MODEL.md 7.2).
    pub p_result_tipped: f64,
    pub units: Vec<UnitSummary>,
}

/// What the funded projects paid, saved and cost after the last simulated year (means of
/// nominal sums).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct AfterWindow {
    pub payouts: Mean,
    /// Instalments received, lead units' payments included.
    pub repaid: Mean,
    pub written_off: Mean,
    /// The whole saving, as in net saving.
    pub savings: Mean,
    pub overruns: Mean,
    pub running_costs: Mean,
}

/// One unit's totals under a design.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct UnitSummary {
    pub id: String,
    /// Burden summed over the simulated years, mnkr.
    pub burden_total: Spread,
    /// Share of paths with a year whose burden passed 1 % of the frame.
    pub p_any_year_burden_above_1pct: f64,
    /// Share of paths with a year where the burden tipped the unit into deficit.
    pub p_any_year_tipped: f64,
    /// Share of paths with a year where the unit paid the fund more than the budget room
    /// its projects gave it.
    pub p_any_year_repaid_above_room: f64,
    /// Burden over the funded projects' whole lives, each year divided by f(y), mnkr in
    /// start-year prices.
    pub burden_total_lifetime: Spread,
}

/// Everything a run writes.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub summary: Summary,
    pub fund: Vec<FundRow>,
    pub units: Vec<UnitRow>,
    /// The distributions behind threshold questions and `exceedance.csv`; empty when read back
    /// from files.
    pub distributions: Distributions,
}

/// A figure the run would report is not finite or beyond [`MAX_MAGNITUDE`]; `at` says which
/// (design, unit, year, quantity). Exit code 2.
#[derive(Debug, thiserror::Error)]
#[error(
    "the simulation produced a value that is not finite or beyond ±{MAX_MAGNITUDE} (mnkr, or \
     times the frame for a share) at {at}; no results were written"
)]
pub struct Unreportable {
    at: String,
}

impl Results {
    /// Reads the reported figures off finished aggregates, refusing any that is not
    /// [`reportable`]. `scenario_sha256` identifies the scenario file's bytes.
    pub fn new(
        scenario: &Scenario,
        aggregates: &Accumulator,
        scenario_sha256: String,
        run: RunInfo,
    ) -> Result<Results, Unreportable> {
        let layout = aggregates.layout();
        if let Some(slot) = aggregates.invalid_slot() {
            return Err(Unreportable {
                at: layout.describe(scenario, slot),
            });
        }
        let mut fund = Vec::new();
        let mut units = Vec::new();
        let mut designs = Vec::new();
        for (d, design) in scenario.designs().iter().enumerate() {
            for t in 0..scenario.years() {
                let stat = |s| layout.year(d, t, s);
                let cash = Fan::read(aggregates, stat(YearStat::Cash));
                let uncommitted = Fan::read(aggregates, stat(YearStat::Uncommitted));
                let result_effect = Spread::read(aggregates, stat(YearStat::ResultEffect));
                let mean = |s| aggregates.mean(stat(s));
                fund.push(FundRow {
                    design: design.name.clone(),
                    year: scenario.calendar_year(t),
                    cash_mean: cash.mean,
                    cash_p5: cash.p5,
                    cash_p25: cash.p25,
                    cash_p50: cash.p50,
                    cash_p75: cash.p75,
                    cash_p95: cash.p95,
                    uncommitted_mean: uncommitted.mean,
                    uncommitted_p5: uncommitted.p5,
                    uncommitted_p50: uncommitted.p50,
                    uncommitted_p95: uncommitted.p95,
                    p_depleted: mean(YearStat::Depleted),
                    p_depleted_by: mean(YearStat::DepletedBy),
                    deposits_mean: mean(YearStat::Deposits),
                    repaid_mean: mean(YearStat::Repaid),
                    payouts_mean: mean(YearStat::Payouts),
                    written_off_mean: mean(YearStat::WrittenOff),
                    lapsed_mean: mean(YearStat::Lapsed),
                    approved_mean: mean(YearStat::Approved),
                    turned_down_mean: mean(YearStat::TurnedDown),
                    refused_mean: mean(YearStat::Refused),
                    uncommitted_p25: uncommitted.p25,
                    uncommitted_p75: uncommitted.p75,
                    owed_mean: mean(YearStat::Owed),
                    result_effect_mean: result_effect.mean,
                    result_effect_p5: result_effect.p5,
                    result_effect_p50: result_effect.p50,
                    result_effect_p95: result_effect.p95,
                    p_result_tipped: mean(YearStat::ResultTipped),
                });
            }
            for (u, unit) in scenario.units().iter().enumerate() {
                for t in 0..scenario.years() {
                    let stat = |s| layout.unit_year(d, u, t, s);
                    let burden = Spread::read(aggregates, stat(UnitYearStat::Burden));
                    let year = scenario.calendar_year(t);
                    let share = burden.per(unit.frame * scenario.price_factor(t));
                    checked(&[share.mean, share.p5, share.p50, share.p95], || {
                        format!(
                            "design \"{}\", unit \"{}\", year {year}, burden share",
                            design.name, unit.id
                        )
                    })?;
                    units.push(UnitRow {
                        design: design.name.clone(),
                        unit: unit.id.clone(),
                        year,
                        burden_mean: burden.mean,
                        burden_p5: burden.p5,
                        burden_p50: burden.p50,
                        burden_p95: burden.p95,
                        burden_share_mean: share.mean,
                        burden_share_p5: share.p5,
                        burden_share_p50: share.p50,
                        burden_share_p95: share.p95,
                        p_tipped: aggregates.mean(stat(UnitYearStat::Tipped)),
                    });
                }
            }
            designs.push(design_summary(scenario, &layout, aggregates, d)?);
        }
        Ok(Results {
            summary: Summary {
                sifsim_version: env!("CARGO_PKG_VERSION").to_string(),
                scenario: scenario.name().to_string(),
                scenario_sha256,
                seed: scenario.seed(),
                paths: scenario.paths(),
                start_year: scenario.start_year(),
                years: scenario.years(),
                index: scenario.municipality().index,
                units: scenario
                    .units()
                    .iter()
                    .map(|u| UnitInfo {
                        id: u.id.clone(),
                        name: u.name.clone(),
                        frame: u.frame,
                    })
                    .collect(),
                run,
                outcomes: OutcomesSummary {
                    correlation: scenario.outcomes().correlation,
                    posterior_success_shift: scenario.outcomes().posterior_success_shift(),
                },
                designs,
                comparisons: compare::comparisons(scenario, aggregates),
            },
            fund,
            units,
            distributions: Distributions::read(scenario, aggregates),
        })
    }
}

/// Refuses `values` unless every one is [`reportable`]; `at` says where they are.
fn checked(values: &[f64], at: impl FnOnce() -> String) -> Result<(), Unreportable> {
    if values.iter().all(|&x| reportable(x)) {
        Ok(())
    } else {
        Err(Unreportable { at: at() })
    }
}

fn design_summary(
    scenario: &Scenario,
    layout: &Layout,
    aggregates: &Accumulator,
    d: usize,
) -> Result<DesignSummary, Unreportable> {
    let design = &scenario.designs()[d];
    let total = |s| layout.total(d, s);
    let mean = |s| Mean {
        mean: aggregates.mean(total(s)),
    };
    let payouts = aggregates.mean(total(Total::Payouts));
    let repaid = aggregates.mean(total(Total::Repaid));
    let lifetime_payouts = payouts + aggregates.mean(total(Total::AfterPayouts));
    let lifetime_repaid = repaid + aggregates.mean(total(Total::AfterRepaid));
    let share = |part: f64, whole: f64| if whole > 0.0 { part / whole } else { 0.0 };
    let (recycled_share, recycled_share_lifetime) = (
        share(repaid, payouts),
        share(lifetime_repaid, lifetime_payouts),
    );
    checked(&[recycled_share, recycled_share_lifetime], || {
        format!("design \"{}\", recycled share", design.name)
    })?;
    Ok(DesignSummary {
        name: design.name.clone(),
        model: design.model.name().to_string(),
        initial: design.initial,
        target_levels: design
            .deposits
            .iter()
            .filter_map(|rule| match *rule {
                Deposit::ShareOfPositiveResult { until_balance, .. } => {
                    until_balance.is_finite().then_some(until_balance)
                }
                Deposit::TopUp {
                    target_budget_share,
                    ..
                } => Some(target_budget_share * scenario.municipality().total_budget),
                _ => None,
            })
            .collect(),
        p_depleted_ever: aggregates.mean(total(Total::DepletedEver)),
        final_cash: Fan::read(aggregates, total(Total::FinalCash)),
        approved: mean(Total::Approved),
        turned_down: mean(Total::TurnedDown),
        turned_down_grant: mean(Total::TurnedDownGrant),
        refused: mean(Total::Refused),
        deposits: mean(Total::Deposits),
        payouts: mean(Total::Payouts),
        repaid: mean(Total::Repaid),
        written_off: mean(Total::WrittenOff),
        lapsed: mean(Total::Lapsed),
        recycled_share,
        net_saving: Spread::read(aggregates, total(Total::NetSaving)),
        net_saving_discounted: Spread::read(aggregates, total(Total::NetSavingDiscounted)),
        p_net_saving_positive: aggregates.mean(total(Total::NetSavingPositive)),
        net_saving_real: Spread::read(aggregates, total(Total::NetSavingReal)),
        after_window: AfterWindow {
            payouts: mean(Total::AfterPayouts),
            repaid: mean(Total::AfterRepaid),
            written_off: mean(Total::AfterWrittenOff),
            savings: mean(Total::AfterSavings),
            overruns: mean(Total::AfterOverruns),
            running_costs: mean(Total::AfterRunningCosts),
        },
        net_saving_lifetime: Spread::read(aggregates, total(Total::NetSavingLifetime)),
        net_saving_lifetime_discounted: Spread::read(
            aggregates,
            total(Total::NetSavingLifetimeDiscounted),
        ),
        p_net_saving_lifetime_positive: aggregates.mean(total(Total::NetSavingLifetimePositive)),
        recycled_share_lifetime,
        decided: mean(Total::Decided),
        budget_effect_lifetime: Spread::read(aggregates, total(Total::BudgetEffectLifetime)),
        budget_effect_lifetime_discounted: Spread::read(
            aggregates,
            total(Total::BudgetEffectLifetimeDiscounted),
        ),
        p_budget_effect_lifetime_positive: aggregates
            .mean(total(Total::BudgetEffectLifetimePositive)),
        p_result_tipped: aggregates.mean(total(Total::ResultTipped)),
        units: scenario
            .units()
            .iter()
            .enumerate()
            .map(|(u, unit)| {
                let stat = |s| layout.unit_total(d, u, s);
                UnitSummary {
                    id: unit.id.clone(),
                    burden_total: Spread::read(aggregates, stat(UnitTotal::Burden)),
                    p_any_year_burden_above_1pct: aggregates
                        .mean(stat(UnitTotal::AnyYearAbove1pct)),
                    p_any_year_tipped: aggregates.mean(stat(UnitTotal::AnyYearTipped)),
                    p_any_year_repaid_above_room: aggregates
                        .mean(stat(UnitTotal::AnyYearRepaidAboveRoom)),
                    burden_total_lifetime: Spread::read(
                        aggregates,
                        stat(UnitTotal::BurdenLifetime),
                    ),
                }
            })
            .collect(),
    })
}

impl Spread {
    /// The mean and percentiles of `slot` in `aggregates`.
    fn read(aggregates: &Accumulator, slot: Slot) -> Spread {
        let q = |p| aggregates.quantile(slot, p);
        Spread {
            mean: aggregates.mean(slot),
            p5: q(0.05),
            p50: q(0.5),
            p95: q(0.95),
        }
    }

    /// Each figure divided by `x`.
    fn per(self, x: f64) -> Spread {
        Spread {
            mean: self.mean / x,
            p5: self.p5 / x,
            p50: self.p50 / x,
            p95: self.p95 / x,
        }
    }
}

impl Fan {
    /// The mean and percentiles of `slot` in `aggregates`.
    fn read(aggregates: &Accumulator, slot: Slot) -> Fan {
        let q = |p| aggregates.quantile(slot, p);
        Fan {
            mean: aggregates.mean(slot),
            p5: q(0.05),
            p25: q(0.25),
            p50: q(0.5),
            p75: q(0.75),
            p95: q(0.95),
        }
    }
}
