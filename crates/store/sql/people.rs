//! People built from their records; merges that can be undone; the review queue.

use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

use corridor_domain::{
    CaseId, FieldSource, HouseholdId, InquiryId, MatchReview, Merge, MergeId, Person,
    PersonDetails, PersonFile, PersonId, PersonRecord, RecordId, ReviewId, ReviewStatus,
};
use corridor_store::Refusal;
use corridor_store::crypto::{Cipher, Field};
use corridor_store::{
    Actor, AuditAction, Cursor, NewAuditEvent, Page, PageRequest, Result, StoreError,
};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Row};

use crate::dialect::{self, Conn, Db, DbRow, in_ids, json_param};
use crate::{audit, db_err, missing, rows};

/// The person `id` is now: itself, or whoever it was merged into. None if it does not exist.
pub(crate) async fn live_person(conn: &mut Conn, id: i64) -> Result<Option<i64>> {
    let mut current = id;
    // Merges chain only as deep as people were merged one into another; the bound guards
    // against a cycle written by hand into the file.
    for _ in 0..64 {
        let row: Option<Option<i64>> =
            sqlx::query_scalar("SELECT merged_into FROM persons WHERE id = $1")
                .bind(current)
                .fetch_optional(&mut *conn)
                .await
                .map_err(db_err)?;
        match row {
            None => return Ok(None),
            Some(None) => return Ok(Some(current)),
            Some(Some(next)) => current = next,
        }
    }
    Err(Refusal::PersonInMergeCycle { person: id }.into())
}

const RECORD_SELECT: &str =
    "SELECT pr.id, pr.person_id, pr.inquiry_id, pr.details, i.reference, i.received_at,
        r.name AS requester_name
 FROM person_records pr
 JOIN inquiries i ON i.id = pr.inquiry_id
 JOIN requesters r ON r.id = i.requester_id";

fn record(row: &DbRow, cipher: &Cipher) -> Result<PersonRecord> {
    Ok(PersonRecord {
        id: RecordId(row.try_get("id").map_err(db_err)?),
        person_id: PersonId(row.try_get("person_id").map_err(db_err)?),
        inquiry_id: InquiryId(row.try_get("inquiry_id").map_err(db_err)?),
        reference: row
            .try_get::<&str, _>("reference")
            .map_err(db_err)?
            .parse()
            .map_err(db_err)?,
        received_at: rows::time(row, "received_at")?,
        requester_name: rows::open(cipher, Field::RequesterName, row, "requester_name")?,
        details: rows::open_details(cipher, row, "details")?,
    })
}

async fn records_of(conn: &mut Conn, cipher: &Cipher, people: &[i64]) -> Result<Vec<PersonRecord>> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::<Db>::new(RECORD_SELECT);
    q.push(" WHERE pr.person_id IN (");
    let mut list = q.separated(", ");
    for p in people {
        list.push_bind(*p);
    }
    q.push(") ORDER BY pr.person_id, pr.id");
    let rows = q.build().fetch_all(&mut *conn).await.map_err(db_err)?;
    rows.iter().map(|r| record(r, cipher)).collect()
}

/// The people with these ids, each consolidated from their records, in the order given.
pub(crate) async fn load(conn: &mut Conn, cipher: &Cipher, ids: &[i64]) -> Result<Vec<Person>> {
    let records = records_of(conn, cipher, ids).await?;
    let mut by_person: BTreeMap<i64, Vec<&PersonRecord>> = BTreeMap::new();
    for r in &records {
        by_person.entry(r.person_id.0).or_default().push(r);
    }
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let row = sqlx::query("SELECT household_id, source_inquiry_id FROM persons WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_err)?
            .ok_or_else(|| missing("person", *id))?;
        let mine = by_person.get(id).map(Vec::as_slice).unwrap_or_default();
        let (details, _) = PersonDetails::consolidate(mine.iter().map(|r| (r.id, &r.details)));
        out.push(Person {
            id: PersonId(*id),
            household_id: row
                .try_get::<Option<i64>, _>("household_id")
                .map_err(db_err)?
                .map(HouseholdId),
            details,
            source_inquiry_id: row
                .try_get::<Option<i64>, _>("source_inquiry_id")
                .map_err(db_err)?
                .map(InquiryId),
            record_count: mine.len() as i64,
        });
    }
    Ok(out)
}

pub(crate) async fn records_after(
    conn: &mut Conn,
    cipher: &Cipher,
    after: RecordId,
    limit: u32,
) -> Result<Vec<(RecordId, PersonId, PersonDetails)>> {
    let rows = sqlx::query(
        "SELECT id, person_id, details FROM person_records WHERE id > $1 ORDER BY id LIMIT $2",
    )
    .bind(after.0)
    .bind(i64::from(limit))
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    rows.iter()
        .map(|row| {
            Ok((
                RecordId(row.try_get("id").map_err(db_err)?),
                PersonId(row.try_get("person_id").map_err(db_err)?),
                rows::open_details(cipher, row, "details")?,
            ))
        })
        .collect()
}

pub(crate) async fn record_owners(
    conn: &mut Conn,
    records: &[RecordId],
) -> Result<Vec<(RecordId, PersonId)>> {
    if records.is_empty() {
        return Ok(Vec::new());
    }
    let mut q = QueryBuilder::<Db>::new("SELECT id, person_id FROM person_records WHERE id IN (");
    let mut list = q.separated(", ");
    for r in records {
        list.push_bind(r.0);
    }
    q.push(")");
    let rows = q.build().fetch_all(&mut *conn).await.map_err(db_err)?;
    rows.iter()
        .map(|row| {
            Ok((
                RecordId(row.try_get("id").map_err(db_err)?),
                PersonId(row.try_get("person_id").map_err(db_err)?),
            ))
        })
        .collect()
}

/// A merge as [`merge_row`] and [`undo_merge`] read it. The record ids and case moves are JSON
/// (`jsonb` on PostgreSQL), read back as text on both databases.
macro_rules! merge_select {
    () => {
        "SELECT id, kept_id, merged_id, CAST(records AS TEXT) AS records,
                CAST(cases AS TEXT) AS cases, created_at, undone_at
         FROM person_merges"
    };
}

pub(crate) async fn file(
    conn: &mut Conn,
    cipher: &Cipher,
    id: PersonId,
) -> Result<Option<PersonFile>> {
    let Some(merged_into): Option<Option<i64>> =
        sqlx::query_scalar("SELECT merged_into FROM persons WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_err)?
    else {
        return Ok(None);
    };
    let person = load(conn, cipher, &[id.0]).await?.remove(0);
    let records = records_of(conn, cipher, &[id.0]).await?;
    let (_, sources) = PersonDetails::consolidate(records.iter().map(|r| (r, &r.details)));
    let sources = sources
        .into_iter()
        .map(|(field, r)| FieldSource {
            field: field.to_string(),
            value: match field {
                "sex" => r
                    .details
                    .sex
                    .map(|s| s.label().to_string())
                    .unwrap_or_default(),
                _ => PersonDetails::TEXT_FIELDS
                    .iter()
                    .find(|(n, _)| *n == field)
                    .and_then(|(_, get)| get(&r.details).clone())
                    .unwrap_or_default(),
            },
            inquiry_id: r.inquiry_id,
            reference: r.reference.clone(),
        })
        .collect();
    let cases: Vec<i64> = sqlx::query_scalar(
        "SELECT case_id FROM case_persons WHERE person_id = $1 ORDER BY case_id",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    let merges = sqlx::query(concat!(
        merge_select!(),
        " WHERE kept_id = $1 OR merged_id = $2 ORDER BY id DESC"
    ))
    .bind(id.0)
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?
    .iter()
    .map(merge_row)
    .collect::<Result<Vec<_>>>()?;
    Ok(Some(PersonFile {
        person,
        records,
        sources,
        cases: cases.into_iter().map(CaseId).collect(),
        merges,
        merged_into: merged_into.map(PersonId),
    }))
}

fn merge_row(row: &DbRow) -> Result<Merge> {
    let records: Vec<i64> =
        serde_json::from_str(row.try_get("records").map_err(db_err)?).map_err(db_err)?;
    Ok(Merge {
        id: MergeId(row.try_get("id").map_err(db_err)?),
        kept_id: PersonId(row.try_get("kept_id").map_err(db_err)?),
        merged_id: PersonId(row.try_get("merged_id").map_err(db_err)?),
        records_moved: records.len() as i64,
        at: rows::time(row, "created_at")?,
        undone: rows::time_opt(row, "undone_at")?.is_some(),
    })
}

/// What a merge changed on one case, so that undoing it restores the case exactly.
#[derive(Serialize, Deserialize)]
struct CaseMove {
    case_id: i64,
    kept_was_there: bool,
    was_principal: bool,
}

pub(crate) async fn merge(
    conn: &mut Conn,
    at: DateTime<Utc>,
    kept: PersonId,
    merged: PersonId,
    reason: Option<&str>,
    actor: &Actor,
) -> Result<MergeId> {
    let live_kept = live_person(conn, kept.0)
        .await?
        .ok_or_else(|| missing("person", kept.0))?;
    let live_merged = live_person(conn, merged.0)
        .await?
        .ok_or_else(|| missing("person", merged.0))?;
    if live_kept != kept.0 || live_merged != merged.0 {
        return Err(Refusal::AlreadyMerged.into());
    }
    if kept == merged {
        return Err(Refusal::MergeIntoSelf.into());
    }
    let now = dialect::time(at);
    let records: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM person_records WHERE person_id = $1 ORDER BY id")
            .bind(merged.0)
            .fetch_all(&mut *conn)
            .await
            .map_err(db_err)?;
    sqlx::query("UPDATE person_records SET person_id = $1 WHERE person_id = $2")
        .bind(kept.0)
        .bind(merged.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    let cases: Vec<i64> =
        sqlx::query_scalar("SELECT case_id FROM case_persons WHERE person_id = $1")
            .bind(merged.0)
            .fetch_all(&mut *conn)
            .await
            .map_err(db_err)?;
    let mut moves = Vec::with_capacity(cases.len());
    for case_id in cases {
        let kept_was_there: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM case_persons WHERE case_id = $1 AND person_id = $2)",
        )
        .bind(case_id)
        .bind(kept.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
        let was_principal: bool = sqlx::query_scalar(
            "SELECT principal_person_id IS NOT DISTINCT FROM $1 FROM cases WHERE id = $2",
        )
        .bind(merged.0)
        .bind(case_id)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
        sqlx::query("DELETE FROM case_persons WHERE case_id = $1 AND person_id = $2")
            .bind(case_id)
            .bind(merged.0)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
        sqlx::query(
            "INSERT INTO case_persons (case_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(case_id)
        .bind(kept.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
        if was_principal {
            sqlx::query("UPDATE cases SET principal_person_id = $1 WHERE id = $2")
                .bind(kept.0)
                .bind(case_id)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
        }
        moves.push(CaseMove {
            case_id,
            kept_was_there,
            was_principal,
        });
    }
    sqlx::query("UPDATE persons SET merged_into = $1, updated_at = $2 WHERE id = $3")
        .bind(kept.0)
        .bind(now)
        .bind(merged.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    let id: i64 = sqlx::query_scalar(concat!(
        "INSERT INTO person_merges (kept_id, merged_id, records, cases, created_at)
         VALUES ($1, $2, ",
        json_param!(3),
        ", ",
        json_param!(4),
        ", $5) RETURNING id"
    ))
    .bind(kept.0)
    .bind(merged.0)
    .bind(serde_json::to_string(&records).map_err(db_err)?)
    .bind(serde_json::to_string(&moves).map_err(db_err)?)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)?;
    let mut detail = format!(
        "merge {id}: person {merged} merged into person {kept}; {} records moved",
        records.len()
    );
    // Free text stays out of the audit trail (see `cases::with_reason`); a review's own
    // reference is no free text.
    if let Some(r) = reason.map(str::trim).filter(|r| !r.is_empty()) {
        detail.push_str(&corridor_store::protection::reason_for_trail(r));
    }
    for person in [kept, merged] {
        audit::append(
            conn,
            at,
            actor,
            &NewAuditEvent::new(
                AuditAction::PersonMerged,
                "person",
                person.0,
                detail.clone(),
            ),
        )
        .await?;
    }
    for m in &moves {
        audit::append(
            conn,
            at,
            actor,
            &NewAuditEvent::new(
                AuditAction::CasePeopleMerged,
                "case",
                m.case_id,
                format!("person {merged} merged into person {kept} (merge {id})"),
            ),
        )
        .await?;
    }
    Ok(MergeId(id))
}

pub(crate) async fn undo_merge(
    conn: &mut Conn,
    at: DateTime<Utc>,
    merge: MergeId,
    actor: &Actor,
) -> Result<()> {
    let row = sqlx::query(concat!(merge_select!(), " WHERE id = $1"))
        .bind(merge.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .ok_or_else(|| missing("merge", merge.0))?;
    if rows::time_opt(&row, "undone_at")?.is_some() {
        return Err(StoreError::Conflict(format!(
            "merge {merge} was undone already"
        )));
    }
    let kept: i64 = row.try_get("kept_id").map_err(db_err)?;
    let merged: i64 = row.try_get("merged_id").map_err(db_err)?;
    if live_person(conn, kept).await? != Some(kept) {
        return Err(Refusal::MergedAgainSince { kept }.into());
    }
    let records: Vec<i64> =
        serde_json::from_str(row.try_get("records").map_err(db_err)?).map_err(db_err)?;
    let moves: Vec<CaseMove> =
        serde_json::from_str(row.try_get("cases").map_err(db_err)?).map_err(db_err)?;
    crate::detach::check_undo(conn, merge, kept, &records).await?;
    for r in &records {
        sqlx::query("UPDATE person_records SET person_id = $1 WHERE id = $2 AND person_id = $3")
            .bind(merged)
            .bind(r)
            .bind(kept)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
    }
    for m in &moves {
        sqlx::query(
            "INSERT INTO case_persons (case_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(m.case_id)
        .bind(merged)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
        if !m.kept_was_there {
            sqlx::query("DELETE FROM case_persons WHERE case_id = $1 AND person_id = $2")
                .bind(m.case_id)
                .bind(kept)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
        }
        if m.was_principal {
            sqlx::query("UPDATE cases SET principal_person_id = $1 WHERE id = $2")
                .bind(merged)
                .bind(m.case_id)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
        }
        audit::append(
            conn,
            at,
            actor,
            &NewAuditEvent::new(
                AuditAction::CasePeopleUnmerged,
                "case",
                m.case_id,
                format!("merge {merge} undone: person {merged} separated from person {kept}"),
            ),
        )
        .await?;
    }
    let now = dialect::time(at);
    sqlx::query("UPDATE persons SET merged_into = NULL, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(merged)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    sqlx::query("UPDATE person_merges SET undone_at = $1 WHERE id = $2")
        .bind(now)
        .bind(merge.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    // A review decided "same" by this merge is open again: a person said it was wrong.
    sqlx::query(concat!(
        "UPDATE match_reviews SET status = 'pending', decided_at = NULL, decided_by = NULL
         WHERE status = 'same' AND candidate_id = $1 AND record_id ",
        in_ids!(2)
    ))
    .bind(kept)
    .bind(dialect::ids(&records))
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    for person in [kept, merged] {
        audit::append(
            conn,
            at,
            actor,
            &NewAuditEvent::new(
                AuditAction::PersonUnmerged,
                "person",
                person,
                format!(
                    "merge {merge} undone; {} records returned to person {merged}",
                    records.len()
                ),
            ),
        )
        .await?;
    }
    Ok(())
}

const REVIEW_SELECT: &str =
    "SELECT mr.id AS review_id, mr.status, mr.probability, mr.evidence, mr.candidate_id,
        mr.created_at AS review_created_at,
        pr.id, pr.person_id, pr.inquiry_id, pr.details, i.reference, i.received_at,
        r.name AS requester_name
 FROM match_reviews mr
 JOIN person_records pr ON pr.id = mr.record_id
 JOIN inquiries i ON i.id = pr.inquiry_id
 JOIN requesters r ON r.id = i.requester_id";

fn review(row: &DbRow, cipher: &Cipher) -> Result<MatchReview> {
    let record = record(row, cipher)?;
    Ok(MatchReview {
        id: ReviewId(row.try_get("review_id").map_err(db_err)?),
        status: match row.try_get::<&str, _>("status").map_err(db_err)? {
            "pending" => ReviewStatus::Pending,
            "same" => ReviewStatus::Same,
            _ => ReviewStatus::Different,
        },
        probability: row.try_get("probability").map_err(db_err)?,
        evidence: rows::open(cipher, Field::ReviewEvidence, row, "evidence")?,
        record_person: record.person_id,
        record,
        candidate: PersonId(row.try_get("candidate_id").map_err(db_err)?),
        created_at: rows::time(row, "review_created_at")?,
    })
}

pub(crate) async fn list_reviews(
    conn: &mut Conn,
    cipher: &Cipher,
    status: ReviewStatus,
    page: PageRequest,
) -> Result<Page<MatchReview>> {
    let mut q = QueryBuilder::<Db>::new(REVIEW_SELECT);
    q.push(" WHERE mr.status = ").push_bind(status.as_str());
    if let Some(after) = page.after {
        q.push(" AND mr.id > ").push_bind(after.id);
    }
    q.push(" ORDER BY mr.id LIMIT ")
        .push_bind(page.limit as i64 + 1);
    let rows = q.build().fetch_all(&mut *conn).await.map_err(db_err)?;
    let mut items = rows
        .iter()
        .map(|r| review(r, cipher))
        .collect::<Result<Vec<_>>>()?;
    let next = if items.len() > page.limit as usize {
        items.truncate(page.limit as usize);
        items.last().map(|r| Cursor {
            rank: 0,
            id: r.id.0,
        })
    } else {
        None
    };
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM match_reviews WHERE status = $1")
        .bind(status.as_str())
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(Page { items, total, next })
}

pub(crate) async fn get_review(
    conn: &mut Conn,
    cipher: &Cipher,
    id: ReviewId,
) -> Result<Option<MatchReview>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{REVIEW_SELECT} WHERE mr.id = $1"
    )))
    .bind(id.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?;
    row.as_ref().map(|r| review(r, cipher)).transpose()
}

pub(crate) async fn decide(
    conn: &mut Conn,
    at: DateTime<Utc>,
    cipher: &Cipher,
    id: ReviewId,
    same: bool,
    actor: &Actor,
) -> Result<()> {
    let r = get_review(conn, cipher, id)
        .await?
        .ok_or_else(|| missing("review", id.0))?;
    if r.status != ReviewStatus::Pending {
        return Err(StoreError::Conflict(format!(
            "review {id} was decided already ({})",
            r.status.as_str()
        )));
    }
    if same {
        let candidate = live_person(conn, r.candidate.0)
            .await?
            .ok_or_else(|| missing("person", r.candidate.0))?;
        let own = live_person(conn, r.record.person_id.0)
            .await?
            .ok_or_else(|| missing("person", r.record.person_id.0))?;
        if candidate != own {
            merge(
                conn,
                at,
                PersonId(candidate),
                PersonId(own),
                Some(&format!("review {id}")),
                actor,
            )
            .await?;
        }
    }
    sqlx::query(
        "UPDATE match_reviews SET status = $1, decided_at = $2, decided_by = $3 WHERE id = $4",
    )
    .bind(if same { "same" } else { "different" })
    .bind(dialect::time(at))
    .bind(actor.user_id.map(|u| u.0))
    .bind(id.0)
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::ReviewDecided,
            "person",
            r.candidate.0,
            format!(
                "review {id}: record {} {} person {}",
                r.record.id,
                if same { "is" } else { "is not" },
                r.candidate
            ),
        ),
    )
    .await?;
    Ok(())
}
