//! What the terminal says around its tables: `run`'s headline and notes, `sensitivity`'s
//! columns, `validate`'s description of a scenario, and the lines after a job.

use super::Lang;

/// The terminal's words in one language. `{…}` marks where a value goes.
pub struct TableText {
    /// "{paths} simuleringar, slumptalsfrö {seed}".
    pub futures_seed: &'static str,
    /// Heading of the burden table's first column.
    pub unit: &'static str,
    pub burden_title: &'static str,
    /// Explains "livslängden" and "perioden"; `{year}` is the start year.
    pub note: &'static str,
    /// A sensitivity row's input set low and high.
    pub low: &'static str,
    pub high: &'static str,
    /// The sensitivity table's row for the scenario as written.
    pub as_written: &'static str,
    /// Under the sensitivity table, per design: whose burden its columns show.
    pub burden_of: &'static str,
    /// After a job: "Resultaten skrevs till".
    pub results_written: &'static str,
    pub sweep_written: &'static str,
    pub sensitivity_written: &'static str,
    pub charts_written: &'static str,
    /// `validate`'s words.
    pub validate: ValidateText,
}

/// `sifsim validate`'s description of a scenario.
pub struct ValidateText {
    pub units: &'static str,
    pub frame: &'static str,
    pub project_types: &'static str,
    pub per_year: &'static str,
    pub led_by: &'static str,
    pub cost_median: &'static str,
    pub saving_per_krona: &'static str,
    pub known_projects: &'static str,
    pub applies: &'static str,
    pub decided: &'static str,
    pub cost: &'static str,
    pub designs: &'static str,
    pub initial: &'static str,
    pub deposit_rules: &'static str,
    pub warning: &'static str,
    /// The evaluations' posterior: a heading and a line per project type and known project.
    pub posterior_title: &'static str,
    /// A shared fate without evaluations: the chance stays, the saving per krona moves.
    pub fate_title: &'static str,
    pub posterior_line: &'static str,
    /// `[outcomes] correlation` is 0 in a scenario of more than one project.
    pub independent: &'static str,
}

const SV: TableText = TableText {
    futures_seed: "{paths} simuleringar, slumptalsfrö {seed}",
    unit: "Nämnd (förvaltning)",
    burden_title: "Nettobelastning per nämnd (förvaltning) över perioden, mnkr: median / 95:e percentil",
    note: "Undvikta kostnader, netto: kostnader kommunen slapp, minus vad projekten kostade. \
           Frigjort budgetutrymme, netto: bara den del av besparingarna som blev pengar nämnderna \
           kan använda till annat, minus samma kostnader. Livslängden: de finansierade projekten \
           följs till sitt slut. Perioden: bara de simulerade åren; sena projekt syns där med \
           kostnader men utan alla besparingar. Båda nettotalen i {year} års priser; nämndernas \
           nettobelastning över perioden i löpande priser. Risk för negativt balanskravsresultat: att \
           fondens projekt något år gör balanskravsresultatet negativt när det utan dem varit \
           positivt. Belopp är medianer, antal medelvärden. Negativ nettobelastning: nämnden vann mer \
           budgetutrymme än den betalade.",
    low: "låg",
    high: "hög",
    as_written: "(som i scenariot)",
    burden_of: "{design}: nettobelastningen är {unit}s, nämnden med störst risk för ett år med negativ budgetavvikelse i scenariot som det står (vid lika risk: störst 95:e percentil av nettobelastningen).",
    results_written: "Resultaten skrevs till",
    sweep_written: "Svepet skrevs till",
    sensitivity_written: "Känsligheten skrevs till",
    charts_written: "Diagrammen skrevs till",
    validate: ValidateText {
        units: "nämnder (förvaltningar)",
        frame: "ram",
        project_types: "projekttyper (slumpade ansökningar)",
        per_year: "per år",
        led_by: "leds av",
        cost_median: "kostnad, median",
        saving_per_krona: "förväntad besparing per krona",
        known_projects: "kända projekt",
        applies: "ansöker",
        decided: "redan beslutat",
        cost: "kostnad",
        designs: "alternativ",
        initial: "startkapital",
        deposit_rules: "regler för avsättningar",
        warning: "varning: varje projekt med en besparing antas spara mindre än det kostar \
                  (förväntad besparing per krona under 1: sannolikhet att lyckas × effekt × planerade \
                  besparingar × år med effekt / genomsnittlig kostnad). Då visar varje alternativ \
                  en förlust: det är detta antagande, inte ett resultat. Pröva värdena mot deras \
                  källor.",
        posterior_title: "Efter utvärderingarna ({count} st, korrelation {correlation}): sannolikhet att lyckas och förväntad besparing per krona, enligt scenariot → efter utvärderingarna",
        fate_title: "Med projektens gemensamma öde (korrelation {correlation}): sannolikhet att lyckas och förväntad besparing per krona, var projekt för sig → med gemensamt öde (en bra framtid ger både fler lyckade projekt och större effekt)",
        posterior_line: "  {name} — {p} → {posterior}, {krona} → {krona_posterior}",
        independent: "obs: [outcomes] correlation är 0, så \"sannolikhet > 0\" förutsätter att projektens utfall är oberoende av varandra. Projekt i en kommun delar personal, uppföljning och arbetsmarknad; ange en korrelation (t.ex. 0,3) och se hur sannolikheterna ändras.",
    },
};

const EN: TableText = TableText {
    futures_seed: "{paths} simulations, seed {seed}",
    unit: "Committee (administration)",
    burden_title: "Net charge per committee (administration) over the period, mnkr: median / 95th percentile",
    note: "Net avoided cost: the costs the municipality escaped, minus what the projects cost. \
           Net budget room freed: only the part of the savings that became money the committees \
           can use for something else, minus the same costs. Lifetime: the funded projects \
           followed to their end. Period: the simulated years only; late projects show costs \
           without all their savings. Both net figures in {year} prices; the committees' net charge \
           over the period in current prices. Risk of a negative balanced-budget result: that the \
           fund's projects turn the balanced-budget result negative in some year where it would \
           otherwise have been positive. Amounts are medians, counts means. A negative net charge: \
           the committee gained more budget room than it paid.",
    low: "low",
    high: "high",
    as_written: "(as written)",
    burden_of: "{design}: the net charge is that of {unit}, the committee with the largest risk of a deficit \
                year in the scenario as written (at equal risks: the largest 95th percentile of net charge).",
    results_written: "Results written to",
    sweep_written: "Sweep written to",
    sensitivity_written: "Sensitivity written to",
    charts_written: "Charts written to",
    validate: ValidateText {
        units: "committees (administrations)",
        frame: "frame",
        project_types: "project types (random applications)",
        per_year: "a year",
        led_by: "led by",
        cost_median: "cost median",
        saving_per_krona: "expected saving per krona",
        known_projects: "known projects",
        applies: "applies",
        decided: "decided",
        cost: "cost",
        designs: "designs",
        initial: "initial capital",
        deposit_rules: "deposit rules",
        warning: "warning: every project with a saving is assumed to save less than it costs \
                  (expected saving per krona below 1: success probability × mean effect × \
                  planned savings × effect years / mean cost). Every design will then show a \
                  loss: that is this input, not a finding. Check these values against their \
                  sources.",
        posterior_title: "After the evaluations ({count}, correlation {correlation}): probability of success and expected saving per krona, as written → after the evaluations",
        fate_title: "With the projects' shared fate (correlation {correlation}): probability of success and expected saving per krona, each project on its own → with the shared fate (a good future brings both more successes and larger effects)",
        posterior_line: "  {name} — {p} → {posterior}, {krona} → {krona_posterior}",
        independent: "note: [outcomes] correlation is 0, so \"probability > 0\" assumes independent projects. Projects of one municipality share staff, follow-up and labour market; set a correlation (e.g. 0.3) and see how the probabilities change.",
    },
};

/// What a run is doing, as its status line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Simulating,
    Tables,
    Workbook,
    Charts,
    Report,
}

impl Lang {
    /// What a phase of a job does, for a status line.
    pub fn phase(self, phase: Phase) -> &'static str {
        match (self, phase) {
            (Lang::Sv, Phase::Simulating) => "simulerar",
            (Lang::Sv, Phase::Tables) => "skriver tabeller",
            (Lang::Sv, Phase::Workbook) => "skriver arbetsboken",
            (Lang::Sv, Phase::Charts) => "ritar diagram",
            (Lang::Sv, Phase::Report) => "skriver rapporten",
            (Lang::En, Phase::Simulating) => "simulating",
            (Lang::En, Phase::Tables) => "writing tables",
            (Lang::En, Phase::Workbook) => "writing the workbook",
            (Lang::En, Phase::Charts) => "drawing charts",
            (Lang::En, Phase::Report) => "writing the report",
        }
    }

    /// The progress bar's template: "{bar} 1 200/10 000 simuleringar, 3 s kvar".
    pub fn progress_template(self) -> &'static str {
        match self {
            Lang::Sv => "{bar:40} {pos}/{len} simuleringar, {eta} kvar {msg}",
            Lang::En => "{bar:40} {pos}/{len} simulations, {eta} left {msg}",
        }
    }

    /// The terminal's words in this language.
    pub fn table(self) -> &'static TableText {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}
