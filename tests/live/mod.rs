//! Requests to the live page's router without a socket, shared by its HTTP-level tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::Value;
use sifsim::serve::{App, Fund, router};
use tower::ServiceExt;

/// The page's router over the bundled funds.
pub fn app() -> Router {
    router(Arc::new(App::new(Fund::bundled().unwrap())), None)
}

/// The status, content type and body of a request to `router`.
pub async fn call(router: Router, request: Request<Body>) -> (StatusCode, String, String) {
    let response = router.oneshot(request).await.unwrap();
    let status = response.status();
    let kind = (response.headers().get(header::CONTENT_TYPE))
        .map_or(String::new(), |v| v.to_str().unwrap().to_string());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, kind, String::from_utf8(body.to_vec()).unwrap())
}

pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

pub fn post(uri: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .unwrap()
}

/// Posts `body` to `uri`; the status and the JSON answer.
pub async fn ask(router: Router, uri: &str, body: Value) -> (StatusCode, Value) {
    let (status, kind, text) = call(router, post(uri, body.to_string())).await;
    assert!(kind.starts_with("application/json"), "{kind}");
    (status, serde_json::from_str(&text).unwrap())
}

/// Posts `settings` to `/api/run`; the status and the JSON answer.
pub async fn run(router: Router, settings: Value) -> (StatusCode, Value) {
    ask(router, "/api/run", settings).await
}

/// The scenario file the page downloads for `settings`, written into `dir`.
pub async fn downloaded(settings: &Value, dir: &Path) -> PathBuf {
    let (status, _, text) = call(app(), post("/api/toml", settings.to_string())).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let file = dir.join("changed.toml");
    std::fs::write(&file, text).unwrap();
    file
}
