//! What a control's number may be, from the table of inputs: the page checks a typed value
//! against it before sending it, with validation's own words.

use serde::Serialize;

use crate::labels::Lang;
use crate::scenario::{self, Input, Range, Scenario};

/// What a control's number may be; `None` where unbounded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Limits {
    pub min: Option<f64>,
    /// Whether `min` itself is allowed.
    pub min_in: bool,
    pub max: Option<f64>,
    pub max_in: bool,
    pub whole: bool,
    /// What a value out of these limits is told, Swedish and English, with `{value}` left for
    /// the value: validation's own words.
    pub refusal: [String; 2],
}

impl Limits {
    /// The limits of `input` in `scenario`: a year's are the simulated years widened by its
    /// margin; a whole number's end where the page's numbers stop being exact.
    pub(super) fn of(input: Input, scenario: &Scenario) -> Limits {
        const EXACT: i64 = (1 << f64::MANTISSA_DIGITS) - 1;
        let refusal = |range| [Lang::Sv, Lang::En].map(|lang| scenario::refusal(range, lang));
        let whole = |min: i64, max: i64| Limits {
            min: Some(min as f64),
            min_in: true,
            max: Some(max.min(EXACT) as f64),
            max_in: true,
            whole: true,
            refusal: refusal(Err((min, max.min(EXACT)))),
        };
        match input.row().range {
            Range::Number(allowed) => {
                let [min, max] = allowed.ends();
                Limits {
                    min: min.map(|(x, _)| x),
                    min_in: min.is_some_and(|(_, closed)| closed),
                    max: max.map(|(x, _)| x),
                    max_in: max.is_some_and(|(_, closed)| closed),
                    whole: false,
                    refusal: refusal(Ok(allowed)),
                }
            }
            Range::Whole { min, max } => whole(min, max),
            Range::Year { margin } => {
                let last = scenario.calendar_year(scenario.years() - 1);
                whole(scenario.start_year() - margin, last + margin)
            }
        }
    }
}
