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
use serde::{Deserialize, Serialize};
use serde_json::{Value as Json_, json};

use super::App;
use super::controls::{Edits, plain};
use super::fund::{Download, Entry, Fund, View};
use crate::Simulator;
use crate::edit::Edit;
use crate::error::Error;
use crate::export::Lang;
use crate::export::key_figures::{self, PageRow, Value};
use crate::results::{FundRow, Results};
use crate::scenario::{Scenario, ScenarioError};
use crate::simulate::Monitor;
use crate::source::sha256_hex;

/// Runs whose figures are kept, the latest first, so that going back to a setting is instant.
const RECENT: usize = 16;
/// Longest tab id the page may send.
const MAX_TAB: usize = 64;

/// The values of a page's controls that it changed, control id → value.
pub(super) type Values = BTreeMap<String, Json_>;

/// What the page asks for: a fund, the values of its controls that it changed, the language
/// of the figures' names and of any problem.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The fund's id.
    fund: String,
    /// Control id → value; a control left out keeps its value as loaded.
    #[serde(default)]
    values: Values,
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
    /// The language asked for: of the figures' names, and of any problem with the values.
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
    pub(super) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    /// A refusal worded in the page's language, for the page to show as it is.
    pub(super) fn said(message: String) -> ApiError {
        let field = FieldError {
            control: None,
            message: message.clone(),
        };
        ApiError {
            fields: vec![field],
            ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
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
        (edits, values): (&Edits, &Values),
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
            figures(fund, (edits, values), lang, monitor)
                .map_err(|e| ApiError::of(e, fund, edits, lang))?,
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
        let asked = (&job.edits, &job.values);
        self.figures(job.fund, asked, job.lang, &job.monitor)
    }

    /// The figures of the fund as loaded, on the job's paths and seed.
    pub(super) fn loaded(&self, job: &Job) -> Result<Arc<Figures>, ApiError> {
        let kept = |id: &String| id == "paths" || id == "seed";
        let edits: Edits = (job.edits.iter())
            .filter(|(id, _)| kept(id))
            .cloned()
            .collect();
        let values: Values = (job.values.iter())
            .filter(|(id, _)| kept(id))
            .map(|(id, v)| (id.clone(), v.clone()))
            .collect();
        self.figures(job.fund, (&edits, &values), job.lang, &job.monitor)
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
    /// The values the edits were made of, control id → value.
    pub values: Values,
    pub lang: Lang,
    monitor: Cancel,
}

impl Job {
    /// What a download of the job's settings is made of and says it changed.
    pub fn download(&self) -> Download {
        self.fund
            .download(&self.values, self.edits.clone(), self.lang)
    }

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
        values: settings.values.clone(),
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
/// their figures.
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
    let marked = fund.download(&settings.values, edits.clone(), lang);
    let text = (marked.text(&fund.source)).map_err(|e| ApiError::of(e, fund, &edits, lang))?;
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
/// it (the distributions behind threshold questions stay here), the page's key figures and
/// what its charts draw.
#[derive(Debug, Serialize)]
pub struct Figures {
    #[serde(rename = "summary", serialize_with = "summary")]
    pub(super) results: Results,
    /// The key figures of the page's table, chosen in `export/key_figures.rs`.
    key: Vec<KeyRow>,
    /// Per design, what the charts draw year by year.
    years: Vec<Years>,
    /// Per design, the nämnd it singles out (MODEL.md 7.4), by position; none when no nämnd is
    /// exposed at all.
    singled_out: Vec<Option<usize>>,
    /// Every pair of designs compared in a sentence, in the page's language.
    comparisons: Vec<String>,
}

/// A row of the page's key figures: the figure's short and full names in the page's language,
/// whether it is a line under the row before it, what it counts (`share`, `mnkr` or `count`)
/// and its value in each design, an amount as its median with the 5th and 95th percentiles.
#[derive(Debug, Serialize)]
struct KeyRow {
    key: &'static str,
    short: &'static str,
    name: &'static str,
    under: bool,
    quantity: &'static str,
    values: Vec<Json_>,
}

/// What the page's charts draw of one design, a value per simulated year: the fund's balance,
/// the risk that it has had to turn an application down by then, and the projects' effect on
/// the municipality's result, as the columns of `fund.csv` of the same names.
#[derive(Debug, Serialize)]
struct Years {
    cash_p5: Vec<f64>,
    cash_p50: Vec<f64>,
    cash_p95: Vec<f64>,
    p_depleted_by: Vec<f64>,
    result_effect_p5: Vec<f64>,
    result_effect_p50: Vec<f64>,
    result_effect_p95: Vec<f64>,
}

impl Years {
    fn of(results: &Results, design: &str) -> Years {
        let rows: Vec<&FundRow> = (results.fund.iter())
            .filter(|r| r.design == design)
            .collect();
        let column = |read: fn(&FundRow) -> f64| rows.iter().map(|r| read(r)).collect();
        Years {
            cash_p5: column(|r| r.cash_p5),
            cash_p50: column(|r| r.cash_p50),
            cash_p95: column(|r| r.cash_p95),
            p_depleted_by: column(|r| r.p_depleted_by),
            result_effect_p5: column(|r| r.result_effect_p5),
            result_effect_p50: column(|r| r.result_effect_p50),
            result_effect_p95: column(|r| r.result_effect_p95),
        }
    }
}

/// The page's key figures of `results`, named in `lang`.
fn key_rows(results: &Results, lang: Lang) -> Vec<KeyRow> {
    (key_figures::on_page())
        .map(|figure| {
            let values: Vec<Value> = (results.summary.designs.iter())
                .map(|d| figure.value(d))
                .collect();
            let quantity = match values.first() {
                Some(Value::Amount(_)) => "mnkr",
                Some(Value::Count(_)) => "count",
                Some(Value::Share(_)) | None => "share",
            };
            let values = (values.iter())
                .map(|v| match *v {
                    Value::Amount(s) => json!({ "p5": s.p5, "p50": s.p50, "p95": s.p95 }),
                    Value::Count(x) | Value::Share(x) => json!(x),
                })
                .collect();
            KeyRow {
                key: figure.key,
                short: figure.figure().short(lang),
                name: figure.figure().name(lang),
                under: figure.page == PageRow::Under,
                quantity,
                values,
            }
        })
        .collect()
}

fn summary<S: serde::Serializer>(results: &Results, serializer: S) -> Result<S::Ok, S::Error> {
    results.summary.serialize(serializer)
}

/// Simulates the fund with `edits` and reads off the figures the page shows.
fn figures(
    fund: &Fund,
    (edits, values): (&Edits, &Values),
    lang: Lang,
    monitor: &dyn Monitor,
) -> Result<Figures, Error> {
    let scenario = fund.source.variant(&plain(edits))?;
    let mut results = (Simulator::new(None, monitor)?.simulate(&scenario))
        .map_err(|e| Error::in_file(e, &fund.source.path))?;
    // The scenario file the page downloads, named as `sifsim run` names the file it read.
    let download = fund.download(values, edits.clone(), lang);
    results.summary.scenario_sha256 = sha256_hex(download.text(&fund.source)?.as_bytes());
    let key = key_rows(&results, lang);
    let years = (results.summary.designs.iter())
        .map(|d| Years::of(&results, &d.name))
        .collect();
    let singled_out = (results.summary.designs.iter())
        .map(|d| d.exposed_unit())
        .collect();
    let comparisons = crate::export::compare::sentences(&results.summary, lang);
    Ok(Figures {
        results,
        key,
        years,
        singled_out,
        comparisons,
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
