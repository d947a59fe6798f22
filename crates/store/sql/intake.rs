//! Reading inquiries back (storing them is `bulk`'s).

use corridor_domain::{
    CaseId, Inquiry, InquiryId, InquirySummary, PersonId, ReferenceNumber, RequesterId,
};
use corridor_store::contact::{Contact, RequesterHit, RequesterInquiry};
use corridor_store::crypto::{Cipher, Field};
use corridor_store::{Cursor, InquiryFilter, Page, PageRequest, Result};
use sqlx::{AssertSqlSafe, QueryBuilder, Row};

use crate::dialect::{self, Db, DbPool, DbRow};
use crate::{db_err, rows};

fn reference(row: &DbRow) -> Result<ReferenceNumber> {
    row.try_get::<&str, _>("reference")
        .map_err(db_err)?
        .parse()
        .map_err(db_err)
}

const SUMMARY_SELECT: &str =
    "SELECT i.id, i.reference, i.channel, i.received_at, i.subject, i.category, i.case_id,
        r.kind AS requester_kind, r.name AS requester_name,
        (SELECT COUNT(*) FROM person_records pr WHERE pr.inquiry_id = i.id) AS people_count
 FROM inquiries i JOIN requesters r ON r.id = i.requester_id";

pub(crate) fn summary(row: &DbRow, cipher: &Cipher) -> Result<InquirySummary> {
    Ok(InquirySummary {
        id: InquiryId(row.try_get("id").map_err(db_err)?),
        reference: reference(row)?,
        channel: rows::code(row.try_get::<&str, _>("channel").map_err(db_err)?)?,
        requester_kind: rows::code(row.try_get::<&str, _>("requester_kind").map_err(db_err)?)?,
        requester_name: rows::open(cipher, Field::RequesterName, row, "requester_name")?,
        received_at: rows::time(row, "received_at")?,
        subject: rows::open(cipher, Field::InquirySubject, row, "subject")?,
        category: rows::code(row.try_get::<&str, _>("category").map_err(db_err)?)?,
        case_id: row
            .try_get::<Option<i64>, _>("case_id")
            .map_err(db_err)?
            .map(CaseId),
        people_count: row.try_get("people_count").map_err(db_err)?,
    })
}

fn push_filter(q: &mut QueryBuilder<Db>, filter: &InquiryFilter) {
    q.push(" WHERE 1 = 1");
    if let Some(channel) = filter.channel {
        q.push(" AND i.channel = ").push_bind(channel.as_str());
    }
    if filter.untriaged {
        q.push(" AND i.case_id IS NULL");
    } // The situation report's lists.
    if let Some(t) = filter.received_from {
        q.push(" AND i.received_at >= ").push_bind(dialect::time(t));
    }
    if let Some(t) = filter.received_before {
        q.push(" AND i.received_at < ").push_bind(dialect::time(t));
    }
    if let Some(k) = filter.requester_kind {
        q.push(" AND i.requester_id IN (SELECT id FROM requesters WHERE kind = ")
            .push_bind(k.as_str())
            .push(")");
    }
    if let Some(scope) = filter.visible_to {
        q.push(" AND (i.case_id IS NULL OR i.case_id IN (SELECT id FROM cases WHERE owner_id = ")
            .push_bind(scope.user.0)
            .push(" OR team_id = ")
            .push_bind(scope.team.map(|t| t.0).unwrap_or(-1))
            .push("))");
    }
}

pub(crate) async fn list(
    pool: &DbPool,
    cipher: &Cipher,
    filter: &InquiryFilter,
    page: PageRequest,
) -> Result<Page<InquirySummary>> {
    let mut q = QueryBuilder::<Db>::new(SUMMARY_SELECT);
    push_filter(&mut q, filter);
    if let Some(after) = page.after {
        q.push(" AND i.id < ").push_bind(after.id);
    }
    q.push(" ORDER BY i.id DESC LIMIT ")
        .push_bind(page.limit as i64 + 1);
    let rows = q.build().fetch_all(pool).await.map_err(db_err)?;
    let mut items = rows
        .iter()
        .map(|r| summary(r, cipher))
        .collect::<Result<Vec<_>>>()?;
    let next = if items.len() > page.limit as usize {
        items.truncate(page.limit as usize);
        items.last().map(|i| Cursor {
            rank: 0,
            id: i.id.0,
        })
    } else {
        None
    };
    let mut count = QueryBuilder::<Db>::new("SELECT COUNT(*) FROM inquiries i");
    push_filter(&mut count, filter);
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(pool)
        .await
        .map_err(db_err)?;
    Ok(Page { items, total, next })
}

pub(crate) async fn get(pool: &DbPool, cipher: &Cipher, id: InquiryId) -> Result<Option<Inquiry>> {
    let Some(row) = sqlx::query(AssertSqlSafe(format!("{SUMMARY_SELECT} WHERE i.id = $1")))
        .bind(id.0)
        .fetch_optional(pool)
        .await
        .map_err(db_err)?
    else {
        return Ok(None);
    };
    let summary = summary(&row, cipher)?;
    let detail = sqlx::query(
        "SELECT i.content_type, i.raw_payload, r.* FROM inquiries i
         JOIN requesters r ON r.id = i.requester_id WHERE i.id = $1",
    )
    .bind(id.0)
    .fetch_one(pool)
    .await
    .map_err(db_err)?;
    let people: Vec<i64> = sqlx::query_scalar(
        "SELECT person_id FROM person_records WHERE inquiry_id = $1 ORDER BY position",
    )
    .bind(id.0)
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    Ok(Some(Inquiry {
        summary,
        requester: rows::requester(&detail, cipher)?,
        content_type: detail.try_get("content_type").map_err(db_err)?,
        raw_payload: rows::open(cipher, Field::InquiryPayload, &detail, "raw_payload")?,
        people: people.into_iter().map(PersonId).collect(),
    }))
}

/// The inquiry with this reference (references are unique).
pub(crate) async fn by_reference(
    pool: &DbPool,
    cipher: &Cipher,
    reference: &ReferenceNumber,
) -> Result<Option<InquirySummary>> {
    let row = sqlx::query(AssertSqlSafe(format!(
        "{SUMMARY_SELECT} WHERE i.reference = $1"
    )))
    .bind(reference.as_str())
    .fetch_optional(pool)
    .await
    .map_err(db_err)?;
    row.map(|r| summary(&r, cipher)).transpose()
}

/// Requests shown per requester found by a contact: the latest tell who they are.
const REQUESTS_PER_REQUESTER: i64 = 20;

pub(crate) async fn requesters_by_contact(
    pool: &DbPool,
    cipher: &Cipher,
    contact: &Contact,
    limit: u32,
) -> Result<Vec<RequesterHit>> {
    let Some(key) = contact.key(cipher) else {
        return Ok(Vec::new());
    };
    // Only requesters with a request still kept: a purged one's contacts are gone too, and a
    // request of a purged case shows nothing of anyone.
    let found = sqlx::query(
        "SELECT r.id, r.kind, r.name
         FROM requester_contacts c
         JOIN requesters r ON r.id = c.requester_id
         JOIN inquiries i ON i.requester_id = r.id
         LEFT JOIN cases k ON k.id = i.case_id
         WHERE c.contact_key = $1 AND k.purged_at IS NULL
         GROUP BY r.id, r.kind, r.name
         ORDER BY MAX(i.received_at) DESC, r.id DESC
         LIMIT $2",
    )
    .bind(key)
    .bind(i64::from(limit))
    .fetch_all(pool)
    .await
    .map_err(db_err)?;
    let mut out = Vec::with_capacity(found.len());
    for row in &found {
        let id: i64 = row.try_get("id").map_err(db_err)?;
        let requests = sqlx::query(
            "SELECT i.id, i.reference, i.case_id, i.received_at
             FROM inquiries i LEFT JOIN cases k ON k.id = i.case_id
             WHERE i.requester_id = $1 AND k.purged_at IS NULL
             ORDER BY i.received_at DESC, i.id DESC
             LIMIT $2",
        )
        .bind(id)
        .bind(REQUESTS_PER_REQUESTER)
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
        out.push(RequesterHit {
            id: RequesterId(id),
            kind: rows::code(row.try_get::<&str, _>("kind").map_err(db_err)?)?,
            name: rows::open(cipher, Field::RequesterName, row, "name")?,
            inquiries: requests
                .iter()
                .map(|r| {
                    Ok(RequesterInquiry {
                        id: InquiryId(r.try_get("id").map_err(db_err)?),
                        reference: reference(r)?,
                        case_id: r
                            .try_get::<Option<i64>, _>("case_id")
                            .map_err(db_err)?
                            .map(CaseId),
                        received_at: rows::time(r, "received_at")?,
                    })
                })
                .collect::<Result<_>>()?,
        });
    }
    Ok(out)
}
