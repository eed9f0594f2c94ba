//! One glossary a finance office would sign: no retired phrase in any output of the bundled
//! funds, in either language (terminal, report, charts' SVG text, workbook, live page words);
//! no Swedish word in English output but the scenario's own names; and the terminal's run,
//! sweep and explain output within 100 columns.

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
    let mut texts = vec![(
        "report.html".to_string(),
        fs::read_to_string(out.join("report.html")).unwrap(),
    )];
    for entry in fs::read_dir(out.join("charts")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "svg") {
            texts.push((
                path.display().to_string(),
                fs::read_to_string(&path).unwrap(),
            ));
        }
    }
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
    // Charts wrap a long name, so each of its words is the user's too.
    let words: Vec<String> = (names.iter())
        .flat_map(|n| n.split(' ').map(String::from).collect::<Vec<_>>())
        .collect();
    names.extend(words);
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

/// `text` with the scenario's names taken out.
fn without(text: &str, names: &[String]) -> String {
    names
        .iter()
        .fold(text.to_string(), |t, n| t.replace(n.as_str(), " "))
}

/// Asserts `text` (from `place`) holds no phrase of `phrases`.
fn holds_none(place: &str, text: &str, phrases: &[&str]) {
    for phrase in phrases {
        let at = text.find(phrase);
        assert!(
            at.is_none(),
            "{place}: retired {phrase:?} in …{}…",
            at.map_or("", |i| &text
                [i.saturating_sub(60)..(i + 60).min(text.len())])
        );
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
    holds_none("strings.js", &page::script(), &RETIRED_SV);
    for fund in FUNDS {
        let file = format!("scenarios/{fund}.toml");
        let names = names(Path::new(&file));
        let design = names_of_designs(&file);
        for lang in ["sv", "en"] {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("out");
            let out_text = out.to_str().unwrap();
            let run = sifsim(&[
                "run", &file, "--paths", "300", "--report", "--xlsx", "--quiet", "--lang", lang,
                "--out", out_text,
            ]);
            let sweep_out = dir.path().join("sweep");
            let sweep = sifsim(&[
                "sweep",
                &file,
                "--set",
                "municipality.index=0.01,0.02",
                "--paths",
                "200",
                "--quiet",
                "--lang",
                lang,
                "--out",
                sweep_out.to_str().unwrap(),
            ]);
            let explain = sifsim(&["explain", &file, "--design", &design, "--lang", lang]);
            let mut texts = written(&out);
            for (place, text) in [("run", &run), ("sweep", &sweep), ("explain", &explain)] {
                fits(&format!("{fund} {lang} {place}"), text);
                texts.push((place.to_string(), text.clone()));
            }
            for (place, text) in &texts {
                let place = format!("{fund} {lang} {place}");
                let text = without(text, &names);
                holds_none(&place, &text, &RETIRED_SV);
                retired_words(&place, &text);
                if lang == "en" {
                    holds_none(&place, &text, &SWEDISH_WORDS);
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
