//! `sifsim run` as a library call: scenario file → simulation → results → output folder.

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use anyhow::Context;

use crate::aggregate::{Accumulator, Layout};
use crate::error::{Error, ScenarioError};
use crate::export::names::slug;
use crate::export::{self, Provenance, folder};
use crate::results::{Results, RunInfo};
use crate::scenario::Scenario;
use crate::sensitivity::{Input, SensitivityRow};
use crate::simulate::{Monitor, simulate};
use crate::source::{Overrides, Source};
use crate::sweep::{self, Setting, SweepError, SweepMetrics, SweepRow};

/// What the user asked for; `None` keeps the scenario's value.
#[derive(Debug, Clone, Default)]
pub struct RunRequest {
    pub scenario: PathBuf,
    pub paths: Option<u64>,
    pub seed: Option<u64>,
    /// Worker threads; `None` uses every core.
    pub threads: Option<usize>,
    /// Output folder; `None` is `output/<scenario-name-slug>`.
    pub out: Option<PathBuf>,
    /// Language of the charts.
    pub lang: export::Lang,
    /// Also write an Excel workbook.
    pub xlsx: bool,
    /// Also write `report.html`.
    pub report: bool,
    /// With `report`: a sweep to include in the report.
    pub report_sweep: Vec<Setting>,
}

/// A finished run.
#[derive(Debug)]
pub struct RunOutcome {
    pub results: Results,
    /// The folder the results were written to.
    pub out: PathBuf,
}

/// Reads the request's scenario file, overrides applied, keeping only `design` if given.
pub fn source(request: &RunRequest, design: Option<&str>) -> Result<Source, Error> {
    let overrides = Overrides {
        paths: request.paths,
        seed: request.seed,
        design: design.map(String::from),
    };
    Source::read(&request.scenario, overrides)
}

/// Largest memory a run may plan to use.
const MAX_MEMORY_BYTES: f64 = 8.0 * 1024.0 * 1024.0 * 1024.0;
/// Longest a run may be expected to take.
const MAX_SECONDS: f64 = 12.0 * 3600.0;
/// Measured cost of one application or unit-year in one design (BENCHMARKS.md), rounded up.
const SECONDS_PER_ITEM: f64 = 0.1e-6;

/// Most points a sweep's grid may have.
const MAX_GRID_POINTS: f64 = 100_000.0;

/// What simulating some scenarios is expected to take: the largest memory and the total time.
#[derive(Debug, Clone, Copy, Default)]
struct Cost {
    memory_bytes: f64,
    seconds: f64,
}

impl Cost {
    /// One run of `scenario` on `threads` threads.
    fn of(scenario: &Scenario, threads: usize) -> Cost {
        // Live accumulators: one per worker in the fold, plus the reduction's partial results.
        let accumulators = (3 * threads + 2) as f64;
        let arrivals: f64 = scenario
            .project_types
            .iter()
            .map(|t| t.arrivals_per_year)
            .sum();
        let years = scenario.years as f64;
        let applications = arrivals * years + scenario.projects.len() as f64;
        let per_design: f64 = scenario
            .designs
            .iter()
            .map(|d| applications + years * (scenario.units.len() + d.deposits.len()) as f64)
            .sum();
        Cost {
            memory_bytes: accumulators * Accumulator::memory_bytes(Layout::of(scenario)) as f64,
            seconds: scenario.paths as f64 * per_design * SECONDS_PER_ITEM / threads as f64,
        }
    }

    /// `runs` runs one after the other.
    fn times(self, runs: f64) -> Cost {
        Cost {
            seconds: self.seconds * runs,
            ..self
        }
    }

    /// This run, then `other`.
    fn then(self, other: Cost) -> Cost {
        Cost {
            memory_bytes: self.memory_bytes.max(other.memory_bytes),
            seconds: self.seconds + other.seconds,
        }
    }

    /// Refuses a job whose estimated memory or time is absurd, saying both; `what` names the
    /// job's runs, e.g. "19 runs".
    fn check(self, path: &Path, what: &str, threads: usize) -> Result<(), ScenarioError> {
        if self.memory_bytes <= MAX_MEMORY_BYTES && self.seconds <= MAX_SECONDS {
            return Ok(());
        }
        Err(ScenarioError::TooLarge {
            path: path.to_owned(),
            message: format!(
                "{what} would take about {:.1} GiB of memory and {:.1} hours on {threads} threads \
                 (limits: {:.0} GiB, {:.0} hours); use fewer paths, years, units, designs or \
                 deposit rules{}",
                self.memory_bytes / 1024f64.powi(3),
                self.seconds / 3600.0,
                MAX_MEMORY_BYTES / 1024f64.powi(3),
                MAX_SECONDS / 3600.0,
                if what.contains("grid") {
                    ", or fewer values to --set"
                } else {
                    ""
                }
            ),
        })
    }
}

/// Simulates the request's scenario and writes its results; `monitor` hears progress and may
/// cancel the run (then nothing is written).
pub fn run(request: &RunRequest, monitor: &dyn Monitor) -> Result<RunOutcome, Error> {
    let source = source(request, None)?;
    let scenario = source.scenario();
    let threads = request.threads.unwrap_or_else(rayon::current_num_threads);
    Cost::of(scenario, threads).check(&request.scenario, "the run", threads)?;
    let out = request
        .out
        .clone()
        .unwrap_or_else(|| Path::new("output").join(slug(&scenario.name)));
    folder::check_target(&out)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("could not start worker threads")?;
    let results = results_of(scenario, &source.sha256, &pool, monitor)?;
    let sweep_section = report_sweep(request, monitor)?;
    let extras = export::Extras {
        lang: request.lang,
        xlsx: request.xlsx,
        report: request.report.then_some(scenario),
        report_sweep: sweep_section.as_ref(),
    };
    let job = if request.report { "report" } else { "run" };
    let provenance = provenance(job, scenario, source.sha256.clone(), &request.report_sweep);
    export::write_all(&out, &results, extras, provenance, monitor)?;
    Ok(RunOutcome { results, out })
}

/// Where the files of `job` on `scenario` come from.
fn provenance(job: &str, scenario: &Scenario, sha256: String, settings: &[Setting]) -> Provenance {
    Provenance {
        job: job.into(),
        scenario_sha256: sha256,
        seed: scenario.seed,
        paths: scenario.paths,
        settings: settings.iter().map(Setting::to_string).collect(),
    }
}

/// `sifsim sweep`: the request's scenario once per point of the settings' grid.
#[derive(Debug, Clone, Default)]
pub struct SweepRequest {
    pub run: RunRequest,
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

/// Runs a sweep on common random numbers and writes `sweep.csv`.
pub fn sweep(request: &SweepRequest, monitor: &dyn Monitor) -> Result<SweepOutcome, Error> {
    if let Some(out) = &request.run.out {
        folder::check_target(out)?;
    }
    let (base, sha256, rows) = sweep_rows(request, monitor)?;
    let out = request
        .run
        .out
        .clone()
        .unwrap_or_else(|| Path::new("output").join(format!("{}-sweep", slug(&base.name))));
    let provenance = provenance("sweep", &base, sha256, &request.settings);
    let mut staging = export::Staging::new(&out, provenance, monitor)?;
    let csv = sweep::to_csv(&request.settings, &rows)?;
    if request.run.xlsx {
        staging.write("sweep.xlsx", &export::xlsx::workbook(&[("Svep", &csv)])?)?;
    }
    staging.write("sweep.csv", &csv)?;
    let charts = sweep_charts(&base, &request.settings, &rows, request.run.lang);
    for (name, bytes) in export::charts::render_sweep(&charts)? {
        staging.write(&format!("{}/{name}", export::CHARTS), &bytes)?;
    }
    staging.commit()?;
    Ok(SweepOutcome { rows, out })
}

/// What a sweep's charts are drawn from.
fn sweep_charts<'a>(
    base: &Scenario,
    settings: &'a [Setting],
    rows: &'a [SweepRow],
    lang: export::Lang,
) -> export::charts::SweepData<'a> {
    export::charts::SweepData {
        title: format!("{} – svep", base.name),
        subtitle: format!(
            "{} framtider per inställning, frö {} · sifsim {}",
            lang.number(base.paths as f64, 0),
            base.seed,
            env!("CARGO_PKG_VERSION")
        ),
        settings,
        rows,
        lang,
    }
}

/// The sweep's scenario as written (overrides applied), and each grid point's metrics.
fn sweep_rows(
    request: &SweepRequest,
    monitor: &dyn Monitor,
) -> Result<(Scenario, String, Vec<SweepRow>), Error> {
    let source = source(&request.run, request.design.as_deref())?;
    let base = source.scenario();
    let path = &request.run.scenario;
    let settings = &request.settings;
    sweep::check_distinct(settings)?;
    let threads = request
        .run
        .threads
        .unwrap_or_else(rayon::current_num_threads);
    let points = sweep::grid_size(settings);
    let grid_cost = Cost::of(base, threads).times(points);
    let what = format!("a grid of {points:.0} points");
    if points > MAX_GRID_POINTS {
        return Err(SweepError::grid(
            settings,
            format!(
                "{what} (about {:.0} hours); at most {MAX_GRID_POINTS:.0}",
                grid_cost.seconds / 3600.0
            ),
        )
        .into());
    }
    grid_cost.check(path, &what, threads)?;
    // Every point is validated, and the whole grid's cost counted, before any runs.
    let scenario_at = |point: &[f64]| sweep::variant(&source, settings, point);
    let grid = sweep::grid(settings);
    let mut cost = Cost::default();
    for point in &grid {
        cost = cost.then(Cost::of(&scenario_at(point)?, threads));
    }
    cost.check(path, &what, threads)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("could not start worker threads")?;
    let mut rows = Vec::new();
    for point in grid {
        let results = results_of(&scenario_at(&point)?, &source.sha256, &pool, monitor)?;
        rows.extend(
            SweepMetrics::of(&results)
                .into_iter()
                .map(|m| (point.clone(), m)),
        );
    }
    Ok((base.clone(), source.sha256.clone(), rows))
}

/// Simulates a scenario on `pool` into results, recording when and how long; refuses to
/// report a value that is not a finite number.
fn results_of(
    scenario: &Scenario,
    scenario_sha256: &str,
    pool: &rayon::ThreadPool,
    monitor: &dyn Monitor,
) -> Result<Results, Error> {
    let started = SystemTime::now();
    let clock = Instant::now();
    let aggregates = pool.install(|| simulate(scenario, monitor))?;
    let run = RunInfo {
        threads: pool.current_num_threads(),
        started: humantime::format_rfc3339_seconds(started).to_string(),
        duration_seconds: clock.elapsed().as_secs_f64(),
    };
    Ok(Results::new(
        scenario,
        &aggregates,
        scenario_sha256.to_string(),
        run,
    )?)
}

/// With `report` and `report_sweep`: the sweep for the report, its rows and charts.
fn report_sweep(
    request: &RunRequest,
    monitor: &dyn Monitor,
) -> Result<Option<export::SweepSection>, Error> {
    if !request.report || request.report_sweep.is_empty() {
        return Ok(None);
    }
    let sweep_request = SweepRequest {
        run: request.clone(),
        settings: request.report_sweep.clone(),
        design: None,
    };
    let (base, _, rows) = sweep_rows(&sweep_request, monitor)?;
    let charts = sweep_charts(&base, &request.report_sweep, &rows, request.lang);
    let svgs = export::charts::render_sweep(&charts)?
        .into_iter()
        .filter(|(name, _)| name.ends_with(".svg"))
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    Ok(Some(export::SweepSection {
        settings: request.report_sweep.clone(),
        rows,
        svgs,
    }))
}

/// `sifsim sensitivity`: each uncertain input low and high in turn, on the same futures.
#[derive(Debug, Clone, Default)]
pub struct SensitivityRequest {
    pub run: RunRequest,
    /// Keep only this design.
    pub design: Option<String>,
}

/// A finished sensitivity analysis.
#[derive(Debug)]
pub struct SensitivityOutcome {
    pub rows: Vec<SensitivityRow>,
    /// The folder `sensitivity.csv` and the tornado charts were written to.
    pub out: PathBuf,
}

/// Runs the scenario as written and with each input low and high; writes `sensitivity.csv` and
/// a tornado chart per design.
pub fn sensitivity(
    request: &SensitivityRequest,
    monitor: &dyn Monitor,
) -> Result<SensitivityOutcome, Error> {
    let source = source(&request.run, request.design.as_deref())?;
    let base = source.scenario();
    if let Some(out) = &request.run.out {
        folder::check_target(out)?;
    }
    let threads = request
        .run
        .threads
        .unwrap_or_else(rayon::current_num_threads);
    // The scenario as written, then each input low and high.
    let runs = 1 + 2 * Input::ALL.len();
    Cost::of(base, threads).times(runs as f64).check(
        &request.run.scenario,
        &format!("{runs} runs"),
        threads,
    )?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("could not start worker threads")?;
    let sha256 = &source.sha256;
    let base_results = results_of(base, sha256, &pool, monitor)?;
    let mut rows = SensitivityRow::of(&base_results, "base", "base", "");
    for input in Input::ALL {
        for (high, level) in [(false, "low"), (true, "high")] {
            let variant = source.variant(&input.edits(base, high))?;
            let results = results_of(&variant, sha256, &pool, monitor)?;
            rows.extend(SensitivityRow::of(
                &results,
                input.name(),
                level,
                input.change(),
            ));
        }
    }
    let out =
        request.run.out.clone().unwrap_or_else(|| {
            Path::new("output").join(format!("{}-sensitivity", slug(&base.name)))
        });
    let provenance = provenance("sensitivity", base, sha256.clone(), &[]);
    let mut staging = export::Staging::new(&out, provenance, monitor)?;
    let csv = sensitivity_csv(&rows)?;
    if request.run.xlsx {
        staging.write(
            "sensitivity.xlsx",
            &export::xlsx::workbook(&[("Känslighet", &csv)])?,
        )?;
    }
    staging.write("sensitivity.csv", &csv)?;
    for (name, bytes) in export::charts::render_tornados(&base_results, &rows, request.run.lang)? {
        staging.write(&format!("{}/{name}", export::CHARTS), &bytes)?;
    }
    staging.commit()?;
    Ok(SensitivityOutcome { rows, out })
}

/// `sensitivity.csv`.
fn sensitivity_csv(rows: &[SensitivityRow]) -> anyhow::Result<Vec<u8>> {
    let mut csv = ::csv::Writer::from_writer(Vec::new());
    for row in rows {
        csv.serialize(row)?;
    }
    Ok(csv.into_inner()?)
}
