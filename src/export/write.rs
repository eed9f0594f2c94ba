//! What a run writes into its folder: the tables, the charts, and when asked the workbook and
//! the report; and the charts of a finished run drawn again.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use super::files::{CHARTS, REPORT_HTML};
use super::folder::{self, ExportError, Provenance, Staging};
use super::readback::read_results;
use super::{Export, Lang, charts, exports, html, xlsx};
use crate::results::Results;
use crate::scenario::Scenario;
use crate::simulate::{Monitor, Phase};
use crate::sweep::{Setting, SweepRow};
use crate::threshold::Question;
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
    /// What the live page changed from the scenario file, said on the first page.
    pub changes: Option<Changes<'a>>,
}

/// What the live page changed from the scenario file: a heading and a line per change.
#[derive(Debug, Clone, Copy)]
pub struct Changes<'a> {
    pub title: &'a str,
    pub lines: &'a [String],
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
