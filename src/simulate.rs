//! The Monte Carlo driver: samples each path's world, applies every design, aggregates.
//!
//! Paths run in parallel on the current rayon pool. Each worker reuses its buffers from path to
//! path, and accumulators merge exactly, so the result is bit-identical for any thread count.

use std::ops::Range;

use rayon::prelude::*;

use crate::aggregate::{Accumulator, Layout};
use crate::ledger::Ledger;
use crate::scenario::Scenario;
use crate::world::{Samplers, World};

/// Paths in the pilot run that fixes the histograms' ranges (the first paths of the run).
pub const PILOT_PATHS: u64 = 2000;
/// Fewest paths a parallel job takes, so that workers' buffers are set up rarely.
const MIN_PATHS_PER_JOB: usize = 256;

/// Runs `scenario.paths` paths and returns their aggregates; `on_paths_done` is told how
/// many paths each finished job ran (for progress).
pub fn simulate(scenario: &Scenario, on_paths_done: &(dyn Fn(u64) + Sync)) -> Accumulator {
    let layout = Layout::of(scenario);
    let pilot = run(
        scenario,
        0..scenario.paths.min(PILOT_PATHS),
        Accumulator::pilot(layout),
        &|_| {},
    );
    run(
        scenario,
        0..scenario.paths,
        Accumulator::ranged(&pilot),
        on_paths_done,
    )
}

/// The buffers one worker reuses from path to path.
struct Worker {
    world: World,
    ledgers: Vec<Ledger>,
    aggregates: Accumulator,
}

fn run(
    scenario: &Scenario,
    paths: Range<u64>,
    empty: Accumulator,
    on_paths_done: &(dyn Fn(u64) + Sync),
) -> Accumulator {
    let samplers = Samplers::new(scenario);
    let paths = paths.start as usize..paths.end as usize;
    paths
        .into_par_iter()
        .with_min_len(MIN_PATHS_PER_JOB)
        .fold(
            || Worker {
                world: World::default(),
                ledgers: vec![Ledger::default(); scenario.designs.len()],
                aggregates: empty.clone(),
            },
            |mut worker, path| {
                worker.world.sample(scenario, &samplers, path as u64);
                for (ledger, design) in worker.ledgers.iter_mut().zip(&scenario.designs) {
                    ledger.apply(scenario, design, &worker.world);
                }
                worker
                    .aggregates
                    .add_path(scenario, &worker.world, &worker.ledgers);
                worker
            },
        )
        .map(|worker| {
            on_paths_done(worker.aggregates.paths());
            worker.aggregates
        })
        .reduce(|| empty.clone(), Accumulator::merge)
}
