//! The short table `sifsim run` prints on stdout.

use std::fmt::Write;

use super::Lang;
use crate::results::Summary;
use crate::scenario::Scenario;
use crate::sensitivity::SensitivityRow;
use crate::sweep::{Setting, SweepRow};

/// Column headings and notes of the run table, in one language.
struct TableText {
    paths_seed: &'static str,
    design: &'static str,
    p_no_money: &'static str,
    balance: &'static str,
    approved: &'static str,
    no_money: &'static str,
    by_rules: &'static str,
    recycled: &'static str,
    lifetime: &'static str,
    window: &'static str,
    positive: &'static str,
    burden_title: &'static str,
    unit: &'static str,
    note: &'static str,
}

const SV: TableText = TableText {
    paths_seed: "framtider, frö",
    design: "Modell",
    p_no_money: "Risk nej av medelsbrist",
    balance: "Saldo vid slutet, median",
    approved: "Beviljade",
    no_money: "Avslag, medelsbrist",
    by_rules: "Avslag, regler",
    recycled: "Återfört: perioden / livslängden",
    lifetime: "Nettobesparing, livslängden, {year} års priser, medel",
    window: "Nettobesparing, perioden, medel",
    positive: "chans > 0",
    burden_title: "Nettobörda per förvaltning över perioden, mnkr: median / 95:e percentil",
    unit: "Förvaltning",
    note: "Livslängden: de finansierade projekten följs till sitt slut, i {year} års priser. \
           Perioden: bara de simulerade åren, i löpande priser; sena projekt syns där med \
           kostnader men utan alla besparingar. Negativ börda: förvaltningen vann mer \
           budgetutrymme än den betalade.",
};

const EN: TableText = TableText {
    paths_seed: "futures, seed",
    design: "Design",
    p_no_money: "Risk of no for lack of money",
    balance: "Final balance, median",
    approved: "Approved",
    no_money: "Turned down, no money",
    by_rules: "Refused by rules",
    recycled: "Recycled: window / lifetime",
    lifetime: "Net saving, lifetime, {year} prices, mean",
    window: "Net saving, window, mean",
    positive: "chance > 0",
    burden_title: "Net burden per förvaltning over the window, mnkr: median / 95th percentile",
    unit: "Förvaltning",
    note: "Lifetime: the funded projects followed to their end, in {year} prices. Window: the \
           simulated years only, nominal; late projects show costs without all their savings. \
           A negative burden: the unit gained more budget room than it paid.",
};

/// Longest line of a wrapped heading, in characters.
const HEADING_WIDTH: usize = 14;

/// A heading broken into lines of at most [`HEADING_WIDTH`] characters (a longer word stays whole).
fn wrap(heading: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in heading.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= HEADING_WIDTH => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// Lays out `rows` under wrapped `headings` in columns, the first left-aligned, the others
/// right-aligned, each as wide as its widest cell or heading line.
fn columns(headings: &[String], rows: &[Vec<String>]) -> String {
    let headings: Vec<Vec<String>> = headings.iter().map(|h| wrap(h)).collect();
    let height = headings.iter().map(Vec::len).max().unwrap_or(0);
    // Headings sit on the bottom lines of the heading block.
    let heading_rows: Vec<Vec<String>> = (0..height)
        .map(|line| {
            headings
                .iter()
                .map(|h| {
                    let skip = height - h.len();
                    if line < skip {
                        String::new()
                    } else {
                        h[line - skip].clone()
                    }
                })
                .collect()
        })
        .collect();
    let all: Vec<&Vec<String>> = heading_rows.iter().chain(rows).collect();
    let count = all.iter().map(|r| r.len()).max().unwrap_or(0);
    let widths: Vec<usize> = (0..count)
        .map(|c| {
            all.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in all {
        for (c, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[c] - cell.chars().count());
            if c == 0 {
                let _ = write!(out, "{cell}{pad}");
            } else {
                let _ = write!(out, "  {pad}{cell}");
            }
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
    out
}

/// Renders per design the headline figures and per unit the total burden's median and 95th
/// percentile, in `lang`.
pub fn render(summary: &Summary, lang: Lang) -> String {
    let text = match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    };
    let year = summary.start_year.to_string();
    let mnkr = |x: f64| format!("{}\u{a0}mnkr", lang.number(x, 1));
    let percent = |x: f64| lang.percent(x, 1);
    let mut out = String::new();
    let last_year = summary.start_year + summary.years as i64 - 1;
    let _ = writeln!(
        out,
        "{}: {} {} {}, {}–{}\n",
        summary.scenario,
        lang.number(summary.paths as f64, 0),
        text.paths_seed,
        summary.seed,
        summary.start_year,
        last_year
    );
    let headings: Vec<String> = [
        text.design,
        text.p_no_money,
        text.balance,
        text.approved,
        text.no_money,
        text.by_rules,
        text.recycled,
    ]
    .iter()
    .map(|h| h.to_string())
    .chain([
        text.lifetime.replace("{year}", &year),
        text.positive.into(),
        text.window.into(),
        text.positive.into(),
    ])
    .collect();
    let mut rows = Vec::new();
    for d in &summary.designs {
        rows.push(vec![
            d.name.clone(),
            percent(d.p_depleted_ever),
            mnkr(d.final_cash.p50),
            lang.number(d.approved.mean, 1),
            lang.number(d.turned_down.mean, 1),
            lang.number(d.refused.mean, 1),
            format!(
                "{} / {}",
                percent(d.recycled_share),
                percent(d.recycled_share_lifetime)
            ),
            mnkr(d.net_saving_lifetime.mean),
            percent(d.p_net_saving_lifetime_positive),
            mnkr(d.net_saving.mean),
            percent(d.p_net_saving_positive),
        ]);
    }
    out += &columns(&headings, &rows);
    let _ = writeln!(out, "\n{}", text.burden_title);
    let headings: Vec<String> = std::iter::once(text.unit.to_string())
        .chain(summary.designs.iter().map(|d| d.name.clone()))
        .collect();
    let mut rows = Vec::new();
    for (u, unit) in summary.units.iter().enumerate() {
        let mut row = vec![unit.name.clone()];
        for d in &summary.designs {
            let b = &d.units[u].burden_total;
            row.push(format!(
                "{} / {}",
                lang.number(b.p50, 1),
                lang.number(b.p95, 1)
            ));
        }
        rows.push(row);
    }
    out += &columns(&headings, &rows);
    out.push('\n');
    out += &wrap_text(&text.note.replace("{year}", &year), 100);
    out
}

/// `text` broken into lines of at most `width` characters.
fn wrap_text(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line > 0 && line + 1 + len > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out += word;
        line += len;
    }
    out.push('\n');
    out
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
        .filter(|spec| spec.planned_savings_total > 0.0);
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
pub fn sweep(settings: &[Setting], rows: &[SweepRow], lang: Lang) -> String {
    let sv = lang == Lang::Sv;
    let mnkr = |x: f64| format!("{}\u{a0}mnkr", lang.number(x, 1));
    let percent = |x: f64| lang.percent(x, 1);
    let (design, metrics) = if sv {
        (
            "Modell",
            [
                "Risk nej av medelsbrist",
                "Saldo vid slutet, median",
                "Återfört, perioden",
                "Nettobesparing, livslängden, medel",
                "Största förvaltningsbörda ett år, 95:e percentil",
                "Risk underskott mot ramen",
            ],
        )
    } else {
        (
            "Design",
            [
                "Risk of no for lack of money",
                "Final balance, median",
                "Recycled, window",
                "Net saving, lifetime, mean",
                "Worst unit's yearly burden, 95th percentile",
                "Risk of a deficit year",
            ],
        )
    };
    // The design first, then the settings' values, then the figures.
    let headings: Vec<String> = std::iter::once(design.to_string())
        .chain(settings.iter().map(|s| s.path.clone()))
        .chain(metrics.map(String::from))
        .collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(values, m)| {
            let decimals = |v: f64| if v.fract() == 0.0 { 0 } else { 2 };
            std::iter::once(m.design.clone())
                .chain(values.iter().map(|&v| lang.number(v, decimals(v))))
                .chain([
                    percent(m.p_depleted_ever),
                    mnkr(m.final_cash_p50),
                    percent(m.recycled_share),
                    mnkr(m.net_saving_lifetime_mean),
                    format!(
                        "{} ({})",
                        mnkr(m.worst_unit_burden_p95),
                        percent(m.worst_unit_burden_share_p95)
                    ),
                    percent(m.p_any_unit_tipped),
                ])
                .collect()
        })
        .collect();
    columns(&headings, &rows)
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
