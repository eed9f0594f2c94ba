//! Helpers shared by the integration tests: tiny scenarios, hand-built worlds and runs of the
//! binary.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use sifsim::internals::aggregate::Accumulator;
use sifsim::internals::aggregate::Layout;
use sifsim::internals::ledger::Ledger;
use sifsim::internals::world::{Application, Samplers, Source, World};
use sifsim::scenario::Scenario;
use tempfile::TempDir;

/// One förvaltning, `social`, with a frame of 1 000.
pub const ONE_UNIT: &str = r#"
[[unit]]
id = "social"
name = "Socialförvaltningen"
frame = 1000
"#;

/// A known project of cost 10 in 2020, paid in one year, always successful at full effect,
/// saving 2 a year for five years from 2020, of which 60 % becomes budget room.
pub const ROOM_PROJECT: &str = r#"
[[project]]
name = "Rum"
start_year = 2020
lead = "social"
cost = 10
duration_years = 1
success_probability = 1
planned_savings = { social = 2 }
effect_lag_years = 0
effect_years = 5
effect_size = 1
realization_share = 0.6
"#;

/// The `[simulation]` and `[municipality]` tables of a test scenario.
pub struct Setup {
    pub years: usize,
    pub index: f64,
    pub discount_rate: f64,
    /// Mean (and last) annual result; its sd is 0.
    pub annual_result: f64,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            years: 15,
            index: 0.0,
            discount_rate: 0.0,
            annual_result: 0.0,
        }
    }
}

impl Setup {
    /// A scenario starting in 2020 with `body` (units, projects, designs) appended.
    pub fn scenario(&self, body: &str) -> Scenario {
        let text = self.toml(body);
        Scenario::from_bytes("test.toml".as_ref(), text.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// The text of [`Setup::scenario`]'s file.
    pub fn toml(&self, body: &str) -> String {
        format!(
            r#"
[simulation]
name = "test"
start_year = 2020
years = {}
paths = 1
seed = 7

[municipality]
name = "Testkommun"
total_budget = 1000
index = {}
discount_rate = {}
annual_result = {{ mean = {} }}

{body}
"#,
            self.years, self.index, self.discount_rate, self.annual_result
        )
    }
}

/// Samples path 0 and applies every design to it.
pub fn one_path(scenario: &Scenario) -> (World, Vec<Ledger>) {
    let mut world = World::default();
    world.sample(scenario, &Samplers::new(scenario), 0);
    let ledgers = apply_all(scenario, &world);
    (world, ledgers)
}

/// Applies every design of `scenario` to `world`.
pub fn apply_all(scenario: &Scenario, world: &World) -> Vec<Ledger> {
    scenario
        .designs()
        .iter()
        .map(|design| {
            let mut ledger = Ledger::default();
            ledger.apply(scenario, design, world);
            ledger
        })
        .collect()
}

/// An application of known project `i` with the given outcome and no delay or overrun.
pub fn known(i: usize, cost: f64, success: bool, effect: f64) -> Application {
    Application {
        source: Source::Known(i),
        cost,
        success,
        effect,
        extra_lag: 0,
        overrun: 0.0,
        arrival: 0.0,
        thinning: 0.0,
    }
}

/// Aggregates of one path (means only: a pilot has no histograms).
pub fn aggregate_one(scenario: &Scenario, world: &World, ledgers: &[Ledger]) -> Accumulator {
    let mut aggregates = Accumulator::pilot(Layout::of(scenario));
    aggregates.add_path(scenario, world, ledgers);
    aggregates
}

/// Asserts two amounts agree to 1e-9 mnkr.
#[track_caller]
pub fn assert_close(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

/// Designs whose names differ only by accents and case: one slug, `orebros-regel`.
pub const ACCENTED: [&str; 4] = [
    "ÖREBROS REGEL",
    "Orebros regel",
    "Örebros regel",
    "Ørebros regel",
];

/// `scenarios/compare.toml` with its four designs renamed to `names`, written into `dir`.
pub fn compare_renamed(dir: &Path, names: [&str; 4]) -> PathBuf {
    let mut text = fs::read_to_string("scenarios/compare.toml").unwrap();
    let designs = [
        "Budget",
        "Återföring utan golv",
        "Örebros regel",
        "Dubbelmodell",
    ];
    for (old, new) in designs.iter().zip(names) {
        let old = format!("name = \"{old}\"");
        assert_eq!(text.matches(&old).count(), 1, "{old}");
        text = text.replace(&old, &format!("name = \"{new}\""));
    }
    let path = dir.join("renamed.toml");
    fs::write(&path, text).unwrap();
    path
}

/// The SVG files in `dir` whose names start with `prefix`.
pub fn svgs(dir: &Path, prefix: &str) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.starts_with(prefix) && name.ends_with(".svg"))
        .map(|name| fs::read_to_string(dir.join(name)).unwrap())
        .collect()
}

/// Asserts each of `designs` has exactly one of the `svgs`: the one holding `marker(design)`.
#[track_caller]
pub fn one_chart_each(svgs: &[String], designs: &[&str], marker: fn(&str) -> String) {
    assert_eq!(svgs.len(), designs.len());
    for design in designs {
        let count = svgs
            .iter()
            .filter(|svg| svg.contains(&marker(design)))
            .count();
        assert_eq!(count, 1, "{design}");
    }
}

/// How a run's charts name their design: in the subtitle.
pub fn in_subtitle(design: &str) -> String {
    format!(" · {design} · ")
}

/// Two units, "a" and "b", each with a frame of 1000.
pub const UNITS_A_B: &str = r#"
[[unit]]
id = "a"
name = "A"
frame = 1000

[[unit]]
id = "b"
name = "B"
frame = 1000
"#;

/// A failed project under a repayment design with Örebro's rules, cost 10, planned savings
/// 2 (lead "a") and 3 ("b") a year, effect lag 5, start within 3, horizon 10.
pub fn failed_project(design_rules: &str) -> String {
    format!(
        r#"{UNITS_A_B}
[[project]]
name = "Misslyckad"
start_year = 2020
lead = "a"
partners = ["b"]
cost = 10
duration_years = 1
success_probability = 0
planned_savings = {{ a = 2, b = 3 }}
effect_lag_years = 5
effect_years = 5
effect_size = 1

[[design]]
name = "Örebro"
model = "repayment"
fund.initial = 10
repayment.start_within_years = 3
repayment.horizon_years = 10
{design_rules}
"#
    )
}

/// A finished `sifsim run`: its output folder and what it printed.
pub struct Run {
    /// Holds `out`; the folder is removed when the run is dropped.
    _dir: TempDir,
    out: PathBuf,
    /// The run's standard output.
    pub stdout: String,
}

impl Run {
    /// The output folder (borrowed, so it cannot outlive the temporary folder holding it).
    pub fn out(&self) -> &Path {
        &self.out
    }
}

/// `sifsim run SCENARIO --paths PATHS MORE… --out OUT`, OUT a new folder in a fresh temporary
/// folder; asserts the run succeeds.
pub fn sifsim_run(scenario: impl AsRef<Path>, paths: u32, more: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let assert = Command::cargo_bin("sifsim")
        .unwrap()
        .arg("run")
        .arg(scenario.as_ref())
        .args(["--paths", &paths.to_string()])
        .args(more)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    Run {
        _dir: dir,
        out,
        stdout,
    }
}
