//! `sifsim sweep`: the scenario once per point of the settings' grid, on the same futures.

use std::path::PathBuf;

use super::{Job, Options, provenance};
use crate::error::Error;
use crate::export::{self, Sweep};
use crate::simulator::{Simulator, Work};
use crate::source::Source;
use crate::sweep::{self, Setting, SweepError, SweepMetrics, SweepRow};

/// Most points a sweep's grid may have.
const MAX_GRID_POINTS: f64 = 100_000.0;

/// What the user asked of a sweep.
#[derive(Debug, Clone, Default)]
pub struct SweepRequest {
    pub options: Options,
    pub settings: Vec<Setting>,
    /// Keep only this design.
    pub design: Option<String>,
}

/// A finished sweep.
#[derive(Debug)]
pub struct SweepOutcome {
    /// Each grid point's values, and one design's metrics there.
    pub rows: Vec<SweepRow>,
    /// The folder `sweep.csv` was written to.
    pub out: PathBuf,
}

/// Runs a sweep on common random numbers and writes `sweep.csv` and its charts.
pub fn sweep(simulator: &Simulator, request: &SweepRequest) -> Result<SweepOutcome, Error> {
    let source = (request.options).source(request.design.as_deref())?;
    let out = request
        .options
        .out(Job::Sweep, &source, &request.settings)?;
    let rows = rows(simulator, &source, &request.settings)?;
    let sweep = Sweep {
        base: source.scenario(),
        settings: &request.settings,
        rows: &rows,
    };
    let options = &request.options;
    let provenance = provenance(Job::Sweep, &source, &request.settings);
    let monitor = simulator.monitor();
    export::write_sweep(
        &out,
        &sweep,
        options.lang,
        options.xlsx,
        provenance,
        monitor,
    )?;
    Ok(SweepOutcome { rows, out })
}

/// Each grid point's metrics.
pub(super) fn rows(
    simulator: &Simulator,
    source: &Source,
    settings: &[Setting],
) -> Result<Vec<SweepRow>, Error> {
    let mut rows = Vec::new();
    each_point(simulator, source, settings, |point, results| {
        let metrics = SweepMetrics::of(results).into_iter();
        rows.extend(metrics.map(|m| (point.to_vec(), m)));
    })?;
    Ok(rows)
}

/// Simulates every point of the settings' grid on the same futures, handing `each` the point's
/// values and results in grid order. The grid's size is refused first by its estimate, then
/// every point is validated and the whole grid's cost checked before any runs.
pub(super) fn each_point(
    simulator: &Simulator,
    source: &Source,
    settings: &[Setting],
    mut each: impl FnMut(&[f64], &crate::results::Results),
) -> Result<(), Error> {
    sweep::check_distinct(settings)?;
    let points = sweep::grid_size(settings);
    let estimate = simulator.cost(source.scenario()).times(points);
    if points > MAX_GRID_POINTS {
        let message = format!(
            "{} (about {:.0} hours); at most {MAX_GRID_POINTS:.0}",
            Work::Grid(points),
            estimate.hours()
        );
        return Err(SweepError::grid(settings, message).into());
    }
    (simulator.check(Work::Grid(points), estimate)).map_err(|e| Error::in_file(e, &source.path))?;
    let grid = sweep::grid(settings);
    let scenarios =
        || (grid.iter()).map(|point| sweep::variant(source, settings, point).map_err(Error::from));
    let each = |i: usize, results| {
        each(&grid[i], &results);
        Ok(())
    };
    (simulator.simulate_each(Work::Grid(points), scenarios, each))
        .map_err(|e| Error::in_file(e, &source.path))
}
