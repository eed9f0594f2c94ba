//! The short table `sifsim run` prints on stdout.

use std::fmt::Write;

use crate::results::Summary;
use crate::scenario::Scenario;
use crate::sensitivity::SensitivityRow;
use crate::sweep::{Setting, SweepRow};

/// Renders per design the headline figures and per unit the total burden's median and 95th percentile.
pub fn render(summary: &Summary) -> String {
    let mut out = String::new();
    let last_year = summary.start_year + summary.years as i64 - 1;
    let _ = writeln!(
        out,
        "{}: {} paths, seed {}, {}–{}\n",
        summary.scenario, summary.paths, summary.seed, summary.start_year, last_year
    );
    let name_width = summary
        .designs
        .iter()
        .map(|d| d.name.chars().count())
        .max()
        .unwrap_or(6)
        .max(6);
    let _ = writeln!(
        out,
        "{:<name_width$}  {:>8}  {:>10}  {:>8}  {:>6}  {:>13}  {:>26}  {:>22}",
        "",
        "",
        "final cash",
        "",
        "turned",
        "recycled",
        format!("net saving, lifetime, {} prices", summary.start_year),
        "net saving in window"
    );
    let _ = writeln!(
        out,
        "{:<name_width$}  {:>8}  {:>10}  {:>8}  {:>6}  {:>13}  {:>26}  {:>22}",
        "design",
        "P(empty)",
        "p50",
        "approved",
        "down",
        "window / life",
        "mean     P(>0)",
        "mean     P(>0)"
    );
    for d in &summary.designs {
        let _ = writeln!(
            out,
            "{:<name_width$}  {:>8}  {:>10}  {:>8.1}  {:>6.1}  {:>13}  {:>26}  {:>22}",
            d.name,
            percent(d.p_depleted_ever),
            mnkr(d.final_cash.p50),
            d.approved.mean,
            d.turned_down.mean,
            format!(
                "{} / {}",
                percent(d.recycled_share),
                percent(d.recycled_share_lifetime)
            ),
            format!(
                "{}  {:>7}",
                mnkr(d.net_saving_lifetime.mean),
                percent(d.p_net_saving_lifetime_positive)
            ),
            format!(
                "{}  {:>7}",
                mnkr(d.net_saving.mean),
                percent(d.p_net_saving_positive)
            ),
        );
    }
    let unit_width = summary
        .designs
        .first()
        .map(|d| {
            d.units
                .iter()
                .map(|u| u.id.chars().count())
                .max()
                .unwrap_or(4)
        })
        .unwrap_or(4)
        .max(4);
    let _ = writeln!(
        out,
        "\nTotal burden per förvaltning over the years, mnkr: median / 95th percentile"
    );
    let _ = write!(out, "{:<unit_width$}", "unit");
    for d in &summary.designs {
        let _ = write!(out, "  {:>w$}", d.name, w = column_width(&d.name));
    }
    out.push('\n');
    if let Some(first) = summary.designs.first() {
        for (u, unit) in first.units.iter().enumerate() {
            let _ = write!(out, "{:<unit_width$}", unit.id);
            for d in &summary.designs {
                let b = &d.units[u].burden_total;
                let cell = format!("{:.1} / {:.1}", b.p50, b.p95);
                let _ = write!(out, "  {:>w$}", cell, w = column_width(&d.name));
            }
            out.push('\n');
        }
    }
    let _ = writeln!(
        out,
        "\nLifetime: the funded projects followed until they end, in {} prices. Window: {}–{last_year} \
         only, nominal; late projects show costs without all their savings. Burdens are nominal, within the window.",
        summary.start_year, summary.start_year
    );
    out
}

fn column_width(name: &str) -> usize {
    name.chars().count().max(16)
}

fn percent(share: f64) -> String {
    format!("{:.1} %", share * 100.0)
}

fn mnkr(amount: f64) -> String {
    format!("{amount:.1} mnkr")
}

/// What a scenario holds, for `sifsim validate`.
pub fn describe(scenario: &Scenario) -> String {
    let mut out = String::new();
    let last_year = scenario.calendar_year(scenario.years - 1);
    let _ = writeln!(
        out,
        "{} ({}): {}–{}, {} paths, seed {}",
        scenario.name,
        scenario.municipality.name,
        scenario.start_year,
        last_year,
        scenario.paths,
        scenario.seed
    );
    let _ = writeln!(out, "\n{} förvaltningar (units):", scenario.units.len());
    for unit in &scenario.units {
        let _ = writeln!(
            out,
            "  {:<16} {} — frame {}",
            unit.id,
            unit.name,
            mnkr(unit.frame)
        );
    }
    let unit_id = |u: usize| scenario.units[u].id.as_str();
    let _ = writeln!(
        out,
        "\n{} project types (random applications):",
        scenario.project_types.len()
    );
    for t in &scenario.project_types {
        let _ = writeln!(
            out,
            "  {} — {:.2} a year, led by {}, cost median {}, expected saving per krona {:.2}",
            t.spec.name,
            t.arrivals_per_year,
            unit_id(t.spec.lead),
            mnkr(t.spec.cost.median),
            t.spec.saving_per_krona()
        );
    }
    let _ = writeln!(out, "\n{} known projects:", scenario.projects.len());
    for p in &scenario.projects {
        let _ = writeln!(
            out,
            "  {} — applies {}{}, led by {}, cost {}, expected saving per krona {:.2}",
            p.spec.name,
            scenario.calendar_year(p.start),
            if p.decided { " (decided)" } else { "" },
            unit_id(p.spec.lead),
            mnkr(p.spec.cost.median),
            p.spec.saving_per_krona()
        );
    }
    let specs = scenario
        .project_types
        .iter()
        .map(|t| &t.spec)
        .chain(scenario.projects.iter().map(|p| &p.spec))
        .filter(|spec| spec.repayable);
    let (mut count, mut losing) = (0, 0);
    for spec in specs {
        count += 1;
        losing += usize::from(spec.saving_per_krona() < 1.0);
    }
    if count > 0 && losing == count {
        let _ = writeln!(
            out,
            "\nwarning: every project with a saving is assumed to save less than it costs \
             (expected saving per krona below 1: success probability × mean effect × planned \
             savings × effect years / mean cost). Every design will then show a loss: that is this \
             input, not a finding. Check these values against their sources."
        );
    }
    let _ = writeln!(out, "\n{} designs:", scenario.designs.len());
    for d in &scenario.designs {
        let _ = writeln!(
            out,
            "  {} — {} model, initial capital {}, {} deposit rule(s)",
            d.name,
            d.model.name(),
            mnkr(d.initial),
            d.deposits.len()
        );
    }
    out
}

/// A sweep's rows: the settings, then each design's headline figures.
pub fn sweep(settings: &[Setting], rows: &[SweepRow]) -> String {
    let mut out = String::new();
    let widths: Vec<usize> = settings
        .iter()
        .map(|s| s.path.chars().count().max(8))
        .collect();
    let design_width = rows
        .iter()
        .map(|(_, m)| m.design.chars().count())
        .max()
        .unwrap_or(6)
        .max(6);
    for (setting, width) in settings.iter().zip(&widths) {
        let _ = write!(out, "{:>width$}  ", setting.path);
    }
    let _ = writeln!(
        out,
        "{:<design_width$}  {:>10}  {:>14}  {:>8}  {:>20}  {:>11}",
        "design", "P(empty)", "final cash p50", "recycled", "worst unit p95/year", "P(tipped)"
    );
    for (values, m) in rows {
        for (value, width) in values.iter().zip(&widths) {
            let _ = write!(out, "{value:>width$}  ");
        }
        let _ = writeln!(
            out,
            "{:<design_width$}  {:>10}  {:>14}  {:>8}  {:>20}  {:>11}",
            m.design,
            percent(m.p_depleted_ever),
            mnkr(m.final_cash_p50),
            percent(m.recycled_share),
            format!(
                "{} ({})",
                mnkr(m.worst_unit_burden_p95),
                percent(m.worst_unit_burden_share_p95)
            ),
            percent(m.p_any_unit_tipped),
        );
    }
    out
}

/// A sensitivity analysis: per design and input, the depletion risk and median final cash when
/// the input is low and high; then each design as written.
pub fn sensitivity(rows: &[SensitivityRow]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<24}  {:<20}  {:>12}  {:>10}  {:>14}  {:>14}",
        "design", "input", "P(empty) low", "high", "final cash low", "high"
    );
    for low in rows.iter().filter(|r| r.level == "low") {
        let high = rows
            .iter()
            .find(|r| r.design == low.design && r.input == low.input && r.level == "high");
        let Some(high) = high else { continue };
        let _ = writeln!(
            out,
            "{:<24}  {:<20}  {:>12}  {:>10}  {:>14}  {:>14}",
            low.design,
            low.input,
            percent(low.p_depleted_ever),
            percent(high.p_depleted_ever),
            mnkr(low.final_cash_p50),
            mnkr(high.final_cash_p50)
        );
    }
    for base in rows.iter().filter(|r| r.level == "base") {
        let _ = writeln!(
            out,
            "{:<24}  {:<20}  {:>12}  {:>10}  {:>14}",
            base.design,
            "(as written)",
            percent(base.p_depleted_ever),
            "",
            mnkr(base.final_cash_p50)
        );
    }
    out
}
