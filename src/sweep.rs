//! Sweeps: the same scenario run once per setting of one or more fields, every run on the same
//! seed, so that differences between settings are the settings', not noise.
//!
//! A setting is an [`Edit`] of the scenario file, so a swept value is checked like any value
//! written in the file.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::edit::{Edit, EditError, FieldPath};
use crate::results::Results;
use crate::scenario::{Input, Scenario, shown};
use crate::source::{Source, SourceError};
use crate::tune::Figures;

/// `--set PATH=VALUES`: a field and the values it takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting {
    /// The field as written, e.g. `design[Örebro].repayment.floor_share`: the header of its
    /// column.
    pub path: String,
    pub field: FieldPath,
    pub values: Vec<f64>,
}

impl fmt::Display for Setting {
    /// As written on the command line, with every value listed: `PATH=3,4,5`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let values: Vec<String> = self.values.iter().map(|&v| shown(v)).collect();
        write!(f, "{}={}", self.path, values.join(","))
    }
}

/// What is wrong with a `--set` or with applying it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--set {setting}: {message}")]
pub struct SweepError {
    setting: String,
    message: String,
}

impl SweepError {
    /// A problem of the whole grid of `settings`.
    pub fn grid(settings: &[Setting], message: impl fmt::Display) -> SweepError {
        let texts: Vec<String> = settings.iter().map(Setting::to_string).collect();
        error(&texts.join(" --set "), message)
    }

    /// The scenario is not valid at one point of the grid: `point` holds each setting's value.
    pub fn point(settings: &[Setting], point: &[f64], problem: impl fmt::Display) -> SweepError {
        let texts: Vec<String> = settings
            .iter()
            .zip(point)
            .map(|(s, &v)| format!("{}={}", s.path, shown(v)))
            .collect();
        error(
            &texts.join(" --set "),
            format!("with this value the scenario is not valid; nothing was run:\n{problem}"),
        )
    }
}

fn error(setting: &str, message: impl fmt::Display) -> SweepError {
    SweepError {
        setting: setting.to_string(),
        message: message.to_string(),
    }
}

/// Most values one `--set` may give.
const MAX_VALUES: usize = 1000;
/// Fields a sweep cannot vary, in `[simulation]`: every point runs on the same futures.
const FIXED: [&str; 2] = ["paths", "seed"];

/// Refuses settings that name the same field twice.
pub fn check_distinct(settings: &[Setting]) -> Result<(), SweepError> {
    for (i, setting) in settings.iter().enumerate() {
        if settings[..i].iter().any(|s| s.field == setting.field) {
            return Err(error(
                &setting.to_string(),
                "this field is set twice; give all its values in one --set",
            ));
        }
    }
    Ok(())
}

/// The number of points of the settings' grid, as a float so that it cannot overflow.
pub fn grid_size(settings: &[Setting]) -> f64 {
    settings.iter().map(|s| s.values.len() as f64).product()
}

impl FromStr for Setting {
    type Err = SweepError;

    /// `PATH=3,5,8`, `PATH=3..10` (whole numbers, both ends included) or `PATH=0..0.5:0.1`.
    fn from_str(text: &str) -> Result<Setting, SweepError> {
        let (path, values) = text.split_once('=').ok_or_else(|| {
            error(
                text,
                "expected PATH=VALUES, e.g. design.repayment.horizon_years=3..10",
            )
        })?;
        let number = |s: &str| {
            s.trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| error(text, format!("'{s}' is not a number")))
        };
        let values = if let Some((from, rest)) = values.split_once("..") {
            let (to, step) = match rest.split_once(':') {
                Some((to, step)) => (number(to)?, number(step)?),
                None => (number(rest)?, 1.0),
            };
            let from = number(from)?;
            if step <= 0.0 || to < from {
                return Err(error(
                    text,
                    "a range needs FROM <= TO and a step above 0, e.g. 0..0.5:0.1",
                ));
            }
            // Counted in floating point: a huge range must not wrap around when cast.
            let count = ((to - from) / step + 1e-9).floor() + 1.0;
            if count > MAX_VALUES as f64 {
                return Err(error(
                    text,
                    format!("{count:.0} values; at most {MAX_VALUES}"),
                ));
            }
            let count = count as usize;
            // From the index, not by adding steps, and rounded to 12 decimals: 0.1 steps stay round.
            (0..count)
                .map(|i| ((from + i as f64 * step) * 1e12).round() / 1e12)
                .collect()
        } else {
            values
                .split(',')
                .map(number)
                .collect::<Result<Vec<_>, _>>()?
        };
        let path = path.trim().to_string();
        let field: FieldPath = path
            .parse()
            .map_err(|e: EditError| error(text, e.message))?;
        if FIXED
            .map(|key| FieldPath::of("simulation", key))
            .contains(&field)
        {
            return Err(error(
                text,
                "paths and seed are the same for every point of a sweep; use --paths or --seed",
            ));
        }
        // A field of the table of inputs that holds whole numbers takes only whole numbers: a
        // file could not hold 2.5 years.
        let whole = Input::at(&field).filter(|input| input.whole());
        if let Some(v) = values.iter().find(|v| whole.is_some() && v.fract() != 0.0) {
            return Err(error(
                text,
                format!("{path} takes whole numbers; {v} is not one"),
            ));
        }
        Ok(Setting {
            path,
            field,
            values,
        })
    }
}

impl From<EditError> for SweepError {
    fn from(e: EditError) -> SweepError {
        error(&e.field, e.message)
    }
}

/// The scenario at one point of the settings' grid: each value written into the file and the
/// whole validated like the file.
pub fn variant(
    source: &Source,
    settings: &[Setting],
    point: &[f64],
) -> Result<Scenario, SweepError> {
    let edits: Vec<Edit> = (settings.iter().zip(point))
        .map(|(setting, &value)| Edit::number(setting.field.clone(), value))
        .collect();
    // Every kind named, so that a new one is sorted here. Numbers on fields the settings have
    // already resolved can only fail validation; the point then names its values.
    source.variant(&edits).map_err(|e| match e {
        SourceError::Edit(e) => e.into(),
        e @ (SourceError::Scenario(_) | SourceError::UnknownDesign(_) | SourceError::Text(_)) => {
            SweepError::point(settings, point, e)
        }
    })
}

/// Every combination of the settings' values, the first setting varying slowest.
pub fn grid(settings: &[Setting]) -> Vec<Vec<f64>> {
    settings.iter().fold(vec![Vec::new()], |points, setting| {
        points
            .iter()
            .flat_map(|point| {
                setting.values.iter().map(move |&v| {
                    let mut point = point.clone();
                    point.push(v);
                    point
                })
            })
            .collect()
    })
}

/// A grid point's values, and one design's metrics there.
pub type SweepRow = (Vec<f64>, SweepMetrics);

/// One design at one setting: the row of `sweep.csv` after the setting's columns.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SweepMetrics {
    pub design: String,
    /// Share of paths turned down for money in the last simulated year.
    pub p_depleted_last_year: f64,
    /// Share of paths turned down for money in some year.
    pub p_depleted_ever: f64,
    pub final_cash_p5: f64,
    pub final_cash_p50: f64,
    pub final_cash_p95: f64,
    pub approved_mean: f64,
    pub recycled_share: f64,
    pub net_saving_mean: f64,
    /// Over the funded projects' whole lives, start-year prices.
    pub net_saving_lifetime_mean: f64,
    pub p_net_saving_lifetime_positive: f64,
    /// Budget room freed, net, over the funded projects' whole lives, start-year prices.
    pub budget_effect_lifetime_mean: f64,
    pub p_budget_effect_lifetime_positive: f64,
    /// The highest 95th percentile of a yearly burden over units and years, mnkr.
    pub worst_unit_burden_p95: f64,
    /// The same as a share of that unit's frame.
    pub worst_unit_burden_share_p95: f64,
    /// The highest chance over units of being tipped into deficit in some year.
    pub p_any_unit_tipped: f64,
    /// Every figure `tune` accepts, by its name there (`sweep.csv`'s last columns).
    #[serde(skip)]
    pub figures: Vec<(String, f64)>,
}

impl SweepMetrics {
    /// The sweep's metrics of every design in a run's results.
    pub fn of(results: &Results) -> Vec<SweepMetrics> {
        let last_year = results.summary.start_year + results.summary.years as i64 - 1;
        results
            .summary
            .designs
            .iter()
            .map(|d| {
                let fund_last = results
                    .fund
                    .iter()
                    .find(|r| r.design == d.name && r.year == last_year);
                let units = results.units.iter().filter(|r| r.design == d.name);
                let max = |values: &mut dyn Iterator<Item = f64>| {
                    values.fold(f64::NEG_INFINITY, f64::max)
                };
                SweepMetrics {
                    design: d.name.clone(),
                    p_depleted_last_year: fund_last.map_or(0.0, |r| r.p_depleted),
                    p_depleted_ever: d.p_depleted_ever,
                    final_cash_p5: d.final_cash.p5,
                    final_cash_p50: d.final_cash.p50,
                    final_cash_p95: d.final_cash.p95,
                    approved_mean: d.approved.mean,
                    recycled_share: d.recycled_share,
                    net_saving_mean: d.net_saving.mean,
                    net_saving_lifetime_mean: d.net_saving_lifetime.mean,
                    p_net_saving_lifetime_positive: d.p_net_saving_lifetime_positive,
                    budget_effect_lifetime_mean: d.budget_effect_lifetime.mean,
                    p_budget_effect_lifetime_positive: d.p_budget_effect_lifetime_positive,
                    worst_unit_burden_p95: max(&mut units.clone().map(|r| r.burden_p95)),
                    worst_unit_burden_share_p95: max(&mut units.map(|r| r.burden_share_p95)),
                    p_any_unit_tipped: max(&mut d.units.iter().map(|u| u.p_any_year_tipped)),
                    figures: Figures::of(d).all(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<f64>, SweepError> {
        text.parse::<Setting>().map(|s| s.values)
    }

    #[test]
    fn values_are_lists_or_ranges() {
        assert_eq!(parse("a.b=3,5,8").unwrap(), vec![3.0, 5.0, 8.0]);
        assert_eq!(parse("a.b=3..6").unwrap(), vec![3.0, 4.0, 5.0, 6.0]);
        assert_eq!(parse("a.b=0..0.3:0.1").unwrap(), vec![0.0, 0.1, 0.2, 0.3]);
        assert!(
            parse("a.b=5..3")
                .unwrap_err()
                .to_string()
                .contains("FROM <= TO")
        );
        assert!(parse("a.b=0..1:0").is_err());
        assert!(
            parse("a.b=x")
                .unwrap_err()
                .to_string()
                .contains("'x' is not a number")
        );
        assert!(
            parse("a.b")
                .unwrap_err()
                .to_string()
                .contains("PATH=VALUES")
        );
        assert!(
            parse("a.b=0..1:0.000001")
                .unwrap_err()
                .to_string()
                .contains("at most")
        );
    }

    #[test]
    fn the_grid_has_every_combination() {
        let settings: Vec<Setting> = ["a.x=1,2", "b.x=10,20,30"]
            .iter()
            .map(|s| s.parse().unwrap())
            .collect();
        let grid = grid(&settings);
        assert_eq!(grid.len(), 6);
        assert_eq!(grid[0], vec![1.0, 10.0]);
        assert_eq!(grid[5], vec![2.0, 30.0]);
    }
}
