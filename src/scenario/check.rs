//! The checking that validation is made of: problems, the fields they are about, and the
//! allowed ranges of numbers.

use std::fmt;

use crate::edit::PathPart;
use crate::inputs::{Allowed, Input, Range};
use crate::labels::problems::{ProblemText, Said};
use crate::labels::{Lang, fill};

/// Longest name (of the scenario, municipality, a unit, project or design), in characters.
pub const MAX_NAME: usize = 100;
/// Longest unit id, in characters.
pub const MAX_ID: usize = 32;

/// One thing wrong in a scenario file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where, e.g. `design "Örebro": repayment.floor_share`.
    pub field: String,
    /// What is wrong and what is allowed, in either language.
    pub message: Said,
    /// The field's keys in the TOML document, to find its line.
    pub path: Vec<PathPart>,
    /// How many problems it stands for: 1, or those found beyond the ones reported.
    pub count: usize,
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

    /// An input of a top table, e.g. `municipality.index`.
    pub(super) fn input(input: Input) -> At {
        let row = input.row();
        let field = Field::top(&format!("{}.{}", row.section.names()[0], row.keys));
        At { field, input }
    }

    /// An input of the rule this field is, e.g. a deposit's `.amount`.
    pub(super) fn rule(&self, input: Input) -> At {
        At {
            field: self.child(input.row().keys),
            input,
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

/// An input at its place in the file: what it is checked against.
pub(super) struct At {
    field: Field,
    input: Input,
}

impl At {
    /// `input` at `field`, a place its row's keys do not name (`planned_savings.SOC`).
    pub(super) fn new(field: Field, input: Input) -> At {
        At { field, input }
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

    /// An input of this entry, e.g. `repayment.floor_share`.
    pub(super) fn input(&self, input: Input) -> At {
        At {
            field: self.key(input.row().keys),
            input,
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
        match self.field.as_str() {
            "" => self.message.in_lang(lang).to_string(),
            field => format!("{field}: {}", self.message.in_lang(lang)),
        }
    }
}

/// What is allowed, in `text`'s words.
fn describe(allowed: Allowed, text: &ProblemText) -> String {
    let bounded =
        |template, name, bound: f64| fill(template, &[(name, &text.decimal(&bound.to_string()))]);
    match allowed {
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
        Allowed::Between(min, max) => fill(
            text.between,
            &[
                ("min", &text.decimal(&min.to_string())),
                ("max", &text.decimal(&max.to_string())),
            ],
        ),
        Allowed::Within(max) => bounded(text.within, "max", max),
    }
}

/// What validation tells a value out of `allowed`, or a whole number out of `min..=max`, in
/// `lang`, with `{value}` left for the value: the live page says it before sending one.
pub fn refusal(range: Result<Allowed, (i64, i64)>, lang: Lang) -> String {
    let words = lang.problems();
    match range {
        Ok(allowed) => fill(
            words.not_allowed,
            &[("expected", &describe(allowed, words))],
        ),
        Err((min, max)) => {
            let (min, max) = (min.to_string(), max.to_string());
            fill(words.whole_number, &[("min", &min), ("max", &max)])
        }
    }
}

/// A number as the user would write it: very small or large ones with an exponent.
pub fn shown(v: f64) -> String {
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
pub fn escaped(text: &str) -> String {
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

/// `text` with each line [`escaped`], its line breaks kept.
pub(super) fn escaped_lines(text: &str) -> String {
    let lines: Vec<String> = text.split('\n').map(escaped).collect();
    lines.join("\n")
}

/// Most problems reported of one file; the rest are counted.
pub const MAX_PROBLEMS: usize = 50;

/// Collects problems; every check returns a usable value so validation can go on.
#[derive(Default)]
pub(super) struct Checker {
    problems: Vec<Problem>,
    /// Problems found beyond [`MAX_PROBLEMS`].
    more: usize,
}

impl Checker {
    pub(super) fn fail(&mut self, field: Field, message: Said) {
        if self.full() {
            self.skip();
            return;
        }
        self.problems.push(Problem {
            field: field.label,
            message,
            path: field.path,
            count: 1,
        });
    }

    /// Whether [`MAX_PROBLEMS`] have been found: a check may then skip wording its problem.
    pub(super) fn full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }

    /// Counts a problem beyond [`MAX_PROBLEMS`] without wording it.
    pub(super) fn skip(&mut self) {
        self.more += 1;
    }

    /// The problems found, the last saying how many more there were; empty when none.
    pub(super) fn problems(self) -> Vec<Problem> {
        let mut problems = self.problems;
        if self.more > 0 {
            let count = self.more.to_string();
            problems.push(Problem {
                field: String::new(),
                message: Said::filled(|w| w.more_problems, &[("count", &count)]),
                path: Vec::new(),
                count: self.more,
            });
        }
        problems
    }

    /// Checks that a list of `count` entries has at most `max`.
    pub(super) fn count(&mut self, field: Field, count: usize, max: usize) {
        if count > max {
            let (count, max) = (count.to_string(), max.to_string());
            let values = [("count", count.as_str()), ("max", max.as_str())];
            self.fail(field, Said::filled(|w| w.too_many, &values));
        }
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

    /// A decimal input, checked against its row.
    pub(super) fn number(&mut self, at: At, v: f64) -> f64 {
        let Range::Number(allowed) = at.input.row().range else {
            unreachable!("{:?} is a decimal input", at.input)
        };
        let field = at.field;
        if allowed.contains(v) {
            return v;
        }
        let message = Said::new(|words| {
            let (value, expected) = (words.decimal(&shown(v)), describe(allowed, words));
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

    /// A whole-number input, checked against its row.
    pub(super) fn whole(&mut self, at: At, v: impl Into<i128>) -> i64 {
        let Range::Whole { min, max } = at.input.row().range else {
            unreachable!("{:?} is a whole-number input", at.input)
        };
        self.integer(at.field, v, min, max)
    }

    /// A calendar-year input: within `first..=last`, the simulated years, widened by its row's
    /// margin.
    pub(super) fn year(&mut self, at: At, v: i64, first: i64, last: i64) -> i64 {
        let Range::Year { margin } = at.input.row().range else {
            unreachable!("{:?} is a year", at.input)
        };
        self.integer(at.field, v, first - margin, last + margin)
    }

    fn integer(&mut self, field: Field, v: impl Into<i128>, min: i64, max: i64) -> i64 {
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
        self.whole(Field::input(Input::Paths), paths) as u64
    }

    /// `simulation.seed`, from the file or given instead of it.
    pub(super) fn seed(&mut self, seed: impl Into<i128>) -> u64 {
        self.whole(Field::input(Input::Seed), seed) as u64
    }
}
