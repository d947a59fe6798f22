//! The JSON API over real HTTP.

use crate::common::TestApp;
use serde_json::{Value, json};

fn one(name: &str) -> Value {
    json!({
        "category": "border_crossing",
        "subject": "Family at Torkham",
        "requester": {"kind": "international_org", "name": "Synthetic IO", "email": "desk@io.example"},
        "household": "Hotak",
        "people": [
            {"given_name": name, "family_name": "Hotak", "phone": "+93 70 123 4567", "location": "Torkham"},
            {"given_name": "Marwa", "family_name": "Hotak", "relationship": "daughter"}
        ]
    })
}

#[tokio::test]
async fn api_refuses_requests_without_a_valid_token() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    for path in ["/api/v1/cases", "/api/v1/inquiries", "/api/v1/cases/1"] {
        let r = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 401, "{path}");
        assert_eq!(r.headers()["www-authenticate"], "Bearer");
        let body: Value = r.json().await.unwrap();
        assert_eq!(body["error"], "unauthorized");
        let r = client
            .get(app.url(path))
            .bearer_auth("cor_forged")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "{path}");
    }
    let r = client
        .post(app.url("/api/v1/inquiries"))
        .json(&one("Ahmad"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    assert_eq!(app.store.totals().await.unwrap().inquiries, 0);
}

#[tokio::test]
async fn an_inquiry_is_stored_verbatim_routed_and_listed() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let client = reqwest::Client::new();
    let body = one("Abdul Rahman").to_string();
    let r = client
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let created: Value = r.json().await.unwrap();
    let reference = created["reference"].as_str().unwrap().to_string();
    assert!(reference.starts_with("CR-"));
    let case_id = created["case_id"].as_i64().unwrap();

    let case: Value = client
        .get(app.url(&format!("/api/v1/cases/{case_id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(case["owner_id"], app.lead.id.0);
    assert_eq!(
        case["priority"], "high",
        "people at a border crossing come first"
    );
    assert_eq!(case["category"], "border_crossing");
    assert_eq!(case["people"].as_array().unwrap().len(), 2);
    assert_eq!(case["household"]["label"], "Hotak");
    assert_eq!(case["requesters"][0]["kind"], "international_org");
    assert_eq!(case["inquiries"][0]["reference"], reference.as_str());

    let stored = app
        .store
        .get_inquiry(
            corridor_domain::InquiryId(created["id"].as_i64().unwrap()),
            &corridor_store::Actor::system("test"),
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.raw_payload, body,
        "the request is kept byte for byte"
    );
    // The requester gave an email address: the acknowledgement with the reference waits in
    // the outbox, committed with the inquiry.
    let outbox = app.store.outbox_counts().await.unwrap();
    assert_eq!(outbox.pending, 1);
    let claimed = app
        .store
        .claim_outbox(chrono::Utc::now(), chrono::Duration::minutes(1), 10)
        .await
        .unwrap();
    assert_eq!(claimed[0].to, "desk@io.example");
    assert_eq!(claimed[0].reference.as_str(), reference);

    let list: Value = client
        .get(app.url("/api/v1/inquiries?limit=10"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["reference"], reference.as_str());
    assert_eq!(list["items"][0]["people_count"], 2);
}

#[tokio::test]
async fn a_retried_request_with_the_same_idempotency_key_is_stored_once() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let client = reqwest::Client::new();
    let send = || {
        client
            .post(app.url("/api/v1/inquiries"))
            .bearer_auth(&token)
            .header("Idempotency-Key", "sponsor-form-7781")
            .json(&one("Yusuf"))
            .send()
    };
    let first = send().await.unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let again = send().await.unwrap();
    assert_eq!(again.status(), 200);
    let again: Value = again.json().await.unwrap();
    assert_eq!(first["reference"], again["reference"]);
    assert_eq!(again["already_present"], true);
    assert_eq!(app.store.totals().await.unwrap().inquiries, 1);
}

#[tokio::test]
async fn a_batch_is_stored_whole_or_refused_whole_with_the_reason() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.clerk).await;
    let client = reqwest::Client::new();
    let mut bad = one("Karim");
    bad["requester"]["name"] = json!("");
    let r = client
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({"inquiries": [one("Zahra"), bad]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"], "invalid");
    let message = body["message"].as_str().unwrap();
    assert!(
        message.contains("inquiries[1]") && message.contains("requester name"),
        "{message}"
    );
    assert_eq!(
        app.store.totals().await.unwrap().inquiries,
        0,
        "nothing of a refused batch is kept"
    );

    let r = client
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({"inquiries": [one("Zahra"), one("Karim")]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["results"].as_array().unwrap().len(), 2);
    assert_eq!(app.store.totals().await.unwrap().inquiries, 2);

    let r = client
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400, "malformed JSON cannot be read at all");
    let r = client
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({"category": "teleport", "subject": "x", "requester": {"kind": "self", "name": "A"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let message = r.json::<Value>().await.unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(message.contains("teleport"), "{message}");
}

#[tokio::test]
async fn cases_are_assigned_and_moved_through_the_api() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let client = reqwest::Client::new();
    let created: Value = client
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&one("Omid"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = created["case_id"].as_i64().unwrap();
    let r = client
        .post(app.url(&format!("/api/v1/cases/{id}/assign")))
        .bearer_auth(&token)
        .json(&json!({"owner_id": app.officer.id.0, "reason": "medical follow-up"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let summary: Value = r.json().await.unwrap();
    assert_eq!(summary["owner_id"], app.officer.id.0);
    assert_eq!(summary["team_name"], "Medical");

    let r = client
        .post(app.url(&format!("/api/v1/cases/{id}/status")))
        .bearer_auth(&token)
        .json(&json!({"status": "resolved"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422, "new cases cannot jump to resolved");
    let r = client
        .post(app.url(&format!("/api/v1/cases/{id}/status")))
        .bearer_auth(&token)
        .json(&json!({"status": "in_progress"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    let mine: Value = client
        .get(app.url(&format!(
            "/api/v1/cases?owner={}&status=in_progress",
            app.officer.id
        )))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine["total"], 1);
    let missing = client
        .post(app.url("/api/v1/cases/424242/assign"))
        .bearer_auth(&token)
        .json(&json!({"owner_id": app.officer.id.0}))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);

    // An intake clerk's token takes requests in but cannot see or change cases.
    let clerk = app.token(&app.clerk).await;
    let r = client
        .get(app.url(&format!("/api/v1/cases/{id}")))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn the_openapi_document_describes_the_api_and_health_answers() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let doc: Value = client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/inquiries",
        "/api/v1/cases",
        "/api/v1/cases/{id}",
        "/api/v1/cases/{id}/assign",
        "/api/v1/cases/{id}/status",
        "/api/v1/cases/{id}/priority",
        "/api/v1/cases/unowned",
        "/api/v1/inquiries/triage",
        "/api/v1/inquiries/{id}/suggestions",
    ] {
        assert!(
            doc["paths"].get(path).is_some(),
            "{path} missing from {}",
            doc["paths"]
        );
    }
    assert!(doc["components"]["schemas"].get("InquiryInput").is_some());
    assert!(doc["components"]["schemas"].get("CaseOutcome").is_some());
    assert!(doc["components"]["securitySchemes"].get("bearer").is_some());
    let health = client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_requests_all_land_without_locking_errors() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let client = reqwest::Client::new();
    let requests = (0..40).map(|i| {
        let client = client.clone();
        let token = token.clone();
        let url = app.url("/api/v1/inquiries");
        async move {
            client
                .post(url)
                .bearer_auth(token)
                .json(&one(&format!("Person{i}")))
                .send()
                .await
                .unwrap()
                .status()
        }
    });
    let statuses = futures_join_all(requests).await;
    assert!(statuses.iter().all(|s| *s == 201), "{statuses:?}");
    assert_eq!(app.store.totals().await.unwrap().inquiries, 40);
}

/// Runs the futures concurrently on the test's runtime.
async fn futures_join_all<F>(futures: impl IntoIterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

/// Split a family off a case and join it back, through the API: the people and the request
/// about them move, both cases' history says so, and only case managers may do it.
#[tokio::test]
async fn a_case_is_split_and_joined_back() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let client = reqwest::Client::new();
    let created: Value = client
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&one("Ahmad"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let first = created["case_id"].as_i64().unwrap();
    let case: Value = client
        .get(app.url(&format!("/api/v1/cases/{first}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let marwa = case["people"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["details"]["given_name"] == "Marwa")
        .unwrap()["id"]
        .clone();

    let refused = client
        .post(app.url(&format!("/api/v1/cases/{first}/split")))
        .bearer_auth(&token)
        .json(&json!({"person_ids": [marwa], "reason": " "}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422, "a move needs a reason");

    let split = client
        .post(app.url(&format!("/api/v1/cases/{first}/split")))
        .bearer_auth(&token)
        .header("Idempotency-Key", "split-1")
        .json(&json!({"person_ids": [marwa], "reason": "Another family"}))
        .send()
        .await
        .unwrap();
    assert_eq!(split.status(), 200);
    let split: Value = split.json().await.unwrap();
    assert_eq!(split["opened"], true);
    let second = split["to"].as_i64().unwrap();
    let case_of = |id: i64| {
        let client = client.clone();
        let token = token.clone();
        let url = app.url(&format!("/api/v1/cases/{id}"));
        async move {
            client
                .get(url)
                .bearer_auth(&token)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    let new_case = case_of(second).await;
    assert_eq!(new_case["people"].as_array().unwrap().len(), 1);
    assert_eq!(new_case["inquiries"].as_array().unwrap().len(), 1);
    assert_eq!(case_of(first).await["people"].as_array().unwrap().len(), 1);

    let joined: Value = client
        .post(app.url(&format!("/api/v1/cases/{first}/join")))
        .bearer_auth(&token)
        .json(&json!({"from_case_id": second, "reason": "One family after all"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(joined["closed_from"], true);
    let back = case_of(first).await;
    assert_eq!(back["people"].as_array().unwrap().len(), 2);
    assert!(
        back["history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "case.people_moved")
    );
    assert_eq!(case_of(second).await["status"], "closed");
}

/// Under group commit one request's handler writes the inquiries of the others waiting with it,
/// in one transaction. A request abandoned midway (here by request time-outs far below the
/// default, so that some fire while their handler writes for others) must not cost the others
/// their answer, and what it sent is found by its retry, once.
#[tokio::test]
async fn a_request_abandoned_midway_costs_no_other_request_its_answer() {
    // How long a surge takes depends on the machine: one of these time-outs falls between a
    // request's own time and its batch's.
    for timeout_ms in [250, 500, 1000, 2000] {
        surge_with_time_out(timeout_ms).await;
    }
}

async fn surge_with_time_out(timeout_ms: u64) {
    let app = TestApp::spawn_with(|config, _| {
        config.request_timeout = std::time::Duration::from_millis(timeout_ms);
    })
    .await;
    let token = app.token(&app.lead).await;
    let send = {
        let (client, url) = (reqwest::Client::new(), app.url("/api/v1/inquiries"));
        move |key: String| {
            client
                .post(&url)
                .bearer_auth(&token)
                .header("Idempotency-Key", key)
                .json(&one("Yusuf"))
                .send()
        }
    };
    let (rounds, per_round) = (2, 40u64);
    for round in 0..rounds {
        let mut calls = tokio::task::JoinSet::new();
        for i in 0..per_round {
            let call = send(format!("surge-{round}-{i}"));
            calls.spawn(async move {
                // Spread out, so that those waiting for a writer that times out still have
                // time of their own left.
                tokio::time::sleep(std::time::Duration::from_millis(i * timeout_ms / 100)).await;
                let r = call.await.unwrap();
                (r.status().as_u16(), r.text().await.unwrap())
            });
        }
        for (status, body) in calls.join_all().await {
            // 503 is the time-out; 409 "retry" would be a request undone by another's.
            assert!(
                matches!(status, 201 | 503),
                "{timeout_ms} ms: {status} {body}"
            );
        }
    }
    // Every request, sent again with its key until it is not timed out, is stored exactly once.
    for round in 0..rounds {
        for i in 0..per_round {
            let mut status = 503;
            for _ in 0..50 {
                status = send(format!("surge-{round}-{i}"))
                    .await
                    .unwrap()
                    .status()
                    .as_u16();
                if status != 503 {
                    break;
                }
            }
            assert!(matches!(status, 200 | 201), "{status}");
        }
    }
    assert_eq!(
        app.store.totals().await.unwrap().inquiries,
        (rounds * per_round) as i64
    );
}
