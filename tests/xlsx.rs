//! The Excel workbooks open, hold real numbers and match the CSVs cell by cell.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};

mod common;

/// Asserts a sheet holds the CSV's cells: numbers as numbers, Swedish headers of the same count.
fn assert_sheet_matches_csv(book: &Path, sheet: &str, csv: &Path) {
    let mut workbook: Xlsx<_> = open_workbook(book).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    let mut rows = range.rows();
    let header = rows.next().unwrap();
    let mut reader = csv::Reader::from_path(csv).unwrap();
    assert_eq!(header.len(), reader.headers().unwrap().len());
    let mut count = 0;
    for (cells, record) in rows.zip(reader.records()) {
        for (cell, field) in cells.iter().zip(record.unwrap().iter()) {
            match (cell, field.parse::<f64>()) {
                (Data::Float(x), Ok(y)) => assert_eq!(*x, y, "{sheet}"),
                (Data::String(s), Err(_)) => assert_eq!(s, field),
                (Data::Empty, Err(_)) if field.is_empty() => {}
                other => panic!("{sheet}: {other:?} for {field}"),
            }
        }
        count += 1;
    }
    assert!(count > 0);
}

#[test]
fn run_writes_a_workbook_that_matches_its_csvs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    Command::cargo_bin("sifsim")
        .unwrap()
        .args([
            "run",
            "scenarios/compare.toml",
            "--paths",
            "300",
            "--quiet",
            "--xlsx",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let book = out.join("results.xlsx");
    let workbook: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        vec!["Sammanfattning", "Fond", "Förvaltningar"]
    );
    assert_sheet_matches_csv(&book, "Fond", &out.join("fund.csv"));
    assert_sheet_matches_csv(&book, "Förvaltningar", &out.join("units.csv"));
    let mut workbook: Xlsx<_> = open_workbook(&book).unwrap();
    let summary = workbook.worksheet_range("Sammanfattning").unwrap();
    assert_eq!(summary.get((0, 0)), Some(&Data::String("Modell".into())));
    assert_eq!(summary.get((1, 0)), Some(&Data::String("Budget".into())));
    assert!(matches!(summary.get((1, 2)), Some(Data::Float(_))));
    let fund = workbook.worksheet_range("Fond").unwrap();
    assert_eq!(fund.get((0, 1)), Some(&Data::String("År".into())));
    assert_eq!(
        fund.get((0, 3)),
        Some(&Data::String("Fondens saldo (mnkr), 5:e percentil".into()))
    );
}

/// The text of `name` inside the workbook (an xlsx file is a zip of XML files).
fn part(book: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(fs::File::open(book).unwrap()).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn the_workbook_formats_shares_as_percentages_and_amounts_with_one_decimal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    Command::cargo_bin("sifsim")
        .unwrap()
        .args([
            "run",
            "scenarios/compare.toml",
            "--paths",
            "200",
            "--quiet",
            "--xlsx",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let book = out.join("results.xlsx");
    let styles = part(&book, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.0%\""), "{styles}");
    assert!(styles.contains("formatCode=\"#,##0.0\""), "{styles}");
    for sheet in 1..=3 {
        let xml = part(&book, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(
            xml.contains("<autoFilter ref=\"A1:"),
            "sheet {sheet} has no filter"
        );
        assert!(xml.contains(" s=\""), "sheet {sheet} has no formatted cell");
    }
}

#[test]
fn sweep_writes_a_workbook_that_matches_its_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sweep");
    Command::cargo_bin("sifsim")
        .unwrap()
        .args([
            "sweep",
            "scenarios/compare.toml",
            "--paths",
            "200",
            "--xlsx",
        ])
        .args(["--set", "design.repayment.horizon_years=5,10", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(fs::metadata(out.join("sweep.xlsx")).unwrap().len() > 0);
    assert_sheet_matches_csv(&out.join("sweep.xlsx"), "Svep", &out.join("sweep.csv"));
}

#[test]
fn sensitivity_writes_a_workbook_that_matches_its_csv() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sensitivity");
    Command::cargo_bin("sifsim")
        .unwrap()
        .args([
            "sensitivity",
            "scenarios/compare.toml",
            "--paths",
            "100",
            "--design",
            "Budget",
            "--xlsx",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    assert_sheet_matches_csv(
        &out.join("sensitivity.xlsx"),
        "Känslighet",
        &out.join("sensitivity.csv"),
    );
}

/// Names that read as numbers ("007", "1e5", "inf") became numbers in the workbook.
#[test]
fn xlsx_keeps_numeric_looking_names_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let designs = ["007", "1e5", "inf", "NaN"];
    let path = common::compare_renamed(dir.path(), designs);
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("\"fritid\"", "\"0042\"");
    fs::write(&path, text).unwrap();
    let out = dir.path().join("out");
    Command::cargo_bin("sifsim")
        .unwrap()
        .arg("run")
        .arg(&path)
        .args(["--paths", "100", "--quiet", "--xlsx", "--out"])
        .arg(&out)
        .assert()
        .success();
    let mut workbook: Xlsx<_> = open_workbook(out.join("results.xlsx")).unwrap();
    let mut column = |sheet: &str, col: usize| -> Vec<Data> {
        let range = workbook.worksheet_range(sheet).unwrap();
        range.rows().skip(1).map(|row| row[col].clone()).collect()
    };
    let names = |cells: Vec<Data>| -> Vec<String> {
        cells
            .into_iter()
            .map(|cell| match cell {
                Data::String(s) => s,
                other => panic!("{other:?} is not text"),
            })
            .collect()
    };
    assert_eq!(names(column("Sammanfattning", 0)), designs);
    assert!(
        names(column("Fond", 0))
            .iter()
            .all(|d| designs.contains(&d.as_str()))
    );
    assert!(names(column("Förvaltningar", 1)).contains(&"0042".to_string()));
    assert!(matches!(column("Fond", 1)[0], Data::Float(_)));
}
