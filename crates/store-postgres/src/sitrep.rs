//! The situation report's aggregates on PostgreSQL: the shared SQL of
//! `corridor_store::sitrep::sql`, with times as `timestamptz`.

use chrono::{DateTime, NaiveDate, Utc};
use corridor_domain::{CaseId, OverdueCount, TeamId};
use corridor_store::sitrep::{SitrepFigures, SitrepPeriod, date_of_day, sql};
use corridor_store::{Actor, NewAuditEvent, Result, StoreError};
use sqlx::{AssertSqlSafe, PgConnection, PgPool};

use crate::{audit, db_err};

async fn pairs<K>(pool: &PgPool, query: &str, times: &[DateTime<Utc>]) -> Result<Vec<(K, i64)>>
where
    K: for<'r> sqlx::Decode<'r, sqlx::Postgres> + sqlx::Type<sqlx::Postgres> + Send + Unpin,
{
    let mut q = sqlx::query_as::<_, (K, i64)>(AssertSqlSafe(query.to_string()));
    for t in times {
        q = q.bind(*t);
    }
    q.fetch_all(pool).await.map_err(db_err)
}

async fn scalar(pool: &PgPool, query: &str, times: &[DateTime<Utc>]) -> Result<i64> {
    let mut q = sqlx::query_scalar::<_, i64>(AssertSqlSafe(query.to_string()));
    for t in times {
        q = q.bind(*t);
    }
    q.fetch_one(pool).await.map_err(db_err)
}

async fn daily(
    pool: &PgPool,
    table: &str,
    column: &str,
    p: &SitrepPeriod,
) -> Result<Vec<(NaiveDate, i64)>> {
    let day = format!("floor(extract(epoch FROM {column}) / 86400)::bigint");
    let rows: Vec<(i64, i64)> = pairs(
        pool,
        &sql::daily(table, column, &day),
        &[p.start(), p.end()],
    )
    .await?;
    Ok(rows.into_iter().map(|(d, n)| (date_of_day(d), n)).collect())
}

pub(crate) async fn figures(pool: &PgPool, p: &SitrepPeriod) -> Result<SitrepFigures> {
    let span = [p.start(), p.end()];
    let at = [p.as_of];
    let (people, households): (i64, i64) = sqlx::query_as(sql::PEOPLE_AND_HOUSEHOLDS)
        .bind(span[0])
        .bind(span[1])
        .fetch_one(pool)
        .await
        .map_err(db_err)?;
    let mut age_times = vec![p.as_of];
    age_times.extend(p.age_bounds());
    // The place each person on an open case was last written to be at: the coarse place kept
    // in clear beside the sealed record (already trimmed, NULL when none was written).
    let locations_sql = format!(
        "SELECT loc, COUNT(*) FROM (
           SELECT DISTINCT ON (r.person_id) r.person_id, r.place AS loc
           FROM person_records r
           WHERE r.person_id IN ({open})
             AND r.place IS NOT NULL
           ORDER BY r.person_id, r.id DESC) x GROUP BY loc",
        open = sql::open_case_people(),
    );
    let located: Vec<(Option<String>, i64)> = sqlx::query_as(AssertSqlSafe(locations_sql))
        .bind(p.as_of)
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
    let on_open = scalar(pool, &sql::people_on_open_cases(), &at).await?;
    let mut people_by_raw_location = located;
    let unlocated = on_open - people_by_raw_location.iter().map(|(_, n)| n).sum::<i64>();
    if unlocated > 0 {
        people_by_raw_location.push((None, unlocated));
    }
    let overdue: Vec<(i64, String, i64, i64, i64)> =
        sqlx::query_as(AssertSqlSafe(sql::overdue_by_team()))
            .bind(p.as_of)
            .fetch_all(pool)
            .await
            .map_err(db_err)?;
    let mut outstanding =
        sqlx::query_as::<_, (i64, String, i32, i64)>(AssertSqlSafe(sql::referrals_outstanding()));
    for t in &age_times {
        outstanding = outstanding.bind(*t);
    }
    let referrals_outstanding = outstanding
        .fetch_all(pool)
        .await
        .map_err(db_err)?
        .into_iter()
        .map(|(id, name, b, n)| (id, name, b as i64, n))
        .collect();
    let referrals_declined: Vec<(i64, String, i64)> = sqlx::query_as(sql::REFERRALS_DECLINED)
        .bind(span[0])
        .bind(span[1])
        .fetch_all(pool)
        .await
        .map_err(db_err)?;
    Ok(SitrepFigures {
        overdue_by_team: overdue
            .into_iter()
            .map(|(id, name, cases, fr, na)| OverdueCount {
                team_id: TeamId(id),
                team_name: name,
                cases,
                first_response: fr,
                next_action: na,
            })
            .collect(),
        pathways: crate::workflow::pathway_counts(pool).await?,
        referrals_outstanding,
        referrals_declined,
        inquiries_by_channel: pairs(pool, sql::INQUIRIES_BY_CHANNEL, &span).await?,
        inquiries_by_requester_kind: pairs(pool, sql::INQUIRIES_BY_REQUESTER_KIND, &span).await?,
        people,
        households,
        known_people: scalar(pool, sql::KNOWN_PEOPLE, &span).await?,
        open_by_status: pairs(pool, &sql::open_by("status"), &at).await?,
        open_by_category: pairs(pool, &sql::open_by("category"), &at).await?,
        open_by_priority: pairs(pool, &sql::open_by("priority"), &at).await?,
        open_by_team: sqlx::query_as::<_, (i64, String, i64)>(AssertSqlSafe(sql::open_by_team()))
            .bind(p.as_of)
            .fetch_all(pool)
            .await
            .map_err(db_err)?,
        unowned: scalar(pool, &sql::unowned(), &at).await?,
        open_by_age: pairs::<i32>(pool, &sql::open_by_age(), &age_times)
            .await?
            .into_iter()
            .map(|(b, n)| (b as i64, n))
            .collect(),
        people_by_raw_location,
        closed_by_outcome: pairs(pool, sql::CLOSED_BY_OUTCOME, &span).await?,
        open_at_start: scalar(pool, sql::OPEN_AT_START, &[p.start()]).await?,
        daily_inquiries: daily(pool, "inquiries", "received_at", p).await?,
        daily_new_cases: daily(pool, "cases", "created_at", p).await?,
        daily_closures: daily(pool, "cases", "closed_at", p).await?,
    })
}

pub(crate) async fn set_closed_at(
    conn: &mut PgConnection,
    id: CaseId,
    at: DateTime<Utc>,
    actor: &Actor,
) -> Result<()> {
    let row: Option<(bool, DateTime<Utc>)> =
        sqlx::query_as("SELECT is_open, created_at FROM cases WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_err)?;
    let Some((open, created)) = row else {
        return Err(StoreError::not_found("case", id.0));
    };
    corridor_store::sitrep::check_closed_at(open, created, at, Utc::now())?;
    sqlx::query("UPDATE cases SET closed_at = $1, updated_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    audit::append(
        conn,
        actor,
        &NewAuditEvent::new(
            "case.closed_at_set",
            "case",
            id.0,
            format!("closed at {at}"),
        ),
    )
    .await
}
