//! The simulator as a library: results in memory without files, one chart as SVG text, a job of
//! several runs announced once and refused whole when too large.

use std::sync::Mutex;

use common::sifsim_run;
use sifsim::export::{self, Lang, charts};
use sifsim::internals::edit::{Edit, FieldPath};
use sifsim::internals::simulate::{Monitor, Phase, Unmonitored};
use sifsim::internals::simulator::Work;
use sifsim::internals::source::{Overrides, Source};
use sifsim::scenario::{Scenario, ScenarioError};
use sifsim::{Error, Simulator};

mod common;

/// compare.toml, built into the test: reading it needs no file.
const COMPARE: &str = include_str!("../scenarios/compare.toml");

fn compare(paths: u64) -> Scenario {
    let mut scenario = Scenario::from_bytes("compare.toml".as_ref(), COMPARE.as_bytes()).unwrap();
    scenario = scenario.with_futures(Some(paths), None).unwrap();
    scenario
}

#[test]
fn results_and_a_chart_are_made_in_memory() {
    let simulator = Simulator::new(Some(2), &Unmonitored).unwrap();
    let results = simulator.simulate(&compare(300)).unwrap();
    assert_eq!(results.summary.paths, 300);
    assert_eq!(results.summary.designs.len(), 4);
    assert_eq!(results.summary.scenario_sha256, "");
    let svg = charts::svg(&results, Lang::En, "fund-orebros-regel")
        .unwrap()
        .unwrap();
    let document = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(document.root_element().tag_name().name(), "svg");
    assert!(svg.contains("Örebros regel"));
    assert!(
        charts::svg(&results, Lang::En, "no-such-chart")
            .unwrap()
            .is_none()
    );
}

#[test]
fn the_results_in_memory_are_those_run_writes() {
    let simulator = Simulator::new(None, &Unmonitored).unwrap();
    let results = simulator.simulate(&compare(300)).unwrap();
    let run = sifsim_run("scenarios/compare.toml", 300, &["--quiet"]);
    let out = run.out();
    let written = export::read_results(out).unwrap();
    assert_eq!(written.fund, results.fund);
    assert_eq!(written.units, results.units);
    // The summaries as JSON text, read by the same parser, without the file's hash and the run.
    let json = |text: &str| {
        let mut summary: serde_json::Value = serde_json::from_str(text).unwrap();
        let summary = summary.as_object_mut().unwrap();
        summary.remove("run");
        summary.remove("scenario_sha256");
        summary.clone()
    };
    let in_memory = serde_json::to_string(&results.summary).unwrap();
    let file = std::fs::read_to_string(out.join("summary.json")).unwrap();
    assert_eq!(json(&in_memory), json(&file));
}

/// Records what a job told its monitor.
#[derive(Default)]
struct Recorder {
    started: Mutex<Vec<u64>>,
    done: Mutex<u64>,
    phases: Mutex<Vec<Phase>>,
}

impl Monitor for Recorder {
    fn started(&self, paths: u64) {
        self.started.lock().unwrap().push(paths);
    }

    fn paths_done(&self, paths: u64) {
        *self.done.lock().unwrap() += paths;
    }

    fn phase(&self, phase: Phase) {
        self.phases.lock().unwrap().push(phase);
    }
}

/// compare.toml at 300 paths with each of `initials` as every design's initial capital.
fn variants(initials: &[f64]) -> impl Iterator<Item = Result<Scenario, Error>> {
    let overrides = Overrides {
        paths: Some(300),
        ..Overrides::default()
    };
    let source = Source::from_bytes("compare.toml".as_ref(), COMPARE.as_bytes(), overrides);
    let source = source.unwrap();
    let field: FieldPath = "design.fund.initial".parse().unwrap();
    (initials.iter()).map(move |&x| Ok(source.variant(&[Edit::number(field.clone(), x)])?))
}

#[test]
fn a_job_of_several_runs_announces_its_paths_once() {
    let recorder = Recorder::default();
    let simulator = Simulator::new(None, &recorder).unwrap();
    let mut runs = Vec::new();
    let job = simulator.simulate_each(
        Work::Runs(3),
        || variants(&[10.0, 20.0, 30.0]),
        |i, results| {
            runs.push((i, results.summary.paths));
            Ok(())
        },
    );
    job.unwrap();
    assert_eq!(runs, [(0, 300), (1, 300), (2, 300)]);
    assert_eq!(*recorder.started.lock().unwrap(), [900]);
    assert_eq!(*recorder.done.lock().unwrap(), 900);
    assert_eq!(*recorder.phases.lock().unwrap(), [Phase::Simulating]);
}

#[test]
fn a_job_too_large_is_refused_whole_before_any_run() {
    let recorder = Recorder::default();
    let simulator = Simulator::new(Some(1), &recorder).unwrap();
    // About 76 hours on one thread.
    let huge = || [Ok(compare(300)), Ok(compare(u32::MAX.into()))].into_iter();
    let error = simulator
        .simulate_each(Work::Runs(2), huge, |_, _| panic!("nothing runs"))
        .unwrap_err();
    assert!(matches!(error, Error::TooLarge(_)), "{error}");
    assert_eq!(error.exit_code(), 2);
    assert!(error.to_string().starts_with("2 runs would take about"));
    assert!(recorder.started.lock().unwrap().is_empty());
}

/// Paths and seed given instead of the file's are checked as the file's are: no scenario a
/// file could not express is built (the sealed scenario of issue 30).
#[test]
fn paths_and_seed_given_instead_of_the_files_are_checked_like_the_files() {
    let scenario = compare(10);
    let problems = |e| match e {
        ScenarioError::Invalid { path, problems, .. } => {
            assert_eq!(path.to_str(), Some("compare.toml"));
            problems
        }
        other => panic!("{other}"),
    };
    let refused = problems(scenario.clone().with_futures(Some(0), None).unwrap_err());
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].field, "simulation.paths");
    let refused = problems(
        scenario
            .clone()
            .with_futures(None, Some(u64::MAX))
            .unwrap_err(),
    );
    assert_eq!(refused[0].field, "simulation.seed");
    assert!(
        refused[0].to_string().contains("18446744073709551615"),
        "{}",
        refused[0]
    );
    let kept = scenario
        .with_futures(Some(7), Some(i64::MAX as u64))
        .unwrap();
    assert_eq!((kept.paths(), kept.seed()), (7, i64::MAX as u64));
}
