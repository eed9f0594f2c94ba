//! The tables sifsim prints on a terminal: `run`'s key figures, a sweep's and a sensitivity
//! analysis's rows, `validate`'s description; their words come from [`crate::labels`].

use std::fmt::Write;

use super::Lang;
use super::key_figures::{self, Value};
use crate::labels::figures::{self, Statistic};
use crate::labels::fill;
#[cfg(feature = "charts")]
use crate::labels::inputs;
use crate::results::Summary;
use crate::scenario::Scenario;
#[cfg(feature = "charts")]
use crate::sensitivity::{Level, SensitivityRow, Uncertain};
#[cfg(feature = "charts")]
use crate::sweep::{Setting, SweepMetrics, SweepRow};

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

/// How wide the terminal's tables may be: [`Width::FULL`] prints each table whole; otherwise a
/// table wider than this many characters is cut into blocks of columns that fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Width(pub usize);

impl Width {
    /// What a table fits when nothing is known of the terminal.
    pub const DEFAULT: Width = Width(100);
    /// Every table whole, however wide (`--wide`).
    pub const FULL: Width = Width(usize::MAX);
    /// Lines of running text are never wider than this.
    const TEXT: usize = 100;

    /// The width running text is wrapped at: the table width, at most [`Width::TEXT`].
    fn text(self) -> usize {
        self.0.min(Width::TEXT)
    }
}

/// Lays out `rows` under wrapped `headings` in columns, the first left-aligned, the others
/// right-aligned, each as wide as its widest cell or heading line. A table wider than `width`
/// is printed as blocks of its other columns, each after its first `keys` columns (which say
/// which row it is), one block under the other; a column `glued` to the one before (a
/// figure's qualifier, a sensitivity's high beside its low) stays in its block.
fn columns(
    headings: &[String],
    rows: &[Vec<String>],
    keys: usize,
    glued: impl Fn(usize) -> bool,
    width: Width,
) -> String {
    let headings: Vec<Vec<String>> = headings.iter().map(|h| wrap(h)).collect();
    let cell_width = |c: usize| {
        let heading = headings[c].iter().map(|line| line.chars().count());
        let cells = rows
            .iter()
            .filter_map(|r| r.get(c))
            .map(|cell| cell.chars().count());
        heading.chain(cells).max().unwrap_or(0)
    };
    let widths: Vec<usize> = (0..headings.len()).map(cell_width).collect();
    let keys = keys.min(widths.len());
    // The first column has no gap before it; every other one two spaces.
    let key_width: usize = widths[..keys]
        .iter()
        .map(|w| w + 2)
        .sum::<usize>()
        .saturating_sub(2);
    // Groups of columns that stay together: a column and those glued to it.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for c in keys..widths.len() {
        match groups.last_mut() {
            Some(group) if glued(c) => group.push(c),
            _ => groups.push(vec![c]),
        }
    }
    // Each block takes the next groups while they fit; a group too wide for any block stands
    // alone.
    let mut blocks: Vec<Vec<usize>> = Vec::new();
    let mut used = key_width;
    for group in groups {
        let wide: usize = group.iter().map(|&c| 2 + widths[c]).sum();
        match blocks.last_mut() {
            Some(block) if used + wide <= width.0 => block.extend(group),
            _ => {
                blocks.push((0..keys).chain(group).collect());
                used = key_width;
            }
        }
        used += wide;
    }
    // A table of key columns alone is one block.
    if blocks.is_empty() {
        blocks.push((0..keys).collect());
    }
    let printed: Vec<String> = (blocks.iter())
        .map(|block| block_of(&headings, rows, &widths, block))
        .collect();
    printed.join("\n")
}

/// The columns `chosen` of a table: the heading block, then the rows.
fn block_of(
    headings: &[Vec<String>],
    rows: &[Vec<String>],
    widths: &[usize],
    chosen: &[usize],
) -> String {
    let height = chosen.iter().map(|&c| headings[c].len()).max().unwrap_or(0);
    // Headings sit on the bottom lines of the heading block.
    let heading_rows: Vec<Vec<String>> = (0..height)
        .map(|line| {
            (chosen.iter())
                .map(|&c| {
                    let skip = height - headings[c].len();
                    if line >= skip {
                        headings[c][line - skip].clone()
                    } else {
                        String::new()
                    }
                })
                .collect()
        })
        .collect();
    let body = rows.iter().map(|row| {
        (chosen.iter())
            .map(|&c| row.get(c).cloned().unwrap_or_default())
            .collect::<Vec<_>>()
    });
    let mut out = String::new();
    for row in heading_rows.into_iter().chain(body) {
        for (i, cell) in row.iter().enumerate() {
            let pad = " ".repeat(widths[chosen[i]] - cell.chars().count());
            if i == 0 {
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

/// `text` with every line longer than the running text's width wrapped, its continuation
/// indented two spaces more than the line began (`explain`'s story, threshold answers, notes);
/// whole under [`Width::FULL`].
pub fn fit(text: &str, width: Width) -> String {
    if width == Width::FULL {
        return text.to_string();
    }
    let mut out = String::new();
    for line in text.lines() {
        let start = line.len() - line.trim_start().len();
        out += &wrap_hanging(line, width.text(), &format!("{}  ", &line[..start]));
    }
    out
}

/// Renders per design its key figures and per unit the total burden's median and 95th
/// percentile, in `lang`.
pub fn render(summary: &Summary, lang: Lang, width: Width) -> String {
    let text = lang.table();
    let year = summary.start_year.to_string();
    let mut out = String::new();
    let last_year = summary.start_year + summary.years as i64 - 1;
    let futures = fill(
        text.futures_seed,
        &[
            ("paths", &lang.number(summary.paths as f64, 0)),
            ("seed", &summary.seed.to_string()),
        ],
    );
    let _ = writeln!(
        out,
        "{}: {futures}, {}–{last_year}\n",
        summary.scenario, summary.start_year
    );
    let shown = key_figures::shown(summary, false);
    let headings: Vec<String> = std::iter::once(figures::find("design"))
        .flatten()
        .map(|f| f.short(lang).to_string())
        .chain(shown.iter().map(|k| {
            let short = k.figure().short(lang);
            match k.value(&summary.designs[0]) {
                Value::Amount(_) => format!("{short}, mnkr, median"),
                Value::Count(_) => format!("{short}, {}", Statistic::Mean.name(lang)),
                Value::Share(_) => short.to_string(),
            }
        }))
        .collect();
    let rows: Vec<Vec<String>> = summary
        .designs
        .iter()
        .map(|d| {
            std::iter::once(d.name.clone())
                .chain(shown.iter().map(|k| match k.value(d) {
                    Value::Amount(spread) => lang.number(spread.p50, 1),
                    Value::Count(count) => lang.number(count, 1),
                    Value::Share(share) => lang.percent(share, 1),
                }))
                .collect()
        })
        .collect();
    // Column c shows shown[c - 1]: a chance stays beside its figure.
    let glued = |c: usize| c >= 2 && shown[c - 1].qualifies(shown[c - 2]);
    out += &columns(&headings, &rows, 1, glued, width);
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
    out += &columns(&headings, &rows, 1, |_| false, width);
    out.push('\n');
    out += &wrap_text(&text.note.replace("{year}", &year), width.text());
    let sentences = super::compare::sentences(summary, lang);
    if !sentences.is_empty() {
        let _ = writeln!(out, "\n{}:", lang.compare().title);
        for sentence in sentences {
            out += &wrap_hanging(&format!("- {sentence}"), width.text(), "  ");
        }
    }
    out
}

/// `text` broken into lines of at most `width` characters.
fn wrap_text(text: &str, width: usize) -> String {
    wrap_hanging(text, width, "")
}

/// `text` broken into lines of at most `width` characters, the lines after the first begun
/// with `indent`, the first with the spaces `text` begins with; a non-breaking space ("12 %")
/// never breaks.
fn wrap_hanging(text: &str, width: usize, indent: &str) -> String {
    let body = text.trim_start_matches(' ');
    let mut out = text[..text.len() - body.len()].to_string();
    let mut line = out.len();
    let lead = line;
    let words = (body.split([' ', '\n', '\t'])).filter(|w| !w.is_empty());
    for word in words {
        let len = word.chars().count();
        if line > lead && line + 1 + len > width {
            out.push('\n');
            out += indent;
            line = indent.chars().count();
        } else if line > lead {
            out.push(' ');
            line += 1;
        }
        out += word;
        line += len;
    }
    out.push('\n');
    out
}

/// What a scenario holds, for `sifsim validate`, in `lang`.
pub fn describe(scenario: &Scenario, lang: Lang) -> String {
    let text = &lang.table().validate;
    let mnkr = |x: f64| lang.mnkr(x);
    let mut out = String::new();
    let last_year = scenario.calendar_year(scenario.years() - 1);
    let futures = fill(
        lang.table().futures_seed,
        &[
            ("paths", &lang.number(scenario.paths() as f64, 0)),
            ("seed", &scenario.seed().to_string()),
        ],
    );
    let _ = writeln!(
        out,
        "{} ({}): {}–{last_year}, {futures}",
        scenario.name(),
        scenario.municipality().name,
        scenario.start_year(),
    );
    let _ = writeln!(out, "\n{} {}:", scenario.units().len(), text.units);
    for unit in scenario.units() {
        let _ = writeln!(
            out,
            "  {:<16} {} — {} {}",
            unit.id,
            unit.name,
            text.frame,
            mnkr(unit.frame)
        );
    }
    let unit_id = |u: usize| scenario.units()[u].id.as_str();
    let _ = writeln!(
        out,
        "\n{} {}:",
        scenario.project_types().len(),
        text.project_types
    );
    for t in scenario.project_types() {
        let _ = writeln!(
            out,
            "  {} — {} {}, {} {}, {} {}, {} {}",
            t.spec.name,
            lang.number(t.arrivals_per_year, 2),
            text.per_year,
            text.led_by,
            unit_id(t.spec.lead),
            text.cost_median,
            mnkr(t.spec.cost.median),
            text.saving_per_krona,
            lang.number(t.spec.saving_per_krona(), 2)
        );
    }
    let _ = writeln!(
        out,
        "\n{} {}:",
        scenario.projects().len(),
        text.known_projects
    );
    for p in scenario.projects() {
        let decided = if p.decided {
            format!(" ({})", text.decided)
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {} — {} {}{decided}, {} {}, {} {}, {} {}",
            p.spec.name,
            text.applies,
            scenario.calendar_year(p.start),
            text.led_by,
            unit_id(p.spec.lead),
            text.cost,
            mnkr(p.spec.cost.median),
            text.saving_per_krona,
            lang.number(p.spec.saving_per_krona(), 2)
        );
    }
    let specs = scenario
        .project_types()
        .iter()
        .map(|t| &t.spec)
        .chain(scenario.projects().iter().map(|p| &p.spec))
        .filter(|spec| spec.planned_savings_total > 0.0);
    let (mut count, mut losing) = (0, 0);
    for spec in specs {
        count += 1;
        losing += usize::from(spec.saving_per_krona_given(scenario.outcomes()) < 1.0);
    }
    if count > 0 && losing == count {
        let _ = write!(out, "\n{}", wrap_text(text.warning, 100));
    }
    out += &fate(scenario, lang);
    let _ = writeln!(out, "\n{} {}:", scenario.designs().len(), text.designs);
    for d in scenario.designs() {
        let _ = writeln!(
            out,
            "  {} — {}, {} {}, {} {}",
            d.name,
            crate::labels::model_name(d.model.name(), lang),
            text.initial,
            mnkr(d.initial),
            d.deposits.len(),
            text.deposit_rules
        );
    }
    out
}

/// What `validate` says of a shared fate: each project's chance of success and saving per krona
/// as written and under the shared fate, after the evaluations if any (MODEL.md 7.3), or that
/// independent projects are assumed where there is more than one project.
fn fate(scenario: &Scenario, lang: Lang) -> String {
    let text = &lang.table().validate;
    let outcomes = &scenario.outcomes();
    if outcomes.shared() {
        let title = if outcomes.evaluations.is_empty() {
            text.fate_title
        } else {
            text.posterior_title
        };
        let heading = fill(
            title,
            &[
                ("count", &outcomes.evaluations.len().to_string()),
                ("correlation", &lang.number(outcomes.correlation, 2)),
            ],
        );
        let mut out = format!("\n{}", wrap_text(&heading, 100));
        let specs = (scenario.project_types().iter().map(|t| &t.spec))
            .chain(scenario.projects().iter().map(|p| &p.spec));
        for spec in specs {
            let p = spec.success_probability;
            let line = fill(
                text.posterior_line,
                &[
                    ("name", &spec.name),
                    ("p", &lang.percent(p, 1)),
                    ("posterior", &lang.percent(outcomes.chance_of_success(p), 1)),
                    ("krona", &lang.number(spec.saving_per_krona(), 2)),
                    (
                        "krona_posterior",
                        &lang.number(spec.saving_per_krona_given(outcomes), 2),
                    ),
                ],
            );
            let _ = writeln!(out, "{line}");
        }
        return out;
    }
    let expected_projects = scenario.projects().len() as f64
        + (scenario.project_types().iter())
            .map(|t| t.arrivals_per_year * scenario.years() as f64)
            .sum::<f64>();
    if expected_projects > 1.0 {
        format!("\n{}", wrap_text(text.independent, 100))
    } else {
        String::new()
    }
}

/// The figures of a sweep's table, after the settings; the report shows the same.
pub const SWEEP_FIGURES: [&str; 7] = [
    "p_depleted_ever",
    "final_cash_p50",
    "recycled_share",
    "net_saving_lifetime_mean",
    "budget_effect_lifetime_mean",
    "worst_unit_burden_p95",
    "p_any_unit_tipped",
];

/// A sweep's rows: the design, the settings' values named for a reader, then the design's
/// headline figures.
#[cfg(feature = "charts")]
pub fn sweep(settings: &[Setting], rows: &[SweepRow], lang: Lang, width: Width) -> String {
    let headings: Vec<String> = std::iter::once(figures::heading("design", lang))
        .chain(settings.iter().map(|s| inputs::field(&s.field, lang)))
        .chain(SWEEP_FIGURES.map(|column| figures::short_heading(column, lang)))
        .collect();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(values, m)| {
            std::iter::once(m.design.clone())
                .chain(values.iter().map(|&v| setting_value(v, lang)))
                .chain(sweep_cells(m, lang))
                .collect()
        })
        .collect();
    columns(&headings, &rows, 1 + settings.len(), |_| false, width)
}

/// One design's [`SWEEP_FIGURES`] at one setting, written for a reader (amounts in mnkr).
#[cfg(feature = "charts")]
pub fn sweep_cells(m: &SweepMetrics, lang: Lang) -> [String; 7] {
    [
        lang.percent(m.p_depleted_ever, 1),
        lang.number(m.final_cash_p50, 1),
        lang.percent(m.recycled_share, 1),
        lang.number(m.net_saving_lifetime_mean, 1),
        lang.number(m.budget_effect_lifetime_mean, 1),
        format!(
            "{} ({})",
            lang.number(m.worst_unit_burden_p95, 1),
            lang.percent(m.worst_unit_burden_share_p95, 1)
        ),
        lang.percent(m.p_any_unit_tipped, 1),
    ]
}

/// A swept value: whole numbers without decimals, others with two.
#[cfg(feature = "charts")]
pub fn setting_value(v: f64, lang: Lang) -> String {
    lang.number(v, if v.fract() == 0.0 { 0 } else { 2 })
}

/// A sensitivity analysis, a table per design: per input set low and high, the depletion risk,
/// the median final cash, the lifetime net avoided cost and budget effect, and the net burden
/// of the nämnd the design singles out; then the design as written, and whose burden it is.
#[cfg(feature = "charts")]
pub fn sensitivity(rows: &[SensitivityRow], lang: Lang, width: Width) -> String {
    type Read = fn(&SensitivityRow) -> f64;
    /// The figures shown, each low and high: its column, how to read it, whether a share.
    const SHOWN: [(&str, Read, bool); 5] = [
        ("p_depleted_ever", |r| r.p_depleted_ever, true),
        ("final_cash_p50", |r| r.final_cash_p50, false),
        (
            "net_saving_lifetime_p50",
            |r| r.net_saving_lifetime_p50,
            false,
        ),
        (
            "budget_effect_lifetime_p50",
            |r| r.budget_effect_lifetime_p50,
            false,
        ),
        ("burden_total_p50", |r| r.burden_total_p50, false),
    ];
    let text = lang.table();
    let mut headings = vec![figures::heading("input", lang)];
    for (column, _, _) in SHOWN {
        let figure = figures::short_heading(column, lang);
        headings.extend([text.low, text.high].map(|level| format!("{figure}, {level}")));
    }
    let cells = |row: &SensitivityRow| {
        SHOWN.map(|(_, read, share)| match share {
            true => lang.percent(read(row), 1),
            false => lang.mnkr(read(row)),
        })
    };
    let find = |design: &str, input: Uncertain, level: Level| {
        rows.iter()
            .find(|r| r.design == design && r.input == input.name() && r.level == level)
    };
    // Column 0 names the input; each figure's high column (2, 4, …) stays beside its low one.
    let high = |c: usize| c > 0 && c.is_multiple_of(2);
    let mut out = String::new();
    for base in rows.iter().filter(|r| r.level == Level::Base) {
        let mut table = Vec::new();
        for input in Uncertain::ALL {
            let low = find(&base.design, input, Level::Low);
            let high = find(&base.design, input, Level::High);
            let (Some(low), Some(high)) = (low, high) else {
                continue;
            };
            let pairs = cells(low).into_iter().zip(cells(high));
            let row = std::iter::once(input.label(lang)).chain(pairs.flat_map(<[_; 2]>::from));
            table.push(row.collect());
        }
        let as_written = cells(base)
            .into_iter()
            .flat_map(|cell| [cell, String::new()]);
        table.push(
            std::iter::once(text.as_written.to_string())
                .chain(as_written)
                .collect(),
        );
        let _ = writeln!(out, "{}\n", base.design);
        out += &columns(&headings, &table, 1, high, width);
        if !base.burden_unit.is_empty() {
            let values = [
                ("design", base.design.as_str()),
                ("unit", &base.burden_unit),
            ];
            out += &fit(&fill(text.burden_of, &values), width);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks fill the width exactly, repeat the key column, and keep glued columns together:
    /// key "k" (1) + "  aaaa" (6) + "  bbbb" (6) = 13 columns; "cccc" glued to "bbbb".
    #[test]
    fn a_wide_table_is_cut_into_blocks_that_fit() {
        let headings: Vec<String> = ["k", "aaaa", "bbbb", "cccc"].map(String::from).into();
        let rows = vec![["x", "1", "2", "3"].map(String::from).to_vec()];
        let glued = |c: usize| c == 3;
        let table = columns(&headings, &rows, 1, glued, Width(13));
        assert_eq!(table, "k  aaaa\nx     1\n\nk  bbbb  cccc\nx     2     3\n");
        let whole = columns(&headings, &rows, 1, glued, Width(19));
        assert_eq!(whole, "k  aaaa  bbbb  cccc\nx     1     2     3\n");
    }
}
