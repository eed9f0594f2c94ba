//! A story as text for the terminal and as an HTML fragment for a page or the report, in
//! Swedish or English. Every phrase is in the two tables below; `{}` marks where a value goes.

use std::fmt::Write;

use super::{Choice, DepositRule, Event, Story, Told, Unpaid};
use crate::export::Lang;
use crate::ledger::{Decision, Refusal};

/// Every phrase of a story.
struct Phrases {
    /// design, path, paths, seed, why.
    title: &'static str,
    asked: &'static str,
    /// paths that ran dry, median year.
    ran_dry_typical: &'static str,
    /// unit, burden.
    worst_burden: &'static str,
    /// initial capital.
    initial: &'static str,
    /// rule, amount.
    deposit: &'static str,
    fixed: &'static str,
    once: &'static str,
    share_of_result: &'static str,
    top_up: &'static str,
    replenish: &'static str,
    grant_frame: &'static str,
    /// project, year approved, saving, effect years, room.
    succeeded: &'static str,
    /// project, year approved.
    no_effect: &'static str,
    /// project, year approved.
    failed: &'static str,
    /// repaid, due.
    repaid_of_due: &'static str,
    at_floor: &'static str,
    /// More than fell due: the top-up to the floor at a plan's end.
    topped_up: &'static str,
    /// amount, for each fate of an unpaid instalment.
    written_off_unit: &'static str,
    lead_pays: &'static str,
    becomes_owed: &'static str,
    shortfall_paid: &'static str,
    room: &'static str,
    overrun: &'static str,
    running_cost: &'static str,
    burden: &'static str,
    written_off: &'static str,
    owed: &'static str,
    /// project, units, cost, decision.
    application: &'static str,
    /// lead, partners.
    with_partners: &'static str,
    approved: &'static str,
    approved_grant: &'static str,
    approved_decided: &'static str,
    /// left to approve.
    turned_down: &'static str,
    turned_down_grant: &'static str,
    /// reason.
    refused: &'static str,
    closed: &'static str,
    not_repayable: &'static str,
    no_partner: &'static str,
    low_return: &'static str,
    ran_dry: &'static str,
    payouts: &'static str,
    lapsed: &'static str,
    /// cash, uncommitted.
    balance: &'static str,
    /// year.
    ran_dry_in: &'static str,
    never_dry_here: &'static str,
    /// design, paths.
    never_ran_dry: &'static str,
}

const SV: Phrases = Phrases {
    title: "{}, framtid {} av {} (frö {}): {}.",
    asked: "den framtid som efterfrågades",
    ran_dry_typical: "en typisk framtid där fonden tog slut: bland de {} framtider där fonden \
                      gav avslag på grund av medelsbrist var medianåret för det första avslaget \
                      {}, och detta är den första av dem med det året",
    worst_burden: "framtiden vid 95:e percentilen av nämndens (förvaltningens) totala \
                   nettobörda för {}, {} under perioden (i 5 % av framtiderna är den större)",
    initial: "Startkapital {}. Belopp i löpande priser.",
    deposit: "Avsättning, {}: {}",
    fixed: "fast belopp",
    once: "engångsbelopp",
    share_of_result: "andel av förra årets positiva resultat",
    top_up: "påfyllnad mot målnivån",
    replenish: "ny avsättning efter att fonden tagit slut",
    grant_frame: "årets bidragsram utan återbetalningskrav",
    succeeded: "{} (beviljad {}) ger effekt från i år: besparing {} per år i {} år, varav {} \
                blir budgetutrymme",
    no_effect: "{} (beviljad {}) lyckades men ger ingen mätbar besparing",
    failed: "{} (beviljad {}) misslyckades: den planerade besparingen uteblir",
    repaid_of_due: "återbetalade {} av {} som förföll",
    at_floor: " (golvet)",
    topped_up: " (med påfyllnad upp till golvet vid planens slut)",
    written_off_unit: "{} skrivs ned",
    lead_pays: "{} betalas av den ledande förvaltningen",
    becomes_owed: "{} blir skuld till fonden",
    shortfall_paid: "betalade {} för brister som ledande förvaltning",
    room: "budgetutrymme från besparingar {}",
    overrun: "kostnadsöverskridanden {}",
    running_cost: "driftkostnader {}",
    burden: "nettobörda {}",
    written_off: "Nedskrivna fordringar: {}",
    owed: "Förvaltningarnas skuld till fonden vid årets slut: {}",
    application: "Ansökan {} ({}), {}: {}",
    with_partners: "{} med {}",
    approved: "beviljad",
    approved_grant: "beviljad ur bidragsdelen",
    approved_decided: "beviljad (beslutad före perioden)",
    turned_down: "avslag på grund av medelsbrist ({} kvar att bevilja)",
    turned_down_grant: "avslag i bidragsdelen på grund av medelsbrist ({} kvar att bevilja)",
    refused: "avslås enligt reglerna: {}",
    closed: "fonden tar inte längre emot ansökningar",
    not_repayable: "projektet har ingen beräknad besparing att återföra",
    no_partner: "ingen samverkanspart",
    low_return: "den utlovade besparingen når inte kravet",
    ran_dry: "Pengarna räcker inte: fondens första avslag på grund av medelsbrist.",
    payouts: "Utbetalningar till projekt: {}",
    lapsed: "Outnyttjade medel som återgår: {}",
    balance: "Fondens saldo vid årets slut: {} (ej disponerat för nya projekt: {})",
    ran_dry_in: "Fonden tog slut {}: då kom det första avslaget på grund av medelsbrist.",
    never_dry_here: "I denna framtid gav fonden aldrig avslag på grund av medelsbrist.",
    never_ran_dry: "{}: fonden gav inget avslag på grund av medelsbrist i någon framtid \
                    (antal framtider: {}), så det finns ingen framtid där den tog slut att \
                    berätta om.",
};

const EN: Phrases = Phrases {
    title: "{}, future {} of {} (seed {}): {}.",
    asked: "the future asked for",
    ran_dry_typical: "a typical future where the fund ran dry: among the {} futures where the \
                      fund turned an application down for lack of money, the median year of the \
                      first turn-down was {}, and this is the lowest-numbered of them with that \
                      year",
    worst_burden: "the future at the 95th percentile of the total net burden on {}, {} over \
                   the period (it is larger in 5% of the futures)",
    initial: "Initial capital {}. Amounts in current prices.",
    deposit: "Deposit, {}: {}",
    fixed: "fixed amount",
    once: "one-off amount",
    share_of_result: "share of last year's positive result",
    top_up: "top-up toward the target level",
    replenish: "new appropriation after the fund ran dry",
    grant_frame: "this year's grant frame, not repaid",
    succeeded: "{} (approved {}) shows its effect from this year: saving {} a year for {} \
                years, of which {} becomes budget room",
    no_effect: "{} (approved {}) succeeded but saves nothing measurable",
    failed: "{} (approved {}) failed: the planned saving does not come",
    repaid_of_due: "repaid {} of {} falling due",
    at_floor: " (the floor)",
    topped_up: " (with the top-up to the floor at the plan's end)",
    written_off_unit: "{} is written off",
    lead_pays: "{} is paid by the lead förvaltning",
    becomes_owed: "{} is owed to the fund",
    shortfall_paid: "paid {} of shortfalls as lead förvaltning",
    room: "budget room from savings {}",
    overrun: "cost overruns {}",
    running_cost: "running costs {}",
    burden: "net burden {}",
    written_off: "Claims written off: {}",
    owed: "Units' arrears to the fund at year end: {}",
    application: "Application {} ({}), {}: {}",
    with_partners: "{} with {}",
    approved: "approved",
    approved_grant: "approved from the grant part",
    approved_decided: "approved (decided before the period)",
    turned_down: "turned down for lack of money ({} left to approve)",
    turned_down_grant: "turned down in the grant part for lack of money ({} left to approve)",
    refused: "refused by the rules: {}",
    closed: "the fund no longer takes applications",
    not_repayable: "the project has no calculable saving to repay",
    no_partner: "no partner",
    low_return: "the claimed saving falls short of the requirement",
    ran_dry: "The money does not suffice: the fund's first turn-down for lack of money.",
    payouts: "Payouts to projects: {}",
    lapsed: "Lapsed grant money: {}",
    balance: "Fund balance at year end: {} (uncommitted, left for new projects: {})",
    ran_dry_in: "The fund ran dry in {}: the first turn-down for lack of money came then.",
    never_dry_here: "In this future the fund never turned an application down for lack of money.",
    never_ran_dry: "{}: the fund turned no application down for lack of money in any future \
                    (futures: {}), so there is no future where it ran dry to tell.",
};

fn phrases(lang: Lang) -> &'static Phrases {
    match lang {
        Lang::Sv => &SV,
        Lang::En => &EN,
    }
}

/// `template` with each `{}` replaced by the next of `values`.
fn fill(template: &str, values: &[&str]) -> String {
    let mut parts = template.split("{}");
    let mut text = parts.next().unwrap_or_default().to_string();
    for (part, value) in parts.zip(values.iter().chain(std::iter::repeat(&""))) {
        text += value;
        text += part;
    }
    text
}

/// An amount with two decimals: "1,25 mnkr" or "1.25 mnkr".
fn mnkr(lang: Lang, amount: f64) -> String {
    format!("{}\u{a0}mnkr", lang.number(amount, 2))
}

impl Told {
    /// The story as text, or the sentence saying there is none.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Told::Story(story) => story.text(lang),
            Told::NeverRanDry { .. } => self.never_ran_dry(lang) + "\n",
        }
    }

    /// The story as an HTML fragment, or a paragraph saying there is none.
    pub fn html(&self, lang: Lang) -> String {
        match self {
            Told::Story(story) => story.html(lang),
            Told::NeverRanDry { .. } => format!(
                "<section class=\"story\">\n<p>{}</p>\n</section>\n",
                escape(&self.never_ran_dry(lang))
            ),
        }
    }

    fn never_ran_dry(&self, lang: Lang) -> String {
        let Told::NeverRanDry { design, paths } = self else {
            return String::new();
        };
        fill(
            phrases(lang).never_ran_dry,
            &[design, &lang.number(*paths as f64, 0)],
        )
    }
}

impl Story {
    /// The story as lines of text: a heading, then each year's events and balance.
    pub fn text(&self, lang: Lang) -> String {
        let mut text = format!("{}\n{}\n", self.title(lang), self.initial(lang));
        for (year, events, balance) in self.years_told(lang) {
            let _ = write!(text, "\n{year}\n");
            for event in events {
                let _ = writeln!(text, "  {event}");
            }
            let _ = writeln!(text, "  {balance}");
        }
        let _ = write!(text, "\n{}\n", self.ending(lang));
        text
    }

    /// The story as an HTML fragment (a `<section class="story">`), every text escaped.
    pub fn html(&self, lang: Lang) -> String {
        let mut html = format!(
            "<section class=\"story\">\n<p class=\"story-title\">{}</p>\n<p>{}</p>\n<ol class=\"story-years\">\n",
            escape(&self.title(lang)),
            escape(&self.initial(lang))
        );
        for (year, events, balance) in self.years_told(lang) {
            let _ = write!(html, "<li><h4>{year}</h4>\n<ul>\n");
            for event in events {
                let _ = writeln!(html, "<li>{}</li>", escape(&event));
            }
            let _ = writeln!(
                html,
                "</ul>\n<p class=\"story-balance\">{}</p></li>",
                escape(&balance)
            );
        }
        let _ = write!(
            html,
            "</ol>\n<p>{}</p>\n</section>\n",
            escape(&self.ending(lang))
        );
        html
    }

    fn title(&self, lang: Lang) -> String {
        let p = phrases(lang);
        let why = match &self.chosen_because {
            Choice::Asked => p.asked.to_string(),
            Choice::RanDry { ran_dry, year } => fill(
                p.ran_dry_typical,
                &[&lang.number(*ran_dry as f64, 0), &year.to_string()],
            ),
            Choice::WorstBurden { unit, burden } => {
                fill(p.worst_burden, &[unit, &mnkr(lang, *burden)])
            }
        };
        let paths = lang.number(self.paths as f64, 0);
        let (path, seed) = (self.path.to_string(), self.seed.to_string());
        fill(p.title, &[&self.design, &path, &paths, &seed, &why])
    }

    fn initial(&self, lang: Lang) -> String {
        fill(phrases(lang).initial, &[&mnkr(lang, self.initial)])
    }

    fn ending(&self, lang: Lang) -> String {
        let p = phrases(lang);
        match self.ran_dry {
            Some(year) => fill(p.ran_dry_in, &[&year.to_string()]),
            None => p.never_dry_here.to_string(),
        }
    }

    /// Each year: its calendar year, its events as sentences, its balance.
    fn years_told(&self, lang: Lang) -> impl Iterator<Item = (i64, Vec<String>, String)> {
        let p = phrases(lang);
        self.years.iter().map(move |year| {
            let events = year.events.iter().map(|e| sentence(lang, e)).collect();
            let balance = fill(
                p.balance,
                &[&mnkr(lang, year.cash), &mnkr(lang, year.uncommitted)],
            );
            (year.year, events, balance)
        })
    }
}

/// One event as a sentence.
fn sentence(lang: Lang, event: &Event) -> String {
    let p = phrases(lang);
    let m = |amount: f64| mnkr(lang, amount);
    match event {
        Event::Deposit { rule, amount } => {
            let rule = match rule {
                DepositRule::Fixed => p.fixed,
                DepositRule::Once => p.once,
                DepositRule::ShareOfPositiveResult => p.share_of_result,
                DepositRule::TopUp => p.top_up,
                DepositRule::Replenish => p.replenish,
                DepositRule::Grant => p.grant_frame,
            };
            fill(p.deposit, &[rule, &m(*amount)])
        }
        Event::Outcome {
            project,
            approved,
            success,
            saving,
            room,
            effect_years,
        } => {
            let approved = approved.to_string();
            match (success, *saving > 0.0) {
                (true, true) => fill(
                    p.succeeded,
                    &[
                        project,
                        &approved,
                        &m(*saving),
                        &effect_years.to_string(),
                        &m(*room),
                    ],
                ),
                (true, false) => fill(p.no_effect, &[project, &approved]),
                (false, _) => fill(p.failed, &[project, &approved]),
            }
        }
        Event::Unit {
            unit,
            due,
            repaid,
            at_floor,
            unpaid,
            unpaid_is,
            shortfall_paid,
            room,
            overrun,
            running_cost,
            burden,
        } => {
            let mut parts = Vec::new();
            if *due > 0.0 || *repaid > 0.0 {
                let note = match () {
                    _ if *at_floor => p.at_floor,
                    _ if repaid - due >= 0.005 => p.topped_up,
                    _ => "",
                };
                parts.push(fill(p.repaid_of_due, &[&m(*repaid), &m(*due)]) + note);
            }
            if shown(*unpaid) {
                let fate = match unpaid_is {
                    Unpaid::WrittenOff => p.written_off_unit,
                    Unpaid::LeadPays => p.lead_pays,
                    Unpaid::Owed => p.becomes_owed,
                };
                parts.push(fill(fate, &[&m(*unpaid)]));
            }
            for (amount, phrase) in [
                (shortfall_paid, p.shortfall_paid),
                (room, p.room),
                (overrun, p.overrun),
                (running_cost, p.running_cost),
            ] {
                if shown(*amount) {
                    parts.push(fill(phrase, &[&m(*amount)]));
                }
            }
            parts.push(fill(p.burden, &[&m(*burden)]));
            format!("{unit}: {}", parts.join("; "))
        }
        Event::WrittenOff { amount } => fill(p.written_off, &[&m(*amount)]),
        Event::Owed { amount } => fill(p.owed, &[&m(*amount)]),
        Event::Application {
            project,
            lead,
            partners,
            cost,
            decision,
            ..
        } => {
            let units = if partners.is_empty() {
                lead.clone()
            } else {
                fill(p.with_partners, &[lead, &partners.join(", ")])
            };
            let decision = match decision {
                Decision::Approved { decided: true, .. } => p.approved_decided.to_string(),
                Decision::Approved { grant: true, .. } => p.approved_grant.to_string(),
                Decision::Approved { .. } => p.approved.to_string(),
                Decision::TurnedDown { grant, uncommitted } => {
                    let phrase = if *grant {
                        p.turned_down_grant
                    } else {
                        p.turned_down
                    };
                    fill(phrase, &[&m(uncommitted.max(0.0))])
                }
                Decision::Refused { rule } => {
                    let reason = match rule {
                        Refusal::Closed => p.closed,
                        Refusal::NotRepayable => p.not_repayable,
                        Refusal::NoPartner => p.no_partner,
                        Refusal::LowReturn => p.low_return,
                    };
                    fill(p.refused, &[reason])
                }
            };
            fill(p.application, &[project, &units, &m(*cost), &decision])
        }
        Event::RanDry => p.ran_dry.to_string(),
        Event::Payouts { amount } => fill(p.payouts, &[&m(*amount)]),
        Event::Lapsed { amount } => fill(p.lapsed, &[&m(*amount)]),
    }
}

/// Whether an amount of a förvaltning's line is worth a phrase: it does not round to 0,00.
fn shown(amount: f64) -> bool {
    amount.abs() >= 0.005
}

/// `text` with `&`, `<`, `>` and `"` escaped for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_values_in_order_and_escape_escapes() {
        assert_eq!(fill("{} av {}", &["1", "2"]), "1 av 2");
        assert_eq!(escape("<a & \"b\">"), "&lt;a &amp; &quot;b&quot;&gt;");
    }
}
