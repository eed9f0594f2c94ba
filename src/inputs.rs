//! Every number of a scenario file a user may set, declared once (the table of inputs): its
//! section and keys, the kind of number and what is allowed, and its unit. Validation checks
//! each value against its row; sweeps, sensitivity, the live page and the workbook find and
//! bound fields here, and `labels::inputs` names and explains each [`Input`] in an exhaustive
//! `match`, so that a new row cannot go unnamed. Not rows: a fixed deposit's `from_year` and
//! `to_year`, any years at all that only bound each other.

use crate::edit::FieldPath;

/// Most paths (histogram counts are 32-bit).
pub const MAX_PATHS: i64 = u32::MAX as i64;
/// Longest simulation, in years.
pub const MAX_YEARS: i64 = 200;
/// Latest first simulated year, so that the last is a four-digit year.
pub const MAX_START_YEAR: i64 = 9999 - MAX_YEARS;
/// Longest lag, duration, effect or horizon, in years.
pub const MAX_SPAN_YEARS: i64 = 1000;
/// Largest Poisson mean of applications per project type and year.
const MAX_ARRIVALS: f64 = 1000.0;
/// Largest `approval.demand`: the world draws applications at up to this many times the rates.
const MAX_DEMAND: f64 = 10.0;
/// Smallest budget frame in any simulated year, mnkr (burdens are reported as shares of it).
pub const MIN_FRAME: f64 = 0.001;
/// Largest amount, in mnkr, any input may be (ten thousand billion kronor, more than a
/// country's public spending): beyond it sums lose their öre and a reader sees "inf".
pub const MAX_AMOUNT: f64 = 1e7;
/// Most units (nämnder) a scenario may have; a large city has about forty.
pub const MAX_UNITS: usize = 200;
/// Most designs a scenario may compare.
pub const MAX_DESIGNS: usize = 50;
/// Most deposit rules one design's fund may have.
pub const MAX_DEPOSITS: usize = 20;
/// Most projects an evaluation may count.
const MAX_COUNT: i64 = 1_000_000;

/// Where an input is written: a top table, or each entry of an array of tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Simulation,
    Municipality,
    Outcomes,
    /// Each `[[unit]]`.
    Unit,
    /// Each `[[project_type]]` and `[[project]]`: the same fields describe both.
    Project,
    /// Each `[[evaluation]]`.
    Evaluation,
    /// Each `[[design]]`.
    Design,
    /// Each rule of a design's `fund.deposits`.
    Deposit,
}

impl Section {
    /// The names of its tables in a file; none for a deposit rule, an entry of a list.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Section::Simulation => &["simulation"],
            Section::Municipality => &["municipality"],
            Section::Outcomes => &["outcomes"],
            Section::Unit => &["unit"],
            Section::Project => &["project_type", "project"],
            Section::Evaluation => &["evaluation"],
            Section::Design => &["design"],
            Section::Deposit => &[],
        }
    }

    /// Whether a field path's section (`project_type`, `design`, …) is this one.
    pub fn is(self, name: &str) -> bool {
        self.names().contains(&name)
    }
}

/// What a number may be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Range {
    /// A decimal number in `allowed`.
    Number(Allowed),
    /// A whole number in `min..=max`.
    Whole { min: i64, max: i64 },
    /// A calendar year at most `margin` years outside the simulated ones.
    Year { margin: i64 },
}

/// The allowed range of a decimal number; never infinite or NaN.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Allowed {
    Any,
    NonNegative,
    Positive,
    /// `0..=1`.
    Share,
    /// Above −1: a rate of change.
    AboveMinusOne,
    /// Strictly between −1 and 1.
    OpenUnit,
    /// `-1..=1`.
    Correlation,
    /// `0..1`: a shared fate's correlation.
    Fate,
    /// `0..=max`.
    AtMost(f64),
    /// Above 0, at most `max`.
    PositiveAtMost(f64),
    /// `min..=max`.
    Between(f64, f64),
    /// `-max..=max`.
    Within(f64),
}

impl Allowed {
    /// Its lowest and highest values, each with whether that value is itself allowed; `None`
    /// where it has no bound.
    pub fn ends(self) -> [Option<(f64, bool)>; 2] {
        let (closed, open) = (|x| Some((x, true)), |x| Some((x, false)));
        match self {
            Allowed::Any => [None, None],
            Allowed::NonNegative => [closed(0.0), None],
            Allowed::Positive => [open(0.0), None],
            Allowed::Share => [closed(0.0), closed(1.0)],
            Allowed::AboveMinusOne => [open(-1.0), None],
            Allowed::OpenUnit => [open(-1.0), open(1.0)],
            Allowed::Correlation => [closed(-1.0), closed(1.0)],
            Allowed::Fate => [closed(0.0), open(1.0)],
            Allowed::AtMost(max) => [closed(0.0), closed(max)],
            Allowed::PositiveAtMost(max) => [open(0.0), closed(max)],
            Allowed::Between(min, max) => [closed(min), closed(max)],
            Allowed::Within(max) => [closed(-max), closed(max)],
        }
    }

    /// This range, with no bound above `max` in magnitude: what an amount may be.
    const fn bounded(self, max: f64) -> Allowed {
        match self {
            Allowed::Any => Allowed::Within(max),
            Allowed::NonNegative => Allowed::AtMost(max),
            Allowed::Positive => Allowed::PositiveAtMost(max),
            other => other,
        }
    }

    pub fn contains(self, v: f64) -> bool {
        let [low, high] = self.ends();
        v.is_finite()
            && low.is_none_or(|(min, closed)| v > min || closed && v == min)
            && high.is_none_or(|(max, closed)| v < max || closed && v == max)
    }
}

/// What an input is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Millions of kronor.
    Mnkr,
    /// Millions of kronor a year.
    MnkrPerYear,
    /// A share of 1 (0.3 is 30 %).
    Share,
    /// A number of years.
    Years,
    /// A calendar year.
    Year,
    /// A count, or a number without unit (a seed, a correlation).
    Plain,
    /// Times the scenario's own value.
    Times,
}

/// Declares [`Input`] and [`Input::ALL`] from one list of names.
macro_rules! inputs {
    ($($name:ident),* $(,)?) => {
        /// One number of a scenario file a user may set.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Input {
            $($name),*
        }

        impl Input {
            /// Every input, in the order of a scenario file.
            pub const ALL: &[Input] = &[$(Input::$name),*];
        }
    };
}

inputs! {
    StartYear,
    Years,
    Paths,
    Seed,
    TotalBudget,
    Index,
    AnnualResultMean,
    AnnualResultSd,
    AnnualResultAutocorrelation,
    LastResult,
    DiscountRate,
    FateCorrelation,
    Frame,
    OrdinaryResultMean,
    OrdinaryResultSd,
    OrdinaryResultCorrelation,
    ArrivalsPerYear,
    ProjectStartYear,
    CostMedian,
    CostSigma,
    DurationYears,
    SuccessProbability,
    PlannedSaving,
    EffectLagYears,
    ExtraLagMean,
    EffectYears,
    EffectSizeMean,
    EffectSizeSd,
    RealizationShare,
    CostOverrunMean,
    CostOverrunSd,
    RunningCost,
    Succeeded,
    Failed,
    FundInitial,
    FloorShare,
    StartWithinYears,
    HorizonYears,
    PlanShare,
    GrantFixed,
    GrantShare,
    MinExpectedReturn,
    LastDecisionYear,
    Demand,
    DepositAmount,
    DepositYear,
    DepositShare,
    DepositUntilBalance,
    DepositTargetShare,
    DepositMaxShareOfResult,
    DepositProbability,
}

/// An input's row: where it is, what it may be, what it counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Row {
    pub section: Section,
    /// Its keys inside the section or entry, joined by dots.
    pub keys: &'static str,
    pub range: Range,
    pub measure: Measure,
}

impl Input {
    /// Its row of the table.
    pub const fn row(self) -> Row {
        use Allowed::*;
        use Section::*;
        let (section, keys, range, measure) = match self {
            Input::StartYear => (
                Simulation,
                "start_year",
                whole(1, MAX_START_YEAR),
                Measure::Year,
            ),
            Input::Years => (Simulation, "years", whole(1, MAX_YEARS), Measure::Years),
            Input::Paths => (Simulation, "paths", whole(1, MAX_PATHS), Measure::Plain),
            Input::Seed => (Simulation, "seed", whole(0, i64::MAX), Measure::Plain),
            Input::TotalBudget => (Municipality, "total_budget", num(Positive), Measure::Mnkr),
            Input::Index => (Municipality, "index", num(AboveMinusOne), Measure::Share),
            Input::AnnualResultMean => {
                (Municipality, "annual_result.mean", num(Any), Measure::Mnkr)
            }
            Input::AnnualResultSd => (
                Municipality,
                "annual_result.sd",
                num(NonNegative),
                Measure::Mnkr,
            ),
            Input::AnnualResultAutocorrelation => (
                Municipality,
                "annual_result.autocorrelation",
                num(OpenUnit),
                Measure::Plain,
            ),
            Input::LastResult => (Municipality, "last_result", num(Any), Measure::Mnkr),
            Input::DiscountRate => (
                Municipality,
                "discount_rate",
                num(AboveMinusOne),
                Measure::Share,
            ),
            Input::FateCorrelation => (Outcomes, "correlation", num(Fate), Measure::Plain),
            Input::Frame => (
                Unit,
                "frame",
                num(Between(MIN_FRAME, MAX_AMOUNT)),
                Measure::Mnkr,
            ),
            Input::OrdinaryResultMean => (Unit, "ordinary_result.mean", num(Any), Measure::Mnkr),
            Input::OrdinaryResultSd => {
                (Unit, "ordinary_result.sd", num(NonNegative), Measure::Mnkr)
            }
            Input::OrdinaryResultCorrelation => (
                Unit,
                "ordinary_result.correlation",
                num(Correlation),
                Measure::Plain,
            ),
            Input::ArrivalsPerYear => (
                Project,
                "arrivals_per_year",
                num(AtMost(MAX_ARRIVALS)),
                Measure::Plain,
            ),
            Input::ProjectStartYear => (
                Project,
                "start_year",
                Range::Year { margin: 0 },
                Measure::Year,
            ),
            Input::CostMedian => (Project, "cost.median", num(Positive), Measure::Mnkr),
            Input::CostSigma => (Project, "cost.sigma", num(NonNegative), Measure::Plain),
            Input::DurationYears => (Project, "duration_years", span(1), Measure::Years),
            Input::SuccessProbability => {
                (Project, "success_probability", num(Share), Measure::Share)
            }
            Input::PlannedSaving => (
                Project,
                "planned_savings",
                num(NonNegative),
                Measure::MnkrPerYear,
            ),
            Input::EffectLagYears => (Project, "effect_lag_years", span(0), Measure::Years),
            Input::ExtraLagMean => (
                Project,
                "extra_lag_mean",
                num(AtMost(MAX_SPAN_YEARS as f64)),
                Measure::Years,
            ),
            Input::EffectYears => (Project, "effect_years", span(1), Measure::Years),
            Input::EffectSizeMean => (Project, "effect_size.mean", num(Any), Measure::Share),
            Input::EffectSizeSd => (Project, "effect_size.sd", num(NonNegative), Measure::Share),
            Input::RealizationShare => (Project, "realization_share", num(Share), Measure::Share),
            Input::CostOverrunMean => (Project, "cost_overrun.mean", num(Any), Measure::Share),
            Input::CostOverrunSd => (Project, "cost_overrun.sd", num(NonNegative), Measure::Share),
            Input::RunningCost => (
                Project,
                "running_cost",
                num(NonNegative),
                Measure::MnkrPerYear,
            ),
            Input::Succeeded => (Evaluation, "succeeded", whole(0, MAX_COUNT), Measure::Plain),
            Input::Failed => (Evaluation, "failed", whole(0, MAX_COUNT), Measure::Plain),
            Input::FundInitial => (Design, "fund.initial", num(NonNegative), Measure::Mnkr),
            Input::FloorShare => (Design, "repayment.floor_share", num(Share), Measure::Share),
            Input::StartWithinYears => (
                Design,
                "repayment.start_within_years",
                span(0),
                Measure::Years,
            ),
            Input::HorizonYears => (Design, "repayment.horizon_years", span(1), Measure::Years),
            Input::PlanShare => (Design, "repayment.plan_share", num(Share), Measure::Share),
            Input::GrantFixed => (
                Design,
                "grant.fixed",
                num(NonNegative),
                Measure::MnkrPerYear,
            ),
            Input::GrantShare => (
                Design,
                "grant.share_of_positive_result",
                num(Share),
                Measure::Share,
            ),
            Input::MinExpectedReturn => (
                Design,
                "approval.min_expected_return",
                num(NonNegative),
                Measure::Plain,
            ),
            Input::LastDecisionYear => (
                Design,
                "approval.last_year",
                Range::Year {
                    margin: MAX_SPAN_YEARS,
                },
                Measure::Year,
            ),
            Input::Demand => (
                Design,
                "approval.demand",
                num(PositiveAtMost(MAX_DEMAND)),
                Measure::Times,
            ),
            Input::DepositAmount => (Deposit, "amount", num(NonNegative), Measure::Mnkr),
            Input::DepositYear => (Deposit, "year", Range::Year { margin: 0 }, Measure::Year),
            Input::DepositShare => (Deposit, "share", num(Share), Measure::Share),
            Input::DepositUntilBalance => {
                (Deposit, "until_balance", num(NonNegative), Measure::Mnkr)
            }
            Input::DepositTargetShare => {
                (Deposit, "target_budget_share", num(Share), Measure::Share)
            }
            Input::DepositMaxShareOfResult => {
                (Deposit, "max_share_of_result", num(Share), Measure::Share)
            }
            Input::DepositProbability => (Deposit, "probability", num(Share), Measure::Share),
        };
        // Every amount is bounded: sums of them stay finite and exact to the öre.
        let range = match (range, measure) {
            (Range::Number(allowed), Measure::Mnkr | Measure::MnkrPerYear) => {
                Range::Number(allowed.bounded(MAX_AMOUNT))
            }
            (range, _) => range,
        };
        Row {
            section,
            keys,
            range,
            measure,
        }
    }

    /// The input at `keys` of a section named `section` (`design`, `repayment.floor_share`).
    pub fn find(section: &str, keys: &str) -> Option<Input> {
        (Input::ALL.iter().copied()).find(|input| {
            let row = input.row();
            row.section.is(section) && row.keys == keys
        })
    }

    /// The input a field path names (`design[Örebro].repayment.floor_share`), if any.
    pub fn at(field: &FieldPath) -> Option<Input> {
        Input::find(&field.section, &field.keys.join("."))
    }

    /// Whether its values are whole numbers.
    pub fn whole(self) -> bool {
        !matches!(self.row().range, Range::Number(_))
    }
}

const fn num(allowed: Allowed) -> Range {
    Range::Number(allowed)
}

const fn whole(min: i64, max: i64) -> Range {
    Range::Whole { min, max }
}

/// A number of years from `min` to [`MAX_SPAN_YEARS`].
const fn span(min: i64) -> Range {
    whole(min, MAX_SPAN_YEARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_is_listed_once_and_found_by_its_keys() {
        for (i, &input) in Input::ALL.iter().enumerate() {
            assert!(!Input::ALL[..i].contains(&input), "{input:?} listed twice");
            let row = input.row();
            let section = match row.section {
                Section::Simulation => "simulation",
                Section::Municipality => "municipality",
                Section::Outcomes => "outcomes",
                Section::Unit => "unit",
                Section::Project => "project",
                Section::Evaluation => "evaluation",
                Section::Design => "design",
                Section::Deposit => continue,
            };
            assert_eq!(Input::find(section, row.keys), Some(input));
        }
        assert_eq!(
            Input::find("project_type", "cost.median"),
            Some(Input::CostMedian)
        );
        assert_eq!(Input::find("design", "cost.median"), None);
    }
}
