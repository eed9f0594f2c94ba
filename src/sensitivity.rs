//! One-at-a-time sensitivity: each uncertain input set low and high in turn, everything else
//! as in the scenario, every run on the same seed (common random numbers). Shows which inputs
//! move the depletion risk and the fund's balance most, and how that ranking shifts over time.

use serde::Serialize;

use crate::results::Results;
use crate::scenario::{ProjectSpec, Scenario};

/// An uncertain input and how it is set low and high.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
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

impl Input {
    /// Every input, in the order they are reported.
    pub const ALL: [Input; 9] = [
        Input::SuccessProbability,
        Input::EffectSize,
        Input::EffectLag,
        Input::Cost,
        Input::CostOverrun,
        Input::Arrivals,
        Input::AnnualResultMean,
        Input::AnnualResultSpread,
        Input::RealizationShare,
    ];

    /// Its name in files and charts.
    pub fn name(self) -> &'static str {
        match self {
            Input::SuccessProbability => "success_probability",
            Input::EffectSize => "effect_size.mean",
            Input::EffectLag => "effect_lag_years",
            Input::Cost => "cost.median",
            Input::CostOverrun => "cost_overrun.mean",
            Input::Arrivals => "arrivals_per_year",
            Input::AnnualResultMean => "annual_result.mean",
            Input::AnnualResultSpread => "annual_result.sd",
            Input::RealizationShare => "realization_share",
        }
    }

    /// How low and high are set (documented in docs/model.md).
    pub fn change(self) -> &'static str {
        match self {
            Input::EffectLag => "±1 year",
            Input::CostOverrun => "±0.1 of cost",
            _ => "±25 %",
        }
    }

    /// The scenario with this input set low (`high = false`) or high, kept in its allowed range.
    pub fn apply(self, scenario: &Scenario, high: bool) -> Scenario {
        let mut scenario = scenario.clone();
        let factor = if high { 1.25 } else { 0.75 };
        let scale = |x: f64| x * factor;
        let spec = |spec: &mut ProjectSpec| match self {
            Input::SuccessProbability => {
                spec.success_probability = scale(spec.success_probability).min(1.0)
            }
            Input::EffectSize => spec.effect_size.mean = scale(spec.effect_size.mean),
            Input::EffectLag => {
                spec.effect_lag_years = if high {
                    spec.effect_lag_years + 1
                } else {
                    spec.effect_lag_years.saturating_sub(1)
                }
            }
            Input::Cost => spec.cost.median = scale(spec.cost.median),
            Input::CostOverrun => spec.cost_overrun.mean += if high { 0.1 } else { -0.1 },
            Input::RealizationShare => {
                spec.realization_share = scale(spec.realization_share).min(1.0)
            }
            _ => {}
        };
        scenario
            .project_types
            .iter_mut()
            .for_each(|t| spec(&mut t.spec));
        scenario.projects.iter_mut().for_each(|p| spec(&mut p.spec));
        let annual = &mut scenario.municipality.annual_result;
        match self {
            Input::Arrivals => {
                for t in &mut scenario.project_types {
                    t.arrivals_per_year = scale(t.arrivals_per_year).min(1000.0);
                }
            }
            Input::AnnualResultMean => annual.mean += (factor - 1.0) * annual.mean.abs(),
            Input::AnnualResultSpread => annual.sd = scale(annual.sd),
            _ => {}
        }
        scenario
    }
}

/// Years after the start at which the balance's sensitivity is also reported.
pub const YEARS_AFTER: [usize; 3] = [5, 10, 20];

/// One design in one run of the sensitivity analysis: a row of `sensitivity.csv`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SensitivityRow {
    /// The input changed, or "base" for the scenario as written.
    pub input: String,
    /// "low", "high" or "base".
    pub level: String,
    /// How the input was changed.
    pub change: String,
    pub design: String,
    pub p_depleted_ever: f64,
    pub final_cash_p50: f64,
    /// Median cash 5, 10 and 20 years after the start (the last year if the run is shorter).
    pub cash_p50_year5: f64,
    pub cash_p50_year10: f64,
    pub cash_p50_year20: f64,
}

impl SensitivityRow {
    /// The rows of every design in a run's results.
    pub fn of(results: &Results, input: &str, level: &str, change: &str) -> Vec<SensitivityRow> {
        let s = &results.summary;
        let cash_at = |design: &str, after: usize| {
            let year = s.start_year + after.min(s.years - 1) as i64;
            results
                .fund
                .iter()
                .find(|r| r.design == design && r.year == year)
                .map_or(0.0, |r| r.cash_p50)
        };
        s.designs
            .iter()
            .map(|d| SensitivityRow {
                input: input.into(),
                level: level.into(),
                change: change.into(),
                design: d.name.clone(),
                p_depleted_ever: d.p_depleted_ever,
                final_cash_p50: d.final_cash.p50,
                cash_p50_year5: cash_at(&d.name, YEARS_AFTER[0]),
                cash_p50_year10: cash_at(&d.name, YEARS_AFTER[1]),
                cash_p50_year20: cash_at(&d.name, YEARS_AFTER[2]),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn low_and_high_stay_in_range() {
        let scenario = Scenario::load("scenarios/compare.toml".as_ref()).unwrap();
        for input in Input::ALL {
            for high in [false, true] {
                let s = input.apply(&scenario, high);
                for t in &s.project_types {
                    assert!(
                        (0.0..=1.0).contains(&t.spec.success_probability),
                        "{input:?}"
                    );
                    assert!((0.0..=1.0).contains(&t.spec.realization_share), "{input:?}");
                    assert!(t.spec.cost.median > 0.0 && t.arrivals_per_year >= 0.0);
                }
                assert!(s.municipality.annual_result.sd >= 0.0);
            }
        }
        // ±25 % of 0.6 is 0.45 and 0.75; a lag of 2 becomes 1 and 3.
        let low = Input::SuccessProbability.apply(&scenario, false);
        assert!((low.project_types[0].spec.success_probability - 0.45).abs() < 1e-12);
        let high = Input::EffectLag.apply(&scenario, true);
        assert_eq!(high.project_types[0].spec.effect_lag_years, 3);
    }
}
