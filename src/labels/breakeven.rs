//! How a break-even is said, in Swedish and English. `{name}` marks where a value goes.

use super::Lang;

/// The words of a break-even in one language.
pub struct BreakEvenText {
    /// The figure brought to 0, as the subject of a sentence.
    pub budget_effect: &'static str,
    pub net_saving: &'static str,
    /// It breaks even when the projects succeed in a share of the cases.
    pub success: &'static str,
    /// It breaks even when the projects' effect is a multiple of the plan.
    pub effect: &'static str,
    /// It keeps its sign over the whole range: up to every project succeeding, or up to ten
    /// times the effect.
    pub never_success: &'static str,
    pub never_effect: &'static str,
    /// `validate`'s heading of the break-evens, estimated on `{paths}` simulations.
    pub estimated: &'static str,
}

const SV: BreakEvenText = BreakEvenText {
    budget_effect: "det frigjorda budgetutrymmet, netto,",
    net_saving: "de undvikta kostnaderna, netto,",
    success: "{design}: fonden går jämnt ut ({figure} blir i medel noll) om projekten lyckas i minst {break_even} av fallen; scenariot antar {assumed} (varje sannolikhet × {k}).",
    effect: "{design}: fonden går jämnt ut ({figure} blir i medel noll) om projektens effekt är minst {break_even} av den planerade; scenariot antar {assumed} (varje effekt × {k}).",
    never_success: "{design}: fonden går inte jämnt ut ens om varje projekt lyckas: då är {figure} i medel {mean}.",
    never_effect: "{design}: fonden går inte jämnt ut ens med {k} gånger den antagna effekten: då är {figure} i medel {mean}.",
    estimated: "Hur väl projekten måste lyckas för att fonden ska gå jämnt ut, uppskattat på {paths} simuleringar (sifsim breakeven räknar på fler):",
};

const EN: BreakEvenText = BreakEvenText {
    budget_effect: "the net budget room freed",
    net_saving: "the net avoided cost",
    success: "{design}: the fund breaks even ({figure} is 0 on average) if the projects succeed in at least {break_even} of cases; the scenario assumes {assumed} (each probability × {k}).",
    effect: "{design}: the fund breaks even ({figure} is 0 on average) if the projects' effect is at least {break_even} of the plan; the scenario assumes {assumed} (each effect × {k}).",
    never_success: "{design}: the fund does not break even even if every project succeeds: {figure} then has a mean of {mean}.",
    never_effect: "{design}: the fund does not break even even at {k} times the assumed effect: {figure} then has a mean of {mean}.",
    estimated: "How well the projects must succeed for the fund to break even, estimated on {paths} simulations (sifsim breakeven runs more):",
};

impl Lang {
    /// The break-even's words in this language.
    pub fn breakeven(self) -> &'static BreakEvenText {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}
