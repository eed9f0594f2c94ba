//! Chart language: Swedish labels and number format by default, English on request.

/// The language of chart labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Svenska: "1 234,5 mnkr", "12 %".
    #[default]
    Sv,
    /// English: "1,234.5 mnkr", "12%".
    En,
}

/// Every label a chart shows.
pub struct Labels {
    pub year: &'static str,
    pub cash: &'static str,
    pub uncommitted: &'static str,
    pub median: &'static str,
    pub mean: &'static str,
    pub band_50: &'static str,
    pub band_90: &'static str,
    pub initial: &'static str,
    pub target: &'static str,
    pub depleted: &'static str,
    pub depleted_by: &'static str,
    pub depletion_title: &'static str,
    pub burden: &'static str,
    pub burden_share: &'static str,
    pub tipped: &'static str,
    pub designs: &'static str,
    pub burden_by_design: &'static str,
    pub flows: &'static str,
    pub deposits: &'static str,
    pub repaid: &'static str,
    pub payouts: &'static str,
    pub written_off: &'static str,
    /// Arrears units owe the fund at year end (a floor on the whole plan).
    pub owed: &'static str,
    /// "After {last year}:", what falls due and is paid out after the simulated years.
    pub after_window: &'static str,
    pub falls_due: &'static str,
    pub paid_out_after: &'static str,
    /// Grant money that lapsed unspent.
    pub lapsed: &'static str,
    pub probability: &'static str,
    /// "{paths} futures, seed {seed}".
    pub futures: &'static str,
    pub seed: &'static str,
    pub means_note: &'static str,
    pub burden_note: &'static str,
    pub sensitivity: &'static str,
    pub low: &'static str,
    pub high: &'static str,
    pub base: &'static str,
    pub cash_after: &'static str,
    pub years_word: &'static str,
}

const SV: Labels = Labels {
    year: "År",
    cash: "Fondens saldo vid årets slut",
    uncommitted: "Ej disponerade medel (kvar för nya projekt)",
    median: "Median",
    mean: "Medelvärde",
    band_50: "25–75 %",
    band_90: "5–95 %",
    initial: "Startkapital",
    target: "Målnivå",
    depleted: "Avslag på grund av medelsbrist, det året",
    depleted_by: "Avslag på grund av medelsbrist, något år hittills",
    depletion_title: "Risk att fonden någon gång måste säga nej av medelsbrist",
    burden: "Nettobörda per förvaltning, mnkr (betalar minus vunnet budgetutrymme)",
    burden_share: "Nettobörda som andel av förvaltningens ram",
    tipped: "Risk att förvaltningen går med underskott mot sin ram på grund av projekten",
    designs: "Fondens saldo per modell: median och 5–95 %",
    burden_by_design: "Förväntad total nettobörda per förvaltning, mnkr",
    flows: "Fondens penningflöden per år",
    deposits: "Avsättningar",
    repaid: "Återföringar",
    payouts: "Utbetalningar",
    written_off: "Avskrivna fordringar (inga pengar lämnar fonden)",
    owed: "Förvaltningarnas skuld till fonden vid årets slut",
    after_window: "Efter",
    falls_due: "i amorteringar och skulder ska regleras",
    paid_out_after: "betalas ut",
    lapsed: "Outnyttjade medel som återgår",
    probability: "Sannolikhet",
    futures: "framtider",
    seed: "frö",
    means_note: "Medelvärden över alla framtider; utbetalningar nedåt, fordringar streckade.",
    burden_note: "Positivt: förvaltningen betalar mer än den sparar.",
    sensitivity: "känslighet, en osäker faktor i taget",
    low: "Faktorn låg",
    high: "Faktorn hög",
    base: "Scenariot som det är",
    cash_after: "Saldo (mnkr), median, efter",
    years_word: "år",
};

const EN: Labels = Labels {
    year: "Year",
    cash: "Fund cash at year end",
    uncommitted: "Uncommitted money (left for new projects)",
    median: "Median",
    mean: "Mean",
    band_50: "25–75%",
    band_90: "5–95%",
    initial: "Initial capital",
    target: "Target level",
    depleted: "Turned down for lack of money, that year",
    depleted_by: "Turned down for lack of money, some year so far",
    depletion_title: "Chance the fund turns an application down because the money is gone",
    burden: "Net burden per förvaltning, mnkr (pays minus budget room gained)",
    burden_share: "Net burden as a share of the förvaltning's frame",
    tipped: "Chance that the projects' costs tip the förvaltning into deficit",
    designs: "Fund cash by design: median and 5–95%",
    burden_by_design: "Expected total net burden per förvaltning, mnkr",
    flows: "The fund's money flows per year",
    deposits: "Deposits",
    repaid: "Repayments",
    payouts: "Payouts",
    written_off: "Claims written off (no money leaves the fund)",
    owed: "Units' arrears to the fund at year end",
    after_window: "After",
    falls_due: "of instalments and arrears are to be settled",
    paid_out_after: "are paid out",
    lapsed: "Lapsed grant money",
    probability: "Probability",
    futures: "futures",
    seed: "seed",
    means_note: "Means over all futures; payments out point down, claims are dashed.",
    burden_note: "Positive: the förvaltning pays more than it saves.",
    sensitivity: "sensitivity, one uncertain input at a time",
    low: "Input low",
    high: "Input high",
    base: "Scenario as written",
    cash_after: "Cash (mnkr), median, after",
    years_word: "years",
};

impl Lang {
    /// The labels in this language.
    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }

    /// `x` with `decimals` decimals and grouped thousands: "1 234,5" or "1,234.5".
    pub fn number(self, x: f64, decimals: usize) -> String {
        let (group, point) = match self {
            Lang::Sv => ('\u{a0}', ','),
            Lang::En => (',', '.'),
        };
        let text = format!("{:.*}", decimals, x.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(group);
            }
            grouped.push(digit);
        }
        let negative = x < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
        let sign = if negative { "−" } else { "" };
        if fraction.is_empty() {
            format!("{sign}{grouped}")
        } else {
            format!("{sign}{grouped}{point}{fraction}")
        }
    }

    /// An amount in mnkr with one decimal: "1,5 mnkr" or "1.5 mnkr".
    pub fn mnkr(self, amount: f64) -> String {
        format!("{}\u{a0}mnkr", self.number(amount, 1))
    }

    /// A share as a percentage: "12 %" or "12%".
    pub fn percent(self, share: f64, decimals: usize) -> String {
        let number = self.number(share * 100.0, decimals);
        match self {
            Lang::Sv => format!("{number}\u{a0}%"),
            Lang::En => format!("{number}%"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn swedish_numbers_group_thousands_and_use_a_decimal_comma() {
        assert_eq!(Lang::Sv.number(1234.5, 1), "1\u{a0}234,5");
        assert_eq!(Lang::Sv.number(-1234567.0, 0), "−1\u{a0}234\u{a0}567");
        assert_eq!(Lang::Sv.number(-0.01, 1), "0,0");
        assert_eq!(Lang::Sv.percent(0.12, 0), "12\u{a0}%");
        assert_eq!(Lang::En.number(1234.5, 1), "1,234.5");
        assert_eq!(Lang::En.percent(0.125, 1), "12.5%");
    }
}
