//! Protection at rest that spans backends: sweeping sealed columns onto the current key, and
//! purging closed cases past their retention period.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::Result;
use crate::StoreError;
use crate::crypto::{Cipher, CryptoError, Field};
use crate::prelude::*;

/// How many values of a sealed field are under one key (`key` is `"clear"` for values written
/// before encryption existed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SealedCount {
    pub table: &'static str,
    pub column: &'static str,
    pub key: String,
    pub values: i64,
}

/// What `corridor purge` destroyed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PurgeReport {
    /// Closed cases whose personal data was destroyed.
    pub cases: u64,
    /// Their inquiries: subject, message and household label destroyed.
    pub inquiries: u64,
    /// The records of people that came with those inquiries, emptied.
    pub records: u64,
    /// Requesters who asked about nothing that is kept, whose name and contacts were destroyed.
    pub requesters: u64,
}

/// The text that replaces purged free text.
pub const PURGED: &str = "(purged)";

/// Rows per batch of a sweep: small enough that a server writing meanwhile waits only briefly.
pub const SWEEP_BATCH: u32 = 500;

/// The mark of a completed sweep of values left in clear (see [`seal_leftovers`]).
pub const LEFTOVERS_SEALED: &str = "leftovers sealed";

/// Seals what an older version left in clear, once: the first start after an upgrade sweeps
/// every sealed column (values under an older key are resealed too), then marks the database
/// so that later starts skip the scan. Returns how many values were sealed.
pub async fn seal_leftovers(store: &dyn Store) -> Result<u64> {
    if store.leftovers_sealed().await? {
        return Ok(0);
    }
    let n = reseal_all(store, |_, _| {}).await?;
    store.mark_leftovers_sealed().await?;
    Ok(n)
}

/// Seals every value not under the current data key yet — values left in clear by an older
/// version, or sealed under a key being rotated out — batch by batch, each batch its own
/// transaction, while the store stays in use. Calls `progress` after each batch with the
/// field and the running total. Returns how many values were resealed.
pub async fn reseal_all(store: &dyn Store, mut progress: impl FnMut(Field, u64)) -> Result<u64> {
    let mut total = 0;
    for field in Field::ALL {
        loop {
            let n = store.reseal(field, SWEEP_BATCH).await?;
            if n == 0 {
                break;
            }
            total += n;
            progress(field, total);
        }
    }
    Ok(total)
}

/// The cut-off for a retention period counted back from `now`.
pub fn retention_cutoff(now: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    now - chrono::Duration::days(i64::from(days))
}

/// The coarse place kept in clear beside a sealed record (where the person is now: a city, a
/// border crossing), so the situation report can count people by place without opening
/// records. Never the address.
pub fn place_of(details: &corridor_domain::PersonDetails) -> Option<&str> {
    details
        .location
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The note that keeps a reason given for a change to a case (free text stays out of the audit
/// trail, which is kept for ever and cannot be purged).
pub fn reason_note(change: &str, reason: &str) -> String {
    format!("Reason for {change}: {reason}")
}

/// What the audit trail says of a reason given for a merge or a detach: a review's reference
/// as it is, of any other (free) text only that one was given.
pub fn reason_for_trail(reason: &str) -> String {
    let is_review = reason
        .strip_prefix("review ")
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if is_review {
        format!("; reason: {reason}")
    } else {
        "; a reason was given".to_string()
    }
}

/// A copy carries sealed values as they are: refused unless this store holds every key the
/// source holds (the same key file), since otherwise nothing copied would open and the
/// requesters' lookup keys would no longer match.
pub fn same_keys(mine: &Cipher, source: &Cipher) -> Result<()> {
    let held = mine.recorded_keys();
    for k in source.recorded_keys() {
        if !held
            .iter()
            .any(|h| h.id == k.id && h.check_value == k.check_value)
        {
            return Err(StoreError::Crypto(CryptoError::WrongKey(format!(
                "the source is sealed under key {}, which this database's key file does not \
                 hold: open both with the same key file (--data-key)",
                k.id
            ))));
        }
    }
    Ok(())
}
