//! One-at-a-time sensitivity: each uncertain input set low and high in turn, everything else
//! as in the scenario, every run on the same seed (common random numbers). Shows which inputs
//! move the depletion risk and the fund's balance most, how that ranking shifts over time, and
//! what they do to the nämnd that pays most.

use serde::Serialize;

use crate::edit::{Edit, FieldPath};
use crate::labels::{
    Lang,
    inputs::{self, Moved},
};
use crate::results::Results;
use crate::scenario::{Input, ProjectSpec, Scenario};

/// An uncertain input and how it is set low and high.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uncertain {
    SuccessProbability,
    EffectSize,
    EffectLag,
    Cost,
    CostOverrun,
    Arrivals,
    AnnualResultMean,
    AnnualResultSpread,
    RealizationShare,
}

impl Uncertain {
    /// Every input, in the order they are reported.
    pub const ALL: [Uncertain; 9] = [
        Uncertain::SuccessProbability,
        Uncertain::EffectSize,
        Uncertain::EffectLag,
        Uncertain::Cost,
        Uncertain::CostOverrun,
        Uncertain::Arrivals,
        Uncertain::AnnualResultMean,
        Uncertain::AnnualResultSpread,
        Uncertain::RealizationShare,
    ];

    /// The scenario's input it moves (for a distribution, its centre).
    pub const fn input(self) -> Input {
        match self {
            Uncertain::SuccessProbability => Input::SuccessProbability,
            Uncertain::EffectSize => Input::EffectSizeMean,
            Uncertain::EffectLag => Input::EffectLagYears,
            Uncertain::Cost => Input::CostMedian,
            Uncertain::CostOverrun => Input::CostOverrunMean,
            Uncertain::Arrivals => Input::ArrivalsPerYear,
            Uncertain::AnnualResultMean => Input::AnnualResultMean,
            Uncertain::AnnualResultSpread => Input::AnnualResultSd,
            Uncertain::RealizationShare => Input::RealizationShare,
        }
    }

    /// Its name in files and charts: its input's keys, e.g. `effect_size.mean`.
    pub const fn name(self) -> &'static str {
        self.input().row().keys
    }

    /// Its name for a reader and how far it is moved: "Sannolikhet att lyckas ±25 %".
    pub fn label(self, lang: Lang) -> String {
        let moved = match self {
            Uncertain::EffectLag => Moved::Year,
            Uncertain::CostOverrun => Moved::TenthOfCost,
            Uncertain::SuccessProbability
            | Uncertain::EffectSize
            | Uncertain::Cost
            | Uncertain::Arrivals
            | Uncertain::AnnualResultMean
            | Uncertain::AnnualResultSpread
            | Uncertain::RealizationShare => Moved::Quarter,
        };
        inputs::sensitivity(self.input(), moved, lang)
    }

    /// How `level` sets it, as `sensitivity.csv` says: "-25%", "+1 year", "-0.1 of cost"
    /// (documented in docs/model.md); empty for the scenario as written.
    pub fn change(self, level: Level) -> &'static str {
        let high = match level {
            Level::Base => return "",
            Level::Low => false,
            Level::High => true,
        };
        match (self, high) {
            (Uncertain::EffectLag, false) => "-1 year",
            (Uncertain::EffectLag, true) => "+1 year",
            (Uncertain::CostOverrun, false) => "-0.1 of cost",
            (Uncertain::CostOverrun, true) => "+0.1 of cost",
            (_, false) => "-25%",
            (_, true) => "+25%",
        }
    }

    /// The edits that set this input low (`high = false`) or high in `scenario`, in every project
    /// type and known project; a share or count that would leave its allowed range stops at its
    /// edge. The last result before the start stays as it was when the mean moves.
    pub fn edits(self, scenario: &Scenario, high: bool) -> Vec<Edit> {
        let factor = if high { 1.25 } else { 0.75 };
        let specs = (scenario.project_types().iter().enumerate())
            .map(|(i, t)| ("project_type", i, &t.spec))
            .chain((scenario.projects().iter().enumerate()).map(|(i, p)| ("project", i, &p.spec)));
        let mut edits: Vec<Edit> = specs
            .filter_map(|(section, i, spec)| {
                self.project_edit(spec, |keys| FieldPath::at(section, i, keys), high)
            })
            .collect();
        let annual = &scenario.municipality().annual_result;
        let municipality = |keys, x| Edit::number(FieldPath::of("municipality", keys), x);
        match self {
            Uncertain::Arrivals => {
                for (i, t) in scenario.project_types().iter().enumerate() {
                    let field = FieldPath::at("project_type", i, "arrivals_per_year");
                    let a = t.arrivals_per_year;
                    edits.push(Edit::toward(field, a, a * factor));
                }
            }
            Uncertain::AnnualResultMean => edits.extend([
                municipality(
                    "annual_result.mean",
                    annual.mean + (factor - 1.0) * annual.mean.abs(),
                ),
                municipality("last_result", scenario.municipality().last_result),
            ]),
            Uncertain::AnnualResultSpread => {
                edits.push(municipality("annual_result.sd", annual.sd * factor))
            }
            _ => {}
        }
        edits
    }

    /// The edit of one project type or known project, whose fields `field` names.
    fn project_edit(
        self,
        spec: &ProjectSpec,
        field: impl Fn(&str) -> FieldPath,
        high: bool,
    ) -> Option<Edit> {
        let factor = if high { 1.25 } else { 0.75 };
        let scaled = |keys, x: f64| Edit::toward(field(keys), x, x * factor);
        let (effect, cost, overrun) = (spec.effect_size, spec.cost, spec.cost_overrun);
        Some(match self {
            Uncertain::SuccessProbability => {
                scaled("success_probability", spec.success_probability)
            }
            Uncertain::RealizationShare => scaled("realization_share", spec.realization_share),
            Uncertain::EffectLag => {
                let lag = spec.effect_lag_years as i64;
                let to = if high { lag + 1 } else { lag - 1 };
                Edit::toward_whole(field("effect_lag_years"), lag, to)
            }
            // Distributions are written whole: a file may give them as a plain number.
            Uncertain::EffectSize => Edit::table(
                field("effect_size"),
                vec![("mean", effect.mean * factor), ("sd", effect.sd)],
            ),
            Uncertain::Cost => Edit::table(
                field("cost"),
                vec![("median", cost.median * factor), ("sigma", cost.sigma)],
            ),
            Uncertain::CostOverrun => {
                let mean = overrun.mean + if high { 0.1 } else { -0.1 };
                Edit::table(
                    field("cost_overrun"),
                    vec![("mean", mean), ("sd", overrun.sd)],
                )
            }
            _ => return None,
        })
    }
}

/// Years after the start at which the balance's sensitivity is also reported.
pub const YEARS_AFTER: [usize; 3] = [5, 10, 20];

/// Where an input is set in one run of the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Low,
    High,
    /// The scenario as written.
    Base,
}

/// One design in one run of the sensitivity analysis: a row of `sensitivity.csv`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SensitivityRow {
    /// The input changed ([`Uncertain::name`]), or "base" for the scenario as written.
    pub input: &'static str,
    pub level: Level,
    /// How the input was changed ([`Uncertain::change`]).
    pub change: &'static str,
    pub design: String,
    pub p_depleted_ever: f64,
    pub final_cash_p50: f64,
    /// Median cash 5, 10 and 20 years after the start (the last year if the run is shorter).
    pub cash_p50_year5: f64,
    pub cash_p50_year10: f64,
    pub cash_p50_year20: f64,
    /// Net avoided cost over the projects' whole lives, median, mnkr in start-year prices
    /// (MODEL.md 7.1).
    pub net_saving_lifetime_p50: f64,
    /// Net budget effect over the projects' whole lives, median, mnkr in start-year prices.
    pub budget_effect_lifetime_p50: f64,
    /// The nämnd the design singles out in the scenario as written
    /// ([`crate::results::DesignSummary::singled_out_unit`]), by name: the same unit in every row of a design.
    pub burden_unit: String,
    /// Its net burden summed over the period, median, mnkr.
    pub burden_total_p50: f64,
    /// Its chance of a year in deficit against its frame.
    pub p_any_year_tipped: f64,
}

impl SensitivityRow {
    /// The rows of every design in a run's results, `input` set at `level` (`None`: the
    /// scenario as written); `base` is the run of the scenario as written, which picks the unit
    /// whose burden is reported.
    pub fn of(
        results: &Results,
        base: &Results,
        input: Option<(Uncertain, Level)>,
    ) -> Vec<SensitivityRow> {
        let (input, level, change) = match input {
            Some((input, level)) => (input.name(), level, input.change(level)),
            None => ("base", Level::Base, ""),
        };
        let s = &results.summary;
        let cash_at = |design: &str, after: usize| {
            let year = s.start_year + after.min(s.years - 1) as i64;
            results
                .fund
                .iter()
                .find(|r| r.design == design && r.year == year)
                .map_or(0.0, |r| r.cash_p50)
        };
        (s.designs.iter().zip(&base.summary.designs))
            .map(|(d, as_written)| {
                let unit = as_written.singled_out_unit();
                let burden = unit.map(|u| &d.units[u]);
                SensitivityRow {
                    input,
                    level,
                    change,
                    design: d.name.clone(),
                    p_depleted_ever: d.p_depleted_ever,
                    final_cash_p50: d.final_cash.p50,
                    cash_p50_year5: cash_at(&d.name, YEARS_AFTER[0]),
                    cash_p50_year10: cash_at(&d.name, YEARS_AFTER[1]),
                    cash_p50_year20: cash_at(&d.name, YEARS_AFTER[2]),
                    net_saving_lifetime_p50: d.net_saving_lifetime.p50,
                    budget_effect_lifetime_p50: d.budget_effect_lifetime.p50,
                    burden_unit: unit.map_or(String::new(), |u| s.units[u].name.clone()),
                    burden_total_p50: burden.map_or(0.0, |b| b.burden_total.p50),
                    p_any_year_tipped: burden.map_or(0.0, |b| b.p_any_year_tipped),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Overrides, Source};

    #[test]
    fn low_and_high_stay_in_range() {
        let source = Source::read("scenarios/compare.toml".as_ref(), Overrides::default()).unwrap();
        let scenario = source.scenario();
        let variant =
            |input: Uncertain, high| source.variant(&input.edits(scenario, high)).unwrap();
        for input in Uncertain::ALL {
            for high in [false, true] {
                let s = variant(input, high);
                for t in s.project_types() {
                    assert!(
                        (0.0..=1.0).contains(&t.spec.success_probability),
                        "{input:?}"
                    );
                    assert!((0.0..=1.0).contains(&t.spec.realization_share), "{input:?}");
                    assert!(t.spec.cost.median > 0.0 && t.arrivals_per_year >= 0.0);
                }
                assert!(s.municipality().annual_result.sd >= 0.0);
            }
        }
        // ±25 % of 0.6 is 0.45 and 0.75; a lag of 2 becomes 1 and 3; a realization share of 1
        // stays 1 when raised.
        let low = variant(Uncertain::SuccessProbability, false);
        assert!((low.project_types()[0].spec.success_probability - 0.45).abs() < 1e-12);
        let high = variant(Uncertain::EffectLag, true);
        assert_eq!(high.project_types()[0].spec.effect_lag_years, 3);
        let shares = variant(Uncertain::RealizationShare, true);
        assert!(
            shares
                .project_types()
                .iter()
                .all(|t| t.spec.realization_share <= 1.0)
        );
    }
}
