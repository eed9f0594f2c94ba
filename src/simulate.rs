//! The Monte Carlo driver: samples each path's world, applies every design, aggregates.
//!
//! Paths run in parallel on the current rayon pool. Each worker reuses its buffers from path to
//! path, and accumulators merge exactly, so the result is bit-identical for any thread count.

use std::ops::Range;

use rayon::prelude::*;

use crate::aggregate::{Accumulator, Layout};
pub use crate::labels::table::Phase;
use crate::ledger::Ledger;
use crate::scenario::Scenario;
use crate::world::{Samplers, World};

/// Paths in the pilot run that fixes the histograms' ranges (the first paths of the run).
pub const PILOT_PATHS: u64 = 2000;
/// Most bytes a pilot that is the whole run keeps to fill the histograms from; above it, the
/// run's paths are run again after the pilot.
const MAX_RECORDING_BYTES: u64 = 64 << 20;
/// Fewest paths a parallel job takes, so that workers' buffers are set up rarely.
const MIN_PATHS_PER_JOB: usize = 256;
/// A worker reports progress after this many paths.
const REPORT_EVERY: u64 = 1024;

/// Watches a run: hears progress and may ask it to stop.
pub trait Monitor: Sync {
    /// The main run of `paths` paths begins.
    fn started(&self, _paths: u64) {}
    /// `paths` more paths of the main run are done.
    fn paths_done(&self, _paths: u64) {}
    /// True when the run should stop (e.g. after Ctrl-C).
    fn cancelled(&self) -> bool {
        false
    }
    /// The run enters `phase`.
    fn phase(&self, _phase: Phase) {}
}

/// A monitor that hears nothing and never cancels.
pub struct Unmonitored;

impl Monitor for Unmonitored {}

/// The run was cancelled by its monitor.
#[derive(Debug, thiserror::Error)]
#[error("interrupted; no results were written")]
pub struct Interrupted;

/// Runs `scenario.paths` paths and returns their aggregates.
///
/// A pilot over the first paths fixes the histograms' ranges, then every path is run. When the
/// pilot is every path (at most [`PILOT_PATHS`]) it keeps each path's values, and the
/// histograms are filled from them instead of running the paths again: the same aggregates.
pub fn simulate(scenario: &Scenario, monitor: &dyn Monitor) -> Result<Accumulator, Interrupted> {
    monitor.phase(Phase::Simulating);
    let layout = Layout::of(scenario);
    let paths = scenario.paths();
    let whole_run =
        paths <= PILOT_PATHS && Accumulator::recording_bytes(layout, paths) <= MAX_RECORDING_BYTES;
    let empty = if whole_run {
        Accumulator::recording_pilot(layout)
    } else {
        Accumulator::pilot(layout)
    };
    let pilot = run(scenario, 0..paths.min(PILOT_PATHS), empty, None, monitor);
    monitor.started(paths);
    let main = if whole_run {
        monitor.paths_done(paths);
        Accumulator::replayed(&pilot)
    } else {
        run(
            scenario,
            0..paths,
            Accumulator::ranged(&pilot),
            Some(monitor),
            monitor,
        )
    };
    if monitor.cancelled() {
        Err(Interrupted)
    } else {
        Ok(main)
    }
}

/// The buffers a path is computed in, reused from path to path: its world and each design's
/// ledger.
#[derive(Debug, Clone)]
pub struct PathBuffers {
    world: World,
    ledgers: Vec<Ledger>,
}

impl PathBuffers {
    /// Empty buffers for `scenario`'s designs.
    pub fn new(scenario: &Scenario) -> PathBuffers {
        PathBuffers {
            world: World::default(),
            ledgers: vec![Ledger::default(); scenario.designs().len()],
        }
    }

    /// Samples path `path`, applies every design to it and adds it to `aggregates`.
    pub fn run_path(
        &mut self,
        scenario: &Scenario,
        samplers: &Samplers,
        path: u64,
        aggregates: &mut Accumulator,
    ) {
        self.world.sample(scenario, samplers, path);
        for (ledger, design) in self.ledgers.iter_mut().zip(scenario.designs()) {
            ledger.apply(scenario, design, &self.world);
        }
        aggregates.add_path(scenario, &self.world, &self.ledgers);
    }
}

/// What one worker keeps from path to path.
struct Worker {
    buffers: PathBuffers,
    aggregates: Accumulator,
    unreported: u64,
}

fn run(
    scenario: &Scenario,
    paths: Range<u64>,
    empty: Accumulator,
    progress: Option<&dyn Monitor>,
    monitor: &dyn Monitor,
) -> Accumulator {
    let samplers = Samplers::new(scenario);
    let paths = paths.start as usize..paths.end as usize;
    let report = |worker: &mut Worker| {
        if let Some(progress) = progress {
            progress.paths_done(worker.unreported);
        }
        worker.unreported = 0;
    };
    paths
        .into_par_iter()
        .with_min_len(MIN_PATHS_PER_JOB)
        .fold(
            || Worker {
                buffers: PathBuffers::new(scenario),
                aggregates: empty.clone(),
                unreported: 0,
            },
            |mut worker, path| {
                if monitor.cancelled() {
                    return worker;
                }
                worker
                    .buffers
                    .run_path(scenario, &samplers, path as u64, &mut worker.aggregates);
                worker.unreported += 1;
                if worker.unreported == REPORT_EVERY {
                    report(&mut worker);
                }
                worker
            },
        )
        .map(|mut worker| {
            report(&mut worker);
            worker.aggregates
        })
        .reduce(|| empty.clone(), Accumulator::merge)
}
