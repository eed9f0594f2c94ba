//! The simulator: turns validated scenarios into [`Results`] in memory, on its own thread pool,
//! within limits of memory and time, watched by a [`Monitor`] that hears progress and may cancel.
//! It reads and writes no files, so any front end can hold one.

use std::fmt;
use std::time::{Instant, SystemTime};

use anyhow::Context;

use crate::aggregate::{Accumulator, Layout};
use crate::results::{Results, RunInfo, Unreportable};
use crate::scenario::Scenario;
use crate::simulate::{Interrupted, Monitor, Phase, simulate};

/// Largest memory a job may plan to use.
const MAX_MEMORY_BYTES: f64 = 8.0 * 1024.0 * 1024.0 * 1024.0;
/// Longest a job may be expected to take.
const MAX_SECONDS: f64 = 12.0 * 3600.0;
/// Measured cost of one application or unit-year in one design (BENCHMARKS.md), rounded up.
const SECONDS_PER_ITEM: f64 = 0.1e-6;

/// Simulates scenarios on its thread pool, reporting to its monitor.
pub struct Simulator<'m> {
    pool: rayon::ThreadPool,
    monitor: &'m dyn Monitor,
}

impl<'m> Simulator<'m> {
    /// A simulator on `threads` worker threads (`None`: one per core), reporting to `monitor`.
    /// Results do not depend on the number of threads.
    pub fn new(
        threads: Option<usize>,
        monitor: &'m dyn Monitor,
    ) -> Result<Simulator<'m>, SimulatorError> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or_else(rayon::current_num_threads))
            .build()
            .context("could not start worker threads")?;
        Ok(Simulator { pool, monitor })
    }

    /// The monitor, which also hears the phases of writing the results and may stop it.
    pub fn monitor(&self) -> &'m dyn Monitor {
        self.monitor
    }

    /// Runs `work` on the simulator's threads (a job's own pass over paths).
    pub fn install<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        self.pool.install(work)
    }

    /// What simulating `scenario` is expected to take.
    pub fn cost(&self, scenario: &Scenario) -> Cost {
        Cost::of(scenario, self.pool.current_num_threads())
    }

    /// Refuses `work` expected to cost `cost` when it is beyond the limits, saying both.
    pub fn check(&self, work: Work, cost: Cost) -> Result<(), TooLarge> {
        if cost.memory_bytes <= MAX_MEMORY_BYTES && cost.seconds <= MAX_SECONDS {
            return Ok(());
        }
        Err(TooLarge {
            work,
            cost,
            threads: self.pool.current_num_threads(),
        })
    }

    /// Simulates `scenario`, refused when it is beyond the limits. The results come from no
    /// file: their `summary.scenario_sha256` is empty.
    pub fn simulate(&self, scenario: &Scenario) -> Result<Results, SimulatorError> {
        self.check(Work::Run, self.cost(scenario))?;
        self.run(scenario, self.monitor)
    }

    /// Simulates each scenario `scenarios()` yields, in order, handing its position and results
    /// to `each`. Every scenario is made and the job's whole cost checked before the first runs;
    /// `scenarios` is called again to run them, so a large grid is never held whole. The monitor
    /// hears the job's paths once. `scenarios` and `each` fail with the caller's error `E`,
    /// into which the simulator's own converts.
    pub fn simulate_each<I, E>(
        &self,
        work: Work,
        scenarios: impl Fn() -> I,
        mut each: impl FnMut(usize, Results) -> Result<(), E>,
    ) -> Result<(), E>
    where
        I: Iterator<Item = Result<Scenario, E>>,
        E: From<SimulatorError>,
    {
        let (mut cost, mut paths) = (Cost::default(), 0);
        for scenario in scenarios() {
            let scenario = scenario?;
            cost = cost.then(self.cost(&scenario));
            paths += scenario.paths();
        }
        self.check(work, cost).map_err(SimulatorError::from)?;
        self.monitor.phase(Phase::Simulating);
        self.monitor.started(paths);
        for (i, scenario) in scenarios().enumerate() {
            each(i, self.run(&scenario?, &OneJob(self.monitor))?)?;
        }
        Ok(())
    }

    /// Simulates a scenario on the pool into results, recording when and how long; refuses to
    /// report a value that is not a finite number.
    fn run(&self, scenario: &Scenario, monitor: &dyn Monitor) -> Result<Results, SimulatorError> {
        let started = SystemTime::now();
        let clock = Instant::now();
        let aggregates = self.pool.install(|| simulate(scenario, monitor))?;
        let run = RunInfo {
            threads: self.pool.current_num_threads(),
            started: humantime::format_rfc3339_seconds(started).to_string(),
            duration_seconds: clock.elapsed().as_secs_f64(),
        };
        Ok(Results::new(scenario, &aggregates, String::new(), run)?)
    }
}

/// A monitor of one run in a job of several: the job has announced its phase and paths.
struct OneJob<'a>(&'a dyn Monitor);

impl Monitor for OneJob<'_> {
    fn paths_done(&self, paths: u64) {
        self.0.paths_done(paths);
    }

    fn cancelled(&self) -> bool {
        self.0.cancelled()
    }
}

/// What a job is, as a refusal names it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Work {
    /// One run.
    Run,
    /// Several runs, e.g. a sensitivity analysis's.
    Runs(usize),
    /// The runs of a sweep's grid of this many points.
    Grid(f64),
}

impl fmt::Display for Work {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Work::Run => f.write_str("the run"),
            Work::Runs(n) => write!(f, "{n} runs"),
            Work::Grid(points) => write!(f, "a grid of {points:.0} points"),
        }
    }
}

/// What simulating some scenarios is expected to take: the largest memory and the total time.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Cost {
    memory_bytes: f64,
    seconds: f64,
}

impl Cost {
    /// One run of `scenario` on `threads` threads.
    fn of(scenario: &Scenario, threads: usize) -> Cost {
        // Live accumulators: one per worker in the fold, plus the reduction's partial results.
        let accumulators = (3 * threads + 2) as f64;
        // The world draws applications at the highest demand; designs see a share of them.
        let arrivals: f64 = (scenario.project_types().iter())
            .map(|t| t.arrivals_per_year * scenario.demand_base())
            .sum();
        let years = scenario.years() as f64;
        let applications = arrivals * years + scenario.projects().len() as f64;
        // The projects' lives go on after the simulated years: at most the longest of them.
        let specs = (scenario.project_types().iter().map(|t| &t.spec))
            .chain(scenario.projects().iter().map(|p| &p.spec));
        let continuation = specs
            .map(|s| {
                let effect =
                    s.effect_lag_years as f64 + 3.0 * s.extra_lag_mean + s.effect_years as f64;
                effect.max(s.duration_years as f64)
            })
            .fold(0.0, f64::max);
        let per_design: f64 = (scenario.designs().iter())
            .map(|d| {
                let plan = d
                    .model
                    .repayment()
                    .map_or(0.0, |r| (r.start_within_years + r.horizon_years) as f64);
                let after = continuation.max(plan) * scenario.units().len() as f64;
                applications + years * (scenario.units().len() + d.deposits.len()) as f64 + after
            })
            .sum();
        Cost {
            memory_bytes: accumulators * Accumulator::memory_bytes(Layout::of(scenario)) as f64,
            seconds: scenario.paths() as f64 * per_design * SECONDS_PER_ITEM / threads as f64,
        }
    }

    /// `runs` runs one after the other.
    pub fn times(self, runs: f64) -> Cost {
        Cost {
            seconds: self.seconds * runs,
            ..self
        }
    }

    /// This, then `other`.
    pub fn then(self, other: Cost) -> Cost {
        Cost {
            memory_bytes: self.memory_bytes.max(other.memory_bytes),
            seconds: self.seconds + other.seconds,
        }
    }

    /// The expected time in hours.
    pub fn hours(self) -> f64 {
        self.seconds / 3600.0
    }
}

/// Why the simulator gave no results.
#[derive(Debug, thiserror::Error)]
pub enum SimulatorError {
    #[error(transparent)]
    TooLarge(#[from] TooLarge),
    #[error(transparent)]
    Unreportable(#[from] Unreportable),
    /// The monitor cancelled the run.
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
    /// The worker threads could not be started.
    #[error(transparent)]
    Machine(#[from] anyhow::Error),
}

/// A job refused for its size, with its estimate and the limits. Exit code 2.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct TooLarge {
    work: Work,
    cost: Cost,
    threads: usize,
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} would take about {:.1} GiB of memory and {:.1} hours on {} threads (limits: {:.0} \
             GiB, {:.0} hours); use fewer paths, years, units, designs or deposit rules{}",
            self.work,
            self.cost.memory_bytes / 1024f64.powi(3),
            self.cost.hours(),
            self.threads,
            MAX_MEMORY_BYTES / 1024f64.powi(3),
            MAX_SECONDS / 3600.0,
            match self.work {
                Work::Grid(_) => ", or fewer values to --set",
                _ => "",
            }
        )
    }
}
