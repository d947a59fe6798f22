//! Documents (see `corridor_store::documents`): one row per document with its wrapped data
//! key and sealed thumbnail, its content in `document_chunks`, sealed chunk by chunk. An
//! identical file of the same owner is found by its keyed content hash and stored once.

use chrono::{DateTime, Utc};
use corridor_domain::SharedDocument;
use corridor_domain::{CaseId, InquiryId, PersonId};
use corridor_store::crypto::Cipher;
use corridor_store::documents::{
    AddedDocument, Document, DocumentId, DocumentKey, DocumentKind, DocumentOwner, DocumentRead,
    MediaType, NewDocument, ScanState, content_key, seal_content, sha256_hex,
};
use corridor_store::{Actor, AuditAction, NewAuditEvent, Refusal, Result, StoreError};
use sqlx::Row;

use crate::dialect::{self, Conn, DbPool, DbRow, in_ids};
use crate::{audit, db_err, rows};

/// The columns a [`Document`] is read from, as SQL text.
macro_rules! columns {
    () => {
        "id, person_id, case_id, inquiry_id, kind, media_type, size, scan_state,
         (thumbnail IS NOT NULL) AS has_thumbnail, created_at"
    };
}

const BY_ID: &str = concat!("SELECT ", columns!(), " FROM documents WHERE id = $1");

fn document(row: &DbRow) -> Result<Document> {
    let person: Option<i64> = row.try_get("person_id").map_err(db_err)?;
    let case: Option<i64> = row.try_get("case_id").map_err(db_err)?;
    let inquiry: Option<i64> = row.try_get("inquiry_id").map_err(db_err)?;
    // The schema holds exactly one owner per row.
    let owner = match (person, case, inquiry) {
        (Some(p), _, _) => DocumentOwner::Person(PersonId(p)),
        (_, Some(c), _) => DocumentOwner::Case(CaseId(c)),
        (_, _, Some(i)) => DocumentOwner::Inquiry(InquiryId(i)),
        _ => {
            return Err(StoreError::backend(std::io::Error::other(
                "a document has no owner",
            )));
        }
    };
    let code = |col: &str| -> Result<String> { row.try_get(col).map_err(db_err) };
    let bad = |what: &str, v: String| {
        StoreError::backend(std::io::Error::other(format!(
            "unknown document {what} {v:?}"
        )))
    };
    let kind = code("kind")?;
    let media = code("media_type")?;
    let scan = code("scan_state")?;
    Ok(Document {
        id: DocumentId(row.try_get("id").map_err(db_err)?),
        owner,
        kind: DocumentKind::parse(&kind).ok_or_else(|| bad("kind", kind.clone()))?,
        media_type: MediaType::parse(&media).ok_or_else(|| bad("type", media.clone()))?,
        size: row.try_get("size").map_err(db_err)?,
        scan: ScanState::parse(&scan).ok_or_else(|| bad("scan state", scan.clone()))?,
        has_thumbnail: row.try_get("has_thumbnail").map_err(db_err)?,
        added_at: rows::time(row, "created_at")?,
    })
}

/// (column, id) of an owner.
fn owner_column(owner: DocumentOwner) -> (&'static str, i64) {
    match owner {
        DocumentOwner::Person(p) => ("person_id", p.0),
        DocumentOwner::Case(c) => ("case_id", c.0),
        DocumentOwner::Inquiry(i) => ("inquiry_id", i.0),
    }
}

async fn owner_exists(conn: &mut Conn, owner: DocumentOwner) -> Result<bool> {
    let sql = match owner {
        DocumentOwner::Person(_) => "SELECT EXISTS (SELECT 1 FROM persons WHERE id = $1)",
        DocumentOwner::Case(_) => {
            "SELECT EXISTS (SELECT 1 FROM cases WHERE id = $1 AND purged_at IS NULL)"
        }
        DocumentOwner::Inquiry(_) => "SELECT EXISTS (SELECT 1 FROM inquiries WHERE id = $1)",
    };
    sqlx::query_scalar(sql)
        .bind(owner_column(owner).1)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)
}

/// The caller's transaction holds the write lock; `at` is its time.
pub(crate) async fn add(
    conn: &mut Conn,
    at: DateTime<Utc>,
    c: &Cipher,
    doc: NewDocument,
    actor: &Actor,
) -> Result<AddedDocument> {
    if !owner_exists(conn, doc.owner).await? {
        let (entity, id) = match doc.owner {
            DocumentOwner::Person(p) => ("person", p.0),
            DocumentOwner::Case(c) => ("case", c.0),
            DocumentOwner::Inquiry(i) => ("inquiry", i.0),
        };
        return Err(StoreError::not_found(entity, id));
    }
    let key = content_key(c, doc.owner, &sha256_hex(&doc.content));
    let found = sqlx::query(concat!(
        "SELECT ",
        columns!(),
        " FROM documents WHERE content_key = $1"
    ))
    .bind(&key)
    .fetch_optional(&mut *conn)
    .await
    .map_err(db_err)?;
    if let Some(row) = found {
        return Ok(AddedDocument {
            document: document(&row)?,
            already_present: true,
        });
    }
    let sealed = seal_content(c, &doc.content, doc.thumbnail.as_deref());
    let (column, owner_id) = owner_column(doc.owner);
    // The column comes from the fixed list above, never from input.
    let id: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "INSERT INTO documents ({column}, kind, media_type, size, content_key, data_key,
             chunks, thumbnail, scan_state, added_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         RETURNING id"
    )))
    .bind(owner_id)
    .bind(doc.kind.as_str())
    .bind(doc.media_type.as_str())
    .bind(i64::try_from(doc.content.len()).unwrap_or(i64::MAX))
    .bind(&key)
    .bind(&sealed.wrapped_key)
    .bind(i64::try_from(sealed.chunks.len()).unwrap_or(i64::MAX))
    .bind(sealed.thumbnail)
    .bind(doc.scan.as_str())
    .bind(actor.user_id.map(|u| u.0))
    .bind(dialect::time(at))
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)?;
    for (seq, chunk) in sealed.chunks.into_iter().enumerate() {
        sqlx::query("INSERT INTO document_chunks (document_id, seq, sealed) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(i64::try_from(seq).unwrap_or(i64::MAX))
            .bind(chunk)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
    }
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::DocumentAttached,
            "document",
            id,
            format!(
                "{} ({}) attached to {}",
                doc.kind,
                doc.media_type,
                doc.owner.describe()
            ),
        ),
    )
    .await?;
    let row = sqlx::query(BY_ID)
        .bind(id)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(AddedDocument {
        document: document(&row)?,
        already_present: false,
    })
}

pub(crate) async fn of_owner(pool: &DbPool, owner: DocumentOwner) -> Result<Vec<Document>> {
    let (column, id) = owner_column(owner);
    let found = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {} FROM documents WHERE {column} = $1 ORDER BY id",
        columns!()
    )))
    .bind(id)
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    found.iter().map(document).collect()
}

pub(crate) async fn get(pool: &DbPool, id: DocumentId) -> Result<Option<Document>> {
    let found = sqlx::query(BY_ID)
        .bind(id.0)
        .fetch_optional(pool)
        .await
        .map_err(db_err)?;
    found.as_ref().map(document).transpose()
}

/// Opens the content of the document `row` (its `data_key` and `chunks`) describes.
async fn content(conn: &mut Conn, c: &Cipher, id: DocumentId, row: &DbRow) -> Result<Vec<u8>> {
    let wrapped: String = row.try_get("data_key").map_err(db_err)?;
    let count: i64 = row.try_get("chunks").map_err(db_err)?;
    let key = DocumentKey::unwrap(c, &wrapped)?;
    let chunks: Vec<(i64, Vec<u8>)> = sqlx::query_as(
        "SELECT seq, sealed FROM document_chunks WHERE document_id = $1 ORDER BY seq",
    )
    .bind(id.0)
    .fetch_all(&mut *conn)
    .await
    .map_err(db_err)?;
    let count = usize::try_from(count).unwrap_or(0);
    if chunks.len() != count {
        return Err(corridor_store::crypto::CryptoError::Corrupt("a document").into());
    }
    let mut content = Vec::new();
    for (seq, sealed) in &chunks {
        let seq = usize::try_from(*seq).unwrap_or(usize::MAX);
        content.extend(key.open_chunk(seq, count, sealed)?);
    }
    Ok(content)
}

/// The documents a referral of `case` shares, as its snapshot names them: each must be a
/// document of the case, of a person on it or of one of its inquiries, and not held by the
/// malware scanner. The hash is taken from the content now, so that the signed file names
/// exactly the bytes the partner is given.
pub(crate) async fn shared_with_referral(
    conn: &mut Conn,
    c: &Cipher,
    case: CaseId,
    ids: &[DocumentId],
    scan_required: bool,
) -> Result<Vec<SharedDocument>> {
    let mut out: Vec<SharedDocument> = Vec::with_capacity(ids.len());
    for &id in ids {
        if out.iter().any(|d| d.id == id.0) {
            continue;
        }
        let row = sqlx::query(
            "SELECT id, kind, media_type, size, scan_state, data_key, chunks FROM documents
             WHERE id = $1 AND (case_id = $2
                OR person_id IN (SELECT person_id FROM case_persons WHERE case_id = $2)
                OR inquiry_id IN (SELECT inquiry_id FROM case_inquiries WHERE case_id = $2))",
        )
        .bind(id.0)
        .bind(case.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
        .ok_or(Refusal::DocumentNotOnCase {
            document: id.0,
            case,
        })?;
        let scan: String = row.try_get("scan_state").map_err(db_err)?;
        let held = match ScanState::parse(&scan) {
            Some(ScanState::Clean) => false,
            Some(ScanState::NotScanned) => scan_required,
            _ => true,
        };
        if held {
            return Err(Refusal::DocumentHeld { document: id.0 }.into());
        }
        let bytes = content(conn, c, id, &row).await?;
        out.push(SharedDocument {
            id: id.0,
            kind: row.try_get("kind").map_err(db_err)?,
            content_type: row.try_get("media_type").map_err(db_err)?,
            size: row.try_get("size").map_err(db_err)?,
            sha256: sha256_hex(&bytes),
            file_name: None,
        });
    }
    Ok(out)
}

/// Whether `document` may back evidence for `person`: a document of the person or of a case
/// they are on.
pub(crate) async fn of_person_or_their_case(
    conn: &mut Conn,
    document: DocumentId,
    person: i64,
) -> Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM documents WHERE id = $1 AND (person_id = $2
            OR case_id IN (SELECT case_id FROM case_persons WHERE person_id = $2)))",
    )
    .bind(document.0)
    .bind(person)
    .fetch_one(&mut *conn)
    .await
    .map_err(db_err)
}

/// Opens a document's content (or thumbnail) and audits the read, in the caller's write
/// transaction: a read that is not recorded does not happen.
pub(crate) async fn read(
    conn: &mut Conn,
    at: DateTime<Utc>,
    c: &Cipher,
    id: DocumentId,
    how: DocumentRead,
    actor: &Actor,
) -> Result<Option<Vec<u8>>> {
    let Some(row) = sqlx::query("SELECT data_key, chunks, thumbnail FROM documents WHERE id = $1")
        .bind(id.0)
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?
    else {
        return Ok(None);
    };
    let content = match how {
        DocumentRead::Thumbnail => {
            let Some(sealed) = row
                .try_get::<Option<Vec<u8>>, _>("thumbnail")
                .map_err(db_err)?
            else {
                return Ok(None);
            };
            let wrapped: String = row.try_get("data_key").map_err(db_err)?;
            DocumentKey::unwrap(c, &wrapped)?.open_thumbnail(&sealed)?
        }
        DocumentRead::View | DocumentRead::Download => content(conn, c, id, &row).await?,
    };
    let (action, what) = match how {
        DocumentRead::View => (AuditAction::DocumentViewed, "viewed"),
        DocumentRead::Download => (AuditAction::DocumentDownloaded, "downloaded"),
        DocumentRead::Thumbnail => (AuditAction::DocumentViewed, "thumbnail viewed"),
    };
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(action, "document", id.0, what),
    )
    .await?;
    Ok(Some(content))
}

pub(crate) async fn set_scan(
    conn: &mut Conn,
    at: DateTime<Utc>,
    id: DocumentId,
    state: ScanState,
    actor: &Actor,
) -> Result<Document> {
    let changed =
        sqlx::query("UPDATE documents SET scan_state = $1, scanned_at = $2 WHERE id = $3")
            .bind(state.as_str())
            .bind(dialect::time(at))
            .bind(id.0)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?
            .rows_affected();
    if changed == 0 {
        return Err(StoreError::not_found("document", id.0));
    }
    audit::append(
        conn,
        at,
        actor,
        &NewAuditEvent::new(
            AuditAction::DocumentScanned,
            "document",
            id.0,
            format!("malware scan: {state}"),
        ),
    )
    .await?;
    let row = sqlx::query(BY_ID)
        .bind(id.0)
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
    document(&row)
}

pub(crate) async fn not_scanned(pool: &DbPool, limit: u32) -> Result<Vec<DocumentId>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM documents WHERE scan_state = 'not_scanned' ORDER BY id LIMIT $1",
    )
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    Ok(ids.into_iter().map(DocumentId).collect())
}

/// Deletes the documents of purged cases, of their inquiries and of people none of whose
/// records is kept, with their chunks; returns how many. The caller's transaction holds the
/// write lock.
pub(crate) async fn purge(
    conn: &mut Conn,
    cases: &[i64],
    inquiries: &[i64],
    persons: &[i64],
) -> Result<u64> {
    let which = concat!(
        "case_id ",
        in_ids!(1),
        " OR inquiry_id ",
        in_ids!(2),
        " OR person_id ",
        in_ids!(3)
    );
    let statements = [
        // Evidence that pointed to a purged document keeps its reference and note, not the
        // link.
        format!(
            "UPDATE pathway_evidence SET document_id = NULL
             WHERE document_id IN (SELECT id FROM documents WHERE {which})"
        ),
        format!(
            "DELETE FROM document_chunks WHERE document_id IN (SELECT id FROM documents WHERE {which})"
        ),
        format!("DELETE FROM documents WHERE {which}"),
    ];
    let mut n = 0;
    for sql in statements {
        // The last statement's count: the documents deleted.
        n = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(dialect::ids(cases))
            .bind(dialect::ids(inquiries))
            .bind(dialect::ids(persons))
            .execute(&mut *conn)
            .await
            .map_err(db_err)?
            .rows_affected();
    }
    Ok(n)
}
