//! How `run --threshold` words its answers, in Swedish and English. `{name}` marks where a
//! value goes.

use super::Lang;

/// The phrases of the answers in one language.
pub struct ThresholdText {
    pub risk: &'static str,
    pub chance: &'static str,
    pub above: &'static str,
    pub below: &'static str,
    pub at_least: &'static str,
    pub at_most: &'static str,
    pub burden: &'static str,
    pub burden_lifetime: &'static str,
    pub cash: &'static str,
    pub net_saving: &'static str,
    pub net_saving_lifetime: &'static str,
    pub budget_effect_lifetime: &'static str,
    pub result_tipped: &'static str,
    /// A number of years, for `result_tipped`.
    pub years: &'static str,
    /// A question the live page could not read: one sentence with examples in the fund's terms.
    pub unreadable: &'static str,
}

const SV: ThresholdText = ThresholdText {
    risk: "Risk att",
    chance: "Sannolikhet att",
    above: "mer än",
    below: "mindre än",
    at_least: "minst",
    at_most: "högst",
    burden: "{unit} betalar netto {cmp} {amount} inom perioden",
    burden_lifetime: "{unit} betalar netto {cmp} {amount} under projektens hela livslängd, i {start} års priser",
    cash: "fonden har {cmp} {amount} i slutet av {year}",
    net_saving: "de undvikta kostnaderna, netto, inom perioden i löpande priser är {cmp} {amount}",
    net_saving_lifetime: "de undvikta kostnaderna, netto, under projektens hela livslängd, i {start} års priser, är {cmp} {amount}",
    budget_effect_lifetime: "det frigjorda budgetutrymmet, netto, under projektens hela livslängd, i {start} års priser, är {cmp} {amount}",
    result_tipped: "fondens projekt gör balanskravsresultatet negativt, när det utan dem varit positivt, under {cmp} {amount}",
    years: "år",
    unreadable: "Frågan gick inte att läsa; skriv till exempel \u{201d}{unit} betalar mer än 5 mnkr\u{201d} eller \u{201d}fonden under 20 mnkr {year}\u{201d}.",
};

const EN: ThresholdText = ThresholdText {
    risk: "Risk that",
    chance: "Probability that",
    above: "more than",
    below: "less than",
    at_least: "at least",
    at_most: "at most",
    burden: "{unit} pays, net, {cmp} {amount} within the period",
    burden_lifetime: "{unit} pays, net, {cmp} {amount} over the projects' whole lives, in {start} prices",
    cash: "the fund holds {cmp} {amount} at the end of {year}",
    net_saving: "the net avoided cost within the period, in current prices, is {cmp} {amount}",
    net_saving_lifetime: "the net avoided cost over the projects' whole lives, in {start} prices, is {cmp} {amount}",
    budget_effect_lifetime: "the net budget room freed over the projects' whole lives, in {start} prices, is {cmp} {amount}",
    result_tipped: "the fund's projects turn the balanced-budget result negative, where it would otherwise have been positive, in {cmp} {amount}",
    years: "years",
    unreadable: "The question could not be read; ask for example \u{201c}{unit} pays more than 5 mnkr\u{201d} or \u{201c}fund below 20 mnkr {year}\u{201d}.",
};

impl Lang {
    /// The threshold answers' phrases in this language.
    pub fn threshold(self) -> &'static ThresholdText {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}
