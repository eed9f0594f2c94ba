//! `sifsim run` as a library call: scenario file → simulation → results → output folder.

use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};

use crate::aggregate::Layout;
use crate::export;
use crate::results::{Results, RunInfo};
use crate::scenario::Scenario;
use crate::simulate::simulate;

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
    let bytes = std::fs::read(path).map_err(|source| crate::error::ScenarioError::Read {
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

/// Simulates the request's scenario and writes its results; `on_paths_done` hears progress.
pub fn run(request: &RunRequest, on_paths_done: &(dyn Fn(u64) + Sync)) -> Result<RunOutcome> {
    let (scenario, bytes) = load(request)?;
    let threads = request.threads.unwrap_or_else(rayon::current_num_threads);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("could not start worker threads")?;
    let started = SystemTime::now();
    let clock = Instant::now();
    let aggregates = pool.install(|| simulate(&scenario, on_paths_done));
    if let Some(slot) = aggregates.invalid_slot() {
        bail!(
            "the simulation produced a value that is not a finite number below {} mnkr at {}; no results were written",
            crate::aggregate::MAX_MAGNITUDE,
            Layout::of(&scenario).describe(&scenario, slot)
        );
    }
    let run = RunInfo {
        threads,
        started: humantime::format_rfc3339_seconds(started).to_string(),
        duration_seconds: clock.elapsed().as_secs_f64(),
    };
    let sha256 = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let results = Results::new(&scenario, &aggregates, sha256, run);
    let out = request
        .out
        .clone()
        .unwrap_or_else(|| Path::new("output").join(slug(&scenario.name)));
    export::write_all(&out, &results)?;
    Ok(RunOutcome { results, out })
}

/// A folder name from a scenario name: lower case ASCII letters, digits and dashes.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "scenario".into()
    } else {
        slug.into()
    }
}
