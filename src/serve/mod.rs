//! `sifsim serve`: a local web server with one page where moving a fund's rule redraws its
//! futures at once.
//!
//! The page and its scripts are embedded in the binary and load nothing from elsewhere. The
//! page sends the values of its controls; [`controls`] turns them into typed edits of the
//! fund's scenario file, [`crate::source::Source::variant`] validates them like the file, the
//! [`crate::Simulator`] runs them on a blocking thread, and the figures go back as JSON (the page
//! draws its charts from them); threshold questions, the story of a future and the report are answered from the same
//! runs. A newer request of the same tab cancels the run of the one before.

mod api;
mod ask;
mod controls;
mod fund;
mod limits;
mod listen;

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use anyhow::Context;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

pub use controls::PATHS;
pub use fund::Fund;
pub use listen::{HEADER_TIMEOUT, MAX_AGE, MAX_CONNECTIONS};

use crate::error::Error;

/// Largest request body: the settings of every control fit many times over.
pub const MAX_BODY: usize = 64 * 1024;

/// Where to serve and what.
#[derive(Debug, Clone)]
pub struct Options {
    /// A scenario file to offer instead of the bundled funds.
    pub scenario: Option<PathBuf>,
    pub host: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    /// Names besides the address that requests may give as their Host (the machine's name on
    /// the network, when `host` is not a loopback address).
    pub allow_hosts: Vec<String>,
}

/// What requests may name in their Host header: the address served, this machine's loopback
/// names and the names allowed, each with the port. Any other name is refused, so that no
/// other site's page can reach the server through a name of its own (DNS rebinding).
#[derive(Debug, Clone)]
pub struct Hosts(Vec<String>);

impl Hosts {
    /// The hosts of a server at `served`; a name allowed may carry its port (`name:8080`),
    /// and on port 80 a name may come without one, as browsers send it.
    pub fn new(served: SocketAddr, allowed: &[String]) -> Hosts {
        let port = served.port();
        let names = ["127.0.0.1", "localhost", "[::1]"].map(String::from);
        let has_port = |name: &str| {
            name.rsplit_once(':').is_some_and(|(host, _)| {
                !host.ends_with(':') && (!name.starts_with('[') || host.ends_with(']'))
            })
        };
        let hosts = (names.iter().chain(allowed).map(String::as_str))
            .flat_map(|name| match (has_port(name), port) {
                (true, _) => vec![name.to_string()],
                (false, 80) => vec![format!("{name}:{port}"), name.to_string()],
                (false, _) => vec![format!("{name}:{port}")],
            })
            .chain([served.to_string()])
            .collect();
        Hosts(hosts)
    }

    fn allow(&self, named: &str) -> bool {
        self.0.iter().any(|host| host.eq_ignore_ascii_case(named))
    }
}

/// What every request shares: the funds, and the cancel flag of each tab's running request.
#[derive(Debug)]
pub struct App {
    /// Made once per server and kept while the process lives.
    funds: &'static [Fund],
    tabs: Mutex<HashMap<String, Arc<AtomicBool>>>,
    /// The figures of the latest runs, by fund, language and edits.
    recent: Mutex<VecDeque<(String, Arc<api::Figures>)>>,
}

impl App {
    pub fn new(funds: Vec<Fund>) -> App {
        App {
            funds: Box::leak(funds.into_boxed_slice()),
            tabs: Mutex::default(),
            recent: Mutex::default(),
        }
    }

    /// Whether a request of browser tab `tab` is running (a newer one would cancel it): what a
    /// test of cancelling waits for.
    pub fn running(&self, tab: &str) -> bool {
        let tabs = self.tabs.lock().unwrap_or_else(|e| e.into_inner());
        tabs.contains_key(tab)
    }
}

/// The funds `options` offer: its scenario file, or the bundled funds.
pub fn funds(options: &Options) -> Result<Vec<Fund>, Error> {
    match &options.scenario {
        Some(path) => Ok(vec![Fund::read(path)?]),
        None => Fund::bundled(),
    }
}

/// The page, its endpoints and their limits; requests must name one of `hosts` in their Host
/// header (`None`: any, for a router called in the same process).
pub fn router(app: Arc<App>, hosts: Option<Hosts>) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/page.js", get(page::script))
        .route("/chart.js", get(page::charts))
        .route("/figures.js", get(page::figures))
        .route("/strings.js", get(page::strings))
        .route("/page.css", get(page::style))
        .route("/api/funds", get(api::funds))
        .route("/api/funds/{id}", get(api::fund))
        .route("/api/run", post(api::run))
        .route("/api/toml", post(api::toml))
        .route("/api/threshold", post(ask::threshold))
        .route("/api/explain", post(ask::explain))
        .route("/api/report", post(ask::report))
        .route("/api/tune", post(ask::tune))
        .method_not_allowed_fallback(|| refuse(StatusCode::METHOD_NOT_ALLOWED, "wrong method"))
        .fallback(|| refuse(StatusCode::NOT_FOUND, "no such page"))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(middleware::from_fn_with_state(hosts, same_host))
        .with_state(app)
}

/// Refuses a request whose Host header names none of the hosts allowed.
async fn same_host(State(hosts): State<Option<Hosts>>, request: Request, next: Next) -> Response {
    let Some(hosts) = hosts else {
        return next.run(request).await;
    };
    let named = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    if named.is_some_and(|n| hosts.allow(n)) {
        next.run(request).await
    } else {
        let message = "this server answers only to its own address";
        refuse(StatusCode::MISDIRECTED_REQUEST, message).await
    }
}

/// A refusal as JSON, like every other of the server's.
async fn refuse(status: StatusCode, message: &'static str) -> Response {
    (status, axum::Json(serde_json::json!({ "error": message }))).into_response()
}

/// Serves the page until Ctrl-C or SIGTERM; `ready` hears the address once it is listening.
pub fn serve(options: &Options, ready: impl FnOnce(SocketAddr)) -> Result<(), Error> {
    let app = App::new(funds(options)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("could not start the server's threads")?;
    runtime.block_on(async {
        let address = SocketAddr::new(options.host, options.port);
        let listener = (tokio::net::TcpListener::bind(address).await)
            .with_context(|| format!("could not listen on {address}"))?;
        let address = listener
            .local_addr()
            .context("could not read the address")?;
        // Listening for the signals before the address is told, so that one sent at once is
        // heard.
        let shutdown = stop_signals().context("could not listen for Ctrl-C")?;
        ready(address);
        let hosts = Hosts::new(address, &options.allow_hosts);
        listen::listen(listener, router(Arc::new(app), Some(hosts)), shutdown).await;
        Ok(())
    })
}

/// Listens for Ctrl-C and SIGTERM from now on; the future resolves when either arrives.
fn stop_signals() -> std::io::Result<impl Future<Output = ()>> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut interrupt = signal(SignalKind::interrupt())?;
        let mut terminate = signal(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
    })
}

/// The page's files, embedded in the binary.
mod page {
    use std::sync::LazyLock;

    use super::*;

    /// What the page may load and reach: its own origin only.
    const POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
                          img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
                          form-action 'none'; frame-ancestors 'none'";

    fn file(kind: &'static str, body: &'static str) -> Response {
        let mut response = ([(header::CONTENT_TYPE, kind)], body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(POLICY),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        response
    }

    pub async fn index() -> Response {
        file("text/html; charset=utf-8", include_str!("page/index.html"))
    }

    pub async fn script() -> Response {
        file(
            "text/javascript; charset=utf-8",
            include_str!("page/page.js"),
        )
    }

    /// The page's charts, drawn in the browser at the size they are shown.
    pub async fn charts() -> Response {
        file(
            "text/javascript; charset=utf-8",
            include_str!("page/chart.js"),
        )
    }

    /// The page's key figures, chart and burdens.
    pub async fn figures() -> Response {
        file(
            "text/javascript; charset=utf-8",
            include_str!("page/figures.js"),
        )
    }

    /// Every word of the page, from `labels/`, made once.
    pub async fn strings() -> Response {
        static SCRIPT: LazyLock<String> = LazyLock::new(crate::labels::page::script);
        file("text/javascript; charset=utf-8", SCRIPT.as_str())
    }

    pub async fn style() -> Response {
        file("text/css; charset=utf-8", include_str!("page/page.css"))
    }
}
