//! What an operator sees of the server: a request id on every request, a span per request in
//! the logs, and the figures of `/metrics`.
//!
//! - **Request ids.** Every request gets an id: the `X-Request-Id` a reverse proxy sent (when
//!   it is a short token of letters, digits, `-`, `_`, `.`), or a new random one. It comes
//!   back in the `X-Request-Id` response header, in JSON error bodies (`request_id`) and on
//!   error pages, and is a field of every log line written while the request runs, so that a
//!   user's "it failed" can be found in the logs.
//! - **Spans.** tower-http's `TraceLayer` opens a span per request with the method, the route
//!   *template* (`/cases/{id}`, never the path as typed, nor the query string, which can hold
//!   a name searched for), and on the response its status and latency. No personal data.
//! - **Metrics.** `/metrics` in the Prometheus text format, only for a caller presenting the
//!   configured bearer token (`--metrics-token`); without one it does not exist.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use tower_http::trace::TraceLayer;
use tracing::Span;

use crate::AppState;

/// The header that carries the request id both ways.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

tokio::task_local! {
    static CURRENT: String;
}

/// The id of the request being served by this task, for error pages.
pub(crate) fn current_request_id() -> Option<String> {
    CURRENT.try_with(|id| id.clone()).ok()
}

/// The request id, in the request's extensions.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// An id a proxy in front of us chose is kept when it cannot smuggle anything into a log line
/// or a header; anything else is replaced.
fn usable(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

fn new_id() -> String {
    format!("{:016x}", rand::random::<u64>())
}

type Labels = Vec<(&'static str, String)>;

/// Deadlines escalated by this process's escalation job (it runs beside the server, not in a
/// request, hence a process-wide counter).
static ESCALATIONS: std::sync::LazyLock<Counter> = std::sync::LazyLock::new(Counter::default);

/// Counts deadlines the escalation job escalated, for `/metrics`.
pub fn escalated(n: u64) {
    ESCALATIONS.inc_by(n);
}

/// The figures `/metrics` shows. Request figures are kept as requests are served; the state of
/// the system (backlogs, queues) is read from the database when `/metrics` is asked for.
pub struct Metrics {
    registry: Registry,
    requests: Family<Labels, Counter>,
    latency: Family<Labels, Histogram, fn() -> Histogram>,
    connections: Gauge,
    intake: Family<Labels, Gauge>,
    outbox: Family<Labels, Gauge>,
    overdue_cases: Gauge,
    review_queue: Gauge,
    untriaged_inquiries: Gauge,
    matching_records: Gauge,
    database_up: Gauge,
    database_connections: Family<Labels, Gauge>,
    /// Connections open now, kept by the server loop.
    pub(crate) open_connections: Arc<AtomicI64>,
}

fn latency_histogram() -> Histogram {
    // 5 ms to about 40 s.
    Histogram::new(exponential_buckets(0.005, 2.0, 14))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("corridor");
        let requests = Family::<Labels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests answered, by method, route template and status",
            requests.clone(),
        );
        let latency =
            Family::<Labels, Histogram, fn() -> Histogram>::new_with_constructor(latency_histogram);
        registry.register(
            "http_request_duration_seconds",
            "Time to answer HTTP requests, by method and route template",
            latency.clone(),
        );
        let connections = Gauge::default();
        registry.register(
            "http_connections",
            "HTTP connections open now",
            connections.clone(),
        );
        let intake = Family::<Labels, Gauge>::default();
        registry.register(
            "intake_inquiries",
            "Inquiries newly stored by this process since it started, by channel",
            intake.clone(),
        );
        let outbox = Family::<Labels, Gauge>::default();
        registry.register(
            "outbox_messages",
            "Outgoing emails by state (pending is the backlog)",
            outbox.clone(),
        );
        let overdue_cases = Gauge::default();
        registry.register(
            "overdue_cases",
            "Open cases past a deadline (what escalations are about)",
            overdue_cases.clone(),
        );
        registry.register(
            "escalations",
            "Deadlines escalated to team leads by this process since it started",
            ESCALATIONS.clone(),
        );
        let review_queue = Gauge::default();
        registry.register(
            "match_reviews_pending",
            "Possible matches waiting for a person to decide",
            review_queue.clone(),
        );
        let untriaged_inquiries = Gauge::default();
        registry.register(
            "inquiries_untriaged",
            "Inquiries not yet triaged into a case",
            untriaged_inquiries.clone(),
        );
        let matching_records = Gauge::default();
        registry.register(
            "matching_index_records",
            "Person records in this process's matching index",
            matching_records.clone(),
        );
        let database_up = Gauge::default();
        registry.register(
            "database_up",
            "1 when the database answered the last look, 0 when it did not",
            database_up.clone(),
        );
        let database_connections = Family::<Labels, Gauge>::default();
        registry.register(
            "database_connections",
            "Database connections of this process, by pool (write, read) and state (open, idle)",
            database_connections.clone(),
        );
        Metrics {
            registry,
            requests,
            latency,
            connections,
            intake,
            outbox,
            overdue_cases,
            review_queue,
            untriaged_inquiries,
            matching_records,
            database_up,
            database_connections,
            open_connections: Arc::new(AtomicI64::new(0)),
        }
    }
}

impl Metrics {
    fn observe(&self, method: &str, route: &str, status: StatusCode, took: Duration) {
        self.requests
            .get_or_create(&vec![
                ("method", method.to_string()),
                ("route", route.to_string()),
                ("status", status.as_u16().to_string()),
            ])
            .inc();
        self.latency
            .get_or_create(&vec![
                ("method", method.to_string()),
                ("route", route.to_string()),
            ])
            .observe(took.as_secs_f64());
    }
}

/// Adds request ids, request spans and request metrics to every route of `router`. Applied
/// with `Router::layer`, so that the route template (`MatchedPath`) is known.
pub(crate) fn layer(router: Router<AppState>, state: &AppState) -> Router<AppState> {
    let trace = TraceLayer::new_for_http()
        .make_span_with(|req: &Request| {
            let id = req
                .extensions()
                .get::<RequestId>()
                .map(|r| r.0.as_str())
                .unwrap_or("");
            let route = req
                .extensions()
                .get::<MatchedPath>()
                .map(MatchedPath::as_str)
                .unwrap_or("unmatched");
            tracing::info_span!(
                "request",
                request_id = %id,
                method = %req.method(),
                route = %route,
                status = tracing::field::Empty,
                ms = tracing::field::Empty,
            )
        })
        .on_request(())
        .on_response(|res: &Response, latency: Duration, span: &Span| {
            span.record("status", res.status().as_u16());
            span.record("ms", latency.as_millis() as u64);
            tracing::info!("answered");
        })
        .on_failure(());
    router
        .layer(trace)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            request_id,
        ))
}

/// Gives the request its id, runs it, and puts the id on the response; counts it.
async fn request_id(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| usable(v))
        .map(str::to_string)
        .unwrap_or_else(new_id);
    let header = HeaderValue::from_str(&id).expect("ids are header-safe");
    req.headers_mut().insert(REQUEST_ID, header.clone());
    req.extensions_mut().insert(RequestId(id.clone()));
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    let method = req.method().to_string();
    let started = Instant::now();
    let response = CURRENT.scope(id.clone(), next.run(req)).await;
    state
        .metrics
        .observe(&method, &route, response.status(), started.elapsed());
    let mut response = with_id_in_json_error(response, &id).await;
    response.headers_mut().insert(REQUEST_ID, header);
    response
}

/// A JSON error body gets the request id as `request_id`, for the caller to quote.
async fn with_id_in_json_error(response: Response, id: &str) -> Response {
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if response.status().as_u16() < 400 || !is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Error bodies are small; one that is not is passed on as it was read.
    let bytes = match axum::body::to_bytes(body, 256 * 1024).await {
        Ok(b) => b,
        Err(_) => return (StatusCode::INTERNAL_SERVER_ERROR, "").into_response(),
    };
    let body = match serde_json::from_slice::<serde_json::Value>(&bytes) {
        Ok(serde_json::Value::Object(mut map)) => {
            map.insert("request_id".into(), id.into());
            parts.headers.remove(header::CONTENT_LENGTH);
            Body::from(serde_json::Value::Object(map).to_string())
        }
        _ => Body::from(bytes),
    };
    Response::from_parts(parts, body)
}

/// `GET /metrics`: the Prometheus text format, for the bearer of the metrics token.
pub(crate) async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(expected) = state.config.metrics_token.as_deref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    if !constant_time_eq(given.as_bytes(), expected.as_bytes()) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "the metrics token is required\n",
        )
            .into_response();
    }
    let m = &state.metrics;
    m.connections
        .set(m.open_connections.load(Ordering::Relaxed));
    m.matching_records.set(state.matcher.len() as i64);
    for (channel, n) in state.matcher.taken_in() {
        m.intake
            .get_or_create(&vec![("channel", channel)])
            .set(n as i64);
    }
    for pool in state.store.pools() {
        for (kind, n) in [("open", pool.open), ("idle", pool.idle)] {
            m.database_connections
                .get_or_create(&vec![
                    ("pool", pool.name.to_string()),
                    ("state", kind.to_string()),
                ])
                .set(i64::from(n));
        }
    }
    // The state of the system, read now; a database that does not answer shows as down.
    let store = &state.store;
    let read = async {
        let outbox = store.outbox_counts().await?;
        let totals = store.totals().await?;
        let overdue = store.overdue_counts(chrono::Utc::now()).await?;
        Ok::<_, corridor_store::StoreError>((outbox, totals, overdue))
    };
    match read.await {
        Ok((outbox, totals, overdue)) => {
            m.database_up.set(1);
            for (state, n) in [
                ("pending", outbox.pending),
                ("sent", outbox.sent),
                ("abandoned", outbox.abandoned),
            ] {
                m.outbox
                    .get_or_create(&vec![("state", state.to_string())])
                    .set(n);
            }
            m.review_queue.set(totals.pending_reviews);
            m.untriaged_inquiries.set(totals.untriaged_inquiries);
            m.overdue_cases.set(overdue.iter().map(|o| o.cases).sum());
        }
        Err(e) => {
            tracing::warn!(error = %e, "metrics: the database did not answer");
            m.database_up.set(0);
        }
    }
    let mut text = String::new();
    if encode(&mut text, &m.registry).is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        text,
    )
        .into_response()
}

/// Compares without stopping at the first difference, so timing does not reveal the token.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_short_ids_are_kept() {
        assert!(usable("3f2a-9c.b_1"));
        assert!(!usable(""));
        assert!(!usable("a b"));
        assert!(!usable("x\r\nSet-Cookie: y"));
        assert!(!usable(&"a".repeat(65)));
        assert!(usable(&new_id()));
    }
}
