//! Runs the engine alone — world, ledgers, aggregates — over paths of a scenario on one thread,
//! without files or charts, for counting instructions per path with cachegrind:
//!
//! ```sh
//! cargo build --release --example engine_paths
//! valgrind --tool=cachegrind --cache-sim=no target/release/examples/engine_paths scenarios/bench.toml 2200
//! valgrind --tool=cachegrind --cache-sim=no target/release/examples/engine_paths scenarios/bench.toml 200
//! ```
//!
//! The difference of the two counts, divided by 2000, is what a path costs. Both runs first
//! add 200 paths (from index 1 000 000 on) to a pilot that sets the histograms' ranges, so
//! everything but the counted paths is the same in both.

use sifsim::internals::aggregate::{Accumulator, Layout, Total};
use sifsim::internals::simulate::PathBuffers;
use sifsim::internals::world::Samplers;
use sifsim::scenario::Scenario;

/// Paths of the pilot, and the index of its first path.
const PILOT: (u64, u64) = (200, 1_000_000);

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, scenario, paths] = &args[..] else {
        eprintln!("usage: engine_paths SCENARIO PATHS");
        std::process::exit(2);
    };
    let scenario = Scenario::load(scenario.as_ref()).expect("a valid scenario");
    let paths: u64 = paths.parse().expect("a number of paths");
    let samplers = Samplers::new(&scenario);
    let mut buffers = PathBuffers::new(&scenario);
    let mut pilot = Accumulator::pilot(Layout::of(&scenario));
    for path in PILOT.1..PILOT.1 + PILOT.0 {
        buffers.run_path(&scenario, &samplers, path, &mut pilot);
    }
    let mut aggregates = Accumulator::ranged(&pilot);
    for path in 0..paths {
        buffers.run_path(&scenario, &samplers, path, &mut aggregates);
    }
    // Print a result, so that no work can be left out.
    let slot = aggregates.layout().total(0, Total::NetSavingLifetime);
    println!(
        "{} paths, mean lifetime net saving of the first design: {}",
        aggregates.paths(),
        aggregates.mean(slot)
    );
}
