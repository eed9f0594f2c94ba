//! The checking that validation is made of: problems, the fields they are about, and the
//! allowed ranges of numbers.

use std::fmt;

use super::Normal;
use super::validate::MAX_PATHS;
use crate::edit::PathPart;
use crate::labels::problems::{ProblemText, Said};
use crate::labels::{Lang, fill};

/// Longest lag, duration, effect or horizon, in years.
pub(super) const MAX_SPAN_YEARS: i64 = 1000;
/// Longest name (of the scenario, municipality, a unit, project or design), in characters.
pub(super) const MAX_NAME: usize = 100;
/// Longest unit id, in characters.
pub(super) const MAX_ID: usize = 32;

/// One thing wrong in a scenario file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where, e.g. `design "Örebro": repayment.floor_share`.
    pub field: String,
    /// What is wrong and what is allowed, in either language.
    pub message: Said,
    /// The field's keys in the TOML document, to find its line.
    pub path: Vec<PathPart>,
}

/// A field: how it is named to the user, and where it is in the document.
#[derive(Debug, Clone)]
pub(super) struct Field {
    label: String,
    path: Vec<PathPart>,
}

impl Field {
    /// A field of the document's top tables, e.g. `simulation.years`.
    pub(super) fn top(key: &str) -> Field {
        Field {
            label: key.to_string(),
            path: parse_key(key),
        }
    }

    /// A field inside this one, e.g. `.amount`.
    pub(super) fn child(&self, key: &str) -> Field {
        let mut path = self.path.clone();
        path.extend(parse_key(key));
        Field {
            label: format!("{}.{key}", self.label),
            path,
        }
    }
}

/// An entry of an array of tables, e.g. the second `[[design]]`, named `design "Örebro"`.
pub(super) struct Item {
    label: String,
    path: Vec<PathPart>,
}

impl Item {
    pub(super) fn new(array: &str, index: usize, label: String) -> Item {
        Item {
            label,
            path: vec![PathPart::Key(array.into()), PathPart::Index(index)],
        }
    }

    /// A field of this entry, e.g. `repayment.floor_share` or `fund.deposits[2]` (1-based).
    pub(super) fn key(&self, key: &str) -> Field {
        let mut path = self.path.clone();
        path.extend(parse_key(key));
        Field {
            label: format!("{}: {key}", self.label),
            path,
        }
    }
}

/// `a.b[2].c` → `a`, `b`, index 1, `c`.
fn parse_key(key: &str) -> Vec<PathPart> {
    let mut parts = Vec::new();
    for segment in key.split('.') {
        match segment.split_once('[') {
            Some((name, index)) => {
                parts.push(PathPart::Key(name.into()));
                let n: usize = index.trim_end_matches(']').parse().unwrap_or(1);
                parts.push(PathPart::Index(n.saturating_sub(1)));
            }
            None => parts.push(PathPart::Key(segment.into())),
        }
    }
    parts
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.in_lang(Lang::En))
    }
}

impl Problem {
    /// The field and what is wrong with it, in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        format!("{}: {}", self.field, self.message.in_lang(lang))
    }
}

/// The allowed range of a number.
#[derive(Debug, Clone, Copy)]
pub(super) enum Allowed {
    Any,
    NonNegative,
    Positive,
    Share,
    AboveMinusOne,
    OpenUnit,
    Correlation,
    /// `0..1`: a shared fate's correlation.
    Fate,
    AtMost(f64),
    PositiveAtMost(f64),
    AtLeast(f64),
}

impl Allowed {
    fn contains(self, v: f64) -> bool {
        v.is_finite()
            && match self {
                Allowed::Any => true,
                Allowed::NonNegative => v >= 0.0,
                Allowed::Positive => v > 0.0,
                Allowed::Share => (0.0..=1.0).contains(&v),
                Allowed::AboveMinusOne => v > -1.0,
                Allowed::OpenUnit => v > -1.0 && v < 1.0,
                Allowed::Correlation => (-1.0..=1.0).contains(&v),
                Allowed::Fate => (0.0..1.0).contains(&v),
                Allowed::AtMost(max) => (0.0..=max).contains(&v),
                Allowed::PositiveAtMost(max) => v > 0.0 && v <= max,
                Allowed::AtLeast(min) => v >= min,
            }
    }

    /// What is allowed, in `text`'s words.
    fn describe(self, text: &ProblemText) -> String {
        let bounded = |template, name, bound: f64| {
            fill(template, &[(name, &text.decimal(&bound.to_string()))])
        };
        match self {
            Allowed::Any => text.any.into(),
            Allowed::NonNegative => text.non_negative.into(),
            Allowed::Positive => text.positive.into(),
            Allowed::Share => text.share.into(),
            Allowed::AboveMinusOne => text.above_minus_one.into(),
            Allowed::OpenUnit => text.open_unit.into(),
            Allowed::Correlation => text.correlation.into(),
            Allowed::Fate => text.fate.into(),
            Allowed::AtMost(max) => bounded(text.at_most, "max", max),
            Allowed::PositiveAtMost(max) => bounded(text.positive_at_most, "max", max),
            Allowed::AtLeast(min) => bounded(text.at_least, "min", min),
        }
    }
}

/// A number as the user would write it: very small or large ones with an exponent.
pub(super) fn shown(v: f64) -> String {
    if v != 0.0 && !(1e-4..1e16).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// A control character, or a Unicode noncharacter (XML, and so SVG, refuses U+FFFE and U+FFFF).
fn unprintable(c: char) -> bool {
    let code = u32::from(c);
    c.is_control() || (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE
}

/// `text` with every [`unprintable`] character written as `\u{…}`.
pub(super) fn escaped(text: &str) -> String {
    text.chars()
        .map(|c| {
            if unprintable(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Collects problems; every check returns a usable value so validation can go on.
#[derive(Default)]
pub(super) struct Checker {
    pub(super) problems: Vec<Problem>,
}

impl Checker {
    pub(super) fn fail(&mut self, field: Field, message: Said) {
        self.problems.push(Problem {
            field: field.label,
            message,
            path: field.path,
        });
    }

    /// Checks text that names something: no control characters or noncharacters (they would
    /// reach terminals, charts and workbooks), at most `max` characters (names become files).
    pub(super) fn name(&mut self, field: Field, text: &str, max: usize) {
        let length = text.chars().count();
        if let Some(c) = text.chars().find(|&c| unprintable(c)) {
            let code = format!("{:04X}", u32::from(c));
            let message = Said::new(|words| {
                let kind = if c.is_control() {
                    words.control_character
                } else {
                    words.noncharacter
                };
                let values = [("text", text), ("kind", kind), ("code", &code)];
                fill(words.unprintable, &values)
            });
            self.fail(field, message);
        } else if length > max {
            let start: String = text.chars().take(20).collect();
            let values = [
                ("start", start.as_str()),
                ("length", &length.to_string()),
                ("max", &max.to_string()),
            ];
            self.fail(field, Said::filled(|words| words.too_long, &values));
        }
    }

    pub(super) fn number(&mut self, field: Field, v: f64, allowed: Allowed) -> f64 {
        if allowed.contains(v) {
            return v;
        }
        let message = Said::new(|words| {
            let (value, expected) = (words.decimal(&shown(v)), allowed.describe(words));
            let mut message = fill(
                words.not_allowed,
                &[("value", &value), ("expected", &expected)],
            );
            if matches!(allowed, Allowed::Share) && (2.0..=100.0).contains(&v) {
                let percent = words.decimal(&v.to_string());
                let share = words.decimal(&(v / 100.0).to_string());
                message += &fill(
                    words.percent_hint,
                    &[("value", &percent), ("share", &share)],
                );
            }
            message
        });
        self.fail(field, message);
        0.0
    }

    pub(super) fn integer(&mut self, field: Field, v: impl Into<i128>, min: i64, max: i64) -> i64 {
        let v: i128 = v.into();
        if (i128::from(min)..=i128::from(max)).contains(&v) {
            return v as i64;
        }
        let (v, min_text, max) = (v.to_string(), min.to_string(), max.to_string());
        let values = [("value", v.as_str()), ("min", &min_text), ("max", &max)];
        self.fail(field, Said::filled(|words| words.whole_number, &values));
        min
    }

    /// `simulation.paths`, from the file or given instead of it.
    pub(super) fn paths(&mut self, paths: impl Into<i128>) -> u64 {
        self.integer(Field::top("simulation.paths"), paths, 1, MAX_PATHS) as u64
    }

    /// `simulation.seed`, from the file or given instead of it.
    pub(super) fn seed(&mut self, seed: impl Into<i128>) -> u64 {
        self.integer(Field::top("simulation.seed"), seed, 0, i64::MAX) as u64
    }

    pub(super) fn years(&mut self, field: Field, v: i64, min: i64) -> usize {
        self.integer(field, v, min, MAX_SPAN_YEARS) as usize
    }

    pub(super) fn normal(
        &mut self,
        field: Field,
        mean: f64,
        sd: f64,
        mean_allowed: Allowed,
    ) -> Normal {
        Normal {
            mean: self.number(field.child("mean"), mean, mean_allowed),
            sd: self.number(field.child("sd"), sd, Allowed::NonNegative),
        }
    }
}
