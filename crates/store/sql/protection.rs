//! Protection at rest: the data keys the database was sealed with, sweeps that seal what is
//! not under the current key, and purging closed cases past their retention.

use chrono::{DateTime, Utc};
use corridor_domain::{NewRequester, RequesterKind};
use corridor_store::contact::{contact_keys, person_phone_keys};
use corridor_store::crypto::{
    Cipher, CryptoError, Field, INDEX_KEY_ID, KeySource, RecordedKey, SEALED_PREFIX,
};
use corridor_store::intake_plan::stored_requester_key;
use corridor_store::protection::{
    CONTACTS_INDEXED, PERSON_CONTACTS_INDEXED, PLACES_COARSE, PURGED, PurgeReport, PurgeRows,
    PurgedValue, SealedCount, purge_plan,
};
use corridor_store::{Actor, AuditAction, NewAuditEvent, Result};
use sqlx::{AssertSqlSafe, QueryBuilder, Row};

use crate::dialect::{self, Conn, Db, DbPool, in_ids};
use crate::{audit, db_err, rows};

/// Reads the keys the database records, opens the key source against them and records any
/// new ones, before anything is read or written. `db` says what a database error becomes:
/// each backend's `open` reports failures its own way.
pub(crate) async fn open_cipher<E: From<CryptoError>>(
    pool: &DbPool,
    at: DateTime<Utc>,
    keys: &KeySource,
    db: impl Fn(sqlx::Error) -> E,
) -> std::result::Result<Cipher, E> {
    let recorded = recorded_keys(pool).await.map_err(&db)?;
    let (cipher, new_keys) = Cipher::for_database(keys, &recorded)?;
    // Servers starting at once with the same key file record the same rows: the first wins
    // and the others change nothing.
    insert_keys(pool, at, &new_keys).await.map_err(&db)?;
    Ok(cipher)
}

/// The keys a store opens with: retired keys are left out, so that a key file restored from
/// before a rotation (holding only the retired key) is refused at start instead of failing
/// value by value.
pub(crate) async fn recorded_keys(pool: &DbPool) -> sqlx::Result<Vec<RecordedKey>> {
    Ok(sqlx::query_as::<_, (String, String)>(
        "SELECT id, check_value FROM data_keys WHERE retired_at IS NULL",
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|(id, check_value)| RecordedKey { id, check_value })
    .collect())
}

/// Records keys the database has not seen yet. Another server recording the same keys at the
/// same moment is no conflict: the rows are equal.
async fn insert_keys(pool: &DbPool, at: DateTime<Utc>, keys: &[RecordedKey]) -> sqlx::Result<()> {
    for k in keys {
        sqlx::query(
            "INSERT INTO data_keys (id, check_value, recorded_at) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(&k.id)
        .bind(&k.check_value)
        .bind(dialect::time(at))
        .execute(pool)
        .await?;
    }
    Ok(())
}

pub(crate) async fn has_mark<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    name: &str,
) -> Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM protection_marks WHERE name = $1)")
        .bind(name)
        .fetch_one(db)
        .await
        .map_err(db_err)
}

pub(crate) async fn set_mark<'e>(
    db: impl sqlx::Executor<'e, Database = Db>,
    at: DateTime<Utc>,
    name: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO protection_marks (name, done_at) VALUES ($1, $2)
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(dialect::time(at))
    .execute(db)
    .await
    .map_err(db_err)?;
    Ok(())
}

/// Replaces the places an older version kept in clear as typed ("at my uncle's house behind
/// the mosque, Kabul") with the gazetteer's name of the place they mention ("Kabul"), or with
/// nothing, once: the first start after the upgrade, then the mark says it is done. The typed
/// text itself is in the sealed details. Returns how many records changed.
pub(crate) async fn coarsen_places(conn: &mut Conn, at: DateTime<Utc>) -> Result<u64> {
    let done = has_mark(&mut *conn, PLACES_COARSE).await?;
    if done {
        return Ok(0);
    }
    let places: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT place FROM person_records WHERE place IS NOT NULL ORDER BY place",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    let mut changed = 0;
    for typed in places {
        let coarse = corridor_domain::places::coarse_place(&typed);
        if coarse == Some(typed.as_str()) {
            continue;
        }
        changed += sqlx::query("UPDATE person_records SET place = $1 WHERE place = $2")
            .bind(coarse)
            .bind(&typed)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?
            .rows_affected();
    }
    set_mark(&mut *conn, at, PLACES_COARSE).await?;
    Ok(changed)
}

/// Keeps the contact keys of requesters stored before `requester_contacts` existed, once: the
/// first start after the upgrade, then the mark says it is done (intake writes them since).
pub(crate) async fn index_requester_contacts(
    conn: &mut Conn,
    at: DateTime<Utc>,
    c: &Cipher,
) -> Result<u64> {
    let people = index_person_contacts(conn, at, c).await?;
    if has_mark(&mut *conn, CONTACTS_INDEXED).await? {
        return Ok(people);
    }
    let found =
        sqlx::query("SELECT id, phone, email FROM requesters WHERE dedupe_key NOT LIKE 'purged:%'")
            .fetch_all(&mut *conn)
            .await
            .map_err(db_err)?;
    for row in &found {
        let id: i64 = row.try_get("id").map_err(db_err)?;
        let phone = rows::open_opt(c, Field::RequesterPhone, row, "phone")?;
        let email = rows::open_opt(c, Field::RequesterEmail, row, "email")?;
        for key in contact_keys(c, phone.as_deref(), email.as_deref()) {
            sqlx::query(
                "INSERT INTO requester_contacts (requester_id, contact_key) VALUES ($1, $2)
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(key)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
        }
    }
    set_mark(&mut *conn, at, CONTACTS_INDEXED).await?;
    Ok(found.len() as u64 + people)
}

/// The same for people's phones, under its own mark: returns how many records with a phone
/// were indexed.
async fn index_person_contacts(conn: &mut Conn, at: DateTime<Utc>, c: &Cipher) -> Result<u64> {
    if has_mark(&mut *conn, PERSON_CONTACTS_INDEXED).await? {
        return Ok(0);
    }
    let found = sqlx::query("SELECT id, details FROM person_records ORDER BY id")
        .fetch_all(&mut *conn)
        .await
        .map_err(db_err)?;
    let mut indexed = 0;
    for row in &found {
        let id: i64 = row.try_get("id").map_err(db_err)?;
        let details = rows::open_details(c, row, "details")?;
        let keys = person_phone_keys(c, details.phone.as_deref());
        indexed += u64::from(!keys.is_empty());
        for key in keys {
            sqlx::query(
                "INSERT INTO person_contacts (record_id, contact_key) VALUES ($1, $2)
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(key)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
        }
    }
    set_mark(&mut *conn, at, PERSON_CONTACTS_INDEXED).await?;
    Ok(indexed)
}

/// Records the keys the cipher holds as those sealing the database, and retires every other
/// (after a rotation, once nothing is sealed under them any more).
pub(crate) async fn record_keys(pool: &DbPool, at: DateTime<Utc>, c: &Cipher) -> Result<()> {
    let now = dialect::time(at);
    let mut tx = pool
        .begin_with(dialect::BEGIN_WRITE)
        .await
        .map_err(db_err)?;
    for k in c.recorded_keys() {
        // A key held again (a rotation undone) is no longer retired.
        sqlx::query(
            "INSERT INTO data_keys (id, check_value, recorded_at) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET retired_at = NULL",
        )
        .bind(&k.id)
        .bind(&k.check_value)
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(db_err)?;
    }
    // A cipher always holds its current key, so the list is never empty.
    let mut q = QueryBuilder::<Db>::new("UPDATE data_keys SET retired_at = ");
    q.push_bind(now)
        .push(" WHERE retired_at IS NULL AND id <> ")
        .push_bind(INDEX_KEY_ID)
        .push(" AND id NOT IN (");
    let mut held = q.separated(", ");
    for id in c.key_ids() {
        held.push_bind(id);
    }
    q.push(")");
    q.build().execute(&mut *tx).await.map_err(db_err)?;
    tx.commit().await.map_err(db_err)
}

/// The prefix of values sealed under the current key.
fn current_prefix(c: &Cipher) -> String {
    format!("{SEALED_PREFIX}{}:", c.current_key_id())
}

/// Reseals up to `limit` values of `field` that are not under the current key (or still in
/// clear). Returns how many were done; 0 once the field is all done.
pub(crate) async fn reseal(pool: &DbPool, c: &Cipher, field: Field, limit: u32) -> Result<u64> {
    if field == Field::RequesterName {
        return reseal_requesters(pool, c, limit).await;
    }
    let (table, column) = field.place();
    // Table and column come from the fixed list of sealed fields, never from input.
    let select = format!(
        "SELECT id, {column} AS value FROM {table}
         WHERE {column} IS NOT NULL AND substr({column}, 1, length($1)) <> $1
         ORDER BY id LIMIT $2"
    );
    let update = format!("UPDATE {table} SET {column} = $1 WHERE id = $2 AND {column} = $3");
    let found = sqlx::query(AssertSqlSafe(select))
        .bind(current_prefix(c))
        .bind(i64::from(limit))
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
    if found.is_empty() {
        return Ok(0);
    }
    let mut tx = pool
        .begin_with(dialect::BEGIN_WRITE)
        .await
        .map_err(db_err)?;
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
    Ok(moved_on(changed))
}

/// A row rewritten meanwhile by a writer is sealed under the current key already: a batch
/// whose rows all were still counts as progress, so that a sweep does not stop before the
/// rows after it.
fn moved_on(changed: u64) -> u64 {
    changed.max(1)
}

/// Requesters: the name is resealed, and a lookup key left in clear by an older version (it
/// spells out the name and email) becomes the keyed hash.
async fn reseal_requesters(pool: &DbPool, c: &Cipher, limit: u32) -> Result<u64> {
    let found = sqlx::query(
        "SELECT id, kind, name, email, dedupe_key FROM requesters
         WHERE substr(name, 1, length($1)) <> $1
            OR (dedupe_key NOT LIKE 'h1:%' AND dedupe_key NOT LIKE 'purged:%'
                AND dedupe_key NOT LIKE 'dup:%')
         ORDER BY id LIMIT $2",
    )
    .bind(current_prefix(c))
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    if found.is_empty() {
        return Ok(0);
    }
    let mut tx = pool
        .begin_with(dialect::BEGIN_WRITE)
        .await
        .map_err(db_err)?;
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
        // A requester who wrote again after an upgrade, before this sweep, has a second row
        // under the keyed hash already: this older row keeps its inquiries but gives up the
        // lookup (a key naming nobody), so that the name does not stay readable in the key.
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
    Ok(moved_on(changed))
}

/// How many values of each sealed column are under which key, or in clear.
pub(crate) async fn sealed_counts(pool: &DbPool) -> Result<Vec<SealedCount>> {
    let strpos = dialect::STRPOS;
    let mut out = Vec::new();
    for field in Field::ALL {
        let (table, column) = field.place();
        // The key id runs from the prefix to the next ':' (a value without one is all key).
        let sql = format!(
            "SELECT CASE WHEN substr({column}, 1, length($1)) = $1
                         THEN substr({column}, length($1) + 1,
                                     {strpos}(substr({column}, length($1) + 1) || ':', ':') - 1)
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

/// One statement's ids, for a list of ids bound as `$1`.
async fn ids(conn: &mut Conn, sql: &'static str, of: &[i64]) -> Result<Vec<i64>> {
    sqlx::query_scalar(sql)
        .bind(dialect::ids(of))
        .fetch_all(&mut *conn)
        .await
        .map_err(db_err)
}

/// What else a table's purge sets beside its sealed columns, in clear columns; `$now` stands
/// for the time of the purge.
fn purge_also(table: &str) -> Option<&'static str> {
    match table {
        // The coarse place was taken from the record.
        "person_records" => Some("place = NULL"),
        // A message still waiting has nobody left to go to: it is given up (and says why), not
        // sent to "(purged)"; a claim on it ends.
        "outbox" => Some(
            "abandoned_at = CASE WHEN sent_at IS NULL AND abandoned_at IS NULL
                                 THEN $now ELSE abandoned_at END,
             last_error = CASE WHEN sent_at IS NULL AND abandoned_at IS NULL
                               THEN 'purged' ELSE last_error END,
             claim = NULL, claimed_until = NULL",
        ),
        // The lookup key spells nothing of the requester, yet stays unique.
        "requesters" => Some("dedupe_key = 'purged:' || requesters.id"),
        _ => None,
    }
}

/// The caller's transaction holds the write lock. Cases are marked purged first, so that
/// "everything of theirs is purged" below counts these cases too. One sealed value per
/// column replaces what is destroyed: it is no secret, but every column stays sealed, so a
/// sweep has nothing in clear to find. Which rows and columns are purged, and with what, comes
/// from the sealed fields' purge rules (`Field::purge`), one statement per table.
pub(crate) async fn purge_closed_cases(
    conn: &mut Conn,
    at: DateTime<Utc>,
    c: &Cipher,
    closed_before: DateTime<Utc>,
    actor: &Actor,
) -> Result<PurgeReport> {
    let now = dialect::time(at);
    let messages = purge_unattached_messages(conn, at, c, closed_before).await?;
    let mut cases: Vec<i64> = sqlx::query_scalar(
        "UPDATE cases SET purged_at = $2
         WHERE is_open = FALSE AND closed_at < $1 AND purged_at IS NULL
         RETURNING id",
    )
    .bind(dialect::time(closed_before))
    .bind(now)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    if cases.is_empty() {
        return Ok(PurgeReport {
            messages,
            ..PurgeReport::default()
        });
    }
    cases.sort_unstable();
    let inquiries = ids(
        conn,
        concat!(
            // A request naming several families is purged with the last of its cases.
            "SELECT i.id FROM inquiries i WHERE i.id IN
                 (SELECT ci.inquiry_id FROM case_inquiries ci WHERE ci.case_id ",
            in_ids!(1),
            ")
               AND NOT EXISTS (SELECT 1 FROM case_inquiries o JOIN cases k ON k.id = o.case_id
                               WHERE o.inquiry_id = i.id AND k.purged_at IS NULL)
             ORDER BY i.id"
        ),
        &cases,
    )
    .await?;
    let records = ids(
        conn,
        concat!(
            "SELECT id FROM person_records WHERE inquiry_id ",
            in_ids!(1),
            " ORDER BY id"
        ),
        &inquiries,
    )
    .await?;
    // People none of whose records is kept any more (a record on an inquiry still waiting in
    // triage, or on a case not purged, keeps the person's pathway notes).
    let persons = ids(
        conn,
        concat!(
            "SELECT DISTINCT pr.person_id FROM person_records pr
             WHERE pr.inquiry_id ",
            in_ids!(1),
            "
               AND NOT EXISTS (
                   SELECT 1 FROM person_records o
                   JOIN inquiries i ON i.id = o.inquiry_id
                   LEFT JOIN cases k ON k.id = i.case_id
                   WHERE o.person_id = pr.person_id AND k.purged_at IS NULL)"
        ),
        &inquiries,
    )
    .await?;
    // Documents go whole, chunks and wrapped keys: a scan of a passport has no shape worth
    // keeping.
    let documents = crate::documents::purge(conn, &cases, &inquiries, &persons).await?;
    // The matching index's snapshot holds the purged people too: it goes whole, and the next
    // server to start builds the index from the records left.
    crate::index_snapshot::drop_all(conn).await?;
    let mut requesters = 0;
    for purge in purge_plan() {
        // Each statement's ids are bound as $1.
        let (which, of): (&str, &[i64]) = match purge.rows {
            PurgeRows::Case => (concat!("id ", in_ids!(1)), &cases),
            PurgeRows::OfCase => (concat!("case_id ", in_ids!(1)), &cases),
            PurgeRows::InquiryOfCase => (concat!("id ", in_ids!(1)), &inquiries),
            PurgeRows::OfInquiry => (concat!("inquiry_id ", in_ids!(1)), &inquiries),
            PurgeRows::OfRecord => (concat!("record_id ", in_ids!(1)), &records),
            PurgeRows::OfPersonGone => (
                concat!(
                    "pathway_id IN (SELECT id FROM person_pathways WHERE person_id ",
                    in_ids!(1),
                    ")"
                ),
                &persons,
            ),
            // Requesters and households are purged once nothing kept refers to them.
            PurgeRows::RequesterGone => (
                concat!(
                    "requesters.id IN (SELECT requester_id FROM inquiries WHERE id ",
                    in_ids!(1),
                    ")
                     AND NOT EXISTS (
                         SELECT 1 FROM inquiries i LEFT JOIN cases k ON k.id = i.case_id
                         WHERE i.requester_id = requesters.id AND k.purged_at IS NULL)"
                ),
                &inquiries,
            ),
            PurgeRows::HouseholdGone => (
                concat!(
                    "households.id IN (SELECT household_id FROM cases WHERE id ",
                    in_ids!(1),
                    ")
                     AND NOT EXISTS (
                         SELECT 1 FROM cases k
                         WHERE k.household_id = households.id AND k.purged_at IS NULL)"
                ),
                &cases,
            ),
            // Every row: none is in the empty list left out (the statement binds $1 all
            // the same).
            PurgeRows::Every => (concat!("NOT (id ", in_ids!(1), ")"), &[]),
        };
        let mut sets = Vec::new();
        let mut sealed = Vec::new();
        for &(field, column, value) in &purge.columns {
            let plain = match value {
                PurgedValue::Marker => PURGED,
                PurgedValue::Empty(empty) => empty,
                PurgedValue::Null => {
                    sets.push(format!("{column} = NULL"));
                    continue;
                }
            };
            sealed.push(c.seal(field, plain));
            // A column left empty stays so: nothing was there to destroy.
            sets.push(format!(
                "{column} = CASE WHEN {column} IS NULL THEN NULL ELSE ${} END",
                sealed.len() + 1
            ));
        }
        let mut uses_now = false;
        if let Some(also) = purge_also(purge.table) {
            uses_now = also.contains("$now");
            sets.push(also.replace("$now", &format!("${}", sealed.len() + 2)));
        }
        // Table and columns come from the fixed list of sealed fields, never from input.
        let sql = format!(
            "UPDATE {} SET {} WHERE {which}",
            purge.table,
            sets.join(", ")
        );
        let mut q = sqlx::query(AssertSqlSafe(sql)).bind(dialect::ids(of));
        for value in sealed {
            q = q.bind(value);
        }
        if uses_now {
            q = q.bind(now);
        }
        let n = q.execute(&mut *conn).await.map_err(db_err)?.rows_affected();
        if purge.rows == PurgeRows::RequesterGone {
            requesters = n;
        }
    }
    // A purged requester is no longer found by a phone or email either.
    sqlx::query(
        "DELETE FROM requester_contacts WHERE requester_id IN
             (SELECT id FROM requesters WHERE dedupe_key LIKE 'purged:%')",
    )
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    // A purged record's phones find nobody.
    sqlx::query(concat!(
        "DELETE FROM person_contacts WHERE record_id ",
        in_ids!(1)
    ))
    .bind(dialect::ids(&records))
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    // Nor its household key.
    sqlx::query(concat!(
        "DELETE FROM household_keys WHERE record_id ",
        in_ids!(1)
    ))
    .bind(dialect::ids(&records))
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    let events: Vec<NewAuditEvent> = cases
        .iter()
        .map(|id| {
            NewAuditEvent::new(
                AuditAction::CasePurged,
                "case",
                *id,
                "personal data destroyed after the retention period",
            )
        })
        .collect();
    audit::append_many(conn, at, actor, &events).await?;
    Ok(PurgeReport {
        cases: cases.len() as u64,
        inquiries: inquiries.len() as u64,
        records: records.len() as u64,
        requesters,
        documents,
        messages,
    })
}

/// Messages that belong to no request (STOP, START, a blocked number's, one over the rate
/// limit) have no case to be purged with: they are purged when older than the cutoff. The
/// number's keyed hash stays, so an opt-out or a block is still honoured.
async fn purge_unattached_messages(
    conn: &mut Conn,
    at: DateTime<Utc>,
    c: &Cipher,
    before: DateTime<Utc>,
) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE messages SET number = $1, body = $2, purged_at = $3
         WHERE inquiry_id IS NULL AND purged_at IS NULL AND at < $4",
    )
    .bind(c.seal(Field::MessageNumber, PURGED))
    .bind(c.seal(Field::MessageBody, PURGED))
    .bind(dialect::time(at))
    .bind(dialect::time(before))
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(done.rows_affected())
}
