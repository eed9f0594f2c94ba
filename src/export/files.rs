//! Every file an output folder can hold, each named once: the writers, the readers and the
//! jobs' messages use these names.

/// A run's figures, read back by `chart`.
pub const SUMMARY_JSON: &str = "summary.json";
/// The fund by design and year.
pub const FUND_CSV: &str = "fund.csv";
/// Every nämnd by design and year.
pub const UNITS_CSV: &str = "units.csv";
/// The chance that a figure passes each value.
pub const EXCEEDANCE_CSV: &str = "exceedance.csv";
/// A run's workbook (`--xlsx`).
pub const RESULTS_XLSX: &str = "results.xlsx";
/// The report (`sifsim report`).
pub const REPORT_HTML: &str = "report.html";
/// A sweep's table.
pub const SWEEP_CSV: &str = "sweep.csv";
/// A sweep's table as a workbook (`--xlsx`).
pub const SWEEP_XLSX: &str = "sweep.xlsx";
/// A sensitivity analysis's table.
pub const SENSITIVITY_CSV: &str = "sensitivity.csv";
/// A sensitivity analysis's table as a workbook (`--xlsx`).
pub const SENSITIVITY_XLSX: &str = "sensitivity.xlsx";
/// Every setting a tuning evaluated.
pub const TUNE_CSV: &str = "tune.csv";
/// The folder of the charts.
pub const CHARTS: &str = "charts";
/// The marker of a folder sifsim wrote, and what it wrote there.
pub const MANIFEST: &str = "sifsim-manifest.json";
