//! The names of a scenario's inputs, for a reader: `design[Örebro].repayment.horizon_years`
//! is "Återbetalningstid, år (Örebro)" in a sweep's table, never the path.

use super::Lang;
use crate::edit::{Entry, FieldPath};

/// Inputs by their keys inside a section, Swedish and English.
const INPUTS: &[(&str, [&str; 2])] = &[
    ("years", ["Antal simulerade år", "Simulated years"]),
    ("paths", ["Antal framtider", "Futures"]),
    ("seed", ["Frö", "Seed"]),
    (
        "total_budget",
        ["Kommunens budget, mnkr", "Municipal budget, mnkr"],
    ),
    (
        "index",
        ["Årlig uppräkning av belopp", "Yearly uplift of amounts"],
    ),
    (
        "annual_result.mean",
        ["Årsresultat, medel, mnkr", "Annual result, mean, mnkr"],
    ),
    (
        "annual_result.sd",
        [
            "Årsresultat, standardavvikelse, mnkr",
            "Annual result, standard deviation, mnkr",
        ],
    ),
    (
        "annual_result.autocorrelation",
        [
            "Årsresultat, följsamhet mellan år",
            "Annual result, autocorrelation",
        ],
    ),
    (
        "last_result",
        ["Senaste årsresultat, mnkr", "Last annual result, mnkr"],
    ),
    (
        "discount_rate",
        ["Diskonteringsränta, real", "Discount rate, real"],
    ),
    ("frame", ["Ram, mnkr", "Frame, mnkr"]),
    (
        "ordinary_result.mean",
        [
            "Nämndens resultat, medel, mnkr",
            "Committee's result, mean, mnkr",
        ],
    ),
    (
        "ordinary_result.sd",
        [
            "Nämndens resultat, standardavvikelse, mnkr",
            "Committee's result, standard deviation, mnkr",
        ],
    ),
    (
        "ordinary_result.correlation",
        [
            "Nämndens resultat, samvariation med kommunens",
            "Committee's result, correlation with the municipality's",
        ],
    ),
    (
        "arrivals_per_year",
        ["Ansökningar per år", "Applications per year"],
    ),
    (
        "cost.median",
        ["Projektkostnad, median, mnkr", "Project cost, median, mnkr"],
    ),
    (
        "cost.sigma",
        ["Projektkostnad, spridning", "Project cost, spread"],
    ),
    (
        "duration_years",
        ["Projekttid, år", "Project duration, years"],
    ),
    (
        "success_probability",
        ["Chans att lyckas", "Chance of success"],
    ),
    (
        "effect_lag_years",
        ["Tid till effekt, år", "Years until effect"],
    ),
    (
        "extra_lag_mean",
        ["Extra fördröjning, medel, år", "Extra delay, mean, years"],
    ),
    ("effect_years", ["År med effekt", "Years of effect"]),
    (
        "effect_size.mean",
        ["Effekt mot planen, medel", "Effect against plan, mean"],
    ),
    (
        "effect_size.sd",
        [
            "Effekt mot planen, spridning",
            "Effect against plan, spread",
        ],
    ),
    (
        "realization_share",
        [
            "Andel av besparingen som blir budgetutrymme",
            "Share of the saving that becomes budget room",
        ],
    ),
    (
        "cost_overrun.mean",
        [
            "Fördyring, andel av kostnaden",
            "Cost overrun, share of cost",
        ],
    ),
    (
        "cost_overrun.sd",
        ["Fördyring, spridning", "Cost overrun, spread"],
    ),
    (
        "running_cost",
        [
            "Driftkostnad efter projektet, mnkr per år",
            "Running cost after the project, mnkr a year",
        ],
    ),
    (
        "fund.initial",
        ["Fondens startkapital, mnkr", "Fund's initial capital, mnkr"],
    ),
    (
        "repayment.floor_share",
        [
            "Golv: minsta återföring, andel",
            "Floor: least repayment, share",
        ],
    ),
    (
        "repayment.start_within_years",
        [
            "Återföringen börjar senast efter, år",
            "Repayment starts at the latest after, years",
        ],
    ),
    (
        "repayment.horizon_years",
        ["Återbetalningstid, år", "Repayment period, years"],
    ),
    (
        "repayment.plan_share",
        [
            "Återbetalningsplan, andel av kostnaden",
            "Repayment plan, share of cost",
        ],
    ),
    (
        "approval.min_expected_return",
        [
            "Krav: besparing per krona minst",
            "Required saving per krona",
        ],
    ),
    (
        "approval.last_year",
        ["Sista år för nya beslut", "Last year of new decisions"],
    ),
    (
        "approval.demand",
        [
            "Ansökningstakt, gånger scenariots",
            "Demand, times the scenario's",
        ],
    ),
    (
        "grant.fixed",
        [
            "Bidragsdelen, fast belopp, mnkr per år",
            "Grant pot, fixed, mnkr a year",
        ],
    ),
    (
        "grant.share_of_positive_result",
        [
            "Bidragsdelen, andel av positivt resultat",
            "Grant pot, share of a positive result",
        ],
    ),
];

/// The live page's controls that set no single field of the file: the design's model, its
/// deposit rules, the repayment's choices and the scales on every project's values.
const CONTROLS: &[(&str, [&str; 2])] = &[
    ("model", ["Finansieringsmodell", "Financing model"]),
    (
        "deposit.share_of_positive_result",
        [
            "Avsättning: andel av ett positivt årsresultat",
            "Deposit: share of a positive annual result",
        ],
    ),
    (
        "deposit.fixed",
        [
            "Avsättning: fast belopp per år, mnkr, startårets priser",
            "Deposit: fixed amount a year, mnkr, start-year prices",
        ],
    ),
    (
        "repayment.basis",
        ["Återföringen följer", "Repayment follows"],
    ),
    (
        "repayment.floor_applies_to",
        ["Golvet gäller", "The floor applies to"],
    ),
    (
        "repayment.shortfall_bearer",
        [
            "Återföring som uteblir bärs av",
            "A repayment that falls short is borne by",
        ],
    ),
    (
        "grant.carry_over",
        [
            "Outnyttjade medel i bidragsdelen sparas (annars återgår de)",
            "Unspent grant money is kept (else it lapses)",
        ],
    ),
    (
        "scale.success_probability",
        [
            "Sannolikhet att lyckas, gånger scenariots",
            "Success probability, times the scenario's",
        ],
    ),
    (
        "scale.effect_size",
        ["Effekt, gånger scenariots", "Effect, times the scenario's"],
    ),
    (
        "scale.realization_share",
        [
            "Andel som blir budgetutrymme, gånger scenariots",
            "Share that becomes budget room, times the scenario's",
        ],
    ),
    (
        "scale.arrivals_per_year",
        [
            "Ansökningar per år, gånger scenariots",
            "Applications per year, times the scenario's",
        ],
    ),
];

/// An input's name by its keys (`repayment.horizon_years`), when it has one.
pub fn name(keys: &str, lang: Lang) -> Option<&'static str> {
    (INPUTS.iter().chain(CONTROLS))
        .find(|(k, _)| *k == keys)
        .map(|(_, names)| names[lang as usize])
}

/// A field's name for a reader: the input's name and, for one entry of a section, which one
/// ("Återbetalningstid, år (Örebros regel)"). A field without a name shows its path.
pub fn field(field: &FieldPath, lang: Lang) -> String {
    let Some(name) = name(&field.keys.join("."), lang) else {
        return field.to_string();
    };
    match &field.entry {
        Some(Entry::Named(entry)) => format!("{name} ({entry})"),
        Some(Entry::Index(i)) => match lang {
            Lang::Sv => format!("{name} (nr {})", i + 1),
            Lang::En => format!("{name} (no. {})", i + 1),
        },
        None => name.to_string(),
    }
}

/// How far a sensitivity run moves an input each way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    /// ±25 % of its value.
    Quarter,
    /// ±1 year.
    Year,
    /// ±0.1 of the project's cost.
    TenthOfCost,
}

/// A sensitivity input, by its keys, and how far it is moved: "Chans att lyckas ±25 %".
pub fn sensitivity(keys: &str, moved: Moved, lang: Lang) -> String {
    let name = name(keys, lang).unwrap_or(keys);
    let change = match (moved, lang) {
        (Moved::Year, Lang::Sv) => "±1 år",
        (Moved::Year, Lang::En) => "±1 year",
        (Moved::TenthOfCost, Lang::Sv) => "±0,1 av kostnaden",
        (Moved::TenthOfCost, Lang::En) => "±0.1 of cost",
        (Moved::Quarter, Lang::Sv) => "±25\u{a0}%",
        (Moved::Quarter, Lang::En) => "±25%",
    };
    format!("{name} {change}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_is_named_for_a_reader() {
        let path: FieldPath = "design[Örebros regel].repayment.horizon_years"
            .parse()
            .unwrap();
        assert_eq!(
            field(&path, Lang::Sv),
            "Återbetalningstid, år (Örebros regel)"
        );
        let path: FieldPath = "design.repayment.floor_share".parse().unwrap();
        assert_eq!(field(&path, Lang::En), "Floor: least repayment, share");
        let path: FieldPath = "design.fund.deposits".parse().unwrap();
        assert_eq!(field(&path, Lang::Sv), "design.fund.deposits");
    }
}
