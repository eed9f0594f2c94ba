//! `sifsim run` and `sifsim report`: the scenario simulated once, its results written.

use std::path::PathBuf;

use super::{Job, Options, provenance};
use crate::breakeven::Simulated;
use crate::error::Error;
use crate::export::{self, Extras, ReportParts, Sweep, SweepSection};
use crate::results::Results;
use crate::scenario::Scenario;
use crate::simulator::Simulator;
use crate::story::{self, Pick, Told};
use crate::sweep::Setting;
use crate::threshold::{Question, Terms};

/// What the user asked of a run.
#[derive(Debug, Clone, Default)]
pub struct RunRequest {
    pub options: Options,
    /// Also write `report.html`.
    pub report: bool,
    /// With `report`: a sweep to include in the report.
    pub report_sweep: Vec<Setting>,
    /// Threshold questions as typed, read before anything is simulated.
    pub thresholds: Vec<String>,
}

/// A finished run.
#[derive(Debug)]
pub struct RunOutcome {
    pub results: Results,
    /// The folder the results were written to.
    pub out: PathBuf,
    /// The threshold questions, read.
    pub questions: Vec<Question>,
}

/// Simulates the request's scenario and writes its results; the simulator's monitor hears
/// progress and may cancel the run (then nothing is written).
pub fn run(simulator: &Simulator, request: &RunRequest) -> Result<RunOutcome, Error> {
    let source = request.options.source(None)?;
    let job = if request.report {
        Job::Report
    } else {
        Job::Run
    };
    let out = request.options.out(job, &source, &[])?;
    let scenario = source.scenario();
    let terms = Terms::of_scenario(scenario);
    let questions = (request.thresholds.iter())
        .map(|text| Question::parse(text, &terms))
        .collect::<Result<Vec<_>, _>>()?;
    let mut results = simulator
        .simulate(scenario)
        .map_err(|e| Error::in_file(e, &source.path))?;
    results.summary.scenario_sha256 = source.sha256.clone();
    let settings = &request.report_sweep;
    let sweep_section = if request.report && !settings.is_empty() {
        let rows = super::sweep::rows(simulator, &source, settings)?;
        let sweep = Sweep {
            base: scenario,
            settings,
            rows: &rows,
        };
        Some(SweepSection::new(&sweep, request.options.lang)?)
    } else {
        None
    };
    let lang = request.options.lang;
    let story = if request.report {
        typical_dry_future(simulator, scenario, &results)?.map(|told| told.html(lang))
    } else {
        None
    };
    // How well the projects must succeed for each design's budget room to break even.
    let breakeven = if request.report {
        Simulated::budget_room_on_success(&source, Vec::new(), simulator).search()?
    } else {
        Vec::new()
    };
    let extras = Extras {
        lang,
        xlsx: request.options.xlsx.then(|| source.table()),
        report: request.report.then_some(ReportParts {
            scenario,
            sweep: sweep_section.as_ref(),
            questions: &questions,
            story: story.as_deref(),
            breakeven: &breakeven,
            changes: None,
        }),
    };
    let provenance = provenance(job, &source, settings);
    export::write_run(&out, &results, extras, provenance, simulator.monitor())?;
    Ok(RunOutcome {
        results,
        out,
        questions,
    })
}

/// For the report: a typical future where the fund ran dry, under the design most likely to
/// run dry; `None` when no design ever does.
pub fn typical_dry_future(
    simulator: &Simulator,
    scenario: &Scenario,
    results: &Results,
) -> Result<Option<Told>, Error> {
    let designs = &results.summary.designs;
    let riskiest = (designs.iter())
        .filter(|d| d.p_depleted_ever > 0.0)
        .max_by(|a, b| a.p_depleted_ever.total_cmp(&b.p_depleted_ever));
    let told = riskiest.map(|d| story::explain(simulator, scenario, &d.name, &Pick::RanDry));
    Ok(told.transpose()?)
}
