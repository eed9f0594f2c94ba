//! The engine's parts on the benchmark scenario: sampling a world, applying the designs,
//! aggregating a path, and a whole run of 20 000 paths. `BENCHMARKS.md` has the figures.

use criterion::{Criterion, criterion_group, criterion_main};
use sifsim::aggregate::{Accumulator, Layout};
use sifsim::ledger::Ledger;
use sifsim::scenario::Scenario;
use sifsim::simulate::{Unmonitored, simulate};
use sifsim::world::{Samplers, World};

/// Distinct paths the per-path benchmarks cycle through, so that branch predictors and caches
/// see varied futures as in a real run rather than one future learnt by heart.
const PATHS: usize = 256;

fn engine(c: &mut Criterion) {
    let mut scenario = Scenario::load("scenarios/bench.toml".as_ref()).unwrap();
    let samplers = Samplers::new(&scenario);
    // Every path is sampled and applied up front, so that each benchmark also runs alone
    // (`cargo bench --bench engine -- aggregate`).
    let mut worlds = vec![World::default(); PATHS];
    let mut ledgers = vec![vec![Ledger::default(); scenario.designs.len()]; PATHS];
    for (path, (world, ledgers)) in worlds.iter_mut().zip(&mut ledgers).enumerate() {
        world.sample(&scenario, &samplers, path as u64);
        for (ledger, design) in ledgers.iter_mut().zip(&scenario.designs) {
            ledger.apply(&scenario, design, world);
        }
    }
    let mut path = 0;

    c.bench_function("world: sample one path", |b| {
        b.iter(|| {
            path = (path + 1) % PATHS;
            worlds[path].sample(&scenario, &samplers, path as u64);
        })
    });
    c.bench_function("ledger: apply three designs to one world", |b| {
        b.iter(|| {
            path = (path + 1) % PATHS;
            for (ledger, design) in ledgers[path].iter_mut().zip(&scenario.designs) {
                ledger.apply(&scenario, design, &worlds[path]);
            }
        })
    });
    scenario.paths = 2000;
    let pilot = simulate(&scenario, &Unmonitored).unwrap();
    let mut aggregates = Accumulator::ranged(&pilot);
    assert_eq!(aggregates.layout(), Layout::of(&scenario));
    c.bench_function("aggregate: add one path of three designs", |b| {
        b.iter(|| {
            path = (path + 1) % PATHS;
            aggregates.add_path(&scenario, &worlds[path], &ledgers[path])
        })
    });

    scenario.paths = 20_000;
    let mut group = c.benchmark_group("simulate");
    group.sample_size(10);
    group.bench_function("20 000 paths, all threads", |b| {
        b.iter(|| simulate(&scenario, &Unmonitored).unwrap())
    });
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
