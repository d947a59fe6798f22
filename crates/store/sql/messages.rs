//! Text messages: taking one in (as a request through intake, an opt-out, a status query),
//! queueing outgoing ones in the outbox, their delivery states, a case's conversation, and
//! blocked numbers. Numbers and texts are sealed; numbers are found by their keyed hash.

use chrono::{DateTime, Utc};
use corridor_domain::{
    CaseId, ConversationMessage, InquiryId, Language, MessageChannel, MessageDirection,
    MessageState, NewInquiry, NewRequester, PublicStatus, ReferenceNumber, consent_word_language,
    text_acknowledgement, text_acknowledgement_with_code, text_opted_in, text_opted_out,
    text_status,
};
use corridor_store::crypto::{Cipher, Field};
use corridor_store::messages::{
    IncomingIntent, IncomingText, MessageRef, OPT_IN_CONFIRMATION, OPT_OUT_CONFIRMATION,
    OutgoingText, ReceivedText, TextOutcome, canonical_number, contact_key, number_key,
};
use corridor_store::referrals::DEFAULT_LANGUAGE;
use corridor_store::{Actor, AuditAction, NewAuditEvent, Result, Submission};
use sqlx::Row;

use crate::dialect::{self, Conn, DbPool, in_ids};
use crate::{audit, bulk, db_err, outbox, rows, workflow};

/// A number's standing: blocked, opted out.
async fn standing(conn: &mut Conn, key: &str) -> Result<(bool, bool)> {
    let row = sqlx::query(
        "SELECT EXISTS (SELECT 1 FROM blocked_numbers WHERE number_key = $1) AS blocked,
                EXISTS (SELECT 1 FROM message_opt_outs WHERE number_key = $1) AS opted_out",
    )
    .bind(key)
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok((
        row.try_get("blocked").map_err(db_err)?,
        row.try_get("opted_out").map_err(db_err)?,
    ))
}

pub(crate) async fn number_standing(
    pool: &DbPool,
    cipher: &Cipher,
    number: &str,
) -> Result<(bool, bool)> {
    let mut conn = pool.acquire().await.map_err(db_err)?;
    standing(&mut conn, &number_key(cipher, number)).await
}

struct NewMessage<'a> {
    channel: MessageChannel,
    direction: MessageDirection,
    number: &'a str,
    body: &'a str,
    external_id: Option<&'a str>,
    state: MessageState,
    inquiry_id: Option<i64>,
    outbox_id: Option<i64>,
}

async fn insert(conn: &mut Conn, at: DateTime<Utc>, c: &Cipher, m: NewMessage<'_>) -> Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO messages (channel, direction, number_key, number, body, external_id, state,
                               inquiry_id, outbox_id, at, state_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(m.channel.as_str())
    .bind(m.direction.as_str())
    .bind(number_key(c, m.number))
    .bind(c.seal(Field::MessageNumber, &canonical_number(m.number)))
    .bind(c.seal(Field::MessageBody, m.body))
    .bind(m.external_id)
    .bind(m.state.as_str())
    .bind(m.inquiry_id)
    .bind(m.outbox_id)
    .bind(dialect::time(at))
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)
}

/// Queues a text to `number` about `inquiry` in the outbox, in the caller's transaction; kept
/// as `withheld` (and not queued) when the number is blocked or opted out. Returns the
/// message's id and whether it was queued.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn queue(
    conn: &mut Conn,
    at: DateTime<Utc>,
    c: &Cipher,
    channel: MessageChannel,
    number: &str,
    text: &str,
    kind: &str,
    inquiry: i64,
) -> Result<(i64, bool)> {
    let (blocked, opted_out) = standing(conn, &number_key(c, number)).await?;
    // The confirmation of STOP is the one text an opted-out number still gets.
    let opted_out = opted_out && kind != OPT_OUT_CONFIRMATION;
    let outbox_id: Option<i64> = if blocked || opted_out {
        None
    } else {
        Some(
            sqlx::query_scalar(
                "INSERT INTO outbox (inquiry_id, kind, to_address, created_at, next_attempt_at,
                                     attempts, channel)
                 VALUES ($1, $2, $3, $4, $4, 0, $5) RETURNING id",
            )
            .bind(inquiry)
            .bind(kind)
            .bind(c.seal(Field::OutboxAddress, &canonical_number(number)))
            .bind(dialect::time(at))
            .bind(channel.as_str())
            .fetch_one(&mut *conn)
            .await
            .map_err(db_err)?,
        )
    };
    let state = if outbox_id.is_some() {
        MessageState::Queued
    } else {
        MessageState::Withheld
    };
    let id = insert(
        conn,
        at,
        c,
        NewMessage {
            channel,
            direction: MessageDirection::Outgoing,
            number,
            body: text,
            external_id: None,
            state,
            inquiry_id: Some(inquiry),
            outbox_id,
        },
    )
    .await?;
    Ok((id, outbox_id.is_some()))
}

/// The open case of the family whose requester gave this number (the most recent request
/// first), or else of the family one of whose people has it on their record (the most recent
/// record first).
async fn family_case(conn: &mut Conn, c: &Cipher, number: &str) -> Result<Option<CaseId>> {
    let Some(key) = contact_key(c, number) else {
        return Ok(None);
    };
    let by_requester: Option<i64> = sqlx::query_scalar(
        "SELECT ci.case_id FROM requester_contacts rc
         JOIN inquiries i ON i.requester_id = rc.requester_id
         JOIN case_inquiries ci ON ci.inquiry_id = i.id
         JOIN cases k ON k.id = ci.case_id
         WHERE rc.contact_key = $1 AND k.is_open = TRUE AND k.purged_at IS NULL
         ORDER BY i.received_at DESC, i.id DESC LIMIT 1",
    )
    .bind(&key)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?;
    if by_requester.is_some() {
        return Ok(by_requester.map(CaseId));
    }
    let by_person: Option<i64> = sqlx::query_scalar(
        "SELECT cp.case_id FROM person_contacts pc
         JOIN person_records pr ON pr.id = pc.record_id
         JOIN case_persons cp ON cp.person_id = pr.person_id
         JOIN cases k ON k.id = cp.case_id
         WHERE pc.contact_key = $1 AND k.is_open = TRUE AND k.purged_at IS NULL
         ORDER BY pr.id DESC, cp.case_id DESC LIMIT 1",
    )
    .bind(&key)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(by_person.map(CaseId))
}

/// The inquiry with this reference when `code_hash` is the one stored with it, and its
/// coarse status.
async fn status_of(
    conn: &mut Conn,
    reference: &ReferenceNumber,
    code_hash: &str,
) -> Result<Option<(i64, PublicStatus)>> {
    let row = sqlx::query(
        "SELECT i.id, i.status_code_hash, k.status FROM inquiries i
         LEFT JOIN cases k ON k.id = i.case_id WHERE i.reference = $1",
    )
    .bind(reference.as_str())
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?;
    let Some(row) = row else { return Ok(None) };
    let stored: Option<String> = row.try_get("status_code_hash").map_err(db_err)?;
    if !stored.is_some_and(|s| outbox::constant_time_eq(s.as_bytes(), code_hash.as_bytes())) {
        return Ok(None);
    }
    let status = row
        .try_get::<Option<&str>, _>("status")
        .map_err(db_err)?
        .map(rows::code)
        .transpose()?;
    Ok(Some((
        row.try_get("id").map_err(db_err)?,
        PublicStatus::of(status),
    )))
}

/// Queues the confirmation of STOP or START. Corridor only ever texts a number about a
/// request, so the confirmation goes with the number's latest request on this channel; a
/// number that never wrote a request had nothing sent to it, and gets no confirmation either.
async fn confirm(
    conn: &mut Conn,
    at: DateTime<Utc>,
    c: &Cipher,
    text: &IncomingText,
    key: &str,
    body: &str,
    kind: &str,
) -> Result<()> {
    let latest: Option<i64> = sqlx::query_scalar(
        "SELECT inquiry_id FROM messages
         WHERE number_key = $1 AND channel = $2 AND inquiry_id IS NOT NULL
         ORDER BY at DESC, id DESC LIMIT 1",
    )
    .bind(key)
    .bind(text.channel.as_str())
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?;
    if let Some(inquiry) = latest {
        queue(conn, at, c, text.channel, &text.from, body, kind, inquiry).await?;
    }
    Ok(())
}

/// The subject of a request that came by text: its first line, short.
fn subject_of(channel: MessageChannel, text: &str) -> String {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let mut s: String = first.chars().take(80).collect();
    if first.chars().count() > 80 {
        s.push('…');
    }
    if s.is_empty() {
        format!("({} without text)", channel.label())
    } else {
        s
    }
}

pub(crate) async fn receive(
    conn: &mut Conn,
    at: DateTime<Utc>,
    c: &Cipher,
    text: IncomingText,
    actor: &Actor,
) -> Result<ReceivedText> {
    let channel = text.channel;
    if let Some(id) = &text.external_id {
        let found: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM messages WHERE channel = $1 AND direction = 'in' AND external_id = $2",
        )
        .bind(channel.as_str())
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?;
        if let Some(message_id) = found {
            return Ok(ReceivedText {
                message_id,
                outcome: TextOutcome::Repeat,
            });
        }
    }
    let key = number_key(c, &text.from);
    let (blocked, was_opted_out) = standing(conn, &key).await?;
    let recent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM messages WHERE number_key = $1 AND direction = 'in' AND at > $2",
    )
    .bind(&key)
    .bind(dialect::time(at - text.limit.per))
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)?;
    let over_limit = recent >= i64::from(text.limit.max);
    // An incoming message is dated when the person sent it, as the gateway says (never later
    // than now): WhatsApp's 24-hour window counts from there.
    let written = text.received_at.min(at);
    let keep = |state, inquiry_id| NewMessage {
        channel,
        direction: MessageDirection::Incoming,
        number: &text.from,
        body: &text.text,
        external_id: text.external_id.as_deref(),
        state,
        inquiry_id,
        outbox_id: None,
    };
    let audited =
        |action, id: i64, detail: String| NewAuditEvent::new(action, "message", id, detail);

    // A blocked number opens nothing; an opt-out is honoured whatever the rate.
    let early = match (&text.intent, blocked, over_limit) {
        (_, true, _) => Some((MessageState::Blocked, TextOutcome::Blocked)),
        (IncomingIntent::OptOut, _, _) => Some((MessageState::OptedOut, TextOutcome::OptedOut)),
        (_, _, true) => Some((MessageState::RateLimited, TextOutcome::RateLimited)),
        (IncomingIntent::OptIn, _, _) => Some((MessageState::OptedIn, TextOutcome::OptedIn)),
        _ => None,
    };
    if let Some((state, outcome)) = early {
        let id = insert(conn, written, c, keep(state, None)).await?;
        match outcome {
            TextOutcome::OptedOut => {
                sqlx::query(
                    "INSERT INTO message_opt_outs (number_key, at, message_id) VALUES ($1, $2, $3)
                     ON CONFLICT (number_key) DO UPDATE SET at = excluded.at,
                                                           message_id = excluded.message_id",
                )
                .bind(&key)
                .bind(dialect::time(at))
                .bind(id)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
                // What was queued for the number and not yet sent stays unsent (but for the
                // confirmation of an earlier STOP).
                sqlx::query(
                    "UPDATE outbox SET abandoned_at = $1, last_error = 'opted out',
                            claim = NULL, claimed_until = NULL
                     WHERE sent_at IS NULL AND abandoned_at IS NULL AND kind <> $3 AND id IN
                           (SELECT outbox_id FROM messages
                            WHERE number_key = $2 AND direction = 'out' AND state = 'queued')",
                )
                .bind(dialect::time(at))
                .bind(&key)
                .bind(OPT_OUT_CONFIRMATION)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
                sqlx::query(
                    "UPDATE messages SET state = 'withheld', state_at = $1
                     WHERE number_key = $2 AND direction = 'out' AND state = 'queued'
                       AND NOT EXISTS (SELECT 1 FROM outbox x
                                       WHERE x.id = messages.outbox_id AND x.kind = $3)",
                )
                .bind(dialect::time(at))
                .bind(&key)
                .bind(OPT_OUT_CONFIRMATION)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
                let e = audited(AuditAction::MessageOptedOut, id, format!("by {channel}"));
                audit::append(conn, at, actor, &e).await?;
                // Confirmed once: a second STOP changes nothing and is not answered.
                if !was_opted_out {
                    let language = consent_word_language(&text.text).unwrap_or(Language::English);
                    confirm(
                        conn,
                        at,
                        c,
                        &text,
                        &key,
                        text_opted_out(language),
                        OPT_OUT_CONFIRMATION,
                    )
                    .await?;
                }
            }
            TextOutcome::OptedIn => {
                let undone = sqlx::query("DELETE FROM message_opt_outs WHERE number_key = $1")
                    .bind(&key)
                    .execute(&mut *conn)
                    .await
                    .map_err(db_err)?
                    .rows_affected();
                let e = audited(AuditAction::MessageOptedIn, id, format!("by {channel}"));
                audit::append(conn, at, actor, &e).await?;
                // START is confirmed when it undid a STOP (not every "yes" gets an answer).
                if undone > 0 {
                    let language = consent_word_language(&text.text).unwrap_or(Language::English);
                    confirm(
                        conn,
                        at,
                        c,
                        &text,
                        &key,
                        text_opted_in(language),
                        OPT_IN_CONFIRMATION,
                    )
                    .await?;
                }
            }
            _ => {
                let e = audited(
                    AuditAction::MessageReceived,
                    id,
                    format!("by {channel}, {}", state.as_str()),
                );
                audit::append(conn, at, actor, &e).await?;
            }
        }
        return Ok(ReceivedText {
            message_id: id,
            outcome,
        });
    }

    if let IncomingIntent::Status {
        reference,
        code_hash,
    } = &text.intent
        && let Some((inquiry, status)) = status_of(conn, reference, code_hash).await?
    {
        let id = insert(
            conn,
            written,
            c,
            keep(MessageState::StatusQuery, Some(inquiry)),
        )
        .await?;
        queue(
            conn,
            at,
            c,
            channel,
            &text.from,
            &text_status(reference, status),
            "status",
            inquiry,
        )
        .await?;
        let e = audited(
            AuditAction::MessageReceived,
            id,
            format!("by {channel}, status query on inquiry {inquiry}"),
        );
        audit::append(conn, at, actor, &e).await?;
        return Ok(ReceivedText {
            message_id: id,
            outcome: TextOutcome::Status(status),
        });
    }

    // A request, through the intake path every channel takes.
    let number = canonical_number(&text.from);
    let inquiry = NewInquiry {
        channel: match channel {
            MessageChannel::Sms => corridor_domain::Channel::Sms,
            MessageChannel::WhatsApp => corridor_domain::Channel::WhatsApp,
        },
        requester: NewRequester {
            kind: text.requester_kind,
            name: number.clone(),
            organization: None,
            email: None,
            phone: Some(number.clone()),
        },
        received_at: text.received_at,
        subject: subject_of(channel, &text.text),
        category: text.category,
        raw_payload: text.raw.clone(),
        content_type: text.content_type.clone(),
        household_label: None,
        people: Vec::new(),
        idempotency_key: text
            .external_id
            .as_ref()
            .map(|id| format!("{channel}:{id}")),
        matches: Vec::new(),
    };
    let mut sub = Submission::new(inquiry);
    sub.join_case = family_case(conn, c, &text.from).await?;
    sub.status_code_hash = text.status_code.as_ref().map(|s| s.hash.clone());
    let recorded = bulk::take_in(conn, at, c, vec![sub], channel.as_str(), actor)
        .await?
        .remove(0);
    workflow::fill_deadlines(conn).await?;
    let id = insert(
        conn,
        written,
        c,
        keep(MessageState::Received, Some(recorded.id.0)),
    )
    .await?;
    if text.acknowledge && !recorded.already_present {
        queue(
            conn,
            at,
            c,
            channel,
            &text.from,
            &match &text.status_code {
                Some(code) => text_acknowledgement_with_code(&recorded.reference, &code.shown),
                None => text_acknowledgement(&recorded.reference),
            },
            "acknowledgement",
            recorded.id.0,
        )
        .await?;
    }
    let e = audited(
        AuditAction::MessageReceived,
        id,
        format!("by {channel}, inquiry {}", recorded.id.0),
    );
    audit::append(conn, at, actor, &e).await?;
    Ok(ReceivedText {
        message_id: id,
        outcome: TextOutcome::Request(recorded),
    })
}

/// What the outbox claim does not say about texts: the message, its number's standing, when
/// the number last wrote, and the requester's language.
pub(crate) async fn outgoing(
    pool: &DbPool,
    c: &Cipher,
    channel: MessageChannel,
    claimed: Vec<corridor_store::OutboxMessage>,
) -> Result<Vec<OutgoingText>> {
    if claimed.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = claimed.iter().map(|m| m.id).collect();
    let found = sqlx::query(concat!(
        "SELECT m.id, m.outbox_id, m.body, l.language,
                EXISTS (SELECT 1 FROM blocked_numbers b WHERE b.number_key = m.number_key)
                  AS blocked,
                EXISTS (SELECT 1 FROM message_opt_outs o WHERE o.number_key = m.number_key)
                  AS opted_out,
                (SELECT MAX(n.at) FROM messages n
                 WHERE n.number_key = m.number_key AND n.direction = 'in'
                   AND n.channel = m.channel) AS last_in
         FROM messages m
         LEFT JOIN inquiries i ON i.id = m.inquiry_id
         LEFT JOIN requester_languages l ON l.requester_id = i.requester_id
         WHERE m.outbox_id ",
        in_ids!(1)
    ))
    .bind(dialect::ids(&ids))
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    let mut out = Vec::with_capacity(claimed.len());
    for m in claimed {
        let Some(r) = found
            .iter()
            .find(|r| r.try_get::<Option<i64>, _>("outbox_id").ok().flatten() == Some(m.id))
        else {
            // Queued before a message was kept with it: not a text this channel can send.
            continue;
        };
        let language: Option<&str> = r.try_get("language").map_err(db_err)?;
        // The confirmation of STOP goes to the number that just opted out.
        let withheld = r.try_get::<bool, _>("blocked").map_err(db_err)?
            || (r.try_get::<bool, _>("opted_out").map_err(db_err)?
                && m.kind != OPT_OUT_CONFIRMATION);
        out.push(OutgoingText {
            outbox_id: m.id,
            message_id: r.try_get("id").map_err(db_err)?,
            channel,
            to: m.to,
            text: rows::open(c, Field::MessageBody, r, "body")?,
            kind: m.kind,
            reference: m.reference,
            attempts: m.attempts,
            claim: m.claim,
            withheld,
            last_incoming_at: rows::time_opt(r, "last_in")?,
            language: language
                .map(rows::code::<Language>)
                .transpose()?
                .unwrap_or(DEFAULT_LANGUAGE),
        });
    }
    Ok(out)
}

pub(crate) async fn sent(
    conn: &mut Conn,
    at: DateTime<Utc>,
    outbox_id: i64,
    claim: &str,
    external_id: Option<&str>,
) -> Result<bool> {
    if !outbox::sent(conn, outbox_id, claim, at).await? {
        return Ok(false);
    }
    // A delivery report may have come first (Kannel reports within milliseconds): only a
    // message still queued becomes `sent`.
    sqlx::query(
        "UPDATE messages SET external_id = COALESCE($1, external_id),
                state = CASE WHEN state = 'queued' THEN 'sent' ELSE state END,
                state_at = CASE WHEN state = 'queued' THEN $2 ELSE state_at END
         WHERE outbox_id = $3",
    )
    .bind(external_id)
    .bind(dialect::time(at))
    .bind(outbox_id)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(true)
}

pub(crate) async fn failed(
    conn: &mut Conn,
    at: DateTime<Utc>,
    outbox_id: i64,
    claim: &str,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
    withheld: bool,
) -> Result<bool> {
    if !outbox::failed(conn, at, outbox_id, claim, error, retry_at).await? {
        return Ok(false);
    }
    if retry_at.is_none() {
        let state = if withheld {
            MessageState::Withheld
        } else {
            MessageState::Failed
        };
        sqlx::query(
            "UPDATE messages SET state = $1, state_at = $2
             WHERE outbox_id = $3 AND state = 'queued'",
        )
        .bind(state.as_str())
        .bind(dialect::time(at))
        .bind(outbox_id)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    }
    Ok(true)
}

pub(crate) async fn delivery(
    conn: &mut Conn,
    at: DateTime<Utc>,
    message: &MessageRef,
    to: MessageState,
) -> Result<bool> {
    let row = match message {
        MessageRef::Id(id) => {
            sqlx::query("SELECT id, state FROM messages WHERE id = $1 AND direction = 'out'")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await
        }
        MessageRef::External(channel, external) => {
            sqlx::query(
                "SELECT id, state FROM messages
                 WHERE channel = $1 AND direction = 'out' AND external_id = $2",
            )
            .bind(channel.as_str())
            .bind(external)
            .fetch_optional(&mut *conn)
            .await
        }
    }
    .map_err(db_err)?;
    let Some(row) = row else { return Ok(false) };
    let id: i64 = row.try_get("id").map_err(db_err)?;
    let now: MessageState = rows::code(row.try_get::<&str, _>("state").map_err(db_err)?)?;
    if !now.may_become(to) {
        return Ok(false);
    }
    sqlx::query("UPDATE messages SET state = $1, state_at = $2 WHERE id = $3")
        .bind(to.as_str())
        .bind(dialect::time(at))
        .bind(id)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(true)
}

pub(crate) async fn of_case(
    conn: &mut Conn,
    c: &Cipher,
    case: CaseId,
) -> Result<Vec<ConversationMessage>> {
    let found = sqlx::query(
        "SELECT DISTINCT m.id, m.channel, m.direction, m.state, m.number, m.body, m.inquiry_id,
                i.reference, m.at, m.state_at,
                EXISTS (SELECT 1 FROM blocked_numbers b WHERE b.number_key = m.number_key)
                  AS blocked,
                EXISTS (SELECT 1 FROM message_opt_outs o WHERE o.number_key = m.number_key)
                  AS opted_out
         FROM messages m
         JOIN inquiries i ON i.id = m.inquiry_id
         JOIN case_inquiries ci ON ci.inquiry_id = i.id
         WHERE ci.case_id = $1
         ORDER BY m.at, m.id",
    )
    .bind(case.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    found
        .iter()
        .map(|r| {
            let reference: Option<&str> = r.try_get("reference").map_err(db_err)?;
            Ok(ConversationMessage {
                id: r.try_get("id").map_err(db_err)?,
                channel: rows::code(r.try_get::<&str, _>("channel").map_err(db_err)?)?,
                direction: rows::code(r.try_get::<&str, _>("direction").map_err(db_err)?)?,
                state: rows::code(r.try_get::<&str, _>("state").map_err(db_err)?)?,
                number: rows::open(c, Field::MessageNumber, r, "number")?,
                text: rows::open(c, Field::MessageBody, r, "body")?,
                inquiry_id: r
                    .try_get::<Option<i64>, _>("inquiry_id")
                    .map_err(db_err)?
                    .map(InquiryId),
                reference: reference.map(str::parse).transpose().map_err(db_err)?,
                at: rows::time(r, "at")?,
                state_at: rows::time(r, "state_at")?,
                number_blocked: r.try_get("blocked").map_err(db_err)?,
                number_opted_out: r.try_get("opted_out").map_err(db_err)?,
            })
        })
        .collect()
}

pub(crate) async fn block(
    conn: &mut Conn,
    at: DateTime<Utc>,
    c: &Cipher,
    number: &str,
    reason: &str,
    actor: &Actor,
) -> Result<()> {
    let key = number_key(c, number);
    let reason: String = reason.chars().take(200).collect();
    sqlx::query(
        "INSERT INTO blocked_numbers (number_key, reason, by_name, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (number_key) DO UPDATE SET reason = excluded.reason,
                                               by_name = excluded.by_name, at = excluded.at",
    )
    .bind(&key)
    .bind(&reason)
    .bind(&actor.name)
    .bind(dialect::time(at))
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    // The reason is staff's words about the number, not the number: it may be audited.
    let e = NewAuditEvent::new(AuditAction::NumberBlocked, "number", 0, reason);
    audit::append(conn, at, actor, &e).await
}

pub(crate) async fn unblock(
    conn: &mut Conn,
    at: DateTime<Utc>,
    c: &Cipher,
    number: &str,
    actor: &Actor,
) -> Result<bool> {
    let done = sqlx::query("DELETE FROM blocked_numbers WHERE number_key = $1")
        .bind(number_key(c, number))
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    let e = NewAuditEvent::new(AuditAction::NumberUnblocked, "number", 0, "");
    audit::append(conn, at, actor, &e).await?;
    Ok(true)
}
