//! Find anyone: the search box, `GET /api/v1/search` and what each role sees of the results.

use crate::common::{TestApp, text};
use corridor_domain::{CaseId, CaseOutcome, CaseStatus};
use corridor_store::Actor;
use serde_json::{Value, json};

async fn submit(app: &TestApp, token: &str, category: &str, people: Value) -> Value {
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(token)
        .json(&json!({
            "category": category,
            "subject": "Please help this family",
            "requester": {"kind": "sponsor", "name": "A former supervisor"},
            "people": people
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    r.json().await.unwrap()
}

async fn search(app: &TestApp, token: &str, q: &str) -> (u16, Value) {
    let r = reqwest::Client::new()
        .get(app.url("/api/v1/search"))
        .query(&[("q", q)])
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// One family on the general team's case (evacuation) and one person on the medical team's
/// (the officer's) case. Returns (general case, medical case, reference of the first).
async fn two_cases(app: &TestApp) -> (Value, Value) {
    let token = app.token(&app.lead).await;
    let general = submit(
        app,
        &token,
        "evacuation",
        json!([{"given_name": "Najibullah", "family_name": "Ahmadzai", "father_name": "Abdul Wahid",
                "date_of_birth": "1990-04-02", "national_id": "1400-0101-12345",
                "passport": "P01234567", "phone": "+93 70 123 4567",
                "email": "najib.a@example.org", "province": "Kabul"},
               {"given_name": "Shabnam", "family_name": "Ahmadzai", "date_of_birth": "1992",
                "phone": "+93 70 123 4567"}]),
    )
    .await;
    let medical = submit(
        app,
        &token,
        "medical",
        json!([{"given_name": "Fatima", "family_name": "Rahimi", "father_name": "Ghulam Sakhi",
                "date_of_birth": "1985", "phone": "+92 300 1234567"}]),
    )
    .await;
    (general, medical)
}

fn first_person(v: &Value) -> &Value {
    &v["people"][0]
}

#[tokio::test]
async fn one_line_finds_a_person_by_any_spelling_phone_document_reference_or_case() {
    let app = TestApp::spawn().await;
    let (general, _) = two_cases(&app).await;
    let token = app.token(&app.lead).await;
    let (status, by_name) = search(&app, &token, "Najibullah Ahmadzai").await;
    assert_eq!(status, 200, "{by_name}");
    assert_eq!(by_name["kind"], "name");
    let najib = first_person(&by_name).clone();
    assert_eq!(najib["name"], "Najibullah Ahmadzai");
    assert_eq!(najib["case_ids"][0], general["case_id"]);
    assert_eq!(najib["latest_reference"], general["reference"]);
    assert!(
        najib["why"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["field"] == "given_name"),
        "{najib}"
    );

    // Other spellings, the other script, with the father's name, a year or a province.
    for q in [
        "Najeebullah Ahmadzay",
        "najibullah s/o abdul wahid",
        "Najibullah 1990",
        "Najib Ullah Ahmadzai, Kabul",
        "نجیب الله احمدزی",
        "نجیب الله ولد عبدالواحد",
        "Ahmadzai, Najibullah",
        "AHMADZAI, NAJIBULLAH 1990",
    ] {
        let (status, found) = search(&app, &token, q).await;
        assert_eq!(status, 200);
        assert_eq!(first_person(&found)["id"], najib["id"], "{q}: {found}");
    }
    // Phones in any format, documents with or without separators, the email.
    for (q, kind) in [
        ("0701234567", "phone"),
        ("0093 70 123 4567", "phone"),
        ("+93701234567", "phone"),
        ("1400 0101 12345", "document"),
        ("140001011 2345", "document"),
        ("p01234567", "document"),
        ("P 0123 4567", "document"),
        ("NAJIB.A@example.org", "email"),
    ] {
        let (_, found) = search(&app, &token, q).await;
        assert_eq!(found["kind"], kind, "{q}");
        let ids: Vec<&Value> = found["people"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| &p["id"])
            .collect();
        assert!(ids.contains(&&najib["id"]), "{q}: {found}");
    }
    // The phone is the family's: the sister is found by it too, but not by the document.
    let (_, by_phone) = search(&app, &token, "070 123 4567").await;
    assert_eq!(
        by_phone["people"].as_array().unwrap().len(),
        2,
        "{by_phone}"
    );
    let (_, by_doc) = search(&app, &token, "1400-0101-12345").await;
    assert_eq!(by_doc["people"].as_array().unwrap().len(), 1, "{by_doc}");

    // The reference as a requester reads it out: lower case, no dashes.
    let reference = general["reference"].as_str().unwrap();
    let spoken = reference.replace('-', " ").to_lowercase();
    let (_, by_ref) = search(&app, &token, &spoken).await;
    assert_eq!(by_ref["kind"], "reference");
    assert_eq!(by_ref["inquiries"][0]["reference"], reference);
    assert_eq!(by_ref["inquiries"][0]["case_id"], general["case_id"]);
    assert_eq!(by_ref["requesters"][0]["kind"], "sponsor");

    let case = general["case_id"].as_i64().unwrap();
    for q in [
        format!("C-{case}"),
        format!("{case}"),
        format!("case {case}"),
    ] {
        let (_, by_case) = search(&app, &token, &q).await;
        assert_eq!(by_case["kind"], "case", "{q}");
        assert_eq!(by_case["cases"][0]["id"], case, "{q}");
        assert_eq!(by_case["cases"][0]["team_name"], "General");
    }

    let (_, nobody) = search(&app, &token, "Zarmina Qaderi").await;
    assert_eq!(nobody["people"].as_array().unwrap().len(), 0, "{nobody}");
    let (status, _) = search(&app, &token, "   ").await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn an_officer_sees_who_holds_a_case_but_opens_only_their_own() {
    let app = TestApp::spawn().await;
    let (general, medical) = two_cases(&app).await;
    let officer = app.token(&app.officer).await;

    let (_, theirs) = search(&app, &officer, "Fatima Rahimi").await;
    let fatima = first_person(&theirs);
    assert_eq!(fatima["openable"], true, "{theirs}");
    assert_eq!(fatima["father_name"], "Ghulam Sakhi");
    assert_eq!(fatima["cases"][0]["id"], medical["case_id"]);
    assert_eq!(fatima["cases"][0]["openable"], true);

    let (_, other) = search(&app, &officer, "Najibullah Ahmadzai").await;
    let najib = first_person(&other);
    assert_eq!(najib["name"], "Najibullah Ahmadzai", "known: {other}");
    assert_eq!(najib["openable"], false);
    assert_eq!(najib["father_name"], Value::Null);
    assert_eq!(najib["latest_reference"], Value::Null);
    assert_eq!(najib["cases"][0]["id"], general["case_id"]);
    assert_eq!(najib["cases"][0]["team_name"], "General");
    assert_eq!(najib["cases"][0]["title"], Value::Null);
    assert_eq!(najib["cases"][0]["openable"], false);

    // The page says the same, with links only to what opens.
    let browser = app.signed_in("officer").await;
    let (status, page) = app.page(&browser, "/search?q=Najibullah+Ahmadzai").await;
    assert_eq!(status, 200);
    assert!(text(&page).contains("not in your cases"), "{page}");
    assert!(!page.contains(&format!("href=\"/cases/{}\"", general["case_id"])));
    let (_, page) = app.page(&browser, "/search?q=Fatima+Rahimi").await;
    assert!(page.contains(&format!("href=\"/cases/{}\"", medical["case_id"])));

    // A clerk at the desk sees enough to avoid a duplicate: known, which case, whose.
    let clerk = app.token(&app.clerk).await;
    let (status, seen) = search(&app, &clerk, "Najibullah Ahmadzai").await;
    assert_eq!(status, 200);
    assert_eq!(first_person(&seen)["cases"][0]["team_name"], "General");
    assert_eq!(first_person(&seen)["openable"], false);
}

#[tokio::test]
async fn partners_and_auditors_cannot_search() {
    let app = TestApp::spawn().await;
    two_cases(&app).await;
    let auditor = crate::common::add_user(
        app.store.as_ref(),
        "auditor",
        corridor_domain::Role::Auditor,
        None,
    )
    .await;
    let token = app.token(&auditor).await;
    let (status, body) = search(&app, &token, "Najibullah").await;
    assert_eq!(status, 403, "{body}");
    let browser = app.signed_in("auditor").await;
    let (status, _) = app.page(&browser, "/search?q=Najibullah").await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn every_search_is_audited_by_kind_and_count_never_by_its_text() {
    let app = TestApp::spawn().await;
    two_cases(&app).await;
    let token = app.token(&app.lead).await;
    search(&app, &token, "Najeebullah Ahmadzay").await;
    search(&app, &token, "0701234567").await;
    let browser = app.signed_in("lead").await;
    app.page(&browser, "/search?q=Fatima").await;

    let events = app
        .store
        .search_audit(
            &corridor_store::AuditFilter {
                action: Some("search.run".into()),
                ..Default::default()
            },
            10,
        )
        .await
        .unwrap();
    let details: Vec<&str> = events.iter().map(|e| e.detail.as_str()).collect();
    assert_eq!(
        details,
        [
            "name query, results: 1",
            "phone query, results: 2",
            "name query, results: 1"
        ]
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
    );
    assert!(events.iter().all(|e| e.actor_name == "lead"));
    let all = app
        .store
        .search_audit(&Default::default(), 1000)
        .await
        .unwrap();
    for e in &all {
        for secret in ["Najeeb", "0701234567", "Fatima"] {
            assert!(!e.detail.contains(secret), "{e:?}");
        }
    }
}

#[tokio::test]
async fn purged_people_are_not_found() {
    let app = TestApp::spawn().await;
    let (general, _) = two_cases(&app).await;
    let token = app.token(&app.lead).await;
    let (_, before) = search(&app, &token, "Najibullah Ahmadzai").await;
    assert_eq!(first_person(&before)["name"], "Najibullah Ahmadzai");

    let system = Actor::system("test");
    let case = CaseId(general["case_id"].as_i64().unwrap());
    app.store
        .change_case_status(case, CaseStatus::InProgress, None, None, &system)
        .await
        .unwrap();
    app.store
        .change_case_status(
            case,
            CaseStatus::Closed,
            Some("evacuated"),
            Some(CaseOutcome::Evacuated),
            &system,
        )
        .await
        .unwrap();
    let report = app
        .store
        .purge_closed_cases(chrono::Utc::now() + chrono::Duration::days(1), &system)
        .await
        .unwrap();
    assert_eq!(report.cases, 1);

    // The running server's index still holds the records; the search must not show them.
    for q in ["Najibullah Ahmadzai", "0701234567", "1400-0101-12345"] {
        let (_, after) = search(&app, &token, q).await;
        assert_eq!(after["people"].as_array().unwrap().len(), 0, "{q}: {after}");
    }
}

#[tokio::test]
async fn the_search_box_is_in_the_top_bar_of_staff_pages() {
    let app = TestApp::spawn().await;
    two_cases(&app).await;
    for (user, page) in [
        ("lead", "/cases"),
        ("officer", "/cases/mine"),
        ("clerk", "/desk"),
    ] {
        let browser = app.signed_in(user).await;
        let (status, html) = app.page(&browser, page).await;
        assert_eq!(status, 200);
        assert!(
            html.contains("action=\"/search\" role=\"search\""),
            "{user} {page}"
        );
    }
    // The box submits a plain GET: no JavaScript needed.
    let browser = app.signed_in("lead").await;
    let (status, html) = app.page(&browser, "/search?q=najeebullah+ahmadzay").await;
    assert_eq!(status, 200);
    let shown = text(&html);
    assert!(shown.contains("Najibullah Ahmadzai"), "{shown}");
    // Why it matched, in words rather than the API's field codes.
    assert!(shown.contains("given name close"), "{shown}");
}

#[tokio::test]
async fn the_desk_says_who_is_already_known_before_saving_without_javascript() {
    let app = TestApp::spawn().await;
    let (general, _) = two_cases(&app).await;
    let clerk = app.signed_in("clerk").await;
    let (_, form) = app.page(&clerk, "/desk").await;
    let code = crate::common::hidden(&form, "code");
    let typed = [
        ("csrf", crate::common::csrf(&form)),
        ("code", code.clone()),
        ("given_name", "Najeebullah".to_string()),
        ("family_name", "Ahmadzay".to_string()),
        ("phone", "0701234567".to_string()),
        ("category", "evacuation".to_string()),
        ("check", "1".to_string()),
    ];
    let r = clerk
        .post(app.url("/desk"))
        .form(&typed)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    let shown = text(&page);
    assert!(shown.contains("Already known?"), "{shown}");
    assert!(shown.contains("Najibullah Ahmadzai"), "{shown}");
    assert!(
        shown.contains(&format!("C-{}", general["case_id"])),
        "{shown}"
    );
    assert!(shown.contains("General"), "the team that holds it: {shown}");
    // Nothing was saved, and the form comes back as typed, with the same receipt code.
    let inquiries = app
        .store
        .list_inquiries(&Default::default(), corridor_store::PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(inquiries.items.len(), 2);
    assert_eq!(crate::common::hidden(&page, "given_name"), "Najeebullah");
    assert_eq!(crate::common::hidden(&page, "code"), code);

    // Someone new is said to be new.
    let fresh = [
        ("csrf", crate::common::csrf(&form)),
        ("code", code),
        ("given_name", "Zarmina".to_string()),
        ("family_name", "Qaderi".to_string()),
        ("check", "1".to_string()),
    ];
    let page = clerk
        .post(app.url("/desk"))
        .form(&fresh)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(text(&page).contains("Not known yet"), "{page}");
}

#[tokio::test]
async fn the_intake_form_checks_every_person_on_it() {
    let app = TestApp::spawn().await;
    let (_, medical) = two_cases(&app).await;
    let officer = app.signed_in("officer").await;
    let (_, form) = app.page(&officer, "/intake/new").await;
    let r = officer
        .post(app.url("/intake"))
        .form(&[
            ("csrf", crate::common::csrf(&form).as_str()),
            ("channel", "staff_form"),
            ("category", "medical"),
            ("p0_given_name", "Someone"),
            ("p0_family_name", "Else"),
            ("p1_given_name", "فاطمه"),
            ("p1_family_name", "رحیمی"),
            ("p1_phone", "+92 300 1234567"),
            ("check", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let page = r.text().await.unwrap();
    assert!(
        page.contains(&format!("href=\"/cases/{}\"", medical["case_id"])),
        "the officer's own case opens: {page}"
    );
    assert_eq!(crate::common::hidden(&page, "p1_given_name"), "فاطمه");
    assert_eq!(crate::common::hidden(&page, "p0_family_name"), "Else");
}

#[tokio::test]
async fn a_phone_or_email_finds_the_requesters_who_gave_it_as_the_role_may_see_them() {
    let app = TestApp::spawn().await;
    two_cases(&app).await;
    let lead = app.token(&app.lead).await;
    // A sponsor writes about a family the general team takes.
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&lead)
        .json(&json!({
            "category": "evacuation",
            "subject": "My former interpreter",
            "requester": {"kind": "sponsor", "name": "Maria Keller",
                          "email": "m.keller@example.org", "phone": "+93 79 555 0101"},
            "people": [{"given_name": "Zarmina", "family_name": "Qaderi"}]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let asked: Value = r.json().await.unwrap();

    // The sponsor calls back from the same number, read out any way, or writes again.
    for (q, kind) in [
        ("0795550101", "phone"),
        ("0093 79 555 0101", "phone"),
        ("+93795550101", "phone"),
        ("M.Keller@Example.org", "email"),
    ] {
        let (status, found) = search(&app, &lead, q).await;
        assert_eq!(status, 200);
        assert_eq!(found["kind"], kind, "{q}");
        let sponsor = &found["requesters"][0];
        assert_eq!(sponsor["name"], "Maria Keller", "{q}: {found}");
        assert_eq!(sponsor["kind"], "sponsor");
        assert_eq!(sponsor["reference"], asked["reference"]);
        assert_eq!(sponsor["openable"], true);
        assert_eq!(sponsor["case"]["id"], asked["case_id"]);
        assert_eq!(found["requesters"].as_array().unwrap().len(), 1, "{q}");
    }
    // A number nobody gave finds no requester.
    let (_, none) = search(&app, &lead, "+92 300 7654321").await;
    assert!(none["requesters"].as_array().unwrap().is_empty(), "{none}");

    // An officer of another team learns that the sponsor asked and who holds the case, but
    // not the sponsor's name, and cannot open the request.
    let officer = app.token(&app.officer).await;
    let (_, seen) = search(&app, &officer, "0795550101").await;
    let sponsor = &seen["requesters"][0];
    assert_eq!(sponsor["name"], Value::Null, "{seen}");
    assert_eq!(sponsor["openable"], false);
    assert_eq!(sponsor["case"]["team_name"], "General");
    assert_eq!(sponsor["case"]["openable"], false);

    // The page: the lead gets the name and a link to the request, the officer neither.
    let browser = app.signed_in("lead").await;
    let (_, page) = app.page(&browser, "/search?q=0795550101").await;
    assert!(text(&page).contains("Maria Keller"), "{page}");
    assert!(page.contains(&format!("href=\"/inquiries/{}\"", asked["id"])));
    let browser = app.signed_in("officer").await;
    let (_, page) = app.page(&browser, "/search?q=0795550101").await;
    assert!(text(&page).contains("Requesters"), "{page}");
    assert!(!text(&page).contains("Maria Keller"), "{page}");
    assert!(!page.contains(&format!("href=\"/inquiries/{}\"", asked["id"])));

    // The audit trail counts the requester among the results, without the number.
    let events = app
        .store
        .search_audit(
            &corridor_store::AuditFilter {
                action: Some("search.run".into()),
                ..Default::default()
            },
            1,
        )
        .await
        .unwrap();
    assert_eq!(events[0].detail, "phone query, results: 1");
    assert!(!events[0].detail.contains("0101"));
}

#[tokio::test]
async fn after_the_check_the_desk_adds_the_request_to_the_known_case_without_javascript() {
    let app = TestApp::spawn().await;
    let (general, _) = two_cases(&app).await;
    let case = general["case_id"].as_i64().unwrap();
    let clerk = app.signed_in("clerk").await;
    let (_, form) = app.page(&clerk, "/desk").await;
    let mut typed = vec![
        ("csrf", crate::common::csrf(&form)),
        ("code", crate::common::hidden(&form, "code")),
        ("given_name", "Najeebullah".to_string()),
        ("family_name", "Ahmadzay".to_string()),
        ("phone", "0701234567".to_string()),
        ("category", "evacuation".to_string()),
    ];
    let mut check = typed.clone();
    check.push(("check", "1".to_string()));
    let page = clerk
        .post(app.url("/desk"))
        .form(&check)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // The choice is a plain submit button of the form, carrying the case.
    assert!(page.contains("id=\"checked-form\""), "{page}");
    assert!(
        page.contains(&format!(
            "form=\"checked-form\" name=\"attach_case\" value=\"{case}\""
        )),
        "{page}"
    );
    assert!(text(&page).contains(&format!("Add this request to C-{case}")));

    // A case the check does not offer is refused when saving, and nothing is saved.
    let mut wrong = typed.clone();
    wrong.push(("attach_case", "999999".to_string()));
    wrong.push(("save", "1".to_string()));
    let r = clerk
        .post(app.url("/desk"))
        .form(&wrong)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(text(&r.text().await.unwrap()).contains("Nothing was saved"));
    let count = |app: &TestApp| {
        let store = app.store.clone();
        async move {
            store
                .list_inquiries(&Default::default(), corridor_store::PageRequest::first(10))
                .await
                .unwrap()
                .items
        }
    };
    assert_eq!(count(&app).await.len(), 2);

    // The button leads to the confirmation, which carries the choice to the save.
    typed.push(("attach_case", case.to_string()));
    let confirm = clerk
        .post(app.url("/desk"))
        .form(&typed)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        confirm.contains(&format!("name=\"attach_case\" value=\"{case}\"")),
        "{confirm}"
    );
    assert_eq!(
        count(&app).await.len(),
        2,
        "nothing saved before the confirmation"
    );
    typed.push(("save", "1".to_string()));
    let r = clerk
        .post(app.url("/desk"))
        .form(&typed)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let receipt = r.text().await.unwrap();
    let saved = count(&app).await;
    assert_eq!(saved.len(), 3);
    let new = saved
        .iter()
        .find(|i| receipt.contains(i.reference.as_str()))
        .expect("the receipt gives the new reference");
    assert_eq!(new.case_id, Some(CaseId(case)), "joined the known case");
}

#[tokio::test]
async fn the_intake_form_adds_the_request_to_the_case_chosen_after_the_check() {
    let app = TestApp::spawn().await;
    let (_, medical) = two_cases(&app).await;
    let case = medical["case_id"].as_i64().unwrap();
    let officer = app.signed_in("officer").await;
    let (_, form) = app.page(&officer, "/intake/new").await;
    let case_field = case.to_string();
    let typed = [
        ("csrf", crate::common::csrf(&form)),
        ("channel", "phone".to_string()),
        ("category", "medical".to_string()),
        ("subject", "Calls again about his mother".to_string()),
        ("requester_kind", "self".to_string()),
        ("requester_name", "Her son".to_string()),
        ("p0_given_name", "فاطمه".to_string()),
        ("p0_family_name", "رحیمی".to_string()),
        ("p0_phone", "+92 300 1234567".to_string()),
        ("attach_case", case_field),
    ];
    let r = officer
        .post(app.url("/intake"))
        .form(&typed)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let items = app
        .store
        .list_inquiries(&Default::default(), corridor_store::PageRequest::first(10))
        .await
        .unwrap()
        .items;
    assert_eq!(items.len(), 3);
    let new = items.iter().find(|i| i.subject.contains("mother")).unwrap();
    assert_eq!(new.case_id, Some(CaseId(case)));
}
