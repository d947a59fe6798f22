//! Corridor's web server: server-rendered pages for staff (plain HTML that works without
//! JavaScript, for people on slow links) and the JSON API under `/api/v1`, described by an
//! OpenAPI document generated from the code.

mod access;
pub mod api;
pub mod auth;
mod error;
mod limiter;
pub mod totp;
pub use corridor_intake::matcher;
mod pages;
pub mod referral_file;
mod security;
pub mod sitrep;
mod state;
mod views;

/// The public request form read without a server, for the fuzzer and its corpus replay.
pub mod public_form {
    pub use crate::pages::public::{FormProblem, PublicRequest, read_request};
}

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::routing::get;
use corridor_store::prelude::*;

pub use error::{ApiError, ErrorBody, PageError};
pub use pages::PAGE_ROUTES;
pub use state::{AppConfig, AppState};

/// The whole application: pages, API, health check and security headers.
pub fn app(state: AppState) -> Router {
    let (api, openapi) = utoipa_axum::router::OpenApiRouter::new()
        .nest("/api/v1", api::router())
        .split_for_parts();
    let openapi = Arc::new(api::document(&openapi));
    let upload_limit = usize::try_from(state.config.limits.max_file_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(64 * 1024);
    let small = Router::new()
        .merge(pages::router())
        .merge(api)
        .route(
            "/api/openapi.json",
            get(move || {
                let doc = openapi.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .route("/healthz", get(healthz))
        .layer(security::body_limit());
    Router::new()
        .merge(small)
        .merge(pages::upload_router(upload_limit))
        .layer(security::layers())
        // Outermost, so that it also sees the router's 404 and 405 and the body limit.
        .layer(axum::middleware::from_fn(error::api_errors_as_json))
        .with_state(state)
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
    let state = AppState::new(store, config, matcher);
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    Ok(())
}
