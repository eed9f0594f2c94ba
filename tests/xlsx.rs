//! The Excel workbooks open, hold real numbers and match the CSVs cell by cell.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx, open_workbook};
use sifsim::internals::edit::FieldPath;
use sifsim::internals::labels::{Lang, figures, inputs};

mod common;

use common::sifsim_run;

/// Asserts a sheet holds exactly the CSV: as many rows, each column's heading the figure's
/// name in `lang`, every cell the CSV's field (numbers as numbers, names as text).
fn assert_sheet_matches_csv(book: &Path, sheet: &str, csv: &Path, lang: Lang) {
    let mut workbook: Xlsx<_> = open_workbook(book).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let mut reader = csv::Reader::from_path(csv).unwrap();
    let headers = reader.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(!records.is_empty(), "{sheet}: no rows");
    assert_eq!(rows.len(), records.len() + 1, "{sheet}: rows");
    assert_eq!(rows[0].len(), headers.len(), "{sheet}: columns");
    for (cell, column) in rows[0].iter().zip(&headers) {
        let expected = match column.parse::<FieldPath>() {
            Ok(field) if figures::column(column).is_none() => inputs::field(&field, lang),
            _ => figures::heading(column, lang),
        };
        assert_eq!(
            cell,
            &Data::String(expected),
            "{sheet}: heading of {column}"
        );
    }
    // The workbook names a unit where the CSV gives its id.
    // (A sweep's or sensitivity's folder has no summary, and no unit column.)
    let summary: serde_json::Value = fs::read(csv.with_file_name("summary.json"))
        .map_or(serde_json::json!({ "units": [] }), |bytes| {
            serde_json::from_slice(&bytes).unwrap()
        });
    let name_of = |id: &str| {
        let units = summary["units"].as_array().unwrap().iter();
        let unit = units.into_iter().find(|u| u["id"] == id);
        unit.map_or(id.to_string(), |u| u["name"].as_str().unwrap().to_string())
    };
    for (cells, record) in rows[1..].iter().zip(&records) {
        assert_eq!(cells.len(), record.len(), "{sheet}: cells in a row");
        for ((cell, field), column) in cells.iter().zip(record.iter()).zip(&headers) {
            let field = &match column {
                "unit" => name_of(field),
                _ => field.to_string(),
            };
            match (cell, field.parse::<f64>()) {
                (Data::Float(x), Ok(y)) => assert_eq!(*x, y, "{sheet}"),
                (Data::String(s), _) => assert_eq!(s, field, "{sheet}"),
                (Data::Empty, Err(_)) if field.is_empty() => {}
                other => panic!("{sheet}: {other:?} for {field}"),
            }
        }
    }
}

#[test]
fn run_writes_a_workbook_that_matches_its_csvs() {
    let run = sifsim_run("scenarios/compare.toml", 300, &["--quiet", "--xlsx"]);
    let out = run.out();
    let book = out.join("results.xlsx");
    let workbook: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        vec![
            "Sammanfattning",
            "Fond",
            "Saldo per år, mnkr",
            "Nämnder",
            "Belastning per år, mnkr, median",
            "Nämnder, totalt",
            "Indata",
            "Jämförelse"
        ]
    );
    assert_sheet_matches_csv(&book, "Fond", &out.join("fund.csv"), Lang::Sv);
    assert_sheet_matches_csv(&book, "Nämnder", &out.join("units.csv"), Lang::Sv);
    let mut workbook: Xlsx<_> = open_workbook(&book).unwrap();
    let fund = workbook.worksheet_range("Fond").unwrap();
    assert_eq!(
        fund.get((0, 3)),
        Some(&Data::String(
            "Fondens saldo vid årets slut (mnkr), 5:e percentil".into()
        ))
    );
    // The summary sheet holds each design's key figures as summary.json has them.
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    let sheet = workbook.worksheet_range("Sammanfattning").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let designs = summary["designs"].as_array().unwrap();
    assert_eq!(rows.len(), designs.len() + 1);
    let column = |name: &str| {
        let heading = figures::heading(name, Lang::Sv);
        (rows[0].iter())
            .position(|cell| cell == &Data::String(heading.clone()))
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    for (row, design) in rows[1..].iter().zip(designs) {
        assert_eq!(
            row[0],
            Data::String(design["name"].as_str().unwrap().into())
        );
        for (name, value) in [
            ("p_depleted_ever", &design["p_depleted_ever"]),
            ("final_cash_p50", &design["final_cash"]["p50"]),
            (
                "net_saving_lifetime_p5",
                &design["net_saving_lifetime"]["p5"],
            ),
            (
                "turned_down_grant_mean",
                &design["turned_down_grant"]["mean"],
            ),
            (
                "recycled_share_lifetime",
                &design["recycled_share_lifetime"],
            ),
        ] {
            assert_eq!(
                row[column(name)],
                Data::Float(value.as_f64().unwrap()),
                "{name}"
            );
        }
    }
}

#[test]
fn the_workbook_is_english_under_lang_en() {
    let more = ["--quiet", "--xlsx", "--lang", "en"];
    let run = sifsim_run("scenarios/compare.toml", 200, &more);
    let out = run.out();
    let book = out.join("results.xlsx");
    let workbook: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        vec![
            "Summary",
            "Fund",
            "Balance by year, mnkr",
            "Committees",
            "Charge by year, mnkr, median",
            "Committees, totals",
            "Inputs",
            "Comparison"
        ]
    );
    assert_sheet_matches_csv(&book, "Fund", &out.join("fund.csv"), Lang::En);
    assert_sheet_matches_csv(&book, "Committees", &out.join("units.csv"), Lang::En);
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
    let run = sifsim_run("scenarios/compare.toml", 200, &["--quiet", "--xlsx"]);
    let book = run.out().join("results.xlsx");
    let styles = part(&book, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.0%\""), "{styles}");
    assert!(styles.contains("formatCode=\"#,##0.0\""), "{styles}");
    for sheet in 1..=7 {
        let xml = part(&book, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(
            xml.contains("<autoFilter ref=\"A1:"),
            "sheet {sheet} has no filter"
        );
        assert!(xml.contains(" s=\""), "sheet {sheet} has no formatted cell");
    }
}

#[test]
fn the_years_across_sheets_hold_the_numbers_of_fund_and_units_csv() {
    let run = sifsim_run("scenarios/compare.toml", 200, &["--quiet", "--xlsx"]);
    let out = run.out();
    let book = out.join("results.xlsx");
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    let designs = summary["designs"].as_array().unwrap();
    let units = summary["units"].as_array().unwrap();
    let (start, years) = (summary["start_year"].as_i64().unwrap(), 20);
    assert_eq!(summary["years"].as_i64(), Some(years));
    // The long CSV's value in the row where each `(column, value)` of `key` matches.
    let long = |file: &str, key: &[(&str, &str)], column: &str| -> f64 {
        let mut reader = csv::Reader::from_path(out.join(file)).unwrap();
        let headers = reader.headers().unwrap().clone();
        let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let row = (reader.records().map(Result::unwrap))
            .find(|r| key.iter().all(|(c, v)| &r[at(c)] == *v))
            .unwrap();
        row[at(column)].parse().unwrap()
    };
    let mut workbook: Xlsx<_> = open_workbook(&book).unwrap();
    let text = |s: &str| Data::String(s.into());

    // The fund: a row per design and percentile, a column per year after design and statistic.
    let fund = workbook.worksheet_range("Saldo per år, mnkr").unwrap();
    let rows: Vec<&[Data]> = fund.rows().collect();
    assert_eq!(rows.len(), 1 + 3 * designs.len());
    assert_eq!(
        rows[0][..3],
        [
            text("Alternativ"),
            text("Statistiskt mått"),
            text(&start.to_string())
        ]
    );
    assert_eq!(rows[0].len(), 2 + years as usize);
    for (d, design) in designs.iter().enumerate() {
        let name = design["name"].as_str().unwrap();
        for (p, (statistic, column)) in [
            ("5:e percentil", "cash_p5"),
            ("median", "cash_p50"),
            ("95:e percentil", "cash_p95"),
        ]
        .into_iter()
        .enumerate()
        {
            let row = rows[1 + 3 * d + p];
            assert_eq!(row[..2], [text(name), text(statistic)]);
            for year in [start, start + 7, start + years - 1] {
                let key = [("design", name), ("year", &year.to_string())];
                let cell = &row[2 + (year - start) as usize];
                assert_eq!(
                    cell,
                    &Data::Float(long("fund.csv", &key, column)),
                    "{name} {year}"
                );
            }
        }
    }

    // Scrolling across the years keeps the header and the names in view.
    let xml = part(&book, "xl/worksheets/sheet3.xml");
    assert!(xml.contains("<pane xSplit=\"2\" ySplit=\"1\""), "{xml}");

    // The burden: a row per design and unit (by name), the median of units.csv (by id).
    let burden = workbook
        .worksheet_range("Belastning per år, mnkr, median")
        .unwrap();
    let rows: Vec<&[Data]> = burden.rows().collect();
    assert_eq!(rows.len(), 1 + units.len() * designs.len());
    assert_eq!(
        rows[0][..2],
        [text("Alternativ"), text("Nämnd (förvaltning)")]
    );
    for (d, design) in designs.iter().enumerate() {
        let name = design["name"].as_str().unwrap();
        for (u, unit) in units.iter().enumerate() {
            let row = rows[1 + units.len() * d + u];
            assert_eq!(row[..2], [text(name), text(unit["name"].as_str().unwrap())]);
            let id = unit["id"].as_str().unwrap();
            for year in [start + 3, start + years - 1] {
                let key = [("design", name), ("unit", id), ("year", &year.to_string())];
                let cell = &row[2 + (year - start) as usize];
                assert_eq!(cell, &Data::Float(long("units.csv", &key, "burden_p50")));
            }
        }
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
    assert_sheet_matches_csv(
        &out.join("sweep.xlsx"),
        "Svep",
        &out.join("sweep.csv"),
        Lang::Sv,
    );
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
        Lang::Sv,
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
        .replace("\"fritid\"", "\"0042\"")
        .replace("\"Kultur- och fritidsförvaltningen\"", "\"0042\"");
    fs::write(&path, text).unwrap();
    let run = sifsim_run(&path, 100, &["--quiet", "--xlsx"]);
    let mut workbook: Xlsx<_> = open_workbook(run.out().join("results.xlsx")).unwrap();
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
    assert!(names(column("Nämnder", 1)).contains(&"0042".to_string()));
    assert!(matches!(column("Fond", 1)[0], Data::Float(_)));
}

/// The cells of a sheet below its header, as text or numbers.
fn rows(book: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut workbook: Xlsx<_> = open_workbook(book).unwrap();
    let range = workbook.worksheet_range(sheet).unwrap();
    range.rows().skip(1).map(|row| row.to_vec()).collect()
}

/// The value at `place` in a TOML table: keys joined by dots, an entry of an array by its
/// name (or id) in brackets or by `[#n]` counted from 1.
fn at<'a>(table: &'a toml::Table, place: &str) -> &'a toml::Value {
    let mut parts = Vec::new();
    let mut rest = place;
    while !rest.is_empty() {
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        if end > 0 {
            parts.push(&rest[..end]);
        }
        rest = &rest[end..];
        if let Some(inner) = rest.strip_prefix('[') {
            let close = inner.find(']').unwrap();
            parts.push(&rest[..close + 2]);
            rest = &inner[close + 1..];
        }
        rest = rest.strip_prefix('.').unwrap_or(rest);
    }
    let mut value = table.get(parts[0]).unwrap();
    for part in &parts[1..] {
        value = match part.strip_prefix('[').and_then(|p| p.strip_suffix(']')) {
            Some(entry) => {
                let items = value.as_array().unwrap();
                match entry.strip_prefix('#') {
                    Some(n) => &items[n.parse::<usize>().unwrap() - 1],
                    None => (items.iter())
                        .find(|item| {
                            let t = item.as_table().unwrap();
                            let name = t.get("name").or(t.get("id")).unwrap();
                            name.as_str() == Some(entry)
                        })
                        .unwrap(),
                }
            }
            None => value.get(part).unwrap(),
        };
    }
    value
}

#[test]
fn the_inputs_sheet_holds_every_value_of_the_scenario_file_and_the_totals_sheet_each_units() {
    let scenario = "scenarios/orebro.toml";
    let run = sifsim_run(scenario, 200, &["--quiet", "--xlsx"]);
    let out = run.out();
    let book = out.join("results.xlsx");
    let file: toml::Table = toml::from_str(&fs::read_to_string(scenario).unwrap()).unwrap();
    let inputs = rows(&book, "Indata");
    // Every leaf of the file once: count them independently of the sheet.
    fn count(value: &toml::Value) -> usize {
        match value {
            toml::Value::Table(t) => t.values().map(count).sum(),
            toml::Value::Array(a) => a.iter().map(count).sum(),
            _ => 1,
        }
    }
    assert_eq!(inputs.len(), file.values().map(count).sum::<usize>());
    for row in &inputs {
        let Data::String(place) = &row[0] else {
            panic!("{row:?}")
        };
        let expected = at(&file, place);
        match (&row[2], expected) {
            (Data::Float(x), toml::Value::Float(y)) => assert_eq!(x, y, "{place}"),
            (Data::Float(x), toml::Value::Integer(y)) => assert_eq!(*x, *y as f64, "{place}"),
            (Data::String(s), toml::Value::String(y)) => assert_eq!(s, y, "{place}"),
            (Data::String(s), toml::Value::Boolean(y)) => assert_eq!(s, &y.to_string()),
            other => panic!("{place}: {other:?}"),
        }
    }
    // A named input is named for a reader.
    let floor = (inputs.iter())
        .find(|r| r[0] == Data::String("design[Örebros regel].repayment.floor_share".into()))
        .unwrap();
    assert_eq!(
        floor[1],
        Data::String("Golv: minsta återföring, andel".into())
    );

    // The totals sheet: each unit by name under each design, as summary.json has it.
    let summary: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("summary.json")).unwrap()).unwrap();
    let totals = rows(&book, "Nämnder, totalt");
    let units = summary["units"].as_array().unwrap();
    let designs = summary["designs"].as_array().unwrap();
    assert_eq!(totals.len(), units.len() * designs.len());
    for (row, (design, u)) in totals.iter().zip(
        designs
            .iter()
            .flat_map(|d| (0..units.len()).map(move |u| (d, u))),
    ) {
        assert_eq!(
            row[0],
            Data::String(design["name"].as_str().unwrap().into())
        );
        assert_eq!(
            row[1],
            Data::String(units[u]["name"].as_str().unwrap().into())
        );
        let unit = &design["units"][u];
        assert_eq!(
            row[2],
            Data::Float(unit["burden_total"]["p50"].as_f64().unwrap())
        );
        assert_eq!(
            row[8],
            Data::Float(unit["p_any_year_tipped"].as_f64().unwrap())
        );
    }
}

/// Regression: the model column said `repayment`, the units sheet gave ids, 71 of 155 rows of
/// the inputs sheet had no name and most widths were unset. Every bundled fund, both languages.
#[test]
fn every_cell_a_reader_sees_is_in_the_runs_language_every_input_named_and_widths_set() {
    let models = [
        "budgetmodell",
        "återföringsmodell",
        "dubbelmodell",
        "budget model",
        "repayment model",
        "dual model",
    ];
    for fund in ["ale", "boras", "norrkoping", "orebro", "tomelilla"] {
        for lang in ["sv", "en"] {
            let more = ["--quiet", "--xlsx", "--lang", lang];
            let run = sifsim_run(format!("scenarios/{fund}.toml"), 100, &more);
            let book = run.out().join("results.xlsx");
            let mut workbook: Xlsx<_> = open_workbook(&book).unwrap();
            let sheets = workbook.sheet_names();
            let summary = workbook.worksheet_range(&sheets[0]).unwrap();
            for row in summary.rows().skip(1) {
                let model = row[1].to_string();
                assert!(models.contains(&model.as_str()), "{fund} {lang}: {model}");
            }
            let inputs = workbook.worksheet_range(&sheets[6]).unwrap();
            for row in inputs.rows().skip(1) {
                assert!(
                    !row[1].to_string().is_empty(),
                    "{fund} {lang}: {} has no name",
                    row[0]
                );
            }
            // Every column of every sheet has its width set to its content.
            for (i, sheet) in sheets.iter().enumerate() {
                let columns = workbook.worksheet_range(sheet).unwrap().width();
                let xml = part(&book, &format!("xl/worksheets/sheet{}.xml", i + 1));
                // Neighbouring columns of one width share a `<col min= max=>`.
                let attribute = |col: &str, name: &str| -> usize {
                    let at = col.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                    col[at..].split('"').next().unwrap().parse().unwrap()
                };
                let set: usize = (xml.split("<col ").skip(1))
                    .map(|col| attribute(col, "max") - attribute(col, "min") + 1)
                    .sum();
                assert_eq!(set, columns, "{fund} {lang} {sheet}: widths set");
            }
        }
    }
}
