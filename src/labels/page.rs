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
            "Ändra en regel eller ett antagande: alla framtider räknas om på en gång, på samma slumpade framtider för alla modeller.",
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
        ("done", "{paths} framtider · {ms} ms"),
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
            "Preliminärt: de första {paths} framtiderna; alla {total} räknas …",
        ),
        ("median", "median"),
        ("fullScreen", "Helskärm (f)"),
        ("tabBalance", "Fondens saldo"),
        ("tabRisk", "Risk per år"),
        ("tabBurden", "Börda per nämnd"),
        ("tabResult", "Resultatet"),
        ("tabCompare", "Jämförelse"),
        (
            "chartBalance",
            "Fondens saldo vid årets slut, mnkr: median (linje) och 5–95\u{a0}% av framtiderna (band)",
        ),
        (
            "chartRisk",
            "Risk att fonden senast det året har måst avslå en ansökan på grund av medelsbrist",
        ),
        (
            "chartBurden",
            "Nämndens nettobörda över perioden, median, mnkr (negativ: nämnden vinner mer än den betalar)",
        ),
        (
            "chartResult",
            "Fondens projekts effekt på kommunens årsresultat, mnkr: median (linje) och 5–95\u{a0}% (band)",
        ),
        (
            "chartCompare",
            "Under projektens hela livslängd, mnkr: median (punkt) och 5–95\u{a0}% av framtiderna (linje)",
        ),
        ("chartLoaded", "Grått: scenariot som det laddades"),
        ("keyFigures", "Nyckeltal per modell"),
        (
            "keyNote",
            "Med dina ändringar; i grått där det skiljer sig: scenariot som det laddades, på samma framtider.",
        ),
        ("design", "Modell"),
        (
            "largestBurden",
            "Mest utsatta nämnd: risk för underskottsår · börda, 95:e percentil",
        ),
        ("noBurden", "Ingen nämnd betalar mer än den vinner"),
        ("burdens", "Börda per nämnd"),
        (
            "burdenNote",
            "Vad nämnden (förvaltningen) betalar till fonden minus det budgetutrymme projekten ger den, summerat över perioden: median i mnkr och som andel av nämndens årsram. Negativt: nämnden vinner mer än den betalar. Grått: som laddat.",
        ),
        (
            "deficit",
            "Risk att nämnden något år går med underskott mot sin ram",
        ),
        (
            "deficitNote",
            "År då nämndens eget resultat hade hållit ramen, men inte efter det den betalar för fondens projekt. Grått: som laddat.",
        ),
        ("unit", "Nämnd (förvaltning)"),
        ("threshold", "Tröskelfrågor"),
        (
            "thresholdNote",
            "Skriv en fråga om ett belopp: hur stor är chansen eller risken, per modell, med inställningarna ovan? Grått: scenariot som det laddades.",
        ),
        ("ask", "Fråga"),
        ("examples", "Till exempel:"),
        ("exampleBurden", "{unit} betalar mer än 5 mnkr"),
        ("exampleCash", "fonden under 20 mnkr {year}"),
        ("probability", "Sannolikhet"),
        ("explain", "En framtid, berättad"),
        (
            "explainNote",
            "En typisk framtid där fonden tog slut med inställningarna ovan (den första i medianåret för det första avslaget på grund av medelsbrist), berättad år för år. Alla modeller finns kvar i världen; bara den valda berättas.",
        ),
        ("storyDesign", "Modell"),
        ("findRule", "Hitta regeln"),
        (
            "findRuleNote",
            "Prövar sju värden på en regel för den valda modellen, på samma framtider och med inställningarna ovan, och väljer det bästa som håller båda gränserna (som sifsim tune).",
        ),
        ("tuneField", "Regel att pröva"),
        (
            "tuneDepleted",
            "Risk för avslag på grund av medelsbrist högst",
        ),
        ("tuneTipped", "Ingen nämnds risk för underskottsår över"),
        ("tuneObjective", "Välj"),
        ("tuneSmallest", "minsta värdet"),
        ("tuneLargest", "största värdet"),
        ("tuneBudget", "mest frigjort budgetutrymme (median)"),
        ("tuning", "Prövar …"),
        ("tell", "Visa en framtid där fonden tog slut"),
        ("telling", "Letar bland framtiderna …"),
    ],
    models: &[
        ("budget", "Budgetmodell"),
        ("repayment", "Återföringsmodell"),
        ("dual", "Dubbelmodell"),
    ],
    options: &[
        ("realized", "realiserad besparing"),
        ("measured", "mätt besparing"),
        ("planned", "planen oavsett utfall"),
        ("instalment", "varje delbetalning"),
        ("plan", "hela planen"),
        ("fund", "fonden (efterskänks)"),
        ("lead", "den ledande nämnden"),
    ],
};

const EN: PageText = PageText {
    texts: &[
        ("title", "The fund's futures – live"),
        (
            "lead",
            "Change a rule or an assumption: every future is computed again at once, on the same random futures for every design.",
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
        ("done", "{paths} futures · {ms} ms"),
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
            "Preliminary: the first {paths} futures; all {total} are being computed …",
        ),
        ("median", "median"),
        ("fullScreen", "Full screen (f)"),
        ("tabBalance", "Fund balance"),
        ("tabRisk", "Risk by year"),
        ("tabBurden", "Burden per committee"),
        ("tabResult", "The result"),
        ("tabCompare", "Comparison"),
        (
            "chartBalance",
            "The fund's balance at the end of each year, mnkr: median (line) and 5–95% of the futures (band)",
        ),
        (
            "chartRisk",
            "Risk that the fund has had to turn an application down for lack of money by that year",
        ),
        (
            "chartBurden",
            "The committee's net burden over the period, median, mnkr (negative: it gains more than it pays)",
        ),
        (
            "chartResult",
            "The fund's projects' effect on the municipality's annual result, mnkr: median (line) and 5–95% (band)",
        ),
        (
            "chartCompare",
            "Over the projects' whole lives, mnkr: median (dot) and 5–95% of the futures (line)",
        ),
        ("chartLoaded", "Grey: the scenario as loaded"),
        ("keyFigures", "Key figures per design"),
        (
            "keyNote",
            "With your changes; in grey where it differs: the scenario as loaded, on the same futures.",
        ),
        ("design", "Design"),
        (
            "largestBurden",
            "Most exposed committee: risk of a deficit year · burden, 95th percentile",
        ),
        ("noBurden", "No committee pays more than it gains"),
        ("burdens", "Burden per committee"),
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
            "Ask about an amount: how large is the chance or the risk, per design, with the settings above? Grey: the scenario as loaded.",
        ),
        ("ask", "Ask"),
        ("examples", "For example:"),
        ("exampleBurden", "{unit} pays more than 5 mnkr"),
        ("exampleCash", "fund below 20 mnkr {year}"),
        ("probability", "Probability"),
        ("explain", "One future, told"),
        (
            "explainNote",
            "A typical future in which the fund ran dry with the settings above (the first in the median year of the first turn-down for lack of money), told year by year. Every design stays in the world; only the chosen one is told.",
        ),
        ("storyDesign", "Design"),
        ("findRule", "Find the rule"),
        (
            "findRuleNote",
            "Tries seven values of one rule of the chosen design, on the same futures and with the settings above, and picks the best that keeps both limits (as sifsim tune does).",
        ),
        ("tuneField", "Rule to try"),
        (
            "tuneDepleted",
            "Chance of turning an application down for lack of money at most",
        ),
        (
            "tuneTipped",
            "No committee's chance of a deficit year above",
        ),
        ("tuneObjective", "Choose"),
        ("tuneSmallest", "the smallest value"),
        ("tuneLargest", "the largest value"),
        ("tuneBudget", "the most budget room freed (median)"),
        ("tuning", "Trying …"),
        ("tell", "Show a future where the fund ran dry"),
        ("telling", "Searching the futures …"),
    ],
    models: &[
        ("budget", "Budget model"),
        ("repayment", "Repayment model"),
        ("dual", "Dual model"),
    ],
    options: &[
        ("realized", "realized saving"),
        ("measured", "measured saving"),
        ("planned", "the plan whatever happened"),
        ("instalment", "each instalment"),
        ("plan", "the whole plan"),
        ("fund", "the fund (forgiven)"),
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
