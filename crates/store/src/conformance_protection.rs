//! Conformance checks for protection at rest: sealing, sweeps and purges, written once for
//! every backend (see [`crate::conformance`]).

use chrono::Utc;
use corridor_domain::{CaseId, CaseOutcome, CaseStatus, Channel, ReferralState, ShareField};

use crate::conformance_referrals::{case_in_progress, lead, org, referral, request, system};
use crate::crypto::Field;
use crate::idempotency::KeyClaim;
use crate::prelude::*;
use crate::protection::{PURGED, PurgeReport, seal_leftovers};
use crate::{ReferralActor, ReferralFilter};

/// Every sealed column holds only values under the current key: nothing in clear.
async fn assert_all_sealed(store: &dyn Store) {
    let current = store.cipher().current_key_id();
    let counts = store.sealed_counts().await.unwrap();
    assert!(
        counts.iter().any(|c| c.values > 0),
        "the scenario stored sealed values"
    );
    for c in counts {
        assert_eq!(
            c.key, current,
            "{} values of {}.{} are under {} rather than the current key",
            c.values, c.table, c.column, c.key
        );
    }
}

pub async fn personal_data_is_sealed_and_reads_back(store: &dyn Store) {
    let lead = lead(store).await;
    let case = case_in_progress(store).await;
    let sys = system();
    store
        .add_case_note(case, "Called Synthetic Testzai back", true, &sys)
        .await
        .unwrap();
    let partner = org(store, "Sealed Partner").await;
    store
        .refer_cases(
            &[case],
            &referral(&partner, &[ShareField::Names, ShareField::Phones]),
            &sys,
        )
        .await
        .unwrap();
    store
        .override_priority(
            case,
            corridor_domain::Priority::Critical,
            "threatened",
            &sys,
        )
        .await
        .unwrap();
    assert_all_sealed(store).await;
    // Nothing is left for a sweep to do, and what was sealed reads back as written.
    for field in Field::ALL {
        assert_eq!(store.reseal(field, 100).await.unwrap(), 0, "{field:?}");
    }
    let read = store.get_case(case, &sys).await.unwrap().unwrap();
    assert_eq!(read.summary.title, "Synthetic Testzai");
    assert_eq!(
        read.people[0].details.phone.as_deref(),
        Some("+93 700 000 001")
    );
    assert_eq!(read.requesters[0].name, "Sponsor");
    assert!(
        read.notes
            .iter()
            .any(|n| n.body == "Called Synthetic Testzai back")
    );
    assert!(
        read.history
            .iter()
            .all(|e| !e.detail.contains("threatened")),
        "free text stays out of the audit trail"
    );
    let referrals = store
        .list_referrals(
            &ReferralFilter::default(),
            &ReferralActor::Staff,
            Utc::now(),
            &sys,
        )
        .await
        .unwrap();
    assert_eq!(
        referrals[0].snapshot.people[0].name.as_deref(),
        Some("Synthetic Testzai")
    );
    // The same requester writing again is recognised through the keyed lookup.
    let again = store
        .record_inquiry(
            request(Channel::Email, "Sponsor", Some("s@example.org")),
            &sys,
        )
        .await
        .unwrap();
    let first = store.get_case(case, &sys).await.unwrap().unwrap();
    let other = store.get_inquiry(again.id, &sys).await.unwrap().unwrap();
    assert_eq!(other.requester.id, first.requesters[0].id);
    let _ = lead;
}

async fn close(store: &dyn Store, case: CaseId) {
    store
        .change_case_status(
            case,
            CaseStatus::Closed,
            Some("family evacuated to a third country"),
            Some(CaseOutcome::Evacuated),
            &system(),
        )
        .await
        .unwrap();
}

pub async fn purge_destroys_old_closed_cases_only(store: &dyn Store) {
    let lead = lead(store).await;
    let sys = system();
    let old = case_in_progress(store).await;
    store
        .add_case_note(old, "Met the family at the border", true, &sys)
        .await
        .unwrap();
    let partner = org(store, "Purge Partner").await;
    let sent = store
        .refer_cases(&[old], &referral(&partner, &[ShareField::Names]), &sys)
        .await
        .unwrap();
    store
        .update_referral(
            sent[0],
            &corridor_domain::ReferralAction::Withdraw { reason: None },
            &ReferralActor::Staff,
            &sys,
        )
        .await
        .unwrap();
    let recent = case_in_progress(store).await;
    let open = case_in_progress(store).await;
    // Cases cannot be closed in the past, so the retention cut-off falls between two closings.
    close(store, old).await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let cutoff = Utc::now();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    close(store, recent).await;
    let totals = store.totals().await.unwrap();
    let old_person = store.get_case(old, &sys).await.unwrap().unwrap().people[0].id;

    // An API answer kept for retries (about any case: it does not say which) is emptied too;
    // its retry is told the request was done rather than run again.
    let KeyClaim::New(kept) = store
        .claim_idempotency_key(lead.id, "note-1", &[7; 32])
        .await
        .unwrap()
    else {
        panic!("a fresh key is reserved");
    };
    store
        .complete_idempotency_key(
            kept,
            201,
            Some(r#"{"body":"Met the family at the border"}"#),
        )
        .await
        .unwrap();

    let report = store.purge_closed_cases(cutoff, &sys).await.unwrap();
    assert_eq!(report.cases, 1);
    assert_eq!(report.inquiries, 1);
    assert_eq!(report.records, 2);

    // The old case keeps its shape (ids, codes, outcome, dates) but none of its personal data.
    let purged = store.get_case(old, &sys).await.unwrap().unwrap();
    assert_eq!(purged.summary.status, CaseStatus::Closed);
    assert_eq!(
        purged.closure.as_ref().unwrap().outcome,
        CaseOutcome::Evacuated
    );
    assert_eq!(purged.closure.as_ref().unwrap().reason, PURGED);
    assert_eq!(purged.summary.title, "(no name given)");
    assert!(purged.people.iter().all(|p| p.details.is_blank()));
    assert!(!purged.notes.is_empty());
    assert!(purged.notes.iter().all(|n| n.body == PURGED));
    assert!(purged.inquiries.iter().all(|i| i.subject == PURGED));
    let file = store.get_person(old_person, &sys).await.unwrap().unwrap();
    assert!(file.records.iter().all(|r| r.details.is_blank()));
    let shared = store
        .get_referral(sent[0], &ReferralActor::Staff, &sys)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(shared.state, ReferralState::Withdrawn);
    assert!(shared.snapshot.people.is_empty());

    // The recently closed and the open case are untouched; the figures and the trail hold.
    for case in [recent, open] {
        let kept = store.get_case(case, &sys).await.unwrap().unwrap();
        assert_eq!(kept.summary.title, "Synthetic Testzai", "case {case}");
    }
    assert_eq!(store.totals().await.unwrap(), totals);
    assert!(store.verify_audit_chain().await.unwrap().is_ok());
    let trail = store
        .audit_events(Some(("case", old.0)), 100)
        .await
        .unwrap();
    assert!(trail.iter().any(|e| e.action == "case.purged"));
    assert_eq!(
        store
            .claim_idempotency_key(lead.id, "note-1", &[7; 32])
            .await
            .unwrap(),
        KeyClaim::Done {
            status: 201,
            answer: None
        }
    );
    assert_all_sealed(store).await;

    // A second run finds nothing more to do.
    let again = store.purge_closed_cases(cutoff, &sys).await.unwrap();
    assert_eq!(again, PurgeReport::default());
}

pub async fn leftovers_are_swept_once(store: &dyn Store) {
    // A new database: the first start finds nothing left in clear, and marks it so.
    assert!(!store.leftovers_sealed().await.unwrap());
    let _ = lead(store).await;
    let _ = case_in_progress(store).await;
    assert_eq!(seal_leftovers(store).await.unwrap(), 0);
    assert!(store.leftovers_sealed().await.unwrap());
    // Marking twice (two servers starting together) is no conflict.
    store.mark_leftovers_sealed().await.unwrap();
    assert_eq!(seal_leftovers(store).await.unwrap(), 0);
    assert!(store.leftovers_sealed().await.unwrap());
    assert_all_sealed(store).await;
}
