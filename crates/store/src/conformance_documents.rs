//! Conformance checks for documents: sealed in chunks, stored once per owner, read only with
//! an audit event, purged with their case — written once for every backend (see
//! [`crate::conformance`]).

use chrono::Utc;
use corridor_domain::{CaseId, CaseOutcome, CaseStatus, PersonId};

use crate::conformance_referrals::{case_in_progress, lead, system};
use crate::crypto::Field;
use crate::documents::{
    CHUNK_SIZE, DocumentKind, DocumentOwner, DocumentRead, MediaType, NewDocument, ScanState,
};
use crate::prelude::*;
use crate::{AuditFilter, StoreError};

/// A content no real file has: three chunks and a bit, with a marker that a test can look for.
pub fn synthetic_content(marker: &str) -> Vec<u8> {
    let mut content = b"%PDF-1.4\n".to_vec();
    while content.len() < CHUNK_SIZE * 3 + 100 {
        content.extend_from_slice(marker.as_bytes());
    }
    content
}

pub fn pdf(owner: DocumentOwner, content: Vec<u8>) -> NewDocument {
    NewDocument {
        owner,
        kind: DocumentKind::ComLetter,
        media_type: MediaType::Pdf,
        content,
        thumbnail: None,
        scan: ScanState::NotScanned,
    }
}

async fn actions_on(store: &dyn Store, id: i64) -> Vec<String> {
    let filter = AuditFilter {
        entity: Some("document".into()),
        entity_id: Some(id),
        ..AuditFilter::default()
    };
    let mut actions: Vec<String> = store
        .search_audit(&filter, 50)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    actions.sort();
    actions
}

pub async fn documents_are_sealed_stored_once_and_audited(store: &dyn Store) {
    lead(store).await;
    let sys = system();
    let case = case_in_progress(store).await;
    let content = synthetic_content("Synthetic Testzai COM letter ");
    let mut doc = pdf(DocumentOwner::Case(case), content.clone());
    doc.thumbnail = Some(b"a small picture".to_vec());
    let added = store.add_document(doc.clone(), &sys).await.unwrap();
    assert!(!added.already_present);
    let d = added.document;
    assert_eq!(d.owner, DocumentOwner::Case(case));
    assert_eq!(d.kind, DocumentKind::ComLetter);
    assert_eq!(d.media_type, MediaType::Pdf);
    assert_eq!(d.size, content.len() as i64);
    assert_eq!(d.scan, ScanState::NotScanned);
    assert!(d.has_thumbnail);

    // The same file again on the same case: stored once.
    let again = store.add_document(doc.clone(), &sys).await.unwrap();
    assert!(again.already_present);
    assert_eq!(again.document.id, d.id);
    assert_eq!(
        store
            .documents_of(DocumentOwner::Case(case))
            .await
            .unwrap()
            .len(),
        1
    );
    // On another case it is another document.
    let other_case = case_in_progress(store).await;
    let mut elsewhere = doc.clone();
    elsewhere.owner = DocumentOwner::Case(other_case);
    let other = store.add_document(elsewhere, &sys).await.unwrap();
    assert!(!other.already_present);
    assert_ne!(other.document.id, d.id);

    // Reads give back exactly what was stored, and each is audited.
    let read = store
        .read_document(d.id, DocumentRead::Download, &sys)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(read, content);
    let thumb = store
        .read_document(d.id, DocumentRead::Thumbnail, &sys)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(thumb, b"a small picture");
    store
        .read_document(d.id, DocumentRead::View, &sys)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        actions_on(store, d.id.0).await,
        [
            "document.attached",
            "document.downloaded",
            "document.viewed",
            "document.viewed"
        ]
    );

    // The wrapped key is sealed under the database's current key, like every sealed column.
    let current = store.cipher().current_key_id();
    let counts = store.sealed_counts().await.unwrap();
    let (table, column) = Field::DocumentKey.place();
    let keys: Vec<_> = counts
        .iter()
        .filter(|c| c.table == table && c.column == column)
        .collect();
    assert_eq!(keys.len(), 1, "{counts:?}");
    assert_eq!(keys[0].key, current);
    assert_eq!(keys[0].values, 2);

    // The scanner's verdict is kept and the document leaves the queue.
    assert!(
        store
            .documents_not_scanned(10)
            .await
            .unwrap()
            .contains(&d.id)
    );
    let scanned = store
        .set_document_scan(d.id, ScanState::Clean, &sys)
        .await
        .unwrap();
    assert_eq!(scanned.scan, ScanState::Clean);
    assert!(
        !store
            .documents_not_scanned(10)
            .await
            .unwrap()
            .contains(&d.id)
    );
    assert_eq!(
        store.get_document(d.id).await.unwrap().unwrap().scan,
        ScanState::Clean
    );

    // An owner that does not exist is refused; nothing is stored.
    let err = store
        .add_document(pdf(DocumentOwner::Person(PersonId(999_999)), vec![1]), &sys)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    let err = store
        .add_document(pdf(DocumentOwner::Case(CaseId(999_999)), vec![1]), &sys)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert!(
        store
            .get_document(crate::documents::DocumentId(999_999))
            .await
            .unwrap()
            .is_none()
    );
}

pub async fn purge_deletes_a_closed_cases_documents(store: &dyn Store) {
    lead(store).await;
    let sys = system();
    let old = case_in_progress(store).await;
    let kept = case_in_progress(store).await;
    let gone = store
        .add_document(
            pdf(DocumentOwner::Case(old), synthetic_content("old ")),
            &sys,
        )
        .await
        .unwrap()
        .document;
    let stays = store
        .add_document(
            pdf(DocumentOwner::Case(kept), synthetic_content("kept ")),
            &sys,
        )
        .await
        .unwrap()
        .document;
    store
        .change_case_status(
            old,
            CaseStatus::Closed,
            Some("family evacuated"),
            Some(CaseOutcome::Evacuated),
            &sys,
        )
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let report = store.purge_closed_cases(Utc::now(), &sys).await.unwrap();
    assert_eq!(report.cases, 1);
    assert_eq!(report.documents, 1);
    assert!(store.get_document(gone.id).await.unwrap().is_none());
    assert!(
        store
            .read_document(gone.id, DocumentRead::Download, &sys)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .documents_of(DocumentOwner::Case(old))
            .await
            .unwrap()
            .is_empty()
    );
    // A purged case takes no new document either.
    let err = store
        .add_document(pdf(DocumentOwner::Case(old), vec![1]), &sys)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    assert_eq!(
        store
            .read_document(stays.id, DocumentRead::Download, &sys)
            .await
            .unwrap()
            .unwrap(),
        synthetic_content("kept ")
    );
}

/// A referral with `documents`, sharing names only.
fn sharing(
    org: &corridor_domain::PartnerOrg,
    documents: &[crate::documents::DocumentId],
    scan_required: bool,
) -> crate::NewReferral {
    let mut r = crate::conformance_referrals::referral(org, &[corridor_domain::ShareField::Names]);
    r.documents = documents.to_vec();
    r.scan_required = scan_required;
    r
}

pub async fn referrals_share_chosen_clean_documents_of_the_case_only(store: &dyn Store) {
    use crate::documents::sha256_hex;
    use crate::{ReferralActor, Refusal};
    lead(store).await;
    let sys = system();
    let s = &sys;
    let partner = crate::conformance_referrals::org(store, "Document Partner").await;
    let case = case_in_progress(store).await;
    let other = case_in_progress(store).await;
    let person = store.get_case(case, &sys).await.unwrap().unwrap().people[0].id;
    let add = |owner, marker: &'static str, scan| {
        let mut d = pdf(owner, synthetic_content(marker));
        d.scan = scan;
        async move { store.add_document(d, s).await.unwrap().document }
    };
    let of_case = add(
        DocumentOwner::Case(case),
        "case letter ",
        ScanState::NotScanned,
    )
    .await;
    let of_person = add(DocumentOwner::Person(person), "tazkira ", ScanState::Clean).await;
    let foreign = add(DocumentOwner::Case(other), "other case ", ScanState::Clean).await;
    let infected = add(DocumentOwner::Case(case), "infected ", ScanState::Infected).await;

    // Shared: the snapshot names exactly the chosen documents, with the hash of their bytes.
    let sent = store
        .refer_cases(
            &[case],
            &sharing(&partner, &[of_case.id, of_person.id], false),
            &sys,
        )
        .await
        .unwrap();
    let r = store
        .get_referral(sent[0], &ReferralActor::Partner(partner.id), &sys)
        .await
        .unwrap()
        .unwrap();
    let ids: Vec<i64> = r.snapshot.documents.iter().map(|d| d.id).collect();
    assert_eq!(ids, vec![of_case.id.0, of_person.id.0]);
    let shared = &r.snapshot.documents[1];
    assert_eq!(shared.sha256, sha256_hex(&synthetic_content("tazkira ")));
    assert_eq!(shared.size, synthetic_content("tazkira ").len() as i64);
    assert_eq!(shared.kind, "com_letter");
    assert_eq!(shared.content_type, "application/pdf");
    assert!(shared.file_name.is_none());

    // Refused, and nothing written: another case's document, a quarantined one, one not yet
    // scanned when a scanner is configured.
    let before = store
        .list_referrals(
            &crate::ReferralFilter::default(),
            &ReferralActor::Staff,
            Utc::now(),
            &sys,
        )
        .await
        .unwrap()
        .len();
    let refused = |ids: Vec<crate::documents::DocumentId>, scan_required| {
        let r = sharing(&partner, &ids, scan_required);
        async move { store.refer_cases(&[case], &r, s).await.unwrap_err() }
    };
    let err = refused(vec![of_person.id, foreign.id], false).await;
    assert!(
        matches!(err, StoreError::Rule(Refusal::DocumentNotOnCase { document, case: c })
            if document == foreign.id.0 && c == case),
        "{err:?}"
    );
    assert!(err.to_string().starts_with("documents:"), "{err}");
    let err = refused(vec![infected.id], false).await;
    assert!(
        matches!(err, StoreError::Rule(Refusal::DocumentHeld { document }) if document == infected.id.0),
        "{err:?}"
    );
    let err = refused(vec![of_case.id], true).await;
    assert!(
        matches!(err, StoreError::Rule(Refusal::DocumentHeld { .. })),
        "{err:?}"
    );
    let err = refused(vec![crate::documents::DocumentId(999_999)], false).await;
    assert!(
        matches!(err, StoreError::Rule(Refusal::DocumentNotOnCase { .. })),
        "{err:?}"
    );
    let after = store
        .list_referrals(
            &crate::ReferralFilter::default(),
            &ReferralActor::Staff,
            Utc::now(),
            &sys,
        )
        .await
        .unwrap()
        .len();
    assert_eq!(before, after);
    // Once scanned clean it may be shared with a scanner configured.
    store
        .set_document_scan(of_case.id, ScanState::Clean, &sys)
        .await
        .unwrap();
    store
        .refer_cases(&[case], &sharing(&partner, &[of_case.id], true), &sys)
        .await
        .unwrap();
}

pub async fn evidence_points_to_a_document_and_loses_the_link_when_it_is_purged(store: &dyn Store) {
    use crate::Refusal;
    use crate::workflow::NewEvidence;
    use corridor_domain::{EvidenceKind, Pathway};
    lead(store).await;
    let sys = system();
    let old = case_in_progress(store).await;
    let kept = case_in_progress(store).await;
    let elsewhere = case_in_progress(store).await;
    let person = store.get_case(old, &sys).await.unwrap().unwrap().people[0].id;
    let twin = store.get_case(kept, &sys).await.unwrap().unwrap().people[0].id;
    // The person is on both cases: purging the old one keeps them.
    store
        .merge_persons(person, twin, Some("same tazkira"), &sys)
        .await
        .unwrap();
    store
        .set_pathway_step(person, Pathway::Siv, "com_approved", None, None, &sys)
        .await
        .unwrap();
    let letter = store
        .add_document(
            pdf(DocumentOwner::Case(old), synthetic_content("com ")),
            &sys,
        )
        .await
        .unwrap()
        .document;
    let foreign = store
        .add_document(
            pdf(
                DocumentOwner::Case(elsewhere),
                synthetic_content("not theirs "),
            ),
            &sys,
        )
        .await
        .unwrap()
        .document;
    let evidence = |document| NewEvidence {
        kind: EvidenceKind::ComApprovalLetter,
        reference: Some("COM-2026-0001".into()),
        note: Some("seen in the original".into()),
        document,
    };
    let p = store
        .add_pathway_evidence(person, Pathway::Siv, evidence(Some(letter.id)), &sys)
        .await
        .unwrap();
    assert_eq!(p.evidence[0].document_id, Some(letter.id.0));
    let err = store
        .add_pathway_evidence(person, Pathway::Siv, evidence(Some(foreign.id)), &sys)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Rule(Refusal::EvidenceDocumentElsewhere { document, .. })
            if document == foreign.id.0),
        "{err:?}"
    );
    assert_eq!(
        store.person_pathways(person, &sys).await.unwrap()[0]
            .evidence
            .len(),
        1
    );

    store
        .change_case_status(
            old,
            CaseStatus::Closed,
            Some("family evacuated"),
            Some(CaseOutcome::Evacuated),
            &sys,
        )
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let report = store.purge_closed_cases(Utc::now(), &sys).await.unwrap();
    assert_eq!(report.documents, 1);
    let after = &store.person_pathways(person, &sys).await.unwrap()[0].evidence[0];
    assert_eq!(after.document_id, None);
    assert_eq!(after.reference.as_deref(), Some("COM-2026-0001"));
    assert_eq!(after.note.as_deref(), Some("seen in the original"));
}
