//! `fund.csv`, `units.csv` and `exceedance.csv`.

use anyhow::Result;
use serde::Serialize;

use super::Export;
use super::files::{EXCEEDANCE_CSV, FUND_CSV, UNITS_CSV};
use crate::results::Results;

/// `fund.csv`: one row per design and year.
pub struct Fund;

/// `units.csv`: one row per design, unit and year.
pub struct Units;

/// `exceedance.csv`: the share of paths above each value, per design, figure and unit.
pub struct Exceedance;

impl Export for Fund {
    fn file_name(&self) -> &'static str {
        FUND_CSV
    }

    fn render(&self, results: &Results) -> Result<Vec<u8>> {
        rows(&results.fund)
    }
}

impl Export for Units {
    fn file_name(&self) -> &'static str {
        UNITS_CSV
    }

    fn render(&self, results: &Results) -> Result<Vec<u8>> {
        rows(&results.units)
    }
}

impl Export for Exceedance {
    fn file_name(&self) -> &'static str {
        EXCEEDANCE_CSV
    }

    fn render(&self, results: &Results) -> Result<Vec<u8>> {
        rows(&results.exceedance_rows())
    }
}

fn rows<T: Serialize>(rows: &[T]) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row)?;
    }
    Ok(writer.into_inner()?)
}
