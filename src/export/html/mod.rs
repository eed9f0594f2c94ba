//! `report.html`: one self-contained page for politicians — the scenario in plain words, each
//! design's key figures, every chart as inline SVG, and a method note. No scripts and no
//! external assets: it opens offline and prints to A4.

mod decision;

use std::fmt::Write;

use super::SweepSection;
use super::charts::Lang;
use crate::results::{Results, Spread};
use crate::scenario::{Approval, Basis, Bearer, FloorScope, Model, Scenario};

/// Page style: readable on screen and phone, A4 in print; charts and table rows never split
/// across pages, table headers repeated on each page.
const STYLE: &str = "
body { font-family: 'DejaVu Sans', Arial, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #282828; line-height: 1.45; }
.design { margin: 0.8rem 0; }
.wide { overflow-x: auto; max-width: 100%; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; }
.lead { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
figure { margin: 1.5rem 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
.note { font-size: 0.85rem; color: #444; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } .wide { overflow: visible; } }
";

/// Escapes text for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The report page. `svgs` are the run's charts, `(file name, SVG)`, in drawing order.
pub fn report(
    scenario: &Scenario,
    results: &Results,
    svgs: &[(String, String)],
    sweep: Option<&SweepSection>,
) -> String {
    let lang = Lang::Sv;
    let mnkr = |x: f64| format!("{}\u{a0}mnkr", lang.number(x, 1));
    let percent = |x: f64| lang.percent(x, 1);
    let spread = |s: &Spread| {
        format!(
            "{} ({}–{})",
            mnkr(s.p50),
            lang.number(s.p5, 1),
            lang.number(s.p95, 1)
        )
    };
    let summary = &results.summary;
    let last_year = scenario.calendar_year(scenario.years - 1);
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
         <style>{STYLE}</style></head><body>\n<h1>{title}</h1>\n<p class=\"lead\">{municipality}, \
         {start}–{last_year} · {paths} framtider, frö {seed} · sifsim {version}</p>\n",
        title = escape(&scenario.name),
        municipality = escape(&scenario.municipality.name),
        start = scenario.start_year,
        paths = lang.number(summary.paths as f64, 0),
        seed = summary.seed,
        version = summary.sifsim_version,
    );

    page += "<h2>Slutsatser per modell</h2>\n";
    for design in &summary.designs {
        let _ = writeln!(
            page,
            "<p class=\"design\"><b>{}.</b> {}</p>",
            escape(&design.name),
            decision::design_sentences(summary, design, lang)
        );
    }
    page += &decision::assumptions(scenario, lang);

    page += "<h2>Scenariot i korthet</h2>\n";
    let _ = write!(
        page,
        "<p>Kommunens årsresultat är i medel {} per år med standardavvikelse {}; alla belopp räknas upp \
         med {} per år. {} Förvaltningarna och deras ramar:</p>\n\
         <div class=\"wide\"><table><thead><tr><th>Förvaltning</th><th>Ram</th></tr></thead>\n",
        mnkr(scenario.municipality.annual_result.mean),
        mnkr(scenario.municipality.annual_result.sd),
        percent(scenario.municipality.index),
        describe_applications(
            scenario.projects.len(),
            scenario
                .project_types
                .iter()
                .map(|t| t.arrivals_per_year)
                .sum(),
            lang
        ),
    );
    for unit in &scenario.units {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td></tr>",
            escape(&unit.name),
            mnkr(unit.frame)
        );
    }
    page +=
        "</table></div>\n<p>Fondmodellerna som jämförs, på samma slumpade framtider:</p>\n<ul>\n";
    let every_project_repayable = scenario
        .project_types
        .iter()
        .map(|t| &t.spec)
        .chain(scenario.projects.iter().map(|p| &p.spec))
        .all(|spec| spec.repayable);
    for design in &scenario.designs {
        let _ = writeln!(
            page,
            "<li><b>{}</b>: {}{}</li>",
            escape(&design.name),
            describe_model(&design.model, every_project_repayable, lang),
            describe_approval(&design.approval, lang)
        );
    }
    page += "</ul>\n";

    let _ = writeln!(
        page,
        "<h2>Nyckeltal per modell</h2>\n<p>Nettobesparing = besparingar minus utbetalningar, fördyringar \
         och driftkostnader för de projekt modellen finansierar. <b>Under projektens hela livslängd</b>: \
         även åren efter {last_year} tills varje projekt har upphört, i {} års priser. \
         <b>Inom perioden</b>: bara {}–{last_year}, i löpande priser; där syns sena projekts \
         kostnader utan deras besparingar.</p>",
        summary.start_year, summary.start_year
    );
    page += "<div class=\"wide\"><table>\n<thead><tr><th>Modell</th><th>Risk att fonden någon gång måste säga nej av medelsbrist</th>\
             <th>Saldo vid slutet, median (5–95 %)</th><th>Beviljade projekt</th><th>Avslag på grund av medelsbrist</th>\
             <th>Återförd andel, inom perioden / hela livslängden</th>\
             <th>Nettobesparing under projektens hela livslängd, fasta priser, median (5–95 %)</th>\
             <th>Chans till nettobesparing, hela livslängden</th>\
             <th>Nettobesparing inom perioden, löpande priser, median (5–95 %)</th>\
             <th>Chans till nettobesparing inom perioden</th></tr></thead>\n";
    for d in &summary.designs {
        let final_cash = Spread {
            mean: d.final_cash.mean,
            p5: d.final_cash.p5,
            p50: d.final_cash.p50,
            p95: d.final_cash.p95,
        };
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} / {}</td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td></tr>",
            escape(&d.name),
            percent(d.p_depleted_ever),
            spread(&final_cash),
            lang.number(d.approved.mean, 1),
            lang.number(d.turned_down.mean, 1),
            percent(d.recycled_share),
            percent(d.recycled_share_lifetime),
            spread(&d.net_saving_lifetime),
            percent(d.p_net_saving_lifetime_positive),
            spread(&d.net_saving),
            percent(d.p_net_saving_positive),
        );
    }
    page += "</table></div>\n<h2>Bördan per förvaltning</h2>\n<p>Summan över åren av vad förvaltningen betalar \
             (återföringar, bortfall den bär, fördyringar, driftkostnader) minus det budgetutrymme den vinner; \
             median (5–95 %); risken att den något år går med underskott mot sin ram, och att den något år återför mer till fonden \
             än det budgetutrymme projekten gett den.</p>\n<div class=\"wide\"><table>\n<thead><tr><th>Förvaltning</th>";
    for d in &summary.designs {
        let _ = write!(page, "<th>{}</th>", escape(&d.name));
    }
    page += "</tr></thead>\n";
    for (u, unit) in summary.units.iter().enumerate() {
        let _ = write!(page, "<tr><td>{}</td>", escape(&unit.name));
        for d in &summary.designs {
            let burden = &d.units[u];
            let _ = write!(
                page,
                "<td>{}<br>underskott mot ramen: {}<br>återför mer än den vinner: {}</td>",
                spread(&burden.burden_total),
                percent(burden.p_any_year_tipped),
                percent(burden.p_any_year_repaid_above_room)
            );
        }
        page += "</tr>\n";
    }
    page += "</table></div>\n<h2>Diagram</h2>\n";
    for (name, svg) in svgs {
        let _ = writeln!(
            page,
            "<figure id=\"{}\">{svg}</figure>",
            escape(name.trim_end_matches(".svg"))
        );
    }
    if let Some(sweep) = sweep {
        let paths: Vec<String> = sweep.settings.iter().map(|s| escape(&s.path)).collect();
        let _ = write!(
            page,
            "<h2>Svep</h2>\n<p>Samma scenario med {} satt till olika värden, på samma framtider.</p>\n<div class=\"wide\"><table>\n<thead><tr>",
            paths.join(" och ")
        );
        for path in &paths {
            let _ = write!(page, "<th>{path}</th>");
        }
        page += "<th>Modell</th><th>Risk för avslag av medelsbrist något år</th><th>Saldo vid slutet, median</th>\
                 <th>Återförd andel</th><th>Största förvaltningsbörda ett år (95:e percentil)</th>\
                 <th>Risk att någon förvaltning går med underskott mot sin ram</th></tr></thead>\n";
        for (values, m) in &sweep.rows {
            page += "<tr>";
            for v in values {
                let _ = write!(
                    page,
                    "<td>{}</td>",
                    lang.number(*v, if v.fract() == 0.0 { 0 } else { 2 })
                );
            }
            let _ = writeln!(
                page,
                "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&m.design),
                percent(m.p_depleted_ever),
                mnkr(m.final_cash_p50),
                percent(m.recycled_share),
                mnkr(m.worst_unit_burden_p95),
                percent(m.p_any_unit_tipped)
            );
        }
        page += "</table></div>\n";
        for svg in &sweep.svgs {
            let _ = writeln!(page, "<figure>{svg}</figure>");
        }
    }
    let _ = write!(
        page,
        "<h2>Om metoden</h2>\n<p class=\"note\">Siffrorna kommer från {paths} slumpade framtider (frö {seed}) av \
         scenariot, som sifsim {version} har räknat fram. Varje framtid drar årsresultat, förvaltningarnas egna \
         resultat, ansökningar och projektens utfall; varje fondmodell tillämpas sedan på samma framtider, så \
         skillnader mellan modellerna beror på reglerna och inte på slumpen. Medianen är det mittersta utfallet; \
         banden visar var hälften (25–75 %) och nio av tio (5–95 %) av framtiderna hamnar. Belopp inom perioden \
         är i löpande priser, mnkr: projekt som startar sent visar där sina kostnader men inte alla sina \
         besparingar. Nettobesparingen under projektens hela livslängd följer varje finansierat projekt till \
         dess slut och räknar om varje års belopp till startårets priser. Scenariots värden och deras källor eller antaganden står i scenariofilen; modellen beskrivs \
         i docs/model.md. Scenariofilens SHA-256: {sha}.</p>\n</body></html>\n",
        paths = lang.number(summary.paths as f64, 0),
        seed = summary.seed,
        version = summary.sifsim_version,
        sha = summary.scenario_sha256,
    );
    page
}

/// The applications the fund meets: `known` projects and `arrivals` new ones a year on average,
/// naming only those it has.
fn describe_applications(known: usize, arrivals: f64, lang: Lang) -> String {
    let known = match known {
        0 => None,
        1 => Some("1 känt projekt".to_string()),
        n => Some(format!("{n} kända projekt")),
    };
    let arrivals = (arrivals > 0.0).then(|| {
        format!(
            "i medel {} nya ansökningar per år",
            lang.number(arrivals, 1)
        )
    });
    match (known, arrivals) {
        (Some(known), Some(arrivals)) => format!("Fonden möter {known} och {arrivals}."),
        (Some(known), None) => format!("Fonden möter {known} och inga andra ansökningar."),
        (None, Some(arrivals)) => format!("Fonden möter {arrivals}."),
        (None, None) => "Fonden möter inga ansökningar.".to_string(),
    }
}

/// The approval rules of version 2 that change who applies, as a clause ("" when default).
fn describe_approval(approval: &Approval, lang: Lang) -> String {
    let mut clauses = String::new();
    if let Some(year) = approval.last_year {
        clauses += &format!("; inga nya ansökningar efter {year}");
    }
    if approval.demand != 1.0 {
        clauses += &format!(
            "; {} gånger scenariots ansökningstakt",
            lang.number(approval.demand, 2)
        );
    }
    clauses
}

/// A design's rules in a sentence; a dual design's says when `every_project_repayable` leaves
/// its grant pot nothing to fund.
fn describe_model(model: &Model, every_project_repayable: bool, lang: Lang) -> String {
    let repayment = |r: &crate::scenario::Repayment| {
        let schedule = format!(
            "i {} år med start senast efter {} år",
            r.horizon_years, r.start_within_years
        );
        // On a planned basis every instalment is paid in full: no floor, nothing written off.
        if r.basis == Basis::Planned {
            return format!(
                "förvaltningarna återför hela planen oavsett utfall (ramminskning), {schedule}"
            );
        }
        let floor = match (r.floor_share > 0.0, r.floor_applies_to) {
            (false, _) => String::new(),
            (true, FloorScope::Instalment) => format!(
                ", minst {} av varje avbetalning",
                lang.percent(r.floor_share, 0)
            ),
            (true, FloorScope::Plan) => format!(
                ", minst {} av hela planen (det som inte betalas ett år står som skuld och \
                 regleras när planen löper ut)",
                lang.percent(r.floor_share, 0)
            ),
        };
        let bearer = match r.shortfall_bearer {
            Bearer::Fund => "fonden skriver av det som inte betalas",
            Bearer::Lead => "den ledande förvaltningen betalar det som inte betalas",
        };
        let saved = if r.basis == Basis::Measured {
            "den besparing som uppföljningen mäter, även när den inte blivit budgetutrymme"
        } else {
            "det som faktiskt sparats i budgetutrymme"
        };
        format!("förvaltningarna återför {saved}{floor}, {schedule}; {bearer}")
    };
    match model {
        Model::Budget => "budgetmodellen – engångsbelopp, ingen återbetalning".into(),
        Model::Repayment(r) => format!("återföringsmodellen – {}", repayment(r)),
        Model::Dual {
            repayment: r,
            grant,
        } => {
            let fixed = format!("{} mnkr", lang.number(grant.fixed, 1));
            let share = format!(
                "{} av ett positivt resultat",
                lang.percent(grant.share_of_positive_result, 1)
            );
            let filling = match (grant.fixed > 0.0, grant.share_of_positive_result > 0.0) {
                (true, true) => format!("{fixed} plus {share}"),
                (false, true) => share,
                _ => fixed,
            };
            let idle = if every_project_repayable {
                " – men alla projekt i scenariot gör anspråk på besparingar, så bidragsdelen har \
                 inget att finansiera"
            } else {
                ""
            };
            format!(
                "dubbelmodellen – en årlig bidragsdel utan återbetalning ({filling}), och en del där {}{idle}",
                repayment(r)
            )
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
        assert!(orebro.contains("fonden skriver av"), "{orebro}");

        let no_floor = describe_model(&rules(Basis::Realized, 0.0), false, Lang::Sv);
        assert!(!no_floor.contains("minst"), "{no_floor}");

        // A frame cut pays every instalment in full: a floor or a write-off would mislead.
        let frame_cut = describe_model(&rules(Basis::Planned, 0.3), false, Lang::Sv);
        assert!(frame_cut.contains("hela planen"), "{frame_cut}");
        assert!(!frame_cut.contains("minst"), "{frame_cut}");
        assert!(!frame_cut.contains("skriver av"), "{frame_cut}");
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
        assert!(both.contains("(2,0 mnkr plus 1,0"), "{both}");
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
