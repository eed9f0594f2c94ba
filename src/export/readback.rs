//! A finished run read back from its files for `sifsim chart`, checked like a scenario before
//! anything is drawn: every value's type and range, and that the tables hold each design, unit
//! and year of `summary.json` once, in order. A folder that fails is refused with the file,
//! row, field, value and what is allowed.
//!
//! Numbers are checked by their field's name, as the output contract names them: a `p_…` is a
//! probability in 0..=1, percentiles (`p5` … `p95`, or `cash_p5` … `cash_p95`) do not
//! decrease, and every other number is finite and within the engine's bound.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::fs;
use std::io::Read;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use csv::StringRecord;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::files::{FUND_CSV, SUMMARY_JSON, UNITS_CSV};
use super::folder::MAX_FILE_BYTES;
use crate::aggregate::{MAX_COMPARED, MAX_MAGNITUDE};
use crate::exceedance::Distributions;
use crate::inputs::{MAX_DEPOSITS, MAX_DESIGNS, MAX_UNITS};
use crate::results::{FundRow, Results, Summary, UnitRow};
use crate::scenario::{MAX_ID, MAX_NAME, MAX_PATHS, MAX_START_YEAR, MAX_YEARS, escaped};

/// Largest `summary.json` read back: far above what the largest scenario writes.
const MAX_SUMMARY_BYTES: u64 = 32 * 1024 * 1024;

/// Percentile names, lowest first.
const PERCENTILES: [&str; 5] = ["p5", "p25", "p50", "p75", "p95"];
/// Whole-number fields of `summary.json`, checked by type and by [`check_summary`].
const WHOLE: [&str; 5] = ["seed", "paths", "start_year", "years", "threads"];
/// Columns of the tables that say which row it is.
const KEY_COLUMNS: [&str; 3] = ["design", "unit", "year"];
/// The models a design can have.
const MODELS: [&str; 3] = ["budget", "repayment", "dual"];

/// A finished run's files that `sifsim chart` cannot use. Exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum ResultsError {
    #[error("cannot read {file} in '{}' (is it the output folder of a run?)", dir.display())]
    Read {
        dir: PathBuf,
        file: &'static str,
        source: std::io::Error,
    },
    #[error(
        "{file}{at}: {problem}\nThe folder was not written by this sifsim, or was edited since; \
         run `sifsim run` again to write it anew."
    )]
    Invalid {
        file: &'static str,
        /// Where in the file, e.g. ` line 7, column cash_p95`; empty for the file as a whole.
        at: String,
        /// The value and what is allowed.
        problem: String,
    },
}

/// Reads a finished run's results back from `summary.json`, `fund.csv` and `units.csv` in `dir`
/// (without the distributions, which no file holds).
pub fn read_results(dir: &Path) -> Result<Results, ResultsError> {
    // Read through a limit: a file's reported size may not be its length (a pipe).
    let read = |file, max: u64| {
        let error = |source| ResultsError::Read {
            dir: dir.to_owned(),
            file,
            source,
        };
        let mut bytes = Vec::new();
        let opened = fs::File::open(dir.join(file)).map_err(error)?;
        opened
            .take(max + 1)
            .read_to_end(&mut bytes)
            .map_err(error)?;
        if bytes.len() as u64 > max {
            let problem = format!("is more than {max} bytes, more than any run writes");
            return Err(invalid(file, String::new(), problem));
        }
        Ok(bytes)
    };
    from_bytes(
        &read(SUMMARY_JSON, MAX_SUMMARY_BYTES)?,
        &read(FUND_CSV, MAX_FILE_BYTES)?,
        &read(UNITS_CSV, MAX_FILE_BYTES)?,
    )
}

/// Results from the bytes of `summary.json`, `fund.csv` and `units.csv`, each checked.
pub fn from_bytes(summary: &[u8], fund: &[u8], units: &[u8]) -> Result<Results, ResultsError> {
    let summary = read_summary(summary)?;
    let fund = read_table(&Table::fund(&summary), fund)?;
    let units = read_table(&Table::units(&summary), units)?;
    Ok(Results {
        summary,
        fund,
        units,
        distributions: Distributions::default(),
    })
}

fn invalid(file: &'static str, at: String, problem: String) -> ResultsError {
    ResultsError::Invalid { file, at, problem }
}

/// `summary.json`: its types, then every number, then years, units and designs.
fn read_summary(bytes: &[u8]) -> Result<Summary, ResultsError> {
    let parse_error = |e: serde_json::Error| invalid(SUMMARY_JSON, String::new(), e.to_string());
    let summary: Summary = serde_json::from_slice(bytes).map_err(parse_error)?;
    check_summary(&summary)?;
    let tree: Value = serde_json::from_slice(bytes).map_err(parse_error)?;
    check_json(&tree, "", "")?;
    Ok(summary)
}

/// Checks every number in `value` (the field `path`, named `name`) by its name, and the order
/// of the percentiles of each object.
fn check_json(value: &Value, path: &str, name: &str) -> Result<(), ResultsError> {
    let fail = |problem| invalid(SUMMARY_JSON, format!(", field {path}"), problem);
    match value {
        Value::Number(n) if !WHOLE.contains(&name) => {
            check_number(name, &n.to_string(), n.as_f64().unwrap_or(f64::NAN)).map_err(fail)
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, item)| check_json(item, &format!("{path}[{i}]"), name)),
        Value::Object(fields) => {
            for (key, item) in fields {
                let inner = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                check_json(item, &inner, key)?;
            }
            let percentiles: Vec<(&str, f64)> = PERCENTILES
                .iter()
                .filter_map(|&p| Some((p, fields.get(p)?.as_f64()?)))
                .collect();
            check_order(&percentiles).map_err(fail)
        }
        _ => Ok(()),
    }
}

/// The fields the charts rely on beyond their numbers: years, paths, units and designs, the
/// lengths of lists and names within the scenario loader's bounds.
fn check_summary(s: &Summary) -> Result<(), ResultsError> {
    let fail = |field: &str, problem| invalid(SUMMARY_JSON, format!(", field {field}"), problem);
    check_lengths(s)?;
    in_range("years", s.years as u64, 1..=MAX_YEARS as u64)?;
    in_range("start_year", s.start_year, 1..=MAX_START_YEAR)?;
    in_range("paths", s.paths, 1..=MAX_PATHS as u64)?;
    if s.index <= -1.0 {
        return Err(fail(
            "index",
            format!("{} is not allowed; expected > -1", s.index),
        ));
    }
    let units: Vec<&str> = s.units.iter().map(|u| u.id.as_str()).collect();
    let designs: Vec<&str> = s.designs.iter().map(|d| d.name.as_str()).collect();
    unique_names("units", "id", &units)?;
    unique_names("designs", "name", &designs)?;
    for (d, design) in s.designs.iter().enumerate() {
        if !MODELS.contains(&design.model.as_str()) {
            let problem = format!(
                "\"{}\" is not allowed; expected one of {MODELS:?}",
                design.model
            );
            return Err(fail(&format!("designs[{d}].model"), problem));
        }
        let ids: Vec<&str> = design.units.iter().map(|u| u.id.as_str()).collect();
        if ids != units {
            let problem = format!("lists units {ids:?}; expected those of field units, {units:?}");
            return Err(fail(&format!("designs[{d}].units"), problem));
        }
    }
    Ok(())
}

/// Lists no longer, and names no longer, than a valid scenario's; names printable.
fn check_lengths(s: &Summary) -> Result<(), ResultsError> {
    let fail = |field: String, problem| invalid(SUMMARY_JSON, format!(", field {field}"), problem);
    let list = |field: String, count: usize, max: usize| {
        let problem = || format!("has {count} entries; expected at most {max}");
        (count <= max)
            .then_some(())
            .ok_or_else(|| fail(field, problem()))
    };
    let name = |field: String, text: &str, max: usize| {
        let length = text.chars().count();
        if length > max {
            return Err(fail(
                field,
                format!("is {length} characters long; expected at most {max}"),
            ));
        }
        let shown = escaped(text);
        if shown != text {
            return Err(fail(
                field,
                format!("\"{shown}\" is not allowed; expected printable text"),
            ));
        }
        Ok(())
    };
    name("scenario".into(), &s.scenario, MAX_NAME)?;
    list("units".into(), s.units.len(), MAX_UNITS)?;
    list("designs".into(), s.designs.len(), MAX_DESIGNS)?;
    list(
        "comparisons".into(),
        s.comparisons.len(),
        MAX_COMPARED * MAX_COMPARED,
    )?;
    for (i, unit) in s.units.iter().enumerate() {
        name(format!("units[{i}].id"), &unit.id, MAX_ID)?;
        name(format!("units[{i}].name"), &unit.name, MAX_NAME)?;
    }
    for (d, design) in s.designs.iter().enumerate() {
        name(format!("designs[{d}].name"), &design.name, MAX_NAME)?;
        let levels = design.target_levels.len();
        list(format!("designs[{d}].target_levels"), levels, MAX_DEPOSITS)?;
        list(format!("designs[{d}].units"), design.units.len(), MAX_UNITS)?;
    }
    Ok(())
}

/// Checks that a whole-number field lies in `allowed`.
fn in_range<T: PartialOrd + fmt::Display>(
    field: &str,
    value: T,
    allowed: RangeInclusive<T>,
) -> Result<(), ResultsError> {
    if allowed.contains(&value) {
        return Ok(());
    }
    let problem = format!(
        "{value} is not allowed; expected a whole number in {}..={}",
        allowed.start(),
        allowed.end()
    );
    Err(invalid(SUMMARY_JSON, format!(", field {field}"), problem))
}

/// Checks that the list `field` has at least one entry and that their `key`s are non-empty and
/// unique.
fn unique_names(field: &str, key: &str, names: &[&str]) -> Result<(), ResultsError> {
    if names.is_empty() {
        let problem = "is empty; a run has at least one".to_string();
        return Err(invalid(SUMMARY_JSON, format!(", field {field}"), problem));
    }
    let mut seen = HashSet::new();
    for (i, name) in names.iter().enumerate() {
        let problem = if name.is_empty() {
            "is empty; expected a name".to_string()
        } else if !seen.insert(name) {
            format!("\"{name}\" is not allowed; an earlier entry has it, and each must be unique")
        } else {
            continue;
        };
        return Err(invalid(
            SUMMARY_JSON,
            format!(", field {field}[{i}].{key}"),
            problem,
        ));
    }
    Ok(())
}

/// A number by its field's name: a probability (`p_…`) in 0..=1; any other finite and within
/// the engine's bound. `text` is the value as written.
fn check_number(name: &str, text: &str, value: f64) -> Result<(), String> {
    let (ok, allowed) = if name.starts_with("p_") {
        (
            (0.0..=1.0).contains(&value),
            "a probability in 0..=1".into(),
        )
    } else {
        (
            value.abs() <= MAX_MAGNITUDE,
            format!("a finite number within ±{MAX_MAGNITUDE}"),
        )
    };
    if ok {
        Ok(())
    } else {
        Err(format!("{text} is not allowed; expected {allowed}"))
    }
}

/// Percentiles of one quantity, `(name, value)` lowest first, must not decrease.
fn check_order(percentiles: &[(&str, f64)]) -> Result<(), String> {
    for pair in percentiles.windows(2) {
        let ((low, a), (high, b)) = (pair[0], pair[1]);
        if a > b {
            return Err(format!(
                "{low} = {a} is above {high} = {b}; percentiles must be in order, \
                 p5 <= p25 <= p50 <= p75 <= p95"
            ));
        }
    }
    Ok(())
}

/// Which row of a table it is.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Key<'a> {
    design: &'a str,
    /// `None` in `fund.csv`.
    unit: Option<&'a str>,
    year: i64,
}

impl fmt::Display for Key<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "design \"{}\"", self.design)?;
        if let Some(unit) = self.unit {
            write!(f, ", unit \"{unit}\"")?;
        }
        write!(f, ", year {}", self.year)
    }
}

/// A row of `fund.csv` or `units.csv`.
trait Row: DeserializeOwned {
    fn key(&self) -> Key<'_>;
}

impl Row for FundRow {
    fn key(&self) -> Key<'_> {
        Key {
            design: &self.design,
            unit: None,
            year: self.year,
        }
    }
}

impl Row for UnitRow {
    fn key(&self) -> Key<'_> {
        Key {
            design: &self.design,
            unit: Some(&self.unit),
            year: self.year,
        }
    }
}

/// A table and the rows `summary.json` says it holds: each design, (each unit,) each year.
struct Table<'a> {
    file: &'static str,
    summary: &'a Summary,
    /// Whether it has a row per unit (`units.csv`).
    by_unit: bool,
}

impl<'a> Table<'a> {
    fn fund(summary: &'a Summary) -> Table<'a> {
        Table {
            file: FUND_CSV,
            summary,
            by_unit: false,
        }
    }

    fn units(summary: &'a Summary) -> Table<'a> {
        Table {
            file: UNITS_CSV,
            summary,
            by_unit: true,
        }
    }

    /// The rows' keys in order, made one at a time as the rows are read.
    fn keys(&self) -> impl Iterator<Item = Key<'a>> + use<'a> {
        let s = self.summary;
        let units: Vec<Option<&str>> = if self.by_unit {
            s.units.iter().map(|u| Some(u.id.as_str())).collect()
        } else {
            vec![None]
        };
        s.designs.iter().flat_map(move |design| {
            let units = units.clone();
            units.into_iter().flat_map(move |unit| {
                (0..s.years as i64).map(move |t| Key {
                    design: &design.name,
                    unit,
                    year: s.start_year + t,
                })
            })
        })
    }

    /// What the table holds, e.g. "80 rows: each of the 4 designs × 20 years of summary.json,
    /// in that order".
    fn expected(&self) -> String {
        let s = self.summary;
        let (designs, units, years) = (s.designs.len(), s.units.len(), s.years);
        if self.by_unit {
            format!(
                "{} rows: each of the {designs} designs × {units} units × {years} years of \
                 summary.json, in that order",
                designs.saturating_mul(units).saturating_mul(years)
            )
        } else {
            format!(
                "{} rows: each of the {designs} designs × {years} years of summary.json, in that \
                 order",
                designs.saturating_mul(years)
            )
        }
    }

    /// Why a row with key `found` cannot stand where `expected` (or nothing) should: the
    /// column at fault, if one is, and the problem.
    fn misplaced(&self, found: Key, expected: Option<Key>) -> (Option<&'static str>, String) {
        let s = self.summary;
        if !s.designs.iter().any(|d| d.name == found.design) {
            let problem = format!("\"{}\" is not a design of summary.json", found.design);
            return (Some("design"), problem);
        }
        if let Some(unit) = found.unit
            && !s.units.iter().any(|u| u.id == unit)
        {
            return (
                Some("unit"),
                format!("\"{unit}\" is not a unit of summary.json"),
            );
        }
        let problem = match expected {
            Some(key) => format!("{found} stands where {key} should"),
            None => format!("{found} comes after the last row"),
        };
        (None, format!("{problem}; expected {}", self.expected()))
    }
}

/// Reads a table's rows, each checked for its place, types and numbers.
fn read_table<T: Row>(table: &Table, bytes: &[u8]) -> Result<Vec<T>, ResultsError> {
    let file = table.file;
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader
        .headers()
        .map_err(|e| csv_error(file, &StringRecord::new(), None, e))?
        .clone();
    if header.is_empty() {
        let problem = format!("is empty; expected a header line and {}", table.expected());
        return Err(invalid(file, String::new(), problem));
    }
    let chains = percentile_chains(&header);
    let mut keys = table.keys();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(file, &header, None, e))?;
        let line = record.position().map_or(0, |p| p.line());
        let fail = |column: Option<&str>, problem| {
            let at = match column {
                Some(column) => format!(" line {line}, column {column}"),
                None => format!(" line {line}"),
            };
            invalid(file, at, problem)
        };
        let row: T = record
            .deserialize(Some(&header))
            .map_err(|e| csv_error(file, &header, Some(&record), e))?;
        let expected = keys.next();
        if expected != Some(row.key()) {
            let (column, problem) = table.misplaced(row.key(), expected);
            return Err(fail(column, problem));
        }
        for (name, text) in header.iter().zip(&record) {
            if !KEY_COLUMNS.contains(&name) {
                let value = text.parse().unwrap_or(f64::NAN);
                check_number(name, text, value).map_err(|p| fail(Some(name), p))?;
            }
        }
        for chain in &chains {
            let percentiles: Vec<(&str, f64)> = chain
                .iter()
                .map(|&i| (&header[i], record[i].parse().unwrap_or(f64::NAN)))
                .collect();
            check_order(&percentiles).map_err(|p| fail(None, p))?;
        }
        rows.push(row);
    }
    if keys.next().is_some() {
        let problem = format!(
            "ends after {} rows; expected {}",
            rows.len(),
            table.expected()
        );
        return Err(invalid(file, String::new(), problem));
    }
    Ok(rows)
}

/// The columns of each quantity with percentiles (`cash_p5` … `cash_p95`), lowest first.
fn percentile_chains(header: &StringRecord) -> Vec<Vec<usize>> {
    let columns: HashMap<&str, usize> = header.iter().enumerate().map(|(i, h)| (h, i)).collect();
    header
        .iter()
        .filter_map(|name| name.strip_suffix("_p5"))
        .map(|quantity| {
            PERCENTILES
                .iter()
                .filter_map(|p| columns.get(format!("{quantity}_{p}").as_str()).copied())
                .collect()
        })
        .collect()
}

/// A CSV reader's error, with the line and, for a value of the wrong type, its column and the
/// value as written in `record`.
fn csv_error(
    file: &'static str,
    header: &StringRecord,
    record: Option<&StringRecord>,
    error: csv::Error,
) -> ResultsError {
    let line = error.position().map_or(0, |p| p.line());
    match error.kind() {
        csv::ErrorKind::Deserialize { err, .. } => {
            let Some(i) = err.field().map(|i| i as usize) else {
                return invalid(file, format!(" line {line}"), err.kind().to_string());
            };
            let column = header.get(i).unwrap_or("?");
            let value = record.and_then(|r| r.get(i)).unwrap_or("");
            let problem = format!("\"{value}\" is not allowed: {}", err.kind());
            invalid(file, format!(" line {line}, column {column}"), problem)
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            let problem = format!("has {len} fields; expected {expected_len}, as many as line 1");
            invalid(file, format!(" line {line}"), problem)
        }
        _ => invalid(file, format!(" line {line}"), error.to_string()),
    }
}
