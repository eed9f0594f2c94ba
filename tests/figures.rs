//! Every output figure is declared once (`labels::figures`) and every export shows what is
//! declared: a column without a name, a declared figure no file writes, or a key figure missing
//! from the terminal, the workbook or the report fails here.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use sifsim::export::key_figures::{KEY_FIGURES, Value};
use sifsim::internals::labels::{Lang, figures};
use sifsim::results::Summary;

/// Runs `sifsim ARGS --out DIR` and returns its stdout.
fn sifsim(args: &[&str], out: &Path) -> String {
    let assert = Command::cargo_bin("sifsim")
        .unwrap()
        .args(args)
        .args(["--quiet", "--xlsx", "--out"])
        .arg(out)
        .assert()
        .success();
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

/// A CSV file's header.
fn header(path: &Path) -> Vec<String> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    reader.headers().unwrap().iter().map(String::from).collect()
}

/// The first row of a workbook's sheet, as text.
fn sheet_header(book: &Path, sheet: &str) -> Vec<String> {
    let mut workbook: Xlsx<_> = open_workbook(book).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    let first = range.rows().next().unwrap();
    first
        .iter()
        .map(|cell| match cell {
            Data::String(s) => s.clone(),
            other => panic!("{other:?} in a header"),
        })
        .collect()
}

#[test]
fn every_column_is_a_declared_figure_and_every_figure_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (run, sweep, sensitivity) = (
        dir.path().join("run"),
        dir.path().join("sweep"),
        dir.path().join("sensitivity"),
    );
    let scenario = "scenarios/compare.toml";
    let table = sifsim(&["report", scenario, "--paths", "200"], &run);
    sifsim(
        &[
            "sweep",
            scenario,
            "--paths",
            "100",
            "--set",
            "design.repayment.horizon_years=5,10",
        ],
        &sweep,
    );
    sifsim(
        &[
            "sensitivity",
            scenario,
            "--paths",
            "100",
            "--design",
            "Budget",
        ],
        &sensitivity,
    );

    let mut columns: Vec<String> = Vec::new();
    columns.extend(header(&run.join("fund.csv")));
    columns.extend(header(&run.join("units.csv")));
    // The sweep's first column is its setting, an input rather than a figure.
    columns.extend(header(&sweep.join("sweep.csv")).into_iter().skip(1));
    columns.extend(header(&sensitivity.join("sensitivity.csv")));
    let book = run.join("results.xlsx");
    let summary_sheet = sheet_header(&book, "Sammanfattning");
    // The sheets that are no CSV: their headings are declared figures' names, or years across.
    let sheets: Vec<String> = [
        "Sammanfattning",
        "Jämförelse",
        "Saldo per år, mnkr",
        "Belastning per år, mnkr, median",
        "Nämnder, totalt",
        "Indata",
    ]
    .iter()
    .flat_map(|sheet| sheet_header(&book, sheet))
    .filter(|heading| heading.parse::<i64>().is_err())
    .collect();
    let mut written = BTreeSet::new();
    for column in &columns {
        let (figure, _) = figures::column(column)
            .unwrap_or_else(|| panic!("column {column} is not a declared figure"));
        written.insert(figure.key);
    }
    // summary.json's designs, their units and what happens after the period.
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(run.join("summary.json")).unwrap()).unwrap();
    let design = &json["designs"][0];
    // The top level's `outcomes` (MODEL.md 7.6) is a figure, and so are its keys.
    assert!(json["outcomes"].is_object(), "summary.json has no outcomes");
    written.insert(figures::find("outcomes").unwrap().key);
    written.insert(figures::find("comparisons").unwrap().key);
    let objects = [
        design,
        &design["units"][0],
        &design["after_window"],
        &json["outcomes"],
        &json["comparisons"][0],
    ];
    for key in objects.iter().flat_map(|o| o.as_object().unwrap().keys()) {
        let figure = figures::find(key)
            .unwrap_or_else(|| panic!("summary.json's {key} is not a declared figure"));
        written.insert(figure.key);
    }
    for heading in &sheets {
        let figure = (figures::all())
            .find(|f| {
                let name = f.name(Lang::Sv);
                heading == name
                    || heading.starts_with(&format!("{name} ("))
                    || heading.starts_with(&format!("{name}, "))
            })
            .unwrap_or_else(|| panic!("the workbook's {heading} is not a declared figure"));
        written.insert(figure.key);
    }
    for figure in figures::all() {
        assert!(
            written.contains(figure.key),
            "{} is declared but no file writes it",
            figure.key
        );
    }

    // Each key figure is in the terminal table, the workbook's summary and the report.
    let summary: Summary =
        serde_json::from_slice(&fs::read(run.join("summary.json")).unwrap()).unwrap();
    let report = fs::read_to_string(run.join("report.html")).unwrap();
    let terminal = table.split_whitespace().collect::<Vec<_>>().join(" ");
    for k in &KEY_FIGURES {
        let figure = k.figure();
        let name = figure.name(Lang::Sv);
        assert!(report.contains(name), "{name} not in the report");
        let short = figure.short(Lang::Sv);
        // Headings wrap over lines: compare word by word.
        let words: Vec<&str> = short.split_whitespace().collect();
        assert!(
            !k.on_terminal() || words.iter().all(|w| terminal.contains(w)),
            "{short} not in the terminal table:\n{table}"
        );
        let in_sheet = summary_sheet.iter().any(|h| h.starts_with(name));
        assert!(in_sheet, "{name} not in the summary sheet");
        if let Value::Amount(_) = k.value(&summary.designs[0]) {
            for p in ["p5", "p50", "p95"] {
                let heading = figures::heading(&format!("{}_{p}", k.key), Lang::Sv);
                assert!(summary_sheet.contains(&heading), "{heading}");
            }
        }
    }
}

#[test]
fn the_report_is_english_under_lang_en() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    sifsim(
        &[
            "report",
            "scenarios/compare.toml",
            "--paths",
            "100",
            "--lang",
            "en",
            "--set",
            "design.repayment.horizon_years=5,10",
        ],
        &out,
    );
    let report = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(report.contains("<html lang=\"en\">"));
    for k in &KEY_FIGURES {
        let (sv, en) = (k.figure().name(Lang::Sv), k.figure().name(Lang::En));
        assert!(!report.contains(sv), "Swedish {sv} in the English report");
        assert!(report.contains(en), "{en} missing");
    }
    for swedish in [
        "Slutsatser",
        "framtider",
        "Nämnd",
        "medelsbrist",
        "Svep",
        "Återföringstid",
        "Om metoden",
        "mnkr (5–95\u{a0}%",
    ] {
        assert!(!report.contains(swedish), "{swedish} in the English report");
    }
    assert!(
        report.contains("Repayment period, years"),
        "the sweep's setting"
    );
}
