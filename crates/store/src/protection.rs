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
    /// Documents of those cases, inquiries and people, deleted with their sealed content.
    pub documents: u64,
    /// Text messages that belong to no request (STOP, START, a blocked number's, too many),
    /// older than the retention period: number and text destroyed.
    pub messages: u64,
}

/// The text that replaces purged free text.
pub const PURGED: &str = "(purged)";

/// Which rows of a table belong to the cases being purged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PurgeRows {
    /// The purged cases themselves.
    Case,
    /// A purged case's own rows (`case_id`).
    OfCase,
    /// The inquiries that became the purged cases.
    InquiryOfCase,
    /// What came with one of those inquiries (`inquiry_id`).
    OfInquiry,
    /// What was said about a person record of those inquiries (`record_id`).
    OfRecord,
    /// The pathway history (`pathway_id`) of people none of whose records is kept any more: a
    /// record on an inquiry still waiting in triage, or on a case not purged, keeps it.
    OfPersonGone,
    /// Requesters of those inquiries who asked about nothing that is kept.
    RequesterGone,
    /// Households of the purged cases that no kept case refers to.
    HouseholdGone,
    /// Every row: the table does not say which cases its values are about.
    Every,
}

/// What replaces a purged value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PurgedValue {
    /// The sealed [`PURGED`] marker, where there was a value (an empty column stays empty).
    Marker,
    /// A sealed empty value that still reads back as the column's kind (a record with no
    /// field, an empty message), where there was a value.
    Empty(&'static str),
    /// Nothing: the column may stay empty.
    Null,
}

/// How a sealed field is purged with a closed case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PurgeRule {
    Purged {
        table: &'static str,
        column: &'static str,
        rows: PurgeRows,
        value: PurgedValue,
    },
    /// Kept: not personal data of anyone a case is about.
    Kept {
        table: &'static str,
        column: &'static str,
    },
}

impl PurgeRule {
    /// The (table, column) the rule applies to.
    pub fn place(self) -> (&'static str, &'static str) {
        match self {
            PurgeRule::Purged { table, column, .. } | PurgeRule::Kept { table, column } => {
                (table, column)
            }
        }
    }
}

/// A referral snapshot with nobody in it: what `ReferralSnapshot::default()` reads back from.
pub const EMPTY_REFERRAL_SNAPSHOT: &str = r#"{"people":[]}"#;

impl Field {
    /// How the field is purged with a closed case. Every new sealed field must say: a purge
    /// that forgot it would leave personal data of a purged case behind.
    pub fn purge(self) -> PurgeRule {
        use PurgeRows::*;
        use PurgedValue::*;
        let purged = |table, column, rows, value| PurgeRule::Purged {
            table,
            column,
            rows,
            value,
        };
        match self {
            // The organization is kept in clear: it names no person.
            Field::RequesterName => purged("requesters", "name", RequesterGone, Marker),
            Field::RequesterEmail => purged("requesters", "email", RequesterGone, Null),
            Field::RequesterPhone => purged("requesters", "phone", RequesterGone, Null),
            Field::HouseholdLabel => purged("households", "label", HouseholdGone, Null),
            // An empty record still reads back: every field of PersonDetails is optional.
            Field::PersonDetails => purged("person_records", "details", OfInquiry, Empty("{}")),
            Field::InquirySubject => purged("inquiries", "subject", InquiryOfCase, Marker),
            Field::InquiryPayload => purged("inquiries", "raw_payload", InquiryOfCase, Empty("")),
            Field::InquiryHouseholdLabel => {
                purged("inquiries", "household_label", InquiryOfCase, Null)
            }
            Field::ReviewEvidence => purged("match_reviews", "evidence", OfRecord, Empty("{}")),
            Field::OutboxAddress => purged("outbox", "to_address", OfInquiry, Marker),
            Field::CaseOutcomeReason => purged("cases", "outcome_reason", Case, Marker),
            Field::CasePriorityReason => purged("cases", "priority_reason", Case, Marker),
            Field::NoteBody => purged("case_notes", "body", OfCase, Marker),
            Field::TaskBody => purged("case_tasks", "body", OfCase, Marker),
            Field::PathwayChangeNote => purged("pathway_changes", "note", OfPersonGone, Marker),
            Field::EvidenceReference => {
                purged("pathway_evidence", "reference", OfPersonGone, Marker)
            }
            Field::EvidenceNote => purged("pathway_evidence", "note", OfPersonGone, Marker),
            Field::ReferralSnapshot => purged(
                "referrals",
                "snapshot",
                OfCase,
                Empty(EMPTY_REFERRAL_SNAPSHOT),
            ),
            Field::ReferralReason => purged("referrals", "reason", OfCase, Marker),
            Field::ReferralDeclineReason => purged("referrals", "decline_reason", OfCase, Marker),
            Field::ReferralResultNote => purged("referrals", "result_note", OfCase, Marker),
            // The answers kept for retries of API requests (a day at most) may repeat what was
            // created about any case, and do not say which: a purge empties them all. A retry
            // after it is told its request was done, and is not run again.
            Field::ApiAnswer => purged("api_idempotency", "answer", Every, Null),
            // Documents of the purged cases, of their inquiries and of people gone are deleted
            // outright with their sealed chunks (`purge_closed_cases` does it first); the key
            // of any left on those cases is destroyed all the same.
            Field::DocumentKey => purged("documents", "data_key", OfCase, Marker),
            // Text messages about the case's requests; a STOP or a blocked number's message,
            // on no request, is kept (it must keep working after the purge).
            Field::MessageNumber => purged("messages", "number", OfInquiry, Marker),
            Field::MessageBody => purged("messages", "body", OfInquiry, Marker),
            // The matching index's snapshot holds every known person: `purge_closed_cases`
            // deletes it whole (the next start builds the index from what is left); a key
            // left by any other way is destroyed all the same.
            Field::IndexSnapshotKey => purged("index_snapshots", "data_key", Every, Marker),
            // A staff member's second factor: not about the people of any case.
            Field::TotpSecret => PurgeRule::Kept {
                table: "users",
                column: "totp_secret",
            },
        }
    }
}

/// The purge of one table: which rows, and what replaces each sealed column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TablePurge {
    pub table: &'static str,
    pub rows: PurgeRows,
    pub columns: Vec<(Field, &'static str, PurgedValue)>,
}

/// The purge, table by table in the order of [`Field::ALL`], one statement each. The fields of
/// a table are purged in the same rows (the first field's `rows`; a test holds them equal).
pub fn purge_plan() -> Vec<TablePurge> {
    let mut plan: Vec<TablePurge> = Vec::new();
    for field in Field::ALL {
        let PurgeRule::Purged {
            table,
            column,
            rows,
            value,
        } = field.purge()
        else {
            continue;
        };
        match plan.iter_mut().find(|t| t.table == table) {
            Some(t) => t.columns.push((field, column, value)),
            None => plan.push(TablePurge {
                table,
                rows,
                columns: vec![(field, column, value)],
            }),
        }
    }
    plan
}

/// Rows per batch of a sweep: small enough that a server writing meanwhile waits only briefly.
pub const SWEEP_BATCH: u32 = 500;

/// The mark of the one-time replacement of places kept in clear as typed by their gazetteer
/// names (see [`ProtectionStore::coarsen_places`](crate::ProtectionStore::coarsen_places)).
pub const PLACES_COARSE: &str = "places coarse";

/// The mark of the one-time indexing of the phones and emails of requesters stored before
/// they were indexed (see
/// [`ProtectionStore::index_requester_contacts`](crate::ProtectionStore::index_requester_contacts)).
pub const CONTACTS_INDEXED: &str = "requester contacts indexed";

/// The mark of the one-time indexing of the phones of people whose records were stored before
/// `person_contacts` existed (done by the same call as [`CONTACTS_INDEXED`]).
pub const PERSON_CONTACTS_INDEXED: &str = "person contacts indexed";

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
/// records: the gazetteer's name of the place their location mentions, never the text typed.
pub fn place_of(details: &corridor_domain::PersonDetails) -> Option<&'static str> {
    details
        .location
        .as_deref()
        .and_then(corridor_domain::places::coarse_place)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Tables whose rows belong to cases (directly, or through their inquiries, records,
    /// people, requesters or households): every sealed column on them is purged.
    const CASE_OWNED: &[&str] = &[
        "requesters",
        "households",
        "person_records",
        "inquiries",
        "match_reviews",
        "outbox",
        "cases",
        "case_notes",
        "case_tasks",
        "pathway_changes",
        "pathway_evidence",
        "referrals",
        // Answers the API gave, which may repeat any case's data.
        "api_idempotency",
        // Scans of a case's, a person's or an inquiry's documents.
        "documents",
        // Text messages of the case's requests.
        "messages",
        // The matching index's snapshot: every known person.
        "index_snapshots",
    ];
    /// Tables that hold no case's data.
    const NOT_CASE_OWNED: &[&str] = &["users"];

    #[test]
    fn every_field_has_a_purge_rule_at_its_place() {
        for field in Field::ALL {
            assert_eq!(field.purge().place(), field.place(), "{field:?}");
        }
    }

    #[test]
    fn every_field_on_a_case_owned_table_is_purged() {
        for field in Field::ALL {
            let (table, _) = field.place();
            let purged = matches!(field.purge(), PurgeRule::Purged { .. });
            if CASE_OWNED.contains(&table) {
                assert!(
                    purged,
                    "{field:?} is on {table}, which cases own, but is kept"
                );
            } else {
                // A new table must be put in one list or the other.
                assert!(
                    NOT_CASE_OWNED.contains(&table),
                    "is {table} owned by cases?"
                );
                assert!(
                    !purged,
                    "{field:?} is purged, but {table} is not case-owned"
                );
            }
        }
    }

    #[test]
    fn the_fields_of_a_table_are_purged_in_the_same_rows() {
        for field in Field::ALL {
            if let PurgeRule::Purged { table, rows, .. } = field.purge() {
                let t = purge_plan().into_iter().find(|t| t.table == table).unwrap();
                assert_eq!(t.rows, rows, "{field:?}");
            }
        }
        let plan = purge_plan();
        let fields: usize = plan.iter().map(|t| t.columns.len()).sum();
        assert_eq!(fields, Field::ALL.len() - 1, "all but the TOTP secret");
    }

    #[test]
    fn an_empty_referral_snapshot_reads_back() {
        let empty = corridor_domain::ReferralSnapshot::default();
        assert_eq!(
            serde_json::to_string(&empty).unwrap(),
            EMPTY_REFERRAL_SNAPSHOT
        );
    }
}
