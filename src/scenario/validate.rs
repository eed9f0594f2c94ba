//! [`ScenarioFile`] → [`Scenario`]: every value checked against its allowed range, ids resolved.
//!
//! All problems in a file are collected and reported together.

use std::collections::{HashMap, HashSet};

use std::path::PathBuf;

use crate::labels::fill;
use crate::labels::problems::{ProblemText, Said};

use super::check::{At, Checker, Field, Item, MAX_ID, MAX_NAME, Problem, shown};
use super::file::{
    BasisName, BearerName, DepositFile, DesignFile, FloorScopeName, ModelName, ProjectFile,
    ScenarioFile,
};
use super::{
    AnnualResult, Approval, Basis, Bearer, Deposit, Design, FloorScope, Grant, KnownProject,
    LogNormal, Model, Municipality, Normal, ProjectSpec, ProjectType, Repayment, Scenario, Unit,
};
use crate::inputs::{Input, MAX_DEPOSITS, MAX_DESIGNS, MAX_UNITS, MAX_YEARS, MIN_FRAME};

/// Years from its approval to a project's last payout, saving or instalment under any of
/// `designs`, extra delay aside.
fn longest_life(spec: &ProjectSpec, designs: &[Design]) -> usize {
    let plan_end = (designs.iter().filter_map(|d| d.model.repayment()))
        .map(|r| spec.effect_lag_years.min(r.start_within_years) + r.horizon_years)
        .max()
        .unwrap_or(0);
    let effect_end = spec.effect_lag_years + spec.effect_years;
    spec.duration_years.max(effect_end).max(plan_end)
}

/// Turns a parsed file into a validated scenario, or lists every problem found.
pub fn validate(file: &ScenarioFile) -> Result<Scenario, Vec<Problem>> {
    let mut c = Checker::default();
    let sim = &file.simulation;
    let start_year = c.whole(Field::input(Input::StartYear), sim.start_year);
    let years = c.whole(Field::input(Input::Years), sim.years) as usize;
    let paths = c.paths(sim.paths);
    let seed = c.seed(sim.seed);
    // With invalid years, check years against the longest simulation rather than report
    // every dated field again.
    let checked_years = if years == sim.years as usize {
        years as i64
    } else {
        MAX_YEARS
    };
    let last_year = start_year + checked_years - 1;

    c.name(Field::top("simulation.name"), &sim.name, MAX_NAME);
    let m = &file.municipality;
    c.name(Field::top("municipality.name"), &m.name, MAX_NAME);
    let annual = &m.annual_result;
    let municipality = Municipality {
        name: m.name.clone(),
        total_budget: c.number(Field::input(Input::TotalBudget), m.total_budget),
        index: c.number(Field::input(Input::Index), m.index),
        annual_result: AnnualResult {
            mean: c.number(Field::input(Input::AnnualResultMean), annual.mean),
            sd: c.number(Field::input(Input::AnnualResultSd), annual.sd),
            autocorrelation: c.number(
                Field::input(Input::AnnualResultAutocorrelation),
                annual.autocorrelation,
            ),
        },
        last_result: c.number(
            Field::input(Input::LastResult),
            m.last_result.unwrap_or(annual.mean),
        ),
        discount_rate: c.number(Field::input(Input::DiscountRate), m.discount_rate),
        balanskrav_excludes_fund_payouts: m.balanskrav_excludes_fund_payouts,
    };

    if file.unit.is_empty() {
        c.fail(
            Field::top("unit"),
            Said::filled(|w| w.at_least_one, &[("table", "unit")]),
        );
    }
    c.count(Field::top("unit"), file.unit.len(), MAX_UNITS);
    let mut seen = HashSet::new();
    let units: Vec<Unit> = file
        .unit
        .iter()
        .enumerate()
        .map(|(i, u)| {
            let at = Item::new("unit", i, format!("unit \"{}\"", u.id));
            c.name(at.key("id"), &u.id, MAX_ID);
            c.name(at.key("name"), &u.name, MAX_NAME);
            if u.id.is_empty() {
                c.fail(at.key("id"), Said::of(|w| w.empty));
            } else if !seen.insert(u.id.as_str()) {
                c.fail(at.key("id"), Said::of(|w| w.id_taken));
            }
            Unit {
                id: u.id.clone(),
                name: u.name.clone(),
                frame: c.number(at.input(Input::Frame), u.frame),
                ordinary_result: Normal {
                    mean: c.number(at.input(Input::OrdinaryResultMean), u.ordinary_result.mean),
                    sd: c.number(at.input(Input::OrdinaryResultSd), u.ordinary_result.sd),
                },
                correlation: c.number(
                    at.input(Input::OrdinaryResultCorrelation),
                    u.ordinary_result.correlation,
                ),
            }
        })
        .collect();
    let unit_ids = Units::new(&units);
    shrinking_frames(&mut c, &municipality, &units, start_year, years);

    let project_types: Vec<ProjectType> = file
        .project_type
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let at = Item::new("project_type", i, format!("project_type \"{}\"", p.name));
            c.name(at.key("name"), &p.name, MAX_NAME);
            if p.start_year.is_some() {
                let message = Said::of(|w| w.start_year_of_type);
                c.fail(at.key("start_year"), message);
            }
            if p.decided {
                c.fail(at.key("decided"), Said::of(|w| w.decided_of_type));
            }
            let arrivals = match p.arrivals_per_year {
                Some(a) => c.number(at.input(Input::ArrivalsPerYear), a),
                None => {
                    c.fail(at.key("arrivals_per_year"), Said::of(|w| w.required));
                    0.0
                }
            };
            ProjectType {
                spec: project_spec(&mut c, &at, p, &unit_ids),
                arrivals_per_year: arrivals,
            }
        })
        .collect();

    let projects: Vec<KnownProject> = file
        .project
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let at = Item::new("project", i, format!("project \"{}\"", p.name));
            c.name(at.key("name"), &p.name, MAX_NAME);
            if p.arrivals_per_year.is_some() {
                let message = Said::of(|w| w.arrivals_of_project);
                c.fail(at.key("arrivals_per_year"), message);
            }
            let start = match p.start_year {
                Some(y) => c.year(at.input(Input::ProjectStartYear), y, start_year, last_year),
                None => {
                    c.fail(at.key("start_year"), Said::of(|w| w.required));
                    start_year
                }
            };
            KnownProject {
                spec: project_spec(&mut c, &at, p, &unit_ids),
                start: (start - start_year) as usize,
                decided: p.decided,
            }
        })
        .collect();

    if file.design.is_empty() {
        c.fail(
            Field::top("design"),
            Said::filled(|w| w.at_least_one, &[("table", "design")]),
        );
    }
    c.count(Field::top("design"), file.design.len(), MAX_DESIGNS);
    let mut names = HashSet::new();
    let designs: Vec<Design> = file
        .design
        .iter()
        .enumerate()
        .map(|(i, d)| {
            if !names.insert(d.name.as_str()) {
                c.fail(
                    Item::new("design", i, format!("design \"{}\"", d.name)).key("name"),
                    Said::of(|w| w.name_taken),
                );
            }
            design(&mut c, i, d, start_year, last_year)
        })
        .collect();

    let outcomes = super::outcomes::validate_outcomes(&mut c, file, &project_types, &projects);

    let problems = c.problems();
    if !problems.is_empty() {
        return Err(problems);
    }
    // The tables cover the simulated years and the longest life of a project approved in the
    // last of them, extra delays aside: what a ledger's continuation reaches in most paths.
    let specs = (project_types.iter().map(|t| &t.spec)).chain(projects.iter().map(|p| &p.spec));
    let longest_life = specs
        .map(|spec| longest_life(spec, &designs))
        .max()
        .unwrap_or(0);
    let powers = |base: f64| {
        (0..years + longest_life)
            .map(|t| base.powi(t as i32))
            .collect()
    };
    let price_factors = powers(1.0 + municipality.index);
    let discount_factors = powers(1.0 / (1.0 + municipality.discount_rate));
    let demand_base = (designs.iter().map(|d| d.approval.demand)).fold(1.0, f64::max);
    let thins = designs.iter().any(|d| d.approval.demand != 1.0);
    Ok(Scenario {
        file: PathBuf::new(),
        price_factors,
        discount_factors,
        demand_base,
        thins,
        name: sim.name.clone(),
        start_year,
        years,
        paths,
        seed,
        municipality,
        units,
        project_types,
        projects,
        designs,
        outcomes,
    })
}

/// Refuses an index that shrinks the smallest valid frame below [`MIN_FRAME`] within the
/// simulated years (frames are indexed like every start-year amount).
fn shrinking_frames(
    c: &mut Checker,
    municipality: &Municipality,
    units: &[Unit],
    start_year: i64,
    years: usize,
) {
    let index = municipality.index;
    let Some(unit) = (units.iter())
        .filter(|u| u.frame >= MIN_FRAME)
        .min_by(|a, b| a.frame.total_cmp(&b.frame))
    else {
        return;
    };
    let Some(t) = (0..years).find(|&t| unit.frame * (1.0 + index).powi(t as i32) < MIN_FRAME)
    else {
        return;
    };
    let lowest = (MIN_FRAME / unit.frame).powf(1.0 / (years - 1) as f64) - 1.0;
    let lowest = (lowest * 1e4).ceil() / 1e4 + 0.0;
    let (years, year) = (years.to_string(), (start_year + t as i64).to_string());
    let message = Said::new(|w| {
        let number = |x: f64| w.decimal(&x.to_string());
        let values = [
            ("index", &number(index)),
            ("years", &years),
            ("unit", &unit.id),
            ("frame", &w.decimal(&shown(unit.frame))),
            ("min", &number(MIN_FRAME)),
            ("year", &year),
            ("lowest", &number(lowest)),
        ];
        fill(w.index_shrinks_frame, &values.map(|(k, v)| (k, v.as_str())))
    });
    c.fail(Field::top("municipality.index"), message);
}

/// The id most like `id`, if any is close.
fn closest<'a>(id: &str, ids: &[&'a str]) -> Option<&'a str> {
    ids.iter()
        .map(|&candidate| (strsim::jaro_winkler(id, candidate), candidate))
        .filter(|&(score, _)| score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// The units by id, found in constant time.
struct Units<'a> {
    ids: Vec<&'a str>,
    index: HashMap<&'a str, usize>,
}

/// Most unit ids a problem lists as the known ones.
const LISTED_UNITS: usize = 20;

impl<'a> Units<'a> {
    fn new(units: &'a [Unit]) -> Units<'a> {
        let ids: Vec<&str> = units.iter().map(|u| u.id.as_str()).collect();
        let index = (ids.iter().enumerate())
            .map(|(i, &id)| (id, i))
            .rev()
            .collect();
        Units { ids, index }
    }

    /// The unit `id` names, or a problem naming the closest and some known ones.
    fn find(&self, c: &mut Checker, field: Field, id: &str) -> usize {
        if let Some(&i) = self.index.get(id) {
            return i;
        }
        if c.full() {
            c.skip();
            return 0;
        }
        let mut units = self.ids[..self.ids.len().min(LISTED_UNITS)].join(", ");
        if self.ids.len() > LISTED_UNITS {
            units += ", …";
        }
        let message = Said::new(|w| {
            let hint = closest(id, &self.ids)
                .map_or(String::new(), |u| fill(w.did_you_mean, &[("unit", u)]));
            let values = [("id", id), ("hint", &hint), ("units", &units)];
            fill(w.unknown_unit, &values)
        });
        c.fail(field, message);
        0
    }
}

fn project_spec(c: &mut Checker, at: &Item, p: &ProjectFile, units: &Units) -> ProjectSpec {
    let lead = units.find(c, at.key("lead"), &p.lead);
    let mut partners = Vec::with_capacity(p.partners.len());
    let mut named: HashMap<&str, usize> = HashMap::new();
    for id in &p.partners {
        *named.entry(id.as_str()).or_default() += 1;
    }
    for id in &p.partners {
        let field = at.key("partners");
        if *id == p.lead {
            c.fail(field, Said::filled(|w| w.partner_is_lead, &[("id", id)]));
        } else if named[id.as_str()] > 1 {
            c.fail(field, Said::filled(|w| w.named_twice, &[("id", id)]));
        } else {
            partners.push(units.find(c, field, id));
        }
    }
    let planned_savings: Vec<(usize, f64)> = p
        .planned_savings
        .iter()
        .map(|(id, &amount)| {
            let field = at.key(&format!("planned_savings.{id}"));
            let unit = units.find(c, field.clone(), id);
            (unit, c.number(At::new(field, Input::PlannedSaving), amount))
        })
        .collect();
    let planned_savings_total = planned_savings.iter().map(|&(_, s)| s).sum();
    let spec = ProjectSpec {
        name: p.name.clone(),
        lead,
        partners,
        cost: LogNormal {
            median: c.number(at.input(Input::CostMedian), p.cost.median),
            sigma: c.number(at.input(Input::CostSigma), p.cost.sigma),
        },
        duration_years: c.whole(at.input(Input::DurationYears), p.duration_years) as usize,
        success_probability: c.number(at.input(Input::SuccessProbability), p.success_probability),
        planned_savings,
        planned_savings_total,
        effect_lag_years: c.whole(at.input(Input::EffectLagYears), p.effect_lag_years) as usize,
        extra_lag_mean: c.number(at.input(Input::ExtraLagMean), p.extra_lag_mean),
        effect_years: c.whole(at.input(Input::EffectYears), p.effect_years) as usize,
        effect_size: Normal {
            mean: c.number(at.input(Input::EffectSizeMean), p.effect_size.mean),
            sd: c.number(at.input(Input::EffectSizeSd), p.effect_size.sd),
        },
        realization_share: c.number(at.input(Input::RealizationShare), p.realization_share),
        cost_overrun: Normal {
            mean: c.number(at.input(Input::CostOverrunMean), p.cost_overrun.mean),
            sd: c.number(at.input(Input::CostOverrunSd), p.cost_overrun.sd),
        },
        running_cost: c.number(at.input(Input::RunningCost), p.running_cost),
        repayable: p.repayable,
    };
    if spec.repayable && spec.planned_savings_total <= 0.0 {
        let message = Said::of(|w| w.no_planned_savings);
        c.fail(at.key("planned_savings"), message);
    }
    spec
}

fn design(
    c: &mut Checker,
    index: usize,
    d: &DesignFile,
    start_year: i64,
    last_year: i64,
) -> Design {
    let at = Item::new("design", index, format!("design \"{}\"", d.name));
    c.name(at.key("name"), &d.name, MAX_NAME);
    let repayment = d.repayment.as_ref().map(|r| Repayment {
        basis: match r.basis {
            BasisName::Realized => Basis::Realized,
            BasisName::Planned => Basis::Planned,
            BasisName::Measured => Basis::Measured,
        },
        floor_share: c.number(at.input(Input::FloorShare), r.floor_share),
        start_within_years: c.whole(at.input(Input::StartWithinYears), r.start_within_years)
            as usize,
        horizon_years: c.whole(at.input(Input::HorizonYears), r.horizon_years) as usize,
        plan_share: c.number(at.input(Input::PlanShare), r.plan_share),
        shortfall_bearer: match r.shortfall_bearer {
            BearerName::Fund => Bearer::Fund,
            BearerName::Lead => Bearer::Lead,
        },
        floor_applies_to: match r.floor_applies_to {
            FloorScopeName::Instalment => FloorScope::Instalment,
            FloorScopeName::Plan => FloorScope::Plan,
        },
    });
    let grant = d.grant.as_ref().map(|g| Grant {
        fixed: c.number(at.input(Input::GrantFixed), g.fixed),
        share_of_positive_result: c.number(at.input(Input::GrantShare), g.share_of_positive_result),
        carry_over: g.carry_over,
    });
    let model = match (d.model, repayment, grant) {
        (ModelName::Budget, None, None) => Model::Budget,
        (ModelName::Repayment, Some(r), None) => Model::Repayment(r),
        (ModelName::Dual, Some(repayment), Some(grant)) => Model::Dual { repayment, grant },
        (name, r, g) => {
            let wants = match name {
                ModelName::Budget => |w: &ProblemText| w.budget_tables,
                ModelName::Repayment => |w: &ProblemText| w.repayment_tables,
                ModelName::Dual => |w: &ProblemText| w.dual_tables,
            };
            let has = match (r.is_some(), g.is_some()) {
                (true, true) => |w: &ProblemText| w.has_both,
                (true, false) => |w: &ProblemText| w.has_repayment,
                (false, true) => |w: &ProblemText| w.has_grant,
                (false, false) => |w: &ProblemText| w.has_neither,
            };
            let message =
                Said::new(|w| fill(w.model_tables, &[("wants", wants(w)), ("has", has(w))]));
            c.fail(at.key("model"), message);
            Model::Budget
        }
    };
    c.count(at.key("fund.deposits"), d.fund.deposits.len(), MAX_DEPOSITS);
    let deposits = d
        .fund
        .deposits
        .iter()
        .enumerate()
        .map(|(i, rule)| {
            deposit(
                c,
                &at.key(&format!("fund.deposits[{}]", i + 1)),
                rule,
                start_year,
                last_year,
            )
        })
        .collect();
    Design {
        name: d.name.clone(),
        model,
        initial: c.number(at.input(Input::FundInitial), d.fund.initial),
        deposits,
        approval: Approval {
            require_partner: d.approval.require_partner,
            min_expected_return: c.number(
                at.input(Input::MinExpectedReturn),
                d.approval.min_expected_return,
            ),
            last_year: (d.approval.last_year)
                .map(|y| c.year(at.input(Input::LastDecisionYear), y, start_year, last_year)),
            demand: c.number(at.input(Input::Demand), d.approval.demand),
        },
    }
}

fn deposit(
    c: &mut Checker,
    at: &Field,
    rule: &DepositFile,
    start_year: i64,
    last_year: i64,
) -> Deposit {
    let amount = |c: &mut Checker, v| c.number(at.rule(Input::DepositAmount), v);
    match *rule {
        DepositFile::Fixed {
            amount: a,
            from_year,
            to_year,
        } => {
            let from_year = from_year.unwrap_or(i64::MIN);
            let to_year = to_year.unwrap_or(i64::MAX);
            if from_year > to_year {
                c.fail(
                    at.child("to_year"),
                    Said::filled(
                        |w| w.to_before_from,
                        &[
                            ("to_year", &to_year.to_string()),
                            ("from_year", &from_year.to_string()),
                        ],
                    ),
                );
            }
            Deposit::Fixed {
                amount: amount(c, a),
                from_year,
                to_year,
            }
        }
        DepositFile::Once { amount: a, year } => Deposit::Once {
            amount: amount(c, a),
            year: c.year(at.rule(Input::DepositYear), year, start_year, last_year),
        },
        DepositFile::ShareOfPositiveResult {
            share,
            until_balance,
        } => Deposit::ShareOfPositiveResult {
            share: c.number(at.rule(Input::DepositShare), share),
            until_balance: match until_balance {
                Some(b) => c.number(at.rule(Input::DepositUntilBalance), b),
                None => f64::INFINITY,
            },
        },
        DepositFile::TopUp {
            target_budget_share,
            max_share_of_result,
        } => Deposit::TopUp {
            target_budget_share: c.number(at.rule(Input::DepositTargetShare), target_budget_share),
            max_share_of_result: c
                .number(at.rule(Input::DepositMaxShareOfResult), max_share_of_result),
        },
        DepositFile::Replenish {
            amount: a,
            probability,
        } => Deposit::Replenish {
            amount: amount(c, a),
            probability: c.number(at.rule(Input::DepositProbability), probability),
        },
    }
}
