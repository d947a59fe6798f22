//! The staff pages, driven like a browser would.

use crate::common::{TestApp, csrf, text};
use serde_json::json;

#[tokio::test]
async fn a_request_taken_in_through_the_form_shows_up_in_the_list() {
    let app = TestApp::spawn().await;
    let browser = app.signed_in("clerk").await;
    let (status, form) = app.page(&browser, "/intake/new").await;
    assert_eq!(status, 200);
    let token = csrf(&form);
    let response = browser
        .post(app.url("/intake"))
        .form(&[
            ("csrf", token.as_str()),
            ("channel", "walk_in"),
            ("category", "evacuation"),
            ("subject", "Family waiting at the gate"),
            ("body", "Came in person with their documents."),
            ("requester_kind", "self"),
            ("requester_name", "Walk-in applicant"),
            ("household", "Rahimi"),
            ("p0_given_name", "Mohammad Nabi"),
            ("p0_family_name", "Rahimi"),
            ("p0_date_of_birth", "1369"),
            ("p0_sex", "male"),
            ("p1_given_name", "Shabnam"),
            ("p1_relationship", "spouse"),
            ("p2_given_name", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/inquiries?stored=CR-"), "{location}");
    let reference = location
        .trim_start_matches("/inquiries?stored=")
        .to_string();

    let (status, list) = app.page(&browser, &location).await;
    assert_eq!(status, 200);
    let list = text(&list);
    assert!(
        list.contains(&format!(
            "The reference number for the requester is {reference}"
        )),
        "{list}"
    );
    // The inquiry went straight to a case, so it left the clerk's view (the triage queue);
    // the lead sees it.
    assert!(!list.contains("Family waiting at the gate"), "{list}");
    let lead = app.signed_in("lead").await;
    let (_, all) = app.page(&lead, "/inquiries").await;
    let all = text(&all);
    assert!(all.contains("Family waiting at the gate"), "{all}");
    assert!(all.contains("Walk-in applicant"));

    // The case exists with both people and the lead as owner.
    let (_, cases) = app.page(&lead, "/cases").await;
    let cases = text(&cases);
    assert!(cases.contains("Mohammad Nabi Rahimi"), "{cases}");
    assert!(cases.contains("1 matching"), "{cases}");
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in_and_forms_need_their_token() {
    let app = TestApp::spawn().await;
    let anonymous = TestApp::client();
    for path in ["/", "/cases", "/cases/1", "/inquiries", "/intake/new"] {
        let r = anonymous.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 303, "{path}");
        assert_eq!(r.headers()["location"], "/login", "{path}");
    }
    let r = anonymous
        .post(app.url("/intake"))
        .form(&[("subject", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(app.store.totals().await.unwrap().inquiries, 0);

    // Signed in, but with a forged form token.
    let browser = app.signed_in("lead").await;
    let r = browser
        .post(app.url("/intake"))
        .form(&[("csrf", "forged"), ("subject", "x"), ("category", "visa")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert_eq!(app.store.totals().await.unwrap().inquiries, 0);
}

#[tokio::test]
async fn wrong_passwords_and_unknown_users_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let client = TestApp::client();
    let mut answers = Vec::new();
    for (user, password) in [
        ("lead", "not the password at all"),
        ("nobody", "whatever it may be"),
    ] {
        let r = client
            .post(app.url("/login"))
            .form(&[("username", user), ("password", password)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.headers().get("set-cookie").is_none());
        let body = text(&r.text().await.unwrap());
        answers.push(body.replace(user, ""));
    }
    assert_eq!(answers[0], answers[1]);
    assert!(answers[0].contains("do not match an active account"));
}

#[tokio::test]
async fn assigning_an_owner_shows_on_the_case_page_and_in_its_history() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let created: serde_json::Value = reqwest::Client::new()
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({
            "category": "visa",
            "subject": "SIV in progress",
            "requester": {"kind": "congressional", "name": "Office of a Representative"},
            "people": [{"given_name": "Najibullah", "family_name": "Ahmadzai"}]
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let case_id = created["case_id"].as_i64().unwrap();

    let browser = app.signed_in("lead").await;
    let (status, page) = app.page(&browser, &format!("/cases/{case_id}")).await;
    assert_eq!(status, 200);
    assert!(text(&page).contains("Owner lead name"), "{}", text(&page));
    let r = browser
        .post(app.url(&format!("/cases/{case_id}/assign")))
        .form(&[
            ("csrf", csrf(&page).as_str()),
            ("owner", &app.officer.id.to_string()),
            ("team", ""),
            ("reason", "speaks Pashto"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let (_, page) = app
        .page(&browser, &format!("/cases/{case_id}?done=assigned"))
        .await;
    let page = text(&page);
    assert!(page.contains("The case was reassigned."), "{page}");
    assert!(page.contains("Owner officer name"), "{page}");
    assert!(
        page.contains("Team Medical"),
        "the case follows its owner's team: {page}"
    );
    assert!(
        page.contains("lead Assigned owner lead → officer; team → Medical; reason in note"),
        "{page}"
    );
    // The reason is free text: a note on the case, sealed like every note, not in the trail.
    assert!(
        page.contains("Reason for owner lead → officer; team → Medical: speaks Pashto"),
        "{page}"
    );
}

#[tokio::test]
async fn status_changes_follow_the_workflow() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let created: serde_json::Value = reqwest::Client::new()
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({
            "category": "evacuation", "subject": "Help",
            "requester": {"kind": "self", "name": "Applicant"},
            "people": [{"given_name": "Laila"}]
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let case_id = created["case_id"].as_i64().unwrap();
    let browser = app.signed_in("lead").await;
    let (_, page) = app.page(&browser, &format!("/cases/{case_id}")).await;
    let token = csrf(&page);
    let refused = browser
        .post(app.url(&format!("/cases/{case_id}/status")))
        .form(&[
            ("csrf", token.as_str()),
            ("status", "closed"),
            ("reason", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    assert!(text(&refused.text().await.unwrap()).contains("needs a reason"));
    let ok = browser
        .post(app.url(&format!("/cases/{case_id}/status")))
        .form(&[
            ("csrf", token.as_str()),
            ("status", "triaged"),
            ("reason", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 303);
    let (_, page) = app.page(&browser, &format!("/cases/{case_id}")).await;
    let page = text(&page);
    assert!(page.contains("Status Triaged"), "{page}");
    assert!(page.contains("Status changed New → Triaged"), "{page}");
}

#[tokio::test]
async fn intake_clerks_take_requests_but_do_not_see_cases() {
    let app = TestApp::spawn().await;
    let clerk = app.signed_in("clerk").await;
    let (status, _) = app.page(&clerk, "/cases").await;
    assert_eq!(status, 403);
    let (status, _) = app.page(&clerk, "/inquiries").await;
    assert_eq!(status, 200);
    let r = clerk.get(app.url("/")).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/inquiries");
}

#[tokio::test]
async fn case_list_filters_and_pages() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.lead).await;
    let inquiries: Vec<_> = (0..120)
        .map(|i| {
            json!({
                "category": if i % 3 == 0 { "medical" } else { "visa" },
                "subject": format!("Request {i}"),
                "requester": {"kind": "ngo", "name": "Synthetic NGO"},
                "people": [{"given_name": format!("Person{i:03}")}]
            })
        })
        .collect();
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({ "inquiries": inquiries }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let browser = app.signed_in("lead").await;
    let (_, page) = app
        .page(&browser, &format!("/cases?owner={}", app.officer.id))
        .await;
    assert!(text(&page).contains("40 matching"));
    let (_, first) = app.page(&browser, "/cases").await;
    assert!(text(&first).contains("120 matching"));
    let next = first
        .split("class=\"pager\"><a href=\"/cases?")
        .nth(1)
        .and_then(|s| s.split('"').next());
    let next = next.expect("a next page link").replace("&amp;", "&");
    let (status, second) = app.page(&browser, &format!("/cases?{next}")).await;
    assert_eq!(status, 200);
    // Newest first: page one ends at Person070, page two starts at Person069.
    assert!(text(&first).contains("Person070") && !text(&first).contains("Person069"));
    assert!(text(&second).contains("Person069"));
    let (status, _) = app.page(&browser, "/cases?status=lost").await;
    assert_eq!(status, 422);
}

/// The case page's "Split or join" form moves the ticked people to a new case, which then
/// shows them and the request about them.
#[tokio::test]
async fn the_case_page_splits_a_family_off() {
    let app = TestApp::spawn().await;
    let mut inquiry = corridor_store::conformance::inquiry(
        corridor_domain::CaseCategory::Visa,
        &["Karim", "Laila"],
    );
    inquiry.subject = "Two names".into();
    let recorded = app
        .store
        .record_inquiry(inquiry, &corridor_store::Actor::system("test"))
        .await
        .unwrap();
    let case = recorded.case_id.unwrap().0;
    let browser = app.signed_in("lead").await;
    let (status, page) = app.page(&browser, &format!("/cases/{case}")).await;
    assert_eq!(status, 200);
    assert!(
        text(&page).contains("Split or join"),
        "the form is on the page"
    );
    let laila = app
        .store
        .get_case(
            corridor_domain::CaseId(case),
            &corridor_store::Actor::system("test"),
        )
        .await
        .unwrap()
        .unwrap()
        .people
        .iter()
        .find(|p| p.details.given_name.as_deref() == Some("Laila"))
        .unwrap()
        .id
        .0
        .to_string();
    let token = csrf(&page);
    let response = browser
        .post(app.url(&format!("/cases/{case}/split")))
        .form(&[
            ("csrf", token.as_str()),
            ("person", laila.as_str()),
            ("into", ""),
            ("reason", "Another family"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.ends_with("?done=moved"), "{location}");
    assert!(
        !location.starts_with(&format!("/cases/{case}?")),
        "a new case: {location}"
    );
    let (status, moved) = app.page(&browser, &location).await;
    assert_eq!(status, 200);
    let moved = text(&moved);
    assert!(
        moved.contains("Laila") && !moved.contains("Karim"),
        "{moved}"
    );
    assert!(moved.contains("Two names"), "the request came along");
}
