//! The names of a scenario's inputs, for a reader: `design[Örebro].repayment.horizon_years`
//! is "Återföringstid, år (Örebro)" in a sweep's table, never the path. Every row of the table
//! of inputs ([`Input`]) has a name and a sentence of help here; the live page's controls that
//! set no single field have names too.

use super::Lang;
use crate::edit::{Entry, FieldPath};
use crate::inputs::Input;

/// An input's name and a sentence on what it means, Swedish and English.
const fn words(input: Input) -> ([&'static str; 2], [&'static str; 2]) {
    match input {
        Input::StartYear => (
            ["Första simulerade år", "First simulated year"],
            [
                "Det kalenderår simuleringen börjar.",
                "The calendar year the simulation starts.",
            ],
        ),
        Input::Years => (
            ["Antal simulerade år", "Simulated years"],
            [
                "Hur många år varje simulering följs.",
                "How many years each simulation is followed.",
            ],
        ),
        Input::Paths => (
            ["Antal simuleringar", "Simulations"],
            [
                "Hur många simuleringar som körs; fler ger säkrare siffror men tar längre tid.",
                "How many simulations are run; more give surer figures but take longer.",
            ],
        ),
        Input::Seed => (
            ["Slumptalsfrö", "Seed"],
            [
                "Startvärdet för slumptalen: samma slumptalsfrö ger samma simuleringar och samma siffror.",
                "Where the randomness starts: the same seed gives the same simulations and the same figures.",
            ],
        ),
        Input::TotalBudget => (
            ["Kommunens budget, mnkr", "Municipal budget, mnkr"],
            [
                "Kommunens hela budget startåret, för att visa belopp som andel av den.",
                "The municipality's whole budget in the start year, to show amounts as a share of it.",
            ],
        ),
        Input::Index => (
            ["Årlig uppräkning av belopp", "Yearly uplift of amounts"],
            [
                "Hur mycket ramar, kostnader och avsättningar räknas upp varje år (0,02 är 2\u{a0}%).",
                "How much frames, costs and deposits rise each year (0.02 is 2%).",
            ],
        ),
        Input::AnnualResultMean => (
            ["Årsresultat, medel, mnkr", "Annual result, mean, mnkr"],
            [
                "Kommunens årsresultat ett normalt år, före fondens utbetalningar.",
                "The municipality's result in an ordinary year, before the fund's payouts.",
            ],
        ),
        Input::AnnualResultSd => (
            [
                "Årsresultat, standardavvikelse, mnkr",
                "Annual result, standard deviation, mnkr",
            ],
            [
                "Hur mycket årsresultatet varierar mellan år.",
                "How much the annual result varies from year to year.",
            ],
        ),
        Input::AnnualResultAutocorrelation => (
            [
                "Årsresultat, följsamhet mellan år",
                "Annual result, autocorrelation",
            ],
            [
                "Hur mycket ett års resultat liknar föregående års (0 oberoende, nära 1 trögt).",
                "How much one year's result follows the last (0 independent, near 1 slow).",
            ],
        ),
        Input::LastResult => (
            ["Senaste årsresultat, mnkr", "Last annual result, mnkr"],
            [
                "Årsresultatet året före start; det första året utgår från det.",
                "The result of the year before the start; the first year starts from it.",
            ],
        ),
        Input::DiscountRate => (
            ["Diskonteringsränta, real", "Discount rate, real"],
            [
                "Räntan som framtida belopp diskonteras med i nuvärden.",
                "The rate future amounts are discounted at in present values.",
            ],
        ),
        Input::FateCorrelation => (
            ["Gemensamt öde, korrelation", "Shared fate, correlation"],
            [
                "Hur mycket projekten i en simulering lyckas eller misslyckas tillsammans (0 oberoende).",
                "How much the projects of one simulation succeed or fail together (0 independent).",
            ],
        ),
        Input::Frame => (
            ["Ram, mnkr", "Frame, mnkr"],
            [
                "Nämndens budgetram startåret.",
                "The committee's budget frame in the start year.",
            ],
        ),
        Input::OrdinaryResultMean => (
            [
                "Nämndens resultat, medel, mnkr",
                "Committee's result, mean, mnkr",
            ],
            [
                "Nämndens resultat mot ramen ett normalt år, utan fondens projekt.",
                "The committee's result against its frame in an ordinary year, without the fund's projects.",
            ],
        ),
        Input::OrdinaryResultSd => (
            [
                "Nämndens resultat, standardavvikelse, mnkr",
                "Committee's result, standard deviation, mnkr",
            ],
            [
                "Hur mycket nämndens resultat varierar mellan år.",
                "How much the committee's result varies from year to year.",
            ],
        ),
        Input::OrdinaryResultCorrelation => (
            [
                "Nämndens resultat, samvariation med kommunens",
                "Committee's result, correlation with the municipality's",
            ],
            [
                "Hur mycket nämndens goda och dåliga år sammanfaller med kommunens.",
                "How much the committee's good and bad years coincide with the municipality's.",
            ],
        ),
        Input::ArrivalsPerYear => (
            ["Ansökningar per år", "Applications per year"],
            [
                "Hur många ansökningar av den här typen som kommer ett genomsnittligt år.",
                "How many applications of this type arrive in an average year.",
            ],
        ),
        Input::ProjectStartYear => (
            ["Startår", "Start year"],
            [
                "Året det kända projektet söker medel.",
                "The year the known project applies.",
            ],
        ),
        Input::CostMedian => (
            ["Projektkostnad, median, mnkr", "Project cost, median, mnkr"],
            [
                "Projektets kostnad i mitten av spannet, startårets priser.",
                "The project's middle cost, in start-year prices.",
            ],
        ),
        Input::CostSigma => (
            ["Projektkostnad, spridning", "Project cost, spread"],
            [
                "Hur osäker kostnaden är (lognormalens sigma; 0 är säker).",
                "How uncertain the cost is (the lognormal's sigma; 0 is certain).",
            ],
        ),
        Input::DurationYears => (
            ["Projekttid, år", "Project duration, years"],
            [
                "Hur många år projektet betalas ut under.",
                "How many years the project is paid out over.",
            ],
        ),
        Input::SuccessProbability => (
            ["Sannolikhet att lyckas", "Probability of success"],
            [
                "Sannolikheten att projektet ger effekt alls.",
                "The probability that the project has any effect.",
            ],
        ),
        Input::PlannedSaving => (
            [
                "Planerad besparing, mnkr per år",
                "Planned saving, mnkr a year",
            ],
            [
                "Vad projektet enligt ansökan sparar nämnden varje år med effekt.",
                "What the application says the project saves the committee each year of effect.",
            ],
        ),
        Input::EffectLagYears => (
            ["Tid till effekt, år", "Years until effect"],
            [
                "År från beslut till första året med besparing.",
                "Years from the decision to the first year of saving.",
            ],
        ),
        Input::ExtraLagMean => (
            ["Extra fördröjning, medel, år", "Extra delay, mean, years"],
            [
                "Genomsnittlig försening utöver planen innan effekten kommer.",
                "Average delay beyond the plan before the effect comes.",
            ],
        ),
        Input::EffectYears => (
            ["År med effekt", "Years of effect"],
            [
                "Hur många år besparingen varar.",
                "How many years the saving lasts.",
            ],
        ),
        Input::EffectSizeMean => (
            ["Effekt mot planen, medel", "Effect against plan, mean"],
            [
                "Hur stor besparingen blir mot den planerade när projektet lyckas (1 är enligt plan).",
                "How large the saving is against the planned one when the project succeeds (1 is as planned).",
            ],
        ),
        Input::EffectSizeSd => (
            [
                "Effekt mot planen, spridning",
                "Effect against plan, spread",
            ],
            ["Hur osäker effekten är.", "How uncertain the effect is."],
        ),
        Input::RealizationShare => (
            [
                "Andel av besparingen som blir budgetutrymme",
                "Share of the saving that becomes budget room",
            ],
            [
                "Den del av den undvikta kostnaden som nämnden kan ta bort ur budgeten.",
                "The part of the avoided cost the committee can take out of its budget.",
            ],
        ),
        Input::CostOverrunMean => (
            [
                "Fördyring, andel av kostnaden",
                "Cost overrun, share of cost",
            ],
            [
                "Hur mycket dyrare projektet blir i genomsnitt (0,1 är 10\u{a0}%).",
                "How much more the project costs on average (0.1 is 10%).",
            ],
        ),
        Input::CostOverrunSd => (
            ["Fördyring, spridning", "Cost overrun, spread"],
            [
                "Hur osäker fördyringen är.",
                "How uncertain the overrun is.",
            ],
        ),
        Input::RunningCost => (
            [
                "Driftkostnad efter projektet, mnkr per år",
                "Running cost after the project, mnkr a year",
            ],
            [
                "Vad det kostar nämnden att fortsätta arbetssättet när projektet är slut.",
                "What it costs the committee to keep the way of working once the project ends.",
            ],
        ),
        Input::Succeeded => (
            [
                "Utvärderade projekt som lyckades",
                "Evaluated projects that succeeded",
            ],
            [
                "Hur många liknande projekt som har visat effekt.",
                "How many similar projects have shown an effect.",
            ],
        ),
        Input::Failed => (
            [
                "Utvärderade projekt som misslyckades",
                "Evaluated projects that failed",
            ],
            [
                "Hur många liknande projekt som inte visade någon effekt.",
                "How many similar projects showed no effect.",
            ],
        ),
        Input::FundInitial => (
            ["Fondens startkapital, mnkr", "Fund's initial capital, mnkr"],
            [
                "Vad fonden har när simuleringen börjar.",
                "What the fund holds when the simulation starts.",
            ],
        ),
        Input::FloorShare => (
            [
                "Golv: minsta återföring, andel",
                "Floor: least repayment, share",
            ],
            [
                "Den del av återföringsplanen som betalas tillbaka vad projektet än ger (Örebro: 0,3).",
                "The part of the repayment plan paid back whatever the project yields (Örebro: 0.3).",
            ],
        ),
        Input::StartWithinYears => (
            [
                "Återföringen börjar senast efter, år",
                "Repayment starts at the latest after, years",
            ],
            [
                "År från beslut till första årliga delbetalning, om effekten dröjer.",
                "Years from the decision to the first annual instalment, if the effect is late.",
            ],
        ),
        Input::HorizonYears => (
            ["Återföringstid, år", "Repayment period, years"],
            [
                "Hur många år återföringen sprids över.",
                "How many years the repayment is spread over.",
            ],
        ),
        Input::PlanShare => (
            [
                "Återföringsplan, andel av kostnaden",
                "Repayment plan, share of cost",
            ],
            [
                "Den del av projektets kostnad som ska föras tillbaka till fonden.",
                "The part of the project's cost to be paid back into the fund.",
            ],
        ),
        Input::GrantFixed => (
            [
                "Bidragsdelen, fast belopp, mnkr per år",
                "Grant pot, fixed, mnkr a year",
            ],
            [
                "Vad bidragsdelen får varje år, startårets priser.",
                "What the grant pot receives each year, in start-year prices.",
            ],
        ),
        Input::GrantShare => (
            [
                "Bidragsdelen, andel av positivt resultat",
                "Grant pot, share of a positive result",
            ],
            [
                "Den del av ett positivt årsresultat som går till bidragsdelen.",
                "The part of a positive annual result that goes to the grant pot.",
            ],
        ),
        Input::MinExpectedReturn => (
            [
                "Krav: besparing per krona minst",
                "Required saving per krona",
            ],
            [
                "Ansökningar som väntas spara mindre än så per satsad krona avslås.",
                "Applications expected to save less than this per krona spent are turned down.",
            ],
        ),
        Input::LastDecisionYear => (
            ["Sista år för nya beslut", "Last year of new decisions"],
            [
                "Efter detta år beviljas inga nya projekt.",
                "After this year no new project is approved.",
            ],
        ),
        Input::Demand => (
            [
                "Ansökningstakt, gånger scenariots",
                "Demand, times the scenario's",
            ],
            [
                "Hur många ansökningar som kommer, som en faktor på scenariots (1 är oförändrat).",
                "How many applications arrive, as a factor on the scenario's (1 is unchanged).",
            ],
        ),
        Input::DepositAmount => (
            ["Avsättning, belopp, mnkr", "Deposit, amount, mnkr"],
            [
                "Beloppet som sätts av till fonden, startårets priser.",
                "The amount set aside for the fund, in start-year prices.",
            ],
        ),
        Input::DepositYear => (
            ["Avsättningens år", "Year of the deposit"],
            [
                "Året en engångsavsättning görs.",
                "The year a one-off deposit is made.",
            ],
        ),
        Input::DepositShare => (
            [
                "Avsättning: andel av ett positivt årsresultat",
                "Deposit: share of a positive annual result",
            ],
            [
                "Den del av ett positivt årsresultat som sätts av till fonden.",
                "The part of a positive annual result set aside for the fund.",
            ],
        ),
        Input::DepositUntilBalance => (
            [
                "Avsättning tills fonden har, mnkr",
                "Deposit until the fund holds, mnkr",
            ],
            [
                "Över detta saldo görs ingen avsättning av resultatet.",
                "Above this balance no share of the result is set aside.",
            ],
        ),
        Input::DepositTargetShare => (
            [
                "Påfyllning: mål, andel av budgeten",
                "Top-up: target, share of the budget",
            ],
            [
                "Fonden fylls på upp till denna andel av kommunens budget.",
                "The fund is topped up to this share of the municipal budget.",
            ],
        ),
        Input::DepositMaxShareOfResult => (
            [
                "Påfyllning: högst andel av resultatet",
                "Top-up: at most this share of the result",
            ],
            [
                "Påfyllningen tar högst denna andel av ett positivt årsresultat.",
                "The top-up takes at most this share of a positive annual result.",
            ],
        ),
        Input::DepositProbability => (
            [
                "Påfyllning: sannolikhet per år",
                "Replenishment: probability a year",
            ],
            [
                "Sannolikheten att fullmäktige fyller på fonden ett visst år.",
                "The probability that the council replenishes the fund in a given year.",
            ],
        ),
    }
}

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

/// An input's name for a reader: "Återföringstid, år".
pub const fn name(input: Input, lang: Lang) -> &'static str {
    words(input).0[lang as usize]
}

/// What an input means, in a sentence.
pub const fn help(input: Input, lang: Lang) -> &'static str {
    words(input).1[lang as usize]
}

/// The name of a page control that sets no single field (`scale.effect_size`, `model`).
pub fn control(key: &str, lang: Lang) -> Option<&'static str> {
    (CONTROLS.iter())
        .find(|(k, _)| *k == key)
        .map(|(_, names)| names[lang as usize])
}

/// A field's name for a reader: the input's name and, for one entry of a section, which one
/// ("Återföringstid, år (Örebros regel)"). A field without a name shows its path.
pub fn field(field: &FieldPath, lang: Lang) -> String {
    let Some(input) = Input::at(field) else {
        return field.to_string();
    };
    let name = name(input, lang);
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

/// A sensitivity input and how far it is moved: "Sannolikhet att lyckas ±25 %".
pub fn sensitivity(input: Input, moved: Moved, lang: Lang) -> String {
    let name = name(input, lang);
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
        assert_eq!(field(&path, Lang::Sv), "Återföringstid, år (Örebros regel)");
        let path: FieldPath = "design.repayment.floor_share".parse().unwrap();
        assert_eq!(field(&path, Lang::En), "Floor: least repayment, share");
        let path: FieldPath = "design.fund.deposits".parse().unwrap();
        assert_eq!(field(&path, Lang::Sv), "design.fund.deposits");
        // A key of another section is not this section's input.
        let path: FieldPath = "municipality.frame".parse().unwrap();
        assert_eq!(field(&path, Lang::Sv), "municipality.frame");
    }
}
