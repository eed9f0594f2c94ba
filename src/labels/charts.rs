//! What the charts say, in Swedish and English.

use super::Lang;

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
    /// The panel of the chance by year: each year on its own, and some year in the period.
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
    /// "{paths} futures, seed {seed}".
    pub futures: &'static str,
    pub seed: &'static str,
    /// A sweep, in its charts' titles.
    pub sweep: &'static str,
    /// "{paths} futures per setting".
    pub per_setting: &'static str,
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
    band_50: "25–75 %",
    band_90: "5–95 %",
    and_band_90: " och 5–95 %",
    initial: "Startkapital",
    target: "Målnivå",
    depletion_title: "Risk att fonden någon gång måste säga nej av medelsbrist",
    burden: "Nettobörda per nämnd (förvaltning) och år, mnkr",
    burden_share: "Nettobörda som andel av nämndens ram",
    designs: "Fondens saldo per modell: median och 5–95 %",
    burden_by_design: "Total nettobörda per nämnd (förvaltning) över perioden, mnkr: median och 5–95 %",
    flows: "Fondens penningflöden per år",
    result_title: "projektens effekt på kommunens resultat",
    result_by_year: "Risk per år för negativt balanskravsresultat (något år: {p})",
    after_window: "Efter",
    falls_due: "i amorteringar och skulder ska regleras",
    paid_out_after: "betalas ut",
    probability: "Sannolikhet",
    better: "Bättre",
    worse: "Sämre",
    exceedance_title: "Chansen att beloppet blir högre än …",
    exceedance_burden_title: "Chansen att nämndens nettobörda över perioden blir högre än …",
    share_above: "Andel av framtiderna över beloppet",
    futures: "framtider",
    seed: "frö",
    sweep: "svep",
    per_setting: "per inställning",
    means_note: "Medelvärden över alla framtider; utbetalningar nedåt, fordringar streckade.",
    burden_note: "Positivt: nämnden betalar mer än den vinner i budgetutrymme.",
    sensitivity: "känslighet, en osäker faktor i taget",
    low: "Faktorn låg",
    high: "Faktorn hög",
    base: "Scenariot som det är",
    cash_after: "Saldo (mnkr), median, efter",
    years_word: "år",
    tornado_depleted: "Risk att fonden måste säga nej",
    tornado_burden: "Nämndens nettobörda (mnkr), median",
    tornado_tipped: "Nämndens risk för ett underskottsår",
    tornado_unit: "Nämnden: {unit}, den med störst risk för ett underskottsår (vid lika risk: störst 95:e percentil av nettobördan) i scenariot som det står.",
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
    depletion_title: "Chance the fund turns an application down because the money is gone",
    burden: "Net burden per committee (förvaltning) and year, mnkr",
    burden_share: "Net burden as a share of the committee's frame",
    designs: "Fund cash by design: median and 5–95%",
    burden_by_design: "Total net burden per committee (förvaltning) over the period, mnkr: median and 5–95%",
    flows: "The fund's money flows per year",
    result_title: "the projects' effect on the municipality's result",
    result_by_year: "Chance by year of a negative balanced-budget result (some year: {p})",
    after_window: "After",
    falls_due: "of instalments and arrears are to be settled",
    paid_out_after: "are paid out",
    probability: "Probability",
    better: "Better",
    worse: "Worse",
    exceedance_title: "The chance that the amount is higher than …",
    exceedance_burden_title: "The chance that a committee's net burden over the period is higher than …",
    share_above: "Share of futures above the amount",
    futures: "futures",
    seed: "seed",
    sweep: "sweep",
    per_setting: "per setting",
    means_note: "Means over all futures; payments out point down, claims are dashed.",
    burden_note: "Positive: the committee pays more than it gains in budget room.",
    sensitivity: "sensitivity, one uncertain input at a time",
    low: "Input low",
    high: "Input high",
    base: "Scenario as written",
    cash_after: "Cash (mnkr), median, after",
    years_word: "years",
    tornado_depleted: "Chance the fund must say no",
    tornado_burden: "Committee's net burden (mnkr), median",
    tornado_tipped: "Committee's chance of a deficit year",
    tornado_unit: "The committee: {unit}, the one with the largest chance of a deficit year (at equal chances: the largest 95th percentile of net burden) in the scenario as written.",
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
