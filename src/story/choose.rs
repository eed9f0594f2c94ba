//! Which future to tell: one asked for by number, a typical one where the fund ran dry, or one
//! where a förvaltning bore much. Finding the last two takes a pass over every path, on the
//! simulator's threads; its result does not depend on their number.

use rayon::prelude::*;

use super::Choice;
use crate::ledger::Ledger;
use crate::scenario::Scenario;
use crate::simulate::Interrupted;
use crate::simulator::{Simulator, TooLarge, Work};
use crate::source::UnknownDesign;
use crate::world::{Samplers, World};

/// The percentile `--worst-burden` picks.
const WORST_BURDEN_PERCENTILE: f64 = 0.95;

/// Which future to tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// The path of this number (0-based).
    Path(u64),
    /// Among the paths where the fund ran dry, the lowest-numbered whose first turn-down for
    /// money came in the median such year.
    RanDry,
    /// The path at the 95th percentile of this unit's (by id) total burden.
    WorstBurden(String),
}

/// A future asked for that the scenario does not have. Exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum PickError {
    #[error("--worst-burden \"{id}\": the scenario has no such unit; its units are {units}")]
    UnknownUnit { id: String, units: String },
    #[error("--path {path}: the scenario has {paths} paths, numbered 0 to {}; give a smaller --path or more --paths", paths - 1)]
    NoSuchPath { path: u64, paths: u64 },
}

/// Why a future was not told.
#[derive(Debug, thiserror::Error)]
pub enum StoryError {
    #[error(transparent)]
    UnknownDesign(#[from] UnknownDesign),
    #[error(transparent)]
    Pick(#[from] PickError),
    /// Finding the future takes a pass over the paths that is too large.
    #[error(transparent)]
    TooLarge(#[from] TooLarge),
    /// The simulator's monitor cancelled that pass.
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
}

/// The path `pick` chooses for design `design` (an index), and why; `None` for
/// [`Pick::RanDry`] when the fund ran dry on no path.
pub fn choose(
    simulator: &Simulator,
    scenario: &Scenario,
    design: usize,
    pick: &Pick,
) -> Result<Option<(u64, Choice)>, StoryError> {
    match pick {
        &Pick::Path(path) => {
            if path >= scenario.paths() {
                let paths = scenario.paths();
                return Err(PickError::NoSuchPath { path, paths }.into());
            }
            Ok(Some((path, Choice::Asked)))
        }
        Pick::RanDry => {
            let first_dry = each_path(simulator, scenario, design, |ledger| {
                ledger.years().iter().position(|y| y.depleted)
            })?;
            let mut dry: Vec<(usize, u64)> = (first_dry.into_iter().zip(0..))
                .filter_map(|(year, path)| Some((year?, path)))
                .collect();
            dry.sort_unstable();
            let Some(&(median, _)) = dry.get(dry.len().saturating_sub(1) / 2) else {
                return Ok(None);
            };
            // Sorted by year then path: the first of the median year is its lowest path.
            let path = dry[dry.partition_point(|&(year, _)| year < median)].1;
            let why = Choice::RanDry {
                ran_dry: dry.len() as u64,
                year: scenario.calendar_year(median),
            };
            Ok(Some((path, why)))
        }
        Pick::WorstBurden(id) => {
            let u = unit_index(scenario, id)?;
            let totals = each_path(simulator, scenario, design, |ledger| {
                (0..scenario.years())
                    .map(|t| ledger.burden(t, u))
                    .sum::<f64>()
            })?;
            let mut ranked: Vec<(f64, u64)> = totals.into_iter().zip(0..).collect();
            ranked.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            // The nearest rank: the smallest burden at least 95 % of the paths do not exceed.
            let rank = (WORST_BURDEN_PERCENTILE * ranked.len() as f64).ceil() as usize;
            let burden = ranked[rank.max(1) - 1].0;
            // Sorted by burden then path: the first of an equal burden is its lowest path.
            let path = ranked[ranked.partition_point(|r| r.0 < burden)].1;
            let unit = scenario.units()[u].name.clone();
            Ok(Some((path, Choice::WorstBurden { unit, burden })))
        }
    }
}

/// The index of the unit with id `id`; refused, listing the units there are, when none has it.
fn unit_index(scenario: &Scenario, id: &str) -> Result<usize, PickError> {
    if let Some(u) = scenario.units().iter().position(|u| u.id == id) {
        return Ok(u);
    }
    let units: Vec<String> = (scenario.units().iter())
        .map(|u| format!("\"{}\" ({})", u.id, u.name))
        .collect();
    Err(PickError::UnknownUnit {
        id: id.to_string(),
        units: units.join(", "),
    })
}

/// `read` of design `design`'s ledger on every path, in path order; refused when the
/// simulation would be, stopped when the simulator's monitor cancels.
fn each_path<T: Send>(
    simulator: &Simulator,
    scenario: &Scenario,
    design: usize,
    read: impl Fn(&Ledger) -> T + Sync,
) -> Result<Vec<T>, StoryError> {
    simulator.check(Work::Run, simulator.cost(scenario))?;
    let samplers = Samplers::new(scenario);
    let monitor = simulator.monitor();
    let rules = &scenario.designs()[design];
    let values = simulator.install(|| {
        (0..scenario.paths() as usize)
            .into_par_iter()
            .map_init(
                || (World::default(), Ledger::default()),
                |(world, ledger), path| {
                    if monitor.cancelled() {
                        return None;
                    }
                    world.sample(scenario, &samplers, path as u64);
                    ledger.apply(scenario, rules, world);
                    Some(read(ledger))
                },
            )
            .collect::<Option<Vec<T>>>()
    });
    Ok(values.ok_or(Interrupted)?)
}
