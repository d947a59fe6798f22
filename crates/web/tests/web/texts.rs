//! Text messages over real HTTP: Kannel's doors (`get-url`, `dlr-url`) as smsbox calls them,
//! status by text, STOP, and the conversation on the case page. (Real Kannel drives the same
//! doors in the `corridor` crate's `sms` test.)

use crate::common::{TestApp, hidden, text};
use chrono::{Duration, Utc};
use corridor_domain::{CaseCategory, MessageChannel, RequesterKind};
use corridor_store::messages::RateLimit;
use corridor_store::{InquiryFilter, PageRequest};
use corridor_web::channels::SmsInbound;

const SECRET: &str = "synthetic-gateway-secret";

async fn with_sms() -> TestApp {
    TestApp::spawn_with(|config, _| {
        config.sms = Some(SmsInbound {
            kannel_secret: SECRET.into(),
            category: CaseCategory::Other,
            requester_kind: RequesterKind::Applicant,
            limit: RateLimit::default(),
            acknowledge: true,
        })
    })
    .await
}

/// What smsbox's get-url sends for an SMS.
fn kannel_url(app: &TestApp, secret: &str, from: &str, text: &str, id: &str) -> String {
    let q: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("secret", secret)
        .append_pair("from", from)
        .append_pair("to", "4040")
        .append_pair("text", text)
        .append_pair("id", id)
        .append_pair("ts", "2021-08-20 14:03:09")
        .finish();
    app.url(&format!("/channels/sms/kannel?{q}"))
}

async fn get(url: String) -> (u16, String) {
    let r = reqwest::get(url).await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn sms_is_off_unless_configured_and_refuses_a_wrong_secret() {
    let off = TestApp::spawn().await;
    let (s, _) = get(kannel_url(&off, SECRET, "+93700000001", "hi", "1")).await;
    assert_eq!(s, 404);

    let app = with_sms().await;
    let (s, _) = get(kannel_url(&app, "guess", "+93700000001", "hi", "1")).await;
    assert_eq!(s, 403);
    let (s, _) = get(app.url("/channels/sms/kannel/dlr?secret=guess&id=1&status=1")).await;
    assert_eq!(s, 403);
    let (s, body) = get(kannel_url(&app, SECRET, "", "hi", "1")).await;
    assert_eq!(s, 400, "{body}");
    let inquiries = app
        .store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(10))
        .await
        .unwrap();
    assert!(inquiries.items.is_empty(), "nothing refused is taken in");
}

#[tokio::test]
async fn a_text_opens_a_request_shown_with_its_conversation_on_the_case_page() {
    let app = with_sms().await;
    let (s, body) = get(kannel_url(
        &app,
        SECRET,
        "+93 70 555 1212",
        "ما پنج نفر در تورخم هستیم",
        "kannel-1",
    ))
    .await;
    assert_eq!(
        (s, body.as_str()),
        (200, ""),
        "smsbox would text a body back"
    );
    // smsbox retrying the same message changes nothing.
    assert_eq!(
        get(kannel_url(
            &app,
            SECRET,
            "+93 70 555 1212",
            "ما پنج نفر در تورخم هستیم",
            "kannel-1"
        ))
        .await
        .0,
        200
    );
    let inquiries = app
        .store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(inquiries.items.len(), 1);
    let inquiry = &inquiries.items[0];
    let case = inquiry.case_id.expect("routed to the catch-all team");
    let stored = app
        .store
        .get_inquiry(inquiry.id, &corridor_store::Actor::system("test"))
        .await
        .unwrap()
        .unwrap();
    assert!(
        !stored.raw_payload.contains(SECRET),
        "{}",
        stored.raw_payload
    );
    assert!(stored.raw_payload.contains("id=kannel-1"));

    // The acknowledgement waits for the SMS sender; Kannel's report moves it.
    let ack = app
        .store
        .claim_texts(MessageChannel::Sms, Utc::now(), Duration::minutes(1), 10)
        .await
        .unwrap()
        .remove(0);
    assert!(ack.text.contains(inquiry.reference.as_str()));
    app.store
        .text_sent(ack.outbox_id, &ack.claim, None)
        .await
        .unwrap();
    let (s, _) = get(app.url(&format!(
        "/channels/sms/kannel/dlr?secret={SECRET}&id={}&status=1",
        ack.message_id
    )))
    .await;
    assert_eq!(s, 200);

    let lead = app.signed_in("lead").await;
    let (s, page) = app.page(&lead, &format!("/cases/{}", case.0)).await;
    assert_eq!(s, 200);
    let conversation = page
        .split("id=\"conversation\"")
        .nth(1)
        .expect("the case page shows the conversation");
    let shown = text(conversation);
    assert!(shown.contains("ما پنج نفر در تورخم هستیم"), "{shown}");
    assert!(shown.contains("+93705551212"), "{shown}");
    assert!(shown.contains("SMS"), "{shown}");
    assert!(shown.contains("delivered"), "{shown}");
    assert!(shown.contains(inquiry.reference.as_str()), "{shown}");
}

#[tokio::test]
async fn a_reference_and_code_by_text_get_the_status_back_and_stop_stops() {
    let app = with_sms().await;
    let client = TestApp::client();
    let (_, form) = app.page(&client, "/request").await;
    let code = hidden(&form, "code");
    let done = client
        .post(app.url("/request"))
        .form(&[
            ("code", code.as_str()),
            ("given_name", "Parwana"),
            ("father_name", "Abdul Ghafar"),
            ("phone", "0701234567"),
            ("location", "Peshawar"),
            ("category", "refugee_referral"),
            ("who", "self"),
            ("your_email", "parwana@example.org"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let reference = done
        .split("id=\"reference\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .trim()
        .to_string();

    let ask = format!("{} {}", reference.to_lowercase(), code.replace('-', " "));
    let (s, _) = get(kannel_url(&app, SECRET, "+93 70 555 3434", &ask, "q-1")).await;
    assert_eq!(s, 200);
    let answers = app
        .store
        .claim_texts(MessageChannel::Sms, Utc::now(), Duration::minutes(1), 10)
        .await
        .unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].kind, "status");
    assert!(answers[0].text.contains("received"), "{}", answers[0].text);
    assert!(!answers[0].text.contains("Parwana"));
    let inquiries = app
        .store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(inquiries.items.len(), 1, "a status query opens no request");

    // STOP in Urdu: the number is opted out.
    let (s, _) = get(kannel_url(&app, SECRET, "0093705553434", "بند کریں", "q-2")).await;
    assert_eq!(s, 200);
    assert_eq!(
        app.store.number_standing("+93705553434").await.unwrap(),
        (false, true)
    );
}
