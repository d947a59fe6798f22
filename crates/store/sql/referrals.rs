//! Partner organizations, referrals and replies to requesters.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use corridor_domain::{
    CaseCategory, CaseId, CaseReply, CaseStatus, Channel, DeclinedReferral, Language,
    MessageChannel, OrgId, OrgKind, PartnerOrg, Referral, ReferralAction, ReferralId, ReferralSide,
    ReferralSnapshot, ReferralState, ReplyDelivery, ReplyId, RequesterId, ShareField, User, UserId,
    outbox_kind,
};
use corridor_store::Refusal;
use corridor_store::crypto::{Cipher, Field};
use corridor_store::referrals::DEFAULT_LANGUAGE;
use corridor_store::{
    Actor, AuditAction, NewAuditEvent, NewOrg, NewReferral, NewUser, ReferralActor, ReferralFilter,
    ReplyRequest, Result, StoreError,
};
use sqlx::{QueryBuilder, Row};

use crate::dialect::{self, Conn, Db, DbPool, DbRow, json_param};
use crate::{audit, cases, db_err, documents, messages, missing, people, rows, users};

fn unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

fn org_row(row: &DbRow) -> Result<PartnerOrg> {
    Ok(PartnerOrg {
        id: OrgId(row.try_get("id").map_err(db_err)?),
        name: row.try_get("name").map_err(db_err)?,
        kind: rows::code::<OrgKind>(row.try_get::<&str, _>("kind").map_err(db_err)?)?,
        contact_email: row.try_get("contact_email").map_err(db_err)?,
    })
}

pub(crate) async fn create_org(
    conn: &mut Conn,
    at: DateTime<Utc>,
    org: NewOrg,
    actor: &Actor,
) -> Result<PartnerOrg> {
    let org = org.checked()?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO partner_orgs (name, kind, contact_email, created_at) VALUES ($1, $2, $3, $4)
         RETURNING id",
    )
    .bind(&org.name)
    .bind(org.kind.as_str())
    .bind(&org.contact_email)
    .bind(dialect::time(at))
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| {
        if unique_violation(&e) {
            StoreError::Conflict(format!("an organization named {} exists already", org.name))
        } else {
            db_err(e)
        }
    })?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::OrgCreated,
            "org",
            id,
            format!("{} ({})", org.name, org.kind),
        ),
    )
    .await?;
    Ok(PartnerOrg {
        id: OrgId(id),
        name: org.name,
        kind: org.kind,
        contact_email: org.contact_email,
    })
}

pub(crate) async fn list_orgs(pool: &DbPool) -> Result<Vec<PartnerOrg>> {
    sqlx::query("SELECT * FROM partner_orgs ORDER BY name")
        .fetch_all(pool)
        .await
        .map_err(db_err)?
        .iter()
        .map(org_row)
        .collect()
}

async fn org(conn: &mut Conn, id: OrgId) -> Result<PartnerOrg> {
    let row = sqlx::query("SELECT * FROM partner_orgs WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .ok_or_else(|| missing("organization", id.0))?;
    org_row(&row)
}

pub(crate) async fn create_partner_user(
    conn: &mut Conn,
    at: DateTime<Utc>,
    user: NewUser,
    org_id: OrgId,
    actor: &Actor,
) -> Result<User> {
    let org = org(conn, org_id).await?;
    let created = users::create_user(conn, at, user, actor).await?;
    sqlx::query("INSERT INTO partner_members (user_id, org_id) VALUES ($1, $2)")
        .bind(created.id.0)
        .bind(org.id.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::UserOrgSet,
            "user",
            created.id.0,
            format!("member of organization {} ({})", org.id, org.name),
        ),
    )
    .await?;
    Ok(created)
}

pub(crate) async fn user_org(pool: &DbPool, user: UserId) -> Result<Option<PartnerOrg>> {
    sqlx::query(
        "SELECT o.* FROM partner_orgs o JOIN partner_members m ON m.org_id = o.id
         WHERE m.user_id = $1",
    )
    .bind(user.0)
    .fetch_optional(pool)
    .await
    .map_err(db_err)?
    .as_ref()
    .map(org_row)
    .transpose()
}

/// `fields` is JSON: `jsonb` on PostgreSQL, TEXT on SQLite; read as text on both.
const REFERRAL_SELECT: &str = "SELECT r.id, r.case_id, r.org_id, r.state,
            CAST(r.fields AS TEXT) AS fields, r.snapshot, r.reason, r.sent_by_name, r.sent_at,
            r.respond_by, r.decline_reason, r.result_note, r.recorded_by, r.updated_at,
            r.decline_seen_at, o.name AS org_name
     FROM referrals r
     JOIN partner_orgs o ON o.id = r.org_id";

fn referral_row(row: &DbRow, cipher: &Cipher, now: DateTime<Utc>) -> Result<Referral> {
    let state: ReferralState = rows::code(row.try_get::<&str, _>("state").map_err(db_err)?)?;
    let respond_by = rows::time(row, "respond_by")?;
    let fields: Vec<ShareField> =
        serde_json::from_str(row.try_get::<&str, _>("fields").map_err(db_err)?).map_err(db_err)?;
    let snapshot: ReferralSnapshot = serde_json::from_str(&rows::open(
        cipher,
        Field::ReferralSnapshot,
        row,
        "snapshot",
    )?)
    .map_err(db_err)?;
    Ok(Referral {
        id: ReferralId(row.try_get("id").map_err(db_err)?),
        case_id: CaseId(row.try_get("case_id").map_err(db_err)?),
        org_id: OrgId(row.try_get("org_id").map_err(db_err)?),
        org_name: row.try_get("org_name").map_err(db_err)?,
        state,
        fields,
        snapshot,
        reason: rows::open(cipher, Field::ReferralReason, row, "reason")?,
        sent_by_name: row.try_get("sent_by_name").map_err(db_err)?,
        sent_at: rows::time(row, "sent_at")?,
        respond_by,
        decline_reason: rows::open_opt(
            cipher,
            Field::ReferralDeclineReason,
            row,
            "decline_reason",
        )?,
        result_note: rows::open_opt(cipher, Field::ReferralResultNote, row, "result_note")?,
        recorded_by: row.try_get("recorded_by").map_err(db_err)?,
        updated_at: rows::time(row, "updated_at")?,
        overdue: state.is_overdue(respond_by, now),
        decline_seen: rows::time_opt(row, "decline_seen_at")?.is_some(),
    })
}

fn fields_text(fields: &[ShareField]) -> String {
    fields
        .iter()
        .map(|f| f.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) async fn refer_cases(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    case_ids: &[CaseId],
    r: &NewReferral,
    actor: &Actor,
) -> Result<Vec<ReferralId>> {
    r.check()?;
    let org = org(conn, r.org).await?;
    let mut fields = r.fields.clone();
    fields.sort();
    fields.dedup();
    let fields_json = serde_json::to_string(&fields).map_err(db_err)?;
    let mut out = Vec::with_capacity(case_ids.len());
    for &case in case_ids {
        let row = sqlx::query("SELECT status, category FROM cases WHERE id = $1")
            .bind(case.0)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_err)?
            .ok_or_else(|| missing("case", case.0))?;
        let status: CaseStatus = rows::code(row.try_get::<&str, _>("status").map_err(db_err)?)?;
        let category: CaseCategory =
            rows::code(row.try_get::<&str, _>("category").map_err(db_err)?)?;
        if !status.is_open() {
            return Err(Refusal::ReferOnlyOpen {
                case,
                status: status.label(),
            }
            .into());
        }
        let on_case: Vec<i64> = sqlx::query_scalar(
            "SELECT person_id FROM case_persons WHERE case_id = $1 ORDER BY person_id",
        )
        .bind(case.0)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_err)?;
        let chosen: Vec<i64> = match &r.people {
            None => on_case,
            Some(wanted) => {
                for p in wanted {
                    if !on_case.contains(&p.0) {
                        return Err(Refusal::PersonNotOnCase { person: p.0, case }.into());
                    }
                }
                wanted.iter().map(|p| p.0).collect()
            }
        };
        let details: Vec<_> = people::load(conn, cipher, &chosen)
            .await?
            .into_iter()
            .map(|p| p.details)
            .collect();
        let mut snapshot =
            ReferralSnapshot::take(&details, &fields, category, r.message.as_deref());
        snapshot.documents =
            documents::shared_with_referral(conn, cipher, case, &r.documents, r.scan_required)
                .await?;
        let id: i64 = sqlx::query_scalar(concat!(
            "INSERT INTO referrals (case_id, org_id, state, fields, snapshot, reason, sent_by,
                                    sent_by_name, sent_at, respond_by, updated_at)
             VALUES ($1, $2, 'sent', ",
            json_param!(3),
            ", $4, $5, $6, $7, $8, $9, $10)
             RETURNING id",
        ))
        .bind(case.0)
        .bind(org.id.0)
        .bind(&fields_json)
        .bind(cipher.seal(
            Field::ReferralSnapshot,
            &serde_json::to_string(&snapshot).map_err(db_err)?,
        ))
        .bind(cipher.seal(Field::ReferralReason, r.reason.trim()))
        .bind(actor.user_id.map(|u| u.0))
        .bind(&actor.name)
        .bind(dialect::time(at))
        .bind(dialect::time(r.respond_by))
        .bind(dialect::time(at))
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
        let mut detail = format!(
            "referral {id} to {} ({} people; shared: {}); respond by {}",
            org.name,
            snapshot.people.len(),
            fields_text(&fields),
            r.respond_by.format("%Y-%m-%d %H:%M UTC")
        );
        if !snapshot.documents.is_empty() {
            let ids: Vec<String> = snapshot
                .documents
                .iter()
                .map(|d| d.id.to_string())
                .collect();
            detail.push_str(&format!("; documents shared: {}", ids.join(", ")));
        }
        audit::append(
            conn,
            at,
            actor,
            &NewAuditEvent::new(AuditAction::ReferralSent, "referral", id, detail.clone()),
        )
        .await?;
        audit::append(
            conn,
            at,
            actor,
            &NewAuditEvent::new(AuditAction::CaseReferred, "case", case.0, detail),
        )
        .await?;
        if status != CaseStatus::WaitingPartner
            && status.next().contains(&CaseStatus::WaitingPartner)
        {
            cases::change_status(
                conn,
                at,
                cipher,
                case,
                CaseStatus::WaitingPartner,
                Some(&format!("referred to {}", org.name)),
                None,
                actor,
            )
            .await?;
        }
        out.push(ReferralId(id));
    }
    Ok(out)
}

fn push_filter(
    q: &mut QueryBuilder<Db>,
    f: &ReferralFilter,
    who: &ReferralActor,
    now: DateTime<Utc>,
) {
    q.push(" WHERE 1 = 1");
    if let ReferralActor::Partner(org) = who {
        q.push(" AND r.org_id = ").push_bind(org.0);
    }
    if let Some(o) = f.org {
        q.push(" AND r.org_id = ").push_bind(o.0);
    }
    if let Some(s) = f.state {
        q.push(" AND r.state = ").push_bind(s.as_str());
    }
    if let Some(c) = f.case {
        q.push(" AND r.case_id = ").push_bind(c.0);
    }
    if f.overdue_only {
        q.push(" AND r.state IN ('sent', 'acknowledged') AND r.respond_by < ")
            .push_bind(dialect::time(now));
    }
}

pub(crate) async fn list_referrals(
    pool: &DbPool,
    cipher: &Cipher,
    filter: &ReferralFilter,
    who: &ReferralActor,
    now: DateTime<Utc>,
) -> Result<Vec<Referral>> {
    let mut q = QueryBuilder::<Db>::new(REFERRAL_SELECT);
    push_filter(&mut q, filter, who, now);
    q.push(" ORDER BY r.id DESC");
    q.build()
        .fetch_all(pool)
        .await
        .map_err(db_err)?
        .iter()
        .map(|r| referral_row(r, cipher, now))
        .collect()
}

async fn load(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    id: ReferralId,
) -> Result<Option<Referral>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{REFERRAL_SELECT} WHERE r.id = $1"
    )))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?;
    row.map(|r| referral_row(&r, cipher, at)).transpose()
}

/// A partner never learns that another organization's referral exists.
fn visible(r: Option<Referral>, who: &ReferralActor) -> Option<Referral> {
    match who {
        ReferralActor::Partner(org) => r.filter(|r| r.org_id == *org),
        ReferralActor::Staff => r,
    }
}

pub(crate) async fn get_referral(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    id: ReferralId,
    who: &ReferralActor,
    actor: &Actor,
) -> Result<Option<Referral>> {
    let found = visible(load(conn, at, cipher, id).await?, who);
    if found.is_some() {
        audit::append(
            conn,
            at,
            actor,
            &NewAuditEvent::new(AuditAction::ReferralViewed, "referral", id.0, ""),
        )
        .await?;
    }
    Ok(found)
}

pub(crate) async fn audit_listing(
    conn: &mut Conn,
    at: DateTime<Utc>,
    who: &ReferralActor,
    count: usize,
    actor: &Actor,
) -> Result<()> {
    if let ReferralActor::Partner(org) = who {
        audit::append(
            conn,
            at,
            actor,
            &NewAuditEvent::new(
                AuditAction::ReferralListed,
                "org",
                org.0,
                format!("{count} referrals listed"),
            ),
        )
        .await?;
    }
    Ok(())
}

/// Whether the case still has a partner working on it.
async fn active_referrals(conn: &mut Conn, case: CaseId) -> Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM referrals WHERE case_id = $1
         AND state IN ('sent', 'acknowledged', 'accepted')",
    )
    .bind(case.0)
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)
}

pub(crate) async fn update_referral(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    id: ReferralId,
    action: &ReferralAction,
    who: &ReferralActor,
    actor: &Actor,
) -> Result<Referral> {
    let current =
        visible(load(conn, at, cipher, id).await?, who).ok_or_else(|| missing("referral", id.0))?;
    let side = match who {
        ReferralActor::Partner(_) => ReferralSide::Partner,
        ReferralActor::Staff => ReferralSide::Staff,
    };
    current
        .state
        .apply(action, side)
        .map_err(Refusal::Referral)?;
    let to = action.target();
    let recorded_by = (side == ReferralSide::Staff && to != ReferralState::Withdrawn).then(|| {
        format!(
            "recorded by {} on behalf of {}",
            actor.name, current.org_name
        )
    });
    let (decline_reason, result_note, why) = match action {
        ReferralAction::Decline { reason } => (Some(reason.trim()), None, Some(reason.trim())),
        ReferralAction::Complete { note } => (None, Some(note.trim()), None),
        ReferralAction::Withdraw { reason } => (None, None, reason.as_deref().map(str::trim)),
        _ => (None, None, None),
    };
    sqlx::query(
        "UPDATE referrals SET state = $1, decline_reason = COALESCE($2, decline_reason),
                result_note = COALESCE($3, result_note), recorded_by = $4, updated_at = $5
         WHERE id = $6",
    )
    .bind(to.as_str())
    .bind(cipher.seal_opt(Field::ReferralDeclineReason, decline_reason))
    .bind(cipher.seal_opt(Field::ReferralResultNote, result_note))
    .bind(&recorded_by)
    .bind(dialect::time(at))
    .bind(id.0)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    let mut detail = format!(
        "referral {id} to {}: {} → {}",
        current.org_name,
        current.state.label(),
        to.label()
    );
    detail = match action {
        // Kept (sealed) on the referral itself.
        ReferralAction::Decline { .. } | ReferralAction::Complete { .. } => {
            detail + "; reason recorded on the referral"
        }
        _ => cases::with_reason(conn, at, cipher, current.case_id, detail, why, actor).await?,
    };
    if let Some(r) = &recorded_by {
        detail.push_str(&format!("; {r}"));
    }
    let (on_referral, on_case) = AuditAction::referral_moved(to);
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(on_referral, "referral", id.0, detail.clone()),
    )
    .await?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(on_case, "case", current.case_id.0, detail),
    )
    .await?;
    // A declined or withdrawn referral hands the case back to its owner, unless another
    // partner still has it.
    if matches!(to, ReferralState::Declined | ReferralState::Withdrawn)
        && active_referrals(conn, current.case_id).await? == 0
    {
        let status: String = sqlx::query_scalar("SELECT status FROM cases WHERE id = $1")
            .bind(current.case_id.0)
            .fetch_one(&mut *conn)
            .await
            .map_err(db_err)?;
        if status == CaseStatus::WaitingPartner.as_str() {
            cases::change_status(
                conn,
                at,
                cipher,
                current.case_id,
                CaseStatus::InProgress,
                Some(&format!(
                    "referral to {} {}",
                    current.org_name,
                    to.label().to_lowercase()
                )),
                None,
                actor,
            )
            .await?;
        }
    }
    load(conn, at, cipher, id)
        .await?
        .ok_or_else(|| missing("referral", id.0))
}

pub(crate) async fn declined_for_owner(
    pool: &DbPool,
    cipher: &Cipher,
    owner: UserId,
) -> Result<Vec<DeclinedReferral>> {
    let rows = sqlx::query(
        "SELECT r.id, r.case_id, o.name, r.decline_reason FROM referrals r
         JOIN cases c ON c.id = r.case_id JOIN partner_orgs o ON o.id = r.org_id
         WHERE r.state = 'declined' AND r.decline_seen_at IS NULL AND c.is_open
           AND c.owner_id = $1
         ORDER BY r.updated_at DESC, r.id DESC",
    )
    .bind(owner.0)
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    rows.iter()
        .map(|r| {
            Ok(DeclinedReferral {
                referral_id: ReferralId(r.try_get("id").map_err(db_err)?),
                case_id: CaseId(r.try_get("case_id").map_err(db_err)?),
                org_name: r.try_get("name").map_err(db_err)?,
                decline_reason: rows::open_opt(
                    cipher,
                    Field::ReferralDeclineReason,
                    r,
                    "decline_reason",
                )?
                .unwrap_or_default(),
            })
        })
        .collect()
}

pub(crate) async fn acknowledge_decline(
    conn: &mut Conn,
    at: DateTime<Utc>,
    id: ReferralId,
    actor: &Actor,
) -> Result<()> {
    let case: Option<i64> = sqlx::query_scalar(
        "UPDATE referrals SET decline_seen_at = COALESCE(decline_seen_at, $1)
         WHERE id = $2 AND state = 'declined' RETURNING case_id",
    )
    .bind(dialect::time(at))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?;
    let Some(case) = case else {
        return Err(Refusal::NotDeclined { referral: id.0 }.into());
    };
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::CaseReferralDeclineNoted,
            "case",
            case,
            format!("declined referral {id} noted"),
        ),
    )
    .await
}

pub(crate) async fn set_requester_language(
    conn: &mut Conn,
    at: DateTime<Utc>,
    requester: RequesterId,
    language: Language,
    actor: &Actor,
) -> Result<()> {
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM requesters WHERE id = $1")
        .bind(requester.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?;
    if exists.is_none() {
        return Err(missing("requester", requester.0));
    }
    sqlx::query(
        "INSERT INTO requester_languages (requester_id, language) VALUES ($1, $2)
         ON CONFLICT (requester_id) DO UPDATE SET language = excluded.language",
    )
    .bind(requester.0)
    .bind(language.as_str())
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::RequesterLanguageSet,
            "requester",
            requester.0,
            format!("language {language}"),
        ),
    )
    .await
}

pub(crate) async fn requester_languages(
    pool: &DbPool,
    case: CaseId,
) -> Result<Vec<(RequesterId, Language)>> {
    let rows = sqlx::query(
        "SELECT DISTINCT i.requester_id, l.language FROM inquiries i
         JOIN case_inquiries ci ON ci.inquiry_id = i.id
         LEFT JOIN requester_languages l ON l.requester_id = i.requester_id
         WHERE ci.case_id = $1 ORDER BY i.requester_id",
    )
    .bind(case.0)
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    rows.iter()
        .map(|r| {
            let lang: Option<&str> = r.try_get("language").map_err(db_err)?;
            Ok((
                RequesterId(r.try_get("requester_id").map_err(db_err)?),
                lang.map(rows::code)
                    .transpose()?
                    .unwrap_or(DEFAULT_LANGUAGE),
            ))
        })
        .collect()
}

struct Asked {
    inquiry: i64,
    channel: Channel,
    name: String,
    email: Option<String>,
    /// The number a text message (SMS, WhatsApp) of theirs came from.
    number: Option<String>,
    language: Language,
}

pub(crate) async fn reply_to_requesters(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    case_ids: &[CaseId],
    reply: ReplyRequest,
    actor: &Actor,
) -> Result<Vec<CaseReply>> {
    let mut out = Vec::new();
    for &case in case_ids {
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM cases WHERE id = $1")
            .bind(case.0)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_err)?;
        if exists.is_none() {
            return Err(missing("case", case.0));
        }
        // Each requester is answered once, through the channel of their latest inquiry.
        let rows = sqlx::query(
            "SELECT i.id, i.channel, i.requester_id, r.name, r.email, l.language,
                    (SELECT m.number FROM messages m WHERE m.inquiry_id = i.id
                       AND m.direction = 'in' ORDER BY m.id LIMIT 1) AS number
             FROM inquiries i JOIN requesters r ON r.id = i.requester_id
             JOIN case_inquiries ci ON ci.inquiry_id = i.id
             LEFT JOIN requester_languages l ON l.requester_id = r.id
             WHERE ci.case_id = $1 ORDER BY i.received_at DESC, i.id DESC",
        )
        .bind(case.0)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_err)?;
        let mut asked: BTreeMap<i64, Asked> = BTreeMap::new();
        for r in &rows {
            let requester: i64 = r.try_get("requester_id").map_err(db_err)?;
            if asked.contains_key(&requester) {
                continue;
            }
            let lang: Option<&str> = r.try_get("language").map_err(db_err)?;
            asked.insert(
                requester,
                Asked {
                    inquiry: r.try_get("id").map_err(db_err)?,
                    channel: rows::code(r.try_get::<&str, _>("channel").map_err(db_err)?)?,
                    name: rows::open(cipher, Field::RequesterName, r, "name")?,
                    email: rows::open_opt(cipher, Field::RequesterEmail, r, "email")?
                        .filter(|e| !e.trim().is_empty()),
                    number: rows::open_opt(cipher, Field::MessageNumber, r, "number")?,
                    language: lang
                        .map(rows::code)
                        .transpose()?
                        .unwrap_or(DEFAULT_LANGUAGE),
                },
            );
        }
        let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        for (requester, a) in asked {
            let delivery =
                ReplyDelivery::for_channel(a.channel, a.email.is_some(), a.number.is_some());
            let outbox_id: Option<i64> = match (&a.email, &a.number, delivery) {
                (_, Some(number), ReplyDelivery::SmsQueued | ReplyDelivery::WhatsappQueued) => {
                    // By text, on the channel they wrote on; the message keeps the words sent.
                    let channel = match delivery {
                        ReplyDelivery::SmsQueued => MessageChannel::Sms,
                        _ => MessageChannel::WhatsApp,
                    };
                    let reference: String =
                        sqlx::query_scalar("SELECT reference FROM inquiries WHERE id = $1")
                            .bind(a.inquiry)
                            .fetch_one(&mut *conn)
                            .await
                            .map_err(db_err)?;
                    let text = reply.template.render(a.language, &reference).body;
                    let (message, queued) = messages::queue(
                        conn,
                        at,
                        cipher,
                        channel,
                        number,
                        &text,
                        &outbox_kind(reply.template, a.language),
                        a.inquiry,
                    )
                    .await?;
                    if queued {
                        sqlx::query_scalar("SELECT outbox_id FROM messages WHERE id = $1")
                            .bind(message)
                            .fetch_one(&mut *conn)
                            .await
                            .map_err(db_err)?
                    } else {
                        None
                    }
                }
                (Some(to), _, ReplyDelivery::EmailQueued) => Some(
                    sqlx::query_scalar(
                        "INSERT INTO outbox (inquiry_id, kind, to_address, created_at,
                                             next_attempt_at, attempts)
                         VALUES ($1, $2, $3, $4, $5, 0) RETURNING id",
                    )
                    .bind(a.inquiry)
                    .bind(outbox_kind(reply.template, a.language))
                    .bind(cipher.seal(Field::OutboxAddress, to))
                    .bind(dialect::time(at))
                    .bind(dialect::time(at))
                    .fetch_one(&mut *conn)
                    .await
                    .map_err(db_err)?,
                ),
                _ => None,
            };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO case_replies (case_id, requester_id, template, language, channel,
                                           delivery, outbox_id, by_id, by_name, at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            )
            .bind(case.0)
            .bind(requester)
            .bind(reply.template.as_str())
            .bind(a.language.as_str())
            .bind(a.channel.as_str())
            .bind(delivery.as_str())
            .bind(outbox_id)
            .bind(actor.user_id.map(|u| u.0))
            .bind(&actor.name)
            .bind(dialect::time(at))
            .fetch_one(&mut *conn)
            .await
            .map_err(db_err)?;
            *counts.entry(delivery.as_str()).or_default() += 1;
            out.push(CaseReply {
                id: ReplyId(id),
                case_id: case,
                requester_id: RequesterId(requester),
                requester_name: a.name,
                template: reply.template,
                language: a.language,
                channel: a.channel,
                delivery,
                by_name: actor.name.clone(),
                at,
            });
        }
        let counted = counts
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect::<Vec<_>>()
            .join(", ");
        audit::append(
            conn,
            at,
            actor,
            &NewAuditEvent::new(
                AuditAction::CaseReplied,
                "case",
                case.0,
                format!(
                    "reply {}: {}",
                    reply.template,
                    if counted.is_empty() {
                        "no requesters".into()
                    } else {
                        counted
                    }
                ),
            ),
        )
        .await?;
    }
    Ok(out)
}

pub(crate) async fn case_replies(
    pool: &DbPool,
    cipher: &Cipher,
    case: CaseId,
) -> Result<Vec<CaseReply>> {
    let rows = sqlx::query(
        "SELECT cr.*, r.name AS requester_name FROM case_replies cr
         JOIN requesters r ON r.id = cr.requester_id
         WHERE cr.case_id = $1 ORDER BY cr.id DESC",
    )
    .bind(case.0)
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    rows.iter()
        .map(|r| {
            Ok(CaseReply {
                id: ReplyId(r.try_get("id").map_err(db_err)?),
                case_id: CaseId(r.try_get("case_id").map_err(db_err)?),
                requester_id: RequesterId(r.try_get("requester_id").map_err(db_err)?),
                requester_name: rows::open(cipher, Field::RequesterName, r, "requester_name")?,
                template: rows::code(r.try_get::<&str, _>("template").map_err(db_err)?)?,
                language: rows::code(r.try_get::<&str, _>("language").map_err(db_err)?)?,
                channel: rows::code(r.try_get::<&str, _>("channel").map_err(db_err)?)?,
                delivery: r
                    .try_get::<&str, _>("delivery")
                    .map_err(db_err)?
                    .parse()
                    .map_err(db_err)?,
                by_name: r.try_get("by_name").map_err(db_err)?,
                at: rows::time(r, "at")?,
            })
        })
        .collect()
}
