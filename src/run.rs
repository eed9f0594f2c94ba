//! `sifsim run` as a library call: scenario file → simulation → results → output folder.

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::aggregate::{Accumulator, Layout};
use crate::error::ScenarioError;
use crate::export;
use crate::export::names::slug;
use crate::results::{Results, RunInfo};
use crate::scenario::Scenario;
use crate::sensitivity::{Input, SensitivityRow};
use crate::simulate::{Monitor, simulate};
use crate::sweep::{self, Setting, SweepMetrics, SweepRow};

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

/// Loads the scenario with the request's overrides applied.
pub fn load(request: &RunRequest) -> Result<(Scenario, Vec<u8>)> {
    let path = &request.scenario;
    let bytes = std::fs::read(path).map_err(|source| ScenarioError::Read {
        path: path.clone(),
        source,
    })?;
    let mut scenario = Scenario::from_bytes(path, &bytes)?;
    if let Some(paths) = request.paths {
        scenario.paths = paths;
    }
    if let Some(seed) = request.seed {
        scenario.seed = seed;
    }
    Ok((scenario, bytes))
}

/// Largest memory a run may plan to use.
const MAX_MEMORY_BYTES: f64 = 8.0 * 1024.0 * 1024.0 * 1024.0;
/// Longest a run may be expected to take.
const MAX_SECONDS: f64 = 12.0 * 3600.0;
/// Measured cost of one application or unit-year in one design (BENCHMARKS.md), rounded up.
const SECONDS_PER_ITEM: f64 = 0.1e-6;

/// Refuses a run whose estimated memory or time is absurd, saying both.
fn check_size(
    scenario: &Scenario,
    request: &RunRequest,
    threads: usize,
) -> Result<(), ScenarioError> {
    // Live accumulators: one per worker in the fold, plus the reduction's partial results.
    let accumulators = (3 * threads + 2) as f64;
    let memory = accumulators * Accumulator::memory_bytes(Layout::of(scenario)) as f64;
    let arrivals: f64 = scenario
        .project_types
        .iter()
        .map(|t| t.arrivals_per_year)
        .sum();
    let applications = arrivals * scenario.years as f64 + scenario.projects.len() as f64;
    let items = applications + (scenario.years * scenario.units.len()) as f64;
    let seconds = scenario.paths as f64 * scenario.designs.len() as f64 * items * SECONDS_PER_ITEM
        / threads as f64;
    if memory > MAX_MEMORY_BYTES || seconds > MAX_SECONDS {
        return Err(ScenarioError::TooLarge {
            path: request.scenario.clone(),
            message: format!(
                "about {:.1} GiB of memory and {:.1} hours on {threads} threads (limits: {:.0} GiB, \
                 {:.0} hours); use fewer paths, years, units or designs",
                memory / 1024f64.powi(3),
                seconds / 3600.0,
                MAX_MEMORY_BYTES / 1024f64.powi(3),
                MAX_SECONDS / 3600.0
            ),
        });
    }
    Ok(())
}

/// Simulates the request's scenario and writes its results; `monitor` hears progress and may
/// cancel the run (then nothing is written).
pub fn run(request: &RunRequest, monitor: &dyn Monitor) -> Result<RunOutcome> {
    let (scenario, bytes) = load(request)?;
    let threads = request.threads.unwrap_or_else(rayon::current_num_threads);
    check_size(&scenario, request, threads)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("could not start worker threads")?;
    let results = results_of(&scenario, &sha256_hex(&bytes), &pool, monitor)?;
    let out = request
        .out
        .clone()
        .unwrap_or_else(|| Path::new("output").join(slug(&scenario.name)));
    let sweep_section = report_sweep(request, monitor)?;
    let extras = export::Extras {
        lang: request.lang,
        xlsx: request.xlsx,
        report: request.report.then_some(&scenario),
        report_sweep: sweep_section.as_ref(),
    };
    export::write_all(&out, &results, extras)?;
    Ok(RunOutcome { results, out })
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
pub fn sweep(request: &SweepRequest, monitor: &dyn Monitor) -> Result<SweepOutcome> {
    let (base, rows) = sweep_rows(request, monitor)?;
    let out = request
        .run
        .out
        .clone()
        .unwrap_or_else(|| Path::new("output").join(format!("{}-sweep", slug(&base.name))));
    let staging = export::Staging::new(&out)?;
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
fn sweep_rows(request: &SweepRequest, monitor: &dyn Monitor) -> Result<(Scenario, Vec<SweepRow>)> {
    let (base, bytes) = load(&request.run)?;
    let path = &request.run.scenario;
    let table: toml::Table = toml::from_str(std::str::from_utf8(&bytes)?)?;
    let sha256 = sha256_hex(&bytes);
    if let Some(name) = &request.design
        && !base.designs.iter().any(|d| &d.name == name)
    {
        let names: Vec<&str> = base.designs.iter().map(|d| d.name.as_str()).collect();
        bail!(
            "--design \"{name}\": the scenario's designs are {}",
            names.join(", ")
        );
    }
    let threads = request
        .run
        .threads
        .unwrap_or_else(rayon::current_num_threads);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let mut rows = Vec::new();
    for point in sweep::grid(&request.settings) {
        let mut table = table.clone();
        for (setting, &value) in request.settings.iter().zip(&point) {
            sweep::apply(&mut table, &setting.path, value)?;
        }
        let mut scenario = Scenario::from_table(path, table)?;
        scenario.paths = base.paths;
        scenario.seed = base.seed;
        if let Some(name) = &request.design {
            scenario.designs.retain(|d| &d.name == name);
        }
        check_size(&scenario, &request.run, threads)?;
        let results = results_of(&scenario, &sha256, &pool, monitor)?;
        rows.extend(
            SweepMetrics::of(&results)
                .into_iter()
                .map(|m| (point.clone(), m)),
        );
    }
    Ok((base, rows))
}

/// SHA-256 of a scenario file's bytes, as hex.
fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Simulates a scenario on `pool` into results, recording when and how long; refuses to
/// report a value that is not a finite number.
fn results_of(
    scenario: &Scenario,
    scenario_sha256: &str,
    pool: &rayon::ThreadPool,
    monitor: &dyn Monitor,
) -> Result<Results> {
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
) -> Result<Option<export::SweepSection>> {
    if !request.report || request.report_sweep.is_empty() {
        return Ok(None);
    }
    let sweep_request = SweepRequest {
        run: request.clone(),
        settings: request.report_sweep.clone(),
        design: None,
    };
    let (base, rows) = sweep_rows(&sweep_request, monitor)?;
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
) -> Result<SensitivityOutcome> {
    let (mut base, bytes) = load(&request.run)?;
    if let Some(name) = &request.design {
        if !base.designs.iter().any(|d| &d.name == name) {
            let names: Vec<&str> = base.designs.iter().map(|d| d.name.as_str()).collect();
            bail!(
                "--design \"{name}\": the scenario's designs are {}",
                names.join(", ")
            );
        }
        base.designs.retain(|d| &d.name == name);
    }
    let threads = request
        .run
        .threads
        .unwrap_or_else(rayon::current_num_threads);
    check_size(&base, &request.run, threads)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()?;
    let sha256 = sha256_hex(&bytes);
    let base_results = results_of(&base, &sha256, &pool, monitor)?;
    let mut rows = SensitivityRow::of(&base_results, "base", "base", "");
    for input in Input::ALL {
        for (high, level) in [(false, "low"), (true, "high")] {
            let results = results_of(&input.apply(&base, high), &sha256, &pool, monitor)?;
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
    let staging = export::Staging::new(&out)?;
    let mut csv = ::csv::Writer::from_writer(Vec::new());
    for row in &rows {
        csv.serialize(row)?;
    }
    let csv = csv.into_inner()?;
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
