//! An Excel workbook of the tables a run or sweep writes as CSV: a sheet per table, numbers as
//! numbers and names as text, headers in the reader's language. Built from the CSV exports,
//! so the two cannot disagree.

use anyhow::Result;
use rust_xlsxwriter::{Format, Workbook};

use super::Export;
use super::csv::{Fund, Units};
use super::key_figures::{KEY_FIGURES, Value};
use crate::edit::FieldPath;
use crate::labels::figures::{self, Quantity};
use crate::labels::{Lang, inputs};
use crate::results::Results;
use toml::{Table, Value as TomlValue};

/// `results.xlsx` in a language: the designs' key figures, `fund.csv`, `units.csv`, each
/// unit's totals by name, and the scenario file's values as read.
pub struct RunWorkbook<'a> {
    pub lang: Lang,
    /// The scenario file's TOML.
    pub inputs: &'a Table,
}

impl Export for RunWorkbook<'_> {
    fn file_name(&self) -> &'static str {
        "results.xlsx"
    }

    fn render(&self, results: &Results) -> Result<Vec<u8>> {
        let names = self.lang.sheets();
        workbook(
            &[
                (names.summary, &designs_table(results)?),
                (names.fund, &Fund.render(results)?),
                (names.units, &Units.render(results)?),
                (names.totals, &unit_totals(results)?),
                (names.inputs, &inputs_table(self.inputs, self.lang)?),
            ],
            self.lang,
        )
    }
}

/// Each unit's totals under each design, the unit by name.
fn unit_totals(results: &Results) -> Result<Vec<u8>> {
    let summary = &results.summary;
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let spreads = ["burden_total", "burden_total_lifetime"];
    let shares = [
        "p_any_year_tipped",
        "p_any_year_repaid_above_room",
        "p_any_year_burden_above_1pct",
    ];
    let mut header = vec!["design".to_string(), "unit".to_string()];
    for key in spreads {
        header.extend(["p50", "p5", "p95"].map(|p| format!("{key}_{p}")));
    }
    header.extend(shares.map(String::from));
    writer.write_record(&header)?;
    for d in &summary.designs {
        for (info, unit) in summary.units.iter().zip(&d.units) {
            let mut record = vec![d.name.clone(), info.name.clone()];
            for s in [unit.burden_total, unit.burden_total_lifetime] {
                record.extend([s.p50, s.p5, s.p95].map(|x| x.to_string()));
            }
            record.extend(
                [
                    unit.p_any_year_tipped,
                    unit.p_any_year_repaid_above_room,
                    unit.p_any_year_burden_above_1pct,
                ]
                .map(|x| x.to_string()),
            );
            writer.write_record(&record)?;
        }
    }
    Ok(writer.into_inner()?)
}

/// The scenario file's values as read, one row per value: its place in the file
/// (`design[Örebro].repayment.floor_share`), its name for a reader when it has one, and the value.
fn inputs_table(table: &Table, lang: Lang) -> Result<Vec<u8>> {
    let mut rows = Vec::new();
    for (key, value) in table {
        leaves(key, value, &mut rows);
    }
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(["field", "name", "value"])?;
    for (place, value) in rows {
        let name = (place.parse::<FieldPath>().ok())
            .and_then(|field| inputs::name(&field.keys.join("."), lang))
            .unwrap_or_default();
        writer.write_record([place.as_str(), name, value.as_str()])?;
    }
    Ok(writer.into_inner()?)
}

/// Every value under `value`, whose place is `place`: an entry of an array of tables by its
/// `name` (a unit by its `id`) or else its position, an inline array's items by position.
fn leaves(place: &str, value: &TomlValue, rows: &mut Vec<(String, String)>) {
    match value {
        TomlValue::Table(table) => {
            for (key, value) in table {
                leaves(&format!("{place}.{key}"), value, rows);
            }
        }
        TomlValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let name = item
                    .as_table()
                    .and_then(|t| t.get("name").or(t.get("id")))
                    .and_then(TomlValue::as_str);
                let entry = match name {
                    Some(name) if !place.contains('[') => format!("{place}[{name}]"),
                    _ => format!("{place}[#{}]", i + 1),
                };
                leaves(&entry, item, rows);
            }
        }
        TomlValue::String(text) => rows.push((place.into(), text.clone())),
        other => rows.push((place.into(), other.to_string())),
    }
}

/// The designs' [key figures](KEY_FIGURES) as CSV, for the summary sheet: amounts as their
/// median and 5th and 95th percentiles, counts as means.
fn designs_table(results: &Results) -> Result<Vec<u8>> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let mut header = vec!["design".to_string(), "model".to_string()];
    let first = results.summary.designs.first();
    for k in &KEY_FIGURES {
        let key = k.key;
        match first.map(|d| k.value(d)) {
            Some(Value::Amount(_)) => {
                header.extend(["p50", "p5", "p95"].map(|p| format!("{key}_{p}")))
            }
            Some(Value::Count(_)) => header.push(format!("{key}_mean")),
            _ => header.push(key.to_string()),
        }
    }
    writer.write_record(&header)?;
    for d in &results.summary.designs {
        let mut record = vec![d.name.clone(), d.model.clone()];
        for k in &KEY_FIGURES {
            match k.value(d) {
                Value::Amount(s) => record.extend([s.p50, s.p5, s.p95].map(|x| x.to_string())),
                Value::Count(x) | Value::Share(x) => record.push(x.to_string()),
            }
        }
        writer.write_record(&record)?;
    }
    Ok(writer.into_inner()?)
}

/// How a column's numbers are shown: shares as percentages, years whole, amounts and counts
/// with one decimal (Excel shows the separators of the reader's locale).
fn number_format(quantity: Quantity) -> Format {
    let pattern = match quantity {
        Quantity::Share => "0.0%",
        Quantity::Year => "0",
        Quantity::Value => "General",
        _ => "#,##0.0",
    };
    Format::new().set_num_format(pattern)
}

/// A column of a sheet: its heading for a reader and what it holds. A column no figure
/// declares is a sweep's setting, named as an input.
fn column(name: &str, lang: Lang) -> (String, Quantity) {
    if let Some((figure, _)) = figures::column(name) {
        return (figures::heading(name, lang), figure.quantity);
    }
    let heading = match name.parse::<FieldPath>() {
        Ok(field) => inputs::field(&field, lang),
        Err(_) => name.to_string(),
    };
    (heading, Quantity::Count)
}

/// A workbook with one sheet per `(name, CSV)`: headers in `lang`, finite numbers as numbers
/// (formatted by [`number_format`]) except in columns of names, which stay text even where
/// they look like numbers (a design "007"); a filter on the header row and wrapped headers over
/// narrow columns.
pub fn workbook(sheets: &[(&str, &[u8])], lang: Lang) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    for (name, csv) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name)?;
        let mut reader = ::csv::Reader::from_reader(*csv);
        let mut quantities = Vec::new();
        for (col, header) in reader.headers()?.iter().enumerate() {
            let (heading, quantity) = column(header, lang);
            sheet.write_string_with_format(0, col as u16, heading, &bold)?;
            quantities.push(quantity);
        }
        let formats: Vec<Format> = quantities.iter().map(|&q| number_format(q)).collect();
        let mut rows = 0;
        for (row, record) in reader.records().enumerate() {
            for (col, field) in record?.iter().enumerate() {
                let number = field.parse::<f64>().ok().filter(|x| x.is_finite());
                let (row, col) = (row as u32 + 1, col as u16);
                let c = usize::from(col);
                match number {
                    Some(number) if quantities[c] != Quantity::Name => {
                        sheet.write_number_with_format(row, col, number, &formats[c])?
                    }
                    _ => sheet.write_string(row, col, field)?,
                };
            }
            rows = row as u32 + 1;
        }
        if let Some(last) = formats.len().checked_sub(1) {
            sheet.autofilter(0, 0, rows, last as u16)?;
        }
        for col in 0..formats.len() {
            // Headers wrap, so every column can be as narrow as its numbers.
            sheet.set_column_width(col as u16, 14)?;
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    Ok(book.save_to_buffer()?)
}
