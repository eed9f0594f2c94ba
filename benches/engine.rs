//! The engine's parts on the benchmark scenario: sampling a world, applying the designs,
//! aggregating a path, and a whole run of 20 000 paths; and, as a floor, drawing a world's
//! random numbers without keeping them. `BENCHMARKS.md` has the figures.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use rand::RngExt;
use rand_distr::{StandardNormal, StandardUniform};
use sifsim::internals::aggregate::{Accumulator, Layout};
use sifsim::internals::ledger::Ledger;
use sifsim::internals::simulate::{Unmonitored, simulate};
use sifsim::internals::world::{Poisson, Samplers, World, stream_rng};
use sifsim::scenario::Scenario;

/// Distinct paths the per-path benchmarks cycle through, so that branch predictors and caches
/// see varied futures as in a real run rather than one future learnt by heart.
const PATHS: usize = 256;

fn engine(c: &mut Criterion) {
    let mut scenario = Scenario::load("scenarios/bench.toml".as_ref()).unwrap();
    let samplers = Samplers::new(&scenario);
    // Every path is sampled and applied up front, so that each benchmark also runs alone
    // (`cargo bench --bench engine -- aggregate`).
    let mut worlds = vec![World::default(); PATHS];
    let mut ledgers = vec![vec![Ledger::default(); scenario.designs().len()]; PATHS];
    for (path, (world, ledgers)) in worlds.iter_mut().zip(&mut ledgers).enumerate() {
        world.sample(&scenario, &samplers, path as u64);
        for (ledger, design) in ledgers.iter_mut().zip(scenario.designs()) {
            ledger.apply(&scenario, design, world);
        }
    }
    let mut path = 0;

    let poisson = |mean: f64| Poisson::new(mean).unwrap();
    let types: Vec<Arrivals> = (scenario.project_types().iter())
        .map(|t| (poisson(t.arrivals_per_year), poisson(t.spec.extra_lag_mean)))
        .collect();
    c.bench_function("world: its random numbers alone", |b| {
        b.iter(|| {
            path = (path + 1) % PATHS;
            draw_random_numbers(&scenario, &types, path as u64)
        })
    });
    c.bench_function("world: sample one path", |b| {
        b.iter(|| {
            path = (path + 1) % PATHS;
            worlds[path].sample(&scenario, &samplers, path as u64);
        })
    });
    c.bench_function("ledger: apply three designs to one world", |b| {
        b.iter(|| {
            path = (path + 1) % PATHS;
            for (ledger, design) in ledgers[path].iter_mut().zip(scenario.designs()) {
                ledger.apply(&scenario, design, &worlds[path]);
            }
        })
    });
    scenario = scenario.with_futures(Some(2000), None).unwrap();
    let pilot = simulate(&scenario, &Unmonitored).unwrap();
    let mut aggregates = Accumulator::ranged(&pilot);
    assert_eq!(aggregates.layout(), Layout::of(&scenario));
    c.bench_function("aggregate: add one path of three designs", |b| {
        b.iter(|| {
            path = (path + 1) % PATHS;
            aggregates.add_path(&scenario, &worlds[path], &ledgers[path])
        })
    });

    scenario = scenario.with_futures(Some(20_000), None).unwrap();
    let mut group = c.benchmark_group("simulate");
    group.sample_size(10);
    group.bench_function("20 000 paths, all threads", |b| {
        b.iter(|| simulate(&scenario, &Unmonitored).unwrap())
    });
    group.finish();
}

/// A project type's Poisson distributions: arrivals and extra delay.
type Arrivals = (Poisson, Poisson);

/// Draws as many random numbers, of the same kinds, as sampling a world of `scenario` does,
/// and keeps none: the least any engine drawing these futures must spend on a path. (Known
/// projects, which the benchmark scenario has none of, are left out.)
fn draw_random_numbers(scenario: &Scenario, types: &[Arrivals], path: u64) -> f64 {
    let mut rng = stream_rng(scenario.seed(), path, 0);
    let mut normals = scenario.years() * (1 + scenario.units().len());
    let mut uniforms = scenario.years();
    let mut sum = 0.0;
    for _ in 0..scenario.years() {
        for ((arrivals, extra_lag), project_type) in types.iter().zip(scenario.project_types()) {
            for _ in 0..arrivals.sample(&mut rng) {
                normals += 3;
                uniforms += 2;
                // The lognormal cost's `exp`, of a stand-in for its normal draw.
                let cost = project_type.spec.cost;
                sum += black_box(cost.median * (cost.sigma * black_box(0.5)).exp());
                sum += extra_lag.sample(&mut rng) as f64;
            }
        }
    }
    for _ in 0..normals {
        sum += black_box::<f64>(rng.sample(StandardNormal));
    }
    for _ in 0..uniforms {
        sum += black_box::<f64>(rng.sample(StandardUniform));
    }
    sum
}

criterion_group!(benches, engine);
criterion_main!(benches);
