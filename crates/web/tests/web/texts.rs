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
    assert!(!shown.contains("blocked"), "{shown}");

    // A lead blocks the number from the page, by the message it wrote, with a reason; an
    // officer may not, and a reason is needed.
    let token = hidden(&page, "csrf");
    let message = hidden(conversation, "message");
    let block = async |client: &reqwest::Client, reason: &str| {
        client
            .post(app.url(&format!("/cases/{}/numbers/block", case.0)))
            .form(&[
                ("csrf", token.as_str()),
                ("message", message.as_str()),
                ("reason", reason),
            ])
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    };
    let (officer, officer_token) = app.signed_in_with_csrf("officer").await;
    let refused = officer
        .post(app.url(&format!("/cases/{}/numbers/block", case.0)))
        .form(&[
            ("csrf", officer_token.as_str()),
            ("message", message.as_str()),
            ("reason", "spam"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert_eq!(block(&lead, " ").await, 422);
    assert_eq!(
        app.store.number_standing("+93705551212").await.unwrap(),
        (false, false)
    );
    assert_eq!(block(&lead, "abusive messages").await, 303);
    assert_eq!(
        app.store.number_standing("0093705551212").await.unwrap(),
        (true, false)
    );
    let (_, page) = app.page(&lead, &format!("/cases/{}", case.0)).await;
    let conversation = text(page.split("id=\"conversation\"").nth(1).unwrap());
    assert!(conversation.contains("blocked"), "{conversation}");
    assert!(
        conversation.contains("Unblock this number"),
        "{conversation}"
    );
    // Audited under the lead's name, with the reason and without the number.
    let trail = app
        .store
        .audit_events(Some(("number", 0)), 10)
        .await
        .unwrap();
    let blocked = trail
        .iter()
        .find(|e| e.detail == "abusive messages")
        .expect("the block is audited");
    assert_eq!(blocked.actor_name, "lead");
    assert!(trail.iter().all(|e| !e.detail.contains("5551212")));
    // And unblocks it.
    let unblocked = lead
        .post(app.url(&format!("/cases/{}/numbers/unblock", case.0)))
        .form(&[("csrf", token.as_str()), ("message", message.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(unblocked.status(), 303);
    assert_eq!(
        app.store.number_standing("+93705551212").await.unwrap(),
        (false, false)
    );
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

const VERIFY: &str = "synthetic-verify-token";
const APP_SECRET: &str = "synthetic-app-secret";

async fn with_whatsapp() -> TestApp {
    TestApp::spawn_with(|config, _| {
        config.whatsapp = Some(corridor_web::channels::WhatsAppInbound {
            verify_token: VERIFY.into(),
            app_secret: APP_SECRET.into(),
            category: CaseCategory::Other,
            requester_kind: RequesterKind::Applicant,
            limit: RateLimit::default(),
            acknowledge: true,
            media: None,
        })
    })
    .await
}

/// A notification as Meta documents it (Cloud API webhooks, "messages" field).
fn notification(value: serde_json::Value) -> String {
    serde_json::json!({
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "102290129340398",
            "changes": [{
                "field": "messages",
                "value": value,
            }],
        }],
    })
    .to_string()
}

fn incoming(from: &str, id: &str, at: chrono::DateTime<Utc>, message: serde_json::Value) -> String {
    let mut m =
        serde_json::json!({ "from": from, "id": id, "timestamp": at.timestamp().to_string() });
    m.as_object_mut()
        .unwrap()
        .extend(message.as_object().unwrap().clone());
    notification(serde_json::json!({
        "messaging_product": "whatsapp",
        "metadata": { "display_phone_number": "15550783881", "phone_number_id": "106540352242922" },
        "contacts": [{ "profile": { "name": "Synthetic Sender" }, "wa_id": from }],
        "messages": [m],
    }))
}

fn sign(body: &str, secret: &str) -> String {
    use hmac::{KeyInit as _, Mac};
    let mut mac = hmac::Hmac::<sha2_11::Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

async fn post(app: &TestApp, body: String, signature: String) -> u16 {
    TestApp::client()
        .post(app.url("/channels/whatsapp"))
        .header("Content-Type", "application/json")
        .header("X-Hub-Signature-256", signature)
        .body(body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// A stand-in for the Graph API on loopback: records each request's authorization and body and
/// answers as Meta documents (`messages[0].id`).
async fn graph_stand_in() -> (
    String,
    std::sync::Arc<std::sync::Mutex<Vec<(String, serde_json::Value)>>>,
) {
    use axum::routing::post;
    let seen: std::sync::Arc<std::sync::Mutex<Vec<(String, serde_json::Value)>>> =
        Default::default();
    let record = seen.clone();
    let app = axum::Router::new().route(
        "/v21.0/106540352242922/messages",
        post(
            move |headers: axum::http::HeaderMap,
                  axum::Json(body): axum::Json<serde_json::Value>| {
                let record = record.clone();
                async move {
                    let auth = headers
                        .get("authorization")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("")
                        .to_string();
                    let mut seen = record.lock().unwrap();
                    seen.push((auth, body));
                    axum::Json(serde_json::json!({
                        "messaging_product": "whatsapp",
                        "contacts": [{ "input": "93701234567", "wa_id": "93701234567" }],
                        "messages": [{ "id": format!("wamid.out.{}", seen.len()) }],
                    }))
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/v21.0", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, seen)
}

#[tokio::test]
async fn whatsapp_webhook_verifies_checks_signatures_and_answers_within_the_rules() {
    let off = TestApp::spawn().await;
    assert_eq!(
        get(off.url("/channels/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1"))
            .await
            .0,
        404
    );
    let app = with_whatsapp().await;
    // Meta's verification handshake.
    let (s, challenge) = get(app.url(&format!(
        "/channels/whatsapp?hub.mode=subscribe&hub.verify_token={VERIFY}&hub.challenge=1158201444"
    )))
    .await;
    assert_eq!((s, challenge.as_str()), (200, "1158201444"));
    let (s, _) = get(app.url(
        "/channels/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444",
    ))
    .await;
    assert_eq!(s, 403);

    // A text, signed with the app secret; the same body with a wrong signature is refused.
    let now = Utc::now();
    let text = incoming(
        "93701234567",
        "wamid.in.1",
        now,
        serde_json::json!({ "type": "text", "text": { "body": "We are five, at Torkham" } }),
    );
    assert_eq!(post(&app, text.clone(), sign(&text, "guess")).await, 403);
    assert_eq!(post(&app, text.clone(), String::new()).await, 403);
    assert_eq!(post(&app, text.clone(), sign(&text, APP_SECRET)).await, 200);
    // A photo with a caption and a document from someone who wrote 30 hours ago.
    let photo = incoming(
        "93799000222",
        "wamid.in.2",
        now - Duration::hours(30),
        serde_json::json!({ "type": "image", "image": {
            "caption": "our tazkiras", "mime_type": "image/jpeg",
            "sha256": "5d1a6a1d", "id": "1479537139650973" } }),
    );
    assert_eq!(
        post(&app, photo.clone(), sign(&photo, APP_SECRET)).await,
        200
    );
    let inquiries = app
        .store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(10))
        .await
        .unwrap();
    assert_eq!(inquiries.items.len(), 2);
    let first = inquiries
        .items
        .iter()
        .find(|i| i.channel == corridor_domain::Channel::WhatsApp && i.subject.contains("Torkham"))
        .expect("the text became a request");
    let case = first.case_id.unwrap();

    // Sending: free text to the one who wrote now, an approved template to the other.
    let (graph, seen) = graph_stand_in().await;
    let gateway =
        corridor_intake::texts::Gateway::WhatsApp(corridor_intake::whatsapp::WhatsAppConfig {
            graph_url: graph,
            phone_number_id: "106540352242922".into(),
            access_token: "synthetic-access-token".into(),
            template_prefix: "corridor_".into(),
        });
    let http = corridor_intake::kannel::client();
    let round = corridor_intake::texts::send_due(
        app.store.as_ref(),
        &http,
        &gateway,
        &corridor_intake::sender::SenderConfig::default(),
    )
    .await
    .unwrap();
    assert_eq!(round.sent, 2);
    let seen = seen.lock().unwrap().clone();
    assert!(
        seen.iter()
            .all(|(auth, _)| auth == "Bearer synthetic-access-token")
    );
    let to = |n: &str| seen.iter().find(|(_, b)| b["to"] == n).unwrap().1.clone();
    let free = to("93701234567");
    assert_eq!(free["type"], "text");
    assert!(
        free["text"]["body"]
            .as_str()
            .unwrap()
            .contains(first.reference.as_str())
    );
    let template = to("93799000222");
    assert_eq!(template["type"], "template");
    assert_eq!(template["template"]["name"], "corridor_acknowledgement");
    assert_eq!(template["template"]["language"]["code"], "en");

    // WhatsApp's statuses move the message; a forged one is refused.
    let wamid = if seen[0].1["to"] == "93701234567" {
        "wamid.out.1"
    } else {
        "wamid.out.2"
    };
    let status = notification(serde_json::json!({
        "messaging_product": "whatsapp",
        "metadata": { "display_phone_number": "15550783881", "phone_number_id": "106540352242922" },
        "statuses": [{ "id": wamid, "status": "delivered", "timestamp": now.timestamp().to_string(),
                       "recipient_id": "93701234567" }],
    }));
    assert_eq!(
        post(&app, status.clone(), sign(&status, "guess")).await,
        403
    );
    assert_eq!(
        post(&app, status.clone(), sign(&status, APP_SECRET)).await,
        200
    );
    let conversation = app
        .store
        .case_messages(case, &corridor_store::Actor::system("test"))
        .await
        .unwrap();
    let states: Vec<(MessageChannel, corridor_domain::MessageState)> =
        conversation.iter().map(|m| (m.channel, m.state)).collect();
    assert_eq!(
        states,
        vec![
            (
                MessageChannel::WhatsApp,
                corridor_domain::MessageState::Received
            ),
            (
                MessageChannel::WhatsApp,
                corridor_domain::MessageState::Delivered
            )
        ]
    );
    assert_eq!(conversation[0].number, "+93701234567");
}

/// A stand-in for the Graph API's media endpoints, as Meta documents them: `GET /{media-id}`
/// with the access token answers with a short-lived URL and the file's SHA-256, and that URL
/// (with the token again) gives the bytes. Records each path asked for.
async fn media_stand_in(
    files: Vec<(&'static str, Vec<u8>)>,
) -> (String, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    use axum::extract::{Path, State};
    use axum::http::{HeaderMap, StatusCode};
    use axum::response::IntoResponse;
    use axum::routing::get;
    use sha2_11::Digest;
    type Files = std::sync::Arc<Vec<(&'static str, Vec<u8>)>>;
    let asked: std::sync::Arc<std::sync::Mutex<Vec<String>>> = Default::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let root = format!("http://{}", listener.local_addr().unwrap());
    let authorized = |h: &HeaderMap| {
        h.get("authorization").and_then(|v| v.to_str().ok())
            == Some("Bearer synthetic-access-token")
    };
    let (log1, log2) = (asked.clone(), asked.clone());
    let base = root.clone();
    let app = axum::Router::new()
        .route(
            "/v21.0/{id}",
            get(
                move |State(files): State<Files>, Path(id): Path<String>, h: HeaderMap| {
                    let (log, base) = (log1.clone(), base.clone());
                    async move {
                        log.lock().unwrap().push(format!("about {id}"));
                        let Some((_, bytes)) = files.iter().find(|(i, _)| *i == id) else {
                            return StatusCode::NOT_FOUND.into_response();
                        };
                        if !authorized(&h) {
                            return StatusCode::UNAUTHORIZED.into_response();
                        }
                        axum::Json(serde_json::json!({
                            "messaging_product": "whatsapp",
                            "url": format!("{base}/files/{id}"),
                            "mime_type": "application/octet-stream",
                            "sha256": hex::encode(sha2_11::Sha256::digest(bytes)),
                            "file_size": bytes.len().to_string(),
                            "id": id,
                        }))
                        .into_response()
                    }
                },
            ),
        )
        .route(
            "/files/{id}",
            get(
                move |State(files): State<Files>, Path(id): Path<String>, h: HeaderMap| {
                    let log = log2.clone();
                    async move {
                        log.lock().unwrap().push(format!("file {id}"));
                        match files.iter().find(|(i, _)| *i == id) {
                            Some((_, bytes)) if authorized(&h) => bytes.clone().into_response(),
                            _ => StatusCode::NOT_FOUND.into_response(),
                        }
                    }
                },
            ),
        )
        .with_state(Files::new(files));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("{root}/v21.0"), asked)
}

#[tokio::test]
async fn whatsapp_photos_and_documents_become_documents_of_the_request() {
    use corridor_store::documents::{DocumentKind, DocumentOwner, DocumentRead};
    let photo = corridor_documents::testing::gps_tagged_photo();
    let pdf =
        b"%PDF-1.4\n1 0 obj << /Title (Synthetic letter) >> endobj\ntrailer <<>>\n%%EOF\n".to_vec();
    let (graph, asked) =
        media_stand_in(vec![("1479537139650973", photo), ("2049152342222", pdf)]).await;
    let app = TestApp::spawn_with(move |config, _| {
        config.whatsapp = Some(corridor_web::channels::WhatsAppInbound {
            verify_token: VERIFY.into(),
            app_secret: APP_SECRET.into(),
            category: CaseCategory::Other,
            requester_kind: RequesterKind::Applicant,
            limit: RateLimit::default(),
            acknowledge: true,
            media: Some(corridor_web::channels::GraphMedia {
                graph_url: graph.clone(),
                access_token: "synthetic-access-token".into(),
            }),
        })
    })
    .await;
    let now = Utc::now();
    let photo_message = incoming(
        "93799000333",
        "wamid.in.photo",
        now,
        serde_json::json!({ "type": "image", "image": {
            "caption": "our tazkiras", "mime_type": "image/jpeg",
            "sha256": "ignored-here", "id": "1479537139650973" } }),
    );
    let document_message = incoming(
        "93799000444",
        "wamid.in.document",
        now,
        serde_json::json!({ "type": "document", "document": {
            "caption": "the letter", "filename": "letter.pdf", "mime_type": "application/pdf",
            "sha256": "ignored-here", "id": "2049152342222" } }),
    );
    for body in [photo_message, document_message] {
        assert_eq!(post(&app, body.clone(), sign(&body, APP_SECRET)).await, 200);
    }
    let inquiries = app
        .store
        .list_inquiries(&InquiryFilter::default(), PageRequest::first(10))
        .await
        .unwrap()
        .items;
    assert_eq!(inquiries.len(), 2);
    let of = |caption: &str| {
        inquiries
            .iter()
            .find(|i| i.subject.contains(caption))
            .unwrap_or_else(|| panic!("a request with {caption}"))
            .id
    };
    let (photo_inquiry, letter_inquiry) = (of("photo"), of("letter.pdf"));
    // The downloads run after Meta has its answer: wait for them (bounded).
    let mut docs = Vec::new();
    for _ in 0..300 {
        docs = Vec::new();
        for inquiry in [photo_inquiry, letter_inquiry] {
            docs.extend(
                app.store
                    .documents_of(DocumentOwner::Inquiry(inquiry))
                    .await
                    .unwrap()
                    .into_iter()
                    .map(move |d| (inquiry, d)),
            );
        }
        if docs.len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(docs.len(), 2, "{:?}", asked.lock().unwrap());
    let (_, kept_photo) = docs.iter().find(|(i, _)| *i == photo_inquiry).unwrap();
    assert_eq!(kept_photo.kind, DocumentKind::Photo);
    assert_eq!(kept_photo.media_type.as_str(), "image/jpeg");
    let (_, kept_letter) = docs.iter().find(|(i, _)| *i == letter_inquiry).unwrap();
    assert_eq!(kept_letter.kind, DocumentKind::Other);
    assert_eq!(kept_letter.media_type.as_str(), "application/pdf");
    // The photo went through the pipeline: its GPS position is gone.
    let content = app
        .store
        .read_document(
            kept_photo.id,
            DocumentRead::Download,
            &corridor_store::Actor::system("test"),
        )
        .await
        .unwrap()
        .unwrap();
    assert!(!content.windows(3).any(|w| w == b"GPS"));
    // Each file was asked about, then fetched, with the access token.
    let asked = asked.lock().unwrap().clone();
    for id in ["1479537139650973", "2049152342222"] {
        assert!(asked.contains(&format!("about {id}")), "{asked:?}");
        assert!(asked.contains(&format!("file {id}")), "{asked:?}");
    }
}
