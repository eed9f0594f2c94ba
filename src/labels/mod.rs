//! Every word sifsim shows a reader, in Swedish and English, and how numbers are written in
//! each: chart labels ([`charts`]), the figures of every output file ([`figures`]), the names of
//! the inputs ([`inputs`]), designs head to head ([`compare`]), the terminal ([`table`]), the report ([`report`]), a told future
//! ([`story`]), threshold answers ([`threshold`]) and a scenario's problems ([`problems`]).
//! Nothing else in the crate holds a label, and no behaviour depends on one.

pub mod breakeven;
pub mod breaks;
pub mod charts;
pub mod compare;
pub mod fields;
pub mod figures;
pub mod inputs;
pub mod page;
pub mod problems;
pub mod report;
pub mod story;
pub mod table;
pub mod threshold;
pub mod tune;

#[cfg(feature = "charts")]
pub use charts::Labels;

/// The language a reader is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Svenska: "1 234,5 mnkr", "12 %".
    #[default]
    Sv,
    /// English: "1,234.5 mnkr", "12%".
    En,
}

impl Lang {
    /// `x` with `decimals` decimals and grouped thousands: "1 234,5" or "1,234.5".
    pub fn number(self, x: f64, decimals: usize) -> String {
        let (group, point) = match self {
            Lang::Sv => ('\u{a0}', ','),
            Lang::En => (',', '.'),
        };
        let text = format!("{:.*}", decimals, x.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(digit);
        }
        let negative = x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
        let sign = if negative { "−" } else { "" };
        if fraction.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{point}{fraction}")
        }
    }

    /// `x` as exactly as a reader needs it: whole numbers without decimals, others with up
    /// to three ("0,2", "98", "0,127").
    pub fn exact(self, x: f64) -> String {
        let decimals = (0..3)
            .find(|&d| ((x * 10f64.powi(d)).round() / 10f64.powi(d) - x).abs() < 1e-9)
            .unwrap_or(3) as usize;
        self.number(x, decimals)
    }

    /// An amount in mnkr with one decimal: "1,5 mnkr" or "1.5 mnkr".
    pub fn mnkr(self, amount: f64) -> String {
        format!("{}\u{a0}mnkr", self.number(amount, 1))
    }

    /// A share as a percentage: "12 %" or "12%".
    pub fn percent(self, share: f64, decimals: usize) -> String {
        let number = self.number(share * 100.0, decimals);
        match self {
            Lang::Sv => format!("{number}\u{a0}%"),
            Lang::En => format!("{number}%"),
        }
    }
}

/// `template` with each `{name}` replaced by its value, in one pass: a value is written as it
/// is, even when it holds braces (a user's name may); a `{…}` no value names stays as it is.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let named = after.find('}').and_then(|close| {
            let value = values.iter().find(|(name, _)| *name == &after[..close])?;
            Some((value.1, close))
        });
        match named {
            Some((value, close)) => {
                text.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text
}

/// The names of a workbook's sheets.
pub struct Sheets {
    pub summary: &'static str,
    pub fund: &'static str,
    pub units: &'static str,
    pub sweep: &'static str,
    pub sensitivity: &'static str,
    pub totals: &'static str,
    pub inputs: &'static str,
    /// Years across: the fund's balance and the nämnder's median burden.
    pub fund_by_year: &'static str,
    pub burden_by_year: &'static str,
    /// Designs head to head.
    pub comparisons: &'static str,
}

impl Lang {
    /// A workbook's sheet names in this language.
    pub fn sheets(self) -> &'static Sheets {
        match self {
            Lang::Sv => &Sheets {
                summary: "Sammanfattning",
                fund: "Fond",
                units: "Nämnder",
                sweep: "Svep",
                sensitivity: "Känslighet",
                totals: "Nämnder, totalt",
                inputs: "Indata",
                fund_by_year: "Saldo per år, mnkr",
                burden_by_year: "Belastning per år, mnkr, median",
                comparisons: "Jämförelse",
            },
            Lang::En => &Sheets {
                summary: "Summary",
                fund: "Fund",
                units: "Committees",
                sweep: "Sweep",
                sensitivity: "Sensitivity",
                totals: "Committees, totals",
                inputs: "Inputs",
                fund_by_year: "Balance by year, mnkr",
                burden_by_year: "Charge by year, mnkr, median",
                comparisons: "Comparison",
            },
        }
    }
}

/// A funding model's name as `summary.json` writes it ("budget", "repayment", "dual"), for a
/// reader.
pub fn model_name(model: &str, lang: Lang) -> &str {
    match (model, lang) {
        ("budget", Lang::Sv) => "budgetmodell",
        ("repayment", Lang::Sv) => "återföringsmodell",
        ("dual", Lang::Sv) => "dubbelmodell",
        ("budget", Lang::En) => "budget model",
        ("repayment", Lang::En) => "repayment model",
        ("dual", Lang::En) => "dual model",
        (other, _) => other,
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    /// Regression: values were filled in one after another, so a name holding `{units}`
    /// had the later value written into it.
    #[test]
    fn fill_writes_values_as_they_are_even_with_braces() {
        let values = [("id", "x{units}y"), ("units", "familj")];
        let filled = super::fill("unknown \"{id}\"; known: {units}; {other} {", &values);
        assert_eq!(filled, "unknown \"x{units}y\"; known: familj; {other} {");
    }

    #[test]
    fn swedish_numbers_group_thousands_and_use_a_decimal_comma() {
        assert_eq!(Lang::Sv.number(1234.5, 1), "1\u{a0}234,5");
        assert_eq!(Lang::Sv.number(-1234567.0, 0), "−1\u{a0}234\u{a0}567");
        assert_eq!(Lang::Sv.number(-0.01, 1), "0,0");
        assert_eq!(Lang::Sv.percent(0.12, 0), "12\u{a0}%");
        assert_eq!(Lang::En.number(1234.5, 1), "1,234.5");
        assert_eq!(Lang::En.percent(0.125, 1), "12.5%");
    }
}
