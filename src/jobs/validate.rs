//! `sifsim validate`: what a scenario file holds, checked, and how well its projects must do
//! for each design to break even, estimated on a few futures. Writes nothing.

use std::fmt::Write;
use std::path::Path;

use crate::breakeven::Simulated;
use crate::error::Error;
use crate::export::{compare, table};
use crate::labels::{Lang, fill};
use crate::simulator::Simulator;
use crate::source::{Overrides, Source};

/// Futures the break-even of `validate` is estimated on: a second or less for a bundled fund.
pub const VALIDATE_PATHS: u64 = 1_000;

/// The scenario file at `path` described, then each design's break-even on the share of
/// projects that succeed, on [`VALIDATE_PATHS`] futures.
pub fn validate(simulator: &Simulator, path: &Path, lang: Lang) -> Result<String, Error> {
    let in_file = |e| Error::in_file(e, path);
    let source = Source::read(path, Overrides::default()).map_err(in_file)?;
    let mut text = table::describe(source.scenario(), lang);
    let few = Overrides {
        paths: Some(VALIDATE_PATHS),
        ..Overrides::default()
    };
    let source = Source::read(path, few).map_err(in_file)?;
    let found = Simulated::budget_room_on_success(&source, Vec::new(), simulator).search()?;
    let paths = lang.number(VALIDATE_PATHS as f64, 0);
    let _ = writeln!(
        text,
        "\n{}",
        fill(lang.breakeven().estimated, &[("paths", &paths)])
    );
    for design in &found {
        let _ = writeln!(text, "  {}", compare::breakeven_sentence(design, lang));
    }
    Ok(text)
}
