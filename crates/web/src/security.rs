//! Headers every response carries. Pages hold personal data, so nothing is cached, nothing may
//! frame them, and the policy allows no inline script.

use axum::Router;
use axum::http::{HeaderName, HeaderValue, header};
use tower::ServiceBuilder;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::AppState;

/// Intake bodies are small; a larger request is refused before it is read.
const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// The body limit for everything but the upload page, which has its own.
pub(crate) fn body_limit() -> RequestBodyLimitLayer {
    RequestBodyLimitLayer::new(MAX_BODY_BYTES)
}

/// The headers of every response. `Strict-Transport-Security` only when cookies are marked
/// Secure, that is when Corridor is reached over HTTPS: browsers then refuse plain HTTP to it
/// for a year, so a network attacker cannot strip TLS from a later visit.
pub(crate) fn headers(router: Router<AppState>, https: bool) -> Router<AppState> {
    let set = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    router.layer(
        ServiceBuilder::new()
        .layer(set(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ))
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::REFERRER_POLICY, "no-referrer"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .layer(set(header::CACHE_CONTROL, "no-store"))
        // No page needs a camera, a microphone, the location or payments: no script may ask.
        .layer(set(
            HeaderName::from_static("permissions-policy"),
            "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
        ))
        .option_layer(https.then(|| {
            set(
                header::STRICT_TRANSPORT_SECURITY,
                "max-age=31536000; includeSubDomains",
            )
        })),
    )
}
