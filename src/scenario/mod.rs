//! Scenarios: the TOML file as written ([`mod@file`]) and the validated [`Scenario`] the engine runs.
//!
//! [`Scenario::load`] reads and validates a file in one step; after it, no code re-checks input.

mod check;
pub mod file;
mod outcomes;
mod report;
mod validate;

use std::path::{Path, PathBuf};

pub use crate::edit::PathPart;
pub use crate::inputs::{Input, MAX_PATHS, MAX_START_YEAR, MAX_YEARS, Range};
pub use check::{MAX_ID, MAX_NAME, Problem, escaped, refusal, shown};
pub use outcomes::{Evaluation, Outcomes, normal_cdf, normal_quantile, success_given_fate};
pub use validate::validate;

/// A validated scenario: ids resolved to indices, defaults applied, every value in range.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// The file it was read from, named in errors.
    file: PathBuf,
    /// `simulation.name`, used in titles and the output folder's name.
    name: String,
    /// Calendar year of the first simulated year.
    start_year: i64,
    /// Number of simulated years (1..=200).
    years: usize,
    /// Number of Monte Carlo paths.
    paths: u64,
    /// Seed of every path's random stream.
    seed: u64,
    municipality: Municipality,
    /// The förvaltningar; projects refer to them by index.
    units: Vec<Unit>,
    /// Random applications.
    project_types: Vec<ProjectType>,
    /// Known projects, applying in their start year before any random application.
    projects: Vec<KnownProject>,
    /// The fund designs compared on the same futures.
    designs: Vec<Design>,
    /// How much the projects of one future share their fate, and what evaluations showed.
    outcomes: Outcomes,
    /// `f(t)` for each simulated year and the years after them that a project approved in the
    /// last one reaches without extra delay.
    price_factors: Vec<f64>,
    /// `1 / (1 + discount_rate)^t` for the same years.
    discount_factors: Vec<f64>,
    /// The thinning base over every design of the file, kept when `--design` keeps one: a
    /// design's futures never depend on which others run beside it.
    demand_base: f64,
    /// Some design of the file has a demand other than 1.
    thins: bool,
}

/// A scenario file that cannot be used. Exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    #[error("cannot read scenario file '{}'", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("scenario file '{}' is not UTF-8 text (the first bad byte is at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("scenario file '{}' is empty; see docs/scenario-reference.md for what it holds", path.display())]
    Empty { path: PathBuf },
    #[error("scenario file '{}' is not a valid scenario:\n{message}", path.display())]
    Syntax { path: PathBuf, message: String },
    #[error("scenario file '{}' has {} problem(s):\n{report}", path.display(), problems.iter().map(|p| p.count).sum::<usize>())]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
        /// The problems drawn against the file's lines.
        report: String,
    },
}

impl ScenarioError {
    /// The `problems` of a scenario whose text is not at hand (a table, or values given
    /// instead of the file's), `path` naming the file.
    pub fn invalid(path: &Path, problems: Vec<Problem>) -> ScenarioError {
        ScenarioError::Invalid {
            path: path.to_owned(),
            report: report::render_problems(path, "", &problems),
            problems,
        }
    }
}

impl Scenario {
    /// `simulation.name`, used in titles and the output folder's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Calendar year of the first simulated year.
    pub fn start_year(&self) -> i64 {
        self.start_year
    }

    /// Number of simulated years (1..=200).
    pub fn years(&self) -> usize {
        self.years
    }

    /// Number of Monte Carlo paths.
    pub fn paths(&self) -> u64 {
        self.paths
    }

    /// Seed of every path's random stream.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn municipality(&self) -> &Municipality {
        &self.municipality
    }

    /// The förvaltningar; projects refer to them by index.
    pub fn units(&self) -> &[Unit] {
        &self.units
    }

    /// Random applications.
    pub fn project_types(&self) -> &[ProjectType] {
        &self.project_types
    }

    /// Known projects, applying in their start year before any random application.
    pub fn projects(&self) -> &[KnownProject] {
        &self.projects
    }

    /// The fund designs compared on the same futures.
    pub fn designs(&self) -> &[Design] {
        &self.designs
    }

    /// How much the projects of one future share their fate, and what evaluations showed.
    pub fn outcomes(&self) -> &Outcomes {
        &self.outcomes
    }

    /// The same scenario run on other futures: `paths` and `seed`, when given, checked as the
    /// file's are and refused as the file's would be.
    pub fn with_futures(
        mut self,
        paths: Option<u64>,
        seed: Option<u64>,
    ) -> Result<Scenario, ScenarioError> {
        let mut c = check::Checker::default();
        if let Some(paths) = paths {
            self.paths = c.paths(paths);
        }
        if let Some(seed) = seed {
            self.seed = c.seed(seed);
        }
        let problems = c.problems();
        match problems.is_empty() {
            true => Ok(self),
            false => Err(ScenarioError::invalid(&self.file, problems)),
        }
    }

    /// Keeps only design `index`; the futures stay those of the whole file (MODEL.md 6.7).
    pub(crate) fn keep_design(&mut self, index: usize) {
        let kept = self.designs.swap_remove(index);
        self.designs = vec![kept];
    }

    /// Reads and validates a scenario file.
    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
        let bytes = std::fs::read(path).map_err(|source| ScenarioError::Read {
            path: path.to_owned(),
            source,
        })?;
        Scenario::from_bytes(path, &bytes)
    }

    /// Parses and validates scenario text; `path` only names the source in errors.
    pub fn from_bytes(path: &Path, bytes: &[u8]) -> Result<Scenario, ScenarioError> {
        let text = std::str::from_utf8(bytes).map_err(|e| ScenarioError::NotUtf8 {
            path: path.to_owned(),
            offset: e.valid_up_to(),
        })?;
        if text.trim().is_empty() {
            return Err(ScenarioError::Empty {
                path: path.to_owned(),
            });
        }
        // The reader quotes the file's line, which may hold what a terminal acts on.
        let raw: file::ScenarioFile = toml::from_str(text).map_err(|e| ScenarioError::Syntax {
            path: path.to_owned(),
            message: check::escaped_lines(&report::reader_message(&e.to_string())),
        })?;
        let scenario = validate(&raw).map_err(|problems| ScenarioError::Invalid {
            path: path.to_owned(),
            report: report::render_problems(path, text, &problems),
            problems,
        })?;
        Ok(Scenario {
            file: path.to_owned(),
            ..scenario
        })
    }

    /// Validates a scenario given as a TOML table (e.g. a file with sweep settings applied);
    /// `path` only names the source in errors.
    pub fn from_table(path: &Path, table: toml::Table) -> Result<Scenario, ScenarioError> {
        let raw: file::ScenarioFile =
            toml::Value::Table(table)
                .try_into()
                .map_err(|e: toml::de::Error| ScenarioError::Syntax {
                    path: path.to_owned(),
                    message: report::reader_message(&e.to_string()),
                })?;
        let scenario = validate(&raw).map_err(|problems| ScenarioError::invalid(path, problems))?;
        Ok(Scenario {
            file: path.to_owned(),
            ..scenario
        })
    }

    /// `f(t) = (1 + index)^t`: the price factor of simulated year `t` (0 = start year).
    pub fn price_factor(&self, t: usize) -> f64 {
        self.price_factors[t]
    }

    /// `f(t)` of any year `t`, also after the simulated years (the projects' continuation).
    pub fn price_factor_at(&self, t: usize) -> f64 {
        match self.price_factors.get(t) {
            Some(&f) => f,
            None => (1.0 + self.municipality.index).powi(t as i32),
        }
    }

    /// The thinning base `M = max(1, max over designs of demand)`: the world draws random
    /// applications at `M` times the scenario's rates.
    /// Over every design of the file, also when only some of them run.
    pub fn demand_base(&self) -> f64 {
        self.demand_base
    }

    /// Whether some design's demand differs from 1, so applications draw a thinning number.
    pub fn thins(&self) -> bool {
        self.thins
    }

    /// `f(t)` of every simulated year and of the years after them that a project approved in
    /// the last one reaches without extra delay (under any design).
    pub fn price_factors(&self) -> &[f64] {
        &self.price_factors
    }

    /// `1 / (1 + discount_rate)^t`: what a mnkr of simulated year `t` is worth in the start year.
    pub fn discount_factor(&self, t: usize) -> f64 {
        self.discount_factors[t]
    }

    /// `1 / (1 + discount_rate)^t` of any year `t`, also after the simulated years.
    pub fn discount_factor_at(&self, t: usize) -> f64 {
        match self.discount_factors.get(t) {
            Some(&d) => d,
            None => (1.0 / (1.0 + self.municipality.discount_rate)).powi(t as i32),
        }
    }

    /// Calendar year of simulated year `t`.
    pub fn calendar_year(&self, t: usize) -> i64 {
        self.start_year + t as i64
    }
}

/// `[municipality]`.
#[derive(Debug, Clone)]
pub struct Municipality {
    pub name: String,
    /// mnkr per year, start-year prices.
    pub total_budget: f64,
    /// Yearly uplift of every amount given in start-year prices.
    pub index: f64,
    pub annual_result: AnnualResult,
    /// Result of the year before the start, nominal.
    pub last_result: f64,
    pub discount_rate: f64,
    /// The balanskrav result leaves the fund's payouts out (earmarked equity used, MODEL.md 7.2).
    pub balanskrav_excludes_fund_payouts: bool,
}

/// The municipality's annual result: AR(1) around `mean` in start-year prices.
#[derive(Debug, Clone, Copy)]
pub struct AnnualResult {
    pub mean: f64,
    pub sd: f64,
    /// φ, strictly between −1 and 1.
    pub autocorrelation: f64,
}

/// A förvaltning (department) with its yearly frame.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub name: String,
    /// Budget frame, mnkr per year, start-year prices.
    pub frame: f64,
    /// The unit's own yearly result as a share of its frame.
    pub ordinary_result: Normal,
    /// Correlation of that result with the normal driving the annual result, in -1..=1.
    pub correlation: f64,
}

/// A normal distribution (`sd = 0` gives exactly `mean`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Normal {
    pub mean: f64,
    pub sd: f64,
}

/// A lognormal distribution by its median (`sigma = 0` gives exactly `median`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LogNormal {
    pub median: f64,
    pub sigma: f64,
}

/// What a project is: shared by random applications and known projects.
#[derive(Debug, Clone)]
pub struct ProjectSpec {
    pub name: String,
    /// Index of the unit that runs it and bears its overruns and running costs.
    pub lead: usize,
    pub partners: Vec<usize>,
    /// Total cost, start-year prices.
    pub cost: LogNormal,
    pub duration_years: usize,
    pub success_probability: f64,
    /// (unit index, mnkr per year at full effect), in unit order.
    pub planned_savings: Vec<(usize, f64)>,
    /// Σ planned savings per year, the basis of the repayment split.
    pub planned_savings_total: f64,
    pub effect_lag_years: usize,
    pub extra_lag_mean: f64,
    pub effect_years: usize,
    pub effect_size: Normal,
    pub realization_share: f64,
    pub cost_overrun: Normal,
    /// mnkr per year on the lead unit while a successful project's savings last, after its last payout.
    pub running_cost: f64,
    /// `false`: cooperation work with no calculable saving.
    pub repayable: bool,
}

impl ProjectSpec {
    /// The expected saving per krona of cost the scenario assumes (MODEL.md 6.8):
    /// `p · effect mean · Σ planned savings · effect years / mean cost`, start-year prices, not
    /// discounted. Below 1 the scenario assumes the project loses money on average.
    pub fn saving_per_krona(&self) -> f64 {
        self.success_probability * self.effect_size.mean * self.claimed_per_krona()
    }

    /// The same under the fate `outcomes` describe, the evaluations' posterior included:
    /// `E[1{success}·effect]` in place of `p · effect mean`.
    pub fn saving_per_krona_given(&self, outcomes: &Outcomes) -> f64 {
        let effect = self.effect_size;
        let p = self.success_probability;
        outcomes.expected_effect(p, effect.mean, effect.sd) * self.claimed_per_krona()
    }

    /// `Σ planned savings · effect years / mean cost`: what a krona saves at full effect.
    fn claimed_per_krona(&self) -> f64 {
        let mean_cost = self.cost.median * (self.cost.sigma * self.cost.sigma / 2.0).exp();
        self.planned_savings_total * self.effect_years as f64 / mean_cost
    }
}

/// `[[project_type]]`: applications arriving at random.
#[derive(Debug, Clone)]
pub struct ProjectType {
    pub spec: ProjectSpec,
    /// Poisson mean of applications per year.
    pub arrivals_per_year: f64,
}

/// `[[project]]`: a known project applying in a given year.
#[derive(Debug, Clone)]
pub struct KnownProject {
    pub spec: ProjectSpec,
    /// Simulated year of application (0 = start year).
    pub start: usize,
    /// Decided before the run: approved without the money test.
    pub decided: bool,
}

/// A fund design: its financing model and rules.
#[derive(Debug, Clone)]
pub struct Design {
    pub name: String,
    pub model: Model,
    /// Capital at the start of the start year (the repayment pot, in a dual design).
    pub initial: f64,
    /// Deposit rules, applied in order each year.
    pub deposits: Vec<Deposit>,
    pub approval: Approval,
}

/// The financing model, carrying the tables only it uses.
#[derive(Debug, Clone)]
pub enum Model {
    /// Budgetmodellen: one-off appropriations, nothing repaid.
    Budget,
    /// Återföringsmodellen: units whose costs fall repay the fund.
    Repayment(Repayment),
    /// Ale's dubbelmodell: a yearly grant pot with no repayment beside a repayment pot.
    Dual { repayment: Repayment, grant: Grant },
}

impl Model {
    /// The name used in scenario files and outputs.
    pub fn name(&self) -> &'static str {
        match self {
            Model::Budget => "budget",
            Model::Repayment(_) => "repayment",
            Model::Dual { .. } => "dual",
        }
    }

    /// The repayment rules, if this model has any.
    pub fn repayment(&self) -> Option<&Repayment> {
        match self {
            Model::Budget => None,
            Model::Repayment(r) | Model::Dual { repayment: r, .. } => Some(r),
        }
    }
}

/// `design.repayment`: how the återföringsplan is fixed and collected.
#[derive(Debug, Clone, Copy)]
pub struct Repayment {
    pub basis: Basis,
    /// Share of each instalment repaid whatever the outcome (Örebro: 0.3).
    pub floor_share: f64,
    pub start_within_years: usize,
    pub horizon_years: usize,
    /// Share of the nominal cost put in the plan.
    pub plan_share: f64,
    pub shortfall_bearer: Bearer,
    pub floor_applies_to: FloorScope,
}

/// What the floor is a share of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FloorScope {
    /// Each instalment: a unit pays at least `floor_share·I_u` every year.
    Instalment,
    /// The whole plan: arrears are owed and settled at the plan's end, with at least
    /// `floor_share·P_u` repaid in all.
    Plan,
}

/// What an instalment is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The budget room the project actually gave, clamped to floor..=instalment.
    Realized,
    /// The instalment whatever happened (a frame cut).
    Planned,
    /// The saving as the follow-up measures it, clamped like `Realized`, whether or not it
    /// became budget room.
    Measured,
}

/// Who covers an instalment's shortfall.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bearer {
    /// The fund writes it off.
    Fund,
    /// The project's lead unit pays it to the fund.
    Lead,
}

/// `design.grant` of a dual design.
#[derive(Debug, Clone, Copy)]
pub struct Grant {
    /// mnkr per year, start-year prices.
    pub fixed: f64,
    pub share_of_positive_result: f64,
    /// Keep unspent grant money instead of letting it lapse at year end.
    pub carry_over: bool,
}

/// `design.approval`.
#[derive(Debug, Clone, Copy)]
pub struct Approval {
    pub require_partner: bool,
    pub min_expected_return: f64,
    /// Last calendar year applications are taken; later ones are refused by the rules.
    pub last_year: Option<i64>,
    /// Application rate relative to the scenario's (> 0).
    pub demand: f64,
}

/// One deposit rule of `design.fund.deposits`; years are calendar years.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Deposit {
    /// `amount·f(y)` in each year of `from_year..=to_year`.
    Fixed {
        amount: f64,
        from_year: i64,
        to_year: i64,
    },
    /// `amount·f(year)` in one year.
    Once { amount: f64, year: i64 },
    /// `share` of last year's positive result, up to a balance of `until_balance·f(y)`.
    ShareOfPositiveResult { share: f64, until_balance: f64 },
    /// Up to `target_budget_share` of the total budget, at most `max_share_of_result` of a positive result.
    TopUp {
        target_budget_share: f64,
        max_share_of_result: f64,
    },
    /// `amount·f(y)` after a depleted year, with the given probability (political will).
    Replenish { amount: f64, probability: f64 },
}
