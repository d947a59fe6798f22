//! The audit trail's chain. Each event's hash covers the previous event's hash and its own
//! content, so editing or deleting any event breaks every hash after it. Backends store the
//! events; the hashing lives here so that every backend chains them identically.

use chrono::{DateTime, Utc};
use corridor_domain::UserId;
use sha2::{Digest, Sha256};

use crate::AuditAction;

/// The hash the first event chains onto.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who did something: a signed-in user, or the system itself (imports, the demo, migrations).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<UserId>,
    pub name: String,
    /// The client address, when the action came over the network.
    pub ip: Option<String>,
}

impl Actor {
    pub fn system(what: &str) -> Self {
        Actor {
            user_id: None,
            name: format!("system:{what}"),
            ip: None,
        }
    }

    pub fn user(id: UserId, username: &str, ip: Option<String>) -> Self {
        Actor {
            user_id: Some(id),
            name: username.to_string(),
            ip,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuditEvent {
    pub action: AuditAction,
    pub entity: &'static str,
    pub entity_id: i64,
    /// In words, without applicants' personal data: ids and codes only.
    pub detail: String,
}

impl NewAuditEvent {
    pub fn new(
        action: AuditAction,
        entity: &'static str,
        entity_id: i64,
        detail: impl Into<String>,
    ) -> Self {
        NewAuditEvent {
            action,
            entity,
            entity_id,
            detail: detail.into(),
        }
    }
}

/// The first event whose stored hash does not match its recomputed one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainBreak {
    pub event_id: i64,
    pub reason: String,
}

/// Walks a trail in id order and finds the first event that does not fit. The rule lives here so
/// that every backend checks its chain identically; backends only read the rows.
#[derive(Debug)]
pub struct ChainVerifier {
    prev: String,
    count: u64,
    last_id: i64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        ChainVerifier {
            prev: GENESIS_HASH.to_string(),
            count: 0,
            last_id: 0,
        }
    }
}

impl ChainVerifier {
    /// Checks the next event, given the previous hash it stored and its client address.
    pub fn check(
        &mut self,
        event: &corridor_domain::AuditEvent,
        stored_prev: &str,
        ip: Option<&str>,
    ) -> Result<(), ChainBreak> {
        if stored_prev != self.prev {
            return Err(ChainBreak {
                event_id: event.id,
                reason:
                    "it does not follow the event before it (an event was removed or reordered)"
                        .into(),
            });
        }
        let expected = chain_hash(
            &self.prev,
            event.at,
            event.actor_id,
            &event.actor_name,
            ip,
            &event.action,
            &event.entity,
            event.entity_id,
            &event.detail,
        );
        if expected != event.hash {
            return Err(ChainBreak {
                event_id: event.id,
                reason: "its content does not match its hash (the event was edited)".into(),
            });
        }
        self.prev = event.hash.clone();
        self.last_id = event.id;
        self.count += 1;
        Ok(())
    }

    /// Events verified so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The id of the last event verified (0 before the first): where to read on from.
    pub fn last_id(&self) -> i64 {
        self.last_id
    }
}

/// The (previous hash, hash) of each of `events` appended after `prev` by `actor` at `at`, in
/// order: what a backend writes when it appends many events in one statement.
pub fn chain_links(
    prev: &str,
    at: DateTime<Utc>,
    actor: &Actor,
    events: &[NewAuditEvent],
) -> Vec<(String, String)> {
    let mut prev = prev.to_string();
    events
        .iter()
        .map(|e| {
            let hash = chain_hash(
                &prev,
                at,
                actor.user_id,
                &actor.name,
                actor.ip.as_deref(),
                e.action.as_str(),
                e.entity,
                e.entity_id,
                &e.detail,
            );
            (std::mem::replace(&mut prev, hash.clone()), hash)
        })
        .collect()
}

/// Length-prefixes every field so that no two different events can hash the same by moving
/// characters between neighbouring fields.
#[allow(clippy::too_many_arguments)]
pub fn chain_hash(
    prev_hash: &str,
    at: DateTime<Utc>,
    actor_id: Option<UserId>,
    actor_name: &str,
    ip: Option<&str>,
    action: &str,
    entity: &str,
    entity_id: i64,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    let at = at.timestamp_micros().to_string();
    let actor = actor_id.map(|a| a.0.to_string()).unwrap_or_default();
    let entity_id = entity_id.to_string();
    for field in [
        prev_hash,
        &at,
        &actor,
        actor_name,
        ip.unwrap_or(""),
        action,
        entity,
        &entity_id,
        detail,
    ] {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_change_changes_the_hash() {
        let at = DateTime::from_timestamp(1_630_000_000, 0).unwrap();
        let base = chain_hash(
            GENESIS_HASH,
            at,
            Some(UserId(1)),
            "lead",
            None,
            "case.assigned",
            "case",
            7,
            "to 3",
        );
        assert_eq!(base.len(), 64);
        assert_eq!(
            base,
            chain_hash(
                GENESIS_HASH,
                at,
                Some(UserId(1)),
                "lead",
                None,
                "case.assigned",
                "case",
                7,
                "to 3"
            )
        );
        assert_ne!(
            base,
            chain_hash(
                GENESIS_HASH,
                at,
                Some(UserId(1)),
                "lead",
                None,
                "case.assigned",
                "case",
                7,
                "to 4"
            )
        );
        assert_ne!(
            base,
            chain_hash(
                &base,
                at,
                Some(UserId(1)),
                "lead",
                None,
                "case.assigned",
                "case",
                7,
                "to 3"
            )
        );
        // Moving a character across a field boundary must not collide.
        assert_ne!(
            chain_hash(GENESIS_HASH, at, None, "ab", None, "c", "case", 1, ""),
            chain_hash(GENESIS_HASH, at, None, "a", None, "bc", "case", 1, "")
        );
    }

    #[test]
    fn an_event_is_chained_under_its_stored_code() {
        // Trails written before actions were typed hashed the code string itself; the typed
        // action must hash to the same bytes or those trails would no longer verify.
        let at = DateTime::from_timestamp(1_630_000_000, 0).unwrap();
        let actor = Actor::user(UserId(1), "lead", None);
        let event = NewAuditEvent::new(AuditAction::CaseAssigned, "case", 7, "to 3");
        let links = chain_links(GENESIS_HASH, at, &actor, &[event]);
        assert_eq!(
            links[0].1,
            chain_hash(
                GENESIS_HASH,
                at,
                Some(UserId(1)),
                "lead",
                None,
                "case.assigned",
                "case",
                7,
                "to 3"
            )
        );
    }
}
