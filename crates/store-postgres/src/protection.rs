//! Protection at rest on PostgreSQL: the data keys the database was sealed with, sweeps that
//! seal what is not under the current key, and purging closed cases past their retention.

use chrono::{DateTime, Utc};
use corridor_domain::{NewRequester, ReferralSnapshot, RequesterKind};
use corridor_store::crypto::{Cipher, Field, INDEX_KEY_ID, RecordedKey, SEALED_PREFIX};
use corridor_store::intake_plan::stored_requester_key;
use corridor_store::protection::{PURGED, PurgeReport, SealedCount};
use corridor_store::{Actor, NewAuditEvent, Result};
use sqlx::{AssertSqlSafe, PgConnection, PgPool, Row};

use crate::{audit, db_err, rows};

/// Records keys the database has not seen yet. Another server recording the same keys at the
/// same moment is no conflict: the rows are equal.
pub(crate) async fn insert_keys(pool: &PgPool, keys: &[RecordedKey]) -> sqlx::Result<()> {
    for k in keys {
        sqlx::query(
            "INSERT INTO data_keys (id, check_value, recorded_at) VALUES ($1, $2, now())
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&k.id)
        .bind(&k.check_value)
        .execute(pool)
        .await?;
    }
    Ok(())
}

/// The keys a store opens with: retired keys are left out, so that a key file restored from
/// before a rotation (holding only the retired key) is refused instead of failing value by
/// value.
pub(crate) async fn recorded_keys(pool: &PgPool) -> sqlx::Result<Vec<RecordedKey>> {
    Ok(sqlx::query_as::<_, (String, String)>(
        "SELECT id, check_value FROM data_keys WHERE retired_at IS NULL",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|(id, check_value)| RecordedKey { id, check_value })
    .collect())
}

pub(crate) async fn has_mark(pool: &PgPool, name: &str) -> Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM protection_marks WHERE name = $1)")
        .bind(name)
        .fetch_one(pool)
        .await
        .map_err(db_err)
}

pub(crate) async fn set_mark(pool: &PgPool, name: &str) -> Result<()> {
    sqlx::query("INSERT INTO protection_marks (name) VALUES ($1) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .execute(pool)
        .await
        .map_err(db_err)?;
    Ok(())
}

pub(crate) async fn record_keys(pool: &PgPool, c: &Cipher) -> Result<()> {
    let mut tx = pool.begin().await.map_err(db_err)?;
    for k in c.recorded_keys() {
        // A key held again (a rotation undone) is no longer retired.
        sqlx::query(
            "INSERT INTO data_keys (id, check_value, recorded_at) VALUES ($1, $2, now())
             ON CONFLICT (id) DO UPDATE SET retired_at = NULL",
        )
        .bind(&k.id)
        .bind(&k.check_value)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
    }
    sqlx::query(
        "UPDATE data_keys SET retired_at = now()
         WHERE retired_at IS NULL AND id <> $1 AND NOT (id = ANY($2))",
    )
    .bind(INDEX_KEY_ID)
    .bind(c.key_ids())
    .execute(&mut *tx)
    .await
    .map_err(db_err)?;
    tx.commit().await.map_err(db_err)
}

/// The prefix of values sealed under the current key.
fn current_prefix(c: &Cipher) -> String {
    format!("{SEALED_PREFIX}{}:", c.current_key_id())
}

pub(crate) async fn reseal(pool: &PgPool, c: &Cipher, field: Field, limit: u32) -> Result<u64> {
    if field == Field::RequesterName {
        return reseal_requesters(pool, c, limit).await;
    }
    let (table, column) = field.place();
    // Table and column come from the fixed list of sealed fields, never from input.
    let select = format!(
        "SELECT id, {column} AS value FROM {table}
         WHERE {column} IS NOT NULL AND left({column}, length($1)) <> $1
         ORDER BY id LIMIT $2"
    );
    let update = format!("UPDATE {table} SET {column} = $1 WHERE id = $2 AND {column} = $3");
    let found = sqlx::query(AssertSqlSafe(select))
        .bind(current_prefix(c))
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
    let mut tx = pool.begin().await.map_err(db_err)?;
    let mut changed = 0;
    for row in &found {
        let id: i64 = row.try_get("id").map_err(db_err)?;
        let old: String = row.try_get("value").map_err(db_err)?;
        let new = c.reseal(field, &old)?;
        // Only if unchanged since it was read: a value written meanwhile is already sealed
        // under the current key and must not be overwritten with the older one.
        changed += sqlx::query(AssertSqlSafe(update.clone()))
            .bind(new)
            .bind(id)
            .bind(&old)
            .execute(&mut *tx)
            .await
            .map_err(db_err)?
            .rows_affected();
    }
    tx.commit().await.map_err(db_err)?;
    Ok(done_or_moved_on(found.len(), changed))
}

/// A row rewritten meanwhile by a writer is sealed under the current key already: a batch
/// whose rows all were still counts as progress, so that a sweep does not stop before the
/// rows after it.
fn done_or_moved_on(found: usize, changed: u64) -> u64 {
    if found > 0 { changed.max(1) } else { 0 }
}

/// Requesters: the name is resealed, and a lookup key left in clear (it spells out the name
/// and email) becomes the keyed hash.
async fn reseal_requesters(pool: &PgPool, c: &Cipher, limit: u32) -> Result<u64> {
    let found = sqlx::query(
        "SELECT id, kind, name, email, dedupe_key FROM requesters
         WHERE left(name, length($1)) <> $1
            OR (dedupe_key NOT LIKE 'h1:%' AND dedupe_key NOT LIKE 'purged:%'
                AND dedupe_key NOT LIKE 'dup:%')
         ORDER BY id LIMIT $2",
    )
    .bind(current_prefix(c))
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    let mut tx = pool.begin().await.map_err(db_err)?;
    let mut changed = 0;
    for row in &found {
        let id: i64 = row.try_get("id").map_err(db_err)?;
        let old_name: String = row.try_get("name").map_err(db_err)?;
        let old_key: String = row.try_get("dedupe_key").map_err(db_err)?;
        let name = c.reseal(Field::RequesterName, &old_name)?;
        // A purged requester's key, or one given up for a duplicate, names nobody.
        let key = if ["h1:", "purged:", "dup:"]
            .iter()
            .any(|p| old_key.starts_with(p))
        {
            old_key.clone()
        } else {
            let kind: RequesterKind = rows::code(row.try_get::<&str, _>("kind").map_err(db_err)?)?;
            stored_requester_key(
                c,
                &NewRequester {
                    kind,
                    name: c.open(Field::RequesterName, &old_name)?,
                    organization: None,
                    email: rows::open_opt(c, Field::RequesterEmail, row, "email")?,
                    phone: None,
                },
            )?
        };
        // A requester written meanwhile under the hashed key is the same requester asking
        // again: this older row keeps its inquiries but gives up the lookup (a key naming
        // nobody), so that the name does not stay readable in the key.
        changed += sqlx::query(
            "UPDATE requesters SET name = $1,
                 dedupe_key = CASE
                     WHEN $2 = dedupe_key THEN dedupe_key
                     WHEN EXISTS (SELECT 1 FROM requesters o WHERE o.dedupe_key = $2 AND o.id <> $3)
                         THEN 'dup:' || id
                     ELSE $2 END
             WHERE id = $3 AND name = $4 AND dedupe_key = $5",
        )
        .bind(name)
        .bind(&key)
        .bind(id)
        .bind(&old_name)
        .bind(&old_key)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?
        .rows_affected();
    }
    tx.commit().await.map_err(db_err)?;
    Ok(done_or_moved_on(found.len(), changed))
}

pub(crate) async fn sealed_counts(pool: &PgPool) -> Result<Vec<SealedCount>> {
    let mut out = Vec::new();
    for field in Field::ALL {
        let (table, column) = field.place();
        let sql = format!(
            "SELECT CASE WHEN left({column}, length($1)) = $1
                         THEN split_part(substr({column}, length($1) + 1), ':', 1)
                         ELSE 'clear' END AS key,
                    COUNT(*) AS n
             FROM {table} WHERE {column} IS NOT NULL GROUP BY 1 ORDER BY 1"
        );
        let rows: Vec<(String, i64)> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(SEALED_PREFIX)
            .fetch_all(pool)
            .await
            .map_err(db_err)?;
        out.extend(rows.into_iter().map(|(key, values)| SealedCount {
            table,
            column,
            key,
            values,
        }));
    }
    Ok(out)
}

/// One statement's ids as a bigint array bind.
async fn ids(conn: &mut PgConnection, sql: &'static str, of: &[i64]) -> Result<Vec<i64>> {
    sqlx::query_scalar(sql)
        .bind(of)
        .fetch_all(&mut *conn)
        .await
        .map_err(db_err)
}

async fn exec(
    conn: &mut PgConnection,
    q: sqlx::query::Query<'_, sqlx::Postgres, sqlx::postgres::PgArguments>,
) -> Result<u64> {
    Ok(q.execute(&mut *conn).await.map_err(db_err)?.rows_affected())
}

/// The caller's transaction holds the write lock. Cases are marked purged first, so that
/// "everything of theirs is purged" below counts these cases too.
pub(crate) async fn purge_closed_cases(
    conn: &mut PgConnection,
    c: &Cipher,
    closed_before: DateTime<Utc>,
    actor: &Actor,
) -> Result<PurgeReport> {
    let mut cases: Vec<i64> = sqlx::query_scalar(
        "UPDATE cases SET purged_at = now()
         WHERE NOT is_open AND closed_at < $1 AND purged_at IS NULL
         RETURNING id",
    )
    .bind(closed_before)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    if cases.is_empty() {
        return Ok(PurgeReport::default());
    }
    cases.sort_unstable();
    let inquiries = ids(
        conn,
        "SELECT id FROM inquiries WHERE case_id = ANY($1) ORDER BY id",
        &cases,
    )
    .await?;
    exec(
        conn,
        sqlx::query(
            "UPDATE inquiries SET subject = $2, raw_payload = $3, household_label = NULL
             WHERE id = ANY($1)",
        )
        .bind(&inquiries)
        .bind(c.seal(Field::InquirySubject, PURGED))
        .bind(c.seal(Field::InquiryPayload, "")),
    )
    .await?;
    let records = ids(
        conn,
        "SELECT id FROM person_records WHERE inquiry_id = ANY($1) ORDER BY id",
        &inquiries,
    )
    .await?;
    // An empty record still reads back: every field of PersonDetails is optional.
    exec(
        conn,
        sqlx::query("UPDATE person_records SET details = $2, place = NULL WHERE id = ANY($1)")
            .bind(&records)
            .bind(c.seal(Field::PersonDetails, "{}")),
    )
    .await?;
    exec(
        conn,
        sqlx::query("UPDATE match_reviews SET evidence = $2 WHERE record_id = ANY($1)")
            .bind(&records)
            .bind(c.seal(Field::ReviewEvidence, "{}")),
    )
    .await?;
    exec(
        conn,
        sqlx::query("UPDATE case_notes SET body = $2 WHERE case_id = ANY($1)")
            .bind(&cases)
            .bind(c.seal(Field::NoteBody, PURGED)),
    )
    .await?;
    exec(
        conn,
        sqlx::query("UPDATE case_tasks SET body = $2 WHERE case_id = ANY($1)")
            .bind(&cases)
            .bind(c.seal(Field::TaskBody, PURGED)),
    )
    .await?;
    exec(
        conn,
        sqlx::query(
            "UPDATE cases SET
                 outcome_reason = CASE WHEN outcome_reason IS NULL THEN NULL ELSE $2 END,
                 priority_reason = CASE WHEN priority_reason IS NULL THEN NULL ELSE $3 END
             WHERE id = ANY($1)",
        )
        .bind(&cases)
        .bind(c.seal(Field::CaseOutcomeReason, PURGED))
        .bind(c.seal(Field::CasePriorityReason, PURGED)),
    )
    .await?;
    let empty_snapshot = serde_json::to_string(&ReferralSnapshot::default()).map_err(db_err)?;
    exec(
        conn,
        sqlx::query(
            "UPDATE referrals SET snapshot = $2, reason = $3,
                 decline_reason = CASE WHEN decline_reason IS NULL THEN NULL ELSE $4 END,
                 result_note = CASE WHEN result_note IS NULL THEN NULL ELSE $5 END
             WHERE case_id = ANY($1)",
        )
        .bind(&cases)
        .bind(c.seal(Field::ReferralSnapshot, &empty_snapshot))
        .bind(c.seal(Field::ReferralReason, PURGED))
        .bind(c.seal(Field::ReferralDeclineReason, PURGED))
        .bind(c.seal(Field::ReferralResultNote, PURGED)),
    )
    .await?;
    // A message still waiting has nobody left to go to: it is given up, not sent to
    // "(purged)".
    exec(
        conn,
        sqlx::query(
            "UPDATE outbox SET to_address = $2,
                 abandoned_at = CASE WHEN sent_at IS NULL AND abandoned_at IS NULL
                                     THEN now() ELSE abandoned_at END,
                 claim = NULL, claimed_until = NULL
             WHERE inquiry_id = ANY($1)",
        )
        .bind(&inquiries)
        .bind(c.seal(Field::OutboxAddress, PURGED)),
    )
    .await?;
    // People none of whose records is kept any more (a record on an inquiry still waiting in
    // triage, or on a case not purged, keeps the person's pathway notes).
    let persons = ids(
        conn,
        "SELECT DISTINCT pr.person_id FROM person_records pr
         WHERE pr.inquiry_id = ANY($1)
           AND NOT EXISTS (
               SELECT 1 FROM person_records o
               JOIN inquiries i ON i.id = o.inquiry_id
               LEFT JOIN cases k ON k.id = i.case_id
               WHERE o.person_id = pr.person_id AND k.purged_at IS NULL)",
        &inquiries,
    )
    .await?;
    exec(
        conn,
        sqlx::query(
            "UPDATE pathway_evidence SET
                 reference = CASE WHEN reference IS NULL THEN NULL ELSE $2 END,
                 note = CASE WHEN note IS NULL THEN NULL ELSE $3 END
             WHERE pathway_id IN (SELECT id FROM person_pathways WHERE person_id = ANY($1))",
        )
        .bind(&persons)
        .bind(c.seal(Field::EvidenceReference, PURGED))
        .bind(c.seal(Field::EvidenceNote, PURGED)),
    )
    .await?;
    exec(
        conn,
        sqlx::query(
            "UPDATE pathway_changes SET note = $2
             WHERE note IS NOT NULL
               AND pathway_id IN (SELECT id FROM person_pathways WHERE person_id = ANY($1))",
        )
        .bind(&persons)
        .bind(c.seal(Field::PathwayChangeNote, PURGED)),
    )
    .await?;
    let requesters = exec(
        conn,
        sqlx::query(
            "UPDATE requesters r SET name = $2, email = NULL, phone = NULL,
                 dedupe_key = 'purged:' || r.id
             WHERE r.id IN (SELECT requester_id FROM inquiries WHERE id = ANY($1))
               AND NOT EXISTS (
                   SELECT 1 FROM inquiries i LEFT JOIN cases k ON k.id = i.case_id
                   WHERE i.requester_id = r.id AND k.purged_at IS NULL)",
        )
        .bind(&inquiries)
        .bind(c.seal(Field::RequesterName, PURGED)),
    )
    .await?;
    exec(
        conn,
        sqlx::query(
            "UPDATE households h SET label = NULL
             WHERE h.id IN (SELECT household_id FROM cases WHERE id = ANY($1))
               AND NOT EXISTS (
                   SELECT 1 FROM cases k WHERE k.household_id = h.id AND k.purged_at IS NULL)",
        )
        .bind(&cases),
    )
    .await?;
    let events: Vec<NewAuditEvent> = cases
        .iter()
        .map(|id| {
            NewAuditEvent::new(
                "case.purged",
                "case",
                *id,
                "personal data destroyed after the retention period",
            )
        })
        .collect();
    audit::append_many(conn, actor, &events).await?;
    Ok(PurgeReport {
        cases: cases.len() as u64,
        inquiries: inquiries.len() as u64,
        records: records.len() as u64,
        requesters,
    })
}
