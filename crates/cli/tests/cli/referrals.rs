//! A signed referral file with the documents it shares beside it: `corridor referral export`
//! writes both, `corridor referral verify` passes them, and fails, naming the file, once a
//! file beside it is changed or missing.

use crate::common::{corridor, ok};

use corridor_domain::ShareField;
use corridor_store::conformance_documents::{pdf, synthetic_content};
use corridor_store::conformance_referrals::{case_in_progress, lead, org, referral};
use corridor_store::crypto::KeySource;
use corridor_store::documents::DocumentOwner;
use corridor_store::prelude::*;
use corridor_store_sqlite::SqliteStore;

fn system() -> corridor_store::Actor {
    corridor_store::Actor::system("test")
}

#[tokio::test]
async fn verify_checks_the_documents_beside_the_signed_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db").to_str().unwrap().to_string();
    let store = SqliteStore::open(&db, &KeySource::beside(&db))
        .await
        .unwrap();
    lead(&store).await;
    let partner = org(&store, "Synthetic Partner").await;
    let case = case_in_progress(&store).await;
    let content = synthetic_content("Synthetic COM letter ");
    let letter = store
        .add_document(pdf(DocumentOwner::Case(case), content.clone()), &system())
        .await
        .unwrap()
        .document;
    let mut r = referral(&partner, &[ShareField::Names]);
    r.documents = vec![letter.id];
    let sent = store.refer_cases(&[case], &r, &system()).await.unwrap();
    store.close().await;

    let file = dir.path().join("referral.json");
    let file_arg = file.to_str().unwrap();
    let out = ok(
        &db,
        &[
            "referral",
            "export",
            &format!("R-{}", sent[0]),
            "--out",
            file_arg,
        ],
    );
    assert!(out.contains("1 documents"), "{out}");
    let beside = dir.path().join("referral.files").join(format!(
        "{}.pdf",
        corridor_store::documents::sha256_hex(&content)
    ));
    assert_eq!(std::fs::read(&beside).unwrap(), content);

    let out = ok(&db, &["referral", "verify", file_arg]);
    assert!(out.contains("Signature valid"), "{out}");
    assert!(out.contains("matches"), "{out}");

    // One byte changed in the file beside it: the check fails, naming the document and file.
    let mut changed = content.clone();
    *changed.last_mut().unwrap() ^= 1;
    std::fs::write(&beside, &changed).unwrap();
    let failed = corridor(&db, &["referral", "verify", file_arg]);
    assert!(!failed.status.success());
    let why = String::from_utf8_lossy(&failed.stderr);
    let name = beside.file_name().unwrap().to_str().unwrap();
    assert!(
        why.contains(&format!("document {}: {name} was changed", letter.id)),
        "{why}"
    );
    // Gone: the same, saying it is missing.
    std::fs::remove_file(&beside).unwrap();
    let failed = corridor(&db, &["referral", "verify", file_arg]);
    assert!(!failed.status.success());
    assert!(
        String::from_utf8_lossy(&failed.stderr).contains(&format!("{name} is missing")),
        "{}",
        String::from_utf8_lossy(&failed.stderr)
    );
}
