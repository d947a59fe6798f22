//! Deadlines, escalation, notes and mentions, pathways and bulk actions as a task force meets
//! them, over real HTTP: an overdue case reaches its team lead once, in the app and by email;
//! no open case is left without an owner, one at a time or in bulk; a mention reaches the
//! colleague; pathways are counted; and one call moves many cases.

use crate::common::{TestApp, csrf, text};
use chrono::{Duration, Utc};
use corridor_domain::{CaseCategory, CaseId, Channel, NewInquiry, NewRequester, PersonDetails};
use corridor_store::Actor;
use serde_json::{Value, json};

async fn submit(app: &TestApp, token: &str, given: &str) -> Value {
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(token)
        .json(&json!({
            "category": "visa", "subject": "SIV applicant asks for help",
            "requester": {"kind": "sponsor", "name": "A synthetic sponsor"},
            "people": [{"given_name": given, "family_name": "Testzai"}]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    r.json().await.unwrap()
}

async fn api_post(app: &TestApp, token: &str, path: &str, body: Value) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(app.url(&format!("/api/v1{path}")))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
}

async fn api_get(app: &TestApp, token: &str, path: &str) -> Value {
    let r = reqwest::Client::new()
        .get(app.url(&format!("/api/v1{path}")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "GET {path}");
    r.json().await.unwrap()
}

/// `n` synthetic cases, set up through the store in one batch.
async fn many_cases(app: &TestApp, n: usize) -> Vec<i64> {
    let batch = (0..n)
        .map(|i| NewInquiry {
            channel: Channel::Spreadsheet,
            requester: NewRequester {
                kind: corridor_domain::RequesterKind::Ngo,
                name: "Synthetic NGO".into(),
                organization: None,
                email: None,
                phone: None,
            },
            received_at: Utc::now(),
            subject: "List row".into(),
            category: CaseCategory::Visa,
            raw_payload: format!("row {i}"),
            content_type: "text/csv".into(),
            household_label: None,
            people: vec![PersonDetails {
                given_name: Some(format!("Person{i}")),
                ..Default::default()
            }],
            idempotency_key: Some(format!("row-{i}")),
            matches: Vec::new(),
        })
        .collect();
    app.store
        .record_inquiries(batch, &Actor::system("test"))
        .await
        .unwrap()
        .iter()
        .map(|r| r.case_id.unwrap().0)
        .collect()
}

#[tokio::test]
async fn an_overdue_case_escalates_to_the_team_lead_once() {
    let app = TestApp::spawn().await;
    app.store
        .set_user_email(
            app.lead.id,
            Some("lead@example.org"),
            &Actor::system("test"),
        )
        .await
        .unwrap();
    let token = app.token(&app.clerk).await;
    let case = submit(&app, &token, "Karim").await["case_id"]
        .as_i64()
        .unwrap();
    let lead_token = app.token(&app.lead).await;
    // Nothing is late yet: running the job changes nothing.
    let (status, none) = api_post(&app, &lead_token, "/escalations/run", json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(none, json!([]));
    let (_, case_json) = (
        0,
        api_get(&app, &lead_token, &format!("/cases/{case}")).await,
    );
    assert!(case_json["deadlines"]["first_response_due_at"].is_string());
    let before = app.store.outbox_counts().await.unwrap().pending;

    // Four days on, the normal-priority visa case has missed its 72-hour first response (but
    // not yet its 7-day next action). Two servers' jobs run, and one of them again.
    let later = Utc::now() + Duration::days(4);
    let first = app.store.escalate_overdue(later).await.unwrap();
    let second = app.store.escalate_overdue(later).await.unwrap();
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(second.is_empty(), "escalated twice: {second:?}");
    assert_eq!(first[0].notified_user, app.lead.id);

    // The lead sees it in the app, with the count in the bar.
    let lead = app.signed_in("lead").await;
    let (_, page) = app.page(&lead, "/notifications").await;
    let page = text(&page);
    assert!(page.contains("Notifications 1"), "{page}");
    assert!(
        page.contains(&format!("Case C-{case} is overdue for its first response")),
        "{page}"
    );
    assert!(!page.contains("Karim"), "no personal data in notifications");
    let officer = app.signed_in("officer").await;
    let (_, page) = app.page(&officer, "/notifications").await;
    assert!(text(&page).contains("Nothing yet"));

    // One email to the lead waits in the outbox, naming the case only.
    assert_eq!(app.store.outbox_counts().await.unwrap().pending, before + 1);
    let mails = app
        .store
        .claim_outbox(Utc::now(), Duration::minutes(5), 50)
        .await
        .unwrap();
    let escalations: Vec<_> = mails.iter().filter(|m| m.escalation.is_some()).collect();
    assert_eq!(escalations.len(), 1);
    assert_eq!(escalations[0].to, "lead@example.org");
    assert_eq!(
        escalations[0].escalation.as_ref().unwrap().case_id,
        CaseId(case)
    );

    // The lead marks it read.
    let (_, page) = app.page(&lead, "/notifications").await;
    let r = lead
        .post(app.url("/notifications/read"))
        .form(&[("csrf", csrf(&page).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let unread = api_get(&app, &lead_token, "/notifications?unread=true").await;
    assert_eq!(unread["items"], json!([]));
    assert_eq!(unread["total"], 0);
}

#[tokio::test]
async fn an_open_case_is_never_left_without_an_owner() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.clerk).await;
    let a = submit(&app, &token, "Hamid").await["case_id"]
        .as_i64()
        .unwrap();
    let b = submit(&app, &token, "Sima").await["case_id"]
        .as_i64()
        .unwrap();
    let lead_token = app.token(&app.lead).await;
    let (status, body) =
        api_post(&app, &lead_token, &format!("/cases/{a}/assign"), json!({})).await;
    assert_eq!(status, 422, "{body}");
    let (status, body) = api_post(
        &app,
        &lead_token,
        "/cases/bulk/assign",
        json!({"case_ids": [a, b]}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["message"]
            .as_str()
            .unwrap_or_default()
            .contains("owner"),
        "{body}"
    );

    // Handing the cases to someone who left is refused too, naming the case, and nothing moves.
    app.store
        .set_user_active(app.officer.id, false, &Actor::system("test"))
        .await
        .unwrap();
    let (status, body) = api_post(
        &app,
        &lead_token,
        "/cases/bulk/assign",
        json!({"case_ids": [a, b], "owner_id": app.officer.id.0}),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains(&format!("C-{a}")),
        "{body}"
    );
    let lead = app.signed_in("lead").await;
    let (_, list) = app.page(&lead, "/cases?open=1").await;
    let token = csrf(&list);
    let a_s = a.to_string();
    let b_s = b.to_string();
    let r = lead
        .post(app.url("/cases/bulk"))
        .form(&[
            ("csrf", token.as_str()),
            ("action", "assign"),
            ("owner", ""),
            ("case", a_s.as_str()),
            ("case", b_s.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    assert!(text(&r.text().await.unwrap()).contains("must always have an owner"));
    for id in [a, b] {
        let c = api_get(&app, &lead_token, &format!("/cases/{id}")).await;
        assert_eq!(c["owner_id"], json!(app.lead.id.0));
    }
}

#[tokio::test]
async fn a_mention_in_a_note_notifies_the_colleague() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.clerk).await;
    let case = submit(&app, &token, "Parwin").await["case_id"]
        .as_i64()
        .unwrap();
    let lead = app.signed_in("lead").await;
    let (_, page) = app.page(&lead, &format!("/cases/{case}")).await;
    let r = lead
        .post(app.url(&format!("/cases/{case}/notes")))
        .form(&[
            ("csrf", csrf(&page).as_str()),
            ("body", "@officer the sponsor called; Parwin is in Kabul."),
            ("contact", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, page) = app.page(&lead, &format!("/cases/{case}")).await;
    let page = text(&page);
    assert!(page.contains("the sponsor called"), "{page}");
    assert!(page.contains("First response met"), "{page}");

    let officer = app.signed_in("officer").await;
    let (_, home) = app.page(&officer, "/notifications").await;
    let home = text(&home);
    assert!(home.contains("Notifications 1"), "{home}");
    assert!(
        home.contains(&format!("lead mentioned you in a note on case C-{case}")),
        "{home}"
    );
    assert!(!home.contains("Kabul"), "the note's text stays on the case");

    // A task for the officer, over the API, shows in their tasks, late.
    let lead_token = app.token(&app.lead).await;
    let (status, task) = api_post(
        &app,
        &lead_token,
        &format!("/cases/{case}/tasks"),
        json!({"body": "Call the sponsor back", "assignee_id": app.officer.id.0,
               "due_at": (Utc::now() - Duration::hours(2)).to_rfc3339()}),
    )
    .await;
    assert_eq!(status, 200, "{task}");
    let (_, mine) = app.page(&officer, "/tasks/mine").await;
    let mine = text(&mine);
    assert!(
        mine.contains("Call the sponsor back") && mine.contains("overdue"),
        "{mine}"
    );
    let officer_token = app.token(&app.officer).await;
    let (status, done) = api_post(
        &app,
        &officer_token,
        &format!("/tasks/{}/done", task["id"]),
        json!({"done": true}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(done["done_by"], json!("officer"));
}

#[tokio::test]
async fn pathways_are_recorded_filtered_and_counted() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.clerk).await;
    let case = submit(&app, &token, "Wahid").await["case_id"]
        .as_i64()
        .unwrap();
    let other = submit(&app, &token, "Shirin").await["case_id"]
        .as_i64()
        .unwrap();
    let lead_token = app.token(&app.lead).await;
    let person = api_get(&app, &lead_token, &format!("/cases/{case}")).await["people"][0]["id"]
        .as_i64()
        .unwrap();
    let (status, p) = api_post(
        &app,
        &lead_token,
        &format!("/persons/{person}/pathways"),
        json!({"pathway": "siv", "step": "com_approved"}),
    )
    .await;
    assert_eq!(status, 200, "{p}");
    let (status, _) = api_post(
        &app,
        &lead_token,
        &format!("/persons/{person}/pathways"),
        json!({"pathway": "siv", "step": "i360_filed"}),
    )
    .await;
    assert_eq!(status, 200);
    // Going back is a correction and needs a note.
    let (status, body) = api_post(
        &app,
        &lead_token,
        &format!("/persons/{person}/pathways"),
        json!({"pathway": "siv", "step": "chief_of_mission_submitted"}),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    let (status, _) = api_post(
        &app,
        &lead_token,
        &format!("/persons/{person}/pathways/unhcr_registration/evidence"),
        json!({"kind": "unhcr_registration", "reference": "SYN-123"}),
    )
    .await;
    assert_eq!(status, 422, "evidence needs the pathway first");

    // From the case page: the other person claims eligibility without a record.
    let other_person =
        api_get(&app, &lead_token, &format!("/cases/{other}")).await["people"][0]["id"]
            .as_i64()
            .unwrap();
    let lead = app.signed_in("lead").await;
    let (_, page) = app.page(&lead, &format!("/cases/{other}")).await;
    let other_s = other.to_string();
    let op = other_person.to_string();
    let r = lead
        .post(app.url("/pathways"))
        .form(&[
            ("csrf", csrf(&page).as_str()),
            ("person", op.as_str()),
            ("pathway", "claimed_no_record"),
            ("step", ""),
            ("case", other_s.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, page) = app.page(&lead, &format!("/cases/{other}")).await;
    let page = text(&page);
    assert!(
        page.contains("Claims eligibility, no record found"),
        "{page}"
    );
    assert!(
        page.contains("Verify P-"),
        "verification tasks are on the case: {page}"
    );

    let (_, person_page) = app.page(&lead, &format!("/persons/{person}")).await;
    let person_page = text(&person_page);
    assert!(
        person_page.contains("I-360 petition filed"),
        "{person_page}"
    );
    assert!(
        person_page.contains("Chief of Mission approved → I-360 petition filed by lead"),
        "the step's history shows who: {person_page}"
    );
    let counts = api_get(&app, &lead_token, "/reports/pathways").await;
    let count = |pathway: &str, step: &str| {
        counts
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["pathway"] == json!(pathway) && c["step"] == json!(step))
            .map_or(0, |c| c["people"].as_i64().unwrap())
    };
    assert_eq!(count("siv", "i360_filed"), 1);
    assert_eq!(count("claimed_no_record", "claimed"), 1);
    let on_siv = api_get(&app, &lead_token, "/cases?pathway=siv&step=i360_filed").await;
    assert_eq!(on_siv["total"], json!(1));
    assert_eq!(on_siv["items"][0]["id"], json!(case));
    let (_, list) = app.page(&lead, "/cases?pathway=claimed_no_record").await;
    assert!(text(&list).contains(&format!("C-{other}")));
    assert!(!text(&list).contains(&format!("C-{case} ")));
}

#[tokio::test]
async fn one_call_changes_the_status_of_many_cases() {
    let app = TestApp::spawn().await;
    let ids = many_cases(&app, 1_200).await;
    let lead_token = app.token(&app.lead).await;
    let (status, body) = api_post(
        &app,
        &lead_token,
        "/cases/bulk/status",
        json!({"case_ids": ids, "status": "in_progress"}),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["changed"], json!(1_200));
    let listed = api_get(&app, &lead_token, "/cases?status=in_progress&limit=1").await;
    assert_eq!(listed["total"], json!(1_200));
    // Closing needs an outcome: the whole batch is refused and stays as it was.
    let (status, body) = api_post(
        &app,
        &lead_token,
        "/cases/bulk/status",
        json!({"case_ids": ids, "status": "closed", "reason": "list done"}),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains(&format!("C-{}", ids[0]))
    );
    let listed = api_get(&app, &lead_token, "/cases?status=in_progress&limit=1").await;
    assert_eq!(listed["total"], json!(1_200));

    // From the list page, ticked rows.
    let lead = app.signed_in("lead").await;
    let (_, page) = app.page(&lead, "/cases?open=1").await;
    let token = csrf(&page);
    let mut form = vec![
        ("csrf".to_string(), token),
        ("action".into(), "status".into()),
        ("status".into(), "closed".into()),
        ("outcome".into(), "duplicate".into()),
        ("reason".into(), "same family as another list".into()),
    ];
    form.extend(
        ids[..300]
            .iter()
            .map(|i| ("case".to_string(), i.to_string())),
    );
    let r = lead
        .post(app.url("/cases/bulk"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let closed = api_get(&app, &lead_token, "/cases?status=closed&limit=1").await;
    assert_eq!(closed["total"], json!(300));
    let history = api_get(&app, &lead_token, &format!("/cases/{}", ids[5])).await;
    let events: Vec<&str> = history["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(events.contains(&"case.status_changed"), "{events:?}");
}

#[tokio::test]
async fn the_api_document_describes_the_workflow() {
    let app = TestApp::spawn().await;
    let doc: Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/cases/overdue",
        "/api/v1/cases/bulk/assign",
        "/api/v1/cases/bulk/status",
        "/api/v1/cases/{id}/notes",
        "/api/v1/cases/{id}/tasks",
        "/api/v1/tasks/{id}/done",
        "/api/v1/tasks/mine",
        "/api/v1/notifications",
        "/api/v1/notifications/read",
        "/api/v1/persons/{id}/pathways",
        "/api/v1/persons/{id}/pathways/{pathway}/evidence",
        "/api/v1/reports/pathways",
        "/api/v1/reports/overdue",
        "/api/v1/escalations/run",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is not documented");
    }
    for schema in [
        "CaseDeadlines",
        "CaseNote",
        "CaseTask",
        "PersonPathway",
        "Notification",
    ] {
        assert!(
            doc["components"]["schemas"][schema].is_object(),
            "{schema} is not described"
        );
    }
}
