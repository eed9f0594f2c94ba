//! Exports: each output file behind one trait, written into a staging folder that replaces the
//! output folder only once everything is written (results are whole or absent). Every file a
//! job writes is named in `files`.

pub mod compare;
mod csv;
pub mod files;
pub mod folder;
mod json;
pub mod key_figures;
pub mod names;
pub mod readback;
pub mod table;

// The charts, the report, the jobs' folders (feature `charts`) and the workbook (`xlsx`).
#[cfg(feature = "charts")]
pub mod charts;
#[cfg(feature = "charts")]
mod html;
#[cfg(feature = "charts")]
mod variants;
#[cfg(feature = "charts")]
mod write;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use anyhow::Result;

pub use crate::labels::Lang;
pub use files::{CHARTS, REPORT_HTML, SWEEP_CSV};
pub use folder::{ExportError, Provenance, Staging};
pub use readback::{ResultsError, read_results};
#[cfg(feature = "charts")]
pub use variants::{Sweep, Table, sweep_csv, write_sensitivity, write_sweep, write_table};
#[cfg(feature = "charts")]
pub use write::{
    Changes, Extras, ReportParts, SweepSection, redraw_charts, report_page, write_run,
};

use crate::results::Results;

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
