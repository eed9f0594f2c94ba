//! How well the projects must do for a design to break even: the multiplier `k` on every
//! success probability (or every drawn effect) at which a lifetime net figure's mean over the
//! paths is 0, found on common random numbers.
//!
//! The mean need not rise with `k` (more repayments fund more projects), so `k` is scanned from
//! 0 in steps of 0.05 for the first change of sign, which is then bisected to within 0.005; the
//! multiplier reported is where the line between the last two means crosses 0.

use serde::Serialize;

use crate::edit::{Edit, FieldPath};
use crate::results::{DesignSummary, Results};
use crate::scenario::{ProjectSpec, Scenario};
use crate::simulator::{Simulator, SimulatorError};
use crate::source::{Source, SourceError};

/// Step of the scan.
pub const STEP: f64 = 0.05;
/// Width of the interval the bisection stops at.
pub const TOLERANCE: f64 = 0.005;
/// Largest multiplier searched (for success, also where every probability is 1).
const MAX_MULTIPLIER: f64 = 10.0;

/// What is multiplied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lever {
    /// Every success probability `p` becomes `min(1, k·p)` (project types, known projects, and
    /// so the evaluations' `p_e`).
    Success,
    /// Every drawn effect is multiplied by `k` (`effect_size.mean` and `.sd` by `k`).
    Effect,
}

/// The figure whose mean is brought to 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// Net budget room freed over the projects' lives (MODEL.md 7.1).
    BudgetEffectLifetime,
    /// Net avoided cost over the projects' lives.
    NetSavingLifetime,
}

impl Figure {
    /// Its mean in a design's summary.
    pub fn mean(self, design: &DesignSummary) -> f64 {
        match self {
            Figure::BudgetEffectLifetime => design.budget_effect_lifetime.mean,
            Figure::NetSavingLifetime => design.net_saving_lifetime.mean,
        }
    }

    /// Its key in `summary.json`.
    pub fn key(self) -> &'static str {
        match self {
            Figure::BudgetEffectLifetime => "budget_effect_lifetime",
            Figure::NetSavingLifetime => "net_saving_lifetime",
        }
    }
}

/// One design's break-even.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakEven {
    pub name: String,
    pub figure: Figure,
    pub on: Lever,
    /// The multiplier at which the figure's mean is 0; `None` when it keeps its sign over the
    /// whole range.
    pub multiplier: Option<f64>,
    /// The success chance or mean effect as written, averaged over project types and known
    /// projects weighted by the projects each brings in expectation.
    pub assumed: f64,
    /// The same average at the multiplier; `None` without one.
    pub break_even: Option<f64>,
    /// Without a multiplier: the end of the range searched and the figure's mean there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at_end: Option<(f64, f64)>,
}

/// The design means of `figure` at multiplier `k`: a simulation of `source` with `k` applied.
pub trait Evaluate {
    /// Each design's mean of the figure at `k`, in file order; `None` when the scenario with
    /// `k` applied is not valid (an evaluation that cannot have happened at that chance).
    fn means(&mut self, k: f64) -> Result<Option<Vec<f64>>, Self::Error>;
    /// Why a simulation could not give its means.
    type Error;
}

/// Why a simulation of the search could not run.
#[derive(Debug, thiserror::Error)]
pub enum BreakEvenError {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error(transparent)]
    Simulator(#[from] SimulatorError),
}

/// The scenario with `lever` multiplied by `k`, as edits of the file.
pub fn edits(scenario: &Scenario, lever: Lever, k: f64) -> Vec<Edit> {
    specs(scenario)
        .map(|(section, i, spec, _)| match lever {
            Lever::Success => {
                let p = spec.success_probability;
                Edit::toward(FieldPath::at(section, i, "success_probability"), p, p * k)
            }
            Lever::Effect => {
                let e = spec.effect_size;
                let entries = vec![("mean", e.mean * k), ("sd", e.sd * k)];
                Edit::table(FieldPath::at(section, i, "effect_size"), entries)
            }
        })
        .collect()
}

/// Every project type and known project: its table, index, spec and the projects it brings in
/// expectation (arrivals × years, or 1).
fn specs(scenario: &Scenario) -> impl Iterator<Item = (&'static str, usize, &ProjectSpec, f64)> {
    let years = scenario.years() as f64;
    (scenario.project_types().iter().enumerate())
        .map(move |(i, t)| ("project_type", i, &t.spec, t.arrivals_per_year * years))
        .chain((scenario.projects().iter().enumerate()).map(|(i, p)| ("project", i, &p.spec, 1.0)))
}

/// The success chance or mean effect after multiplying by `k`, averaged as [`BreakEven::assumed`].
pub fn average(scenario: &Scenario, lever: Lever, k: f64) -> f64 {
    let (mut sum, mut weight) = (0.0, 0.0);
    for (_, _, spec, count) in specs(scenario) {
        let value = match lever {
            Lever::Success => (k * spec.success_probability).min(1.0),
            Lever::Effect => k * spec.effect_size.mean,
        };
        sum += count * value;
        weight += count;
    }
    if weight > 0.0 { sum / weight } else { 0.0 }
}

/// The end of the range searched: 10 for effects; for success, the multiplier at which every
/// probability is 1, and at most 10.
pub fn range_end(scenario: &Scenario, lever: Lever) -> f64 {
    match lever {
        Lever::Effect => MAX_MULTIPLIER,
        Lever::Success => {
            let smallest = specs(scenario)
                .map(|(_, _, spec, _)| spec.success_probability)
                .filter(|&p| p > 0.0)
                .fold(f64::INFINITY, f64::min);
            if smallest.is_finite() {
                (1.0 / smallest).min(MAX_MULTIPLIER)
            } else {
                0.0
            }
        }
    }
}

/// Searches every design of `scenario` for its break-even, asking `evaluate` for the means.
pub fn search<E: Evaluate>(
    scenario: &Scenario,
    figure: Figure,
    lever: Lever,
    evaluate: &mut E,
) -> Result<Vec<BreakEven>, E::Error> {
    let designs = scenario.designs().len();
    let end = range_end(scenario, lever);
    // Per design, the interval whose ends the mean changes sign between, or the last point.
    let mut brackets: Vec<Option<Bracket>> = vec![None; designs];
    let mut last: Vec<(f64, f64)> = vec![(0.0, f64::NAN); designs];
    let steps = (end / STEP).ceil() as usize;
    for step in 0..=steps {
        let k = (step as f64 * STEP).min(end);
        // A multiplier at which an evaluation could not have happened (a success at a chance
        // of 0, a failure at 1) is no scenario: it is skipped.
        let Some(means) = evaluate.means(k)? else {
            continue;
        };
        for d in 0..designs {
            let (k0, m0) = last[d];
            if brackets[d].is_none() && crosses(m0, means[d]) {
                brackets[d] = Some(((k0, m0), (k, means[d])));
            }
            last[d] = (k, means[d]);
        }
        if brackets.iter().all(Option::is_some) {
            break;
        }
    }
    let mut found = Vec::with_capacity(designs);
    for d in 0..designs {
        let multiplier = match brackets[d] {
            Some(bracket) => Some(bisect(bracket, d, evaluate)?),
            None => None,
        };
        found.push(BreakEven {
            name: scenario.designs()[d].name.clone(),
            figure,
            on: lever,
            multiplier,
            assumed: average(scenario, lever, 1.0),
            break_even: multiplier.map(|k| average(scenario, lever, k)),
            at_end: multiplier
                .is_none()
                .then_some(last[d])
                .filter(|(_, mean)| mean.is_finite()),
        });
    }
    Ok(found)
}

/// Two `(multiplier, mean)` points between which the mean changes sign.
type Bracket = ((f64, f64), (f64, f64));

/// Whether the mean changes sign from `a` to `b`, reaching 0 included; never from NaN (the
/// mean before the first point) and never from 0 (a design that funds nothing stays at 0).
fn crosses(a: f64, b: f64) -> bool {
    (a < 0.0 && b >= 0.0) || (a > 0.0 && b <= 0.0)
}

/// Halves `((k0, m0), (k1, m1))` of design `d` until it is at most [`TOLERANCE`] wide; the
/// multiplier where the line between its ends crosses 0.
fn bisect<E: Evaluate>(bracket: Bracket, d: usize, evaluate: &mut E) -> Result<f64, E::Error> {
    let ((mut k0, mut m0), (mut k1, mut m1)) = bracket;
    while k1 - k0 > TOLERANCE {
        let k = 0.5 * (k0 + k1);
        let Some(means) = evaluate.means(k)? else {
            break;
        };
        if crosses(m0, means[d]) {
            (k1, m1) = (k, means[d]);
        } else {
            (k0, m0) = (k, means[d]);
        }
    }
    Ok(if m1 == m0 {
        k0
    } else {
        k0 + (k1 - k0) * m0 / (m0 - m1)
    })
}

/// Evaluates a source's variants (`base` edits, then the multiplier's) with a simulator.
pub struct Simulated<'a, 's> {
    pub source: &'a Source,
    /// Edits made before the multiplier's (a live page's settings); none for a file as read.
    pub base: Vec<Edit>,
    pub simulator: &'a Simulator<'s>,
    pub figure: Figure,
    pub lever: Lever,
}

impl<'a, 's> Simulated<'a, 's> {
    /// What the report and `validate` state: the budget room freed over the projects' lives,
    /// brought to 0 by the share of projects that succeed.
    pub fn budget_room_on_success(
        source: &'a Source,
        base: Vec<Edit>,
        simulator: &'a Simulator<'s>,
    ) -> Self {
        Simulated {
            source,
            base,
            simulator,
            figure: Figure::BudgetEffectLifetime,
            lever: Lever::Success,
        }
    }

    /// Every design's break-even of the source's scenario with the `base` edits.
    pub fn search(&mut self) -> Result<Vec<BreakEven>, BreakEvenError> {
        let scenario = self.source.variant(&self.base)?;
        search(&scenario, self.figure, self.lever, self)
    }
}

impl Evaluate for Simulated<'_, '_> {
    type Error = BreakEvenError;

    fn means(&mut self, k: f64) -> Result<Option<Vec<f64>>, BreakEvenError> {
        let base = self.source.variant(&self.base)?;
        let mut all = self.base.clone();
        all.extend(edits(&base, self.lever, k));
        let Ok(variant) = self.source.variant(&all) else {
            return Ok(None);
        };
        let results: Results = self.simulator.simulate(&variant)?;
        Ok(Some(
            (results.summary.designs.iter())
                .map(|d| self.figure.mean(d))
                .collect(),
        ))
    }
}
