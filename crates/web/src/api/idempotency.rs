//! `Idempotency-Key` for every API operation that creates something (the list is in
//! `contract::OPERATIONS`): a request repeated with the same key and the same body gets the
//! first response again instead of creating twice; the same key with a different body is
//! refused (422), and a repeat while the first has not finished gets 409, as the IETF
//! Idempotency-Key draft asks. A network retry of a referral must not send a family's data to
//! a partner twice.
//!
//! The keys are kept in the database (`SecurityStore::claim_idempotency_key`), each user's own,
//! for 24 hours: a retry is answered the same after a restart and by any server of a
//! PostgreSQL deployment. A key is reserved before the operation runs, so of copies arriving
//! at once exactly one runs. There is no cache in this process in front of it: retries are
//! rare, a claim is one short write, and a second place holding keys would be a second rule
//! that could disagree with the first (across servers, it would).

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use corridor_store::idempotency::{KeyClaim, KeyReservation, MAX_KEPT_ANSWER};
use sha2::{Digest, Sha256};

use crate::{ApiError, AppState};

/// Largest body read to fingerprint it; larger ones are refused by the body limit before.
const MAX_BODY: usize = 8 * 1024 * 1024;
pub(crate) const HEADER: &str = "idempotency-key";

/// How an operation keeps its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keeping {
    /// Here: a repeat gets the first response.
    Here,
    /// The store keeps the key with what it created and answers a repeat itself (inquiries:
    /// 200 with `already_present`, copies arriving at once waiting for the first); here only
    /// a reuse with a different body is caught.
    Store,
}

/// The operations that take a key, and where the keys are kept.
pub(crate) struct Idempotency {
    creating: HashMap<(Method, String), Keeping>,
    app: AppState,
}

impl Idempotency {
    /// `creating`: method and path template (as routed, without `/api/v1`) of each creating
    /// operation.
    pub(crate) fn new(creating: HashMap<(Method, String), Keeping>, app: AppState) -> Arc<Self> {
        Arc::new(Idempotency { creating, app })
    }

    fn keeping(&self, method: &Method, template: &str) -> Option<Keeping> {
        let template = template.strip_prefix("/api/v1").unwrap_or(template);
        self.creating
            .get(&(method.clone(), template.to_string()))
            .copied()
    }
}

/// A key as the API accepts it: 1 to 200 visible ASCII characters.
pub(crate) fn valid_key(key: &str) -> bool {
    (1..=200).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic())
}

/// The JSON body with its object keys sorted, so that the same request written with its
/// fields in another order is still the same request.
fn canonical(bytes: &[u8]) -> Vec<u8> {
    fn sort(v: serde_json::Value) -> serde_json::Value {
        match v {
            serde_json::Value::Object(map) => {
                let mut entries: Vec<_> = map.into_iter().collect();
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                let mut out = serde_json::Map::new();
                for (k, v) in entries {
                    out.insert(k, sort(v));
                }
                serde_json::Value::Object(out)
            }
            serde_json::Value::Array(items) => {
                serde_json::Value::Array(items.into_iter().map(sort).collect())
            }
            other => other,
        }
    }
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Ok(v) => serde_json::to_vec(&sort(v)).unwrap_or_else(|_| bytes.to_vec()),
        Err(_) => bytes.to_vec(),
    }
}

/// What makes two requests the same request: method, path and body (fields in any order).
fn fingerprint(method: &Method, path: &str, body: &[u8]) -> [u8; 32] {
    Sha256::new()
        .chain_update(method.as_str().as_bytes())
        .chain_update(b" ")
        .chain_update(path.as_bytes())
        .chain_update(b"\n")
        .chain_update(canonical(body))
        .finalize()
        .into()
}

/// The refusal of a retry whose first request has not answered.
const NOT_FINISHED: &str = "a request with this Idempotency-Key has not finished: it may still \
    be running (retry shortly), or it stopped before it could answer (a time-out, a restart). \
    If this persists, check whether the first request took effect before you send it again \
    with a new key";

pub(crate) async fn middleware(
    axum::extract::State(idem): axum::extract::State<Arc<Idempotency>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(keeping) = request
        .extensions()
        .get::<MatchedPath>()
        .and_then(|p| idem.keeping(request.method(), p.as_str()))
    else {
        return next.run(request).await;
    };
    let Some(key) = request.headers().get(HEADER) else {
        return next.run(request).await;
    };
    let Some(key) = key
        .to_str()
        .ok()
        .filter(|k| valid_key(k))
        .map(str::to_string)
    else {
        return ApiError::Invalid(
            "the Idempotency-Key header must be 1 to 200 visible ASCII characters".into(),
        )
        .into_response();
    };
    let (parts, body) = request.into_parts();
    // Keys are each user's own, so who sent the request must be known first. A request
    // without a valid token (or beyond its scopes) reserves nothing: it goes on to be refused
    // by its operation exactly as it would be without a key.
    let Ok(caller) = crate::auth::bearer_user(&parts, &idem.app).await else {
        return next.run(Request::from_parts(parts, body)).await;
    };
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => return ApiError::TooLarge.into_response(),
    };
    let store = idem.app.store.as_ref();
    let print = fingerprint(&parts.method, parts.uri.path(), &bytes);
    let claim = match store
        .claim_idempotency_key(caller.user.id, &key, &print)
        .await
    {
        Ok(claim) => claim,
        Err(e) => return ApiError::from(e).into_response(),
    };
    let reservation = match claim {
        KeyClaim::New(reservation) => reservation,
        KeyClaim::Mismatch => {
            return ApiError::Invalid(
                "this Idempotency-Key was used for a different request; use a new key for a new request"
                    .into(),
            )
            .into_response();
        }
        // The store takes the same keyed inquiry once however many arrive together, and
        // answers the retry itself.
        KeyClaim::Running | KeyClaim::Done { .. } if keeping == Keeping::Store => {
            return next
                .run(Request::from_parts(parts, Body::from(bytes)))
                .await;
        }
        KeyClaim::Running => return ApiError::Conflict(NOT_FINISHED.into()).into_response(),
        KeyClaim::Done { answer: None, .. } => {
            return ApiError::Conflict(
                "a request with this Idempotency-Key was done, but its answer is no longer kept \
                 (it was too large, or purged): read the result instead of sending it again"
                    .into(),
            )
            .into_response();
        }
        KeyClaim::Done {
            status,
            answer: Some(answer),
        } => return replay(status, answer),
    };
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    if !response.status().is_success() {
        // A refusal or a failure is not remembered: the retry is decided afresh.
        if let Err(e) = store.release_idempotency_key(reservation).await {
            tracing::error!(error = %e, "an Idempotency-Key could not be released");
        }
        return response;
    }
    let status = response.status().as_u16();
    if keeping == Keeping::Store {
        complete(&idem.app, reservation, status, None).await;
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        // Done, but what to answer is lost: a retry is told it was done.
        complete(&idem.app, reservation, status, None).await;
        return ApiError::Internal(anyhow::anyhow!("response body could not be read"))
            .into_response();
    };
    let kept = std::str::from_utf8(&body)
        .ok()
        .filter(|a| a.len() <= MAX_KEPT_ANSWER);
    complete(&idem.app, reservation, status, kept).await;
    Response::from_parts(parts, Body::from(body))
}

/// Records a request's answer. When that fails the client still gets its answer; the key
/// stays reserved, and a retry is told to check whether the request took effect.
async fn complete(app: &AppState, reservation: KeyReservation, status: u16, answer: Option<&str>) {
    if let Err(e) = app
        .store
        .complete_idempotency_key(reservation, status, answer)
        .await
    {
        tracing::error!(error = %e, "the answer to an Idempotency-Key could not be kept");
    }
}

/// The first request's answer, again.
fn replay(status: u16, answer: String) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut response = (status, Bytes::from(answer)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
        .headers_mut()
        .insert("idempotent-replayed", HeaderValue::from_static("true"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_visible_ascii() {
        assert!(valid_key("abc-123_~!"));
        assert!(!valid_key(""));
        assert!(!valid_key("with space"));
        assert!(!valid_key("é"));
        assert!(!valid_key(&"x".repeat(201)));
    }

    #[test]
    fn field_order_does_not_change_the_request() {
        assert_eq!(
            canonical(br#"{"a": 1, "b": {"d": [1, 2], "c": null}}"#),
            canonical(br#"{"b":{"c":null,"d":[1,2]},"a":1}"#)
        );
        assert_ne!(canonical(br#"{"a": 1}"#), canonical(br#"{"a": 2}"#));
    }

    #[test]
    fn the_same_body_on_another_path_or_method_is_another_request() {
        let body = br#"{"body": "called back"}"#;
        let note = fingerprint(&Method::POST, "/api/v1/cases/1/notes", body);
        assert_eq!(
            note,
            fingerprint(&Method::POST, "/api/v1/cases/1/notes", body)
        );
        assert_ne!(
            note,
            fingerprint(&Method::POST, "/api/v1/cases/2/notes", body)
        );
        assert_ne!(
            note,
            fingerprint(&Method::PUT, "/api/v1/cases/1/notes", body)
        );
    }
}
