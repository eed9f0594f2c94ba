//! A prototype of a block engine (issue #36): futures side by side in vector lanes, year by
//! year, for one repayment design with a floor and the fund-balance aggregates, measured
//! against today's engine doing the same work. Not part of sifsim; BENCHMARKS.md has what it
//! measured and what was decided.
//!
//! ```sh
//! cargo build --release --example block_engine
//! target/release/examples/block_engine block scenarios/bench.toml 1000000     # in lanes
//! target/release/examples/block_engine single scenarios/bench.toml 100000     # f64 lanes
//! target/release/examples/block_engine today scenarios/bench.toml 100000      # today's engine
//! target/release/examples/block_engine check scenarios/bench.toml 4096        # lanes vs f64, bit for bit
//! target/release/examples/block_engine normals scenarios/bench.toml 100000    # 4 × 100 000 normals
//! ```
//!
//! Lanes hold 4 futures. The run-time check chooses how the same 4 lanes are encoded
//! (AVX-512F, AVX2, or the baseline's SSE2), not how many there are. Futures are run in
//! blocks (a last argument, a multiple of 4; 4 by default): within a block, year by year, lane
//! group by lane group. Threads take fixed parts of the futures (`RAYON_NUM_THREADS`), merged
//! in order, so the figures do not depend on the thread count.

mod aggregate;
mod draws;
mod lanes;
mod ledger;
mod world;
mod ziggurat;

use std::ops::Range;
use std::time::Instant;

use rayon::prelude::*;
use sifsim::internals::ledger::Ledger as TodaysLedger;
use sifsim::internals::world::{Samplers, World as TodaysWorld};
use sifsim::scenario::{Design, Model, Scenario};

use aggregate::{Aggregates, Ranges, Record, Sink, YearValues};
use lanes::{Bits, F64s, Lane, WIDTH};
use ledger::{Ledger, Rules};
use world::{Types, World};

/// Futures of the pilot that sets the histograms' ranges, from path 10⁹ on.
const PILOT: Range<u64> = 1_000_000_000..1_000_002_000;
/// Fixed parts the futures are split into for threads.
const PARTS: u64 = 64;

/// The scenario and what the engines read of it.
struct Setup<'s> {
    scenario: &'s Scenario,
    design: &'s Design,
    types: Types,
    rules: Rules,
    block: usize,
}

impl Setup<'_> {
    /// The first repayment design of `scenario`, run in blocks of `block` futures.
    fn new(scenario: &Scenario, block: usize) -> Result<Setup<'_>, String> {
        let design = (scenario.designs().iter())
            .find(|d| matches!(d.model, Model::Repayment(_)))
            .ok_or("the scenario has no repayment design")?;
        Ok(Setup {
            scenario,
            design,
            types: Types::new(scenario),
            rules: Rules::new(scenario, design)?,
            block,
        })
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (mode, path, futures) = match &args[1..] {
        [mode, path, futures, ..] => (mode.as_str(), path, futures.parse::<u64>()),
        _ => usage(),
    };
    let block = args.get(4).map_or(Ok(WIDTH), |b| b.parse::<usize>());
    let (Ok(futures), Ok(block)) = (futures, block) else {
        usage()
    };
    if block == 0 || !block.is_multiple_of(WIDTH) || !futures.is_multiple_of(WIDTH as u64) {
        eprintln!("futures and block must be multiples of {WIDTH}");
        std::process::exit(2);
    }
    let scenario = Scenario::load(path.as_ref()).unwrap_or_else(|e| fail(&e.to_string()));
    let setup = Setup::new(&scenario, block).unwrap_or_else(|e| fail(&e));
    if mode == "normals" {
        return widest(Normals(futures));
    }
    if mode == "check" {
        return check(&setup, futures);
    }
    let engine = match mode {
        "block" => Engine::Block,
        "single" => Engine::Single,
        "today" => Engine::Today,
        _ => usage(),
    };
    let mut ranges = Ranges::new(scenario.years());
    engine.run(&setup, PILOT, &mut ranges);
    let started = Instant::now();
    let parts: Vec<Aggregates> = (0..PARTS)
        .into_par_iter()
        .map(|part| {
            let mut sink = Aggregates::new(ranges.clone());
            let step = futures.div_ceil(PARTS).next_multiple_of(WIDTH as u64);
            let start = (part * step).min(futures);
            engine.run(&setup, start..(start + step).min(futures), &mut sink);
            sink
        })
        .collect();
    let seconds = started.elapsed().as_secs_f64();
    let mut all = Aggregates::new(ranges);
    parts.iter().for_each(|part| all.merge(part));
    report(&setup, &all);
    println!(
        "{mode}: {} futures in {seconds:.3} s, {:.2} µs a future",
        all.futures(),
        seconds * 1e6 / all.futures() as f64
    );
}

fn usage() -> ! {
    eprintln!("usage: block_engine block|single|today|check|normals SCENARIO FUTURES [BLOCK]");
    std::process::exit(2);
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(2);
}

/// Which engine runs the futures.
#[derive(Clone, Copy)]
enum Engine {
    /// The block engine in lanes, encoded for the widest vector instructions this processor
    /// has.
    Block,
    /// The block engine one future at a time (`f64` lanes).
    Single,
    /// Today's engine: its world and its ledger, path by path.
    Today,
}

impl Engine {
    fn run(self, setup: &Setup, futures: Range<u64>, sink: &mut impl Sink) {
        match self {
            Engine::Block => widest(Blocks {
                setup,
                futures,
                sink,
            }),
            Engine::Single => Blocks {
                setup,
                futures,
                sink,
            }
            .run::<f64>(),
            Engine::Today => today(setup, futures, sink),
        }
    }
}

/// Work written for any lane type.
trait Job {
    fn run<L: Lane>(self);
}

/// `job` in [`F64s`], compiled for AVX-512F or AVX2 when the processor has them (checked at
/// run time; the default build runs on any x86-64), else for the baseline. The lanes stay 4:
/// 8 would need `WIDTH = 8` and AVX-512's VL and DQ extensions for a gain.
fn widest(job: impl Job) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            // SAFETY: the processor has AVX-512F, checked just above.
            return unsafe { avx512(job) };
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above.
            return unsafe { avx2(job) };
        }
    }
    job.run::<F64s>()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn avx512(job: impl Job) {
    job.run::<F64s>()
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn avx2(job: impl Job) {
    job.run::<F64s>()
}

/// Draws `self.0` normals in each lane and prints their mean square: what a normal costs, alone.
struct Normals(u64);

impl Job for Normals {
    #[inline(always)]
    fn run<L: Lane>(self) {
        let zig = ziggurat::Ziggurat::new();
        let mut rng = draws::Rng::new(L::Bits::from_fn(|i| i as u64));
        let mut sum = L::splat(0.0);
        for _ in 0..self.0 {
            let z: L = rng.normal(&zig);
            sum = sum + z * z;
        }
        let mut lanes = [0.0; WIDTH];
        sum.store(&mut lanes);
        let draws = self.0 as f64 * L::WIDTH as f64;
        println!(
            "{} normals, mean square {:.4}",
            draws,
            lanes.iter().sum::<f64>() / draws
        );
    }
}

/// The block engine over some futures.
struct Blocks<'a, 's, S> {
    setup: &'a Setup<'s>,
    futures: Range<u64>,
    sink: &'a mut S,
}

impl<S: Sink> Job for Blocks<'_, '_, S> {
    /// Block by block; within a block, year by year, lane group by lane group. Always inlined,
    /// so that the lanes are compiled for the caller's features.
    #[inline(always)]
    fn run<L: Lane>(self) {
        blocks::<L>(self.setup, self.futures, self.sink)
    }
}

/// The block engine over `futures` (see [`Blocks`]).
#[inline(always)]
fn blocks<L: Lane>(setup: &Setup, futures: Range<u64>, sink: &mut impl Sink) {
    let scenario = setup.scenario;
    assert!(
        (futures.end - futures.start).is_multiple_of(L::WIDTH as u64),
        "whole lane groups"
    );
    let zero = L::splat(0.0);
    let mut values = [[0.0; WIDTH]; 4];
    let mut flows = [[0.0; WIDTH]; aggregate::FLOWS];
    let (mut worlds, mut ledgers) = (Vec::<World<L>>::new(), Vec::<Ledger<L>>::new());
    let mut first = futures.start;
    while first < futures.end {
        let groups = (setup.block as u64).min(futures.end - first) as usize / L::WIDTH;
        let path = |g: usize| first + (g * L::WIDTH) as u64;
        // The buffers of earlier blocks, made new.
        worlds.truncate(groups);
        worlds
            .iter_mut()
            .enumerate()
            .for_each(|(g, world)| world.reset(scenario, path(g)));
        worlds.extend((worlds.len()..groups).map(|g| World::new(scenario, path(g))));
        ledgers.truncate(groups);
        ledgers
            .iter_mut()
            .for_each(|ledger| ledger.reset(&setup.rules));
        ledgers.extend((ledgers.len()..groups).map(|_| Ledger::new(&setup.rules)));
        let mut last_result = vec![L::splat(scenario.municipality().last_result); groups];
        let mut ever = vec![zero; groups];
        for t in 0..scenario.years() {
            let f = scenario.price_factor(t);
            for g in 0..groups {
                let year = worlds[g].draw(scenario, &setup.types, t);
                let fund = ledgers[g].year(&setup.rules, t, f, last_result[g], year);
                last_result[g] = year.result;
                ever[g] = ever[g].max(fund.depleted);
                let [cash, uncommitted, depleted, ever_depleted] = &mut values;
                fund.cash.store(cash);
                fund.uncommitted.store(uncommitted);
                fund.depleted.store(depleted);
                ever[g].store(ever_depleted);
                let amounts = [
                    fund.deposits,
                    fund.repaid,
                    fund.payouts,
                    fund.written_off,
                    fund.overrun,
                ];
                for (amount, out) in amounts.into_iter().zip(&mut flows) {
                    amount.store(out);
                }
                let n = L::WIDTH;
                sink.year(
                    t,
                    &YearValues {
                        first: path(g),
                        cash: &cash[..n],
                        uncommitted: &uncommitted[..n],
                        depleted: &depleted[..n],
                        ever: &ever_depleted[..n],
                        flows: flows.each_ref().map(|flow| &flow[..n]),
                    },
                );
            }
        }
        first += (groups * L::WIDTH) as u64;
    }
}

/// Today's engine over `futures`: world, the design's ledger, the same aggregates.
fn today(setup: &Setup, futures: Range<u64>, sink: &mut impl Sink) {
    let scenario = setup.scenario;
    let samplers = Samplers::new(scenario);
    let mut world = TodaysWorld::default();
    let mut ledger = TodaysLedger::default();
    for path in futures {
        world.sample(scenario, &samplers, path);
        ledger.apply(scenario, setup.design, &world);
        let mut ever = 0.0;
        for (t, year) in ledger.years().iter().enumerate() {
            let depleted = f64::from(u8::from(year.depleted));
            ever = f64::max(ever, depleted);
            sink.year(
                t,
                &YearValues {
                    first: path,
                    cash: &[year.cash],
                    uncommitted: &[year.uncommitted],
                    depleted: &[depleted],
                    ever: &[ever],
                    flows: [
                        &[year.deposits],
                        &[year.repaid],
                        &[year.payouts],
                        &[year.written_off],
                        &[year.overrun],
                    ],
                },
            );
        }
    }
}

/// Runs `futures` futures in lanes and in `f64` lanes, and compares every value.
fn check(setup: &Setup, futures: u64) {
    let (lanes, single) = (
        record(setup, futures, Engine::Block),
        record(setup, futures, Engine::Single),
    );
    if lanes != single {
        fail("the lanes and the single futures differ");
    }
    println!(
        "{futures} futures: every year of every future is the same, bit for bit, in lanes and alone"
    );
}

/// Every year of the first `futures` futures, as `engine` computes them.
fn record(setup: &Setup, futures: u64, engine: Engine) -> Record {
    let mut record = Record::default();
    engine.run(setup, 0..futures, &mut record);
    record.0.sort_unstable();
    record
}

/// The fund's figures for some years.
fn report(setup: &Setup, all: &Aggregates) {
    let scenario = setup.scenario;
    println!("{} — {}", scenario.name(), setup.design.name);
    println!(
        "year   cash mean     p5    p50    p95   uncommitted p50   p(dry)  p(dry by)   deposits  repaid  payouts  written off  overruns"
    );
    let years = scenario.years();
    for t in [0, 4, 9, 19, years - 1].into_iter().filter(|&t| t < years) {
        let (dry, dry_by) = all.depleted(t);
        let flow = |k| all.flow(t, k);
        println!(
            "{}  {:>9.1} {:>6.1} {:>6.1} {:>6.1}   {:>15.1}   {:>6.3}  {:>9.3}   {:>8.2} {:>7.2} {:>8.2} {:>12.2} {:>9.3}",
            scenario.calendar_year(t),
            all.mean(t, 0),
            all.percentile(t, 0, 0.05),
            all.percentile(t, 0, 0.5),
            all.percentile(t, 0, 0.95),
            all.percentile(t, 1, 0.5),
            dry,
            dry_by,
            flow(0),
            flow(1),
            flow(2),
            flow(3),
            flow(4),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bench() -> Scenario {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/bench.toml");
        Scenario::load(path.as_ref()).expect("the bench scenario")
    }

    #[test]
    fn a_future_computes_the_same_bits_in_lanes_and_alone() {
        let scenario = bench();
        let setup = Setup::new(&scenario, 64).expect("a design the prototype covers");
        let lanes = record(&setup, 96, Engine::Block);
        assert_eq!(lanes.0.len(), 96 * 30);
        assert_eq!(lanes, record(&setup, 96, Engine::Single));
    }

    #[test]
    fn a_future_does_not_depend_on_the_block_it_is_run_in() {
        let scenario = bench();
        let [large, small] =
            [64, WIDTH].map(|block| Setup::new(&scenario, block).expect("covered"));
        assert_eq!(
            record(&large, 96, Engine::Block),
            record(&small, 96, Engine::Block)
        );
    }
}
