//! `Idempotency-Key` for every API operation that creates something (the list is in
//! `contract::OPERATIONS`): a request repeated with the same key and the same body gets the
//! first response again instead of creating twice; the same key with a different body is
//! refused (422), and a repeat while the first is still running gets 409, as the IETF
//! Idempotency-Key draft asks. A network retry of a referral must not send a family's data to
//! a partner twice.
//!
//! Remembered in this process for 24 hours (at most [`CAPACITY`] keys), per bearer token:
//! enough for a client's retries, which come within seconds or minutes. Inquiries also keep
//! their key in the database (the store refuses to take the same keyed inquiry twice, across
//! restarts and servers); the other operations do not yet have a table for it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::ApiError;

/// How long a key is remembered.
const KEEP: Duration = Duration::from_secs(24 * 60 * 60);
/// Most keys remembered at once; the oldest go first.
pub(crate) const CAPACITY: usize = 20_000;
/// Most bytes of remembered answers at once; the oldest go first. Answers to creating requests
/// are small (ids, the created object), so this holds thousands.
const MAX_BYTES: usize = 64 * 1024 * 1024;
/// Largest body read to fingerprint it; larger ones are refused by the body limit before.
const MAX_BODY: usize = 8 * 1024 * 1024;
pub(crate) const HEADER: &str = "idempotency-key";

#[derive(Clone)]
enum Entry {
    Running {
        fingerprint: [u8; 32],
    },
    /// Done, but the answer was too large to hold.
    DoneUnkept {
        fingerprint: [u8; 32],
    },
    Done {
        fingerprint: [u8; 32],
        status: StatusCode,
        content_type: Option<HeaderValue>,
        body: Bytes,
    },
}

struct Slot {
    entry: Entry,
    at: Instant,
}

/// How an operation keeps its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keeping {
    /// Here: a repeat gets the first response.
    Here,
    /// The store keeps the key with what it created and answers a repeat itself (inquiries:
    /// 200 with `already_present`); here only a reuse with a different body is caught.
    Store,
}

/// The operations that take a key, and the keys seen.
pub(crate) struct Idempotency {
    creating: HashMap<(Method, String), Keeping>,
    seen: Mutex<Seen>,
}

#[derive(Default)]
struct Seen {
    slots: HashMap<[u8; 32], Slot>,
    /// Bytes of the answers held.
    bytes: usize,
}

impl Seen {
    fn remove(&mut self, slot: &[u8; 32]) {
        if let Some(old) = self.slots.remove(slot) {
            self.bytes -= old.bytes();
        }
    }

    /// Drops what has expired, then the oldest, until one more fits.
    fn make_room(&mut self, now: Instant, incoming: usize) {
        let expired: Vec<[u8; 32]> = self
            .slots
            .iter()
            .filter(|(_, s)| now.duration_since(s.at) >= KEEP)
            .map(|(k, _)| *k)
            .collect();
        for k in expired {
            self.remove(&k);
        }
        while !self.slots.is_empty()
            && (self.slots.len() >= CAPACITY || self.bytes + incoming > MAX_BYTES)
        {
            let Some(oldest) = self.slots.iter().min_by_key(|(_, s)| s.at).map(|(k, _)| *k) else {
                break;
            };
            self.remove(&oldest);
        }
    }
}

impl Slot {
    fn bytes(&self) -> usize {
        match &self.entry {
            Entry::Done { body, .. } => body.len(),
            Entry::Running { .. } | Entry::DoneUnkept { .. } => 0,
        }
    }
}

impl Idempotency {
    /// `creating`: method and path template (as routed, without `/api/v1`) of each creating
    /// operation.
    pub(crate) fn new(creating: HashMap<(Method, String), Keeping>) -> Arc<Self> {
        Arc::new(Idempotency {
            creating,
            seen: Mutex::new(Seen::default()),
        })
    }

    fn keeping(&self, method: &Method, template: &str) -> Option<Keeping> {
        let template = template.strip_prefix("/api/v1").unwrap_or(template);
        self.creating
            .get(&(method.clone(), template.to_string()))
            .copied()
    }

    fn claim(&self, slot: [u8; 32], fingerprint: [u8; 32]) -> Claim {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        if let Some(existing) = seen.slots.get(&slot)
            && now.duration_since(existing.at) < KEEP
        {
            return match &existing.entry {
                Entry::Running { fingerprint: f } if *f == fingerprint => Claim::Running,
                Entry::DoneUnkept { fingerprint: f } if *f == fingerprint => Claim::DoneUnkept,
                Entry::Done {
                    fingerprint: f,
                    status,
                    content_type,
                    body,
                } if *f == fingerprint => {
                    Claim::Replay(*status, content_type.clone(), body.clone())
                }
                _ => Claim::Mismatch,
            };
        }
        seen.remove(&slot);
        if seen.slots.len() >= CAPACITY {
            seen.make_room(now, 0);
        }
        seen.slots.insert(
            slot,
            Slot {
                entry: Entry::Running { fingerprint },
                at: now,
            },
        );
        Claim::New
    }

    fn finish(&self, slot: [u8; 32], done: Option<Entry>) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.remove(&slot);
        // A refusal or a failure is not remembered: the retry is decided afresh.
        if let Some(entry) = done {
            let mut slot_value = Slot {
                entry,
                at: Instant::now(),
            };
            let mut size = slot_value.bytes();
            if size > MAX_BYTES / 16
                && let Entry::Done { fingerprint, .. } = slot_value.entry
            {
                // Too large to hold; a retry is told it was done rather than run again.
                slot_value.entry = Entry::DoneUnkept { fingerprint };
                size = 0;
            }
            seen.make_room(slot_value.at, size);
            seen.bytes += size;
            seen.slots.insert(slot, slot_value);
        }
    }
}

enum Claim {
    New,
    Running,
    DoneUnkept,
    Replay(StatusCode, Option<HeaderValue>, Bytes),
    Mismatch,
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
    let Some(key) = key.to_str().ok().filter(|k| valid_key(k)) else {
        return ApiError::Invalid(
            "the Idempotency-Key header must be 1 to 200 visible ASCII characters".into(),
        )
        .into_response();
    };
    // Keys are the client's: one token's key never meets another token's.
    let token = request
        .headers()
        .get(header::AUTHORIZATION)
        .map(|v| v.as_bytes().to_vec())
        .unwrap_or_default();
    let slot: [u8; 32] = Sha256::new()
        .chain_update(Sha256::digest(&token))
        .chain_update(key.as_bytes())
        .finalize()
        .into();
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(b) => b,
        Err(_) => return ApiError::TooLarge.into_response(),
    };
    let fingerprint: [u8; 32] = Sha256::new()
        .chain_update(parts.method.as_str().as_bytes())
        .chain_update(b" ")
        .chain_update(parts.uri.path().as_bytes())
        .chain_update(b"\n")
        .chain_update(canonical(&bytes))
        .finalize()
        .into();
    match idem.claim(slot, fingerprint) {
        // The store takes the same keyed inquiry once however many arrive together.
        Claim::Running | Claim::Replay(..) if keeping == Keeping::Store => {}
        Claim::Running => {
            return ApiError::Conflict(
                "a request with this Idempotency-Key is still being processed; retry shortly"
                    .into(),
            )
            .into_response();
        }
        Claim::DoneUnkept => {
            return ApiError::Conflict(
                "a request with this Idempotency-Key was already done; its answer was too large to keep, so read the result instead"
                    .into(),
            )
            .into_response();
        }
        Claim::Mismatch => {
            return ApiError::Invalid(
                "this Idempotency-Key was used for a different request; use a new key for a new request"
                    .into(),
            )
            .into_response();
        }
        Claim::Replay(status, content_type, body) => {
            let mut response = (status, body).into_response();
            if let Some(ct) = content_type {
                response.headers_mut().insert(header::CONTENT_TYPE, ct);
            }
            response
                .headers_mut()
                .insert("idempotent-replayed", HeaderValue::from_static("true"));
            return response;
        }
        Claim::New => {}
    }
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    if !response.status().is_success() {
        idem.finish(slot, None);
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_BODY).await else {
        idem.finish(slot, None);
        return ApiError::Internal(anyhow::anyhow!("response body could not be read"))
            .into_response();
    };
    idem.finish(
        slot,
        Some(Entry::Done {
            fingerprint,
            status: parts.status,
            content_type: parts.headers.get(header::CONTENT_TYPE).cloned(),
            body: body.clone(),
        }),
    );
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_is_bounded_and_an_answer_too_large_to_keep_is_not_run_again() {
        let idem = Idempotency::new(HashMap::new());
        let done = |f: [u8; 32], n: usize| Entry::Done {
            fingerprint: f,
            status: StatusCode::CREATED,
            content_type: None,
            body: Bytes::from(vec![b'x'; n]),
        };
        for i in 0..40u8 {
            let slot = [i; 32];
            assert!(matches!(idem.claim(slot, slot), Claim::New));
            idem.finish(slot, Some(done(slot, MAX_BYTES / 20)));
        }
        let seen = idem.seen.lock().unwrap();
        assert!(seen.bytes <= MAX_BYTES, "{}", seen.bytes);
        assert_eq!(
            seen.bytes,
            seen.slots.values().map(Slot::bytes).sum::<usize>()
        );
        assert!(!seen.slots.contains_key(&[0; 32]), "the oldest went first");
        drop(seen);

        let big = [200; 32];
        assert!(matches!(idem.claim(big, big), Claim::New));
        idem.finish(big, Some(done(big, MAX_BYTES / 8)));
        assert!(matches!(idem.claim(big, big), Claim::DoneUnkept));
    }

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
    fn same_key_same_body_replays_different_body_is_refused() {
        let idem = Idempotency::new(HashMap::new());
        let (slot, a, b) = ([1; 32], [2; 32], [3; 32]);
        assert!(matches!(idem.claim(slot, a), Claim::New));
        assert!(matches!(idem.claim(slot, a), Claim::Running));
        assert!(matches!(idem.claim(slot, b), Claim::Mismatch));
        idem.finish(
            slot,
            Some(Entry::Done {
                fingerprint: a,
                status: StatusCode::CREATED,
                content_type: None,
                body: Bytes::from_static(b"{}"),
            }),
        );
        assert!(matches!(
            idem.claim(slot, a),
            Claim::Replay(StatusCode::CREATED, None, _)
        ));
        assert!(matches!(idem.claim(slot, b), Claim::Mismatch));
        // A refused first attempt leaves the key free.
        let other = [9; 32];
        assert!(matches!(idem.claim(other, a), Claim::New));
        idem.finish(other, None);
        assert!(matches!(idem.claim(other, b), Claim::New));
    }
}
