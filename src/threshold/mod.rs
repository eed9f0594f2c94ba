//! Threshold questions: "what is the chance that Socialförvaltningen pays more than 5 mnkr?",
//! asked in a compact form (`burden[social]>5`, `cash[2030]<20`, `net_saving_lifetime>0`) or
//! in plain Swedish or English ("fonden under 20 mnkr 2030", "social pays more than 5"), and
//! answered per design from the run's distributions, to within one histogram bin.

mod parse;

use std::fmt::Write;

use crate::exceedance::Quantity;
use crate::labels::Lang;
use crate::results::{Results, Summary};
use crate::scenario::Scenario;

/// A question about one figure: the chance that it compares so to an amount, per design.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Question {
    pub quantity: Quantity,
    pub comparison: Comparison,
    /// Mnkr.
    pub threshold: f64,
}

/// How the figure compares to the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    Above,
    Below,
    AtLeast,
    AtMost,
}

/// What a question may name: the units (id and name) and the simulated years.
#[derive(Debug, Clone, PartialEq)]
pub struct Terms {
    pub units: Vec<(String, String)>,
    pub start_year: i64,
    pub years: usize,
}

/// A question that could not be understood. Exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("threshold question \"{question}\": {problem}\n{help}")]
pub struct ThresholdError {
    question: String,
    problem: String,
    /// The valid forms, units and years.
    help: String,
}

impl Terms {
    /// What questions about `scenario`'s run may name.
    pub fn of_scenario(scenario: &Scenario) -> Terms {
        Terms {
            units: (scenario.units().iter())
                .map(|u| (u.id.clone(), u.name.clone()))
                .collect(),
            start_year: scenario.start_year(),
            years: scenario.years(),
        }
    }

    /// What questions about the run summarised in `summary` may name.
    pub fn of_summary(summary: &Summary) -> Terms {
        Terms {
            units: (summary.units.iter())
                .map(|u| (u.id.clone(), u.name.clone()))
                .collect(),
            start_year: summary.start_year,
            years: summary.years,
        }
    }

    fn last_year(&self) -> i64 {
        self.start_year + self.years as i64 - 1
    }

    /// The unit whose id or name is `text`, ignoring case.
    fn unit(&self, text: &str) -> Option<usize> {
        let text = text.trim().to_lowercase();
        (self.units.iter())
            .position(|(id, name)| id.to_lowercase() == text || name.to_lowercase() == text)
    }

    /// Year `year`'s index, if it was simulated.
    fn year(&self, year: i64) -> Option<usize> {
        (self.start_year..=self.last_year())
            .contains(&year)
            .then(|| (year - self.start_year) as usize)
    }

    /// The valid forms, units and years, with examples in the scenario's terms.
    fn help(&self) -> String {
        let units: Vec<String> = (self.units.iter())
            .map(|(id, name)| format!("{id} ({name})"))
            .collect();
        let (id, name) = self
            .units
            .first()
            .map_or(("social", "Socialförvaltningen"), |(id, name)| {
                (id.as_str(), name.as_str())
            });
        let last = self.last_year();
        format!(
            "Ask e.g. \"burden[{id}]>5\", \"cash[{last}]<20\", \"net_saving_lifetime>0\", \
             \"{name} betalar mer än 5 mnkr\", \"fonden under 20 mnkr {last}\" or \
             \"{id} pays more than 5\". Figures: {}; comparisons >, <, >=, <= (in words: \
             mer än, mindre än, över, under, minst, högst; more than, less than, above, below, \
             at least, at most); amounts in mnkr. Units: {}. Years: {}–{last}.",
            parse::FIGURES,
            units.join(", "),
            self.start_year,
        )
    }
}

impl Question {
    /// Reads `text`, in the compact or the plain form, naming the units and years of `terms`.
    pub fn parse(text: &str, terms: &Terms) -> Result<Question, ThresholdError> {
        let fail = |problem: String| ThresholdError {
            question: text.to_string(),
            problem,
            help: terms.help(),
        };
        if text.trim().is_empty() {
            return Err(fail("is empty".into()));
        }
        if text.contains(['<', '>']) {
            parse::compact(text, terms).map_err(fail)
        } else {
            parse::plain(text, terms).map_err(fail)
        }
    }

    /// Whether the event is a bad outcome (a burden above, a balance or saving below).
    fn is_risk(&self) -> bool {
        let high = matches!(self.comparison, Comparison::Above | Comparison::AtLeast);
        match self.quantity {
            Quantity::Burden { .. } | Quantity::BurdenLifetime { .. } | Quantity::ResultTipped => {
                high
            }
            _ => !high,
        }
    }

    /// The question as a sentence, e.g. "Risk att Socialförvaltningen betalar netto mer än
    /// 5,0 mnkr inom perioden".
    pub fn describe(&self, summary: &Summary, lang: Lang) -> String {
        let phrases = lang.threshold();
        let unit = |u: usize| summary.units[u].name.as_str();
        let (template, unit, year) = match self.quantity {
            Quantity::Cash { t } => (phrases.cash, "", summary.start_year + t as i64),
            Quantity::NetSaving => (phrases.net_saving, "", 0),
            Quantity::NetSavingLifetime => (phrases.net_saving_lifetime, "", 0),
            Quantity::BudgetEffectLifetime => (phrases.budget_effect_lifetime, "", 0),
            Quantity::ResultTipped => (phrases.result_tipped, "", 0),
            Quantity::Burden { u } => (phrases.burden, unit(u), 0),
            Quantity::BurdenLifetime { u } => (phrases.burden_lifetime, unit(u), 0),
        };
        let comparison = match self.comparison {
            Comparison::Above => phrases.above,
            Comparison::Below => phrases.below,
            Comparison::AtLeast => phrases.at_least,
            Comparison::AtMost => phrases.at_most,
        };
        let measure = match self.quantity {
            Quantity::ResultTipped => phrases.years,
            _ => "mnkr",
        };
        // A whole number of years is written without decimals.
        let digits = match self.quantity {
            Quantity::ResultTipped if self.threshold.fract() == 0.0 => 0,
            _ => decimals(self.threshold),
        };
        let amount = format!("{}\u{a0}{measure}", lang.number(self.threshold, digits));
        let lead = if self.is_risk() {
            phrases.risk
        } else {
            phrases.chance
        };
        let sentence = template
            .replace("{unit}", unit)
            .replace("{cmp}", comparison)
            .replace("{amount}", &amount)
            .replace("{year}", &year.to_string())
            .replace("{start}", &summary.start_year.to_string());
        format!("{lead} {sentence}")
    }
}

/// The chance of `question`'s event in each design of `results`, in order; empty for results
/// read back from files.
pub fn answer(results: &Results, question: &Question) -> Vec<(String, f64)> {
    let designs = &results.summary.designs;
    (designs.iter().zip(&results.distributions.designs))
        .map(|(design, distributions)| {
            let histogram = distributions.get(question.quantity);
            let x = question.threshold;
            // A count of years is whole: compared half-way between two counts, no bin of the
            // histogram (narrower than half a year) straddles the edge.
            let counts = question.quantity == Quantity::ResultTipped;
            let p = match question.comparison {
                Comparison::Above if counts => histogram.share_above(x.floor() + 0.5),
                Comparison::Below if counts => histogram.share_below(x.ceil() - 0.5),
                Comparison::AtLeast if counts => histogram.share_above(x.ceil() - 0.5),
                Comparison::AtMost if counts => histogram.share_below(x.floor() + 0.5),
                Comparison::Above => histogram.share_above(x),
                Comparison::Below => histogram.share_below(x),
                Comparison::AtLeast => 1.0 - histogram.share_below(x),
                Comparison::AtMost => 1.0 - histogram.share_above(x),
            };
            (design.name.clone(), p)
        })
        .collect()
}

/// One line per question, after a blank line: the question and its chance in each design,
/// e.g. "Risk att
/// Socialförvaltningen betalar netto mer än 5,0 mnkr inom perioden: Budget 12,3 %, …".
pub fn render(results: &Results, questions: &[Question], lang: Lang) -> String {
    let mut out = String::new();
    if !questions.is_empty() {
        out.push('\n');
    }
    for question in questions {
        let answers: Vec<String> = (answer(results, question).iter())
            // A design and its chance are never broken apart by a wrapped line.
            .map(|(design, p)| format!("{design}\u{a0}{}", lang.percent(*p, 1)))
            .collect();
        let _ = writeln!(
            out,
            "{}: {}",
            question.describe(&results.summary, lang),
            answers.join(", ")
        );
    }
    out
}

/// Decimals to show an amount with: one, or up to three when it has more.
fn decimals(x: f64) -> usize {
    (1..3)
        .find(|&d| {
            let scale = 10f64.powi(d as i32);
            ((x * scale).round() / scale - x).abs() < 1e-9
        })
        .unwrap_or(3)
}
