//! `sifsim tune`: the grid of the `--vary` values for one design on the same futures, the best
//! setting that meets every `--require`, and `tune.csv` with every setting evaluated.

use std::path::PathBuf;

use super::{Job, Options, provenance, sweep::each_point};
use crate::error::Error;
use crate::export::charts::{TuneData, render_tune};
use crate::export::files::TUNE_CSV;
use crate::export::{Table, write_table};
use crate::simulator::Simulator;
use crate::sweep::Setting;
use crate::tune::{self, Evaluated, Figures, Objective, Requirement, Target, TuneError};

/// What the user asked of a tuning.
#[derive(Debug, Clone)]
pub struct TuneRequest {
    pub options: Options,
    pub design: String,
    /// One or two fields and their values.
    pub vary: Vec<Setting>,
    pub require: Vec<Requirement>,
    /// The figure (or varied path) to maximise or minimise, as written.
    pub objective: String,
    pub maximise: bool,
}

/// A finished tuning.
#[derive(Debug)]
pub struct TuneOutcome {
    pub objective: Objective,
    pub evaluated: Vec<Evaluated>,
    /// The best feasible setting, by index into `evaluated`.
    pub best: Option<usize>,
    /// With nothing feasible: the failing requirement (by index) and by how much.
    pub failure: Option<(usize, f64)>,
    /// Per level of the first requirement's figure, the best objective.
    pub frontier: Vec<(f64, f64)>,
    /// The folder `tune.csv` was written to.
    pub out: PathBuf,
}

/// Evaluates the grid, chooses and writes `tune.csv`.
pub fn tune(simulator: &Simulator, request: &TuneRequest) -> Result<TuneOutcome, Error> {
    if !(1..=2).contains(&request.vary.len()) {
        let count = request.vary.len().to_string();
        return Err(TuneError::new("--vary", &count, "give one or two --vary").into());
    }
    let source = (request.options).source(Some(&request.design))?;
    let objective = request.objective();
    // Every figure named is checked at the door, against a run of one future.
    let one = (source.scenario().clone().with_futures(Some(1), None))
        .expect("one future is always allowed");
    let sample = Figures::of(&simulator.simulate(&one)?.summary.designs[0]);
    let argument = if request.maximise {
        "--maximise"
    } else {
        "--minimise"
    };
    let named = (request
        .require
        .iter()
        .map(|r| ("--require", r.figure.as_str())))
    .chain(
        matches!(objective.target, Target::Figure(_))
            .then_some((argument, request.objective.as_str())),
    );
    for (argument, figure) in named {
        if sample.get(figure).is_none() {
            let allowed = "a key of a design in summary.json with a number or a mean \
                           (p_depleted_ever, budget_effect_lifetime.p50, …), max_unit_p_tipped, \
                           or for the objective a --vary path";
            return Err(TuneError::new(argument, figure, format!("expected {allowed}")).into());
        }
    }
    let out = request.options.out(Job::Tune, &source, &request.vary)?;
    let mut evaluated = Vec::new();
    each_point(simulator, &source, &request.vary, |point, results| {
        evaluated.push(Evaluated {
            values: point.to_vec(),
            figures: Figures::of(&results.summary.designs[0]),
        });
    })?;
    let table = Table {
        csv: (TUNE_CSV, csv(request, &objective, &evaluated)?),
        xlsx: None,
    };
    let outcome = request.chosen(objective, evaluated, out);
    let provenance = provenance(Job::Tune, &source, &request.vary);
    let lang = request.options.lang;
    let l = lang.labels();
    let scenario = source.scenario();
    let chart = TuneData {
        title: format!("{} – {}: {}", scenario.name(), request.design, l.tune),
        subtitle: format!(
            "{} {} {}, {} {} · sifsim {}",
            lang.number(scenario.paths() as f64, 0),
            l.futures,
            l.per_setting,
            l.seed,
            scenario.seed(),
            env!("CARGO_PKG_VERSION")
        ),
        vary: &request.vary,
        require: &request.require,
        objective: &outcome.objective,
        evaluated: &outcome.evaluated,
        best: outcome.best,
        lang,
    };
    let monitor = simulator.monitor();
    write_table(
        &outcome.out,
        table,
        || render_tune(&chart),
        lang,
        provenance,
        monitor,
    )?;
    Ok(outcome)
}

impl TuneRequest {
    /// What is optimised: one of the varied paths when the objective names one, else a figure.
    pub fn objective(&self) -> Objective {
        let varied = self.vary.iter().position(|s| s.path == self.objective);
        Objective {
            target: varied.map_or(Target::Figure(self.objective.clone()), Target::Varied),
            maximise: self.maximise,
        }
    }

    /// The outcome of the settings `evaluated`: the best feasible one, or the requirement the
    /// closest misses, and the frontier; `out` is where `tune.csv` went (empty for none).
    pub fn chosen(
        &self,
        objective: Objective,
        evaluated: Vec<Evaluated>,
        out: PathBuf,
    ) -> TuneOutcome {
        let best = tune::best(&evaluated, &self.require, &objective);
        let failure = best
            .is_none()
            .then(|| tune::closest_failure(&evaluated, &self.require))
            .flatten();
        TuneOutcome {
            frontier: tune::frontier(&evaluated, &self.require, &objective),
            objective,
            evaluated,
            best,
            failure,
            out,
        }
    }
}

/// Every setting evaluated: the varied values, each required figure, the objective and whether
/// the setting meets every requirement.
fn csv(
    request: &TuneRequest,
    objective: &Objective,
    evaluated: &[Evaluated],
) -> Result<Vec<u8>, Error> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let mut header: Vec<&str> = request.vary.iter().map(|s| s.path.as_str()).collect();
    header.extend(request.require.iter().map(|r| r.figure.as_str()));
    if matches!(objective.target, Target::Figure(_)) {
        header.push(&request.objective);
    }
    header.push("feasible");
    let write = |writer: &mut ::csv::Writer<Vec<u8>>, record: Vec<String>| {
        writer.write_record(record).map_err(anyhow::Error::from)
    };
    write(&mut writer, header.iter().map(|h| h.to_string()).collect())?;
    for setting in evaluated {
        let mut record: Vec<String> = setting.values.iter().map(f64::to_string).collect();
        let figures = (request.require.iter().map(|r| r.figure.as_str())).chain(
            matches!(objective.target, Target::Figure(_)).then_some(request.objective.as_str()),
        );
        record.extend(figures.map(|f| {
            setting
                .figures
                .get(f)
                .map_or(String::new(), |v| v.to_string())
        }));
        record.push(tune::feasible(setting, &request.require).to_string());
        write(&mut writer, record)?;
    }
    Ok(writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)
}
