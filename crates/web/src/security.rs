//! Headers every response carries. Pages hold personal data, so nothing is cached, nothing may
//! frame them, and the policy allows no inline script.

use axum::http::{HeaderName, HeaderValue, header};
use tower::ServiceBuilder;
use tower::layer::util::{Identity, Stack};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Intake bodies are small; a larger request is refused before it is read.
const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

type H = SetResponseHeaderLayer<HeaderValue>;

/// The body limit for everything but the upload page, which has its own.
pub(crate) fn body_limit() -> RequestBodyLimitLayer {
    RequestBodyLimitLayer::new(MAX_BODY_BYTES)
}

#[allow(clippy::type_complexity)]
pub(crate) fn layers() -> ServiceBuilder<Stack<H, Stack<H, Stack<H, Stack<H, Stack<H, Identity>>>>>>
{
    let set = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    ServiceBuilder::new()
        .layer(set(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::REFERRER_POLICY, "no-referrer"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .layer(set(header::CACHE_CONTROL, "no-store"))
}
