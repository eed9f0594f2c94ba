//! The page's endpoints: the funds, their controls, a run of the current settings and the
//! changed scenario as TOML; and what the others share: settings read into a [`Job`] on a
//! blocking thread, the recent runs, refusals. Every refusal is a 4xx with JSON saying why,
//! next to which control.

use std::collections::{BTreeMap, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::{Value as Json_, json};

use super::App;
use super::controls::{Edits, plain};
use super::fund::{Entry, Fund, View};
use crate::Simulator;
use crate::edit::Edit;
use crate::error::Error;
use crate::export::{Lang, charts};
use crate::results::Results;
use crate::scenario::{Scenario, ScenarioError};
use crate::simulate::Monitor;
use crate::source::sha256_hex;

/// Runs whose figures are kept, the latest first, so that going back to a setting is instant.
const RECENT: usize = 16;
/// Longest tab id the page may send.
const MAX_TAB: usize = 64;
/// The charts the page shows, by kind: the fund's fan per design, depletion risk by year,
/// each förvaltning's burden per design and each design's effect on the municipality's result.
const CHARTS: [&str; 4] = ["fund", "depletion", "burden-by-design", "result"];

/// What the page asks for: a fund, the values of its controls that it changed, the language
/// of the charts and of any problem.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The fund's id.
    fund: String,
    /// Control id → value; a control left out keeps its value as loaded.
    #[serde(default)]
    values: BTreeMap<String, Json_>,
    /// `sv` (default) or `en`.
    #[serde(default)]
    lang: Option<String>,
    /// The browser tab's own id: a newer request of the same tab cancels this one.
    #[serde(default)]
    tab: Option<String>,
    /// Also simulate the fund as loaded, with the same paths and seed.
    #[serde(default)]
    base: bool,
}

impl Settings {
    /// The language asked for: of the charts, and of any problem with the values.
    fn lang(&self) -> Result<Lang, ApiError> {
        match self.lang.as_deref() {
            None | Some("sv") => Ok(Lang::Sv),
            Some("en") => Ok(Lang::En),
            Some(other) => {
                let message = format!("no language '{other}'; expected sv or en");
                Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message))
            }
        }
    }
}

/// A refusal: its status, what is wrong, and which controls it is about.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
    fields: Vec<FieldError>,
}

/// A problem of one control's value, in the page's language; next to its control, without the
/// field's name.
#[derive(Debug, Serialize)]
struct FieldError {
    /// The control's id; `None` when no one control is at fault.
    control: Option<String>,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// An error of the library: 422 for what the page's values caused (with each problem next
    /// to its control, in `lang`), 409 for a run a newer request cancelled, 500 for a machine's
    /// failure.
    fn of(error: impl Into<Error>, fund: &Fund, edits: &[(String, Edit)], lang: Lang) -> ApiError {
        let error = error.into();
        let status = match &error {
            Error::Interrupted(_) => StatusCode::CONFLICT,
            e if e.exit_code() == 2 => StatusCode::UNPROCESSABLE_ENTITY,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        let mut fields = Vec::new();
        if let Error::Scenario(ScenarioError::Invalid { problems, .. }) = &error {
            let places = fund.source.places(&plain(edits)).unwrap_or_default();
            fields = (problems.iter())
                .map(|problem| {
                    let control = (edits.iter().zip(&places))
                        .find(|(_, places)| places.iter().any(|p| problem.path.starts_with(p)))
                        .map(|((id, _), _)| id.clone());
                    // Next to its control a problem needs no field's name.
                    let message = match control {
                        Some(_) => problem.message.in_lang(lang).to_string(),
                        None => problem.in_lang(lang),
                    };
                    FieldError { control, message }
                })
                .collect();
        }
        ApiError {
            status,
            message: chain(&error),
            fields,
        }
    }
}

/// An error with its causes, as the command line prints it.
fn chain(error: &Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message += &format!(": {cause}");
        source = cause.source();
    }
    message
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": self.message, "fields": self.fields });
        (self.status, Json(body)).into_response()
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> ApiError {
        ApiError::new(rejection.status(), rejection.body_text())
    }
}

/// `GET /api/funds`: the funds the page offers.
pub async fn funds(State(app): State<Arc<App>>) -> Json<Vec<Entry<'static>>> {
    Json(app.funds.iter().map(Fund::entry).collect())
}

/// `GET /api/funds/{id}`: a fund's designs and controls.
pub async fn fund(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Json<View<'static>>, ApiError> {
    Ok(Json(app.fund(&id)?.view()))
}

impl App {
    fn fund(&self, id: &str) -> Result<&'static Fund, ApiError> {
        (self.funds.iter().find(|f| f.id == id))
            .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, format!("no fund '{id}'")))
    }

    /// The fund and edits `settings` ask for, refused (in `lang`) when a value fits no control.
    fn edits(&self, settings: &Settings, lang: Lang) -> Result<(&'static Fund, Edits), ApiError> {
        let fund = self.fund(&settings.fund)?;
        let edits = fund.edits(&settings.values).map_err(|refused| {
            let message = refused.message.in_lang(lang).to_string();
            let named = match &refused.control {
                Some(id) => format!("{id}: {message}"),
                None => message.clone(),
            };
            ApiError {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                message: named,
                fields: vec![FieldError {
                    control: refused.control,
                    message,
                }],
            }
        })?;
        Ok((fund, edits))
    }

    /// The figures of `edits` of `fund`: those of a recent run of the same settings, or
    /// simulated and remembered.
    fn figures(
        &self,
        fund: &Fund,
        edits: &Edits,
        lang: Lang,
        monitor: &dyn Monitor,
    ) -> Result<Arc<Figures>, ApiError> {
        let key = format!("{}|{lang:?}|{edits:?}", fund.id);
        let recent = |cache: &VecDeque<(String, Arc<Figures>)>| {
            (cache.iter().find(|(k, _)| *k == key)).map(|(_, figures)| figures.clone())
        };
        if let Some(figures) = recent(&self.recent.lock().unwrap_or_else(|e| e.into_inner())) {
            return Ok(figures);
        }
        let figures = Arc::new(
            figures(fund, edits, lang, monitor).map_err(|e| ApiError::of(e, fund, edits, lang))?,
        );
        let mut cache = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        if recent(&cache).is_none() {
            cache.push_front((key, figures.clone()));
            cache.truncate(RECENT);
        }
        Ok(figures)
    }

    /// The figures of the job's settings.
    pub(super) fn now(&self, job: &Job) -> Result<Arc<Figures>, ApiError> {
        self.figures(job.fund, &job.edits, job.lang, &job.monitor)
    }

    /// The figures of the fund as loaded, on the job's paths and seed.
    pub(super) fn loaded(&self, job: &Job) -> Result<Arc<Figures>, ApiError> {
        let same: Edits = (job.edits.iter())
            .filter(|(id, _)| id == "paths" || id == "seed")
            .cloned()
            .collect();
        self.figures(job.fund, &same, job.lang, &job.monitor)
    }

    /// A new cancel flag for `tab`, cancelling the run its last request started.
    fn supersede(&self, tab: &str) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        let mut tabs = self.tabs.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(old) = tabs.insert(tab.to_string(), flag.clone()) {
            old.store(true, Ordering::Relaxed);
        }
        flag
    }

    /// Forgets `tab`'s flag once its run is over, unless a newer request replaced it.
    fn finished(&self, tab: &str, flag: &Arc<AtomicBool>) {
        let mut tabs = self.tabs.lock().unwrap_or_else(|e| e.into_inner());
        if tabs.get(tab).is_some_and(|f| Arc::ptr_eq(f, flag)) {
            tabs.remove(tab);
        }
    }
}

/// What a request works on: the fund, the edits its settings make, the language, and the
/// monitor that stops it when it is cancelled.
pub(super) struct Job {
    pub fund: &'static Fund,
    pub edits: Edits,
    pub lang: Lang,
    monitor: Cancel,
}

impl Job {
    /// A refusal of `error`, next to the control at fault.
    pub fn error(&self, error: impl Into<Error>) -> ApiError {
        ApiError::of(error, self.fund, &self.edits, self.lang)
    }

    /// The fund's scenario with the edits, validated.
    pub fn scenario(&self) -> Result<Scenario, ApiError> {
        (self.fund.source.variant(&plain(&self.edits))).map_err(|e| self.error(e))
    }

    /// A simulator that stops when the request is cancelled.
    pub fn simulator(&self) -> Result<Simulator<'_>, ApiError> {
        Simulator::new(None, &self.monitor).map_err(|e| self.error(e))
    }
}

/// Does `work` on a blocking thread for the fund, edits and language of `settings`. A newer
/// request of the same tab, or the client going away, cancels it.
pub(super) async fn blocking<T: Send + 'static>(
    app: Arc<App>,
    settings: &Settings,
    work: impl FnOnce(&App, &Job) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let lang = settings.lang()?;
    let tab = settings.tab.clone().unwrap_or_default();
    if tab.len() > MAX_TAB {
        let message = format!("a tab id is at most {MAX_TAB} bytes");
        return Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message));
    }
    let (fund, edits) = app.edits(settings, lang)?;
    let flag = if tab.is_empty() {
        Arc::new(AtomicBool::new(false))
    } else {
        app.supersede(&tab)
    };
    let _gone = CancelOnDrop(flag.clone());
    let job = Job {
        fund,
        edits,
        lang,
        monitor: Cancel(flag.clone()),
    };
    let shared = app.clone();
    let outcome = tokio::task::spawn_blocking(move || work(&shared, &job))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    if !tab.is_empty() {
        app.finished(&tab, &flag);
    }
    outcome
}

/// `POST /api/run`: simulates the settings (and the fund as loaded, when asked) and returns
/// the figures and charts.
pub async fn run(
    State(app): State<Arc<App>>,
    settings: Result<Json<Settings>, JsonRejection>,
) -> Result<Json<Outcome>, ApiError> {
    let Json(settings) = settings?;
    let base = settings.base;
    let outcome = blocking(app, &settings, move |app, job| {
        let now = app.now(job)?;
        let base = base.then(|| app.loaded(job)).transpose()?;
        Ok(Outcome { now, base })
    })
    .await?;
    Ok(Json(outcome))
}

/// `POST /api/toml`: the fund's scenario file with the settings written in, its comments kept
/// and each changed value marked, as a download.
pub async fn toml(
    State(app): State<Arc<App>>,
    settings: Result<Json<Settings>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(settings) = settings?;
    let lang = settings.lang()?;
    let (fund, edits) = app.edits(&settings, lang)?;
    let text = (fund.source.variant_text(&plain(&edits)))
        .map_err(|e| ApiError::of(e, fund, &edits, lang))?;
    let name = format!("{}-changed.toml", fund.id);
    Ok(download("application/toml; charset=utf-8", &name, text))
}

/// `body` as a download named `name`.
pub(super) fn download(kind: &'static str, name: &str, body: String) -> Response {
    let disposition = format!("attachment; filename=\"{name}\"");
    let headers = [
        (header::CONTENT_TYPE, kind.to_string()),
        (header::CONTENT_DISPOSITION, disposition),
    ];
    (headers, body).into_response()
}

/// What a run returns: the settings' figures and, when asked, the fund's as loaded.
#[derive(Debug, Serialize)]
pub struct Outcome {
    now: Arc<Figures>,
    base: Option<Arc<Figures>>,
}

/// One simulation's figures: its results, serialized as `summary.json` as `sifsim run` writes
/// it (the distributions behind threshold questions stay here), and the charts.
#[derive(Debug, Serialize)]
pub struct Figures {
    #[serde(rename = "summary", serialize_with = "summary")]
    pub(super) results: Results,
    /// Per design, the nämnd it singles out (MODEL.md 7.4), by position; none when no nämnd is
    /// exposed at all.
    singled_out: Vec<Option<usize>>,
    /// Every pair of designs compared in a sentence, in the page's language.
    comparisons: Vec<String>,
    charts: Vec<Chart>,
}

fn summary<S: serde::Serializer>(results: &Results, serializer: S) -> Result<S::Ok, S::Error> {
    results.summary.serialize(serializer)
}

/// A chart as SVG text.
#[derive(Debug, Serialize)]
struct Chart {
    kind: &'static str,
    design: Option<usize>,
    svg: String,
}

/// Simulates the fund with `edits` and reads off the figures the page shows.
fn figures(
    fund: &Fund,
    edits: &[(String, Edit)],
    lang: Lang,
    monitor: &dyn Monitor,
) -> Result<Figures, Error> {
    let edits = plain(edits);
    let scenario = fund.source.variant(&edits)?;
    let mut results = (Simulator::new(None, monitor)?.simulate(&scenario))
        .map_err(|e| Error::in_file(e, &fund.source.path))?;
    // The scenario file the page downloads, named as `sifsim run` names the file it read.
    results.summary.scenario_sha256 = sha256_hex(fund.source.variant_text(&edits)?.as_bytes());
    let charts = (charts::names(&results).into_par_iter())
        .filter(|c| CHARTS.contains(&c.kind))
        .map(|c| {
            let svg = charts::svg(&results, lang, &c.name)?.unwrap_or_default();
            Ok(Chart {
                kind: c.kind,
                design: c.design,
                svg,
            })
        })
        .collect::<Result<_, Error>>()?;
    let singled_out = (results.summary.designs.iter())
        .map(|d| d.exposed_unit())
        .collect();
    let comparisons = crate::export::compare::sentences(&results.summary, lang);
    Ok(Figures {
        results,
        singled_out,
        comparisons,
        charts,
    })
}

/// A run's monitor: cancelled when its flag is set.
struct Cancel(Arc<AtomicBool>);

impl Monitor for Cancel {
    fn cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Sets the flag when the request is dropped: a client that went away stops its run.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}
