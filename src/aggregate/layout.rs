//! What the aggregates hold: the reported quantities and where each lives in an
//! accumulator's flat arrays.

use crate::scenario::Scenario;

/// Fund quantities per design and year; the first `DISTS` also get percentiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearStat {
    Cash,
    Uncommitted,
    /// The funded projects' effect on the municipality's result (MODEL.md 7.2), nominal.
    ResultEffect,
    Deposits,
    Repaid,
    Payouts,
    WrittenOff,
    Lapsed,
    Approved,
    TurnedDown,
    Refused,
    /// 1 when an application was turned down for money this year.
    Depleted,
    /// 1 when that happened in this or an earlier year.
    DepletedBy,
    /// Arrears outstanding under floors on whole plans.
    Owed,
    /// 1 when the projects tipped a result of 0 or more below 0 (the balanskrav result).
    ResultTipped,
}

impl YearStat {
    const COUNT: usize = 15;
    const DISTS: usize = 3;
    const NAMES: [&str; Self::COUNT] = [
        "cash",
        "uncommitted",
        "result_effect",
        "deposits",
        "repaid",
        "payouts",
        "written_off",
        "lapsed",
        "approved",
        "turned_down",
        "refused",
        "depleted",
        "depleted_by",
        "owed",
        "result_tipped",
    ];
}

/// Unit quantities per design, unit and year; the first `DISTS` get percentiles.
///
/// The burden as a share of the frame needs no slot of its own: the frame is fixed in each
/// year, so its mean and percentiles are the burden's divided by the frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitYearStat {
    /// Burden, mnkr.
    Burden,
    /// 1 when the burden tipped the unit into deficit.
    Tipped,
}

impl UnitYearStat {
    const COUNT: usize = 2;
    const DISTS: usize = 1;
}

/// Whole-path quantities per design; the first `DISTS` get percentiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Total {
    FinalCash,
    NetSaving,
    NetSavingDiscounted,
    /// Net saving within the simulated years, start-year prices.
    NetSavingReal,
    /// Net saving over the funded projects' whole lives, start-year prices.
    NetSavingLifetime,
    /// The same, discounted at the real rate.
    NetSavingLifetimeDiscounted,
    /// Budget room freed, net, over the funded projects' whole lives, start-year prices.
    BudgetEffectLifetime,
    /// The same, discounted at the real rate.
    BudgetEffectLifetimeDiscounted,
    /// Simulated years in which the projects tipped the municipality's result below 0.
    ResultTippedYears,
    Approved,
    TurnedDown,
    TurnedDownGrant,
    Refused,
    Deposits,
    Payouts,
    Repaid,
    WrittenOff,
    Lapsed,
    /// 1 when the fund was depleted in some year.
    DepletedEver,
    /// 1 when the net saving is above 0.
    NetSavingPositive,
    /// Known projects decided before the run.
    Decided,
    /// Flows after the simulated years, nominal.
    AfterPayouts,
    AfterRepaid,
    AfterWrittenOff,
    AfterSavings,
    AfterOverruns,
    AfterRunningCosts,
    /// 1 when the lifetime net saving is above 0.
    NetSavingLifetimePositive,
    /// 1 when the lifetime budget effect is above 0.
    BudgetEffectLifetimePositive,
    /// 1 when the projects tipped the municipality's result below 0 in some year.
    ResultTipped,
}

impl Total {
    const COUNT: usize = 30;
    const DISTS: usize = 9;
    const NAMES: [&str; Self::COUNT] = [
        "final_cash",
        "net_saving",
        "net_saving_discounted",
        "net_saving_real",
        "net_saving_lifetime",
        "net_saving_lifetime_discounted",
        "budget_effect_lifetime",
        "budget_effect_lifetime_discounted",
        "result_tipped_years",
        "approved",
        "turned_down",
        "turned_down_grant",
        "refused",
        "deposits",
        "payouts",
        "repaid",
        "written_off",
        "lapsed",
        "depleted_ever",
        "net_saving_positive",
        "decided",
        "after_window.payouts",
        "after_window.repaid",
        "after_window.written_off",
        "after_window.savings",
        "after_window.overruns",
        "after_window.running_costs",
        "net_saving_lifetime_positive",
        "budget_effect_lifetime_positive",
        "result_tipped",
    ];
}

/// Whole-path quantities per design and unit; the first `DISTS` get percentiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitTotal {
    Burden,
    /// Burden over the funded projects' whole lives, start-year prices.
    BurdenLifetime,
    /// 1 when the burden passed 1 % of the frame in some year.
    AnyYearAbove1pct,
    /// 1 when the unit was tipped into deficit in some year.
    AnyYearTipped,
    /// 1 when the unit paid the fund more than the room it gained in some year.
    AnyYearRepaidAboveRoom,
}

impl UnitTotal {
    const COUNT: usize = 5;
    const DISTS: usize = 2;
    const NAMES: [&str; Self::COUNT] = [
        "burden_total",
        "burden_total_lifetime",
        "p_any_year_burden_above_1pct",
        "p_any_year_tipped",
        "p_any_year_repaid_above_room",
    ];
}

/// Quantities per pair of designs `(a, b)`, `a` before `b` in the file, on the same paths; the
/// first `DISTS` get percentiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairStat {
    /// `a`'s lifetime budget effect minus `b`'s.
    BudgetEffectDifference,
    /// 1 when `a`'s lifetime budget effect is larger by more than [`TIE`] mnkr.
    ABetter,
    BBetter,
    /// 1 when `a` was depleted in some year and `b` was not.
    OnlyADepleted,
    OnlyBDepleted,
    /// 1 when some nämnd was tipped into deficit in some year under `a` and none under `b`.
    OnlyATipped,
    OnlyBTipped,
}

/// Most designs compared pair by pair (the first in the file; more are simulated, but not
/// compared).
pub const MAX_COMPARED: usize = 16;

/// Differences of a lifetime budget effect up to this many mnkr are a tie.
pub const TIE: f64 = 0.0005;

impl PairStat {
    const COUNT: usize = 7;
    const DISTS: usize = 1;
    const NAMES: [&str; Self::COUNT] = [
        "budget_effect_difference",
        "p_a_better_budget_effect",
        "p_b_better_budget_effect",
        "p_only_a_depleted",
        "p_only_b_depleted",
        "p_only_a_unit_tipped",
        "p_only_b_unit_tipped",
    ];
}

/// Where a quantity lives: its sum, and its histogram if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub(super) sum: usize,
    pub(super) dist: Option<usize>,
}

/// Maps every reported quantity to its place in the flat arrays of an [`Accumulator`].
///
/// Per design, in order: year stats, unit-year stats, totals, unit totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub designs: usize,
    pub years: usize,
    pub units: usize,
    /// Designs compared pair by pair: the first [`MAX_COMPARED`].
    /// Offsets of the four blocks in a design's sums, and the design's size last.
    sum_blocks: [usize; 5],
    /// The same for histograms.
    dist_blocks: [usize; 5],
    compared: usize,
}

impl Layout {
    /// The layout of a scenario's results.
    pub fn of(scenario: &Scenario) -> Layout {
        let (years, units) = (scenario.years(), scenario.units().len());
        let blocks = |year: usize, unit_year: usize, total: usize, unit_total: usize| {
            let a = years * year;
            let b = a + years * units * unit_year;
            let c = b + total;
            [0, a, b, c, c + units * unit_total]
        };
        let designs = scenario.designs().len();
        Layout {
            compared: designs.min(MAX_COMPARED),
            designs,
            years,
            units,
            sum_blocks: blocks(
                YearStat::COUNT,
                UnitYearStat::COUNT,
                Total::COUNT,
                UnitTotal::COUNT,
            ),
            dist_blocks: blocks(
                YearStat::DISTS,
                UnitYearStat::DISTS,
                Total::DISTS,
                UnitTotal::DISTS,
            ),
        }
    }

    fn slot(
        &self,
        design: usize,
        block: usize,
        index: usize,
        stat: usize,
        count: usize,
        dists: usize,
    ) -> Slot {
        let sums = self.sum_blocks;
        let hist = self.dist_blocks;
        Slot {
            sum: design * sums[4] + sums[block] + index * count + stat,
            dist: (stat < dists).then(|| design * hist[4] + hist[block] + index * dists + stat),
        }
    }

    /// Design `d`'s fund quantity in year `t`.
    pub fn year(&self, d: usize, t: usize, stat: YearStat) -> Slot {
        self.slot(d, 0, t, stat as usize, YearStat::COUNT, YearStat::DISTS)
    }

    /// Design `d`'s quantity of unit `u` in year `t`.
    pub fn unit_year(&self, d: usize, u: usize, t: usize, stat: UnitYearStat) -> Slot {
        let index = u * self.years + t;
        self.slot(
            d,
            1,
            index,
            stat as usize,
            UnitYearStat::COUNT,
            UnitYearStat::DISTS,
        )
    }

    /// Design `d`'s whole-path quantity.
    pub fn total(&self, d: usize, stat: Total) -> Slot {
        self.slot(d, 2, 0, stat as usize, Total::COUNT, Total::DISTS)
    }

    /// Design `d`'s whole-path quantity of unit `u`.
    pub fn unit_total(&self, d: usize, u: usize, stat: UnitTotal) -> Slot {
        self.slot(d, 3, u, stat as usize, UnitTotal::COUNT, UnitTotal::DISTS)
    }

    /// The quantity `stat` of designs `a` and `b`, `a < b`.
    pub fn pair(&self, a: usize, b: usize, stat: PairStat) -> Slot {
        debug_assert!(a < b && b < self.compared);
        let pair = a * self.compared - a * (a + 1) / 2 + (b - a - 1);
        let stat = stat as usize;
        Slot {
            sum: self.designs * self.sum_blocks[4] + pair * PairStat::COUNT + stat,
            dist: (stat < PairStat::DISTS)
                .then(|| self.designs * self.dist_blocks[4] + pair * PairStat::DISTS + stat),
        }
    }

    pub(super) fn sum_len(&self) -> usize {
        self.designs * self.sum_blocks[4] + self.pairs() * PairStat::COUNT
    }

    /// Pairs of designs compared.
    fn pairs(&self) -> usize {
        self.compared * self.compared.saturating_sub(1) / 2
    }

    /// Designs compared pair by pair.
    pub fn compared(&self) -> usize {
        self.compared
    }

    pub(super) fn dist_len(&self) -> usize {
        self.designs * self.dist_blocks[4] + self.pairs() * PairStat::DISTS
    }

    /// Says in words which quantity a sum slot holds, for error messages.
    pub fn describe(&self, scenario: &Scenario, sum: usize) -> String {
        let blocks = self.sum_blocks;
        if sum >= self.designs * blocks[4] {
            let offset = sum - self.designs * blocks[4];
            let name = PairStat::NAMES[offset % PairStat::COUNT];
            return format!("a comparison of two designs, {name}");
        }
        let design = &scenario.designs()[sum / blocks[4]].name;
        let offset = sum % blocks[4];
        let year = |t: usize| scenario.calendar_year(t);
        let unit = |u: usize| &scenario.units()[u].id;
        if offset < blocks[1] {
            let (t, stat) = (offset / YearStat::COUNT, offset % YearStat::COUNT);
            let name = YearStat::NAMES[stat];
            format!("design \"{design}\", year {}, {name}", year(t))
        } else if offset < blocks[2] {
            let i = (offset - blocks[1]) / UnitYearStat::COUNT;
            let (u, t) = (i / self.years, i % self.years);
            format!(
                "design \"{design}\", unit \"{}\", year {}, burden",
                unit(u),
                year(t)
            )
        } else if offset < blocks[3] {
            format!(
                "design \"{design}\", total {}",
                Total::NAMES[offset - blocks[2]]
            )
        } else {
            let (u, stat) = (
                (offset - blocks[3]) / UnitTotal::COUNT,
                (offset - blocks[3]) % UnitTotal::COUNT,
            );
            let name = UnitTotal::NAMES[stat];
            format!("design \"{design}\", unit \"{}\", {name}", unit(u))
        }
    }
}
