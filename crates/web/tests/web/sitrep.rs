//! The situation report in every format the web gives, against a scenario with known numbers
//! (`corridor_store::conformance_sitrep`), and the printable page rendered by headless Chromium.

use crate::common;
use crate::common::{TestApp, text};
use corridor_store::conformance_sitrep::{
    add_known_referrals, build_known_scenario, check_known_report, check_todays_referrals,
};
use corridor_store::sitrep::SituationReport;

fn query(app: &TestApp, period: &corridor_store::sitrep::SitrepPeriod) -> String {
    let _ = app;
    format!("from={}&to={}", period.from, period.to)
}

#[tokio::test]
async fn every_format_shows_the_known_figures() {
    let app = TestApp::spawn().await;
    let period = build_known_scenario(app.store.as_ref(), &app.officer).await;
    let q = query(&app, &period);

    // JSON over the API: every figure.
    let token = app.token(&app.lead).await;
    let json: serde_json::Value = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/sitrep?{q}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let report: SituationReport = serde_json::from_value(json).unwrap();
    check_known_report(&report);

    // External JSON: small counts hidden.
    let ext: serde_json::Value = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/sitrep?{q}&audience=external")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ext["inquiries"]["total"], 5);
    assert_eq!(ext["inquiries"]["people"], 6);
    assert_eq!(ext["open_cases"]["total"], "<5");
    assert_eq!(ext["open_cases"]["unowned"], "<5");

    // A case officer's token is refused.
    let other = common::add_user(
        app.store.as_ref(),
        "officer2",
        corridor_domain::Role::CaseOfficer,
        None,
    )
    .await;
    let officer_token = app.token(&other).await;
    let refused = reqwest::Client::new()
        .get(app.url("/api/v1/sitrep"))
        .bearer_auth(&officer_token)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);

    // CSV: the same figures, exact inside, "<5" for outside.
    let lead = app.signed_in("lead").await;
    let (status, csv) = app.page(&lead, &format!("/sitrep.csv?{q}")).await;
    assert_eq!(status, 200);
    for line in [
        "headline,inquiries,Inquiries received,5",
        "headline,people,Distinct people they concern,6",
        "headline,households,Households (a person alone counts as one),5",
        "headline,new_people,People new in the period,5",
        "headline,known_people,People already known before,1",
        "headline,open_cases,Open cases,3",
        "headline,unowned,Open cases needing an owner,1",
        "headline,at_border,People at border crossings,2",
        "headline,closed,Cases closed or resolved,2",
        "channels,email,Email,1",
        "status,in_progress,In progress,1",
        "category,medical,Medical,1",
        "priority,high,High,2",
        "age,lt1,under 1 day,1",
        "location,torkham,Torkham border crossing,1",
        "outcome,evacuated,Evacuated,1",
        &format!("daily,{},backlog,3", period.to),
    ] {
        assert!(csv.lines().any(|l| l == line), "CSV lacks {line:?}:\n{csv}");
    }
    let (_, ext_csv) = app
        .page(&lead, &format!("/sitrep.csv?{q}&audience=external"))
        .await;
    assert!(ext_csv.contains("headline,inquiries,Inquiries received,5"));
    assert!(ext_csv.contains("headline,open_cases,Open cases,<5"));

    // The page: figures, links to the lists behind them, charts, no names.
    let (status, html) = app.page(&lead, &format!("/sitrep?{q}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("<svg"), "charts are inline SVG");
    assert!(html.contains("<title id=\"flow-t\">"));
    assert!(html.contains("href=\"/cases/unowned\""));
    assert!(
        html.contains("/cases?open=1&amp;status=in_progress")
            || html.contains("/cases?open=1&#38;status=in_progress"),
        "status links"
    );
    assert!(html.contains("href=\"/inquiries?channel=email&"));
    let words = text(&html);
    assert!(words.contains("Inquiries received"));
    for name in ["Aziz", "Bashir", "Bibi", "Gul", "Daud", "Farid"] {
        assert!(!html.contains(name), "the report shows no names ({name})");
    }
    for (key, shown) in [("inquiries", "5"), ("people", "6"), ("open_cases", "3")] {
        let at = html.find(&format!("data-key=\"{key}\"")).unwrap();
        assert!(
            html[at..].contains(&format!("<span class=\"sr-figure\">{shown}</span>")),
            "{key} shows {shown}"
        );
    }

    // Each linked figure is the size of the list behind it (asked of the API, which takes the
    // same filters as the pages).
    let mut checked = 0;
    for (href, figure) in links(&html) {
        let api = if let Some(rest) = href.strip_prefix("/cases?") {
            // The API spells the page's `open=1` as a boolean.
            format!("/api/v1/cases?{}", rest.replace("open=1", "open=true"))
        } else if let Some(rest) = href.strip_prefix("/inquiries?") {
            format!("/api/v1/inquiries?{rest}")
        } else {
            continue;
        };
        let response = reqwest::Client::new()
            .get(app.url(&api))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{api}");
        let list: serde_json::Value = response.json().await.unwrap();
        assert_eq!(
            list["total"].as_i64().map(|t| t.to_string()),
            Some(figure.clone()),
            "{href} lists as many as its figure"
        );
        // The page behind the link opens too.
        let (status, _) = app.page(&lead, &href).await;
        assert_eq!(status, 200, "{href}");
        checked += 1;
    }
    assert!(checked >= 30, "{checked} linked figures checked");

    // Overdue figures by team, pathways by step: in the CSV, linked to the team's overdue list.
    for line in [
        "pathways,siv:com_approved,Special Immigrant Visa (SIV) — Chief of Mission approved,2",
        "pathways,siv:visa_issued,Special Immigrant Visa (SIV) — Visa issued,1",
        "pathways,unhcr_registration:requested,UNHCR registration — Registration requested,1",
        "pathways,humanitarian_parole:applied,Humanitarian parole — Applied,0",
        "referrals,outstanding,All partners,0",
        "headline,overdue,Open cases past a deadline,2",
        "headline,referrals_outstanding,Referrals awaiting a partner's answer,0",
        "declined,declined,All partners,0",
    ] {
        assert!(csv.lines().any(|l| l == line), "CSV lacks {line:?}:\n{csv}");
    }
    assert!(
        csv.lines()
            .any(|l| l.starts_with("overdue,") && l.ends_with(": first response overdue,2")),
        "overdue first responses in the CSV:\n{csv}"
    );
    let overdue = links(&html)
        .into_iter()
        .find(|(href, _)| href.starts_with("/cases/overdue?team="))
        .expect("overdue figures link to the team's overdue list");
    let (status, _) = app.page(&lead, &overdue.0).await;
    assert_eq!(status, 200, "{}", overdue.0);
    let (status, _) = app.page(&lead, "/cases/overdue").await;
    assert_eq!(status, 200, "the headline's overdue list");
    assert!(!html.contains("Not in this report yet"));

    // Referrals sent today, one of them declined: today's report in JSON, CSV and the page.
    add_known_referrals(app.store.as_ref()).await;
    let today = chrono::Utc::now().date_naive();
    let json: serde_json::Value = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/sitrep?date={today}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    check_todays_referrals(&serde_json::from_value(json).unwrap());
    let ext: serde_json::Value = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/sitrep?date={today}&audience=external")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(ext["referrals"]["outstanding"], "<5");
    assert_eq!(ext["referrals"]["by_partner"][0]["outstanding"], "<5");
    let (_, csv) = app.page(&lead, &format!("/sitrep.csv?date={today}")).await;
    for line in [
        "referrals,outstanding,All partners,2",
        "headline,referrals_outstanding,Referrals awaiting a partner's answer,2",
        "referral_age,lt1,under 1 day,2",
        "declined,declined,All partners,1",
    ] {
        assert!(csv.lines().any(|l| l == line), "CSV lacks {line:?}:\n{csv}");
    }
    let (_, ext_csv) = app
        .page(
            &lead,
            &format!("/sitrep.csv?date={today}&audience=external"),
        )
        .await;
    assert!(ext_csv.contains("referrals,outstanding,All partners,<5"));
    assert!(ext_csv.contains("declined,declined,All partners,<5"));
    let (status, html) = app.page(&lead, &format!("/sitrep?date={today}")).await;
    assert_eq!(status, 200);
    let words = text(&html);
    assert!(
        words.contains("Synthetic Shelter Network"),
        "partners are named"
    );
    assert!(words.contains("Referrals declined in the period"));
    assert!(html.contains("<title id=\"ref-t\">"), "the referrals chart");
    let (_, ext_html) = app
        .page(&lead, &format!("/sitrep?date={today}&audience=external"))
        .await;
    assert!(
        !ext_html.contains("<title id=\"ref-t\">"),
        "no bars that would show small counts outside"
    );
    assert!(
        html.contains("<svg") && !ext_html.contains("<svg"),
        "no chart at all in the version for outside: bar heights give small counts away"
    );
    assert!(ext_html.contains("Synthetic Shelter Network"));

    // The API documents the report.
    let doc = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        doc.contains("/api/v1/sitrep"),
        "the OpenAPI document has the report"
    );
    for schema in [
        "ReferralFigures",
        "PartnerReferrals",
        "PathwayStepCount",
        "OverdueCount",
    ] {
        assert!(
            doc.contains(schema),
            "the OpenAPI document describes {schema}"
        );
    }

    // Leads land on the dashboard; case officers may not see it.
    let home = lead.get(app.url("/")).send().await.unwrap();
    assert_eq!(home.headers()["location"], "/dashboard");
    let (status, _) = app.page(&lead, "/dashboard").await;
    assert_eq!(status, 200);
    let officer = app.signed_in("officer2").await;
    let (status, _) = app.page(&officer, "/dashboard").await;
    assert_eq!(status, 403);
    let (status, _) = app
        .page(&lead, "/sitrep?from=2021-09-03&to=2021-09-01")
        .await;
    assert_eq!(status, 422);

    // Every view is audited.
    let events = app
        .store
        .audit_events(Some(("sitrep", 0)), 50)
        .await
        .unwrap();
    assert!(events.len() >= 5, "{} sitrep views audited", events.len());
}

/// The printable page through headless Chromium's print to PDF: a real page with the headline
/// figures. Fails, saying so, when Chromium or pdftotext is missing.
#[tokio::test]
async fn the_printable_page_prints_with_its_figures() {
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("headless Chromium is needed for this test: apt-get install chromium (.ci/run installs it)");
    assert!(
        std::process::Command::new("pdftotext")
            .arg("-v")
            .output()
            .is_ok(),
        "pdftotext is needed for this test: apt-get install poppler-utils (.ci/run installs it)"
    );
    let app = TestApp::spawn().await;
    let period = build_known_scenario(app.store.as_ref(), &app.officer).await;
    let q = query(&app, &period);
    let lead = app.signed_in("lead").await;
    // Chromium cannot sign in by itself: print the page the lead sees, saved as a file with
    // its style inlined (the same template the command's --format html writes).
    let (status, html) = app.page(&lead, &format!("/sitrep?{q}")).await;
    assert_eq!(status, 200);
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("sitrep.html");
    let css = corridor_web::sitrep::CSS;
    let html = html
        .replace(
            "<link rel=\"stylesheet\" href=\"/static/sitrep.css\">",
            &format!("<style>{css}</style>"),
        )
        .replace("<link rel=\"stylesheet\" href=\"/static/app.css\">", "");
    std::fs::write(&page, html).unwrap();
    let pdf = dir.path().join("sitrep.pdf");
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            &format!("--user-data-dir={}", dir.path().join("profile").display()),
            &format!("--print-to-pdf={}", pdf.display()),
        ])
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let bytes = std::fs::read(&pdf).unwrap_or_else(|_| {
        panic!(
            "Chromium made no PDF: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    // -raw keeps the order the page was drawn in: each tile's figure, then its label.
    let text = std::process::Command::new("pdftotext")
        .arg("-raw")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for words in [
        "Situation report",
        "5 Inquiries received",
        "6 Distinct people they concern",
        "3 Open cases",
        "1 Open cases needing an owner",
        "2 People at border crossings",
        "Inflow, closures and backlog",
        "Waiting time of open cases",
    ] {
        assert!(flat.contains(words), "the PDF shows {words:?}:\n{text}");
    }
    assert!(!text.contains("Sign out"), "no navigation in print");
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 2, "sections break onto pages ({pages})");
}

/// The links of a page and the figure each one shows.
fn links(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<a href=\"") {
        rest = &rest[at + 9..];
        let end = rest.find('"').unwrap();
        let href = rest[..end].replace("&amp;", "&").replace("&#38;", "&");
        let close = rest.find("</a>").unwrap();
        let inner = &rest[rest.find('>').unwrap() + 1..close];
        let figure = text(inner).trim().to_string();
        if figure.chars().all(|c| c.is_ascii_digit()) && !figure.is_empty() {
            out.push((href, figure));
        }
        rest = &rest[close..];
    }
    out
}
