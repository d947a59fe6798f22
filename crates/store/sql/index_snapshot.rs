//! The matching index's snapshot and parameters (see `corridor_store::index_snapshot`): one
//! `index_snapshots` row with the wrapped data key, its content in `index_snapshot_chunks`,
//! and the parameters in `matching_model` (one row).

use chrono::{DateTime, Utc};
use corridor_domain::RecordId;
use corridor_store::crypto::Cipher;
use corridor_store::index_snapshot::{self, IndexSnapshot, StoredModel};
use corridor_store::{Actor, AuditAction, NewAuditEvent, Result, StoreError};
use sqlx::Row;

use crate::dialect::{self, Conn, DbPool};
use crate::{audit, db_err, rows};

/// Deletes every snapshot with its chunks; returns how many snapshots there were. Run by a
/// purge in its transaction: the purged people are in the snapshot.
pub(crate) async fn drop_all(conn: &mut Conn) -> Result<u64> {
    sqlx::query("DELETE FROM index_snapshot_chunks")
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(sqlx::query("DELETE FROM index_snapshots")
        .execute(&mut *conn)
        .await
        .map_err(db_err)?
        .rows_affected())
}

/// The caller's transaction holds the write lock; `at` is its time. The sealing is done
/// before (it is CPU work on up to hundreds of megabytes).
pub(crate) async fn save(
    conn: &mut Conn,
    at: DateTime<Utc>,
    sealed: &index_snapshot::SealedSnapshot,
    bytes: usize,
    actor: &Actor,
) -> Result<()> {
    drop_all(conn).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO index_snapshots (last_record, records, data_key, chunks, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(sealed.last_record.0)
    .bind(sealed.records)
    .bind(&sealed.wrapped_key)
    .bind(sealed.chunks.len() as i64)
    .bind(dialect::time(at))
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)?;
    for (seq, chunk) in sealed.chunks.iter().enumerate() {
        sqlx::query(
            "INSERT INTO index_snapshot_chunks (snapshot_id, seq, sealed) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(seq as i64)
        .bind(chunk.as_slice())
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    }
    // Counts only: the snapshot is every known person, and the trail names none of them.
    let event = NewAuditEvent::new(
        AuditAction::IndexSnapshotWritten,
        "index_snapshot",
        id,
        format!(
            "{} records up to record {}, {bytes} bytes in {} chunks",
            sealed.records,
            sealed.last_record.0,
            sealed.chunks.len()
        ),
    );
    audit::append(conn, at, actor, &event).await
}

/// The newest snapshot, opened.
pub(crate) async fn load(pool: &DbPool, c: &Cipher) -> Result<Option<IndexSnapshot>> {
    let Some(row) = sqlx::query(
        "SELECT id, last_record, records, data_key, chunks, created_at FROM index_snapshots
         ORDER BY last_record DESC, id DESC LIMIT 1",
    )
    .fetch_optional(pool)
    .await
    .map_err(db_err)?
    else {
        return Ok(None);
    };
    let id: i64 = row.try_get("id").map_err(db_err)?;
    let last_record = RecordId(row.try_get("last_record").map_err(db_err)?);
    let count: i64 = row.try_get("chunks").map_err(db_err)?;
    let wrapped: String = row.try_get("data_key").map_err(db_err)?;
    let chunks: Vec<Vec<u8>> = sqlx::query_scalar(
        "SELECT sealed FROM index_snapshot_chunks WHERE snapshot_id = $1 ORDER BY seq",
    )
    .bind(id)
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    if chunks.len() as i64 != count {
        return Err(StoreError::backend(std::io::Error::other(format!(
            "the matching index's snapshot has {} of its {count} chunks",
            chunks.len()
        ))));
    }
    let bytes = index_snapshot::open(c, &wrapped, last_record, &chunks)?;
    Ok(Some(IndexSnapshot {
        last_record,
        records: row.try_get("records").map_err(db_err)?,
        written_at: rows::time(&row, "created_at")?,
        bytes,
    }))
}

pub(crate) async fn save_model(
    conn: &mut Conn,
    at: DateTime<Utc>,
    model: &str,
    records: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO matching_model (id, model, records, trained_at) VALUES (1, $1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET model = excluded.model, records = excluded.records,
             trained_at = excluded.trained_at",
    )
    .bind(model)
    .bind(records)
    .bind(dialect::time(at))
    .execute(&mut *conn)
    .await
    .map_err(db_err)?;
    Ok(())
}

pub(crate) async fn model(pool: &DbPool) -> Result<Option<StoredModel>> {
    let Some(row) =
        sqlx::query("SELECT model, records, trained_at FROM matching_model WHERE id = 1")
            .fetch_optional(pool)
            .await
            .map_err(db_err)?
    else {
        return Ok(None);
    };
    Ok(Some(StoredModel {
        model: row.try_get("model").map_err(db_err)?,
        records: row.try_get("records").map_err(db_err)?,
        trained_at: rows::time(&row, "trained_at")?,
    }))
}
