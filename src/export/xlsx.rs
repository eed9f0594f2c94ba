//! An Excel workbook of the tables a run or sweep writes as CSV: a sheet per table, numbers as
//! numbers and names as text, headers in the reader's language. Built from the CSV exports,
//! so the two cannot disagree.

use anyhow::Result;
use rust_xlsxwriter::{Format, Workbook};

use super::Export;
use super::csv::{Fund, Units};
use super::files::RESULTS_XLSX;
use super::key_figures::{KEY_FIGURES, Value};
use crate::edit::FieldPath;
use crate::labels::figures::{self, Quantity, Statistic};
use crate::labels::{self, Lang, fields, inputs};
use crate::results::FundRow;
use crate::results::Results;
use crate::scenario::Input;
use toml::{Table, Value as TomlValue};

/// `results.xlsx` in a language: the designs' key figures, `fund.csv` and `units.csv` each
/// beside the same numbers with the years across, each unit's totals by name, and the scenario
/// file's values as read.
pub struct RunWorkbook<'a> {
    pub lang: Lang,
    /// The scenario file's TOML.
    pub inputs: &'a Table,
}

impl Export for RunWorkbook<'_> {
    fn file_name(&self) -> &'static str {
        RESULTS_XLSX
    }

    fn render(&self, results: &Results) -> Result<Vec<u8>> {
        let names = self.lang.sheets();
        workbook(
            &[
                (names.summary, &designs_table(results, self.lang)?),
                (names.fund, &Fund.render(results)?),
                (names.fund_by_year, &fund_by_year(results, self.lang)?),
                (names.units, &named_units(&Units.render(results)?, results)?),
                (names.burden_by_year, &burden_by_year(results)?),
                (names.totals, &unit_totals(results)?),
                (names.inputs, &inputs_table(self.inputs, self.lang)?),
                (
                    names.comparisons,
                    &super::compare::table(&results.summary, self.lang)?,
                ),
            ],
            self.lang,
        )
    }
}

/// The fund's balance with the years across, ready for a chart: a row per design and
/// percentile (5th, median, 95th), the numbers of `fund.csv`.
fn fund_by_year(results: &Results, lang: Lang) -> Result<Vec<u8>> {
    type Cash = fn(&FundRow) -> f64;
    let percentiles: [(u8, Cash); 3] = [
        (5, |r| r.cash_p5),
        (50, |r| r.cash_p50),
        (95, |r| r.cash_p95),
    ];
    let rows = (results.summary.designs.iter()).flat_map(|d| {
        percentiles.iter().map(move |&(p, value)| {
            let statistic = Statistic::Percentile(p).name(lang);
            let rows = results.fund.iter().filter(|r| r.design == d.name);
            (vec![d.name.clone(), statistic], rows.map(value).collect())
        })
    });
    years_across(results, &["design", "statistic"], rows)
}

/// `units.csv` with each unit by name, as every other sheet names it.
fn named_units(csv: &[u8], results: &Results) -> Result<Vec<u8>> {
    let units = &results.summary.units;
    let mut reader = ::csv::Reader::from_reader(csv);
    let header = reader.headers()?.clone();
    let column = header.iter().position(|h| h == "unit");
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(&header)?;
    for record in reader.records() {
        let mut record: Vec<String> = record?.iter().map(String::from).collect();
        if let Some(c) = column
            && let Some(unit) = units.iter().find(|u| u.id == record[c])
        {
            record[c] = unit.name.clone();
        }
        writer.write_record(&record)?;
    }
    Ok(writer.into_inner()?)
}

/// Each unit's median burden with the years across: a row per design and unit, the unit by
/// name, the numbers of `units.csv`.
fn burden_by_year(results: &Results) -> Result<Vec<u8>> {
    let summary = &results.summary;
    let rows = (summary.designs.iter()).flat_map(|d| {
        summary.units.iter().map(move |unit| {
            let rows = (results.units.iter()).filter(|r| r.design == d.name && r.unit == unit.id);
            let values = rows.map(|r| r.burden_p50).collect();
            (vec![d.name.clone(), unit.name.clone()], values)
        })
    });
    years_across(results, &["design", "unit"], rows)
}

/// A table of `labels` columns, then a column per simulated year named by the year; each row
/// its labels and a value per year.
fn years_across(
    results: &Results,
    labels: &[&str],
    rows: impl Iterator<Item = (Vec<String>, Vec<f64>)>,
) -> Result<Vec<u8>> {
    let s = &results.summary;
    let years = (s.start_year..s.start_year + s.years as i64).map(|y| y.to_string());
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(labels.iter().map(|l| l.to_string()).chain(years))?;
    for (labels, values) in rows {
        writer.write_record(labels.into_iter().chain(values.iter().map(f64::to_string)))?;
    }
    Ok(writer.into_inner()?)
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
/// (`design[Örebro].repayment.floor_share`), the value and, for an input of the table of inputs,
/// its name and what it means.
fn inputs_table(table: &Table, lang: Lang) -> Result<Vec<u8>> {
    let mut rows = Vec::new();
    for (key, value) in table {
        leaves(key, value, &mut rows);
    }
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(["field", "name", "value", "help"])?;
    for (place, value) in rows {
        let input = (place.parse::<FieldPath>().ok()).and_then(|field| Input::at(&field));
        let name = match input {
            Some(input) => inputs::name(input, lang),
            None => fields::name(&keys_of(&place), lang).unwrap_or(""),
        };
        let help = input.map_or("", |input| inputs::help(input, lang));
        writer.write_record([place.as_str(), name, value.as_str(), help])?;
    }
    Ok(writer.into_inner()?)
}

/// The keys of a place below its section, without entries: `design[Örebro v1.2].fund.deposits[#1].kind`
/// → `["fund", "deposits", "kind"]` (a dot inside brackets is a name's).
fn keys_of(place: &str) -> Vec<&str> {
    let mut keys = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in place.char_indices() {
        match c {
            '[' => depth += 1,
            // A stray `]` in a name never takes the depth below zero.
            ']' => depth = depth.saturating_sub(1),
            '.' if depth == 0 => {
                keys.push(&place[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    keys.push(&place[start..]);
    (keys.into_iter().skip(1))
        .map(|key| key.split('[').next().unwrap_or(key))
        .collect()
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
fn designs_table(results: &Results, lang: Lang) -> Result<Vec<u8>> {
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
        let model = labels::model_name(&d.model, lang).to_string();
        let mut record = vec![d.name.clone(), model];
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
/// declares is a year (years across) or a sweep's setting, named as an input.
fn column(name: &str, lang: Lang) -> (String, Quantity) {
    if let Some((figure, _)) = figures::column(name) {
        return (figures::heading(name, lang), figure.quantity);
    }
    // Years across: a column named by a year holds that year's amounts.
    if name.parse::<i64>().is_ok() {
        return (name.to_string(), Quantity::Mnkr);
    }
    let heading = match name.parse::<FieldPath>() {
        Ok(field) => inputs::field(&field, lang),
        Err(_) => name.to_string(),
    };
    (heading, Quantity::Count)
}

/// A workbook with one sheet per `(name, CSV)`: headers in `lang`, finite numbers as numbers
/// (formatted by [`number_format`]) except in columns of names, which stay text even where
/// they look like numbers (a design "007"); a filter on the header row, wrapped headers over
/// narrow columns, and the header and leading names frozen.
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
        // Each column as wide as its widest cell, or its heading's longest word (headings
        // wrap), within bounds.
        let mut widths: Vec<usize> = (reader.headers()?.iter())
            .map(|h| {
                let heading = column(h, lang).0;
                heading
                    .split(' ')
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut rows = 0;
        for (row, record) in reader.records().enumerate() {
            for (col, field) in record?.iter().enumerate() {
                let shown = match field.parse::<f64>() {
                    Ok(x) if x.is_finite() => format!("{x:.1}").len() + 2,
                    _ => field.chars().count(),
                };
                widths[col] = widths[col].max(shown);
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
        for (col, &width) in widths.iter().enumerate() {
            sheet.set_column_width(col as u16, width.clamp(6, 60) as f64 + 1.0)?;
        }
        // The header and the leading columns of names stay in view (years across scroll).
        let names = quantities
            .iter()
            .take_while(|&&q| q == Quantity::Name)
            .count();
        sheet.set_freeze_panes(1, names as u16)?;
    }
    Ok(book.save_to_buffer()?)
}
