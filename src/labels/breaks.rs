//! Where the long words of table headings may break. A narrow column (in print, on a phone)
//! breaks a heading at these points, with a hyphen, instead of anywhere inside a word
//! ("Skillna|d"). Browsers carry no Swedish hyphenation offline, so the points are listed here
//! for the words the headings use; other words (a scenario's own names) break between words.

/// The headings' long words, lower case, their breaks marked `-`. The Swedish follow the
/// Swedish rule (a compound at its parts, else before the last consonant ahead of a vowel).
const WORDS: &[&str] = &[
    // Swedish
    "alter-nativ",
    "alter-nativen",
    "an-sökan",
    "av-sättningar",
    "balans-kravs-resultat",
    "balans-kravs-resultatet",
    "be-sparing",
    "be-sparingar",
    "bidrags-delen",
    "budget-av-vikelse",
    "budget-effekt",
    "budget-utrymme",
    "budget-utrymmet",
    "diskon-terade",
    "diskon-terat",
    "dispo-nerade",
    "dispo-nerat",
    "drift-kost-nader",
    "finan-sierade",
    "finan-sierings-modell",
    "för-dyringar",
    "för-skjutning",
    "för-valtning",
    "för-valtningar",
    "gemen-samma",
    "jäm-förelse",
    "jäm-förelsen",
    "korre-lation",
    "kost-nader",
    "kost-naderna",
    "livs-längd",
    "livs-längden",
    "medels-brist",
    "medel-värde",
    "netto-belast-ning",
    "netto-belast-ningen",
    "nämn-dernas",
    "outnytt-jade",
    "percen-til",
    "perio-dens",
    "projek-tens",
    "resul-tatet",
    "samman-fattning",
    "sannolik-het",
    "sannolik-heten",
    "scenario-filen",
    "simu-lering",
    "simu-leringar",
    "skill-nad",
    "start-kapital",
    "start-årets",
    "statis-tiskt",
    "ut-betal-ningar",
    "ut-betal-ningarna",
    "ut-värde-ringarnas",
    "åter-föring",
    "åter-föringar",
    "åter-förings-tid",
    "över-stiger",
    // English
    "admin-istration",
    "admin-istra-tions",
    "appli-cation",
    "com-mittee",
    "com-mittees",
    "com-parison",
    "cor-rela-tion",
    "dif-ference",
    "dis-counted",
    "evalu-ations",
    "munic-ipality",
    "per-centile",
    "prob-ability",
    "re-payment",
    "re-payments",
    "simu-lation",
    "simu-lations",
    "un-committed",
];

/// `text` with a soft hyphen (U+00AD) at each break of its listed words, whatever their case.
pub fn soft_hyphens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(char::is_alphabetic) {
        out += &rest[..start];
        let word_len = rest[start..]
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len() - start);
        let word = &rest[start..start + word_len];
        out += &broken(word).unwrap_or_else(|| word.to_string());
        rest = &rest[start + word_len..];
    }
    out + rest
}

/// `word` with soft hyphens at its listed breaks, in its own case; `None` when not listed.
fn broken(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let pattern = (WORDS.iter()).find(|w| w.chars().filter(|&c| c != '-').eq(lower.chars()))?;
    let mut letters = word.chars();
    Some(
        pattern
            .chars()
            .map(|c| {
                if c == '-' {
                    '\u{ad}'
                } else {
                    letters.next().unwrap_or(c)
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::labels::Lang;
    use crate::labels::figures::{self, Statistic};

    #[test]
    fn listed_words_break_at_their_parts_in_their_own_case() {
        assert_eq!(
            soft_hyphens("Skillnad A − B, 5:e percentil"),
            "Skill\u{ad}nad A − B, 5:e percen\u{ad}til"
        );
        assert_eq!(
            soft_hyphens("Återföringstid, år"),
            "Åter\u{ad}förings\u{ad}tid, år"
        );
        assert_eq!(soft_hyphens("Probability > 0"), "Prob\u{ad}ability > 0");
        // A word not listed, or listed only as a part of it, is left whole.
        assert_eq!(
            soft_hyphens("Golv på varje delbetalning"),
            "Golv på varje delbetalning"
        );
    }

    /// Every word of ten letters or more in a figure's heading, in either language, is listed:
    /// a new heading with a long word fails here until its breaks are added.
    #[test]
    fn every_long_word_of_a_figure_heading_has_its_breaks() {
        let mut missing = Vec::new();
        for lang in [Lang::Sv, Lang::En] {
            let statistics = [Statistic::Mean, Statistic::Percentile(5)].map(|s| s.name(lang));
            let names = figures::all().flat_map(|f| [f.name(lang), f.short(lang)]);
            for heading in names.chain(statistics.iter().map(String::as_str)) {
                for word in heading.split(|c: char| !c.is_alphabetic()) {
                    if word.chars().count() >= 10 && broken(word).is_none() {
                        missing.push(word.to_lowercase());
                    }
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "words without breaks: {missing:?}");
    }
}
