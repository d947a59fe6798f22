//! Corridor's web server: server-rendered pages for staff (plain HTML that works without
//! JavaScript, for people on slow links) and the JSON API under `/api/v1`, described by an
//! OpenAPI document generated from the code.

mod access;
pub mod api;
pub mod auth;
pub mod channels;
pub mod documents;
mod error;
pub(crate) mod forms;
pub mod i18n;
pub(crate) use i18n::{t, t1, t2, tn};
mod limiter;
pub mod observe;
pub mod totp;
pub use corridor_intake::matcher;
mod pages;
pub mod referral_file;
pub mod search;
mod security;
mod server;
pub mod sitrep;
mod state;
pub mod terms;
mod views;

/// The public request form read without a server, for the fuzzer and its corpus replay.
pub mod public_form {
    pub use crate::pages::public::{FormProblem, PublicRequest, read_request};
}

use std::sync::Arc;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use corridor_store::prelude::*;
use tower_http::timeout::TimeoutLayer;

pub use error::{ApiError, ErrorBody, PageError};
pub use pages::PAGE_ROUTES;
pub use state::{AppConfig, AppState};

/// The whole application: pages, API, health check, metrics, security headers, timeouts and
/// request ids.
pub fn app(state: AppState) -> Router {
    let (api, openapi) = utoipa_axum::router::OpenApiRouter::new()
        .nest("/api/v1", api::router(&state))
        .split_for_parts();
    let openapi = Arc::new(api::document(&openapi));
    let upload_limit = usize::try_from(state.config.limits.max_file_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(64 * 1024);
    // A request that takes too long (a slow client sending its body, a stuck handler) is
    // answered 503 and dropped: its transaction rolls back, so nothing half-done is kept.
    // Intake is the exception: it finishes in a task of its own (see `AppState::intake`).
    let timeout = |d| TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, d);
    let small = Router::new()
        .merge(pages::router())
        .merge(channels::router())
        .route(
            "/api/openapi.json",
            get(move || {
                let doc = openapi.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .route("/healthz", get(healthz))
        .route("/metrics", get(observe::metrics))
        .layer(security::body_limit())
        .layer(timeout(state.config.request_timeout));
    // The API's operations carry their body limits themselves (documents take larger bodies).
    let api = api.layer(timeout(state.config.request_timeout));
    let upload = pages::upload_router(upload_limit).layer(timeout(state.config.upload_timeout));
    let document_uploads =
        pages::documents_router(api::document_body_limit(&state.config.documents))
            .layer(timeout(state.config.upload_timeout));
    let all = Router::new()
        .merge(small)
        .merge(api)
        .merge(upload)
        .merge(document_uploads)
        // Inside the routes' layers, so error pages and refusals are in the reader's language.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            i18n::choose,
        ));
    let all = security::headers(all, state.config.secure_cookies)
        // Outside the routes, so that it also sees the router's 404 and 405, the body limit
        // and the time-outs; inside observation, which adds the request id to the JSON.
        .layer(axum::middleware::from_fn(error::api_errors_as_json));
    // Pages compress to a fifth of their size: it matters on metered phone links.
    // The font is compressed already.
    let compress = {
        use tower_http::compression::predicate::{NotForContentType, Predicate};
        tower_http::compression::CompressionLayer::new()
            .gzip(true)
            .br(true)
            .compress_when(
                tower_http::compression::DefaultPredicate::new()
                    .and(NotForContentType::const_new("font/")),
            )
    };
    let all = all.layer(compress);
    observe::layer(all, &state).with_state(state)
}

async fn healthz(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> (axum::http::StatusCode, &'static str) {
    match state.store.ping().await {
        Ok(()) => (axum::http::StatusCode::OK, "ok\n"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "database unreachable\n",
            )
        }
    }
}

/// Builds the matching index from the store; the server and any other intake of the same
/// process (the mailbox poller) share it.
pub async fn load_matcher(store: &dyn Store) -> anyhow::Result<Arc<matcher::Matcher>> {
    let started = std::time::Instant::now();
    let matcher = Arc::new(matcher::Matcher::load(store).await?);
    tracing::info!(
        records = matcher.len(),
        ms = started.elapsed().as_millis() as u64,
        "matching index loaded"
    );
    Ok(matcher)
}

/// Serves until `shutdown` resolves, then lets requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: Arc<dyn Store>,
    matcher: Arc<matcher::Matcher>,
    config: AppConfig,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let (header_timeout, max_connections) = (config.header_timeout, config.max_connections);
    let state = AppState::new(store, config, matcher);
    let open = state.metrics.open_connections.clone();
    server::run(
        listener,
        app(state),
        header_timeout,
        max_connections,
        open,
        shutdown,
    )
    .await?;
    Ok(())
}
