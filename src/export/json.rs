//! `summary.json`.

use anyhow::Result;

use super::Export;
use super::files::SUMMARY_JSON;
use crate::results::Results;

/// `summary.json`: provenance and each design's totals.
pub struct Summary;

impl Export for Summary {
    fn file_name(&self) -> &'static str {
        SUMMARY_JSON
    }

    fn render(&self, results: &Results) -> Result<Vec<u8>> {
        let mut bytes = serde_json::to_vec_pretty(&results.summary)?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}
