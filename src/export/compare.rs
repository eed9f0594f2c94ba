//! Designs head to head, for a reader: one decision sentence per pair (the terminal, the report,
//! the live page) and the comparisons as a table (`report.html`, the workbook).

use anyhow::Result;

use crate::labels::{Lang, fill};
use crate::results::{Comparison, DesignSummary, Summary};

/// Differences of a chance below this are not worth a reader's attention.
const NOTICEABLE: f64 = 0.0005;

/// The sentence that sums up `comparison`: how often each frees more budget room, the nämnd
/// whose deficit-year risk differs most between the two, and how often only one runs dry.
pub fn sentence(summary: &Summary, comparison: &Comparison, lang: Lang) -> String {
    let t = lang.compare();
    let percent = |p: f64| percent(lang, p);
    let (a, b) = (&comparison.a, &comparison.b);
    let (better_a, better_b) = (
        comparison.p_a_better_budget_effect,
        comparison.p_b_better_budget_effect,
    );
    let mut text = if better_a == 0.0 && better_b == 0.0 {
        fill(t.equal, &[("a", a), ("b", b)])
    } else {
        let values = [
            ("a", a.as_str()),
            ("b", b.as_str()),
            ("p_a", &percent(better_a)),
            ("p_b", &percent(better_b)),
        ];
        fill(t.better, &values)
    };
    let design = |name: &str| summary.designs.iter().find(|d| d.name == name);
    if let (Some(x), Some(y)) = (design(a), design(b))
        && let Some((u, tipped_a, tipped_b)) = largest_deficit_difference(x, y)
    {
        let values = [
            ("unit", summary.units[u].name.as_str()),
            ("a", a.as_str()),
            ("b", b.as_str()),
            ("p_a", &percent(tipped_a)),
            ("p_b", &percent(tipped_b)),
        ];
        text += &fill(t.deficit, &values);
    }
    let (only_a, only_b) = (comparison.p_only_a_depleted, comparison.p_only_b_depleted);
    if only_a.max(only_b) >= NOTICEABLE {
        let values = [
            ("a", a.as_str()),
            ("b", b.as_str()),
            ("p_a", &percent(only_a)),
            ("p_b", &percent(only_b)),
        ];
        text += &fill(t.depleted, &values);
    }
    text + "."
}

/// A chance as a reader sees it: whole percentages, with decimals below 1 % so that a chance
/// that is not 0 never reads "0 %" (0.3 %, 0.04 %).
pub fn percent(lang: Lang, p: f64) -> String {
    let decimals = match p {
        p if p <= 0.0 || p >= 0.01 => 0,
        p if p >= 0.001 => 1,
        _ => 2,
    };
    lang.percent(p, decimals)
}

/// The nämnd whose chance of a deficit year differs most between `a` and `b`, with its chance
/// under each; none when no chance differs noticeably.
fn largest_deficit_difference(a: &DesignSummary, b: &DesignSummary) -> Option<(usize, f64, f64)> {
    let tipped = |d: &DesignSummary, u: usize| d.units[u].p_any_year_tipped;
    (0..a.units.len().min(b.units.len()))
        .map(|u| (u, tipped(a, u), tipped(b, u)))
        .filter(|&(_, x, y)| (x - y).abs() >= NOTICEABLE)
        .max_by(|p, q| (p.1 - p.2).abs().total_cmp(&(q.1 - q.2).abs()))
}

/// Every comparison's sentence, in file order.
pub fn sentences(summary: &Summary, lang: Lang) -> Vec<String> {
    (summary.comparisons.iter())
        .map(|c| sentence(summary, c, lang))
        .collect()
}

/// The comparisons as CSV, a row per pair with its sentence: the workbook's sheet.
pub fn table(summary: &Summary, lang: Lang) -> Result<Vec<u8>> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for c in &summary.comparisons {
        let d = &c.budget_effect_difference;
        let numbers = [
            c.p_a_better_budget_effect,
            c.p_b_better_budget_effect,
            d.p5,
            d.p50,
            d.p95,
            c.p_only_a_depleted,
            c.p_only_b_depleted,
            c.p_only_a_unit_tipped,
            c.p_only_b_unit_tipped,
        ];
        let mut record = vec![c.a.clone(), c.b.clone()];
        record.extend(numbers.map(|x| x.to_string()));
        record.push(sentence(summary, c, lang));
        writer.write_record(&record)?;
    }
    Ok(writer.into_inner()?)
}

/// The columns of [`table`], each a declared figure.
pub const COLUMNS: [&str; 12] = [
    "a",
    "b",
    "p_a_better_budget_effect",
    "p_b_better_budget_effect",
    "budget_effect_difference_p5",
    "budget_effect_difference_p50",
    "budget_effect_difference_p95",
    "p_only_a_depleted",
    "p_only_b_depleted",
    "p_only_a_unit_tipped",
    "p_only_b_unit_tipped",
    "decision",
];

/// A design's break-even in a sentence: the share of successes (or the effect against the
/// plan) at which the figure's mean is 0, beside what the scenario assumes.
#[cfg(feature = "charts")]
pub fn breakeven_sentence(found: &crate::breakeven::BreakEven, lang: Lang) -> String {
    use crate::breakeven::{Figure, Lever};
    let t = lang.breakeven();
    let figure = match found.figure {
        Figure::BudgetEffectLifetime => t.budget_effect,
        Figure::NetSavingLifetime => t.net_saving,
    };
    let (Some(k), Some(break_even)) = (found.multiplier, found.break_even) else {
        let (k, mean) = found.at_end.unwrap_or((0.0, 0.0));
        let values = [
            ("design", found.name.as_str()),
            ("figure", figure),
            ("k", &lang.number(k, 2)),
            ("mean", &lang.mnkr(mean)),
        ];
        let never = match found.on {
            Lever::Success => t.never_success,
            Lever::Effect => t.never_effect,
        };
        return fill(never, &values);
    };
    let template = match found.on {
        Lever::Success => t.success,
        Lever::Effect => t.effect,
    };
    let values = [
        ("design", found.name.as_str()),
        ("figure", figure),
        ("break_even", &lang.percent(break_even, 0)),
        ("assumed", &lang.percent(found.assumed, 0)),
        ("k", &lang.number(k, 2)),
    ];
    fill(template, &values)
}
