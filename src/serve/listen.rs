//! The accept loop: each connection served by hyper with a deadline for its request headers and
//! a cap on its age, at most [`MAX_CONNECTIONS`] at once (the rest are closed at once); an
//! accept that fails, for lack of file descriptors or otherwise, backs off and goes on.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Most connections open at once: well under the smallest usual limit of file descriptors
/// (256 on macOS), so that files and the runs' threads always have some.
pub const MAX_CONNECTIONS: usize = 128;
/// A request's headers must have arrived this long after the connection opened or the last
/// answer: an idle or half-sent connection is closed then.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// A connection older than this closes once the request in hand is answered; one still busy
/// after as long again is closed regardless.
pub const MAX_AGE: Duration = Duration::from_secs(60);
/// The pause after a failed accept.
const BACK_OFF: Duration = Duration::from_millis(100);

/// Serves `router` on `listener` until `shutdown` resolves.
pub async fn listen(listener: TcpListener, router: Router, shutdown: impl Future<Output = ()>) {
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut failing = false;
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            () = &mut shutdown => return,
            accepted = listener.accept() => accepted,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(error) => {
                if !failing {
                    eprintln!("sifsim serve: cannot accept a connection ({error}); going on");
                }
                failing = true;
                tokio::time::sleep(BACK_OFF).await;
                continue;
            }
        };
        failing = false;
        // Over the cap a connection is closed at once: the browser tries again.
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            continue;
        };
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let _permit = permit;
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT);
            let connection = http.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => return,
                () = tokio::time::sleep(MAX_AGE) => connection.as_mut().graceful_shutdown(),
            }
            let _ = tokio::time::timeout(MAX_AGE, connection).await;
        });
    }
}
