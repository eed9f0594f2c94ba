//! A story as text for the terminal and as an HTML fragment for a page or the report, in
//! Swedish or English; its phrases are in [`crate::labels::story`].

use std::fmt::Write;

use super::{Choice, DepositRule, Event, Story, Told, Unpaid};
use crate::labels::Lang;
use crate::ledger::{Decision, Refusal};

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
            lang.story().never_ran_dry,
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
        let p = lang.story();
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
        fill(lang.story().initial, &[&mnkr(lang, self.initial)])
    }

    fn ending(&self, lang: Lang) -> String {
        let p = lang.story();
        match self.ran_dry {
            Some(year) => fill(p.ran_dry_in, &[&year.to_string()]),
            None => p.never_dry_here.to_string(),
        }
    }

    /// Each year: its calendar year, its events as sentences, its balance.
    fn years_told(&self, lang: Lang) -> impl Iterator<Item = (i64, Vec<String>, String)> {
        let p = lang.story();
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
    let p = lang.story();
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
