//! The report's first page: per design, what a council decides on, as sentences generated from
//! the numbers; then the assumptions that decide them.

use std::fmt::Write;

use super::escape;
use crate::export::charts::Lang;
use crate::results::{DesignSummary, Spread, Summary};
use crate::scenario::{ProjectSpec, Scenario};

/// "12,3 mnkr".
fn mnkr(lang: Lang, x: f64) -> String {
    format!("{}\u{a0}mnkr", lang.number(x, 1))
}

/// "12,3 mnkr (5–95 %: 1,0–20,4)".
fn spread(lang: Lang, s: &Spread) -> String {
    format!(
        "{} (5–95\u{a0}%: {} till {})",
        mnkr(lang, s.p50),
        lang.number(s.p5, 1),
        lang.number(s.p95, 1)
    )
}

/// One design's conclusions: the risk of saying no for lack of money, what is left, what is
/// recycled, the lifetime net saving in fixed prices and who pays most.
pub fn design_sentences(summary: &Summary, design: &DesignSummary, lang: Lang) -> String {
    let percent = |x: f64| lang.percent(x, 0);
    let last_year = summary.start_year + summary.years as i64 - 1;
    let mut text = format!(
        "Risken att fonden någon gång måste säga nej av medelsbrist är {}. ",
        percent(design.p_depleted_ever)
    );
    let _ = write!(
        text,
        "Vid utgången av {last_year} är fondens saldo i median {}. ",
        spread(
            lang,
            &Spread {
                mean: design.final_cash.mean,
                p5: design.final_cash.p5,
                p50: design.final_cash.p50,
                p95: design.final_cash.p95,
            }
        )
    );
    if design.model != "budget" {
        let _ = write!(
            text,
            "Förvaltningarna återför {} av utbetalningarna inom perioden och {} under projektens \
             hela livslängd. ",
            percent(design.recycled_share),
            percent(design.recycled_share_lifetime)
        );
    }
    let _ = write!(
        text,
        "Kommunens nettobesparing under projektens hela livslängd är i median {} i {} års priser; \
         chansen att den är positiv är {}. ",
        spread(lang, &design.net_saving_lifetime),
        summary.start_year,
        percent(design.p_net_saving_lifetime_positive)
    );
    text += &who_pays(summary, design, lang);
    text
}

/// The förvaltning with the largest median total burden, in mnkr and as a share of one year's
/// frame; or that none pays more than it gains (by at least 0,05 mnkr, what one decimal shows).
fn who_pays(summary: &Summary, design: &DesignSummary, lang: Lang) -> String {
    let largest = design
        .units
        .iter()
        .zip(&summary.units)
        .max_by(|(a, _), (b, _)| a.burden_total.p50.total_cmp(&b.burden_total.p50));
    match largest {
        Some((burden, unit)) if burden.burden_total.p50 >= 0.05 => format!(
            "Störst börda bär {}: i median {} netto över perioden, {} av ett års ram.",
            escape(&unit.name),
            mnkr(lang, burden.burden_total.p50),
            lang.percent(burden.burden_total.p50 / unit.frame, 1)
        ),
        _ => "Ingen förvaltning betalar i median mer än den vinner i budgetutrymme.".into(),
    }
}

/// The outcome assumptions that decide the sign of the result, per project type and known
/// project, and a warning when every project with a saving is assumed to lose money.
pub fn assumptions(scenario: &Scenario, lang: Lang) -> String {
    let specs: Vec<(&ProjectSpec, String)> = scenario
        .project_types
        .iter()
        .map(|t| {
            let per_year = format!("{} per år", lang.number(t.arrivals_per_year, 1));
            (&t.spec, per_year)
        })
        .chain(scenario.projects.iter().map(|p| {
            let year = scenario.calendar_year(p.start).to_string();
            (&p.spec, year)
        }))
        .collect();
    if specs.is_empty() {
        return String::new();
    }
    let mut page = String::from(
        "<h2>Antagandena som avgör</h2>\n<p>Om projekten lönar sig är ett antagande i scenariot, \
         inte ett resultat av modellen. Förväntad besparing per satsad krona = chans att lyckas × \
         genomsnittlig effekt × planerade besparingar per år × antal år med effekt / genomsnittlig \
         kostnad (startårets priser, utan diskontering).</p>\n<div class=\"wide\"><table>\n<thead><tr><th>Projekt</th>\
         <th>När</th><th>Chans att lyckas</th><th>Effekt mot planen</th><th>Blir budgetutrymme</th>\
         <th>Besparing per krona</th></tr></thead>\n",
    );
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
        .map(|(spec, _)| spec.saving_per_krona())
        .collect();
    if !with_saving.is_empty() && with_saving.iter().all(|&s| s < 1.0) {
        page += "<p><b>Scenariot antar att varje projekt i genomsnitt sparar mindre än det kostar.</b> \
                 Då visar varje fondmodell en förlust för kommunen: det följer av antagandet, inte av \
                 modellen. Pröva antagandena med <code>sifsim sensitivity</code>.</p>\n";
    }
    page
}
