//! Operating the server: connections that hold on without a request are closed, the session
//! id changes at sign-in, security headers, request ids, and `/metrics`.

use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::{PASSWORD, TestApp, csrf};

/// The address part of the app's base URL, for raw TCP.
fn addr(app: &TestApp) -> String {
    app.base.trim_start_matches("http://").to_string()
}

/// Reads until the server closes the connection; the guard only keeps a broken server from
/// hanging the test run.
async fn closed_by_server(stream: &mut tokio::net::TcpStream) -> bool {
    let mut buf = Vec::new();
    matches!(
        tokio::time::timeout(Duration::from_secs(60), stream.read_to_end(&mut buf)).await,
        Ok(Ok(_))
    )
}

#[tokio::test]
async fn connections_without_a_request_are_closed() {
    let app = TestApp::spawn_with(|c, _| {
        c.header_timeout = Duration::from_secs(1);
        c.max_connections = 4;
    })
    .await;
    // Idle from the start, and a slow client that never finishes its headers.
    let mut idle = tokio::net::TcpStream::connect(addr(&app)).await.unwrap();
    let mut slow = tokio::net::TcpStream::connect(addr(&app)).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    assert!(
        closed_by_server(&mut idle).await,
        "an idle connection stays open"
    );
    assert!(
        closed_by_server(&mut slow).await,
        "a slow header stays open"
    );

    // More idle connections than the server serves at once: they wait, are closed in turn,
    // and a real request still gets its answer.
    let mut hogs = Vec::new();
    for _ in 0..20 {
        hogs.push(tokio::net::TcpStream::connect(addr(&app)).await.unwrap());
    }
    let r = reqwest::Client::builder()
        .timeout(Duration::from_secs(120))
        .build()
        .unwrap()
        .get(app.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    // A kept-alive connection is closed too once it has been idle.
    let mut kept = tokio::net::TcpStream::connect(addr(&app)).await.unwrap();
    kept.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut first = [0u8; 12];
    kept.read_exact(&mut first).await.unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    assert!(
        closed_by_server(&mut kept).await,
        "an idle kept-alive connection stays open"
    );
}

#[tokio::test]
async fn a_request_whose_body_never_comes_is_answered_503() {
    // The public form carries files (photos of papers on a slow link), so it has the upload
    // time-out of the routes that take files; the stalled body is cut off all the same.
    let app = TestApp::spawn_with(|c, _| {
        c.request_timeout = Duration::from_secs(1);
        c.upload_timeout = Duration::from_secs(1);
    })
    .await;
    let mut slow = tokio::net::TcpStream::connect(addr(&app)).await.unwrap();
    // Headers promise a body that is never sent.
    slow.write_all(
        b"POST /request HTTP/1.1\r\nHost: x\r\n\
          Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n",
    )
    .await
    .unwrap();
    let mut answer = [0u8; 12];
    tokio::time::timeout(Duration::from_secs(60), slow.read_exact(&mut answer))
        .await
        .expect("the server answers a stalled request")
        .unwrap();
    assert_eq!(&answer, b"HTTP/1.1 503");
}

/// The `corridor_session` value a response sets.
fn session_cookie(r: &reqwest::Response) -> String {
    let cookie = r.headers()["set-cookie"].to_str().unwrap();
    cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("corridor_session=")
        .to_string()
}

#[tokio::test]
async fn the_session_id_changes_when_the_second_factor_is_given() {
    let app = TestApp::spawn().await;
    let browser = TestApp::client();
    let r = browser
        .post(app.url("/login"))
        .form(&[("username", "officer"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let before = session_cookie(&r);
    let (_, page) = app.page(&browser, "/login/code").await;
    let code = app.code("officer").await;
    let r = browser
        .post(app.url("/login/code"))
        .form(&[("csrf", csrf(&page).as_str()), ("code", code.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    let after = session_cookie(&r);
    assert_ne!(before, after, "the session id is renewed");
    let with = |token: &str| {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .get(app.url("/cases"))
            .header("cookie", format!("corridor_session={token}"))
            .send()
    };
    let old = with(&before).await.unwrap();
    assert_eq!(
        old.status(),
        303,
        "the id from before the second factor is dead"
    );
    assert_eq!(old.headers()["location"], "/login");
    assert_eq!(with(&after).await.unwrap().status(), 200);
    // The CSRF token was renewed with it.
    let (_, cases) = app.page(&browser, "/cases").await;
    assert_ne!(csrf(&cases), csrf(&page));
}

#[tokio::test]
async fn hsts_with_secure_cookies_and_a_permissions_policy_always() {
    let plain = TestApp::spawn().await;
    let r = reqwest::get(plain.url("/login")).await.unwrap();
    assert!(r.headers().get("strict-transport-security").is_none());
    let policy = r.headers()["permissions-policy"].to_str().unwrap();
    assert!(
        policy.contains("camera=()") && policy.contains("geolocation=()"),
        "{policy}"
    );

    let secure = TestApp::spawn_with(|c, _| c.secure_cookies = true).await;
    let r = reqwest::get(secure.url("/login")).await.unwrap();
    let hsts = r.headers()["strict-transport-security"].to_str().unwrap();
    assert!(hsts.starts_with("max-age=31536000"), "{hsts}");
}

#[tokio::test]
async fn every_answer_carries_a_request_id_and_errors_quote_it() {
    let app = TestApp::spawn().await;
    let r = reqwest::get(app.url("/healthz")).await.unwrap();
    let id = r.headers()["x-request-id"].to_str().unwrap().to_string();
    assert!(!id.is_empty());
    let again = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_ne!(again.headers()["x-request-id"].to_str().unwrap(), id);

    // A proxy's id is kept; one that could forge a log line is replaced.
    let client = reqwest::Client::new();
    let r = client
        .get(app.url("/healthz"))
        .header("x-request-id", "proxy-7f3a.1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-request-id"], "proxy-7f3a.1");
    let r = client
        .get(app.url("/healthz"))
        .header("x-request-id", "a b\"c")
        .send()
        .await
        .unwrap();
    assert_ne!(r.headers()["x-request-id"], "a b\"c");

    // An API error names it in its body, the same as in the header.
    let r = client.get(app.url("/api/v1/cases")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let header = r.headers()["x-request-id"].to_str().unwrap().to_string();
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["request_id"], header.as_str(), "{body}");
    assert_eq!(body["error"], "unauthorized");

    // So does an error page.
    let lead = app.signed_in("lead").await;
    let r = lead.get(app.url("/cases/999999")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let header = r.headers()["x-request-id"].to_str().unwrap().to_string();
    let page = r.text().await.unwrap();
    assert!(page.contains(&header), "{page}");
}

#[tokio::test]
async fn metrics_need_their_token_and_name_routes_not_paths() {
    let closed = TestApp::spawn().await;
    let r = reqwest::get(closed.url("/metrics")).await.unwrap();
    assert_eq!(r.status(), 404, "no token configured: no metrics");

    let app =
        TestApp::spawn_with(|c, _| c.metrics_token = Some("synthetic-metrics-token".into())).await;
    let client = reqwest::Client::new();
    let r = client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let r = client
        .get(app.url("/metrics"))
        .bearer_auth("wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);

    let token = app.token(&app.clerk).await;
    let r = client
        .post(app.url("/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&json!({
            "category": "visa", "subject": "SIV applicant",
            "requester": {"kind": "sponsor", "name": "A synthetic sponsor"},
            "people": [{"given_name": "Metricname", "family_name": "Testzai"}]
        }))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let lead = app.signed_in("lead").await;
    lead.get(app.url("/cases/424242")).send().await.unwrap();

    let r = client
        .get(app.url("/metrics"))
        .bearer_auth("synthetic-metrics-token")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    for expected in [
        "corridor_http_requests_total{",
        "route=\"/api/v1/inquiries\"",
        "route=\"/cases/{id}\"",
        "corridor_http_request_duration_seconds_bucket{",
        "corridor_intake_inquiries{channel=\"api\"} 1",
        "corridor_outbox_messages{state=\"pending\"}",
        "corridor_match_reviews_pending ",
        "corridor_overdue_cases ",
        "corridor_escalations_total ",
        "corridor_matching_index_records ",
        "corridor_database_up 1",
        // The test server runs on SQLite: a write pool of one connection and a read pool.
        "corridor_database_connections{pool=\"write\",state=\"open\"} 1",
        "corridor_database_connections{pool=\"read\",state=\"idle\"}",
        "corridor_http_connections ",
    ] {
        assert!(text.contains(expected), "{expected} missing:\n{text}");
    }
    assert!(
        !text.contains("424242"),
        "a path, not its route, in the metrics"
    );
    assert!(!text.contains("Metricname"), "personal data in the metrics");
}
