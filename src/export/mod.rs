//! Exports: each output file behind one trait, written into a staging folder that replaces the
//! output folder only once everything is written (results are whole or absent). Every file a
//! job writes is named here.

pub mod charts;
pub mod compare;
mod csv;
pub mod files;
pub mod folder;
mod html;
mod json;
pub mod key_figures;
pub mod names;
pub mod readback;
pub mod table;
mod variants;
mod xlsx;

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

pub use charts::Lang;
pub use files::{CHARTS, REPORT_HTML, SWEEP_CSV};
pub use folder::{ExportError, Provenance, Staging};
pub use readback::{ResultsError, read_results};
pub use variants::{Sweep, Table, sweep_csv, write_sensitivity, write_sweep, write_table};

use crate::results::Results;
use crate::scenario::Scenario;
use crate::simulate::{Monitor, Phase};
use crate::sweep::{Setting, SweepRow};
use crate::threshold::Question;

/// One output file rendered from a run's results.
pub trait Export {
    /// The file's name in the output folder.
    fn file_name(&self) -> &'static str;
    /// The file's bytes.
    fn render(&self, results: &Results) -> Result<Vec<u8>>;
}

/// The files `sifsim run` writes.
pub fn exports() -> Vec<Box<dyn Export>> {
    vec![
        Box::new(json::Summary),
        Box::new(csv::Fund),
        Box::new(csv::Units),
        Box::new(csv::Exceedance),
    ]
}

/// What a run writes besides `summary.json`, `fund.csv`, `units.csv`, `exceedance.csv` and
/// the charts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    /// Language of the tables, charts, workbook and report.
    pub lang: Lang,
    /// Also write `results.xlsx`, with this scenario file's values in its inputs sheet.
    pub xlsx: Option<&'a toml::Table>,
    /// Also write `report.html`, from these parts.
    pub report: Option<ReportParts<'a>>,
}

/// What the report shows besides the run's results.
#[derive(Debug, Clone, Copy)]
pub struct ReportParts<'a> {
    /// The scenario the results are of.
    pub scenario: &'a Scenario,
    /// A sweep of it.
    pub sweep: Option<&'a SweepSection>,
    /// Threshold questions to answer.
    pub questions: &'a [Question],
    /// One future told, as an HTML fragment.
    pub story: Option<&'a str>,
    /// How well the projects must succeed for each design's budget room to break even.
    pub breakeven: &'a [crate::breakeven::BreakEven],
}

/// A sweep as the report shows it.
#[derive(Debug, Clone)]
pub struct SweepSection {
    pub settings: Vec<Setting>,
    pub rows: Vec<SweepRow>,
    /// The sweep's charts as SVG.
    pub svgs: Vec<String>,
}

/// Writes every export and chart (and the extras asked for) into `dir`, replacing what was
/// there only when all succeeded; `monitor` hears each phase and may stop the writing.
pub fn write_run(
    dir: &Path,
    results: &Results,
    extras: Extras,
    provenance: Provenance,
    monitor: &dyn Monitor,
) -> Result<(), ExportError> {
    let mut staging = Staging::new(dir, provenance, monitor)?;
    monitor.phase(Phase::Tables);
    for export in exports() {
        staging.write(export.file_name(), &export.render(results)?)?;
    }
    if let Some(inputs) = extras.xlsx {
        monitor.phase(Phase::Workbook);
        let workbook = xlsx::RunWorkbook {
            lang: extras.lang,
            inputs,
        };
        staging.write(workbook.file_name(), &workbook.render(results)?)?;
    }
    monitor.phase(Phase::Charts);
    let charts = charts::render_all(results, extras.lang)?;
    for (name, bytes) in &charts {
        staging.write(&format!("{CHARTS}/{name}"), bytes)?;
    }
    if let Some(parts) = extras.report {
        monitor.phase(Phase::Report);
        let svgs = (charts.iter())
            .filter_map(|(name, bytes)| {
                let stem = name.strip_suffix(".svg")?;
                Some((
                    stem.to_string(),
                    String::from_utf8_lossy(bytes).into_owned(),
                ))
            })
            .collect();
        let page = report(&parts, results, svgs, extras.lang)?;
        staging.write(REPORT_HTML, page.as_bytes())?;
    }
    staging.commit()
}

/// The report page of `results` in `lang`, its charts drawn in memory: what [`write_run`]
/// writes as `report.html`, without writing anything.
pub fn report_page(parts: &ReportParts, results: &Results, lang: Lang) -> Result<String> {
    let svgs = (charts::names(results).into_par_iter())
        .map(|chart| {
            let svg = charts::svg(results, lang, &chart.name)?.unwrap_or_default();
            Ok((chart.name, svg))
        })
        .collect::<Result<_>>()?;
    report(parts, results, svgs, lang)
}

/// The report page from the run's charts, `(name, SVG)` in drawing order, and its exceedance
/// charts.
fn report(
    parts: &ReportParts,
    results: &Results,
    mut svgs: Vec<(String, String)>,
    lang: Lang,
) -> Result<String> {
    svgs.extend(charts::exceedance_svgs(results, lang)?);
    Ok(html::report(parts, results, &svgs, lang))
}

/// Re-draws the charts of a finished run in `dir` from its files: the folder is rewritten
/// whole, its other files unchanged, and only when sifsim wrote it and nobody edited it.
pub fn redraw_charts(dir: &Path, lang: Lang, monitor: &dyn Monitor) -> Result<(), ExportError> {
    let manifest = folder::check_owned(dir)?;
    let results = read_results(dir)?;
    let mut staging = Staging::new(dir, manifest.provenance.clone(), monitor)?;
    for name in manifest.files.keys() {
        if !name.starts_with(&format!("{CHARTS}/")) {
            let bytes = fs::read(dir.join(name))
                .with_context(|| format!("could not read '{}'", dir.join(name).display()))?;
            staging.write(name, &bytes)?;
        }
    }
    monitor.phase(Phase::Charts);
    for (name, bytes) in charts::render_all(&results, lang)? {
        staging.write(&format!("{CHARTS}/{name}"), &bytes)?;
    }
    staging.commit()
}
