//! Conformance checks of text messages (SMS, WhatsApp), written once for every backend (see
//! [`crate::conformance`]).

use chrono::{Duration, Utc};
use corridor_domain::{
    CaseCategory, Channel, Language, MessageChannel, MessageDirection, MessageState, NewRequester,
    PublicStatus, ReplyDelivery, ReplyTemplate, RequesterKind,
};

use crate::conformance::{inquiry, staffed, system};
use crate::messages::{
    IncomingIntent, IncomingText, MessageRef, RateLimit, ReceivedText, TextOutcome,
};
use crate::{Actor, ReplyRequest, Store, Submission};

fn sms(from: &str, text: &str, id: &str) -> IncomingText {
    IncomingText {
        channel: MessageChannel::Sms,
        from: from.into(),
        text: text.into(),
        external_id: Some(id.into()),
        received_at: Utc::now(),
        intent: match corridor_domain::TextIntent::of(text) {
            corridor_domain::TextIntent::OptOut => IncomingIntent::OptOut,
            corridor_domain::TextIntent::OptIn => IncomingIntent::OptIn,
            _ => IncomingIntent::Request,
        },
        category: CaseCategory::Evacuation,
        requester_kind: RequesterKind::Applicant,
        raw: format!("from={from}&id={id}"),
        content_type: "application/x-www-form-urlencoded".into(),
        acknowledge: true,
        limit: RateLimit::default(),
        status_code: None,
    }
}

async fn receive(store: &dyn Store, text: IncomingText) -> ReceivedText {
    store.receive_text(text, &system()).await.unwrap()
}

fn request(r: &ReceivedText) -> &crate::RecordedInquiry {
    match &r.outcome {
        TextOutcome::Request(recorded) => recorded,
        other => panic!("expected a request, got {other:?}"),
    }
}

/// A request from a family whose sponsor gave a phone number on the web form.
async fn family_with_phone(store: &dyn Store, phone: &str) -> corridor_domain::CaseId {
    let mut i = inquiry(CaseCategory::Evacuation, &["Synthetic Textzai"]);
    i.channel = Channel::WebForm;
    i.requester = NewRequester {
        kind: RequesterKind::Sponsor,
        name: "Texting sponsor".into(),
        organization: None,
        email: None,
        phone: Some(phone.into()),
    };
    store
        .take_in(vec![Submission::new(i)], "conformance", &system())
        .await
        .unwrap()[0]
        .case_id
        .unwrap()
}

pub async fn texts_become_requests_on_the_familys_case(store: &dyn Store) {
    staffed(store).await;
    let case = family_with_phone(store, "+93 70 123 4567").await;

    // The same number written another way joins the family's case.
    let known = receive(
        store,
        sms("0093701234567", "Any news? We are at Torkham", "k-1"),
    )
    .await;
    let recorded = request(&known);
    assert_eq!(recorded.case_id, Some(case));
    assert!(!recorded.already_present);
    // A number nobody gave opens a request of its own, routed like any other.
    let stranger = receive(store, sms("+92 300 1234567", "Help, 4 people", "k-2")).await;
    let other = request(&stranger);
    assert_ne!(other.case_id, Some(case));
    // The gateway delivering a message twice changes nothing.
    let again = receive(
        store,
        sms("0093701234567", "Any news? We are at Torkham", "k-1"),
    )
    .await;
    assert_eq!(again.outcome, TextOutcome::Repeat);
    assert_eq!(again.message_id, known.message_id);

    // The inquiry is the message verbatim, by SMS, with a requester who has the number.
    let stored = store
        .get_inquiry(recorded.id, &system())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.summary.channel, Channel::Sms);
    assert_eq!(stored.raw_payload, "from=0093701234567&id=k-1");

    // Each request's acknowledgement waits on its own channel, with its reference; the email
    // sender does not see it.
    assert!(
        store
            .claim_outbox(Utc::now(), Duration::minutes(1), 100)
            .await
            .unwrap()
            .is_empty()
    );
    let acks = store
        .claim_texts(MessageChannel::Sms, Utc::now(), Duration::minutes(1), 100)
        .await
        .unwrap();
    assert_eq!(acks.len(), 2);
    let ack = acks
        .iter()
        .find(|t| t.reference == recorded.reference)
        .unwrap();
    assert_eq!(ack.to, "+93701234567");
    assert!(
        ack.text.contains(recorded.reference.as_str()),
        "{}",
        ack.text
    );
    assert_eq!(ack.kind, "acknowledgement");
    assert!(!ack.withheld);
    assert!(ack.last_incoming_at.is_some());
    assert!(
        store
            .claim_texts(
                MessageChannel::WhatsApp,
                Utc::now(),
                Duration::minutes(1),
                100
            )
            .await
            .unwrap()
            .is_empty()
    );

    // The case shows the conversation: the message in, the acknowledgement out. Reading it
    // is audited.
    let conversation = store.case_messages(case, &system()).await.unwrap();
    let shape: Vec<(MessageDirection, MessageState)> = conversation
        .iter()
        .map(|m| (m.direction, m.state))
        .collect();
    assert_eq!(
        shape,
        vec![
            (MessageDirection::Incoming, MessageState::Received),
            (MessageDirection::Outgoing, MessageState::Queued)
        ]
    );
    assert_eq!(conversation[0].text, "Any news? We are at Torkham");
    assert_eq!(conversation[0].number, "+93701234567");
    let audit = store.audit_events(Some(("case", case.0)), 5).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "case.messages_viewed"));
    // No number and no text reach the audit trail.
    let all = store.audit_events(None, 200).await.unwrap();
    assert!(
        all.iter()
            .all(|e| !e.detail.contains("Torkham") && !e.detail.contains("1234567"))
    );
}

pub async fn texts_are_sent_once_and_reports_move_forward(store: &dyn Store) {
    staffed(store).await;
    let first = receive(store, sms("+93 70 555 0101", "Please help", "s-1")).await;
    request(&first);
    let lease = Duration::minutes(5);
    let claimed = store
        .claim_texts(MessageChannel::Sms, Utc::now(), lease, 10)
        .await
        .unwrap();
    assert_eq!(claimed.len(), 1);
    let t = &claimed[0];
    // Claimed: nobody else gets it while the claim holds.
    assert!(
        store
            .claim_texts(MessageChannel::Sms, Utc::now(), lease, 10)
            .await
            .unwrap()
            .is_empty()
    );
    // A failure with a retry: due again at the retry time, not before.
    let retry = Utc::now() + Duration::minutes(1);
    assert!(
        store
            .text_failed(t.outbox_id, &t.claim, "503", Some(retry), false)
            .await
            .unwrap()
    );
    assert!(
        store
            .claim_texts(MessageChannel::Sms, Utc::now(), lease, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let again = store
        .claim_texts(MessageChannel::Sms, retry + Duration::seconds(1), lease, 10)
        .await
        .unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].attempts, 2);
    // The old claim cannot mark it; the new one can, once.
    assert!(!store.text_sent(t.outbox_id, &t.claim, None).await.unwrap());
    // Kannel reports "accepted by the network" within milliseconds, before the sender has
    // recorded the hand-over: the report is kept.
    assert!(
        store
            .text_delivery(MessageRef::Id(again[0].message_id), MessageState::Sent)
            .await
            .unwrap()
    );
    assert!(
        store
            .text_sent(t.outbox_id, &again[0].claim, None)
            .await
            .unwrap()
    );
    assert!(
        !store
            .text_sent(t.outbox_id, &again[0].claim, None)
            .await
            .unwrap()
    );
    assert!(
        store
            .claim_texts(MessageChannel::Sms, retry + Duration::hours(1), lease, 10)
            .await
            .unwrap()
            .is_empty()
    );
    // Delivered, and a late "accepted" does not undo it.
    let id = MessageRef::Id(again[0].message_id);
    assert!(
        store
            .text_delivery(id.clone(), MessageState::Delivered)
            .await
            .unwrap()
    );
    assert!(!store.text_delivery(id, MessageState::Sent).await.unwrap());
    // Reports for an incoming message or an unknown one change nothing.
    assert!(
        !store
            .text_delivery(MessageRef::Id(first.message_id), MessageState::Delivered)
            .await
            .unwrap()
    );
    assert!(
        !store
            .text_delivery(
                MessageRef::External(MessageChannel::WhatsApp, "wamid.none".into()),
                MessageState::Delivered
            )
            .await
            .unwrap()
    );
    let case = request(&first).case_id.unwrap();
    let states: Vec<MessageState> = store
        .case_messages(case, &system())
        .await
        .unwrap()
        .iter()
        .map(|m| m.state)
        .collect();
    assert_eq!(
        states,
        vec![MessageState::Received, MessageState::Delivered]
    );
}

pub async fn opt_outs_blocks_and_rate_limits_are_honoured(store: &dyn Store) {
    staffed(store).await;
    let from = "+93 70 555 0202";
    let first = receive(store, sms(from, "We need help", "o-1")).await;
    request(&first);
    // STOP in Dari: the acknowledgement still waiting is not sent; the confirmation, in Dari,
    // is the one text that goes.
    let stop = receive(store, sms("0093705550202", "توقف", "o-2")).await;
    assert_eq!(stop.outcome, TextOutcome::OptedOut);
    assert_eq!(store.number_standing(from).await.unwrap(), (false, true));
    let confirmed = store
        .claim_texts(MessageChannel::Sms, Utc::now(), Duration::minutes(1), 10)
        .await
        .unwrap();
    assert_eq!(confirmed.len(), 1, "{confirmed:?}");
    assert_eq!(confirmed[0].kind, crate::messages::OPT_OUT_CONFIRMATION);
    assert!(!confirmed[0].withheld);
    assert_eq!(confirmed[0].to, "+93705550202");
    assert_eq!(
        confirmed[0].text,
        corridor_domain::text_opted_out(Language::Dari)
    );
    // A second STOP changes nothing and is not confirmed again.
    assert_eq!(
        receive(store, sms(from, "STOP", "o-2b")).await.outcome,
        TextOutcome::OptedOut
    );
    // A request after opting out is taken in, and answered with nothing.
    let later = receive(store, sms(from, "Another question", "o-3")).await;
    let case = request(&later).case_id.unwrap();
    let out: Vec<MessageState> = store
        .case_messages(case, &system())
        .await
        .unwrap()
        .iter()
        .filter(|m| m.direction == MessageDirection::Outgoing)
        .map(|m| m.state)
        .collect();
    assert_eq!(
        out,
        vec![
            MessageState::Withheld,
            MessageState::Queued,
            MessageState::Withheld
        ]
    );
    // START again (in Pashto) is confirmed in Pashto, and acknowledgements go out again.
    assert_eq!(
        receive(store, sms(from, "پیل", "o-4")).await.outcome,
        TextOutcome::OptedIn
    );
    request(&receive(store, sms(from, "Third question", "o-5")).await);
    let again = store
        .claim_texts(MessageChannel::Sms, Utc::now(), Duration::minutes(1), 10)
        .await
        .unwrap();
    let kinds: Vec<&str> = again.iter().map(|t| t.kind.as_str()).collect();
    assert_eq!(
        kinds,
        vec![crate::messages::OPT_IN_CONFIRMATION, "acknowledgement"]
    );
    assert_eq!(
        again[0].text,
        corridor_domain::text_opted_in(Language::Pashto)
    );
    // START from a number that never opted out is not answered.
    assert_eq!(
        receive(store, sms(from, "START", "o-6")).await.outcome,
        TextOutcome::OptedIn
    );
    assert!(
        store
            .claim_texts(MessageChannel::Sms, Utc::now(), Duration::minutes(1), 10)
            .await
            .unwrap()
            .is_empty()
    );

    // A blocked number's messages are kept and open nothing.
    let lead = Actor::system("conformance");
    store
        .block_number("0093705550303", "abusive", &lead)
        .await
        .unwrap();
    let blocked = receive(store, sms("+93 70 555 0303", "spam", "b-1")).await;
    assert_eq!(blocked.outcome, TextOutcome::Blocked);
    assert!(store.unblock_number("+93705550303", &lead).await.unwrap());
    assert!(!store.unblock_number("+93705550303", &lead).await.unwrap());
    request(&receive(store, sms("+93 70 555 0303", "sorry", "b-2")).await);

    // Over the rate limit, messages are kept without opening requests; STOP still counts.
    let flood = |n: usize, text: &str| {
        let mut t = sms("+93 70 555 0404", text, &format!("f-{n}"));
        t.limit = RateLimit {
            max: 2,
            per: Duration::hours(1),
        };
        t
    };
    request(&receive(store, flood(1, "one")).await);
    request(&receive(store, flood(2, "two")).await);
    assert_eq!(
        receive(store, flood(3, "three")).await.outcome,
        TextOutcome::RateLimited
    );
    assert_eq!(
        receive(store, flood(4, "STOP")).await.outcome,
        TextOutcome::OptedOut
    );
}

pub async fn status_by_text_and_replies_by_text(store: &dyn Store) {
    let (_, lead, _, _) = staffed(store).await;
    // A web-form request with its secret code's hash.
    let mut sub = Submission::new(inquiry(CaseCategory::Visa, &["Synthetic Statuszai"]));
    sub.status_code_hash = Some("hash-of-the-code".into());
    let web = store
        .take_in(vec![sub], "conformance", &system())
        .await
        .unwrap()
        .remove(0);
    let mut ask = sms("+93 70 555 0505", "status", "q-1");
    ask.intent = IncomingIntent::Status {
        reference: web.reference.clone(),
        code_hash: "hash-of-the-code".into(),
    };
    let answered = receive(store, ask.clone()).await;
    assert_eq!(
        answered.outcome,
        TextOutcome::Status(PublicStatus::Received)
    );
    let texts = store
        .claim_texts(MessageChannel::Sms, Utc::now(), Duration::minutes(1), 10)
        .await
        .unwrap();
    assert_eq!(texts.len(), 1);
    assert_eq!(texts[0].kind, "status");
    assert!(texts[0].text.contains("received"), "{}", texts[0].text);
    // A wrong code learns nothing: the text is taken in as a request.
    ask.external_id = Some("q-2".into());
    ask.intent = IncomingIntent::Status {
        reference: web.reference.clone(),
        code_hash: "another".into(),
    };
    let sms_request = receive(store, ask).await;
    let case = request(&sms_request).case_id.unwrap();

    // "Reply to every requester": the requester who came by SMS is answered by SMS, in their
    // language.
    let requester = store
        .get_case(case, &system())
        .await
        .unwrap()
        .unwrap()
        .requesters[0]
        .id;
    store
        .set_requester_language(requester, Language::Pashto, &system())
        .await
        .unwrap();
    let as_lead = Actor::user(lead.id, "lead", None);
    let replies = store
        .reply_to_requesters(
            &[case],
            ReplyRequest {
                template: ReplyTemplate::DocumentsNeeded,
            },
            &as_lead,
        )
        .await
        .unwrap();
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0].delivery, ReplyDelivery::SmsQueued);
    assert_eq!(replies[0].channel, Channel::Sms);
    let texts = store
        .claim_texts(MessageChannel::Sms, Utc::now(), Duration::minutes(1), 10)
        .await
        .unwrap();
    let reply = texts.iter().find(|t| t.kind.starts_with("reply:")).unwrap();
    assert_eq!(reply.language, Language::Pashto);
    assert_eq!(reply.to, "+93705550505");
    assert!(reply.text.contains("اسناد"), "{}", reply.text);
}

/// A text from a number written on a person's record (not the requester's) joins the case of
/// that person's family, in any format; the record's field may hold two numbers.
pub async fn texts_from_a_family_members_phone_join_its_case(store: &dyn Store) {
    staffed(store).await;
    let mut i = inquiry(
        CaseCategory::Evacuation,
        &["Synthetic Memberzai", "Synthetic Memberzai Jr"],
    );
    i.people[1].phone = Some("0799 111 222 / +92 300 7654321".into());
    let case = store
        .take_in(vec![Submission::new(i)], "conformance", &system())
        .await
        .unwrap()[0]
        .case_id
        .unwrap();
    for (n, from) in ["+93 79 911 1222", "0093799111222", "+923007654321"]
        .iter()
        .enumerate()
    {
        let got = receive(store, sms(from, "We are at the border", &format!("m-{n}"))).await;
        assert_eq!(request(&got).case_id, Some(case), "{from}");
    }
    // A number on nobody's record opens a case of its own.
    let other = receive(store, sms("+93 79 911 1223", "Help", "m-x")).await;
    assert_ne!(request(&other).case_id, Some(case));
}

/// A request by text gets a secret code with its acknowledgement; the reference and that
/// code, texted back, answer with the status.
pub async fn a_request_by_text_gets_a_status_code(store: &dyn Store) {
    staffed(store).await;
    let mut t = sms("+93 70 555 0606", "Five of us in Kabul", "c-1");
    t.status_code = Some(crate::messages::NewStatusCode {
        shown: "ABCD-EFGH-JKMN-PQRS".into(),
        hash: "hash-of-abcd".into(),
    });
    let recorded = request(&receive(store, t).await).clone();
    let ack = store
        .claim_texts(MessageChannel::Sms, Utc::now(), Duration::minutes(1), 10)
        .await
        .unwrap();
    assert_eq!(ack.len(), 1);
    assert!(
        ack[0].text.contains("ABCD-EFGH-JKMN-PQRS"),
        "{}",
        ack[0].text
    );
    assert!(ack[0].text.contains(recorded.reference.as_str()));
    let mut ask = sms("+93 70 555 0606", "status", "c-2");
    ask.intent = IncomingIntent::Status {
        reference: recorded.reference.clone(),
        code_hash: "hash-of-abcd".into(),
    };
    assert_eq!(
        receive(store, ask).await.outcome,
        TextOutcome::Status(PublicStatus::Received)
    );
}

/// STOP and START belong to no request, so no case purge reaches them: they are purged on
/// their own once older than the cutoff, and the opt-out is still honoured.
pub async fn unattached_texts_are_purged_after_the_retention(store: &dyn Store) {
    staffed(store).await;
    let from = "+93 70 555 0707";
    assert_eq!(
        receive(store, sms(from, "STOP", "p-1")).await.outcome,
        TextOutcome::OptedOut
    );
    let kept = receive(store, sms(from, "A request", "p-2")).await;
    request(&kept);
    let admin = system();
    // Not older than the cutoff yet: nothing goes.
    let early = store
        .purge_closed_cases(Utc::now() - Duration::days(1), &admin)
        .await
        .unwrap();
    assert_eq!(early.messages, 0);
    let report = store
        .purge_closed_cases(Utc::now() + Duration::seconds(5), &admin)
        .await
        .unwrap();
    // The STOP only: the request's message waits for its case.
    assert_eq!(report.messages, 1);
    assert_eq!(report.cases, 0);
    let again = store
        .purge_closed_cases(Utc::now() + Duration::seconds(5), &admin)
        .await
        .unwrap();
    assert_eq!(again.messages, 0);
    assert_eq!(store.number_standing(from).await.unwrap(), (false, true));
    let case = request(&kept).case_id.unwrap();
    let texts = store.case_messages(case, &system()).await.unwrap();
    assert_eq!(texts[0].text, "A request");
}
