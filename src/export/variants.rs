//! The files of jobs that run variants of a scenario: a sweep's `sweep.csv` and its charts, a
//! sensitivity analysis's `sensitivity.csv` and its tornado charts, each with an optional
//! workbook; and a sweep as the report shows it.

use std::path::Path;

use anyhow::Result;

use super::charts::{self, SweepData};
use super::files::{CHARTS, SENSITIVITY_CSV, SENSITIVITY_XLSX, SWEEP_CSV, SWEEP_XLSX};
use super::folder::{ExportError, Provenance, Staging};
use super::{Lang, SweepSection, xlsx};
use crate::results::Results;
use crate::scenario::Scenario;
use crate::sensitivity::SensitivityRow;
use crate::simulate::{Monitor, Phase};
use crate::sweep::{Setting, SweepRow};

/// What a sweep writes.
pub struct Sweep<'a> {
    /// The scenario swept, as the file has it.
    pub base: &'a Scenario,
    pub settings: &'a [Setting],
    pub rows: &'a [SweepRow],
}

/// Writes `sweep.csv`, its charts and, with `xlsx`, `sweep.xlsx` into `dir`, whole or not at all.
pub fn write_sweep(
    dir: &Path,
    sweep: &Sweep,
    lang: Lang,
    xlsx: bool,
    provenance: Provenance,
    monitor: &dyn Monitor,
) -> Result<(), ExportError> {
    let table = Table {
        csv: (SWEEP_CSV, sweep_csv(sweep.settings, sweep.rows)?),
        xlsx: xlsx.then_some((SWEEP_XLSX, lang.sheets().sweep)),
    };
    let charts = || charts::render_sweep(&chart_data(sweep, lang));
    write_table(dir, table, charts, lang, provenance, monitor)
}

/// A job's table, named, and the name and sheet of its workbook when one is asked for.
pub struct Table<'a> {
    pub csv: (&'static str, Vec<u8>),
    pub xlsx: Option<(&'static str, &'a str)>,
}

/// Writes a job's `table` and the charts `charts` draws into `dir`, whole or not at all.
pub fn write_table(
    dir: &Path,
    table: Table,
    charts: impl FnOnce() -> Result<Vec<(String, Vec<u8>)>>,
    lang: Lang,
    provenance: Provenance,
    monitor: &dyn Monitor,
) -> Result<(), ExportError> {
    let mut staging = Staging::new(dir, provenance, monitor)?;
    monitor.phase(Phase::Tables);
    let (name, csv) = table.csv;
    if let Some((workbook, sheet)) = table.xlsx {
        monitor.phase(Phase::Workbook);
        staging.write(workbook, &xlsx::workbook(&[(sheet, &csv)], lang)?)?;
    }
    staging.write(name, &csv)?;
    monitor.phase(Phase::Charts);
    for (name, bytes) in charts()? {
        staging.write(&format!("{CHARTS}/{name}"), &bytes)?;
    }
    staging.commit()
}

impl SweepSection {
    /// A sweep for the report, its charts drawn as SVG.
    pub fn new(sweep: &Sweep, lang: Lang) -> Result<SweepSection> {
        let svgs = (charts::render_sweep(&chart_data(sweep, lang))?.into_iter())
            .filter(|(name, _)| name.ends_with(".svg"))
            .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
            .collect();
        Ok(SweepSection {
            settings: sweep.settings.to_vec(),
            rows: sweep.rows.to_vec(),
            svgs,
        })
    }
}

/// What a sweep's charts are drawn from.
fn chart_data<'a>(sweep: &Sweep<'a>, lang: Lang) -> SweepData<'a> {
    let base = sweep.base;
    let l = lang.labels();
    SweepData {
        title: format!("{} – {}", base.name(), l.sweep),
        subtitle: format!(
            "{} {} {}, {} {} · sifsim {}",
            lang.number(base.paths() as f64, 0),
            l.futures,
            l.per_setting,
            l.seed,
            base.seed(),
            env!("CARGO_PKG_VERSION")
        ),
        settings: sweep.settings,
        rows: sweep.rows,
        lang,
    }
}

/// `sweep.csv`: a column per setting, the design's metrics, then every figure `tune` accepts;
/// a row per setting and design.
pub fn sweep_csv(settings: &[Setting], rows: &[SweepRow]) -> Result<Vec<u8>> {
    // The metrics' columns come from serde, read back as records to put the settings' first.
    let metrics = csv_of(rows.iter().map(|(_, metrics)| metrics))?;
    let mut metrics = ::csv::Reader::from_reader(metrics.as_slice());
    let mut out = ::csv::Writer::from_writer(Vec::new());
    let header = settings.iter().map(|s| s.path.as_str());
    let columns = metrics.headers()?.clone();
    // A figure of `tune` that is already a column of the table keeps that one column.
    let new = |name: &str| !columns.iter().any(|c| c == name);
    let figures = rows.first().map_or(&[][..], |(_, m)| &m.figures[..]);
    let figures = (figures.iter())
        .filter(|(name, _)| new(name))
        .map(|(name, _)| name.as_str());
    out.write_record(header.chain(columns.iter()).chain(figures))?;
    for ((values, metrics), record) in rows.iter().zip(metrics.records()) {
        let values = values.iter().map(f64::to_string);
        let figures = (metrics.figures.iter()).filter(|(name, _)| new(name));
        let figures = figures.map(|(_, x)| x.to_string());
        out.write_record(
            values
                .chain(record?.iter().map(String::from))
                .chain(figures),
        )?;
    }
    Ok(out.into_inner()?)
}

/// Writes `sensitivity.csv`, a tornado chart per design and, with `xlsx`, `sensitivity.xlsx`
/// into `dir`, whole or not at all; `base` is the run of the scenario as written.
pub fn write_sensitivity(
    dir: &Path,
    base: &Results,
    rows: &[SensitivityRow],
    lang: Lang,
    xlsx: bool,
    provenance: Provenance,
    monitor: &dyn Monitor,
) -> Result<(), ExportError> {
    let table = Table {
        csv: (SENSITIVITY_CSV, csv_of(rows.iter())?),
        xlsx: xlsx.then_some((SENSITIVITY_XLSX, lang.sheets().sensitivity)),
    };
    let charts = || charts::render_tornados(base, rows, lang);
    write_table(dir, table, charts, lang, provenance, monitor)
}

/// Rows as CSV, their columns from serde.
fn csv_of<T: serde::Serialize>(rows: impl Iterator<Item = T>) -> Result<Vec<u8>> {
    let mut csv = ::csv::Writer::from_writer(Vec::new());
    for row in rows {
        csv.serialize(row)?;
    }
    Ok(csv.into_inner()?)
}
