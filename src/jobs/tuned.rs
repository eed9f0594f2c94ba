//! What `tune` found, for a reader (a sentence, the frontier, where `tune.csv` went) and as
//! JSON.

use std::fmt::Write;

use serde_json::{Map, Value, json};

use super::tune::{TuneOutcome, TuneRequest};
use crate::export::files::TUNE_CSV;
use crate::labels::{Lang, fill};
use crate::tune::{Bound, Target};

/// The best setting (or the requirement nothing meets), the frontier, and where `tune.csv` is
/// (when it was written).
pub fn text(request: &TuneRequest, outcome: &TuneOutcome, lang: Lang) -> String {
    let t = lang.tune();
    let evaluated = outcome.evaluated.len().to_string();
    let direction = if request.maximise {
        t.maximise
    } else {
        t.minimise
    };
    let objective = format!("{direction} {}", request.objective);
    let mut out = match outcome.best {
        Some(i) => {
            let setting = &outcome.evaluated[i];
            let settings: Vec<String> = (request.vary.iter().zip(&setting.values))
                .map(|(s, &v)| format!("{} = {}", s.path, lang.exact(v)))
                .collect();
            let figures: Vec<String> = (request.require.iter().map(|r| r.figure.as_str()))
                .chain(match outcome.objective.target {
                    Target::Figure(_) => Some(request.objective.as_str()),
                    Target::Varied(_) => None,
                })
                .map(|f| {
                    let v = setting.figures.get(f).unwrap_or(f64::NAN);
                    format!("{f} = {}", lang.exact(v))
                })
                .collect();
            let values = [
                ("design", request.design.as_str()),
                ("evaluated", &evaluated),
                ("objective", &objective),
                ("settings", &settings.join(", ")),
                ("figures", &figures.join(", ")),
            ];
            fill(t.best, &values)
        }
        None => {
            let (requirement, miss) = match outcome.failure {
                Some((r, miss)) => {
                    let r = &request.require[r];
                    let bound = match r.bound {
                        Bound::AtMost => "<=",
                        Bound::AtLeast => ">=",
                    };
                    (
                        format!("{}{bound}{}", r.figure, lang.exact(r.limit)),
                        lang.exact(miss),
                    )
                }
                None => (String::new(), String::new()),
            };
            let values = [
                ("design", request.design.as_str()),
                ("evaluated", &evaluated),
                ("requirement", &requirement),
                ("miss", &miss),
            ];
            fill(t.none, &values)
        }
    };
    out.push('\n');
    if let (Some(first), false) = (request.require.first(), outcome.frontier.is_empty()) {
        let heading = fill(
            t.frontier,
            &[("objective", &objective), ("figure", &first.figure)],
        );
        let _ = writeln!(out, "\n{heading}");
        for (level, best) in &outcome.frontier {
            let _ = writeln!(out, "  {} → {}", lang.exact(*level), lang.exact(*best));
        }
    }
    if !outcome.out.as_os_str().is_empty() {
        let csv = outcome.out.join(TUNE_CSV);
        let _ = writeln!(out, "\n{} {}", t.written, csv.display());
    }
    out
}

/// `{"design", "objective", "evaluated", "best": null | {"settings", "figures"}}`.
pub fn json(request: &TuneRequest, outcome: &TuneOutcome) -> Value {
    let best = outcome.best.map(|i| {
        let setting = &outcome.evaluated[i];
        let settings: Map<String, Value> = (request.vary.iter().zip(&setting.values))
            .map(|(s, &v)| (s.path.clone(), json!(v)))
            .collect();
        let named = (request.require.iter().map(|r| r.figure.as_str())).chain(
            matches!(outcome.objective.target, Target::Figure(_))
                .then_some(request.objective.as_str()),
        );
        let figures: Map<String, Value> = named
            .map(|f| (f.to_string(), json!(setting.figures.get(f))))
            .collect();
        json!({ "settings": settings, "figures": figures })
    });
    json!({
        "design": request.design,
        "objective": request.objective,
        "evaluated": outcome.evaluated.len(),
        "best": best,
    })
}
