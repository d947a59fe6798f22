//! Referrals, the partner view and replies, as a task force and its partners meet them: a
//! referral is seen by its partner and by no other; partner accounts reach nothing else; a
//! declined referral comes back to the case's owner; every requester of a family is answered
//! through the channel they used; a signed export verifies and a changed copy does not.

use crate::common;
use std::path::PathBuf;

use crate::common::{PASSWORD, TestApp, csrf, text};
use chrono::Utc;
use corridor_domain::{
    CaseCategory, CaseId, CaseStatus, Channel, DisplayName, NewInquiry, NewRequester, OrgKind,
    PartnerOrg, Password, PersonDetails, RequesterKind, Role, User, Username,
};
use corridor_store::{Actor, NewOrg, NewUser, Submission};
use serde_json::Value;

fn system() -> Actor {
    Actor::system("test")
}

async fn org(app: &TestApp, name: &str) -> PartnerOrg {
    app.store
        .create_org(
            NewOrg {
                name: name.into(),
                kind: OrgKind::Ngo,
                contact_email: None,
            },
            &system(),
        )
        .await
        .unwrap()
}

async fn partner(app: &TestApp, username: &str, org: &PartnerOrg) -> User {
    let hash = corridor_web::auth::hash_password(&Password::parse(PASSWORD).unwrap()).unwrap();
    let user = app
        .store
        .create_partner_user(
            NewUser {
                username: Username::parse(username).unwrap(),
                display_name: DisplayName::parse(&format!("{username} name")).unwrap(),
                role: Role::Partner,
                team_id: None,
                password_hash: hash,
            },
            org.id,
            &system(),
        )
        .await
        .unwrap();
    common::enroll(app.store.as_ref(), &user).await;
    user
}

fn asked(channel: Channel, requester: &str, email: Option<&str>) -> Submission {
    Submission {
        household_key: Some("family".into()),
        ..Submission::new(NewInquiry {
            channel,
            requester: NewRequester {
                kind: RequesterKind::Sponsor,
                name: requester.into(),
                organization: None,
                email: email.map(str::to_string),
                phone: None,
            },
            received_at: Utc::now(),
            subject: "Family needs protection".into(),
            category: CaseCategory::Protection,
            raw_payload: "raw".into(),
            content_type: "text/plain".into(),
            household_label: None,
            people: vec![PersonDetails {
                given_name: Some("Referred".into()),
                family_name: Some("Testkhel".into()),
                date_of_birth: Some("1988-04-05".into()),
                passport: Some("P5550001".into()),
                location: Some("Torkham".into()),
                ..Default::default()
            }],
            idempotency_key: None,
            matches: Vec::new(),
        })
    }
}

/// A case about one family that a walk-in and two sponsors (by email) asked about, in
/// progress, owned by the lead of the catch-all team.
async fn family_case(app: &TestApp) -> CaseId {
    let recorded = app
        .store
        .take_in(
            vec![
                asked(Channel::WalkIn, "Walk-in uncle", None),
                asked(
                    Channel::Email,
                    "First sponsor",
                    Some("first@sponsor.example"),
                ),
                asked(
                    Channel::Email,
                    "Second sponsor",
                    Some("second@sponsor.example"),
                ),
            ],
            "test",
            &system(),
        )
        .await
        .unwrap();
    let case = recorded[0].case_id.unwrap();
    assert!(recorded.iter().all(|r| r.case_id == Some(case)));
    app.store
        .change_case_status(case, CaseStatus::InProgress, None, None, &system())
        .await
        .unwrap();
    case
}

async fn post(
    app: &TestApp,
    browser: &reqwest::Client,
    path: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let r = browser.post(app.url(path)).form(form).send().await.unwrap();
    let status = r.status().as_u16();
    let location = r
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = text(&r.text().await.unwrap());
    (status, if status == 303 { location } else { body })
}

/// The lead refers the case from its page, sharing names and location only.
async fn refer_from_case_page(
    app: &TestApp,
    lead: &reqwest::Client,
    case: CaseId,
    org: &PartnerOrg,
) -> i64 {
    let (status, page) = app.page(lead, &format!("/cases/{case}")).await;
    assert_eq!(status, 200);
    let token = csrf(&page);
    let org_id = org.id.0.to_string();
    let (status, location) = post(
        app,
        lead,
        &format!("/cases/{case}/refer"),
        &[
            ("csrf", &token),
            ("org", &org_id),
            ("field", "names"),
            ("field", "location"),
            ("reason", "protection assessment needed"),
            ("respond_by", "2099-01-01"),
        ],
    )
    .await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("/cases/{case}?done=referred").as_str())
    );
    let listed = app
        .store
        .list_referrals(
            &corridor_store::ReferralFilter {
                case: Some(case),
                ..Default::default()
            },
            &corridor_store::ReferralActor::Staff,
            Utc::now(),
            &system(),
        )
        .await
        .unwrap();
    listed[0].id.0
}

#[tokio::test]
async fn a_referral_is_seen_by_its_partner_and_by_no_other() {
    let app = TestApp::spawn().await;
    let case = family_case(&app).await;
    let unhcr = org(&app, "Synthetic UNHCR office").await;
    let other = org(&app, "Another synthetic NGO").await;
    partner(&app, "unhcr1", &unhcr).await;
    let stranger_user = partner(&app, "other1", &other).await;
    let lead = app.signed_in("lead").await;
    let rid = refer_from_case_page(&app, &lead, case, &unhcr).await;

    // The case now waits on the partner, and the case page shows the referral.
    let (_, page) = app.page(&lead, &format!("/cases/{case}")).await;
    let page = text(&page);
    assert!(page.contains("Waiting on partner"), "{page}");
    assert!(
        page.contains(&format!("R-{rid} → Synthetic UNHCR office")),
        "{page}"
    );

    // The partner signs in and lands on its own list, which shows only what was shared.
    let p = app.signed_in("unhcr1").await;
    let landing = p.get(app.url("/")).send().await.unwrap();
    assert_eq!(landing.headers()["location"], "/partner");
    let (status, list) = app.page(&p, "/partner").await;
    assert_eq!(status, 200);
    assert!(text(&list).contains(&format!("R-{rid}")));
    let (status, one) = app.page(&p, &format!("/partner/referrals/{rid}")).await;
    assert_eq!(status, 200);
    let one = text(&one);
    assert!(
        one.contains("Referred Testkhel") && one.contains("Torkham"),
        "{one}"
    );
    assert!(
        !one.contains("1988") && !one.contains("P5550001"),
        "only the chosen fields: {one}"
    );

    // Another partner sees an empty list and cannot open or move the referral.
    let o = app.signed_in("other1").await;
    let (status, list) = app.page(&o, "/partner").await;
    assert_eq!(status, 200);
    let list = text(&list);
    assert!(
        !list.contains(&format!("R-{rid}")) && list.contains("No referrals"),
        "{list}"
    );
    let (status, _) = app.page(&o, &format!("/partner/referrals/{rid}")).await;
    assert_eq!(status, 404);
    let (_, other_page) = app.page(&o, "/partner").await;
    let (status, _) = post(
        &app,
        &o,
        &format!("/partner/referrals/{rid}/action"),
        &[("csrf", &csrf(&other_page)), ("action", "acknowledge")],
    )
    .await;
    assert_eq!(status, 404);

    // Partner accounts reach no staff page: cases, people, inquiries, referrals.
    for path in [
        format!("/cases/{case}"),
        "/cases".to_string(),
        "/cases/mine".to_string(),
        "/inquiries".to_string(),
        "/referrals".to_string(),
        format!("/referrals/{rid}"),
        "/persons/1".to_string(),
        "/desk".to_string(),
    ] {
        let (status, _) = app.page(&p, &path).await;
        assert_eq!(status, 403, "{path}");
    }

    // The same over the API: a partner token reaches only the partner routes.
    let ptoken = app
        .token(
            &app.store
                .list_users()
                .await
                .unwrap()
                .into_iter()
                .find(|u| u.username == "unhcr1")
                .unwrap(),
        )
        .await;
    let otoken = app.token(&stranger_user).await;
    let api = reqwest::Client::new();
    for path in [
        format!("/api/v1/cases/{case}"),
        "/api/v1/cases".into(),
        "/api/v1/referrals".into(),
        "/api/v1/inquiries".into(),
    ] {
        let r = api
            .get(app.url(&path))
            .bearer_auth(&ptoken)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 403, "{path}");
    }
    let mine: Value = api
        .get(app.url("/api/v1/partner/referrals"))
        .bearer_auth(&ptoken)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(mine["items"].as_array().unwrap().len(), 1);
    assert_eq!(mine["total"], 1);
    let mine = &mine["items"];
    assert_eq!(mine[0]["shared"]["people"][0]["name"], "Referred Testkhel");
    assert!(
        mine[0].get("case_id").is_none(),
        "no internal case number for partners"
    );
    let theirs: Value = api
        .get(app.url("/api/v1/partner/referrals"))
        .bearer_auth(&otoken)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(theirs["items"], serde_json::json!([]));
    let r = api
        .get(app.url(&format!("/api/v1/partner/referrals/{rid}")))
        .bearer_auth(&otoken)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    // Staff tokens do not reach the partner routes either.
    let staff_token = app.token(&app.lead).await;
    let r = api
        .get(app.url("/api/v1/partner/referrals"))
        .bearer_auth(&staff_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);

    // Every partner read was recorded.
    let events = app
        .store
        .audit_events(Some(("referral", rid)), 50)
        .await
        .unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.action == "referral.viewed" && e.actor_name == "unhcr1")
    );
    let listed = app
        .store
        .audit_events(Some(("org", unhcr.id.0)), 50)
        .await
        .unwrap();
    assert!(listed.iter().any(|e| e.action == "referral.listed"));
}

#[tokio::test]
async fn a_declined_referral_returns_the_case_to_its_owner() {
    let app = TestApp::spawn().await;
    let case = family_case(&app).await;
    let iom = org(&app, "Synthetic IOM office").await;
    partner(&app, "iom1", &iom).await;
    let lead = app.signed_in("lead").await;
    let rid = refer_from_case_page(&app, &lead, case, &iom).await;

    let p = app.signed_in("iom1").await;
    let (_, page) = app.page(&p, &format!("/partner/referrals/{rid}")).await;
    let token = csrf(&page);
    let action = format!("/partner/referrals/{rid}/action");
    let (status, _) = post(
        &app,
        &p,
        &action,
        &[("csrf", &token), ("action", "acknowledge")],
    )
    .await;
    assert_eq!(status, 303);
    // A decline without a reason is refused and changes nothing.
    let (status, body) = post(
        &app,
        &p,
        &action,
        &[("csrf", &token), ("action", "decline"), ("reason", " ")],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("reason"), "{body}");
    let (status, _) = post(
        &app,
        &p,
        &action,
        &[
            ("csrf", &token),
            ("action", "decline"),
            ("reason", "outside our mandate"),
        ],
    )
    .await;
    assert_eq!(status, 303);

    // The case is the owner's again: back in progress, at the top of "My cases".
    let case_now = app.store.get_case(case, &system()).await.unwrap().unwrap();
    assert_eq!(case_now.summary.status, CaseStatus::InProgress);
    let (_, mine) = app.page(&lead, "/cases/mine").await;
    let mine_text = text(&mine);
    assert!(mine_text.contains("referral declined"), "{mine_text}");
    assert!(mine_text.contains("outside our mandate"));
    assert!(mine_text.contains(&format!("C-{case}")));
    let (status, location) = post(
        &app,
        &lead,
        &format!("/referrals/{rid}/noted"),
        &[("csrf", &csrf(&mine))],
    )
    .await;
    assert_eq!((status, location.as_str()), (303, "/cases/mine"));
    let (_, mine) = app.page(&lead, "/cases/mine").await;
    assert!(!text(&mine).contains("referral declined"));
}

#[tokio::test]
async fn replying_answers_every_requester_through_the_channel_they_used() {
    let app = TestApp::spawn().await;
    let case = family_case(&app).await;
    let before = app.store.outbox_counts().await.unwrap().pending;
    let lead = app.signed_in("lead").await;
    let (_, page) = app.page(&lead, &format!("/cases/{case}")).await;
    let token = csrf(&page);
    // The second sponsor reads Pashto.
    let second = app
        .store
        .get_case(case, &system())
        .await
        .unwrap()
        .unwrap()
        .requesters
        .into_iter()
        .find(|r| r.name == "Second sponsor")
        .unwrap()
        .id;
    let (status, _) = post(
        &app,
        &lead,
        &format!("/cases/{case}/requesters/{second}/language"),
        &[("csrf", &token), ("language", "ps")],
    )
    .await;
    assert_eq!(status, 303);
    let (status, location) = post(
        &app,
        &lead,
        &format!("/cases/{case}/reply"),
        &[("csrf", &token), ("template", "progress")],
    )
    .await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("/cases/{case}?done=replied").as_str())
    );

    // Two emails in the outbox, to the two sponsors; the walk-in is logged for delivery.
    assert_eq!(app.store.outbox_counts().await.unwrap().pending, before + 2);
    let mut queued: Vec<(String, String)> = app
        .store
        .claim_outbox(Utc::now(), chrono::Duration::minutes(1), 100)
        .await
        .unwrap()
        .into_iter()
        .map(|m| (m.to, m.kind))
        .collect();
    queued.sort();
    assert_eq!(
        queued,
        vec![
            ("first@sponsor.example".into(), "reply:progress:en".into()),
            ("second@sponsor.example".into(), "reply:progress:ps".into()),
        ]
    );
    let (_, page) = app.page(&lead, &format!("/cases/{case}")).await;
    let page = text(&page);
    assert!(page.contains("Walk-in uncle"), "{page}");
    assert!(page.contains("to deliver in person"), "{page}");
    assert_eq!(page.matches("email queued").count(), 2, "{page}");
    // The log names the template and language, never the message's text.
    let events = app
        .store
        .audit_events(Some(("case", case.0)), 50)
        .await
        .unwrap();
    let replied = events.iter().find(|e| e.action == "case.replied").unwrap();
    assert!(
        !replied.detail.contains("sponsor.example"),
        "{}",
        replied.detail
    );

    // The texts are real Dari and Pashto, marked right to left, the reference isolated.
    let (status, html) = app.page(&lead, "/replies/templates").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<div lang="prs" dir="rtl">"#), "{html}");
    assert!(html.contains(r#"<div lang="ps" dir="rtl">"#));
    assert!(html.contains("درخواست شما"));
    assert!(html.contains("ستاسو د غوښتنې"));
    assert!(html.contains("\u{2068}CR-EXAMPLE-0001\u{2069}"));

    // Bulk reply over the API: one transaction, every case.
    let api_token = app.token(&app.lead).await;
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/replies/bulk"))
        .bearer_auth(&api_token)
        .json(&serde_json::json!({"cases": [case.0], "template": "case_closed"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let replies: Value = r.json().await.unwrap();
    assert_eq!(replies.as_array().unwrap().len(), 3);
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/replies/bulk"))
        .bearer_auth(&api_token)
        .json(&serde_json::json!({"cases": [case.0, 999999], "template": "case_closed"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert_eq!(app.store.case_replies(case).await.unwrap().len(), 6);
}

#[tokio::test]
async fn a_signed_export_verifies_and_a_tampered_copy_fails() {
    let mut key_path = PathBuf::new();
    let app = TestApp::spawn_with(|config, dir| {
        key_path = dir.join("referral-signing.key");
        config.referral_key = Some(key_path.clone());
    })
    .await;
    let case = family_case(&app).await;
    let offline = org(&app, "Offline synthetic NGO").await;
    let lead = app.signed_in("lead").await;
    let rid = refer_from_case_page(&app, &lead, case, &offline).await;

    let r = lead
        .get(app.url(&format!("/referrals/{rid}/export")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let file = r.text().await.unwrap();
    let key = corridor_web::referral_file::load_or_create_key(&key_path).unwrap();
    let public = corridor_web::referral_file::parse_public_key(
        &corridor_web::referral_file::public_key_hex(&key),
    )
    .unwrap();
    let export = corridor_web::referral_file::verify(&file, &public).unwrap();
    assert_eq!(export.referral_id, rid);
    assert_eq!(
        export.shared.people[0].name.as_deref(),
        Some("Referred Testkhel")
    );
    assert!(!file.contains("P5550001"));
    let tampered = file.replace("Torkham", "Torkhan");
    assert_ne!(tampered, file);
    assert!(corridor_web::referral_file::verify(&tampered, &public).is_err());
    let events = app
        .store
        .audit_events(Some(("referral", rid)), 50)
        .await
        .unwrap();
    assert!(events.iter().any(|e| e.action == "referral.exported"));

    // The partner answers by email; staff record it, marked as on the partner's behalf.
    let (_, page) = app.page(&lead, &format!("/referrals/{rid}")).await;
    let (status, _) = post(
        &app,
        &lead,
        &format!("/referrals/{rid}/action"),
        &[("csrf", &csrf(&page)), ("action", "accept")],
    )
    .await;
    assert_eq!(status, 303);
    let (_, page) = app.page(&lead, &format!("/referrals/{rid}")).await;
    assert!(text(&page).contains("recorded by lead on behalf of Offline synthetic NGO"));

    // Without a configured key, exporting is refused rather than signing with a stray key.
    let plain = TestApp::spawn().await;
    let c = family_case(&plain).await;
    let o = org(&plain, "Any NGO").await;
    let b = plain.signed_in("lead").await;
    let r2 = refer_from_case_page(&plain, &b, c, &o).await;
    let r = b
        .get(plain.url(&format!("/referrals/{r2}/export")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
}

#[tokio::test]
async fn many_cases_are_referred_at_once_from_the_form_and_the_api() {
    let app = TestApp::spawn().await;
    let first = family_case(&app).await;
    let second = family_case(&app).await;
    let ngo = org(&app, "Bulk synthetic NGO").await;
    let lead = app.signed_in("lead").await;
    let (status, page) = app.page(&lead, "/cases/bulk").await;
    assert_eq!(status, 200);
    let token = csrf(&page);
    let org_id = ngo.id.0.to_string();
    let typed = format!("C-{first}, {second}");
    let (status, location) = post(
        &app,
        &lead,
        "/cases/bulk/refer",
        &[
            ("csrf", &token),
            ("cases", &typed),
            ("org", &org_id),
            ("field", "category"),
            ("reason", "shelter capacity"),
        ],
    )
    .await;
    assert_eq!((status, location.as_str()), (303, "/cases/bulk?referred=2"));
    // A typo in the list refers nothing.
    let (status, body) = post(
        &app,
        &lead,
        "/cases/bulk/refer",
        &[
            ("csrf", &token),
            ("cases", &format!("{first} 99999")),
            ("org", &org_id),
            ("field", "category"),
            ("reason", "again"),
        ],
    )
    .await;
    assert_eq!(status, 404, "{body}");
    // Organizations are added from the pages too; a second of one name is refused.
    let (_, orgs) = app.page(&lead, "/orgs").await;
    assert!(text(&orgs).contains("Bulk synthetic NGO"));
    let (status, _) = post(
        &app,
        &lead,
        "/orgs",
        &[
            ("csrf", &csrf(&orgs)),
            ("name", "Bulk synthetic NGO"),
            ("kind", "ngo"),
        ],
    )
    .await;
    assert_eq!(status, 409);
    let (status, _) = post(
        &app,
        &lead,
        "/orgs",
        &[
            ("csrf", &csrf(&orgs)),
            ("name", "Synthetic shelter network"),
            ("kind", "ngo"),
            ("contact_email", ""),
        ],
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(app.store.list_orgs().await.unwrap().len(), 2);
    let (_, list) = app.page(&lead, &format!("/referrals?org={org_id}")).await;
    let list = text(&list);
    assert!(list.contains("Referrals 2"), "{list}");

    let token = app.token(&app.lead).await;
    let r = reqwest::Client::new()
        .post(app.url("/api/v1/referrals/bulk"))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "cases": [first.0, second.0], "org": ngo.id.0, "fields": ["names"],
            "reason": "second opinion"
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["referrals"].as_array().unwrap().len(), 2);
    let all: Value = reqwest::Client::new()
        .get(app.url(&format!("/api/v1/referrals?case={}", first.0)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    let doc: Value = reqwest::Client::new()
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/referrals/bulk",
        "/api/v1/partner/referrals",
        "/api/v1/replies/bulk",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} is documented");
    }
}

/// A document of `owner`, stored as it is (the pipeline is tested in tests/documents.rs).
async fn document(
    app: &TestApp,
    owner: corridor_store::documents::DocumentOwner,
    marker: &str,
    scan: corridor_store::documents::ScanState,
) -> corridor_store::documents::Document {
    use corridor_store::documents::{DocumentKind, MediaType, NewDocument};
    app.store
        .add_document(
            NewDocument {
                owner,
                kind: DocumentKind::Passport,
                media_type: MediaType::Pdf,
                content: format!("%PDF-1.4\n{marker}\n%%EOF\n").into_bytes(),
                thumbnail: None,
                scan,
            },
            &system(),
        )
        .await
        .unwrap()
        .document
}

#[tokio::test]
async fn a_partner_downloads_the_documents_shared_with_it_and_no_other() {
    use corridor_store::documents::{DocumentOwner, ScanState};
    let app = TestApp::spawn().await;
    let case = family_case(&app).await;
    let unhcr = org(&app, "Synthetic UNHCR office").await;
    let puser = partner(&app, "unhcr1", &unhcr).await;
    let person = app
        .store
        .get_case(case, &system())
        .await
        .unwrap()
        .unwrap()
        .people[0]
        .id;
    let passport = document(
        &app,
        DocumentOwner::Person(person),
        "synthetic passport",
        ScanState::NotScanned,
    )
    .await;
    let letter = document(
        &app,
        DocumentOwner::Case(case),
        "synthetic letter, not shared",
        ScanState::Clean,
    )
    .await;
    let quarantined = document(
        &app,
        DocumentOwner::Case(case),
        "synthetic quarantined",
        ScanState::Infected,
    )
    .await;
    let (passport_id, quarantined_id) = (passport.id.0.to_string(), quarantined.id.0.to_string());

    // The referral form offers the case's documents as checkboxes.
    let lead = app.signed_in("lead").await;
    let (_, page) = app.page(&lead, &format!("/cases/{case}")).await;
    for d in [&passport, &letter, &quarantined] {
        assert!(
            page.contains(&format!(r#"name="document" value="{}""#, d.id)),
            "{page}"
        );
    }
    let token = csrf(&page);
    let org_id = unhcr.id.0.to_string();
    let form = |docs: &[&str]| {
        let mut f: Vec<(&str, String)> = vec![
            ("csrf", token.clone()),
            ("org", org_id.clone()),
            ("field", "names".into()),
            ("reason", "needs the passport".into()),
        ];
        f.extend(docs.iter().map(|d| ("document", d.to_string())));
        f
    };
    // A quarantined document is refused: the form comes back with both ticks and why.
    let refused = lead
        .post(app.url(&format!("/cases/{case}/refer")))
        .form(&form(&[&passport_id, &quarantined_id]))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    for d in [&passport_id, &quarantined_id] {
        assert!(
            refused.contains(&format!(r#"name="document" value="{d}" checked"#)),
            "{refused}"
        );
    }
    assert!(
        text(&refused).contains(&format!(
            "Document {quarantined_id} has not been found clean by the malware scanner"
        )),
        "{refused}"
    );
    assert!(
        refused.contains(r#"value="needs the passport""#),
        "{refused}"
    );
    let (status, _) = post(
        &app,
        &lead,
        &format!("/cases/{case}/refer"),
        &form(&[&passport_id])
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(status, 303);
    let rid = app
        .store
        .list_referrals(
            &corridor_store::ReferralFilter {
                case: Some(case),
                ..Default::default()
            },
            &corridor_store::ReferralActor::Staff,
            Utc::now(),
            &system(),
        )
        .await
        .unwrap()[0]
        .id
        .0;

    // The partner's page lists the shared document only, and downloads it.
    let p = app.signed_in("unhcr1").await;
    let (_, one) = app.page(&p, &format!("/partner/referrals/{rid}")).await;
    let shared = format!("/partner/referrals/{rid}/documents/{}", passport.id);
    assert!(one.contains(&shared), "{one}");
    assert!(!one.contains(&format!("documents/{}", letter.id)), "{one}");
    assert!(one.contains(&corridor_store::documents::sha256_hex(
        b"%PDF-1.4\nsynthetic passport\n%%EOF\n"
    )));
    let got = p.get(app.url(&shared)).send().await.unwrap();
    assert_eq!(got.status(), 200);
    assert!(
        got.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(got.headers()["x-content-type-options"], "nosniff");
    assert_eq!(
        got.bytes().await.unwrap().as_ref(),
        b"%PDF-1.4\nsynthetic passport\n%%EOF\n"
    );
    // A document of the same case that was not shared: not found, by page or API.
    for id in [letter.id, quarantined.id] {
        let r = p
            .get(app.url(&format!("/partner/referrals/{rid}/documents/{id}")))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "document {id}");
    }
    let ptoken = app.token(&puser).await;
    let api = reqwest::Client::new();
    for (id, status) in [(passport.id, 200), (letter.id, 404)] {
        let r = api
            .get(app.url(&format!("/api/v1/partner/referrals/{rid}/documents/{id}")))
            .bearer_auth(&ptoken)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), status, "document {id}");
    }
    // The partner's downloads are on the document's trail, under the partner's name.
    let trail = app
        .store
        .search_audit(
            &corridor_store::AuditFilter {
                entity: Some("document".into()),
                entity_id: Some(passport.id.0),
                ..Default::default()
            },
            50,
        )
        .await
        .unwrap();
    assert_eq!(
        trail
            .iter()
            .filter(|e| e.action == "document.downloaded" && e.actor_id == Some(puser.id))
            .count(),
        2,
        "{trail:?}"
    );

    // Over the API, a document of nothing on the case is refused with 422, naming the field.
    let lead_user = app
        .store
        .list_users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.username == "lead")
        .unwrap();
    let r = api
        .post(app.url(&format!("/api/v1/cases/{case}/referrals")))
        .bearer_auth(app.token(&lead_user).await)
        .json(&serde_json::json!({
            "org": unhcr.id.0, "fields": ["names"], "reason": "documents", "documents": [987654]
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: Value = r.json().await.unwrap();
    assert!(
        body["message"].as_str().unwrap().starts_with("documents:"),
        "{body}"
    );
}
