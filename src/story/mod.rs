//! One future, told: a design applied to one path's world, year by year — deposits,
//! applications and what became of them, projects' outcomes, who repaid what, write-offs,
//! lapses, the fund's balance, and the year the money ran out.
//!
//! The path's world is sampled by the generators the simulation uses, so path `N` here is path
//! `N` of `sifsim run` with the same scenario, paths and seed. The ledger tells what it decides
//! through its [`Observer`] hook; the rest is read off its public books. [`Story`] serializes
//! for a web page and renders as text ([`Story::text`]) or an HTML fragment ([`Story::html`]).

mod choose;
mod render;

use serde::Serialize;

pub use choose::{Pick, PickError, StoryError, choose};

use crate::ledger::{Decision, Inflow, Ledger, Observer, Paid};
use crate::scenario::{Bearer, Deposit, Design, FloorScope, Scenario};
use crate::simulator::Simulator;
use crate::source::design_index;
use crate::world::{Application, Samplers, Source, World};

/// One design's story on one path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    /// The scenario's name.
    pub scenario: String,
    pub design: String,
    /// The path (0-based, as in `sifsim run`).
    pub path: u64,
    /// The scenario's number of paths.
    pub paths: u64,
    pub seed: u64,
    /// Why this path was told.
    pub chosen_because: Choice,
    /// The fund's capital at the start, mnkr.
    pub initial: f64,
    /// The simulated years, in order.
    pub years: Vec<YearStory>,
    /// The first year an application was turned down for lack of money (the fund ran dry).
    pub ran_dry: Option<i64>,
}

/// Why a path was told.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Choice {
    /// The path was asked for by its number.
    Asked,
    /// Among the `ran_dry` paths where the fund ran dry, the lowest-numbered one whose first
    /// turn-down for money came in the median such year, `year`.
    RanDry { ran_dry: u64, year: i64 },
    /// The path at the 95th percentile of `unit`'s total burden over the simulated years
    /// (`burden`, nominal mnkr); the lowest-numbered among equal burdens.
    WorstBurden { unit: String, burden: f64 },
}

/// One year of a story: its events in the order the year runs, and the fund at year end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearStory {
    /// Calendar year.
    pub year: i64,
    pub events: Vec<Event>,
    /// The fund's cash at year end (both pots), mnkr.
    pub cash: f64,
    /// Cash not committed to approved projects, at year end, mnkr.
    pub uncommitted: f64,
}

/// Something that happened in a year; amounts are nominal mnkr.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Event {
    /// A deposit rule (or a dual design's grant frame) put money in the fund.
    Deposit { rule: DepositRule, amount: f64 },
    /// A funded project's outcome shows: its savings begin (`success`), or the year its effect
    /// was planned passes without one. `saving` is all units' saving in this year, `room` the
    /// part that became budget room.
    Outcome {
        project: String,
        /// Calendar year it was approved.
        approved: i64,
        success: bool,
        saving: f64,
        room: f64,
        effect_years: usize,
    },
    /// What a förvaltning paid the fund and gained this year.
    Unit {
        unit: String,
        /// Instalments that fell due.
        due: f64,
        /// What it repaid of them (floors and top-ups included).
        repaid: f64,
        /// Exactly the floor was repaid (the saving did not reach it).
        at_floor: bool,
        /// `due − repaid` when positive, and what becomes of it.
        unpaid: f64,
        unpaid_is: Unpaid,
        /// Shortfalls it paid as a project's lead.
        shortfall_paid: f64,
        /// Savings that became budget room.
        room: f64,
        overrun: f64,
        running_cost: f64,
        /// What it pays minus the room it gains.
        burden: f64,
    },
    /// Instalment shortfalls the fund wrote off.
    WrittenOff { amount: f64 },
    /// Arrears the units owe the fund at year end (a floor on the whole plan).
    Owed { amount: f64 },
    /// An application, and what the design did with it.
    Application {
        project: String,
        /// A known project (else a random application of a project type).
        known: bool,
        lead: String,
        partners: Vec<String>,
        /// Nominal cost.
        cost: f64,
        #[serde(flatten)]
        decision: Decision,
    },
    /// The first turn-down for lack of money: the fund ran dry.
    RanDry,
    /// Payouts to approved projects.
    Payouts { amount: f64 },
    /// Grant money that lapsed unspent at year end.
    Lapsed { amount: f64 },
}

/// The deposit rule an amount came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DepositRule {
    Fixed,
    Once,
    ShareOfPositiveResult,
    TopUp,
    Replenish,
    /// A dual design's yearly grant frame.
    Grant,
}

/// What becomes of an instalment a unit did not pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unpaid {
    /// The fund writes it off.
    WrittenOff,
    /// The project's lead pays it.
    LeadPays,
    /// It is owed until the plan's end (a floor on the whole plan).
    Owed,
}

/// What [`explain`] tells: a story, or that there is no future of the kind asked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "told", rename_all = "snake_case")]
pub enum Told {
    Story(Story),
    /// The fund ran dry on none of the `paths` paths.
    NeverRanDry {
        design: String,
        paths: u64,
    },
}

/// Tells the future `pick` chooses of the design named `design`. Unknown designs, units and
/// paths are refused.
pub fn explain(
    simulator: &Simulator,
    scenario: &Scenario,
    design: &str,
    pick: &Pick,
) -> Result<Told, StoryError> {
    let d = design_index(scenario, design)?;
    Ok(match choose(simulator, scenario, d, pick)? {
        Some((path, why)) => Told::Story(tell(scenario, d, path, why)),
        None => Told::NeverRanDry {
            design: design.to_string(),
            paths: scenario.paths(),
        },
    })
}

/// Tells design `design` (an index) on path `path`, chosen for `why`.
pub fn tell(scenario: &Scenario, design: usize, path: u64, why: Choice) -> Story {
    let mut world = World::default();
    world.sample(scenario, &Samplers::new(scenario), path);
    let years = tell_world(scenario, design, &world);
    let ran_dry = (years.iter())
        .find(|y| y.events.contains(&Event::RanDry))
        .map(|y| y.year);
    let design = &scenario.designs()[design];
    Story {
        scenario: scenario.name().to_string(),
        design: design.name.clone(),
        path,
        paths: scenario.paths(),
        seed: scenario.seed(),
        chosen_because: why,
        initial: design.initial,
        years,
        ran_dry,
    }
}

/// The years of design `design` (an index) applied to `world`, e.g. a hand-built one. Each
/// year's events come in the order the year runs: deposits, the outcomes that show, what each
/// förvaltning paid and gained, write-offs and arrears, applications, payouts, lapses.
pub fn tell_world(scenario: &Scenario, design: usize, world: &World) -> Vec<YearStory> {
    let mut heard = Heard::new(scenario);
    let mut ledger = Ledger::default();
    let rules = &scenario.designs()[design];
    ledger.apply_observed(scenario, rules, world, &mut heard);
    let applications = applications(scenario, &heard);
    let mut years: Vec<YearStory> = (ledger.years().iter().enumerate())
        .map(|(t, flows)| YearStory {
            year: scenario.calendar_year(t),
            events: Vec::new(),
            cash: flows.cash,
            uncommitted: flows.uncommitted,
        })
        .collect();
    for &(t, from, amount) in &heard.deposits {
        if amount > 0.0 {
            let rule = deposit_rule(rules, from);
            years[t].events.push(Event::Deposit { rule, amount });
        }
    }
    for (t, app, event) in &applications {
        if let Some((shows, outcome)) = outcome(scenario, *t, app, event) {
            years[shows].events.push(outcome);
        }
    }
    for (t, year) in years.iter_mut().enumerate() {
        year.events
            .extend(units(scenario, design, &ledger, &heard, t));
        let flows = &ledger.years()[t];
        year.events
            .extend(positive(flows.written_off, |amount| Event::WrittenOff {
                amount,
            }));
        year.events
            .extend(positive(flows.owed, |amount| Event::Owed { amount }));
    }
    let mut ran_dry = false;
    for (t, _, event) in applications {
        let first_dry = !ran_dry
            && matches!(
                event,
                Event::Application {
                    decision: Decision::TurnedDown { grant: false, .. },
                    ..
                }
            );
        years[t].events.push(event);
        if first_dry {
            years[t].events.push(Event::RanDry);
            ran_dry = true;
        }
    }
    for (year, flows) in years.iter_mut().zip(ledger.years()) {
        year.events
            .extend(positive(flows.payouts, |amount| Event::Payouts { amount }));
        year.events
            .extend(positive(flows.lapsed, |amount| Event::Lapsed { amount }));
    }
    years
}

/// `event(amount)` when `amount` is positive.
fn positive(amount: f64, event: impl Fn(f64) -> Event) -> Option<Event> {
    (amount > 0.0).then(|| event(amount))
}

/// The rule a deposit came from.
fn deposit_rule(design: &Design, from: Inflow) -> DepositRule {
    match from {
        Inflow::Rule(i) => match design.deposits[i] {
            Deposit::Fixed { .. } => DepositRule::Fixed,
            Deposit::Once { .. } => DepositRule::Once,
            Deposit::ShareOfPositiveResult { .. } => DepositRule::ShareOfPositiveResult,
            Deposit::TopUp { .. } => DepositRule::TopUp,
            Deposit::Replenish { .. } => DepositRule::Replenish,
        },
        Inflow::Grant => DepositRule::Grant,
    }
}

/// Every application the design saw, in the order taken, with its year and event. Random
/// applications are named by their type and their number in the path.
fn applications(scenario: &Scenario, heard: &Heard) -> Vec<(usize, Application, Event)> {
    let mut seen = vec![0; scenario.project_types().len()];
    let unit = |u: usize| scenario.units()[u].name.clone();
    (heard.decisions.iter())
        .map(|&(t, app, decision)| {
            let spec = app.spec(scenario);
            let (project, known) = match app.source {
                Source::Known(_) => (spec.name.clone(), true),
                Source::Random(k) => {
                    seen[k] += 1;
                    (format!("{} {}", spec.name, seen[k]), false)
                }
            };
            let event = Event::Application {
                project,
                known,
                lead: unit(spec.lead),
                partners: spec.partners.iter().map(|&u| unit(u)).collect(),
                cost: app.cost * scenario.price_factor(t),
                decision,
            };
            (t, app, event)
        })
        .collect()
}

/// An approved application's outcome and the simulated year it shows in: the year its saving
/// begins, or, when it failed, the year its effect was planned to begin.
fn outcome(
    scenario: &Scenario,
    t: usize,
    app: &Application,
    event: &Event,
) -> Option<(usize, Event)> {
    let Event::Application {
        project,
        decision: Decision::Approved { .. },
        ..
    } = event
    else {
        return None;
    };
    let spec = app.spec(scenario);
    let planned = t + spec.effect_lag_years;
    let shows = if app.success {
        planned + app.extra_lag
    } else {
        planned
    };
    let saving = spec.planned_savings_total * app.effect * scenario.price_factor_at(shows);
    let outcome = Event::Outcome {
        project: project.clone(),
        approved: scenario.calendar_year(t),
        success: app.success,
        saving,
        room: spec.realization_share * saving,
        effect_years: spec.effect_years,
    };
    (shows < scenario.years()).then_some((shows, outcome))
}

/// What each förvaltning with any flow in year `t` paid the fund and gained.
fn units(
    scenario: &Scenario,
    design: usize,
    ledger: &Ledger,
    heard: &Heard,
    t: usize,
) -> Vec<Event> {
    let repayment = scenario.designs()[design].model.repayment();
    let unpaid_is = match repayment {
        Some(r) if r.floor_applies_to == FloorScope::Plan => Unpaid::Owed,
        Some(r) if r.shortfall_bearer == Bearer::Lead => Unpaid::LeadPays,
        _ => Unpaid::WrittenOff,
    };
    let mut events = Vec::new();
    for (u, unit) in scenario.units().iter().enumerate() {
        let flows = ledger.unit(t, u);
        let at = t * heard.units + u;
        let due = heard.due[at];
        let amounts = [due, flows.repaid, flows.shortfall_paid, flows.room];
        let others = [flows.overrun, flows.running_cost];
        if amounts.iter().chain(&others).all(|&x| x == 0.0) {
            continue;
        }
        let unpaid = due - flows.repaid;
        let unpaid = if unpaid > 1e-9 { unpaid } else { 0.0 };
        events.push(Event::Unit {
            unit: unit.name.clone(),
            due,
            repaid: flows.repaid,
            at_floor: unpaid > 0.0 && heard.floor[at] && !heard.not_floor[at],
            unpaid,
            unpaid_is,
            shortfall_paid: flows.shortfall_paid,
            room: flows.room,
            overrun: flows.overrun,
            running_cost: flows.running_cost,
            burden: flows.burden(),
        });
    }
    events
}

/// What the ledger told while applying a design: deposits, decisions and instalments due.
struct Heard {
    /// (year, where from, amount).
    deposits: Vec<(usize, Inflow, f64)>,
    /// (year, application, decision), in the order taken.
    decisions: Vec<(usize, Application, Decision)>,
    /// Instalments due, `[t * units + u]`, over the simulated years.
    due: Vec<f64>,
    /// How the plans' payments were decided, `[t * units + u]`: some at the floor, some not.
    floor: Vec<bool>,
    not_floor: Vec<bool>,
    units: usize,
    window: usize,
}

impl Heard {
    fn new(scenario: &Scenario) -> Heard {
        Heard {
            deposits: Vec::new(),
            decisions: Vec::new(),
            due: vec![0.0; scenario.years() * scenario.units().len()],
            floor: vec![false; scenario.years() * scenario.units().len()],
            not_floor: vec![false; scenario.years() * scenario.units().len()],
            units: scenario.units().len(),
            window: scenario.years(),
        }
    }
}

impl Observer for Heard {
    fn deposit(&mut self, t: usize, from: Inflow, amount: f64) {
        self.deposits.push((t, from, amount));
    }

    fn decision(&mut self, t: usize, app: &Application, decision: Decision) {
        self.decisions.push((t, *app, decision));
    }

    fn instalments(&mut self, unit: usize, years: std::ops::Range<usize>, instalment: f64) {
        for t in years.start..years.end.min(self.window) {
            self.due[t * self.units + unit] += instalment;
        }
    }

    fn repaid(&mut self, unit: usize, years: std::ops::Range<usize>, _amount: f64, how: Paid) {
        // The story tells of a payment at the floor; every other way a payment was decided is
        // told by its amount.
        let heard = match how {
            Paid::Floor => &mut self.floor,
            Paid::Whole | Paid::Saving | Paid::Nothing | Paid::TopUp => &mut self.not_floor,
        };
        for t in years.start..years.end.min(self.window) {
            heard[t * self.units + unit] = true;
        }
    }
}
