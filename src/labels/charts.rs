//! What the charts say, in Swedish and English.

use super::Lang;
use crate::inputs::Input;

/// Every label a chart shows.
pub struct Labels {
    pub year: &'static str,
    pub median: &'static str,
    pub mean: &'static str,
    pub band_50: &'static str,
    pub band_90: &'static str,
    /// Added to a median's caption where its 5–95 % band is drawn too.
    pub and_band_90: &'static str,
    pub initial: &'static str,
    pub target: &'static str,
    pub depletion_title: &'static str,
    pub burden: &'static str,
    pub burden_share: &'static str,
    pub designs: &'static str,
    pub burden_by_design: &'static str,
    pub flows: &'static str,
    /// The projects' effect on the municipality's result.
    pub result_title: &'static str,
    /// The panel of the risk by year: each year on its own, and some year in the period.
    pub result_by_year: &'static str,
    /// "After {last year}:", what falls due and is paid out after the simulated years.
    pub after_window: &'static str,
    pub falls_due: &'static str,
    pub paid_out_after: &'static str,
    pub probability: &'static str,
    /// A heat map's legend: which end of its colours is better.
    pub better: &'static str,
    pub worse: &'static str,
    /// Exceedance charts: titles and the y axis.
    pub exceedance_title: &'static str,
    pub exceedance_burden_title: &'static str,
    pub share_above: &'static str,
    /// "{paths} simulations, seed {seed}".
    pub futures: &'static str,
    pub seed: &'static str,
    /// A sweep, in its charts' titles.
    pub sweep: &'static str,
    /// "{paths} simulations per setting".
    pub per_setting: &'static str,
    /// A tuning's chart: its title, its legend, what the points are named by, its heat map.
    pub tune: &'static str,
    pub meets_every_requirement: &'static str,
    pub misses_a_requirement: &'static str,
    pub best_setting: &'static str,
    pub beside_points: &'static str,
    pub framed_and_starred: &'static str,
    pub means_note: &'static str,
    pub burden_note: &'static str,
    pub sensitivity: &'static str,
    pub low: &'static str,
    pub high: &'static str,
    pub base: &'static str,
    pub cash_after: &'static str,
    pub years_word: &'static str,
    /// A tornado's panels on the fund's risk and on the nämnd that pays most.
    pub tornado_depleted: &'static str,
    pub tornado_burden: &'static str,
    pub tornado_tipped: &'static str,
    /// "{unit}": which nämnd the burden panels are about.
    pub tornado_unit: &'static str,
    /// How far each input is moved.
    pub tornado_changes: &'static str,
    /// A panel no input moves.
    pub nothing_moves: &'static str,
}

const SV: Labels = Labels {
    year: "År",
    median: "Median",
    mean: "Medelvärde",
    band_50: "25–75\u{a0}%",
    band_90: "5–95\u{a0}%",
    and_band_90: " och 5–95\u{a0}%",
    initial: "Startkapital",
    target: "Målnivå",
    depletion_title: "Risk att fonden något år måste avslå en ansökan på grund av medelsbrist",
    burden: "Nettobelastning per nämnd (förvaltning) och år, mnkr",
    burden_share: "Nettobelastning på nämndens budget som andel av ramen",
    designs: "Fondens saldo per alternativ: median och 5–95\u{a0}%",
    burden_by_design: "Total nettobelastning per nämnd (förvaltning) över perioden, mnkr: median och 5–95\u{a0}%",
    flows: "Fondens penningflöden per år",
    result_title: "projektens effekt på kommunens resultat",
    result_by_year: "Risk per år för negativt balanskravsresultat (något år: {p})",
    after_window: "Efter",
    falls_due: "i årliga delbetalningar och skulder ska regleras",
    paid_out_after: "betalas ut",
    probability: "Sannolikhet",
    better: "Bättre",
    worse: "Sämre",
    exceedance_title: "Sannolikheten att beloppet blir högre än …",
    exceedance_burden_title: "Sannolikheten att nämndens nettobelastning över perioden blir högre än …",
    share_above: "Andel av simuleringarna över beloppet",
    futures: "simuleringar",
    seed: "slumptalsfrö",
    sweep: "svep",
    per_setting: "per inställning",
    tune: "regeln som uppfyller kraven",
    meets_every_requirement: "Uppfyller alla krav",
    misses_a_requirement: "Missar något krav",
    best_setting: "Bästa inställningen",
    beside_points: "vid punkterna",
    framed_and_starred: "vit ram: uppfyller alla krav; ★ bäst",
    means_note: "Medelvärden över alla simuleringar; utbetalningar nedåt, avskriven återföring och skuld till fonden streckade.",
    burden_note: "Positivt: nämnden betalar mer än den vinner i budgetutrymme.",
    sensitivity: "känslighet, en osäker faktor i taget",
    low: "Faktorn låg",
    high: "Faktorn hög",
    base: "Scenariot som det är",
    cash_after: "Saldo (mnkr), median, efter",
    years_word: "år",
    tornado_depleted: "Risk för avslag på grund av medelsbrist",
    tornado_burden: "Nämndens nettobelastning (mnkr), median",
    tornado_tipped: "Nämndens risk för ett år med negativ budgetavvikelse",
    tornado_unit: "Nämnden: {unit}, den med störst risk för ett år med negativ budgetavvikelse (vid lika risk: störst 95:e percentil av nettobelastningen) i scenariot som det står.",
    tornado_changes: "Låg och hög: ±25\u{a0}%, tid till effekt ±1 år, fördyring ±0,1 av kostnaden.",
    nothing_moves: "Ingen faktor ändrar detta.",
};

const EN: Labels = Labels {
    year: "Year",
    median: "Median",
    mean: "Mean",
    band_50: "25–75%",
    band_90: "5–95%",
    and_band_90: " and 5–95%",
    initial: "Initial capital",
    target: "Target level",
    depletion_title: "Risk that the fund must turn an application down for lack of money in some year",
    burden: "Net charge per committee (administration) and year, mnkr",
    burden_share: "Net charge on the committee's budget as a share of its frame",
    designs: "Fund balance by design: median and 5–95%",
    burden_by_design: "Total net charge per committee (administration) over the period, mnkr: median and 5–95%",
    flows: "The fund's money flows per year",
    result_title: "the projects' effect on the municipality's result",
    result_by_year: "Risk by year of a negative balanced-budget result (some year: {p})",
    after_window: "After",
    falls_due: "of instalments and arrears are to be settled",
    paid_out_after: "are paid out",
    probability: "Probability",
    better: "Better",
    worse: "Worse",
    exceedance_title: "The probability that the amount is higher than …",
    exceedance_burden_title: "The probability that a committee's net charge over the period is higher than …",
    share_above: "Share of simulations above the amount",
    futures: "simulations",
    seed: "seed",
    sweep: "sweep",
    per_setting: "per setting",
    tune: "the rule that meets the requirements",
    meets_every_requirement: "Meets every requirement",
    misses_a_requirement: "Misses a requirement",
    best_setting: "The best setting",
    beside_points: "beside the points",
    framed_and_starred: "white frame: meets every requirement; ★ best",
    means_note: "Means over all simulations; payments out point down, repayments written off and arrears to the fund are dashed.",
    burden_note: "Positive: the committee pays more than it gains in budget room.",
    sensitivity: "sensitivity, one uncertain input at a time",
    low: "Input low",
    high: "Input high",
    base: "Scenario as written",
    cash_after: "Cash (mnkr), median, after",
    years_word: "years",
    tornado_depleted: "Risk of a turn-down for lack of money",
    tornado_burden: "Committee's net charge (mnkr), median",
    tornado_tipped: "Committee's risk of a deficit year",
    tornado_unit: "The committee: {unit}, the one with the largest risk of a deficit year (at equal risks: the largest 95th percentile of net charge) in the scenario as written.",
    tornado_changes: "Low and high: ±25%, time to effect ±1 year, overrun ±0.1 of cost.",
    nothing_moves: "No input changes this.",
};

impl Lang {
    /// The charts' labels in this language.
    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

/// An uncertain input's name where a tornado's bar is labelled: short enough for the label
/// column ("Projektkostnad" for "Projektkostnad, median, mnkr"). The inputs a sensitivity
/// analysis does not move keep their full name.
pub fn tornado_name(input: Input, lang: Lang) -> &'static str {
    let [sv, en] = match input {
        Input::SuccessProbability => ["Sannolikhet att lyckas", "Probability of success"],
        Input::EffectSizeMean => ["Effekt mot planen", "Effect against plan"],
        Input::EffectLagYears => ["Tid till effekt", "Time to effect"],
        Input::CostMedian => ["Projektkostnad", "Project cost"],
        Input::CostOverrunMean => ["Fördyring", "Cost overrun"],
        Input::ArrivalsPerYear => ["Ansökningar per år", "Applications a year"],
        Input::AnnualResultMean => ["Årsresultat, medelvärde", "Annual result, mean"],
        Input::AnnualResultSd => ["Årsresultat, spridning", "Annual result, spread"],
        Input::RealizationShare => ["Blir budgetutrymme", "Becomes budget room"],
        other => return super::inputs::name(other, lang),
    };
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}
