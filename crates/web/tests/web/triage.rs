//! Triage and ownership as a task force meets them: inquiries that arrived while no team could
//! take them get cases from the queue, one at a time or many at once; a second request about a
//! family joins its case; closing needs an outcome; a manual priority says why; the cases of
//! someone who left show up for a lead; and no open case is ever left without an owner.

use crate::common;
use crate::common::{TestApp, csrf, text};
use corridor_store::Actor;
use serde_json::{Value, json};

async fn submit(app: &TestApp, token: &str, body: Value) -> Value {
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    r.json().await.unwrap()
}

fn visa_request(given: &str) -> Value {
    json!({
        "category": "visa", "subject": "SIV applicant asks for help",
        "requester": {"kind": "sponsor", "name": "A synthetic sponsor"},
        "people": [{"given_name": given, "family_name": "Testzai"}]
    })
}

/// The lead of the catch-all team leaves the mission: from then on, non-medical inquiries have
/// no team with a lead and wait in the triage queue.
async fn lead_leaves(app: &TestApp) {
    app.store
        .set_user_active(app.lead.id, false, &Actor::system("test"))
        .await
        .unwrap();
}

async fn post_form(
    app: &TestApp,
    browser: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String, String) {
    let r = browser.post(app.url(path)).form(form).send().await.unwrap();
    let status = r.status().as_u16();
    let location = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, location, text(&r.text().await.unwrap()))
}

#[tokio::test]
async fn an_inquiry_waiting_in_triage_gets_a_case_and_an_owner() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.clerk).await;
    lead_leaves(&app).await;
    let waiting = submit(&app, &token, visa_request("Khalid")).await;
    assert!(waiting["case_id"].is_null(), "{waiting}");
    let id = waiting["id"].as_i64().unwrap();

    let officer = app.signed_in("officer").await;
    let (_, queue) = app.page(&officer, "/inquiries?untriaged=1").await;
    assert!(
        text(&queue).contains(waiting["reference"].as_str().unwrap()),
        "the queue lists the inquiry"
    );
    let (_, page) = app.page(&officer, &format!("/inquiries/{id}")).await;
    assert!(text(&page).contains("Create a case"), "{}", text(&page));
    let token = csrf(&page);
    let general = app
        .store
        .list_teams()
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "General")
        .unwrap();
    let team = general.id.0.to_string();
    // The team has no lead any more, so nobody would own the case: refused, and said why.
    let (status, _, body) = post_form(
        &app,
        &officer,
        &format!("/inquiries/{id}/triage"),
        &[
            ("csrf", &token),
            ("action", "new_case"),
            ("team", &team),
            ("owner", ""),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("has no lead to own the case"), "{body}");

    let owner = app.officer.id.0.to_string();
    let (status, location, _) = post_form(
        &app,
        &officer,
        &format!("/inquiries/{id}/triage"),
        &[
            ("csrf", &token),
            ("action", "new_case"),
            ("team", &team),
            ("owner", &owner),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, case) = app.page(&officer, &location).await;
    let case = text(&case);
    assert!(case.contains("The inquiry is on this case now."), "{case}");
    assert!(case.contains("Owner officer name"), "{case}");
    assert!(case.contains("Team General"), "{case}");
    assert!(case.contains("Category Visa"), "{case}");
    assert!(case.contains("Status Triaged"), "{case}");
    assert!(
        case.contains(waiting["reference"].as_str().unwrap()),
        "{case}"
    );
    let (_, queue) = app.page(&officer, "/inquiries?untriaged=1").await;
    assert!(
        text(&queue).contains("No inquiries match"),
        "the queue is empty"
    );
}

#[tokio::test]
async fn bulk_triage_gives_each_ticked_inquiry_a_case_in_one_step() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.clerk).await;
    lead_leaves(&app).await;
    let mut ids = Vec::new();
    for name in ["Aziz", "Baset", "Dunya"] {
        ids.push(
            submit(&app, &token, visa_request(name)).await["id"]
                .as_i64()
                .unwrap()
                .to_string(),
        );
    }
    let medical = app
        .store
        .list_teams()
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == "Medical")
        .unwrap();
    let team = medical.id.0.to_string();
    let officer = app.signed_in("officer").await;
    let (_, queue) = app.page(&officer, "/inquiries?untriaged=1").await;
    assert!(text(&queue).contains("3 matching"), "{}", text(&queue));
    let token = csrf(&queue);
    let mut form = vec![
        ("csrf", token.as_str()),
        ("team", team.as_str()),
        ("owner", ""),
    ];
    form.extend(ids.iter().map(|i| ("inquiry", i.as_str())));
    let (status, location, _) = post_form(&app, &officer, "/inquiries/triage", &form).await;
    assert_eq!(status, 303);
    let (_, queue) = app.page(&officer, &location).await;
    let queue = text(&queue);
    assert!(queue.contains("Triaged: 3 new cases."), "{queue}");
    assert!(queue.contains("No inquiries match"), "{queue}");
    // Each is a case of its own on the medical team's board, owned by its lead.
    let (_, board) = app
        .page(&officer, &format!("/teams/{}/board", medical.id.0))
        .await;
    let board = text(&board);
    assert!(board.contains("Medical board 3 matching"), "{board}");
    for name in ["Aziz", "Baset", "Dunya"] {
        assert!(board.contains(&format!("{name} Testzai")), "{board}");
    }
    let (_, mine) = app.page(&officer, "/cases/mine").await;
    assert!(
        text(&mine).contains("My cases 3 matching"),
        "{}",
        text(&mine)
    );

    // The same over the API: an inquiry already triaged refuses the whole batch.
    let api = app.token(&app.officer).await;
    let again = reqwest::Client::new()
        .post(app.url("/api/v1/inquiries/triage"))
        .bearer_auth(&api)
        .json(
            &json!({"inquiry_ids": [ids[0].parse::<i64>().unwrap()], "action": "new_case",
                      "team_id": medical.id.0}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 409);
}

#[tokio::test]
async fn a_second_request_about_a_family_is_attached_to_its_case() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.clerk).await;
    lead_leaves(&app).await;
    let person = json!({"given_name": "Mohammad Nabi", "family_name": "Ahmadzai",
        "father_name": "Abdul Wahid", "date_of_birth": "1985-03-14",
        "national_id": "1398-0105-23456", "phone": "+93 70 123 4567"});
    let first = submit(
        &app,
        &token,
        json!({"category": "evacuation", "subject": "Family at risk",
               "requester": {"kind": "sponsor", "name": "A former supervisor"},
               "people": [person]}),
    )
    .await;
    let second = submit(
        &app,
        &token,
        json!({"category": "evacuation", "subject": "Same family",
               "requester": {"kind": "congressional", "name": "Office of a Representative"},
               "people": [person]}),
    )
    .await;
    assert!(first["case_id"].is_null() && second["case_id"].is_null());
    let api = app.token(&app.officer).await;
    let client = reqwest::Client::new();
    let created: Value = client
        .post(app.url("/api/v1/inquiries/triage"))
        .bearer_auth(&api)
        .json(&json!({"inquiry_ids": [first["id"]], "action": "new_case",
                      "owner_id": app.officer.id.0}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let case_id = created["triaged"][0]["case_id"].as_i64().unwrap();
    let suggested: Value = client
        .get(app.url(&format!("/api/v1/inquiries/{}/suggestions", second["id"])))
        .bearer_auth(&api)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(suggested[0]["id"].as_i64(), Some(case_id), "{suggested}");

    let officer = app.signed_in("officer").await;
    let (_, page) = app
        .page(&officer, &format!("/inquiries/{}", second["id"]))
        .await;
    assert!(
        text(&page).contains(&format!("Attach to C-{case_id}")),
        "the case is suggested on the inquiry's page"
    );
    let token = csrf(&page);
    let case = case_id.to_string();
    let (status, location, _) = post_form(
        &app,
        &officer,
        &format!("/inquiries/{}/triage", second["id"]),
        &[("csrf", &token), ("action", "attach"), ("case", &case)],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("/cases/{case_id}?done=triaged"));
    let (_, page) = app.page(&officer, &location).await;
    let page = text(&page);
    assert!(page.contains("Inquiries 2"), "{page}");
    assert!(page.contains("Office of a Representative"), "{page}");
    assert!(page.contains("A former supervisor"), "{page}");
}

#[tokio::test]
async fn closing_needs_an_outcome_and_a_manual_priority_says_why() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let created = submit(&app, &token, visa_request("Mina")).await;
    let case_id = created["case_id"].as_i64().unwrap();
    let browser = app.signed_in("lead").await;
    let path = format!("/cases/{case_id}");
    let (_, page) = app.page(&browser, &path).await;
    assert!(text(&page).contains("assessed from the records"));
    let token = csrf(&page);

    let (status, _, body) = post_form(
        &app,
        &browser,
        &format!("{path}/status"),
        &[
            ("csrf", &token),
            ("status", "closed"),
            ("outcome", ""),
            ("reason", "family is safe"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Closing a case needs an outcome"), "{body}");
    let (_, page) = app.page(&browser, &path).await;
    assert!(
        text(&page).contains("Status New"),
        "a refused close changed nothing"
    );

    // Over the API too, with the vocabulary in the answer.
    let api = app.token(&app.lead).await;
    let client = reqwest::Client::new();
    let refused = client
        .post(app.url(&format!("/api/v1/cases/{case_id}/status")))
        .bearer_auth(&api)
        .json(&json!({"status": "closed", "reason": "family is safe"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let refused: Value = refused.json().await.unwrap();
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .contains("referred_elsewhere")
    );

    // A manual priority needs its reason, and the page shows who set it and why.
    let (status, _, body) = post_form(
        &app,
        &browser,
        &format!("{path}/priority"),
        &[("csrf", &token), ("priority", "critical"), ("reason", " ")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("needs a reason"), "{body}");
    let (status, _, _) = post_form(
        &app,
        &browser,
        &format!("{path}/priority"),
        &[
            ("csrf", &token),
            ("priority", "critical"),
            ("reason", "threatened at a checkpoint"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, page) = app.page(&browser, &path).await;
    let page = text(&page);
    assert!(page.contains("Priority Critical set by lead"), "{page}");
    assert!(page.contains("“threatened at a checkpoint”"), "{page}");
    assert!(page.contains("assessed from the records: Normal"), "{page}");

    let (status, _, _) = post_form(
        &app,
        &browser,
        &format!("{path}/status"),
        &[
            ("csrf", &token),
            ("status", "closed"),
            ("outcome", "visa_issued"),
            ("reason", "visa collected in Islamabad"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, page) = app.page(&browser, &path).await;
    assert!(
        text(&page).contains("Outcome Visa issued — visa collected in Islamabad"),
        "{}",
        text(&page)
    );
    let case: Value = client
        .get(app.url(&format!("/api/v1/cases/{case_id}")))
        .bearer_auth(&api)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(case["closure"]["outcome"], "visa_issued");
    assert_eq!(
        case["priority_override"]["reason"],
        "threatened at a checkpoint"
    );
    assert_eq!(case["priority_override"]["assessed"], "normal");
}

#[tokio::test]
async fn a_deactivated_owners_cases_show_until_handed_over_and_never_lose_their_owner() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.clerk).await;
    let created = submit(&app, &token, visa_request("Rahila")).await;
    let case_id = created["case_id"].as_i64().unwrap();
    // Another lead hands the cases out: a case officer sees only their own and their team's.
    let deputy = common::add_user(
        app.store.as_ref(),
        "deputy",
        corridor_domain::Role::Lead,
        app.lead.team_id,
    )
    .await;
    let officer = app.signed_in("deputy").await;
    let (_, unowned) = app.page(&officer, "/cases/unowned").await;
    assert!(text(&unowned).contains("Needs an owner 0 matching"));

    lead_leaves(&app).await;
    let (_, unowned) = app.page(&officer, "/cases/unowned").await;
    let unowned = text(&unowned);
    assert!(unowned.contains("Needs an owner 1 matching"), "{unowned}");
    assert!(unowned.contains("Rahila Testzai"), "{unowned}");
    assert!(unowned.contains("lead name inactive"), "{unowned}");
    let api = app.token(&deputy).await;
    let client = reqwest::Client::new();
    let listed: Value = client
        .get(app.url("/api/v1/cases/unowned"))
        .bearer_auth(&api)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["total"], 1);
    assert_eq!(listed["items"][0]["owner_active"], false);

    // Leaving the case without an owner is refused, on the page and over the API.
    let path = format!("/cases/{case_id}");
    let (_, page) = app.page(&officer, &path).await;
    assert!(text(&page).contains("inactive: needs a new owner"));
    let token = csrf(&page);
    let (status, _, body) = post_form(
        &app,
        &officer,
        &format!("{path}/assign"),
        &[("csrf", &token), ("owner", ""), ("reason", "")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("must always have an owner"), "{body}");
    let refused = client
        .post(app.url(&format!("/api/v1/cases/{case_id}/assign")))
        .bearer_auth(&api)
        .json(&json!({"owner_id": null, "reason": "nobody"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);

    // Handing it to the medical lead moves it to the medical team, with who and why.
    let owner = app.officer.id.0.to_string();
    let (status, _, _) = post_form(
        &app,
        &officer,
        &format!("{path}/assign"),
        &[
            ("csrf", &token),
            ("owner", &owner),
            ("reason", "the lead left the mission"),
        ],
    )
    .await;
    assert_eq!(status, 303);
    let (_, page) = app.page(&officer, &path).await;
    let page = text(&page);
    assert!(page.contains("Owner officer name Team Medical"), "{page}");
    assert!(page.contains("team → Medical"), "{page}");
    assert!(page.contains("the lead left the mission"), "{page}");
    let (_, unowned) = app.page(&officer, "/cases/unowned").await;
    assert!(text(&unowned).contains("Needs an owner 0 matching"));
}

#[tokio::test]
async fn the_triage_page_shows_who_is_already_known_and_attaches_to_their_case() {
    let app = TestApp::spawn().await;
    let clerk = app.token(&app.clerk).await;
    // The officer's team holds a case about Najibullah and his cousin, two households on the
    // sponsor's list (S-1, S-2) with the sponsor's number given for both: a phone that people
    // of two households carry places nobody.
    let known = submit(
        &app,
        &clerk,
        json!({
            "category": "medical", "subject": "Needs dialysis",
            "requester": {"kind": "sponsor", "name": "A synthetic sponsor"},
            "people": [{"given_name": "Najibullah", "family_name": "Ahmadzai",
                        "phone": "+93 70 123 4567", "household": "S-1"},
                       {"given_name": "Rahmatullah", "family_name": "Ahmadzai",
                        "phone": "+93 70 123 4567", "household": "S-2"}]
        }),
    )
    .await;
    let case = known["case_id"].as_i64().unwrap();
    // His wife is asked about later, from that phone, while nobody takes visas: she waits
    // for triage, where the check shows who may be known.
    lead_leaves(&app).await;
    let waiting = submit(
        &app,
        &clerk,
        json!({
            "category": "visa", "subject": "Visa for the family",
            "requester": {"kind": "self", "name": "Shabnam Ahmadzai"},
            "people": [{"given_name": "Shabnam", "family_name": "Ahmadzai", "sex": "female",
                        "phone": "0701234567"}]
        }),
    )
    .await;
    assert!(waiting["case_id"].is_null(), "{waiting}");
    let id = waiting["id"].as_i64().unwrap();

    let officer = app.signed_in("officer").await;
    let (_, page) = app.page(&officer, &format!("/inquiries/{id}")).await;
    let shown = text(&page);
    assert!(shown.contains("Already known?"), "{shown}");
    assert!(shown.contains("Najibullah Ahmadzai"), "{shown}");
    assert!(shown.contains(&format!("Attach to C-{case}")), "{shown}");

    // The clerk may look but not triage.
    let desk = app.signed_in("clerk").await;
    let (_, clerk_page) = app.page(&desk, &format!("/inquiries/{id}")).await;
    assert!(!text(&clerk_page).contains("Already known?"));
    let case_field = case.to_string();
    let (status, _, _) = post_form(
        &app,
        &desk,
        &format!("/inquiries/{id}/triage"),
        &[
            ("csrf", &csrf(&clerk_page)),
            ("action", "attach"),
            ("case", &case_field),
        ],
    )
    .await;
    assert_eq!(status, 403);

    // The officer attaches the request to the known case instead of opening another.
    let (status, location, _) = post_form(
        &app,
        &officer,
        &format!("/inquiries/{id}/triage"),
        &[
            ("csrf", &csrf(&page)),
            ("action", "attach"),
            ("case", &case_field),
        ],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("/cases/{case}?done=triaged"));
    let (_, case_page) = app.page(&officer, &location).await;
    assert!(
        text(&case_page).contains(waiting["reference"].as_str().unwrap()),
        "the request is on the known case"
    );
    // The check is audited like a search: kind and count, no name or number.
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
    assert!(
        events
            .iter()
            .any(|e| e.detail == "triage check, results: 2"),
        "{events:?}"
    );
}
