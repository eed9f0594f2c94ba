//! What the page asks of the current settings besides their figures: threshold questions, a
//! future where the fund ran dry told year by year, the report as a download, and the rule
//! that meets the council's limits. Each is
//! answered from the run the page shows (a recent run is reused), with every design kept.

use std::path::PathBuf;
use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::App;
use super::api::{ApiError, Settings, blocking, download};
use super::controls::plain;
use crate::breakeven::Simulated;
use crate::edit::Edit;
use crate::error::Error;
use crate::export::{self, Changes, ReportParts};
use crate::jobs::{Options, TuneRequest, tuned, typical_dry_future};
use crate::labels::fill;
use crate::results::Results;
use crate::simulator::Work;
use crate::source::design_index;
use crate::story::{self, Pick};
use crate::sweep::Setting;
use crate::threshold::{self, Question, Terms};
use crate::tune::{Evaluated, Figures, Requirement, Target, TuneError};

/// A threshold question about the settings, as typed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asked {
    settings: Settings,
    question: String,
}

/// A threshold question's answer: the question as a sentence, and the chance of its event in
/// each design, `(name, probability)`, with the settings and with the fund as loaded.
#[derive(Debug, Serialize)]
pub struct Answer {
    question: String,
    now: Vec<(String, f64)>,
    base: Vec<(String, f64)>,
}

/// `POST /api/threshold`: the chance of the question's event per design. A question that
/// cannot be read is refused with the command line's message before anything is simulated.
pub async fn threshold(
    State(app): State<Arc<App>>,
    asked: Result<Json<Asked>, JsonRejection>,
) -> Result<Json<Answer>, ApiError> {
    let Json(Asked { settings, question }) = asked?;
    let answer = blocking(app, &settings, move |app, job| {
        let scenario = job.fund.source.scenario();
        let terms = Terms::of_scenario(scenario);
        // The command line's message lists every form in English; the page says one sentence
        // with examples in its language.
        let question = Question::parse(&question, &terms).map_err(|_| {
            let unit = scenario.units().first().map_or("", |u| u.name.as_str());
            let year = scenario.calendar_year(scenario.years() - 1).to_string();
            let values = [("unit", unit), ("year", year.as_str())];
            ApiError::said(fill(job.lang.threshold().unreadable, &values))
        })?;
        let (now, base) = (app.now(job)?, app.loaded(job)?);
        Ok(Answer {
            question: question.describe(&now.results.summary, job.lang),
            now: threshold::answer(&now.results, &question),
            base: threshold::answer(&base.results, &question),
        })
    })
    .await?;
    Ok(Json(answer))
}

/// A design whose future the page asks to be told.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tell {
    settings: Settings,
    /// The design's name.
    design: String,
}

/// A story as the page shows it.
#[derive(Debug, Serialize)]
pub struct Story {
    /// An escaped HTML fragment: the story, or the sentence that the fund never ran dry.
    html: String,
}

/// `POST /api/explain`: a typical future of the design in which the fund ran dry, told year
/// by year, as `sifsim explain --ran-dry` tells it.
pub async fn explain(
    State(app): State<Arc<App>>,
    tell: Result<Json<Tell>, JsonRejection>,
) -> Result<Json<Story>, ApiError> {
    let Json(Tell { settings, design }) = tell?;
    let html = blocking(app, &settings, move |_, job| {
        let scenario = job.scenario()?;
        let told = story::explain(&job.simulator()?, &scenario, &design, &Pick::RanDry)
            .map_err(|e| job.error(e))?;
        Ok(told.html(job.lang))
    })
    .await?;
    Ok(Json(Story { html }))
}

/// `POST /api/report`: the report of the settings, as `sifsim report` writes it for the
/// scenario the page downloads, as a download.
pub async fn report(
    State(app): State<Arc<App>>,
    settings: Result<Json<Settings>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(settings) = settings?;
    let (name, page) = blocking(app, &settings, move |app, job| {
        let figures = app.now(job)?;
        let marked = job.download();
        let scenario = (job.fund.source.variant(&marked.edits)).map_err(|e| job.error(e))?;
        // Titled as the file downloaded: its name says when it was changed.
        let mut results = figures.results.clone();
        results.summary.scenario = scenario.name().to_string();
        let results = &results;
        let story = typical_dry_future(&job.simulator()?, &scenario, results)
            .map_err(|e| job.error(e))?
            .map(|told| told.html(job.lang));
        let simulator = job.simulator()?;
        let breakeven =
            Simulated::budget_room_on_success(&job.fund.source, plain(&job.edits), &simulator)
                .search()
                .map_err(|e| job.error(e))?;
        let parts = ReportParts {
            scenario: &scenario,
            sweep: None,
            questions: &[],
            story: story.as_deref(),
            breakeven: &breakeven,
            changes: (!marked.changes.is_empty()).then_some(Changes {
                title: &marked.title,
                lines: &marked.changes,
            }),
        };
        let page = export::report_page(&parts, results, job.lang).map_err(|e| job.error(e))?;
        Ok((format!("{}-report.html", job.fund.id), page))
    })
    .await?;
    Ok(download("text/html; charset=utf-8", &name, page))
}

/// The most values of the varied field a page's tuning evaluates.
const MAX_TUNED_VALUES: usize = 21;

/// A tuning the page asks for: one field of one design over a list of values, the
/// requirements and the objective as `sifsim tune` takes them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tune {
    settings: Settings,
    design: String,
    /// `PATH=VALUES`, as `--vary`.
    vary: String,
    /// `FIGURE<=X` or `FIGURE>=X`, as `--require`.
    require: Vec<String>,
    /// A figure or the varied path, as `--maximise`/`--minimise`.
    objective: String,
    maximise: bool,
}

/// What the tuning found: said as `sifsim tune` says it, and as its `--json` has it.
#[derive(Debug, Serialize)]
pub struct Tuned {
    text: String,
    json: serde_json::Value,
}

/// `POST /api/tune`: the settings with each value of the varied field, on the same futures;
/// the best that meets every requirement, as `sifsim tune` chooses it.
pub async fn tune(
    State(app): State<Arc<App>>,
    asked: Result<Json<Tune>, JsonRejection>,
) -> Result<Json<Tuned>, ApiError> {
    let Json(asked) = asked?;
    let tuned = blocking(app, &asked.settings, move |_, job| {
        let request = TuneRequest {
            options: Options::default(),
            vary: vec![asked.vary.parse::<Setting>().map_err(|e| job.error(e))?],
            require: (asked.require.iter())
                .map(|r| r.parse::<Requirement>().map_err(|e| job.error(e)))
                .collect::<Result<_, _>>()?,
            design: asked.design,
            objective: asked.objective,
            maximise: asked.maximise,
        };
        let setting = &request.vary[0];
        if setting.values.len() > MAX_TUNED_VALUES {
            let problem = format!("at most {MAX_TUNED_VALUES} values");
            return Err(job.error(TuneError::new("vary", &setting.to_string(), problem)));
        }
        let design =
            design_index(job.fund.source.scenario(), &request.design).map_err(|e| job.error(e))?;
        let simulator = job.simulator()?;
        // Every value on the same futures, the whole grid's cost checked before any runs.
        let variants = || {
            (setting.values.iter()).map(|&value| {
                let mut edits = plain(&job.edits);
                edits.push(Edit::number(setting.field.clone(), value));
                Ok::<_, Error>(job.fund.source.variant(&edits)?)
            })
        };
        let mut evaluated = Vec::new();
        let work = Work::Grid(setting.values.len() as f64);
        let each = |i: usize, results: Results| {
            evaluated.push(Evaluated {
                values: vec![setting.values[i]],
                figures: Figures::of(&results.summary.designs[design]),
            });
            Ok(())
        };
        (simulator.simulate_each(work, variants, each)).map_err(|e| job.error(e))?;
        // A figure no design has is refused as the command line refuses it.
        let objective = request.objective();
        let named = (request
            .require
            .iter()
            .map(|r| ("require", r.figure.as_str())))
        .chain(
            matches!(objective.target, Target::Figure(_))
                .then_some(("objective", request.objective.as_str())),
        );
        for (argument, figure) in named {
            if evaluated
                .first()
                .is_some_and(|e| e.figures.get(figure).is_none())
            {
                return Err(job.error(TuneError::new(argument, figure, "no figure of a design")));
            }
        }
        let outcome = request.chosen(objective, evaluated, PathBuf::new());
        Ok(Tuned {
            text: tuned::text(&request, &outcome, job.lang),
            json: tuned::json(&request, &outcome),
        })
    })
    .await?;
    Ok(Json(tuned))
}
