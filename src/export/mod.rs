//! Exports: each output file behind one trait, written into a staging folder that replaces the
//! output folder only once everything is written (results are whole or absent).

pub mod charts;
mod csv;
mod html;
mod json;
pub mod readback;
pub mod table;
pub mod xlsx;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

pub use charts::Lang;
pub use readback::read_results;

use crate::results::Results;
use crate::scenario::Scenario;
use crate::sweep::{Setting, SweepRow};

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
    ]
}

/// Folder of the charts inside an output folder.
pub const CHARTS: &str = "charts";

/// What a run writes besides `summary.json`, `fund.csv`, `units.csv` and the charts.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    /// Language of the charts.
    pub lang: Lang,
    /// Also write `results.xlsx`.
    pub xlsx: bool,
    /// Also write `report.html` about this scenario.
    pub report: Option<&'a Scenario>,
    /// A sweep for the report.
    pub report_sweep: Option<&'a SweepSection>,
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
/// there only when all succeeded.
pub fn write_all(dir: &Path, results: &Results, extras: Extras) -> Result<()> {
    let staging = Staging::new(dir)?;
    let mut exports = exports();
    if extras.xlsx {
        exports.push(Box::new(xlsx::RunWorkbook));
    }
    for export in exports {
        let bytes = export.render(results)?;
        staging.write(export.file_name(), &bytes)?;
    }
    let charts = charts::render_all(results, extras.lang)?;
    if let Some(scenario) = extras.report {
        let svgs: Vec<(String, String)> = charts
            .iter()
            .filter(|(name, _)| name.ends_with(".svg"))
            .map(|(name, bytes)| (name.clone(), String::from_utf8_lossy(bytes).into_owned()))
            .collect();
        let page = html::report(scenario, results, &svgs, extras.report_sweep);
        staging.write("report.html", page.as_bytes())?;
    }
    for (name, bytes) in charts {
        staging.write(&format!("{CHARTS}/{name}"), &bytes)?;
    }
    staging.commit()
}

/// Re-draws the charts of a finished run in `dir` from its files, replacing its `charts/`.
pub fn redraw_charts(dir: &Path, lang: Lang) -> Result<()> {
    let results = read_results(dir)?;
    let staging = Staging::new(&dir.join(CHARTS))?;
    for (name, bytes) in charts::render_all(&results, lang)? {
        staging.write(&name, &bytes)?;
    }
    staging.commit()
}

/// A temporary folder beside the target; removed on drop unless committed.
pub struct Staging {
    target: PathBuf,
    temp: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging folder beside `target`.
    pub fn new(target: &Path) -> Result<Staging> {
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .with_context(|| format!("could not create output folder '{}'", parent.display()))?;
        let name = target
            .file_name()
            .with_context(|| format!("output folder '{}' has no name", target.display()))?
            .to_string_lossy();
        let temp = parent.join(format!(".{name}.partial-{}", std::process::id()));
        if temp.exists() {
            fs::remove_dir_all(&temp).ok();
        }
        fs::create_dir(&temp)
            .with_context(|| format!("could not create staging folder '{}'", temp.display()))?;
        Ok(Staging {
            target: target.to_owned(),
            temp,
            committed: false,
        })
    }

    /// Writes one file (a relative path, e.g. `charts/fund.svg`) into the staging folder.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        let path = self.temp.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, bytes).with_context(|| format!("could not write '{}'", path.display()))
    }

    /// Replaces the target folder with the staged one.
    pub fn commit(mut self) -> Result<()> {
        let old = self.temp.with_extension("old");
        if self.target.exists() {
            fs::rename(&self.target, &old).with_context(|| {
                format!(
                    "could not move the previous results in '{}' aside",
                    self.target.display()
                )
            })?;
        }
        if let Err(e) = fs::rename(&self.temp, &self.target) {
            fs::rename(&old, &self.target).ok();
            return Err(e).with_context(|| {
                format!("could not write results to '{}'", self.target.display())
            });
        }
        self.committed = true;
        fs::remove_dir_all(&old).ok();
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            fs::remove_dir_all(&self.temp).ok();
        }
    }
}
