//! The situation report's aggregates: the shared SQL of `corridor_store::sitrep::sql`, with
//! times as the database stores them (`crate::dialect`).

use chrono::{DateTime, NaiveDate, Utc};
use corridor_domain::{CaseId, OverdueCount, TeamId};
use corridor_store::sitrep::{SitrepFigures, SitrepPeriod, date_of_day, sql};
use corridor_store::{Actor, AuditAction, NewAuditEvent, Result, StoreError};
use sqlx::AssertSqlSafe;

use crate::dialect::{self, Conn, Db, DbPool};
use crate::{audit, db_err};

async fn pairs<K>(pool: &DbPool, query: &str, times: &[DateTime<Utc>]) -> Result<Vec<(K, i64)>>
where
    K: for<'r> sqlx::Decode<'r, Db> + sqlx::Type<Db> + Send + Unpin,
{
    let mut q = sqlx::query_as::<_, (K, i64)>(AssertSqlSafe(query.to_string()));
    for t in times {
        q = q.bind(dialect::time(*t));
    }
    q.fetch_all(pool).await.map_err(db_err)
}

async fn scalar(pool: &DbPool, query: &str, times: &[DateTime<Utc>]) -> Result<i64> {
    let mut q = sqlx::query_scalar::<_, i64>(AssertSqlSafe(query.to_string()));
    for t in times {
        q = q.bind(dialect::time(*t));
    }
    q.fetch_one(pool).await.map_err(db_err)
}

async fn daily(
    pool: &DbPool,
    table: &str,
    column: &str,
    p: &SitrepPeriod,
) -> Result<Vec<(NaiveDate, i64)>> {
    let day = dialect::day_number(column);
    let rows: Vec<(i64, i64)> = pairs(
        pool,
        &sql::daily(table, column, &day),
        &[p.start(), p.end()],
    )
    .await?;
    Ok(rows.into_iter().map(|(d, n)| (date_of_day(d), n)).collect())
}

pub(crate) async fn figures(pool: &DbPool, p: &SitrepPeriod) -> Result<SitrepFigures> {
    let span = [p.start(), p.end()];
    let at = [p.as_of];
    let (people, households): (i64, i64) = sqlx::query_as(sql::PEOPLE_AND_HOUSEHOLDS)
        .bind(dialect::time(span[0]))
        .bind(dialect::time(span[1]))
        .fetch_one(pool)
        .await
        .map_err(db_err)?;
    let mut age_times = vec![p.as_of];
    age_times.extend(p.age_bounds());
    // The place each person on an open case was last written to be at: the coarse place kept
    // in clear beside the sealed record (already trimmed, NULL when none was written), of each
    // such person's latest record that has one.
    let locations_sql = format!(
        "SELECT r.place AS loc, COUNT(*) FROM person_records r
         WHERE r.id IN (
           SELECT MAX(l.id) FROM person_records l
           WHERE l.person_id IN ({open}) AND l.place IS NOT NULL
           GROUP BY l.person_id)
         GROUP BY r.place",
        open = sql::open_case_people(),
    );
    let located: Vec<(Option<String>, i64)> = sqlx::query_as(AssertSqlSafe(locations_sql))
        .bind(dialect::time(p.as_of))
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
            .bind(dialect::time(p.as_of))
            .fetch_all(pool)
            .await
            .map_err(db_err)?;
    let mut outstanding =
        sqlx::query_as::<_, (i64, String, i64, i64)>(AssertSqlSafe(sql::referrals_outstanding()));
    for t in &age_times {
        outstanding = outstanding.bind(dialect::time(*t));
    }
    let referrals_outstanding = outstanding.fetch_all(pool).await.map_err(db_err)?;
    let referrals_declined: Vec<(i64, String, i64)> = sqlx::query_as(sql::REFERRALS_DECLINED)
        .bind(dialect::time(span[0]))
        .bind(dialect::time(span[1]))
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
            .bind(dialect::time(p.as_of))
            .fetch_all(pool)
            .await
            .map_err(db_err)?,
        unowned: scalar(pool, &sql::unowned(), &at).await?,
        open_by_age: pairs(pool, &sql::open_by_age(), &age_times).await?,
        people_by_raw_location,
        closed_by_outcome: pairs(pool, sql::CLOSED_BY_OUTCOME, &span).await?,
        open_at_start: scalar(pool, sql::OPEN_AT_START, &[p.start()]).await?,
        daily_inquiries: daily(pool, "inquiries", "received_at", p).await?,
        daily_new_cases: daily(pool, "cases", "created_at", p).await?,
        daily_closures: daily(pool, "cases", "closed_at", p).await?,
    })
}

pub(crate) async fn set_closed_at(
    conn: &mut Conn,
    now: DateTime<Utc>,
    id: CaseId,
    at: DateTime<Utc>,
    actor: &Actor,
) -> Result<()> {
    let row: Option<(bool, dialect::Time)> =
        sqlx::query_as("SELECT is_open, created_at FROM cases WHERE id = $1")
            .bind(id.0)
            .fetch_optional(&mut *conn)
            .await
            .map_err(db_err)?;
    let Some((open, created)) = row else {
        return Err(StoreError::not_found("case", id.0));
    };
    corridor_store::sitrep::check_closed_at(open, dialect::from_time(created), at, now)?;
    sqlx::query("UPDATE cases SET closed_at = $1, updated_at = $1 WHERE id = $2")
        .bind(dialect::time(at))
        .bind(id.0)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    audit::append(
        conn,
        now,
        actor,
        &NewAuditEvent::new(
            AuditAction::CaseClosedAtSet,
            "case",
            id.0,
            format!("closed at {at}"),
        ),
    )
    .await
}
