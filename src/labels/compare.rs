//! How designs compared head to head are said, in Swedish and English. `{name}` marks where a
//! value goes.

use super::Lang;

/// The words of a comparison in one language.
pub struct CompareText {
    /// The heading of the comparison in the terminal and the report.
    pub title: &'static str,
    /// What the comparison is, under its heading.
    pub intro: &'static str,
    /// One design frees more budget room than the other in a share of the simulations.
    pub better: &'static str,
    /// Neither frees more in any simulation.
    pub equal: &'static str,
    /// The nämnd whose deficit-year risk differs most between the two.
    pub deficit: &'static str,
    /// Only one of them must turn an application down for lack of money.
    pub depleted: &'static str,
}

const SV: CompareText = CompareText {
    title: "Alternativen jämförda, på samma simuleringar",
    intro: "Varje par av alternativ på samma simuleringar: hur ofta det ena frigör mer budgetutrymme än det andra under projektens hela livslängd, och hur ofta bara det ena måste avslå en ansökan på grund av medelsbrist eller ger en nämnd ett år med negativ budgetavvikelse.",
    better: "I {p_a} av simuleringarna frigör {a} mer budgetutrymme än {b}, och i {p_b} tvärtom",
    equal: "{a} och {b} frigör lika mycket budgetutrymme i varje simulering",
    deficit: "; {unit} får ett år med negativ budgetavvikelse i {p_a} av simuleringarna med {a} mot {p_b} med {b}",
    depleted: "; bara {a} måste avslå en ansökan på grund av medelsbrist i {p_a} av simuleringarna, bara {b} i {p_b}",
};

const EN: CompareText = CompareText {
    title: "The designs compared, on the same simulations",
    intro: "Every pair of designs on the same simulations: how often one frees more budget room than the other over the projects' whole lives, and how often only one of them must turn an application down for lack of money or gives a committee a year in deficit against its frame.",
    better: "In {p_a} of the simulations {a} frees more budget room than {b}, and in {p_b} the other way round",
    equal: "{a} and {b} free the same budget room in every simulation",
    deficit: "; {unit} has a deficit year in {p_a} of the simulations under {a} against {p_b} under {b}",
    depleted: "; only {a} must turn an application down for lack of money in {p_a} of the simulations, only {b} in {p_b}",
};

impl Lang {
    /// The comparisons' words in this language.
    pub fn compare(self) -> &'static CompareText {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}
