//! Helpers shared by the integration tests: tiny scenarios and hand-built worlds.
#![allow(dead_code)]

use sifsim::aggregate::Accumulator;
use sifsim::aggregate::Layout;
use sifsim::ledger::Ledger;
use sifsim::scenario::Scenario;
use sifsim::world::{Application, Samplers, Source, World};

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
        .designs
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
