//! The page's controls: the fields of a fund's scenario file that the page may change, with
//! their values as loaded, and the edits a set of values makes. The page can change nothing else.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value as Json, json};

use super::limits::Limits;
use crate::edit::{Edit, FieldPath, Value};
use crate::labels::problems::Said;
use crate::labels::{Lang, fill, inputs};
use crate::scenario::{Basis, Bearer, Deposit, Design, FloorScope, Grant, Input, Model, Scenario};

/// The numbers of paths the page offers, beside the file's own.
pub const PATHS: [u64; 3] = [1_000, 10_000, 100_000];

/// One control of the page.
#[derive(Debug, Clone, Serialize)]
pub struct Control {
    /// Unique in its fund: `d0.repayment.floor_share`, `scale.success_probability`, `seed`.
    pub id: String,
    /// The design it belongs to, by position; `None` for the scenario's assumptions.
    pub design: Option<usize>,
    /// What it sets, e.g. `repayment.floor_share`.
    pub key: &'static str,
    /// Its name in Swedish and English, from `labels/`.
    pub label: [&'static str; 2],
    /// What it means, for a control that sets one input of the file.
    pub help: Option<[&'static str; 2]>,
    /// What its number may be, for a control that sets one input of the file: the page checks
    /// a typed value before sending it, the server again.
    pub limits: Option<Limits>,
    pub input: Widget,
    /// As loaded.
    pub value: Json,
    /// Shown only while the design's model takes this table (`repayment` or `grant`).
    pub table: Option<&'static str>,
}

/// How a control is set.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Widget {
    /// A number: a slider over `min..=max` by `step`, and a box where any number may be typed.
    Number { min: f64, max: f64, step: f64 },
    /// A number typed in a box.
    Entry,
    /// One of `options`.
    Choice { options: Vec<Json> },
    /// On or off.
    Check,
}

/// Scale factors on the scenario's values, each over every project type and known project.
const SCALES: [&str; 4] = [
    "scale.success_probability",
    "scale.effect_size",
    "scale.realization_share",
    "scale.arrivals_per_year",
];

/// The deposit rules the page sets, by their controls' keys: each rule's kind and the number
/// set (a share of a positive result; a fixed amount a year, in start-year prices).
const DEPOSITS: [(&str, &str, &str); 2] = [
    (
        "deposit.share_of_positive_result",
        "share_of_positive_result",
        "share",
    ),
    ("deposit.fixed", "fixed", "amount"),
];

/// Every control of `scenario`: each design's rules, then the assumptions, paths and seed.
pub fn controls(scenario: &Scenario) -> Vec<Control> {
    let mut controls: Vec<Control> = (scenario.designs().iter().enumerate())
        .flat_map(|(d, design)| design_controls(scenario, d, design))
        .collect();
    let has_projects = !scenario.project_types().is_empty() || !scenario.projects().is_empty();
    for key in SCALES {
        let shown = match key {
            "scale.arrivals_per_year" => !scenario.project_types().is_empty(),
            _ => has_projects,
        };
        if shown {
            controls.push(assumption(
                scenario,
                key,
                number(0.0, 2.0, 0.05),
                json!(1.0),
            ));
        }
    }
    let annual = scenario.municipality().annual_result;
    let reach = (3.0 * annual.sd).max(annual.mean.abs()).max(10.0);
    controls.push(assumption(
        scenario,
        "annual_result.mean",
        number(annual.mean - reach, annual.mean + reach, nice(reach / 50.0)),
        json!(annual.mean),
    ));
    let mut paths: Vec<Json> = PATHS.iter().map(|&p| json!(p)).collect();
    if !PATHS.contains(&scenario.paths()) {
        paths.push(json!(scenario.paths()));
    }
    controls.push(assumption(
        scenario,
        "paths",
        Widget::Choice { options: paths },
        json!(scenario.paths()),
    ));
    controls.push(assumption(
        scenario,
        "seed",
        Widget::Entry,
        json!(scenario.seed()),
    ));
    controls
}

impl Control {
    /// The control `key` of design `design` (`None`: of the scenario's assumptions), named
    /// from `labels/`; one that sets an input of the file is bounded by the table of inputs.
    fn new(
        scenario: &Scenario,
        design: Option<usize>,
        key: &'static str,
        input: Widget,
    ) -> Control {
        let sections: &[&str] = match design {
            Some(_) => &["design"],
            None => &["simulation", "municipality"],
        };
        let field = (sections.iter()).find_map(|section| Input::find(section, key));
        let label = [Lang::Sv, Lang::En].map(|lang| match field {
            Some(field) => inputs::name(field, lang),
            None => inputs::control(key, lang).unwrap_or(key),
        });
        Control {
            id: design.map_or(key.to_string(), |d| format!("d{d}.{key}")),
            design,
            key,
            label,
            help: field.map(|field| [Lang::Sv, Lang::En].map(|lang| inputs::help(field, lang))),
            limits: field.map(|field| Limits::of(field, scenario)),
            input,
            value: Json::Null,
            table: None,
        }
    }

    fn valued(self, value: Json) -> Control {
        Control { value, ..self }
    }
}

/// A control of the scenario's assumptions.
fn assumption(scenario: &Scenario, key: &'static str, input: Widget, value: Json) -> Control {
    Control::new(scenario, None, key, input).valued(value)
}

fn number(min: f64, max: f64, step: f64) -> Widget {
    Widget::Number { min, max, step }
}

/// A round step near `x`: 1, 2 or 5 times a power of ten.
fn nice(x: f64) -> f64 {
    let power = 10f64.powf(x.max(1e-6).log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&s| s >= x)
        .unwrap_or(power)
}

/// The controls of design `d`: its model, fund, repayment and grant rules and approval.
fn design_controls(scenario: &Scenario, d: usize, design: &Design) -> Vec<Control> {
    let repayment = design.model.repayment();
    let grant = match design.model {
        Model::Dual { grant, .. } => grant,
        _ => Grant {
            fixed: 0.0,
            share_of_positive_result: 0.0,
            carry_over: false,
        },
    };
    let choice = |options: &[&str]| Widget::Choice {
        options: options.iter().map(|o| json!(o)).collect(),
    };
    let last_year = scenario.calendar_year(scenario.years() - 1);
    let (start, horizon) = repayment.map_or((3, 10), |r| (r.start_within_years, r.horizon_years));
    let (share, fixed) = (
        deposit(design, DEPOSITS[0].1),
        deposit(design, DEPOSITS[1].1),
    );
    let fields: Vec<(&'static str, Option<&'static str>, Widget, Json)> = vec![
        (
            "model",
            None,
            choice(&["budget", "repayment", "dual"]),
            json!(design.model.name()),
        ),
        (
            "fund.initial",
            None,
            number(
                0.0,
                (3.0 * design.initial).max(10.0).ceil(),
                nice(design.initial / 50.0),
            ),
            json!(design.initial),
        ),
        (
            DEPOSITS[0].0,
            None,
            number(0.0, (3.0 * share).max(0.3), 0.01),
            json!(share),
        ),
        (
            DEPOSITS[1].0,
            None,
            number(0.0, (3.0 * fixed).max(10.0).ceil(), 0.5),
            json!(fixed),
        ),
        (
            "repayment.basis",
            Some("repayment"),
            choice(&["realized", "measured", "planned"]),
            json!(basis(repayment.map_or(Basis::Realized, |r| r.basis))),
        ),
        (
            "repayment.floor_share",
            Some("repayment"),
            number(0.0, 1.0, 0.05),
            json!(repayment.map_or(0.0, |r| r.floor_share)),
        ),
        (
            "repayment.floor_applies_to",
            Some("repayment"),
            choice(&["instalment", "plan"]),
            json!(
                match repayment.map_or(FloorScope::Instalment, |r| r.floor_applies_to) {
                    FloorScope::Instalment => "instalment",
                    FloorScope::Plan => "plan",
                }
            ),
        ),
        (
            "repayment.start_within_years",
            Some("repayment"),
            number(0.0, start.max(10) as f64, 1.0),
            json!(start),
        ),
        (
            "repayment.horizon_years",
            Some("repayment"),
            number(1.0, horizon.max(20) as f64, 1.0),
            json!(horizon),
        ),
        (
            "repayment.shortfall_bearer",
            Some("repayment"),
            choice(&["fund", "lead"]),
            json!(
                match repayment.map_or(Bearer::Fund, |r| r.shortfall_bearer) {
                    Bearer::Fund => "fund",
                    Bearer::Lead => "lead",
                }
            ),
        ),
        (
            "grant.fixed",
            Some("grant"),
            number(0.0, (3.0 * grant.fixed).max(5.0).ceil(), 0.1),
            json!(grant.fixed),
        ),
        (
            "grant.share_of_positive_result",
            Some("grant"),
            number(0.0, (3.0 * grant.share_of_positive_result).max(0.05), 0.001),
            json!(grant.share_of_positive_result),
        ),
        (
            "grant.carry_over",
            Some("grant"),
            Widget::Check,
            json!(grant.carry_over),
        ),
        (
            "approval.last_year",
            None,
            number((scenario.start_year() - 1) as f64, last_year as f64, 1.0),
            json!(design.approval.last_year.unwrap_or(last_year)),
        ),
        (
            "approval.demand",
            None,
            number(0.1, design.approval.demand.max(3.0), 0.1),
            json!(design.approval.demand),
        ),
    ];
    (fields.into_iter())
        .map(|(key, table, input, value)| Control {
            table,
            ..Control::new(scenario, Some(d), key, input).valued(value)
        })
        .collect()
}

/// The number the design's first deposit rule of `kind` sets; 0 without one.
fn deposit(design: &Design, kind: &str) -> f64 {
    (design.deposits.iter())
        .find_map(|rule| match (rule, kind) {
            (Deposit::ShareOfPositiveResult { share, .. }, "share_of_positive_result") => {
                Some(*share)
            }
            (Deposit::Fixed { amount, .. }, "fixed") => Some(*amount),
            _ => None,
        })
        .unwrap_or(0.0)
}

fn basis(basis: Basis) -> &'static str {
    match basis {
        Basis::Realized => "realized",
        Basis::Measured => "measured",
        Basis::Planned => "planned",
    }
}

/// Whether a design of `model` takes the table `table`.
fn takes(model: &str, table: &str) -> bool {
    match table {
        "repayment" => model != "budget",
        _ => model == "dual",
    }
}

/// Whether two values of a control are the same (numbers by value: 10 is 10.0).
fn same(a: &Json, b: &Json) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// Each value that made one of `edits`, for a reader: "Golv: minsta återföring, andel (Örebros
/// regel): 0,3 → 0,5", in the controls' order. A value its design's model does not take made
/// no edit and is not said.
pub fn changes(
    scenario: &Scenario,
    controls: &[Control],
    values: &BTreeMap<String, Json>,
    edits: &Edits,
    lang: Lang,
) -> Vec<String> {
    (controls.iter())
        .filter(|c| edits.iter().any(|(id, _)| *id == c.id))
        .filter_map(|c| {
            let to = values.get(&c.id).filter(|to| !same(to, &c.value))?;
            let name = c.label[lang as usize];
            let what = match c.design {
                Some(d) => format!("{name} ({})", scenario.designs()[d].name),
                None => name.to_string(),
            };
            let (from, to) = (shown(&c.value, lang), shown(to, lang));
            Some(format!("{what}: {from} \u{2192} {to}"))
        })
        .collect()
}

/// A control's value for a reader: a number as the language writes it, a choice in its words.
fn shown(value: &Json, lang: Lang) -> String {
    let page = lang.page();
    match value {
        Json::String(word) => page.option(word).unwrap_or(word).to_string(),
        Json::Bool(on) => (page.text(if *on { "yes" } else { "no" }))
            .unwrap_or_default()
            .into(),
        Json::Number(n) => lang.exact(n.as_f64().unwrap_or_default()),
        other => other.to_string(),
    }
}

/// Edits, each with the id of the control it is for.
pub type Edits = Vec<(String, Edit)>;

/// The edits alone.
pub fn plain(edits: &[(String, Edit)]) -> Vec<Edit> {
    edits.iter().map(|(_, edit)| edit.clone()).collect()
}

/// A value the page sent that no control takes, or of the wrong kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    /// The control's id, when it is one.
    pub control: Option<String>,
    /// What is wrong: with the value, when `control` names its control.
    pub message: Said,
}

/// The edits `values` (control id → value) make in `scenario`, each with the id of the control
/// it is for. A value as loaded makes no edit; a design whose model changes gets the tables its
/// new model takes written whole, and loses those it no longer takes.
pub fn edits(
    scenario: &Scenario,
    controls: &[Control],
    values: &BTreeMap<String, Json>,
) -> Result<Edits, Refused> {
    for (id, value) in values {
        let control = controls
            .iter()
            .find(|c| &c.id == id)
            .ok_or_else(|| Refused {
                control: None,
                message: Said::filled(|w| w.no_control, &[("id", id)]),
            })?;
        check(control, value)?;
    }
    let current = |c: &Control| values.get(&c.id).unwrap_or(&c.value).clone();
    let mut edits = Vec::new();
    for (d, design) in scenario.designs().iter().enumerate() {
        let mine: Vec<&Control> = controls.iter().filter(|c| c.design == Some(d)).collect();
        let model_id = format!("d{d}.model");
        let model = (mine.iter().find(|c| c.id == model_id)).map_or(Json::Null, |c| current(c));
        let model = model.as_str().unwrap_or(design.model.name());
        for table in ["repayment", "grant"] {
            if !takes(model, table) && takes(design.model.name(), table) {
                let field = FieldPath::at("design", d, table);
                let removed = Edit {
                    field,
                    value: Value::Removed,
                };
                edits.push((model_id.clone(), removed));
            }
        }
        for control in mine {
            let new_table = control
                .table
                .map(|t| (takes(model, t), takes(design.model.name(), t)));
            let changed = match new_table {
                Some((false, _)) => false,
                Some((true, false)) => true,
                _ => !same(&current(control), &control.value),
            };
            if changed {
                let edit = design_edit(d, control.key, &current(control));
                edits.push((control.id.clone(), edit));
            }
        }
    }
    for control in controls.iter().filter(|c| c.design.is_none()) {
        let value = current(control);
        if !same(&value, &control.value) {
            for edit in assumption_edits(scenario, control.key, &value) {
                edits.push((control.id.clone(), edit));
            }
        }
    }
    Ok(edits)
}

/// Refuses a value of the wrong kind for its control; a choice must be one of its options.
fn check(control: &Control, value: &Json) -> Result<(), Refused> {
    let fits = match &control.input {
        Widget::Number { .. } | Widget::Entry => value.is_number(),
        Widget::Choice { options } => options.iter().any(|o| same(o, value)),
        Widget::Check => value.is_boolean(),
    };
    let scale_ok = !control.key.starts_with("scale.") || value.as_f64().is_some_and(|k| k >= 0.0);
    // A number out of its range is refused by validation, which names the range; here only
    // what a file could not even hold: a fraction where a whole number belongs.
    let fraction = value.as_f64().is_some_and(|x| x.fract() != 0.0);
    if let Some(limits) = control.limits.as_ref().filter(|l| l.whole && fraction) {
        let bound = |x: Option<f64>| (x.unwrap_or_default() as i64).to_string();
        let values = [
            ("value", value.to_string()),
            ("min", bound(limits.min)),
            ("max", bound(limits.max)),
        ];
        let message = Said::new(|w| {
            let values = values.each_ref().map(|(k, v)| (*k, w.decimal(v)));
            fill(
                w.whole_number,
                &values.each_ref().map(|(k, v)| (*k, v.as_str())),
            )
        });
        return Err(Refused {
            control: Some(control.id.clone()),
            message,
        });
    }
    if fits && scale_ok {
        return Ok(());
    }
    let options = match &control.input {
        Widget::Choice { options } => Json::from(options.clone()).to_string(),
        _ => String::new(),
    };
    let value = value.to_string();
    let message = Said::new(|w| {
        let expected = match &control.input {
            Widget::Number { .. } | Widget::Entry if !scale_ok => w.a_scale_factor.to_string(),
            Widget::Number { .. } | Widget::Entry => w.a_number.to_string(),
            Widget::Choice { .. } => fill(w.one_of, &[("options", &options)]),
            Widget::Check => w.true_or_false.to_string(),
        };
        fill(w.not_allowed, &[("value", &value), ("expected", &expected)])
    });
    Err(Refused {
        control: Some(control.id.clone()),
        message,
    })
}

/// The edit of design `d`'s control `key` set to `value`: a deposit rule's number, or the field
/// the key names.
fn design_edit(d: usize, key: &str, value: &Json) -> Edit {
    match DEPOSITS.iter().find(|(k, ..)| *k == key) {
        Some(&(_, kind, number)) => Edit {
            field: FieldPath::at("design", d, "fund.deposits"),
            value: Value::Deposit {
                kind,
                key: number,
                value: value.as_f64().unwrap_or(f64::NAN),
            },
        },
        None => edit(FieldPath::at("design", d, key), value),
    }
}

/// The edit writing a control's value at `field`: a word, true/false, or a number.
fn edit(field: FieldPath, value: &Json) -> Edit {
    let value = match value {
        Json::String(text) => Value::Text(text.clone()),
        Json::Bool(b) => Value::Bool(*b),
        other => Value::Number(other.as_f64().unwrap_or(f64::NAN)),
    };
    Edit { field, value }
}

/// The edits of an assumption's control set to `value`. A scale moves every project type's and
/// known project's value, stopping at the edge of its allowed range (a probability at 1); a new
/// mean result leaves the result before the start as it was.
fn assumption_edits(scenario: &Scenario, key: &str, value: &Json) -> Vec<Edit> {
    let x = value.as_f64().unwrap_or(f64::NAN);
    let specs = (scenario.project_types().iter().enumerate())
        .map(|(i, t)| ("project_type", i, &t.spec))
        .chain((scenario.projects().iter().enumerate()).map(|(i, p)| ("project", i, &p.spec)));
    let municipality = &scenario.municipality();
    match key {
        "scale.arrivals_per_year" => (scenario.project_types().iter().enumerate())
            .map(|(i, t)| {
                let field = FieldPath::at("project_type", i, "arrivals_per_year");
                Edit::toward(field, t.arrivals_per_year, t.arrivals_per_year * x)
            })
            .collect(),
        "scale.success_probability" | "scale.realization_share" | "scale.effect_size" => specs
            .map(|(section, i, spec)| match key {
                "scale.success_probability" => {
                    let p = spec.success_probability;
                    Edit::toward(FieldPath::at(section, i, "success_probability"), p, p * x)
                }
                "scale.realization_share" => {
                    let r = spec.realization_share;
                    Edit::toward(FieldPath::at(section, i, "realization_share"), r, r * x)
                }
                _ => {
                    let e = spec.effect_size;
                    let entries = vec![("mean", e.mean * x), ("sd", e.sd)];
                    Edit::table(FieldPath::at(section, i, "effect_size"), entries)
                }
            })
            .collect(),
        "annual_result.mean" => {
            let annual = municipality.annual_result;
            vec![
                Edit::table(
                    FieldPath::of("municipality", "annual_result"),
                    vec![
                        ("mean", x),
                        ("sd", annual.sd),
                        ("autocorrelation", annual.autocorrelation),
                    ],
                ),
                Edit::number(
                    FieldPath::of("municipality", "last_result"),
                    municipality.last_result,
                ),
            ]
        }
        _ => vec![edit(FieldPath::of("simulation", key), value)],
    }
}
