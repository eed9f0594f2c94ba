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
        ("rules", "Regler"),
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
        ("notNumber", "Skriv ett tal, t.ex. 0,3."),
        ("keyFigures", "Nyckeltal per modell"),
        (
            "keyNote",
            "Stort: med dina ändringar. Litet och grått: scenariot som det laddades, på samma framtider.",
        ),
        ("now", "Nu"),
        ("loaded", "Som laddat"),
        ("design", "Modell"),
        ("risk", "Risk för avslag på grund av medelsbrist något år"),
        ("finalCash", "Fondens saldo vid utgången av {year}, median"),
        (
            "recycled",
            "Återbetalt till fonden, andel av utbetalt (perioden · projektens livslängd)",
        ),
        (
            "netSaving",
            "Undvikta kostnader, netto, under projektens hela livslängd, median, {year} års priser",
        ),
        ("chancePositive", "Sannolikhet att de är positiva"),
        (
            "budgetEffect",
            "Frigjort budgetutrymme, netto, under projektens hela livslängd, median, {year} års priser",
        ),
        ("budgetChancePositive", "Sannolikhet att det är positivt"),
        (
            "resultTipped",
            "Risk att fondens projekt något år gör balanskravsresultatet negativt när det utan dem varit positivt",
        ),
        (
            "largestBurden",
            "Mest utsatta nämnd: risk för ett underskottsår · nettobörda över perioden, 95:e percentil",
        ),
        ("noBurden", "Ingen nämnd betalar mer än den vinner"),
        ("charts", "Diagram"),
        ("fundChart", "Fondens saldo – {name}"),
        (
            "depletionChart",
            "Risk per år för avslag på grund av medelsbrist",
        ),
        ("burdenChart", "Börda per nämnd (förvaltning) och modell"),
        ("resultChart", "Effekt på kommunens resultat – {name}"),
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
        ("notApplicable", "–"),
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
        ("rules", "Rules"),
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
        ("notNumber", "Type a number, e.g. 0.3."),
        ("keyFigures", "Key figures per design"),
        (
            "keyNote",
            "Large: with your changes. Small and grey: the scenario as loaded, on the same futures.",
        ),
        ("now", "Now"),
        ("loaded", "As loaded"),
        ("design", "Design"),
        ("risk", "Risk of a turn-down for lack of money in some year"),
        (
            "finalCash",
            "The fund's balance at the end of {year}, median",
        ),
        (
            "recycled",
            "Repaid to the fund, share of payouts (period · projects' lives)",
        ),
        (
            "netSaving",
            "Net avoided cost over the projects' whole lives, median, {year} prices",
        ),
        ("chancePositive", "Chance that it is positive"),
        (
            "budgetEffect",
            "Net budget room freed over the projects' whole lives, median, {year} prices",
        ),
        ("budgetChancePositive", "Chance that it is positive"),
        (
            "resultTipped",
            "Chance that the fund's projects turn the balanced-budget result negative in some year where it would otherwise have been positive",
        ),
        (
            "largestBurden",
            "Most exposed committee: chance of a deficit year · net burden over the period, 95th percentile",
        ),
        ("noBurden", "No committee pays more than it gains"),
        ("charts", "Charts"),
        ("fundChart", "The fund's balance – {name}"),
        (
            "depletionChart",
            "Risk by year of a turn-down for lack of money",
        ),
        (
            "burdenChart",
            "Burden per committee (administration) and design",
        ),
        (
            "resultChart",
            "Effect on the municipality's result – {name}",
        ),
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
        ("notApplicable", "–"),
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
