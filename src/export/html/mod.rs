//! `report.html`: one self-contained page for politicians — conclusions first, as sentences
//! from the numbers, and the assumptions that decide them; then any sweep, the key figures,
//! the burdens, every chart as inline SVG, the scenario in plain words and a method note. No
//! scripts and no external assets: it opens offline and prints to A4. Its words come from
//! [`crate::labels::report`].

mod decision;

use std::fmt::Write;

use super::key_figures::{self, Value};
use super::{ReportParts, SweepSection, table};
use crate::labels::breaks::soft_hyphens;
use crate::labels::figures::{self, Statistic};
use crate::labels::{Lang, fill, inputs};
use crate::results::{Results, Spread, Summary};
use crate::scenario::{Approval, Basis, Bearer, FloorScope, Model};
use crate::threshold::{self, Question};

/// Page style: readable on screen and phone, A4 in print at reading size (body 10.5 pt, tables
/// 9 pt, every table within the page's width so that nothing is shrunk); charts and table rows
/// never split across pages, table headers repeated on each page; the sweep's many columns may
/// use the screen's whole width; the appendix prints only when chosen on screen.
const STYLE: &str = "
body { font-family: 'DejaVu Sans', Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #282828; line-height: 1.45; }
.design { margin: 0.8rem 0; }
.wide { overflow-x: auto; max-width: 100%; }
@media screen { .bleed { --w: min(100vw - 2rem, 84rem); width: var(--w); max-width: none; margin-left: calc((100% - var(--w)) / 2); } .bleed table { margin-left: auto; margin-right: auto; } }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
.lead { color: #555; margin-top: 0; }
.changes { border-left: 4px solid #e69f00; padding: 0.2rem 0.8rem; background: #fff8e6; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
figure { margin: 1.5rem 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 0.9rem; color: #444; margin-top: 0.3rem; }
.story-years { font-size: 0.9rem; }
.note { font-size: 0.85rem; color: #444; overflow-wrap: anywhere; }
@page { size: A4; margin: 15mm; }
.print-choice { display: block; margin: 0.6rem 0; color: #444; } .left-out { display: none; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; } h1 { font-size: 17pt; } h2 { font-size: 13pt; break-after: avoid; }
  table { width: 100%; font-size: 9pt; } th, td { padding: 0.12rem 0.25rem; } th { overflow-wrap: break-word; hyphens: manual; }
  .wide { overflow: visible; } figure { margin: 0.8rem 0; } figcaption, .note { font-size: 9pt; }
  .print-choice { display: none; }
  body:not(:has(#appendix:checked)) .appendix { display: none; }
  body:not(:has(#appendix:checked)) .left-out { display: block; font-size: 9pt; color: #444; }
  .story-years { columns: 2; column-gap: 8mm; font-size: 9pt; padding-left: 1.2rem; } .story-years > li { break-inside: avoid; } .story-years h4 { margin: 0.4rem 0 0.2rem; } .story-years ul { padding-left: 1rem; }
}
";

/// Escapes text for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The report page in `lang`. `svgs` are the run's charts, `(name, SVG)`, in drawing order.
pub fn report(
    parts: &ReportParts,
    results: &Results,
    svgs: &[(String, String)],
    lang: Lang,
) -> String {
    let t = lang.report();
    let scenario = parts.scenario;
    let percent = |x: f64| lang.percent(x, 1);
    let summary = &results.summary;
    let last_year = scenario.calendar_year(scenario.years() - 1);
    let futures = fill(
        t.futures_seed,
        &[
            ("paths", &lang.number(summary.paths as f64, 0)),
            ("seed", &summary.seed.to_string()),
        ],
    );
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
         <style>{STYLE}</style></head><body>\n<h1>{title}</h1>\n<p class=\"lead\">{municipality}, \
         {start}–{last_year} · {futures} · sifsim {version}</p>\n\
         <label class=\"print-choice\"><input type=\"checkbox\" id=\"appendix\"> {print_appendix}</label>\n",
        html_lang = t.html_lang,
        title = escape(scenario.name()),
        municipality = escape(&scenario.municipality().name),
        start = scenario.start_year(),
        version = summary.sifsim_version,
        print_appendix = t.print_appendix,
    );

    if let Some(changes) = parts.changes {
        let _ = write!(
            page,
            "<div class=\"changes\"><p><b>{}</b></p><ul>",
            escape(changes.title)
        );
        for line in changes.lines {
            let _ = write!(page, "<li>{}</li>", escape(line));
        }
        page += "</ul></div>\n";
    }
    let _ = writeln!(page, "<h2>{}</h2>", t.conclusions);
    page += &decision::krona_assumed(scenario, lang);
    page += &decision::comparisons(summary, lang);
    for design in &summary.designs {
        let _ = writeln!(
            page,
            "<p class=\"design\"><b>{}.</b> {}</p>",
            escape(&design.name),
            decision::design_sentences(summary, design, lang)
        );
    }
    for found in parts.breakeven {
        let sentence = super::compare::breakeven_sentence(found, lang);
        let _ = writeln!(page, "<p class=\"breakeven\">{}</p>", escape(&sentence));
    }
    let balanskrav = if scenario.municipality().balanskrav_excludes_fund_payouts {
        t.balanskrav_excludes_payouts
    } else {
        t.balanskrav_counts_payouts
    };
    let _ = writeln!(page, "<p>{}</p>\n<p>{balanskrav}</p>", t.two_figures);
    page += &decision::assumptions(scenario, lang);
    if let Some(sweep) = parts.sweep {
        page += &sweep_section(sweep, lang);
    }
    page += &questions(results, parts.questions, lang);
    let captions = &t.captions;
    let main = [
        ("designs", captions.designs),
        ("depletion", captions.depletion),
        ("burden-by-design", captions.burden_by_design),
        ("exceedance", captions.exceedance),
        ("exceedance-burden", captions.exceedance_burden),
    ];
    // Each design's effect on the municipality's result is a main chart too.
    let is_result = |name: &str| name.starts_with("result");
    let main_charts = (main.iter().filter_map(|&(name, caption)| {
        let (_, svg) = svgs.iter().find(|(n, _)| n == name)?;
        Some((name, svg, caption))
    }))
    .chain(
        (svgs.iter().filter(|(n, _)| is_result(n)))
            .map(|(name, svg)| (name.as_str(), svg, captions.result)),
    );
    let _ = writeln!(page, "<h2>{}</h2>", t.charts_title);
    for (name, svg, caption) in main_charts {
        let _ = writeln!(
            page,
            "<figure id=\"{}\">{svg}<figcaption>{caption}</figcaption></figure>",
            escape(name)
        );
    }
    page += &key_figures(summary, lang);
    page += &burdens(summary, lang);
    let _ = writeln!(page, "<h2>{}</h2>", t.scenario_title);
    let applications = describe_applications(
        scenario.projects().len(),
        scenario
            .project_types()
            .iter()
            .map(|t| t.arrivals_per_year)
            .sum(),
        lang,
    );
    let annual = &scenario.municipality().annual_result;
    let intro = fill(
        t.scenario_intro,
        &[
            ("mean", &lang.mnkr(annual.mean)),
            ("sd", &lang.mnkr(annual.sd)),
            ("index", &percent(scenario.municipality().index)),
            ("applications", &applications),
        ],
    );
    let _ = write!(
        page,
        "<p>{intro}</p>\n<div class=\"wide\"><table><thead><tr><th>{}</th><th>{}</th></tr></thead>\n",
        soft_hyphens(&figures::heading("unit", lang)),
        soft_hyphens(t.frame)
    );
    for unit in scenario.units() {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td></tr>",
            escape(&unit.name),
            lang.mnkr(unit.frame)
        );
    }
    let _ = write!(page, "</table></div>\n<p>{}</p>\n<ul>\n", t.designs_intro);
    let every_project_repayable = scenario
        .project_types()
        .iter()
        .map(|t| &t.spec)
        .chain(scenario.projects().iter().map(|p| &p.spec))
        .all(|spec| spec.repayable);
    for design in scenario.designs() {
        let _ = writeln!(
            page,
            "<li><b>{}</b>: {}{}</li>",
            escape(&design.name),
            describe_model(&design.model, every_project_repayable, lang),
            describe_approval(&design.approval, lang)
        );
    }
    page += "</ul>\n";
    let method = fill(
        t.method,
        &[
            ("paths", &lang.number(summary.paths as f64, 0)),
            ("seed", &summary.seed.to_string()),
            ("version", &summary.sifsim_version),
            ("sha", &summary.scenario_sha256),
        ],
    );
    let _ = writeln!(
        page,
        "<p class=\"left-out\">{}</p>\n<div class=\"appendix\">",
        t.appendix_left_out
    );
    if let Some(story) = parts.story {
        let _ = writeln!(
            page,
            "<h2>{}</h2>\n<p>{}</p>\n{story}",
            t.story_title, t.story_intro
        );
    }
    let _ = writeln!(
        page,
        "<h2>{}</h2>\n<p>{}</p>",
        t.details_title, t.details_intro
    );
    for (name, svg) in svgs
        .iter()
        .filter(|(n, _)| !is_result(n) && !main.iter().any(|(m, _)| m == n))
    {
        let _ = writeln!(page, "<figure id=\"{}\">{svg}</figure>", escape(name));
    }

    let _ = write!(
        page,
        "<h2>{}</h2>\n<p class=\"note\">{method}</p>\n</div>\n</body></html>\n",
        t.method_title
    );
    page
}

/// The threshold questions asked, each with its chance in every design.
fn questions(results: &Results, questions: &[Question], lang: Lang) -> String {
    if questions.is_empty() {
        return String::new();
    }
    let mut page = format!("<h2>{}</h2>\n<ul>\n", lang.report().questions_title);
    for question in questions {
        let answers: Vec<String> = (threshold::answer(results, question).iter())
            .map(|(design, p)| format!("{} {}", escape(design), lang.percent(*p, 1)))
            .collect();
        let _ = writeln!(
            page,
            "<li>{}: {}</li>",
            escape(&question.describe(&results.summary, lang)),
            answers.join(", ")
        );
    }
    page + "</ul>\n"
}

/// "12,3 mnkr (5–95 %: 1,0 till 20,4)".
fn spread(lang: Lang, s: &Spread) -> String {
    fill(
        lang.report().spread,
        &[
            ("median", &lang.mnkr(s.p50)),
            ("low", &lang.number(s.p5, 1)),
            ("high", &lang.number(s.p95, 1)),
        ],
    )
}

/// The designs' key figures, as the terminal shows them but with each amount's band.
fn key_figures(summary: &Summary, lang: Lang) -> String {
    let t = lang.report();
    let last_year = (summary.start_year + summary.years as i64 - 1).to_string();
    let intro = fill(
        t.key_figures_intro,
        &[
            ("last_year", &last_year),
            ("start", &summary.start_year.to_string()),
        ],
    );
    // A row per figure and a column per design, as the burden table: a row per design would
    // be a dozen columns wide, wider than an A4 page.
    let mut page = format!(
        "<h2>{}</h2>\n<p>{intro}</p>\n<div class=\"wide\"><table>\n<thead><tr><th></th>",
        t.key_figures_title,
    );
    for d in &summary.designs {
        let _ = write!(page, "<th>{}</th>", soft_hyphens(&escape(&d.name)));
    }
    page += "</tr></thead>\n";
    for k in key_figures::shown(summary, true) {
        let name = k.figure().name(lang);
        let _ = match k.value(&summary.designs[0]) {
            Value::Amount(_) => write!(page, "<tr><td>{name}{}</td>", t.median_band),
            Value::Count(_) => write!(page, "<tr><td>{name}, {}</td>", Statistic::Mean.name(lang)),
            Value::Share(_) => write!(page, "<tr><td>{name}</td>"),
        };
        for d in &summary.designs {
            let cell = match k.value(d) {
                Value::Amount(s) => spread(lang, &s),
                Value::Count(x) => lang.number(x, 1),
                Value::Share(x) => lang.percent(x, 1),
            };
            let _ = write!(page, "<td>{cell}</td>");
        }
        page += "</tr>\n";
    }
    page + "</table></div>\n"
}

/// Each unit's total burden under each design, and its chances of a deficit year and of
/// repaying more than it gained.
fn burdens(summary: &Summary, lang: Lang) -> String {
    let t = lang.report();
    let mut page = format!(
        "<h2>{}</h2>\n<p>{}</p>\n<div class=\"wide\"><table>\n<thead><tr><th>{}</th>",
        t.burden_title,
        t.burden_intro,
        soft_hyphens(&figures::heading("unit", lang))
    );
    for d in &summary.designs {
        let _ = write!(page, "<th>{}</th>", soft_hyphens(&escape(&d.name)));
    }
    page += "</tr></thead>\n";
    for (u, unit) in summary.units.iter().enumerate() {
        let _ = write!(page, "<tr><td>{}</td>", escape(&unit.name));
        for d in &summary.designs {
            let burden = &d.units[u];
            let _ = write!(
                page,
                "<td>{}<br>{}: {}<br>{}: {}</td>",
                spread(lang, &burden.burden_total),
                t.tipped,
                lang.percent(burden.p_any_year_tipped, 1),
                t.repaid_above_room,
                lang.percent(burden.p_any_year_repaid_above_room, 1)
            );
        }
        page += "</tr>\n";
    }
    page + "</table></div>\n"
}

/// A sweep's table and charts, its settings named for a reader.
fn sweep_section(sweep: &SweepSection, lang: Lang) -> String {
    let t = lang.report();
    let names: Vec<String> = (sweep.settings.iter())
        .map(|s| escape(&inputs::field(&s.field, lang)))
        .collect();
    let intro = fill(t.sweep_intro, &[("settings", &names.join(t.and))]);
    let mut page = format!(
        "<h2>{}</h2>\n<p>{intro}</p>\n<div class=\"wide bleed\"><table>\n<thead><tr><th>{}</th>",
        t.sweep_title,
        soft_hyphens(&figures::heading("design", lang))
    );
    for name in &names {
        let _ = write!(page, "<th>{}</th>", soft_hyphens(name));
    }
    for column in table::SWEEP_FIGURES {
        let heading = figures::heading(column, lang);
        let _ = write!(page, "<th>{}</th>", soft_hyphens(&heading));
    }
    page += "</tr></thead>\n";
    for (values, m) in &sweep.rows {
        let _ = write!(page, "<tr><td>{}</td>", escape(&m.design));
        for &v in values {
            let _ = write!(page, "<td>{}</td>", table::setting_value(v, lang));
        }
        for cell in table::sweep_cells(m, lang) {
            let _ = write!(page, "<td>{cell}</td>");
        }
        page += "</tr>\n";
    }
    page += "</table></div>\n";
    for svg in &sweep.svgs {
        let _ = writeln!(page, "<figure>{svg}</figure>");
    }
    page
}

/// The applications the fund meets: `known` projects and `arrivals` new ones a year on average,
/// naming only those it has.
fn describe_applications(known: usize, arrivals: f64, lang: Lang) -> String {
    let t = lang.report();
    let known = match known {
        0 => None,
        1 => Some(t.one_known.to_string()),
        n => Some(fill(t.known, &[("count", &n.to_string())])),
    };
    let arrivals =
        (arrivals > 0.0).then(|| fill(t.arrivals, &[("count", &lang.number(arrivals, 1))]));
    match (known, arrivals) {
        (Some(known), Some(arrivals)) => {
            fill(t.meets_both, &[("known", &known), ("arrivals", &arrivals)])
        }
        (Some(known), None) => fill(t.meets_known_only, &[("known", &known)]),
        (None, Some(arrivals)) => fill(t.meets, &[("what", &arrivals)]),
        (None, None) => t.applications_none.to_string(),
    }
}

/// The approval rules of version 2 that change who applies, as a clause ("" when default).
fn describe_approval(approval: &Approval, lang: Lang) -> String {
    let t = lang.report();
    let mut clauses = String::new();
    if let Some(year) = approval.last_year {
        clauses += &fill(t.last_year, &[("year", &year.to_string())]);
    }
    if approval.demand != 1.0 {
        clauses += &fill(t.demand, &[("times", &lang.number(approval.demand, 2))]);
    }
    clauses
}

/// A design's rules in a sentence; a dual design's says when `every_project_repayable` leaves
/// its grant pot nothing to fund.
fn describe_model(model: &Model, every_project_repayable: bool, lang: Lang) -> String {
    let t = lang.report();
    let repayment = |r: &crate::scenario::Repayment| {
        let schedule = fill(
            t.schedule,
            &[
                ("horizon", &r.horizon_years.to_string()),
                ("start", &r.start_within_years.to_string()),
            ],
        );
        // On a planned basis every instalment is paid in full: no floor, nothing written off.
        if r.basis == Basis::Planned {
            return fill(t.planned, &[("schedule", &schedule)]);
        }
        let share = lang.percent(r.floor_share, 0);
        let floor = match (r.floor_share > 0.0, r.floor_applies_to) {
            (false, _) => String::new(),
            (true, FloorScope::Instalment) => fill(t.floor_instalment, &[("share", &share)]),
            (true, FloorScope::Plan) => fill(t.floor_plan, &[("share", &share)]),
        };
        let bearer = match r.shortfall_bearer {
            Bearer::Fund => t.fund_writes_off,
            Bearer::Lead => t.lead_pays,
        };
        let saved = if r.basis == Basis::Measured {
            t.measured_saving
        } else {
            t.realized_saving
        };
        fill(
            t.repays,
            &[
                ("saved", saved),
                ("floor", &floor),
                ("schedule", &schedule),
                ("bearer", bearer),
            ],
        )
    };
    match model {
        Model::Budget => t.budget_model.into(),
        Model::Repayment(r) => fill(t.repayment_model, &[("rules", &repayment(r))]),
        Model::Dual {
            repayment: r,
            grant,
        } => {
            let fixed = lang.mnkr(grant.fixed);
            let share = fill(
                t.grant_share,
                &[("share", &lang.percent(grant.share_of_positive_result, 1))],
            );
            let filling = match (grant.fixed > 0.0, grant.share_of_positive_result > 0.0) {
                (true, true) => format!("{fixed} {} {share}", t.plus),
                (false, true) => share,
                _ => fixed,
            };
            let idle = if every_project_repayable {
                t.dual_idle
            } else {
                ""
            };
            let rules = fill(
                t.dual_model,
                &[("grant", &filling), ("rules", &repayment(r))],
            );
            rules + idle
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Grant, Repayment};

    fn rules(basis: Basis, floor_share: f64) -> Model {
        Model::Repayment(Repayment {
            basis,
            floor_share,
            start_within_years: 3,
            horizon_years: 10,
            plan_share: 1.0,
            shortfall_bearer: Bearer::Fund,
            floor_applies_to: FloorScope::Instalment,
        })
    }

    #[test]
    fn a_design_is_described_by_the_rules_that_apply_to_it() {
        let orebro = describe_model(&rules(Basis::Realized, 0.3), false, Lang::Sv);
        assert!(orebro.contains("minst 30"), "{orebro}");
        assert!(
            orebro.contains("i 10 år med start senast efter 3 år"),
            "{orebro}"
        );
        assert!(orebro.contains("fonden avskriver"), "{orebro}");

        let no_floor = describe_model(&rules(Basis::Realized, 0.0), false, Lang::Sv);
        assert!(!no_floor.contains("minst"), "{no_floor}");

        // A frame cut pays every instalment in full: a floor or a write-off would mislead.
        let frame_cut = describe_model(&rules(Basis::Planned, 0.3), false, Lang::Sv);
        assert!(frame_cut.contains("hela planen"), "{frame_cut}");
        assert!(!frame_cut.contains("minst"), "{frame_cut}");
        assert!(!frame_cut.contains("skriver ned"), "{frame_cut}");
    }

    #[test]
    fn a_dual_design_names_only_the_grant_fillings_it_has_and_says_when_it_funds_nothing() {
        let dual = |fixed, share_of_positive_result, every_project_repayable| {
            let Model::Repayment(repayment) = rules(Basis::Realized, 0.0) else {
                unreachable!()
            };
            let grant = Grant {
                fixed,
                share_of_positive_result,
                carry_over: false,
            };
            let model = Model::Dual { repayment, grant };
            describe_model(&model, every_project_repayable, Lang::Sv)
        };
        let both = dual(2.0, 0.01, false);
        assert!(both.contains("(2,0\u{a0}mnkr plus 1,0"), "{both}");
        let share_only = dual(0.0, 0.03, false);
        assert!(share_only.contains("(3,0"), "{share_only}");
        assert!(!share_only.contains("mnkr"), "{share_only}");
        assert!(!share_only.contains("inget att finansiera"), "{share_only}");
        // Borås: every project claims savings, so the grant pot funds nothing.
        let idle = dual(0.0, 0.005, true);
        assert!(
            idle.ends_with("bidragsdelen har inget att finansiera"),
            "{idle}"
        );
    }

    #[test]
    fn the_applications_are_named_only_when_the_fund_meets_them() {
        let text = |known, arrivals| describe_applications(known, arrivals, Lang::Sv);
        assert_eq!(
            text(10, 2.5),
            "Fonden möter 10 kända projekt och i medel 2,5 nya ansökningar per år."
        );
        assert_eq!(
            text(1, 0.0),
            "Fonden möter 1 känt projekt och inga andra ansökningar."
        );
        assert_eq!(
            text(0, 8.0),
            "Fonden möter i medel 8,0 nya ansökningar per år."
        );
        assert_eq!(text(0, 0.0), "Fonden möter inga ansökningar.");
    }
}
