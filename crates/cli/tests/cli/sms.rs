//! SMS end to end against real Kannel on loopback: `bearerbox` with a fake SMSC, `smsbox` whose
//! `get-url` calls `corridor serve`, and Kannel's `fakesmsc` as the phone network (it sends the
//! phones' messages in and prints what reaches the phones). `.ci/run` installs Kannel from
//! Debian's `kannel` and `kannel-extras`; without them this test fails and says so.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use corridor_domain::{
    CaseCategory, CaseId, Channel, DisplayName, Language, NewInquiry, NewRequester, ReplyTemplate,
    RequesterKind, Role, Username,
};
use corridor_store::crypto::{Cipher, Field, KeySource};
use corridor_store::prelude::*;
use corridor_store::{Actor, NewTeam, NewUser, ReplyRequest, Submission};
use corridor_store_sqlite::SqliteStore;
use sqlx::Connection;

use crate::common::{Server as Proc, free_port, serve_with, wait_for_port};

const BEARERBOX: &str = "/usr/sbin/bearerbox";
const SMSBOX: &str = "/usr/sbin/smsbox";
const FAKESMSC: &str = "/usr/lib/kannel/test/fakesmsc";
const SECRET: &str = "synthetic-kannel-secret";

struct Kannel {
    _bearerbox: Proc,
    _smsbox: Proc,
    /// Where `fakesmsc` connects (the fake SMSC's port on bearerbox).
    smsc_port: u16,
}

/// bearerbox and smsbox with a generated configuration on free loopback ports (smsbox's
/// sendsms on `sendsms`, where Corridor was told to send); smsbox hands every incoming SMS to
/// Corridor at `corridor` (its base URL).
fn kannel(dir: &Path, corridor: &str, sendsms: u16) -> Kannel {
    for binary in [BEARERBOX, SMSBOX, FAKESMSC] {
        assert!(
            Path::new(binary).exists(),
            "Kannel is not installed ({binary} missing); `.ci/run` installs it with \
             `apt-get install kannel kannel-extras`"
        );
    }
    let (admin, boxes, smsc) = (free_port(), free_port(), free_port());
    let log = |name: &str| dir.join(format!("{name}.log")).display().to_string();
    let conf = format!(
        r#"group = core
admin-port = {admin}
admin-password = synthetic-admin
admin-allow-ip = 127.0.0.1
smsbox-port = {boxes}
box-allow-ip = 127.0.0.1
log-file = "{bb_log}"
log-level = 1
dlr-storage = internal

group = smsc
smsc = fake
smsc-id = fake
port = {smsc}
connect-allow-ip = 127.0.0.1

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = {boxes}
sendsms-port = {sendsms}
sendsms-interface = 127.0.0.1
log-file = "{sb_log}"
log-level = 1
mo-recode = true
http-request-retry = 3

group = sendsms-user
username = corridor
password = synthetic-sendsms
max-messages = 10
concatenation = true

group = sms-service
keyword = default
catch-all = true
max-messages = 0
get-url = "{corridor}/channels/sms/kannel?secret={SECRET}&from=%p&to=%P&text=%a&id=%I&ts=%t"
"#,
        bb_log = log("bearerbox"),
        sb_log = log("smsbox"),
    );
    let path = dir.join("kannel.conf");
    std::fs::write(&path, conf).unwrap();
    let start = |binary: &str, name: &str| {
        Proc(
            Command::new(binary)
                .arg(&path)
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(dir.join(format!("{name}.err"))).unwrap())
                .spawn()
                .unwrap_or_else(|e| panic!("{binary} does not start: {e}")),
        )
    };
    let bearerbox = start(BEARERBOX, "bearerbox");
    wait_for_port(boxes, "bearerbox", &dir.join("bearerbox.err"));
    let smsbox = start(SMSBOX, "smsbox");
    wait_for_port(sendsms, "smsbox", &dir.join("smsbox.err"));
    wait_for_port(smsc, "the fake SMSC", &dir.join("bearerbox.err"));
    Kannel {
        _bearerbox: bearerbox,
        _smsbox: smsbox,
        smsc_port: smsc,
    }
}

/// A phone on the fake network: `fakesmsc` sends `message` (its format: "from to type
/// data") once and keeps printing what bearerbox sends to the network. bearerbox's fake SMSC
/// serves one connection at a time: drop a phone before the next one speaks.
struct Phone {
    _process: Proc,
    log: PathBuf,
}

fn phone(dir: &Path, k: &Kannel, name: &str, message: &str) -> Phone {
    let log = dir.join(format!("{name}.phone"));
    let process = Proc(
        Command::new(FAKESMSC)
            .args(["-H", "127.0.0.1", "-r", &k.smsc_port.to_string()])
            .args(["-i", "0.1", "-m", "1", message])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("fakesmsc starts"),
    );
    Phone {
        _process: process,
        log,
    }
}

fn url_bytes(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' if i + 2 < b.len() => {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

fn utf16be(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// Whether a part's bytes are UTF-16 (UCS-2): every high byte is one of the blocks our texts
/// use (ASCII, Arabic, punctuation such as the isolates).
fn looks_ucs2(bytes: &[u8]) -> bool {
    bytes.len().is_multiple_of(2)
        && bytes
            .iter()
            .step_by(2)
            .all(|b| matches!(b, 0x00 | 0x06 | 0x20))
}

/// What reached the phones, as (to, text), long messages put back together from their parts.
fn received(phone: &Phone) -> Vec<(String, String)> {
    let log = std::fs::read_to_string(&phone.log).unwrap_or_default();
    let mut whole = Vec::new();
    // (to, reference of the long message) → parts by number.
    let mut parts: Vec<((String, u8), u8, u8, String)> = Vec::new();
    for line in log.lines() {
        let Some(rest) = line.split("Got message ").nth(1) else {
            continue;
        };
        let Some(body) = rest.split_once(": <").map(|(_, b)| b.trim_end_matches('>')) else {
            continue;
        };
        let mut f = body.splitn(4, ' ');
        let (_from, to, kind, rest) = (
            f.next().unwrap_or(""),
            f.next().unwrap_or("").to_string(),
            f.next().unwrap_or(""),
            f.next().unwrap_or(""),
        );
        match kind {
            "text" => whole.push((to, rest.to_string())),
            "ucs-2" => whole.push((to, utf16be(&url_bytes(rest)))),
            "udh" => {
                let (udh, data) = rest.split_once(' ').unwrap_or((rest, ""));
                let data = data.split_once(' ').map(|(_, d)| d).unwrap_or(data);
                let udh = url_bytes(udh);
                let bytes = url_bytes(data);
                let text = if looks_ucs2(&bytes) {
                    utf16be(&bytes)
                } else {
                    String::from_utf8_lossy(&bytes).into_owned()
                };
                // 00 03 ref total seq: the concatenation element.
                parts.push(((to, udh[3]), udh[4], udh[5], text));
            }
            _ => {}
        }
    }
    let mut keys: Vec<(String, u8)> = parts.iter().map(|p| p.0.clone()).collect();
    keys.dedup();
    for key in keys {
        let mut mine: Vec<&((String, u8), u8, u8, String)> =
            parts.iter().filter(|p| p.0 == key).collect();
        if mine.len() as u8 != mine[0].1 {
            continue; // not all parts yet
        }
        mine.sort_by_key(|p| p.2);
        whole.push((key.0.clone(), mine.iter().map(|p| p.3.as_str()).collect()));
    }
    whole
}

async fn wait_until<T>(what: &str, mut check: impl AsyncFnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = check().await {
            return v;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "waited in vain for {what}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Fakesmsc's `ucs2` message data: the text in UTF-16BE, URL-encoded.
fn ucs2_data(text: &str) -> String {
    text.encode_utf16()
        .flat_map(|u| u.to_be_bytes())
        .map(|b| format!("%{b:02X}"))
        .collect()
}

/// A family on record whose sponsor gave a phone number on the web form, on a case.
async fn family_on_record(db: &str) -> (CaseId, corridor_domain::UserId) {
    let store = SqliteStore::open(db, &KeySource::beside(db)).await.unwrap();
    let system = Actor::system("test");
    let team = store
        .create_team(
            NewTeam {
                name: "Intake".into(),
                categories: vec![],
                lead_id: None,
            },
            &system,
        )
        .await
        .unwrap();
    let lead = store
        .create_user(
            NewUser {
                username: Username::parse("lead").unwrap(),
                display_name: DisplayName::parse("Synthetic Lead").unwrap(),
                role: Role::Lead,
                team_id: Some(team.id),
                password_hash: "$argon2id$placeholder".into(),
            },
            &system,
        )
        .await
        .unwrap();
    store
        .set_team_lead(team.id, lead.id, &system)
        .await
        .unwrap();
    let inquiry = NewInquiry {
        channel: Channel::WebForm,
        requester: NewRequester {
            kind: RequesterKind::Sponsor,
            name: "Synthetic Sponsor".into(),
            organization: None,
            email: None,
            phone: Some("+93 70 123 4567".into()),
        },
        received_at: chrono::Utc::now(),
        subject: "My brother's family".into(),
        category: CaseCategory::Evacuation,
        raw_payload: "{}".into(),
        content_type: "application/json".into(),
        household_label: None,
        people: vec![
            corridor_domain::PersonDetails {
                given_name: Some("Synthetic".into()),
                family_name: Some("Smszai".into()),
                ..Default::default()
            },
            // A member's own phone, written the national way: a text from it joins the case.
            corridor_domain::PersonDetails {
                given_name: Some("Synthetic Junior".into()),
                family_name: Some("Smszai".into()),
                phone: Some("0700 222 333".into()),
                ..Default::default()
            },
        ],
        idempotency_key: None,
        matches: Vec::new(),
    };
    let case = store
        .take_in(vec![Submission::new(inquiry)], "test", &system)
        .await
        .unwrap()[0]
        .case_id
        .unwrap();
    store.close().await;
    (case, lead.id)
}

#[tokio::test]
async fn texts_through_kannel_become_requests_on_the_familys_case_and_replies_reach_the_phone() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("corridor.db");
    let db = db_path.to_str().unwrap();
    let (case, lead) = family_on_record(db).await;
    let sendsms = free_port();
    let args: Vec<String> = [
        "--sms-kannel-secret",
        SECRET,
        "--sms-kannel-sendsms-url",
        &format!("http://127.0.0.1:{sendsms}/cgi-bin/sendsms"),
        "--sms-kannel-user",
        "corridor",
        "--sms-kannel-password",
        "synthetic-sendsms",
        "--sms-kannel-from",
        "4040",
        "--sms-poll-secs",
        "1",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (_server, base) = serve_with(db, &args);
    let k = kannel(dir.path(), &base, sendsms);

    let mut conn = sqlx::SqliteConnection::connect(&format!("sqlite://{db}"))
        .await
        .unwrap();
    let (cipher, _) = Cipher::for_database(&KeySource::beside(db), &[]).unwrap();

    // The family texts from the same number written the international way.
    let family = phone(
        dir.path(),
        &k,
        "family",
        "0093701234567 4040 text Any news about my brother? We are at Torkham",
    );
    let (inquiry, reference, joined): (i64, String, Option<i64>) =
        wait_until("the SMS to become a request", async || {
            sqlx::query_as(
                "SELECT i.id, i.reference, ci.case_id FROM inquiries i
                 LEFT JOIN case_inquiries ci ON ci.inquiry_id = i.id WHERE i.channel = 'sms'",
            )
            .fetch_optional(&mut conn)
            .await
            .unwrap()
        })
        .await;
    assert_eq!(joined, Some(case.0), "the known family's case");
    let body: String =
        sqlx::query_scalar("SELECT body FROM messages WHERE inquiry_id = $1 AND direction = 'in'")
            .bind(inquiry)
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_ne!(
        body, "Any news about my brother? We are at Torkham",
        "sealed on disk"
    );
    assert_eq!(
        cipher.open(Field::MessageBody, &body).unwrap(),
        "Any news about my brother? We are at Torkham"
    );

    // The acknowledgement with the reference reaches the phone (UCS-2: it has Dari and Pashto).
    let ack = wait_until("the acknowledgement on the phone", async || {
        received(&family)
            .into_iter()
            .find(|(to, text)| to == "+93701234567" && text.contains(&reference))
    })
    .await;
    assert!(ack.1.contains("شمارهٔ مراجعه"), "{}", ack.1);
    // Kannel's delivery reports move it to delivered.
    wait_until("the delivery report", async || {
        let state: String = sqlx::query_scalar(
            "SELECT state FROM messages WHERE inquiry_id = $1 AND direction = 'out'",
        )
        .bind(inquiry)
        .fetch_one(&mut conn)
        .await
        .unwrap();
        (state == "delivered").then_some(())
    })
    .await;
    drop(family);

    // The acknowledgement carries a secret code: the reference and the code, texted back,
    // are answered with the coarse status.
    let code: String = ack
        .1
        .split("Code: ")
        .nth(1)
        .expect("a status code in the acknowledgement")
        .chars()
        .take(19)
        .collect();
    let asking = phone(
        dir.path(),
        &k,
        "status",
        &format!("0093701234567 4040 text {reference} {code}"),
    );
    let status = wait_until("the status on the phone", async || {
        received(&asking)
            .into_iter()
            .find(|(_, text)| text.starts_with(&format!("{reference}: ")))
    })
    .await;
    assert_eq!(status.0, "+93701234567");
    assert!(status.1.contains("received"), "{}", status.1);
    drop(asking);

    // A message in Dari (UCS-2 on the air) from a number nobody knows is kept exactly.
    let dari = "خانوادهٔ من پنج نفر هستند و در تورخم منتظرند";
    let stranger = phone(
        dir.path(),
        &k,
        "stranger",
        &format!("+93799000111 4040 ucs2 {}", ucs2_data(dari)),
    );
    let (dari_inquiry, dari_reference): (i64, String) =
        wait_until("the Dari SMS to become a request", async || {
            sqlx::query_as("SELECT id, reference FROM inquiries WHERE channel = 'sms' AND id <> $1")
                .bind(inquiry)
                .fetch_optional(&mut conn)
                .await
                .unwrap()
        })
        .await;
    let body: String =
        sqlx::query_scalar("SELECT body FROM messages WHERE inquiry_id = $1 AND direction = 'in'")
            .bind(dari_inquiry)
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!(cipher.open(Field::MessageBody, &body).unwrap(), dari);
    wait_until("the stranger's acknowledgement", async || {
        received(&stranger)
            .into_iter()
            .find(|(to, text)| to == "+93799000111" && text.contains(&dari_reference))
    })
    .await;
    drop(stranger);

    // A family member's own number, on their record (not a requester's), joins the case too.
    let member = phone(
        dir.path(),
        &k,
        "member",
        "+93700222333 4040 text We reached Peshawar",
    );
    wait_until("the member's SMS on the family's case", async || {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM case_inquiries ci JOIN inquiries i ON i.id = ci.inquiry_id
             WHERE i.channel = 'sms' AND ci.case_id = $1",
        )
        .bind(case.0)
        .fetch_one(&mut conn)
        .await
        .unwrap();
        (n == 2).then_some(())
    })
    .await;
    drop(member);

    // An officer replies to every requester of the family's case: the one who texted gets it by
    // SMS, in their language (Dari here).
    let family = phone(
        dir.path(),
        &k,
        "family-again",
        "0093701234567 4040 text Thank you",
    );
    {
        let store = SqliteStore::open(db, &KeySource::beside(db)).await.unwrap();
        let requester = store
            .get_case(case, &Actor::system("test"))
            .await
            .unwrap()
            .unwrap()
            .requesters
            .into_iter()
            .find(|r| r.name == "+93701234567")
            .unwrap()
            .id;
        store
            .set_requester_language(requester, Language::Dari, &Actor::system("test"))
            .await
            .unwrap();
        let replies = store
            .reply_to_requesters(
                &[case],
                ReplyRequest {
                    template: ReplyTemplate::DocumentsNeeded,
                },
                &Actor::user(lead, "lead", None),
            )
            .await
            .unwrap();
        assert!(
            replies
                .iter()
                .any(|r| r.delivery == corridor_domain::ReplyDelivery::SmsQueued)
        );
        store.close().await;
    }
    let reply = wait_until("the officer's reply on the phone", async || {
        received(&family)
            .into_iter()
            .find(|(_, text)| text.contains("اسناد هویتی"))
    })
    .await;
    assert_eq!(reply.0, "+93701234567");
    // The reference of the family's latest request: the first, or "Thank you" when it was
    // taken in before the reply was written.
    let references: Vec<String> = sqlx::query_scalar(
        "SELECT i.reference FROM inquiries i JOIN case_inquiries ci ON ci.inquiry_id = i.id
         WHERE ci.case_id = $1 AND i.channel = 'sms'",
    )
    .bind(case.0)
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert!(
        references.iter().any(|r| reply.1.contains(r.as_str())),
        "{} {references:?}",
        reply.1
    );

    // The fake SMSC takes one phone at a time.
    drop(family);

    // A number blocked with `corridor number block` is kept but opens nothing, and gets no
    // answer; a STOP is honoured.
    let blocked = crate::common::ok(
        db,
        &["number", "block", "0093799000111", "--reason", "test"],
    );
    assert!(blocked.contains("Blocked"), "{blocked}");
    let before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inquiries")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    let stranger = phone(
        dir.path(),
        &k,
        "blocked",
        "+93799000111 4040 text again and again",
    );
    wait_until("the blocked number's message to be kept", async || {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE state = 'blocked'")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        (n == 1).then_some(())
    })
    .await;
    let after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM inquiries")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(before, after);
    drop(stranger);
    let stop = phone(dir.path(), &k, "stop", "0093701234567 4040 text STOP");
    wait_until("the STOP", async || {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM message_opt_outs")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        (n == 1).then_some(())
    })
    .await;
    // The STOP is confirmed, in English like the word, to the number that just opted out.
    wait_until("the STOP's confirmation on the phone", async || {
        received(&stop).into_iter().find(|(to, text)| {
            to == "+93701234567" && text == corridor_domain::text_opted_out(Language::English)
        })
    })
    .await;
    drop(stop);
    // A second STOP is kept and not confirmed again.
    let again = phone(dir.path(), &k, "stop-again", "0093701234567 4040 text stop");
    wait_until("the second STOP", async || {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE state = 'opted_out'")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        (n == 2).then_some(())
    })
    .await;
    drop(again);
    // START in Dari undoes it and is confirmed in Dari (UCS-2 both ways).
    let start = phone(
        dir.path(),
        &k,
        "start",
        &format!("0093701234567 4040 ucs2 {}", ucs2_data("شروع")),
    );
    wait_until("the START's confirmation on the phone", async || {
        received(&start)
            .into_iter()
            .find(|(_, text)| text == corridor_domain::text_opted_in(Language::Dari))
    })
    .await;
    drop(start);
    let confirmations: Vec<String> = sqlx::query_scalar(
        "SELECT kind FROM outbox WHERE kind IN ('opted-out', 'opted-in') ORDER BY id",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    assert_eq!(confirmations, vec!["opted-out", "opted-in"]);

    // A wrong secret is refused.
    let refused = reqwest::get(format!(
        "{base}/channels/sms/kannel?secret=guess&from=%2B93700000000&text=hi"
    ))
    .await
    .unwrap();
    assert_eq!(refused.status(), 403);
}
