//! Detaching a record: the undo for a sure match (made at intake, or a record that ended up on
//! the wrong person through a merge). The record moves to a new person of its own; the rules
//! are [`corridor_store::detach`]'s, this module only reads and writes them.

use chrono::{DateTime, Utc};
use corridor_domain::{CaseId, InquiryId, PersonId, RecordId};
use corridor_store::detach::{DetachPlan, RecordPlace};
use corridor_store::{Actor, Result};
use sqlx::Row;

use crate::dialect::{self, Conn, in_ids};
use crate::people::live_person;
use crate::{audit, db_err};

pub(crate) async fn detach(
    conn: &mut Conn,
    at: DateTime<Utc>,
    person: PersonId,
    record: RecordId,
    reason: Option<&str>,
    actor: &Actor,
) -> Result<PersonId> {
    let live = live_person(conn, person.0).await?;
    let place = match sqlx::query(
        "SELECT pr.person_id, pr.inquiry_id, i.case_id,
                (SELECT COUNT(*) FROM person_records o WHERE o.person_id = pr.person_id) AS records
         FROM person_records pr JOIN inquiries i ON i.id = pr.inquiry_id
         WHERE pr.id = $1",
    )
    .bind(record.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?
    {
        None => None,
        Some(row) => Some(RecordPlace {
            person: PersonId(row.try_get("person_id").map_err(db_err)?),
            inquiry: InquiryId(row.try_get("inquiry_id").map_err(db_err)?),
            case: row
                .try_get::<Option<i64>, _>("case_id")
                .map_err(db_err)?
                .map(CaseId),
            records_of_person: row.try_get("records").map_err(db_err)?,
        }),
    };
    let plan = DetachPlan::check(person, live.map(PersonId), record, place)?;

    // The household of the others the same inquiry describes: the new person was written
    // about with them.
    let household: Option<i64> = sqlx::query_scalar(
        "SELECT p.household_id FROM person_records pr JOIN persons p ON p.id = pr.person_id
         WHERE pr.inquiry_id = $1 AND pr.id <> $2 AND p.household_id IS NOT NULL
         ORDER BY pr.position LIMIT 1",
    )
    .bind(plan.inquiry.0)
    .bind(record.0)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?;
    let now = dialect::time(at);
    let new: i64 = sqlx::query_scalar(
        "INSERT INTO persons (household_id, source_inquiry_id, created_at, updated_at)
         VALUES ($1, $2, $3, $3) RETURNING id",
    )
    .bind(household)
    .bind(plan.inquiry.0)
    .bind(now)
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)?;
    sqlx::query("UPDATE person_records SET person_id = $1 WHERE id = $2")
        .bind(new)
        .bind(record.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    sqlx::query("UPDATE persons SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(person.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;

    let mut left_case = false;
    if let Some(case) = plan.case {
        sqlx::query(
            "INSERT INTO case_persons (case_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(case.0)
        .bind(new)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
        // The old person stays on the case only while another of their records is about it.
        let still_there: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM person_records pr JOIN inquiries i ON i.id = pr.inquiry_id
                            WHERE pr.person_id = $1 AND i.case_id = $2)",
        )
        .bind(person.0)
        .bind(case.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
        if !still_there {
            sqlx::query("DELETE FROM case_persons WHERE case_id = $1 AND person_id = $2")
                .bind(case.0)
                .bind(person.0)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
            sqlx::query(
                "UPDATE cases SET principal_person_id = $1 WHERE id = $2 AND principal_person_id = $3",
            )
            .bind(new)
            .bind(case.0)
            .bind(person.0)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
            left_case = true;
        }
    }
    let new = PersonId(new);
    for event in plan.audit_events(new, left_case, reason) {
        audit::append(conn, at, actor, &event).await?;
    }
    Ok(new)
}

/// Undoing a merge returns its records to the merged person. A record detached since is no
/// longer the kept person's to return, and returning the others without it could leave the
/// merged person with nothing: the undo is refused until the detached person is merged back.
pub(crate) async fn check_undo(
    conn: &mut Conn,
    merge: corridor_domain::MergeId,
    kept: i64,
    records: &[i64],
) -> Result<()> {
    let still: i64 = sqlx::query_scalar(concat!(
        "SELECT COUNT(*) FROM person_records WHERE person_id = $1 AND id ",
        in_ids!(2)
    ))
    .bind(kept)
    .bind(dialect::ids(records))
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)?;
    corridor_store::detach::check_undo(merge, kept, records.len(), still)
}
