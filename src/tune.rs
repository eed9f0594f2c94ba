//! The rule that meets the council's limits: every setting of a grid evaluated on the same
//! futures, the requirements checked, the best feasible setting chosen (ties go to the first in
//! the grid's order), and the frontier of the objective against the first requirement.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;
use serde_json::Value;

use crate::results::DesignSummary;

/// A figure `tune` accepts that is no key of `summary.json`: the largest chance of a deficit
/// year over the nämnder.
pub use crate::labels::figures::MAX_UNIT_P_TIPPED;

/// A figure a requirement or the objective names, refused with what is allowed.
#[derive(Debug, thiserror::Error)]
#[error("{argument} \"{value}\": {problem}")]
pub struct TuneError {
    argument: &'static str,
    value: String,
    problem: String,
}

impl TuneError {
    pub fn new(argument: &'static str, value: &str, problem: impl fmt::Display) -> TuneError {
        TuneError {
            argument,
            value: value.to_string(),
            problem: problem.to_string(),
        }
    }
}

/// At most or at least.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Bound {
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = ">=")]
    AtLeast,
}

/// `FIGURE<=X` or `FIGURE>=X`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Requirement {
    pub figure: String,
    pub bound: Bound,
    pub limit: f64,
}

impl FromStr for Requirement {
    type Err = TuneError;

    fn from_str(text: &str) -> Result<Requirement, TuneError> {
        let refuse = |problem: &str| TuneError::new("--require", text, problem);
        let (figure, bound, limit) = if let Some((figure, limit)) = text.split_once("<=") {
            (figure, Bound::AtMost, limit)
        } else if let Some((figure, limit)) = text.split_once(">=") {
            (figure, Bound::AtLeast, limit)
        } else {
            return Err(refuse(
                "expected FIGURE<=X or FIGURE>=X, e.g. \"p_depleted_ever<=0.1\"",
            ));
        };
        let limit: f64 = (limit.trim().replace(',', "."))
            .parse()
            .ok()
            .filter(|x: &f64| x.is_finite())
            .ok_or_else(|| refuse("the limit after <= or >= must be a finite number"))?;
        Ok(Requirement {
            figure: figure.trim().to_string(),
            bound,
            limit,
        })
    }
}

impl Requirement {
    /// Whether `value` meets the requirement.
    pub fn met(&self, value: f64) -> bool {
        match self.bound {
            Bound::AtMost => value <= self.limit,
            Bound::AtLeast => value >= self.limit,
        }
    }

    /// How far `value` is from meeting it (0 when met).
    pub fn shortfall(&self, value: f64) -> f64 {
        match self.bound {
            Bound::AtMost => (value - self.limit).max(0.0),
            Bound::AtLeast => (self.limit - value).max(0.0),
        }
    }
}

/// A design's figures as `tune` reads them: `summary.json`'s design object.
#[derive(Debug, Clone)]
pub struct Figures(Value);

impl Figures {
    pub fn of(design: &DesignSummary) -> Figures {
        Figures(serde_json::to_value(design).unwrap_or(Value::Null))
    }

    /// The value of `figure`: a scalar key (`p_depleted_ever`), a statistic of one
    /// (`budget_effect_lifetime.p50`; a key alone reads its mean), or `max_unit_p_tipped`.
    pub fn get(&self, figure: &str) -> Option<f64> {
        if figure == MAX_UNIT_P_TIPPED {
            let units = self.0.get("units")?.as_array()?;
            return (units.iter())
                .filter_map(|u| u.get("p_any_year_tipped")?.as_f64())
                .reduce(f64::max)
                .or(Some(0.0));
        }
        let mut value = &self.0;
        for key in figure.split('.') {
            value = value.get(key)?;
        }
        value
            .as_f64()
            .or_else(|| value.get("mean").and_then(Value::as_f64))
    }
}

impl Figures {
    /// Every figure `tune` accepts, named as it accepts them: each number of the design's
    /// object (`p_depleted_ever`, `final_cash.p5`), in the order of their names, then
    /// `max_unit_p_tipped`.
    pub fn all(&self) -> Vec<(String, f64)> {
        let mut all = Vec::new();
        numbers(&self.0, "", &mut all);
        all.extend(
            self.get(MAX_UNIT_P_TIPPED)
                .map(|x| (MAX_UNIT_P_TIPPED.to_string(), x)),
        );
        all
    }
}

/// The numbers inside `value`, each named by its path from `path`; names and lists (the
/// nämnder, the target levels) are no figure of the design.
fn numbers(value: &Value, path: &str, all: &mut Vec<(String, f64)>) {
    match value {
        Value::Object(fields) => {
            for (key, value) in fields {
                let path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                numbers(value, &path, all);
            }
        }
        Value::Number(x) => all.extend(x.as_f64().map(|x| (path.to_string(), x))),
        _ => {}
    }
}

/// One evaluated setting: its values (in the order of the `--vary`s) and figures.
#[derive(Debug, Clone)]
pub struct Evaluated {
    pub values: Vec<f64>,
    pub figures: Figures,
}

/// What is optimised: a figure, or one of the varied paths (its position among them).
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Figure(String),
    Varied(usize),
}

/// The objective: a target, maximised or minimised.
#[derive(Debug, Clone, PartialEq)]
pub struct Objective {
    pub target: Target,
    pub maximise: bool,
}

impl Objective {
    /// Its value at `setting`.
    pub fn value(&self, setting: &Evaluated) -> Option<f64> {
        match &self.target {
            Target::Figure(figure) => setting.figures.get(figure),
            Target::Varied(i) => setting.values.get(*i).copied(),
        }
    }

    fn better(&self, a: f64, b: f64) -> bool {
        if self.maximise { a > b } else { a < b }
    }
}

/// Whether `setting` meets every requirement.
pub fn feasible(setting: &Evaluated, requirements: &[Requirement]) -> bool {
    (requirements.iter()).all(|r| setting.figures.get(&r.figure).is_some_and(|v| r.met(v)))
}

/// The best feasible setting's index: the best objective, the first in grid order on a tie.
pub fn best(
    settings: &[Evaluated],
    requirements: &[Requirement],
    objective: &Objective,
) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, setting) in settings.iter().enumerate() {
        let Some(value) = objective.value(setting) else {
            continue;
        };
        if feasible(setting, requirements) && best.is_none_or(|(_, b)| objective.better(value, b)) {
            best = Some((i, value));
        }
    }
    best.map(|(i, _)| i)
}

/// With nothing feasible: the requirement nearest to being met is not the point; the one that
/// fails in the setting that comes closest to meeting them all, and by how much.
pub fn closest_failure(
    settings: &[Evaluated],
    requirements: &[Requirement],
) -> Option<(usize, f64)> {
    let scale = |r: &Requirement| r.limit.abs().max(1e-9);
    let misses = |s: &Evaluated| -> Vec<(usize, f64)> {
        (requirements.iter().enumerate())
            .map(|(i, r)| {
                (
                    i,
                    s.figures
                        .get(&r.figure)
                        .map_or(f64::INFINITY, |v| r.shortfall(v)),
                )
            })
            .filter(|&(_, miss)| miss > 0.0)
            .collect()
    };
    let total = |s: &Evaluated| -> f64 {
        misses(s)
            .iter()
            .map(|&(i, m)| m / scale(&requirements[i]))
            .sum()
    };
    let nearest = settings
        .iter()
        .min_by(|a, b| total(a).total_cmp(&total(b)))?;
    misses(nearest).into_iter().max_by(|a, b| {
        (a.1 / scale(&requirements[a.0])).total_cmp(&(b.1 / scale(&requirements[b.0])))
    })
}

/// The frontier: for each level of the first requirement's figure reached by some setting, the
/// best objective among the settings that meet the other requirements and are at that level or
/// better for the first.
pub fn frontier(
    settings: &[Evaluated],
    requirements: &[Requirement],
    objective: &Objective,
) -> Vec<(f64, f64)> {
    let Some((first, others)) = requirements.split_first() else {
        return Vec::new();
    };
    let mut levels: Vec<f64> = (settings.iter())
        .filter_map(|s| s.figures.get(&first.figure))
        .collect();
    levels.sort_by(f64::total_cmp);
    levels.dedup();
    let mut points = Vec::new();
    for level in levels {
        let within = Requirement {
            limit: level,
            ..first.clone()
        };
        let mut all = vec![within];
        all.extend_from_slice(others);
        if let Some(i) = best(settings, &all, objective)
            && let Some(value) = objective.value(&settings[i])
        {
            points.push((level, value));
        }
    }
    points
}
