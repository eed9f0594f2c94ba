//! The report's first page: per design, what a council decides on, as sentences generated from
//! the numbers; then the assumptions that decide them.

use std::fmt::Write;

use super::{escape, spread};
use crate::export::compare::{self, COLUMNS, sentences};
use crate::labels::breaks::soft_hyphens;
use crate::labels::{Lang, figures, fill};
use crate::results::{DesignSummary, Spread, Summary};
use crate::scenario::{ProjectSpec, Scenario};

/// One design's conclusions: the risk of turning an application down for lack of money, what is left, what is
/// recycled, the lifetime net saving in fixed prices and who pays most.
pub fn design_sentences(summary: &Summary, design: &DesignSummary, lang: Lang) -> String {
    let t = lang.report();
    let percent = |x: f64| lang.percent(x, 0);
    let last_year = summary.start_year + summary.years as i64 - 1;
    let final_cash = Spread {
        mean: design.final_cash.mean,
        p5: design.final_cash.p5,
        p50: design.final_cash.p50,
        p95: design.final_cash.p95,
    };
    let mut text = fill(t.risk, &[("risk", &percent(design.p_depleted_ever))]);
    text += &fill(
        t.balance,
        &[
            ("year", &last_year.to_string()),
            ("spread", &spread(lang, &final_cash)),
        ],
    );
    if design.model != "budget" {
        text += &fill(
            t.recycled,
            &[
                ("window", &percent(design.recycled_share)),
                ("lifetime", &percent(design.recycled_share_lifetime)),
            ],
        );
    }
    text += &fill(
        t.net_saving,
        &[
            ("spread", &spread(lang, &design.net_saving_lifetime)),
            ("year", &summary.start_year.to_string()),
            ("chance", &percent(design.p_net_saving_lifetime_positive)),
            ("budget", &spread(lang, &design.budget_effect_lifetime)),
            (
                "budget_chance",
                &percent(design.p_budget_effect_lifetime_positive),
            ),
        ],
    );
    text += &fill(t.result, &[("tipped", &percent(design.p_result_tipped))]);
    text += &singled_out(summary, design, lang);
    text
}

/// The nämnd this design singles out (MODEL.md 7.4), its chance of a deficit year and its total
/// burden; or that none pays more than it gains (by at least 0,05 mnkr, what one decimal shows).
fn singled_out(summary: &Summary, design: &DesignSummary, lang: Lang) -> String {
    let t = lang.report();
    let Some((burden, unit)) =
        (design.exposed_unit()).map(|u| (&design.units[u], &summary.units[u]))
    else {
        return t.no_burden.into();
    };
    let share = burden.burden_total.p95 / unit.frame;
    // A share under 0,1 % with two decimals, so that a burden paid is never "0,0 %".
    let decimals = if share.abs() < 0.001 { 2 } else { 1 };
    fill(
        t.singled_out,
        &[
            ("unit", &escape(&unit.name)),
            ("tipped", &compare::percent(lang, burden.p_any_year_tipped)),
            ("burden", &lang.mnkr(burden.burden_total.p50)),
            ("p95", &lang.mnkr(burden.burden_total.p95)),
            ("share", &lang.percent(share, decimals)),
        ],
    )
}

/// The designs head to head: a table of every pair and one decision sentence each; "" with
/// one design.
pub fn comparisons(summary: &Summary, lang: Lang) -> String {
    if summary.comparisons.is_empty() {
        return String::new();
    }
    let t = lang.compare();
    let percent = |x: f64| compare::percent(lang, x);
    let mut page = format!(
        "<h3>{}</h3>\n<p>{}</p>\n<div class=\"wide\"><table>\n<thead><tr>",
        t.title, t.intro
    );
    for column in &COLUMNS[..COLUMNS.len() - 1] {
        let heading = figures::short_heading(column, lang);
        let _ = write!(page, "<th>{}</th>", soft_hyphens(&heading));
    }
    page += "</tr></thead>\n";
    for c in &summary.comparisons {
        let d = &c.budget_effect_difference;
        let cells = [
            escape(&c.a),
            escape(&c.b),
            percent(c.p_a_better_budget_effect),
            percent(c.p_b_better_budget_effect),
            lang.number(d.p5, 1),
            lang.number(d.p50, 1),
            lang.number(d.p95, 1),
            percent(c.p_only_a_depleted),
            percent(c.p_only_b_depleted),
            percent(c.p_only_a_unit_tipped),
            percent(c.p_only_b_unit_tipped),
        ];
        let _ = writeln!(page, "<tr><td>{}</td></tr>", cells.join("</td><td>"));
    }
    page += "</table></div>\n<ul>\n";
    for sentence in sentences(summary, lang) {
        let _ = writeln!(page, "<li>{}</li>", escape(&sentence));
    }
    page + "</ul>\n"
}

/// Every project type and known project, with when it applies.
fn specs(scenario: &Scenario, lang: Lang) -> Vec<(&ProjectSpec, String)> {
    let per_year = lang.report().per_year;
    scenario
        .project_types()
        .iter()
        .map(|t| {
            let count = lang.number(t.arrivals_per_year, 1);
            (&t.spec, fill(per_year, &[("count", &count)]))
        })
        .chain(scenario.projects().iter().map(|p| {
            let year = scenario.calendar_year(p.start).to_string();
            (&p.spec, year)
        }))
        .collect()
}

/// The report's opening line: what the scenario assumes a krona of project money saves, over
/// the projects with a saving ("" when none has one).
pub fn krona_assumed(scenario: &Scenario, lang: Lang) -> String {
    let t = lang.report();
    let with_saving = specs(scenario, lang);
    let with_saving = (with_saving.iter()).filter(|(spec, _)| spec.planned_savings_total > 0.0);
    let range = |saving: &dyn Fn(&ProjectSpec) -> f64| {
        let savings: Vec<f64> = with_saving.clone().map(|(spec, _)| saving(spec)).collect();
        let low = savings.iter().copied().fold(f64::INFINITY, f64::min);
        let high = savings.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (!savings.is_empty()).then(|| (lang.number(low, 2), lang.number(high, 2)))
    };
    // As written, like the table of assumptions; then with the shared fate, if any.
    let Some((low, high)) = range(&|spec| spec.saving_per_krona()) else {
        return String::new();
    };
    let mut sentence = if low == high {
        fill(t.krona_assumed, &[("krona", &low)])
    } else {
        fill(t.krona_assumed_range, &[("low", &low), ("high", &high)])
    };
    let outcomes = &scenario.outcomes();
    if outcomes.shared()
        && let Some((low, high)) = range(&|spec| spec.saving_per_krona_given(outcomes))
    {
        let krona = if low == high {
            low
        } else {
            format!("{low}–{high}")
        };
        let correlation = lang.number(outcomes.correlation, 2);
        sentence += &fill(
            t.krona_fate,
            &[("correlation", &correlation), ("krona", &krona)],
        );
    }
    format!("<p class=\"lead\">{sentence}</p>\n")
}

/// The outcome assumptions that decide the sign of the result, per project type and known
/// project, and a warning when every project with a saving is assumed to lose money.
pub fn assumptions(scenario: &Scenario, lang: Lang) -> String {
    let t = lang.report();
    let specs = specs(scenario, lang);
    if specs.is_empty() {
        return String::new();
    }
    let mut page = format!(
        "<h2>{}</h2>\n<p>{}</p>\n<div class=\"wide\"><table>\n<thead><tr>",
        t.assumptions_title, t.assumptions_intro
    );
    for column in t.assumptions_columns {
        let _ = write!(page, "<th>{}</th>", soft_hyphens(column));
    }
    page += "</tr></thead>\n";
    for (spec, when) in &specs {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&spec.name),
            when,
            lang.percent(spec.success_probability, 0),
            lang.percent(spec.effect_size.mean, 0),
            lang.percent(spec.realization_share, 0),
            lang.number(spec.saving_per_krona(), 2)
        );
    }
    page += "</table></div>\n";
    let with_saving: Vec<f64> = specs
        .iter()
        .filter(|(spec, _)| spec.planned_savings_total > 0.0)
        .map(|(spec, _)| spec.saving_per_krona_given(scenario.outcomes()))
        .collect();
    if !with_saving.is_empty() && with_saving.iter().all(|&s| s < 1.0) {
        let _ = writeln!(page, "<p>{}</p>", t.all_lose);
    }
    page
}
