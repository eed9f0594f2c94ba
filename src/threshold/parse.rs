//! Reading a question: the compact form (`burden[social]>5`) and the plain Swedish or
//! English one ("fonden under 20 mnkr 2030").

use super::{Comparison, Question, Terms};
use crate::aggregate::MAX_MAGNITUDE;
use crate::exceedance::Quantity;

/// The compact names of the figures, with what they take in brackets.
pub(super) const FIGURES: &str = "burden[UNIT] (over the simulated years), burden_lifetime[UNIT], \
    cash[YEAR] (the fund's balance at the end of YEAR; cash alone is the last year), \
    net_saving (within the simulated years), net_saving_lifetime (net avoided cost), \
    budget_effect_lifetime (net budget room freed), result_tipped (years in which the fund's \
    projects turn the balanced-budget result negative)";

/// Words a plain question may hold that change nothing.
const FILLER: &[&str] = &[
    "vad",
    "och",
    "and",
    "börda",
    "bördan",
    "nettobörda",
    "nettobördan",
    "belastning",
    "belastningen",
    "nettobelastning",
    "nettobelastningen",
    "burden",
    "charge",
    "hur",
    "stor",
    "är",
    "risk",
    "risken",
    "chans",
    "chansen",
    "sannolikhet",
    "sannolikheten",
    "att",
    "betalar",
    "bär",
    "har",
    "blir",
    "ligger",
    "slutar",
    "netto",
    "totalt",
    "sammanlagt",
    "mnkr",
    "mkr",
    "msek",
    "miljoner",
    "kr",
    "kronor",
    "år",
    "i",
    "slutet",
    "av",
    "vid",
    "inom",
    "under",
    "över",
    "hela",
    "projektens",
    "den",
    "det",
    "what",
    "is",
    "the",
    "a",
    "chance",
    "probability",
    "that",
    "of",
    "pays",
    "pay",
    "bears",
    "bear",
    "has",
    "holds",
    "ends",
    "be",
    "net",
    "in",
    "total",
    "million",
    "sek",
    "year",
    "end",
    "at",
    "within",
    "during",
    "over",
    "whole",
    "projects",
    "projects'",
    "its",
    "their",
];

/// Words naming the fund's balance.
const FUND: &[&str] = &[
    "fonden",
    "fondens",
    "fond",
    "saldot",
    "saldo",
    "kassan",
    "behållningen",
    "fund",
    "fund's",
    "balance",
    "cash",
];

/// Words naming the net saving, the avoided cost (English "net saving" is two words: "saving"
/// after "net").
const NET_SAVING: &[&str] = &[
    "nettobesparing",
    "nettobesparingen",
    "undvikta",
    "kostnader",
    "kostnaderna",
    "saving",
    "savings",
    "avoided",
    "cost",
];

/// Words naming the budget room freed.
const BUDGET_ROOM: &[&str] = &[
    "budgetutrymme",
    "budgetutrymmet",
    "frigjort",
    "frigjorda",
    "room",
    "budget",
    "freed",
];

/// Words asking for the projects' whole lives.
const LIFETIME: &[&str] = &[
    "livstid",
    "livstiden",
    "livslängd",
    "livslängden",
    "livslängder",
    "lifetime",
    "lifetimes",
    "lives",
    "life",
];

/// Words asking for the simulated years only.
const WINDOW: &[&str] = &["perioden", "period", "window"];

/// Comparisons in words, longest first: each followed by the amount.
const COMPARISONS: &[(&[&str], Comparison)] = &[
    (&["mer", "än"], Comparison::Above),
    (&["mera", "än"], Comparison::Above),
    (&["större", "än"], Comparison::Above),
    (&["högre", "än"], Comparison::Above),
    (&["more", "than"], Comparison::Above),
    (&["greater", "than"], Comparison::Above),
    (&["higher", "than"], Comparison::Above),
    (&["mindre", "än"], Comparison::Below),
    (&["lägre", "än"], Comparison::Below),
    (&["less", "than"], Comparison::Below),
    (&["lower", "than"], Comparison::Below),
    (&["at", "least"], Comparison::AtLeast),
    (&["at", "most"], Comparison::AtMost),
    (&["över"], Comparison::Above),
    (&["överstiger"], Comparison::Above),
    (&["over"], Comparison::Above),
    (&["above"], Comparison::Above),
    (&["exceeds"], Comparison::Above),
    (&["under"], Comparison::Below),
    (&["understiger"], Comparison::Below),
    (&["below"], Comparison::Below),
    (&["minst"], Comparison::AtLeast),
    (&["högst"], Comparison::AtMost),
];

/// `figure[arg] OP amount`.
pub(super) fn compact(text: &str, terms: &Terms) -> Result<Question, String> {
    let (at, op, comparison) = [
        (">=", Comparison::AtLeast),
        ("<=", Comparison::AtMost),
        (">", Comparison::Above),
        ("<", Comparison::Below),
    ]
    .into_iter()
    .find_map(|(op, comparison)| Some((text.find(op)?, op, comparison)))
    .ok_or("has no comparison")?;
    let (left, right) = (text[..at].trim(), text[at + op.len()..].trim());
    let threshold =
        amount(right.strip_suffix("mnkr").unwrap_or(right).trim()).ok_or_else(|| {
            format!("\"{right}\" after {op} is not an amount in mnkr within ±{MAX_MAGNITUDE}")
        })?;
    let (name, argument) = match left.split_once('[') {
        Some((name, rest)) => {
            let argument = rest
                .strip_suffix(']')
                .ok_or_else(|| format!("\"{left}\" opens a [ it does not close"))?;
            (name.trim(), Some(argument.trim()))
        }
        None => (left, None),
    };
    let unit = || {
        let argument = argument.ok_or_else(|| {
            let example = terms.units.first().map_or("UNIT", |(id, _)| id.as_str());
            format!("{name} needs a unit in brackets, e.g. {name}[{example}]")
        })?;
        terms
            .unit(argument)
            .ok_or_else(|| format!("\"{argument}\" is not a unit of the scenario"))
    };
    let none = |quantity| match argument {
        Some(argument) => Err(format!(
            "{name} takes nothing in brackets, not \"{argument}\""
        )),
        None => Ok(quantity),
    };
    let quantity = match name.to_lowercase().as_str() {
        "burden" | "burden_total" => Quantity::Burden { u: unit()? },
        "burden_lifetime" | "burden_total_lifetime" => Quantity::BurdenLifetime { u: unit()? },
        "cash" => match argument {
            Some(year) => Quantity::Cash {
                t: year_index(year, terms)?,
            },
            None => Quantity::Cash { t: terms.years - 1 },
        },
        "final_cash" => none(Quantity::Cash { t: terms.years - 1 })?,
        "net_saving" => none(Quantity::NetSaving)?,
        "net_saving_lifetime" => none(Quantity::NetSavingLifetime)?,
        "budget_effect_lifetime" => none(Quantity::BudgetEffectLifetime)?,
        "result_tipped" => none(Quantity::ResultTipped)?,
        _ => return Err(format!("\"{name}\" is not a figure")),
    };
    Ok(Question {
        quantity,
        comparison,
        threshold,
    })
}

/// A plain Swedish or English question.
pub(super) fn plain(text: &str, terms: &Terms) -> Result<Question, String> {
    let lower = text.to_lowercase();
    let (unit, rest) = find_unit(&lower, terms)?;
    let words: Vec<&str> = rest
        .split_whitespace()
        .map(|w| w.trim_end_matches(['?', '!', '.', ':', ',', ';']))
        .filter(|w| !w.is_empty())
        .collect();
    let mut used = vec![false; words.len()];
    // The comparison: its words followed by an amount, once.
    let mut found = None;
    for i in 0..words.len() {
        for (phrase, comparison) in COMPARISONS {
            let end = i + phrase.len();
            if words.get(i..end) == Some(*phrase)
                && let Some(x) = words.get(end).and_then(|w| amount(w))
            {
                if found.is_some() {
                    return Err("holds two comparisons; ask one at a time".into());
                }
                found = Some((*comparison, x));
                used[i..=end].iter_mut().for_each(|u| *u = true);
            }
        }
    }
    let (comparison, threshold) =
        found.ok_or("has no comparison with an amount, e.g. \"mer än 5 mnkr\" or \"below 20\"")?;
    let (mut fund, mut net_saving, mut budget_room, mut lifetime, mut window, mut year) =
        (false, false, false, false, false, None);
    for (i, word) in words.iter().enumerate() {
        if used[i] {
            continue;
        }
        if FUND.contains(word) {
            fund = true;
        } else if BUDGET_ROOM.contains(word) {
            budget_room = true;
        } else if NET_SAVING.contains(word) {
            net_saving = true;
        } else if LIFETIME.contains(word) {
            lifetime = true;
        } else if WINDOW.contains(word) {
            window = true;
        } else if word.len() == 4 && word.parse::<i64>().is_ok() {
            if year.replace(*word).is_some() {
                return Err("names two years; ask about one".into());
            }
        } else if !FILLER.contains(word) {
            return Err(format!("did not understand \"{word}\""));
        }
    }
    let subjects =
        usize::from(unit.is_some()) + usize::from(fund) + usize::from(net_saving || budget_room);
    if subjects != 1 || (net_saving && budget_room) {
        return Err(if subjects == 0 {
            "names no figure: a unit (it pays), the fund (its balance), the avoided cost or the \
             budget room"
                .into()
        } else {
            "names more than one figure: a unit, the fund, the avoided cost or the budget room"
                .into()
        });
    }
    if budget_room && window {
        return Err(
            "asks for the budget room within the period, which is only over the \
                    projects' whole lives"
                .into(),
        );
    }
    if year.is_some() && !fund {
        return Err("names a year, which only the fund's balance takes".into());
    }
    let quantity = match (unit, fund) {
        (Some(u), _) if lifetime => Quantity::BurdenLifetime { u },
        (Some(u), _) => Quantity::Burden { u },
        (None, true) => match year {
            Some(year) => Quantity::Cash {
                t: year_index(year, terms)?,
            },
            None => Quantity::Cash { t: terms.years - 1 },
        },
        (None, false) if budget_room => Quantity::BudgetEffectLifetime,
        (None, false) if window && !lifetime => Quantity::NetSaving,
        (None, false) => Quantity::NetSavingLifetime,
    };
    Ok(Question {
        quantity,
        comparison,
        threshold,
    })
}

/// The unit named in `lower` (a question in lower case) by id or name, the longest such
/// mention, and the text with it left out. A genitive "s" may follow it.
fn find_unit(lower: &str, terms: &Terms) -> Result<(Option<usize>, String), String> {
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    // (unit, start, end) of every mention.
    let mut mentions = Vec::new();
    for (u, (id, name)) in terms.units.iter().enumerate() {
        for needle in [id.to_lowercase(), name.to_lowercase()] {
            for (start, _) in lower.match_indices(needle.as_str()) {
                let mut end = start + needle.len();
                if lower[end..].starts_with('s') && boundary(lower[end + 1..].chars().next()) {
                    end += 1;
                }
                if boundary(lower[..start].chars().next_back())
                    && boundary(lower[end..].chars().next())
                {
                    mentions.push((u, start, end));
                }
            }
        }
    }
    let Some(&(u, start, end)) = mentions.iter().max_by_key(|&&(_, s, e)| e - s) else {
        return Ok((None, lower.to_string()));
    };
    // Another unit's id inside this unit's name is no mention of it.
    if (mentions.iter()).any(|&(v, s, e)| v != u && (e <= start || s >= end)) {
        return Err("names more than one unit; ask about one".into());
    }
    Ok((Some(u), format!("{} {}", &lower[..start], &lower[end..])))
}

/// An amount as written: digits with a decimal point or comma, perhaps a sign; no larger than
/// any figure sifsim reports ([`MAX_MAGNITUDE`]), so that no answer reads "inf".
fn amount(text: &str) -> Option<f64> {
    let text = text.replace(',', ".").replace('−', "-");
    let digits = text.strip_prefix('-').unwrap_or(&text);
    let valid = !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().any(|c| c.is_ascii_digit());
    let amount: f64 = valid.then(|| text.parse().ok()).flatten()?;
    (amount.abs() <= MAX_MAGNITUDE).then_some(amount)
}

/// The index of the simulated year written `text`.
fn year_index(text: &str, terms: &Terms) -> Result<usize, String> {
    text.parse()
        .ok()
        .and_then(|year| terms.year(year))
        .ok_or_else(|| format!("\"{text}\" is not a simulated year"))
}
