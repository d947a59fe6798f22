//! Keys, sweeps and purges: the SQLite side of protection at rest.

use chrono::{DateTime, Utc};
use corridor_domain::ReferralSnapshot;
use corridor_store::crypto::{Cipher, Field, INDEX_KEY_ID, KeySource, RecordedKey, SEALED_PREFIX};
use corridor_store::intake_plan::requester_key;
use corridor_store::protection::{PURGED, PurgeReport, SealedCount};
use corridor_store::{Actor, NewAuditEvent, Result};
use sqlx::{AssertSqlSafe, Row, SqliteConnection, SqlitePool};

use crate::{audit, db_err, micros};

/// Reads the keys the database records, opens the key source against them and records any
/// new ones, before anything is read or written.
pub(crate) async fn open_cipher(pool: &SqlitePool, keys: &KeySource) -> Result<Cipher> {
    let recorded = recorded_keys(pool).await?;
    let (cipher, new_keys) = Cipher::for_database(keys, &recorded)?;
    insert_keys(pool, &new_keys).await?;
    Ok(cipher)
}

/// The keys a database records as sealing it now. Retired keys do not count: a key file from
/// before a rotation is refused at start rather than failing value by value. A file from before
/// encryption existed has no such table, and no keys.
pub(crate) async fn recorded_keys(pool: &SqlitePool) -> Result<Vec<RecordedKey>> {
    let has_table: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'data_keys'",
    )
    .fetch_one(pool)
    .await
    .map_err(db_err)?;
    if has_table == 0 {
        return Ok(Vec::new());
    }
    Ok(
        sqlx::query("SELECT id, check_value FROM data_keys WHERE retired_at IS NULL")
            .fetch_all(pool)
            .await
            .map_err(db_err)?
            .iter()
            .map(|r| RecordedKey {
                id: r.get("id"),
                check_value: r.get("check_value"),
            })
            .collect(),
    )
}

async fn insert_keys(pool: &SqlitePool, keys: &[RecordedKey]) -> Result<()> {
    for key in keys {
        sqlx::query(
            "INSERT INTO data_keys (id, check_value, recorded_at) VALUES (?, ?, ?)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&key.id)
        .bind(&key.check_value)
        .bind(micros(Utc::now()))
        .execute(pool)
        .await
        .map_err(db_err)?;
    }
    Ok(())
}

pub(crate) async fn has_mark(pool: &SqlitePool, name: &str) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM protection_marks WHERE name = ?")
        .bind(name)
        .fetch_one(pool)
        .await
        .map_err(db_err)?;
    Ok(n > 0)
}

pub(crate) async fn set_mark(pool: &SqlitePool, name: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO protection_marks (name, done_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(micros(Utc::now()))
    .execute(pool)
    .await
    .map_err(db_err)?;
    Ok(())
}

pub(crate) async fn record_keys(pool: &SqlitePool, cipher: &Cipher) -> Result<()> {
    insert_keys(pool, &cipher.recorded_keys()).await?;
    let held = serde_json::to_string(&cipher.key_ids()).expect("serializable");
    sqlx::query(
        "UPDATE data_keys SET retired_at = ? WHERE retired_at IS NULL AND id <> ?
           AND id NOT IN (SELECT value FROM json_each(?))",
    )
    .bind(micros(Utc::now()))
    .bind(INDEX_KEY_ID)
    .bind(held)
    .execute(pool)
    .await
    .map_err(db_err)?;
    Ok(())
}

pub(crate) async fn reseal(
    pool: &SqlitePool,
    cipher: &Cipher,
    field: Field,
    limit: u32,
) -> Result<u64> {
    let (table, column) = field.place();
    let current = format!("{SEALED_PREFIX}{}:%", cipher.current_key_id());
    let extra = if field == Field::RequesterName {
        ", kind, email, dedupe_key"
    } else {
        ""
    };
    let rows = sqlx::query(AssertSqlSafe(format!(
        "SELECT id, {column} AS value{extra} FROM {table}
         WHERE {column} IS NOT NULL AND {column} NOT LIKE ? LIMIT ?"
    )))
    .bind(&current)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    if rows.is_empty() {
        return Ok(0);
    }
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await.map_err(db_err)?;
    let mut changed = 0;
    for row in &rows {
        let id: i64 = row.get("id");
        let old: String = row.get("value");
        let new = cipher.reseal(field, &old)?;
        let done = if field == Field::RequesterName {
            let key: String = row.get("dedupe_key");
            let key = if ["h1:", "purged:", "dup:"]
                .iter()
                .any(|p| key.starts_with(p))
            {
                key
            } else {
                let email: Option<String> = row.get("email");
                lookup_key(cipher, row.get("kind"), &new, email.as_deref())?
            };
            // A requester who wrote again after an upgrade, before this sweep, has a second row
            // under the keyed hash already: the older row keeps its inquiries under a key of
            // its own rather than colliding.
            sqlx::query(AssertSqlSafe(format!(
                "UPDATE {table} SET {column} = ?,
                    dedupe_key = CASE WHEN EXISTS (SELECT 1 FROM requesters o
                                                   WHERE o.dedupe_key = ? AND o.id <> ?)
                                      THEN 'dup:' || id ELSE ? END
                 WHERE id = ? AND {column} = ?"
            )))
            .bind(&new)
            .bind(&key)
            .bind(id)
            .bind(&key)
            .bind(id)
            .bind(&old)
            .execute(&mut *tx)
            .await
        } else {
            sqlx::query(AssertSqlSafe(format!(
                "UPDATE {table} SET {column} = ? WHERE id = ? AND {column} = ?"
            )))
            .bind(&new)
            .bind(id)
            .bind(&old)
            .execute(&mut *tx)
            .await
        };
        changed += done.map_err(db_err)?.rows_affected();
    }
    tx.commit().await.map_err(db_err)?;
    // A row rewritten meanwhile by a writer was sealed under the current key by that writer;
    // count it as done so the sweep moves on.
    Ok(changed.max(1))
}

/// The keyed lookup key of a requester whose key was left in clear by an older version.
fn lookup_key(
    cipher: &Cipher,
    kind: String,
    sealed_name: &str,
    email: Option<&str>,
) -> Result<String> {
    let email = cipher.open_opt(Field::RequesterEmail, email)?;
    let requester = corridor_domain::NewRequester {
        kind: kind.parse().map_err(|_| {
            corridor_store::StoreError::Rule(format!("unknown requester kind {kind:?}"))
        })?,
        name: cipher.open(Field::RequesterName, sealed_name)?,
        organization: None,
        email,
        phone: None,
    };
    Ok(cipher.blind("requester", &requester_key(&requester)?))
}

pub(crate) async fn sealed_counts(pool: &SqlitePool) -> Result<Vec<SealedCount>> {
    let mut out = Vec::new();
    for field in Field::ALL {
        let (table, column) = field.place();
        let rows = sqlx::query(AssertSqlSafe(format!(
            "SELECT CASE WHEN {column} LIKE 'enc1:%'
                        THEN substr({column}, 6, instr(substr({column}, 6), ':') - 1)
                        ELSE 'clear' END AS key,
                    COUNT(*) AS n
             FROM {table} WHERE {column} IS NOT NULL GROUP BY 1 ORDER BY 1"
        )))
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        for row in rows {
            out.push(SealedCount {
                table,
                column,
                key: row.get("key"),
                values: row.get("n"),
            });
        }
    }
    Ok(out)
}

fn ids_json(ids: &[i64]) -> String {
    serde_json::to_string(ids).expect("serializable")
}

async fn ids(conn: &mut SqliteConnection, sql: &str, of: &[i64]) -> Result<Vec<i64>> {
    sqlx::query_scalar(AssertSqlSafe(sql.to_string()))
        .bind(ids_json(of))
        .fetch_all(&mut *conn)
        .await
        .map_err(db_err)
}

async fn run(conn: &mut SqliteConnection, sql: &str, binds: &[&str], of: &[i64]) -> Result<u64> {
    let mut q = sqlx::query(AssertSqlSafe(sql.to_string()));
    for b in binds {
        q = q.bind(*b);
    }
    Ok(q.bind(ids_json(of))
        .execute(&mut *conn)
        .await
        .map_err(db_err)?
        .rows_affected())
}

pub(crate) async fn purge_closed_cases(
    conn: &mut SqliteConnection,
    cipher: &Cipher,
    closed_before: DateTime<Utc>,
    actor: &Actor,
) -> Result<PurgeReport> {
    let cases: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM cases WHERE is_open = 0 AND closed_at IS NOT NULL AND closed_at < ?
           AND purged_at IS NULL ORDER BY id",
    )
    .bind(micros(closed_before))
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    if cases.is_empty() {
        return Ok(PurgeReport::default());
    }
    const IN: &str = "(SELECT value FROM json_each(?))";
    // One sealed value per column: what replaces the text is no secret, but every column
    // stays sealed, so a sweep has nothing in clear to find.
    let purged = |f: Field| cipher.seal(f, PURGED);
    let inquiries = ids(
        conn,
        &format!("SELECT id FROM inquiries WHERE case_id IN {IN}"),
        &cases,
    )
    .await?;
    let records = ids(
        conn,
        &format!("SELECT id FROM person_records WHERE inquiry_id IN {IN}"),
        &inquiries,
    )
    .await?;
    let now = micros(Utc::now()).to_string();
    run(
        conn,
        &format!(
            "UPDATE cases SET purged_at = ?,
                outcome_reason = CASE WHEN outcome_reason IS NULL THEN NULL ELSE ? END,
                priority_reason = CASE WHEN priority_reason IS NULL THEN NULL ELSE ? END
             WHERE id IN {IN}"
        ),
        &[
            &now,
            &purged(Field::CaseOutcomeReason),
            &purged(Field::CasePriorityReason),
        ],
        &cases,
    )
    .await?;
    run(
        conn,
        &format!(
            "UPDATE inquiries SET subject = ?, raw_payload = ?, household_label = NULL
             WHERE id IN {IN}"
        ),
        &[
            &purged(Field::InquirySubject),
            &cipher.seal(Field::InquiryPayload, ""),
        ],
        &inquiries,
    )
    .await?;
    run(
        conn,
        &format!("UPDATE person_records SET details = ?, place = NULL WHERE id IN {IN}"),
        &[&cipher.seal(Field::PersonDetails, "{}")],
        &records,
    )
    .await?;
    run(
        conn,
        &format!("UPDATE match_reviews SET evidence = ? WHERE record_id IN {IN}"),
        &[&cipher.seal(Field::ReviewEvidence, "{}")],
        &records,
    )
    .await?;
    run(
        conn,
        &format!("UPDATE case_notes SET body = ? WHERE case_id IN {IN}"),
        &[&purged(Field::NoteBody)],
        &cases,
    )
    .await?;
    run(
        conn,
        &format!("UPDATE case_tasks SET body = ? WHERE case_id IN {IN}"),
        &[&purged(Field::TaskBody)],
        &cases,
    )
    .await?;
    let empty_snapshot = serde_json::to_string(&ReferralSnapshot::default()).expect("serializable");
    run(
        conn,
        &format!(
            "UPDATE referrals SET snapshot = ?, reason = ?,
                decline_reason = CASE WHEN decline_reason IS NULL THEN NULL ELSE ? END,
                result_note = CASE WHEN result_note IS NULL THEN NULL ELSE ? END
             WHERE case_id IN {IN}"
        ),
        &[
            &cipher.seal(Field::ReferralSnapshot, &empty_snapshot),
            &purged(Field::ReferralReason),
            &purged(Field::ReferralDeclineReason),
            &purged(Field::ReferralResultNote),
        ],
        &cases,
    )
    .await?;
    // A message not sent yet has nowhere to go any more.
    run(
        conn,
        &format!(
            "UPDATE outbox SET to_address = ?,
                abandoned_at = CASE WHEN sent_at IS NULL AND abandoned_at IS NULL
                                    THEN CAST(? AS INTEGER) ELSE abandoned_at END,
                last_error = CASE WHEN sent_at IS NULL AND abandoned_at IS NULL
                                  THEN 'purged' ELSE last_error END
             WHERE inquiry_id IN {IN}"
        ),
        &[&purged(Field::OutboxAddress), &now],
        &inquiries,
    )
    .await?;
    // People, requesters and households are purged once nothing kept refers to them.
    const KEPT_RECORD: &str =
        "SELECT 1 FROM person_records o JOIN inquiries i ON i.id = o.inquiry_id
                               LEFT JOIN cases c ON c.id = i.case_id
                               WHERE o.person_id = pr.person_id AND c.purged_at IS NULL";
    let people = ids(
        conn,
        &format!(
            "SELECT DISTINCT pr.person_id FROM person_records pr
             WHERE pr.id IN {IN} AND NOT EXISTS ({KEPT_RECORD})"
        ),
        &records,
    )
    .await?;
    let pathways = format!("(SELECT id FROM person_pathways WHERE person_id IN {IN})");
    run(
        conn,
        &format!(
            "UPDATE pathway_evidence SET
                reference = CASE WHEN reference IS NULL THEN NULL ELSE ? END,
                note = CASE WHEN note IS NULL THEN NULL ELSE ? END
             WHERE pathway_id IN {pathways}"
        ),
        &[
            &purged(Field::EvidenceReference),
            &purged(Field::EvidenceNote),
        ],
        &people,
    )
    .await?;
    run(
        conn,
        &format!(
            "UPDATE pathway_changes SET note = CASE WHEN note IS NULL THEN NULL ELSE ? END
             WHERE pathway_id IN {pathways}"
        ),
        &[&purged(Field::PathwayChangeNote)],
        &people,
    )
    .await?;
    let requesters = run(
        conn,
        &format!(
            "UPDATE requesters SET name = ?, email = NULL, phone = NULL,
                dedupe_key = 'purged:' || id
             WHERE id IN (SELECT requester_id FROM inquiries WHERE id IN {IN})
               AND NOT EXISTS (SELECT 1 FROM inquiries i LEFT JOIN cases c ON c.id = i.case_id
                               WHERE i.requester_id = requesters.id AND c.purged_at IS NULL)"
        ),
        &[&purged(Field::RequesterName)],
        &inquiries,
    )
    .await?;
    run(
        conn,
        &format!(
            "UPDATE households SET label = NULL
             WHERE id IN (SELECT household_id FROM cases WHERE id IN {IN})
               AND NOT EXISTS (SELECT 1 FROM cases c
                               WHERE c.household_id = households.id AND c.purged_at IS NULL)"
        ),
        &[],
        &cases,
    )
    .await?;
    let events: Vec<NewAuditEvent> = cases
        .iter()
        .map(|&id| {
            NewAuditEvent::new(
                "case.purged",
                "case",
                id,
                "retention period over: personal data destroyed",
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
