//! The accept loop: HTTP/1.1 connections served by hyper with the limits `axum::serve` does
//! not set.
//!
//! - **A connection limit.** At most `max_connections` connections are served at once; more
//!   wait in the kernel's accept queue, holding none of our file descriptors. A client that
//!   opens a thousand idle connections can then delay others, not stop the server (without
//!   the limit it ran the process out of file descriptors and `/healthz` stopped answering).
//! - **Header-read and idle timeout.** A connection must send a complete request head within
//!   `header_timeout`, counted from when it opened or, kept alive, from the end of the
//!   previous response; otherwise it is closed. This ends slow-header (slowloris) clients and
//!   idle keep-alive connections alike.
//! - **Request timeout** is a layer of the application (see `lib.rs`), so that it applies to
//!   reading the body and to the handler, and answers 503.

use std::future::Future;
use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, Request};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tower::ServiceExt;

/// Serves `app` on `listener` until `shutdown` resolves, then lets the requests in flight
/// finish (each connection closes after its current response).
pub(crate) async fn run(
    listener: TcpListener,
    app: Router,
    header_timeout: Duration,
    max_connections: usize,
    open: Arc<std::sync::atomic::AtomicI64>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let max_connections = max_connections.clamp(1, 1 << 20);
    let slots = Arc::new(Semaphore::new(max_connections));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut shutdown = pin!(shutdown);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .keep_alive(true);
    loop {
        // A slot first: beyond the limit, connections stay queued in the kernel.
        let slot = tokio::select! {
            slot = slots.clone().acquire_owned() => slot.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors or memory, or a connection reset while queued:
                    // wait a moment rather than spin, and go on serving the others.
                    if !is_per_connection(&e) {
                        tracing::warn!(error = %e, "cannot accept a connection");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = TowerToHyperService::new(app.map_request(move |req: Request<Incoming>| {
            let mut req = req.map(axum::body::Body::new);
            req.extensions_mut()
                .insert(ConnectInfo::<SocketAddr>(remote));
            req
        }));
        let http = http.clone();
        let mut stop = stop_rx.clone();
        let open = open.clone();
        tokio::spawn(async move {
            open.fetch_add(1, Ordering::Relaxed);
            let conn = http.serve_connection(TokioIo::new(stream), service);
            let mut conn = pin!(conn);
            tokio::select! {
                result = conn.as_mut() => {
                    if let Err(e) = result {
                        tracing::debug!(error = %e, "connection ended");
                    }
                }
                () = async { let _ = stop.wait_for(|s| *s).await; } => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
            open.fetch_sub(1, Ordering::Relaxed);
            drop(slot);
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    // Every slot back means every connection has ended.
    let _ = slots.acquire_many(max_connections as u32).await;
    Ok(())
}

/// Errors that concern one connection only (it was reset while it waited in the queue).
fn is_per_connection(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}
