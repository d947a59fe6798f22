//! Types of the API's `Idempotency-Key` store (see
//! [`SecurityStore::claim_idempotency_key`](crate::SecurityStore::claim_idempotency_key)): a
//! key is reserved before the operation runs and holds its answer once it is done, in the
//! database, so that a retry is answered the same after a restart or by another server.
//!
//! What the database holds of a key names nobody: the key and the request's fingerprint as
//! keyed hashes (a stolen database cannot confirm a guessed request body), the answer sealed
//! like every other personal data (it may hold a note, a name).

use chrono::Duration;

/// How long a key is kept, counted from its first request. A retry after this is a new
/// request.
pub fn keep_keys_for() -> Duration {
    Duration::hours(24)
}

/// The longest answer kept for replaying (bytes of its JSON). A larger one is recorded as done
/// without it: its retry is told so (and to read the result) instead of running again. The
/// API's answers to creating requests are ids and the object created, far below this.
pub const MAX_KEPT_ANSWER: usize = 1024 * 1024;

/// The reservation of a key, to complete or release once the operation has answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyReservation(pub i64);

/// What a key's first request left, as a retry of it finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyClaim {
    /// The key was free: it is now reserved for this request (running), until completed or
    /// released.
    New(KeyReservation),
    /// The same request holds the key and has not finished: it is still running, or its server
    /// stopped (a crash, a time-out) before it could tell whether the operation took effect.
    Running,
    /// The same request was done: its HTTP status and its answer (`None` when it was not kept:
    /// too large, or emptied by a purge).
    Done { status: u16, answer: Option<String> },
    /// The key belongs to a different request (another body, path or method).
    Mismatch,
}
