//! The live page's words, Swedish and English: served to the page as `strings.js`, so that the
//! page keeps no words of its own. `{name}` marks where the page puts a value.

use super::Lang;

/// The page's words in one language, by the key the page reads them by.
pub struct PageText {
    /// Single texts: headings, notes, buttons, the key figures' names.
    pub texts: &'static [(&'static str, &'static str)],
    /// The financing models' names, by the model's word in the file.
    pub models: &'static [(&'static str, &'static str)],
    /// The words of the choices a control offers, by the word in the file.
    pub options: &'static [(&'static str, &'static str)],
}

const SV: PageText = PageText {
    texts: &[
        ("title", "Fondens framtider – live"),
        (
            "lead",
            "Ändra en regel eller ett antagande: alla simuleringar räknas om på en gång, med samma slumptal för alla alternativ.",
        ),
        ("fund", "Fond"),
        ("language", "In English"),
        ("assumptions", "Antaganden"),
        (
            "assumptionsNote",
            "Skalningar multiplicerar scenariots värden i varje projekttyp och känt projekt; en sannolikhet eller andel stannar vid sin gräns (1).",
        ),
        ("download", "Ladda ner scenariot"),
        ("report", "Ladda ner rapporten"),
        ("downloaded", "Nedladdad: {name}"),
        ("link", "Kopiera länk"),
        ("linkCopied", "Länken är kopierad"),
        ("reset", "Återställ"),
        ("yes", "ja"),
        ("no", "nej"),
        ("running", "Räknar …"),
        ("done", "{paths} simuleringar · {ms} ms"),
        (
            "failed",
            "Inställningarna kunde inte räknas: se meddelandet vid reglaget.",
        ),
        (
            "notNumber",
            "{value} är inte ett tal; skriv till exempel 0,3.",
        ),
        ("empty", "Skriv ett värde."),
        (
            "stale",
            "Siffrorna nedan gäller de senaste giltiga inställningarna, inte det som står i reglagen: rätta det markerade värdet.",
        ),
        (
            "partial",
            "Preliminärt: de första {paths} simuleringarna; alla {total} räknas …",
        ),
        ("median", "median"),
        ("fullScreen", "Helskärm (f)"),
        ("tabBalance", "Fondens saldo"),
        ("tabRisk", "Risk per år"),
        ("tabBurden", "Nettobelastning per nämnd"),
        ("tabResult", "Resultatet"),
        ("tabCompare", "Jämförelse"),
        (
            "chartBalance",
            "Fondens saldo vid årets slut, mnkr: median (linje) och 5–95\u{a0}% av simuleringarna (band)",
        ),
        (
            "chartRisk",
            "Risk att fonden senast det året har måst avslå en ansökan på grund av medelsbrist",
        ),
        (
            "chartBurden",
            "Nämndens nettobelastning över perioden, median, mnkr (negativ: nämnden vinner mer än den betalar)",
        ),
        (
            "chartResult",
            "Fondens projekts effekt på kommunens årsresultat, mnkr: median (linje) och 5–95\u{a0}% (band)",
        ),
        (
            "chartCompare",
            "Under projektens hela livslängd, mnkr: median (punkt) och 5–95\u{a0}% av simuleringarna (linje)",
        ),
        ("chartLoaded", "Grått: scenariot som det laddades"),
        ("keyFigures", "Nyckeltal per alternativ"),
        (
            "keyNote",
            "Med dina ändringar; i grått där det skiljer sig: scenariot som det laddades, på samma simuleringar.",
        ),
        ("design", "Alternativ"),
        (
            "largestBurden",
            "Mest utsatta nämnd: risk för år med negativ budgetavvikelse · nettobelastning, 95:e percentil",
        ),
        ("noBurden", "Ingen nämnd betalar mer än den vinner"),
        ("burdens", "Nettobelastning per nämnd"),
        (
            "burdenNote",
            "Vad nämnden (förvaltningen) betalar till fonden minus det budgetutrymme projekten ger den, summerat över perioden: median i mnkr och som andel av nämndens årsram. Negativt: nämnden vinner mer än den betalar. Grått: som laddat.",
        ),
        (
            "deficit",
            "Risk att nämnden något år får negativ budgetavvikelse",
        ),
        (
            "deficitNote",
            "År då nämndens eget resultat hade hållit ramen, men inte efter det den betalar för fondens projekt. Grått: som laddat.",
        ),
        ("unit", "Nämnd (förvaltning)"),
        ("threshold", "Tröskelfrågor"),
        (
            "thresholdNote",
            "Skriv en fråga om ett belopp: hur stor är sannolikheten eller risken, per alternativ, med inställningarna ovan? Grått: scenariot som det laddades.",
        ),
        ("ask", "Fråga"),
        ("examples", "Till exempel:"),
        ("exampleBurden", "{unit} betalar mer än 5 mnkr"),
        ("exampleCash", "fonden under 20 mnkr {year}"),
        ("probability", "Sannolikhet"),
        ("explain", "En simulering, berättad"),
        (
            "explainNote",
            "En typisk simulering där medlen inte räckte med inställningarna ovan (den första i medianåret för det första avslaget på grund av medelsbrist), berättad år för år. Alla alternativ finns kvar i världen; bara det valda berättas.",
        ),
        ("storyDesign", "Alternativ"),
        ("findRule", "Hitta regeln"),
        (
            "findRuleNote",
            "Prövar sju värden på en regel för det valda alternativet, på samma simuleringar och med inställningarna ovan, och väljer det bästa som håller båda gränserna (som sifsim tune).",
        ),
        ("tuneField", "Regel att pröva"),
        (
            "tuneDepleted",
            "Risk för avslag på grund av medelsbrist högst",
        ),
        (
            "tuneTipped",
            "Ingen nämnds risk för år med negativ budgetavvikelse över",
        ),
        ("tuneObjective", "Välj"),
        ("tuneSmallest", "minsta värdet"),
        ("tuneLargest", "största värdet"),
        ("tuneBudget", "mest frigjort budgetutrymme (median)"),
        ("tuning", "Prövar …"),
        ("tell", "Visa en simulering där medlen inte räckte"),
        ("telling", "Letar bland simuleringarna …"),
    ],
    models: &[
        ("budget", "Budgetmodell"),
        ("repayment", "Återföringsmodell"),
        ("dual", "Dubbelmodell"),
    ],
    options: &[
        ("realized", "realiserad besparing"),
        ("measured", "ramminskning efter uppmätt effekt"),
        ("planned", "fast återföring enligt plan"),
        ("instalment", "varje årlig delbetalning"),
        ("plan", "hela planen"),
        ("fund", "fonden (avskrivs)"),
        ("lead", "den ledande nämnden"),
    ],
};

const EN: PageText = PageText {
    texts: &[
        ("title", "The fund's futures – live"),
        (
            "lead",
            "Change a rule or an assumption: every simulation is computed again at once, with the same random numbers for every design.",
        ),
        ("fund", "Fund"),
        ("language", "På svenska"),
        ("assumptions", "Assumptions"),
        (
            "assumptionsNote",
            "Scales multiply the scenario's values in every project type and known project; a probability or share stops at its limit (1).",
        ),
        ("download", "Download the scenario"),
        ("report", "Download the report"),
        ("downloaded", "Downloaded: {name}"),
        ("link", "Copy link"),
        ("linkCopied", "Link copied"),
        ("reset", "Reset"),
        ("yes", "yes"),
        ("no", "no"),
        ("running", "Computing …"),
        ("done", "{paths} simulations · {ms} ms"),
        (
            "failed",
            "These settings could not be computed: see the message at the control.",
        ),
        (
            "notNumber",
            "{value} is not a number; type for example 0.3.",
        ),
        ("empty", "Type a value."),
        (
            "stale",
            "The figures below are those of the last valid settings, not of what the controls say: correct the marked value.",
        ),
        (
            "partial",
            "Preliminary: the first {paths} simulations; all {total} are being computed …",
        ),
        ("median", "median"),
        ("fullScreen", "Full screen (f)"),
        ("tabBalance", "Fund balance"),
        ("tabRisk", "Risk by year"),
        ("tabBurden", "Net charge per committee"),
        ("tabResult", "The result"),
        ("tabCompare", "Comparison"),
        (
            "chartBalance",
            "The fund's balance at the end of each year, mnkr: median (line) and 5–95% of the simulations (band)",
        ),
        (
            "chartRisk",
            "Risk that the fund has had to turn an application down for lack of money by that year",
        ),
        (
            "chartBurden",
            "The committee's net charge over the period, median, mnkr (negative: it gains more than it pays)",
        ),
        (
            "chartResult",
            "The fund's projects' effect on the municipality's annual result, mnkr: median (line) and 5–95% (band)",
        ),
        (
            "chartCompare",
            "Over the projects' whole lives, mnkr: median (dot) and 5–95% of the simulations (line)",
        ),
        ("chartLoaded", "Grey: the scenario as loaded"),
        ("keyFigures", "Key figures per design"),
        (
            "keyNote",
            "With your changes; in grey where it differs: the scenario as loaded, on the same simulations.",
        ),
        ("design", "Design"),
        (
            "largestBurden",
            "Most exposed committee: risk of a deficit year · net charge, 95th percentile",
        ),
        ("noBurden", "No committee pays more than it gains"),
        ("burdens", "Net charge per committee"),
        (
            "burdenNote",
            "What the committee (its administration) pays to the fund minus the budget room its projects give it, summed over the period: median in mnkr and as a share of its yearly frame. Negative: it gains more than it pays. Grey: as loaded.",
        ),
        (
            "deficit",
            "Risk that the committee runs a deficit against its frame in some year",
        ),
        (
            "deficitNote",
            "Years in which the committee's own result would have kept within its frame, but not after what it pays for the fund's projects. Grey: as loaded.",
        ),
        ("unit", "Committee (administration)"),
        ("threshold", "Threshold questions"),
        (
            "thresholdNote",
            "Ask about an amount: how large is the probability or the risk, per design, with the settings above? Grey: the scenario as loaded.",
        ),
        ("ask", "Ask"),
        ("examples", "For example:"),
        ("exampleBurden", "{unit} pays more than 5 mnkr"),
        ("exampleCash", "fund below 20 mnkr {year}"),
        ("probability", "Probability"),
        ("explain", "One future, told"),
        (
            "explainNote",
            "A typical simulation in which the money did not suffice with the settings above (the first in the median year of the first turn-down for lack of money), told year by year. Every design stays in the world; only the chosen one is told.",
        ),
        ("storyDesign", "Design"),
        ("findRule", "Find the rule"),
        (
            "findRuleNote",
            "Tries seven values of one rule of the chosen design, on the same simulations and with the settings above, and picks the best that keeps both limits (as sifsim tune does).",
        ),
        ("tuneField", "Rule to try"),
        (
            "tuneDepleted",
            "Risk of a turn-down for lack of money at most",
        ),
        ("tuneTipped", "No committee's risk of a deficit year above"),
        ("tuneObjective", "Choose"),
        ("tuneSmallest", "the smallest value"),
        ("tuneLargest", "the largest value"),
        ("tuneBudget", "the most budget room freed (median)"),
        ("tuning", "Trying …"),
        ("tell", "Show a future where the money did not suffice"),
        ("telling", "Searching the simulations …"),
    ],
    models: &[
        ("budget", "Budget model"),
        ("repayment", "Repayment model"),
        ("dual", "Dual model"),
    ],
    options: &[
        ("realized", "realized saving"),
        ("measured", "frame cut by the measured effect"),
        ("planned", "fixed repayment by plan"),
        ("instalment", "each annual instalment"),
        ("plan", "the whole plan"),
        ("fund", "the fund (written off)"),
        ("lead", "the lead committee"),
    ],
};

impl PageText {
    /// The words of a model or a choice by its word in the file (`dual`, `instalment`).
    pub fn option(&self, word: &str) -> Option<&'static str> {
        (self.models.iter().chain(self.options))
            .find(|(key, _)| *key == word)
            .map(|(_, text)| *text)
    }

    /// A single text by its key.
    pub fn text(&self, key: &str) -> Option<&'static str> {
        (self.texts.iter())
            .find(|(k, _)| *k == key)
            .map(|(_, text)| *text)
    }
}

impl Lang {
    /// The live page's words in this language.
    pub fn page(self) -> &'static PageText {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

/// `strings.js`: every word of the page, both languages, as the script's `STRINGS`.
pub fn script() -> String {
    let language = |lang: Lang| {
        let page = lang.page();
        let map = |pairs: &[(&str, &str)]| {
            (pairs.iter())
                .map(|&(key, text)| (key.to_string(), serde_json::Value::from(text)))
                .collect::<serde_json::Map<_, _>>()
        };
        let mut words = map(page.texts);
        words.insert("models".into(), map(page.models).into());
        words.insert("options".into(), map(page.options).into());
        serde_json::Value::Object(words)
    };
    let strings = serde_json::json!({ "sv": language(Lang::Sv), "en": language(Lang::En) });
    format!("\"use strict\";\nconst STRINGS = {strings};\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both languages have the same words, and each fills the same values.
    #[test]
    fn both_languages_say_the_same_things() {
        let (sv, en) = (Lang::Sv.page(), Lang::En.page());
        for (a, b) in [
            (sv.texts, en.texts),
            (sv.models, en.models),
            (sv.options, en.options),
        ] {
            assert_eq!(a.len(), b.len());
            for (&(key, s), &(other, e)) in a.iter().zip(b) {
                assert_eq!(key, other);
                let holes = |t: &str| {
                    let mut h: Vec<String> = (t.split('{').skip(1))
                        .filter_map(|r| r.split_once('}').map(|(name, _)| name.to_string()))
                        .collect();
                    h.sort();
                    h
                };
                assert_eq!(holes(s), holes(e), "{key}");
            }
        }
    }
}
