//! How `tune` says what it found, in Swedish and English. `{name}` marks where a value goes.

use super::Lang;

/// The words of a tuning in one language.
pub struct TuneText {
    /// The best setting and its figures.
    pub best: &'static str,
    /// Nothing meets every requirement.
    pub none: &'static str,
    pub frontier: &'static str,
    pub written: &'static str,
    pub maximise: &'static str,
    pub minimise: &'static str,
}

const SV: TuneText = TuneText {
    best: "{design}: bästa inställningen av {evaluated} som uppfyller alla krav ({objective}): {settings}. Där är {figures}.",
    none: "{design}: ingen av {evaluated} inställningar uppfyller alla krav; närmast missar kravet {requirement} med {miss}.",
    frontier: "Med kravet på {figure} satt till varje nivå som någon inställning når, och de andra kraven uppfyllda: {objective}",
    written: "Inställningarna skrevs till",
    maximise: "största",
    minimise: "minsta",
};

const EN: TuneText = TuneText {
    best: "{design}: the best of {evaluated} settings that meets every requirement ({objective}): {settings}. There {figures}.",
    none: "{design}: none of {evaluated} settings meets every requirement; the closest misses {requirement} by {miss}.",
    frontier: "With the requirement on {figure} set to each level some setting reaches, and the other requirements met: the {objective}",
    written: "Settings written to",
    maximise: "largest",
    minimise: "smallest",
};

impl Lang {
    /// The tuning's words in this language.
    pub fn tune(self) -> &'static TuneText {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}
