//! `sifsim sensitivity`: each uncertain input low and high in turn, on the same futures.

use std::path::PathBuf;

use super::{Job, Options, provenance};
use crate::error::Error;
use crate::export;
use crate::results::Results;
use crate::sensitivity::{Level, SensitivityRow, Uncertain};
use crate::simulator::{Simulator, Work};

/// What the user asked of a sensitivity analysis.
#[derive(Debug, Clone, Default)]
pub struct SensitivityRequest {
    pub options: Options,
    /// Keep only this design.
    pub design: Option<String>,
}

/// A finished sensitivity analysis.
#[derive(Debug)]
pub struct SensitivityOutcome {
    pub rows: Vec<SensitivityRow>,
    /// The folder `sensitivity.csv` and the tornado charts were written to.
    pub out: PathBuf,
}

/// Runs the scenario as written and with each input low and high; writes `sensitivity.csv` and
/// a tornado chart per design.
pub fn sensitivity(
    simulator: &Simulator,
    request: &SensitivityRequest,
) -> Result<SensitivityOutcome, Error> {
    let source = (request.options).source(request.design.as_deref())?;
    let out = request.options.out(Job::Sensitivity, &source, &[])?;
    let base = source.scenario();
    // The scenario as written, then each input low and high.
    let runs: Vec<Option<(Uncertain, bool)>> = std::iter::once(None)
        .chain(
            Uncertain::ALL
                .into_iter()
                .flat_map(|i| [Some((i, false)), Some((i, true))]),
        )
        .collect();
    let scenarios = || {
        runs.iter().map(|run| match run {
            None => Ok(base.clone()),
            Some((input, high)) => source
                .variant(&input.edits(base, *high))
                .map_err(Error::from),
        })
    };
    let (mut rows, mut base_results) = (Vec::new(), None);
    let each = |i: usize, results: Results| {
        // The runs come in order: the first, the scenario as written, is the base of the rest.
        let base = base_results.as_ref().unwrap_or(&results);
        let level = |high| if high { Level::High } else { Level::Low };
        let input = runs[i].map(|(input, high)| (input, level(high)));
        rows.extend(SensitivityRow::of(&results, base, input));
        if i == 0 {
            base_results = Some(results);
        }
        Ok(())
    };
    (simulator.simulate_each(Work::Runs(runs.len()), scenarios, each))
        .map_err(|e| Error::in_file(e, &source.path))?;
    let base_results = base_results.expect("the first run is the scenario as written");
    let options = &request.options;
    let provenance = provenance(Job::Sensitivity, &source, &[]);
    export::write_sensitivity(
        &out,
        &base_results,
        &rows,
        options.lang,
        options.xlsx,
        provenance,
        simulator.monitor(),
    )?;
    Ok(SensitivityOutcome { rows, out })
}
