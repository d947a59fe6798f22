//! `corridor search` on a database filled by `corridor import`: the same results as the web's
//! search, as text and JSON, audited. Every person is invented.

use crate::common::ok;

#[tokio::test]
async fn the_command_finds_people_by_any_spelling_and_their_phone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let db = db.to_str().unwrap();
    let list = dir.path().join("sponsor.csv");
    std::fs::write(
        &list,
        "record_id,given_name,family_name,father_name,date_of_birth,phone\n\
         1,Najibullah,Ahmadzai,Abdul Wahid,1990-04-02,+93 70 123 4567\n\
         2,Fatima,Rahimi,Ghulam Sakhi,1985,+92 300 1234567\n",
    )
    .unwrap();
    ok(
        db,
        &["import", list.to_str().unwrap(), "--requester", "A sponsor"],
    );

    let shown = ok(db, &["search", "Najeebullah Ahmadzay s/o Abdul Wahid"]);
    assert!(shown.starts_with("Read as: name"), "{shown}");
    assert!(shown.contains("Najibullah Ahmadzai"), "{shown}");
    assert!(shown.contains("father Abdul Wahid"), "{shown}");
    assert!(shown.contains("agreed: "), "{shown}");
    assert!(!shown.contains("Fatima"), "{shown}");

    let json: serde_json::Value =
        serde_json::from_str(&ok(db, &["search", "0092 300 123 4567", "--json"])).unwrap();
    assert_eq!(json["kind"], "phone");
    assert_eq!(json["people"][0]["name"], "Fatima Rahimi", "{json}");
    assert_eq!(json["people"][0]["openable"], true);

    let nothing = ok(db, &["search", "Zarmina Qaderi"]);
    assert!(nothing.contains("Nothing found."), "{nothing}");

    // Audited by kind and count, never by what was typed.
    use corridor_store::prelude::*;
    let store = corridor_store_sqlite::SqliteStore::open(
        db,
        &corridor_store::crypto::KeySource::beside(db),
    )
    .await
    .unwrap();
    let trail = store
        .search_audit(
            &corridor_store::AuditFilter {
                action: Some("search.run".into()),
                ..Default::default()
            },
            10,
        )
        .await
        .unwrap();
    let details: Vec<&str> = trail.iter().map(|e| e.detail.as_str()).collect();
    assert_eq!(
        details,
        [
            "name query, results: 0",
            "phone query, results: 1",
            "name query, results: 1"
        ]
    );
    assert!(trail.iter().all(|e| e.actor_name == "system:cli"));
}
