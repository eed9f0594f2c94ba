//! One glossary a finance office would sign: no retired phrase in the outputs of the bundled
//! funds, in either language (run, sweep, explain and sensitivity on the terminal, the report,
//! every chart's SVG text, the workbook, the live page's words); no Swedish word in English
//! output but the scenario's own names; and the terminal's output within 100 columns.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::Path;

use assert_cmd::Command;
use sifsim::Scenario;
use sifsim::internals::labels::page;

/// The bundled funds.
const FUNDS: [&str; 5] = ["ale", "boras", "norrkoping", "orebro", "tomelilla"];

/// Retired Swedish phrases (whole phrases), as the glossary lists them.
const RETIRED_SV: [&str; 21] = [
    "nej av medelsbrist",
    "tog slut",
    "Nettobörda",
    "nettobörda",
    "Störst börda",
    "framtider, frö",
    "Nedskrivna fordringar",
    "skrivs ned",
    "efterskänks",
    "Återbetalningstid",
    "Återbetalt",
    "avbetalning",
    "(ramminskning)",
    "för brister som ledande nämnd",
    "kostnadsöverskridanden",
    "Chans till",
    "chans > 0",
    "underskott mot ramen",
    "5–95 %",
    "25–75 %",
    "Committee (förvaltning)",
];

/// Swedish words that must not reach English output outside the scenario's names.
const SWEDISH_WORDS: [&str; 8] = [
    "förvaltning",
    "nämnd",
    "framtid",
    "frö",
    "medelsbrist",
    "återföring",
    "budgetutrymme",
    "simulering",
];

fn sifsim(args: &[&str]) -> String {
    let assert = Command::cargo_bin("sifsim")
        .unwrap()
        .args(args)
        .assert()
        .success();
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

/// Every text a run with report and workbook writes into `out`: the report, the charts' SVG
/// and the workbook's cells.
fn written(out: &Path) -> Vec<(String, String)> {
    // The report's table heads carry soft hyphens (U+00AD) where long words may break; a
    // reader sees the words whole, and so does this test.
    let report = fs::read_to_string(out.join("report.html")).unwrap();
    let mut texts = vec![("report.html".to_string(), report.replace('\u{ad}', ""))];
    texts.extend(svgs_in(&out.join("charts")));
    for entry in fs::read_dir(out).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "xlsx") {
            let mut book = zip::ZipArchive::new(fs::File::open(&path).unwrap()).unwrap();
            for i in 0..book.len() {
                let mut part = book.by_index(i).unwrap();
                let name = part.name().unwrap().to_string();
                if name.ends_with(".xml") {
                    let mut text = String::new();
                    part.read_to_string(&mut text).unwrap();
                    texts.push((format!("{} {name}", path.display()), text));
                }
            }
        }
    }
    texts
}

/// Every SVG chart in `dir`, with its path.
fn svgs_in(dir: &Path) -> Vec<(String, String)> {
    let paths = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path());
    (paths.filter(|path| path.extension().is_some_and(|e| e == "svg")))
        .map(|path| {
            (
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            )
        })
        .collect()
}

/// The names a scenario gives (fund, municipality, units, designs, projects): the user's
/// words, which any language shows as written.
fn names(scenario: &Path) -> Vec<String> {
    let s = Scenario::load(scenario).unwrap();
    let mut names = vec![s.name().to_string(), s.municipality().name.clone()];
    names.extend(
        s.units()
            .iter()
            .flat_map(|u| [u.name.clone(), u.id.clone()]),
    );
    names.extend(s.designs().iter().map(|d| d.name.clone()));
    names.extend(s.project_types().iter().map(|t| t.spec.name.clone()));
    names.extend(s.projects().iter().map(|p| p.spec.name.clone()));
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

/// The words of `names`: a chart wraps a long name, so a word of it may stand alone.
fn words_of(names: &[String]) -> HashSet<String> {
    (names.iter())
        .flat_map(|n| n.split(' ').map(str::to_lowercase).collect::<Vec<_>>())
        .collect()
}

/// `text` with the scenario's names (whole) taken out.
fn without(text: &str, names: &[String]) -> String {
    names
        .iter()
        .fold(text.to_string(), |t, n| t.replace(n.as_str(), " "))
}

/// The word of `text` around byte `at` (letters, digits and hyphens), lowercased.
fn word_at(text: &str, at: usize) -> String {
    let part = |c: char| c.is_alphanumeric() || c == '-';
    let start = (text[..at].char_indices().rev())
        .take_while(|&(_, c)| part(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = (text[at..].char_indices())
        .find(|&(_, c)| !part(c))
        .map_or(text.len(), |(i, _)| at + i);
    text[start..end].to_lowercase()
}

/// Asserts `text` (from `place`) holds no phrase of `phrases` (compared in lower case when
/// `any_case`), but as (a piece of) a word of the scenario's names (`name_words`).
fn holds_none(
    place: &str,
    text: &str,
    phrases: &[&str],
    name_words: &HashSet<String>,
    any_case: bool,
) {
    let haystack = if any_case {
        text.to_lowercase()
    } else {
        text.to_string()
    };
    for phrase in phrases {
        let phrase = if any_case {
            phrase.to_lowercase()
        } else {
            phrase.to_string()
        };
        for (at, _) in haystack.match_indices(&phrase) {
            // A chart may break a long word of a name ("vuxenutbildnings-", "nämnden").
            let word = word_at(&haystack, at);
            if !phrase.contains(' ') && name_words.iter().any(|w| w.contains(word.as_str())) {
                continue;
            }
            let excerpt: String = haystack[at..].chars().take(80).collect();
            panic!("{place}: retired {phrase:?} in …{excerpt}…");
        }
    }
}

/// A whole-word "Frö"/"frö" followed by a number, or the column "Modell".
fn retired_words(place: &str, text: &str) {
    for (i, _) in text.match_indices("frö ") {
        let before = text[..i].chars().next_back();
        let next = text[i + "frö ".len()..].chars().next();
        assert!(
            before.is_some_and(char::is_alphabetic) || !next.is_some_and(|c| c.is_ascii_digit()),
            "{place}: \"frö N\" (write \"slumptalsfrö N\")"
        );
    }
    for word in ["Frö", "Modell"] {
        for (i, _) in text.match_indices(word) {
            let before = text[..i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            let whole =
                !before.is_some_and(char::is_alphabetic) && !after.is_some_and(char::is_alphabetic);
            assert!(!whole, "{place}: retired word {word:?}");
        }
    }
}

/// Asserts every line of `text` fits 100 columns.
fn fits(place: &str, text: &str) {
    for line in text.lines() {
        let width = line.chars().count();
        assert!(width <= 100, "{place}: a line of {width} columns: {line}");
    }
}

#[test]
fn no_retired_phrase_in_any_output_and_the_terminal_fits_100_columns() {
    holds_none(
        "strings.js",
        &page::script(),
        &RETIRED_SV,
        &HashSet::new(),
        false,
    );
    for fund in FUNDS {
        let file = format!("scenarios/{fund}.toml");
        let names = names(Path::new(&file));
        let name_words = words_of(&names);
        let design = names_of_designs(&file);
        for lang in ["sv", "en"] {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("out");
            let out_text = out.to_str().unwrap();
            let run = sifsim(&[
                "run", &file, "--paths", "300", "--report", "--xlsx", "--quiet", "--lang", lang,
                "--out", out_text,
            ]);
            // A job of 200 futures written into its own folder, `extra` after the file.
            let job = |name: &str, extra: &[&str]| {
                let out = dir.path().join(name);
                let common = ["--paths", "200", "--quiet", "--lang", lang, "--out"];
                let args = [
                    &[name, file.as_str()],
                    extra,
                    &common,
                    &[out.to_str().unwrap()],
                ];
                (sifsim(&args.concat()), out)
            };
            let (sweep, _) = job("sweep", &["--set", "municipality.index=0.01,0.02"]);
            let explain = sifsim(&["explain", &file, "--design", &design, "--lang", lang]);
            let (sensitivity, sensitivity_out) = job("sensitivity", &[]);
            let mut texts = written(&out);
            texts.extend(svgs_in(&sensitivity_out.join("charts")));
            let printed = [
                ("run", &run),
                ("sweep", &sweep),
                ("explain", &explain),
                ("sensitivity", &sensitivity),
            ];
            for (place, text) in printed {
                fits(&format!("{fund} {lang} {place}"), text);
                texts.push((place.to_string(), text.clone()));
            }
            for (place, text) in &texts {
                let place = format!("{fund} {lang} {place}");
                let text = without(text, &names);
                holds_none(&place, &text, &RETIRED_SV, &name_words, false);
                retired_words(&place, &text);
                if lang == "en" {
                    holds_none(&place, &text, &SWEDISH_WORDS, &name_words, true);
                }
            }
        }
    }
}

/// The first design's name of a scenario file.
fn names_of_designs(file: &str) -> String {
    Scenario::load(Path::new(file)).unwrap().designs()[0]
        .name
        .clone()
}
