//! Whole-database export and import for `corridor copy`, in the shared table descriptions.
//!
//! Values travel in one form whatever the database: times as points in time, booleans as
//! booleans, JSON as its text and a list of codes as one comma-separated text.

use corridor_store::Refusal;
use corridor_store::prelude::*;
use corridor_store::transfer::{ColumnKind, Row, TABLES, Table, TableCounts, Value};
use corridor_store::{Result, StoreError};
use sqlx::query_builder::Separated;
use sqlx::{AssertSqlSafe, QueryBuilder, Row as _};

use crate::db_err;
use crate::dialect::{self, Conn, Db, DbPool, DbRow};

/// Bound values per statement at most: SQLite takes 32,766 (PostgreSQL 65,535), so a page of a
/// wide table goes in several inserts.
const MAX_BOUND: usize = 32_000;

fn keys(table: &Table) -> String {
    table.key.join(", ")
}

/// The select-list expression that reads a column in its transfer form.
fn select_expr(name: &str, kind: ColumnKind) -> String {
    match kind {
        // PostgreSQL's jsonb reads as text only through a cast; SQLite's text is unchanged.
        ColumnKind::Json => format!("CAST({name} AS TEXT)"),
        _ => name.to_string(),
    }
}

fn push_value(
    q: &mut Separated<'_, Db, &'static str>,
    kind: ColumnKind,
    value: &Value,
) -> Result<()> {
    // Nulls are bound with the column's type: PostgreSQL will not put a bigint null in a text
    // column.
    match (kind, value) {
        (ColumnKind::Int, Value::Null) => q.push_bind(None::<i64>),
        (ColumnKind::Float, Value::Null) => q.push_bind(None::<f64>),
        (ColumnKind::Text, Value::Null) => q.push_bind(None::<String>),
        (ColumnKind::Json, Value::Null) => q
            .push_bind(None::<String>)
            .push_unseparated(dialect::JSON_FROM_TEXT),
        (ColumnKind::Codes, Value::Null) => q.push_bind(None::<dialect::Codes>),
        (ColumnKind::Bool, Value::Null) => q.push_bind(None::<bool>),
        (ColumnKind::Time, Value::Null) => q.push_bind(None::<dialect::Time>),
        (ColumnKind::Bytes, Value::Null) => q.push_bind(None::<Vec<u8>>),
        (ColumnKind::Bytes, Value::Bytes(b)) => q.push_bind(b.clone()),
        (ColumnKind::Int, Value::Int(i)) => q.push_bind(*i),
        (ColumnKind::Float, Value::Float(f)) => q.push_bind(*f),
        (ColumnKind::Bool, Value::Bool(b)) => q.push_bind(*b),
        (ColumnKind::Time, Value::Time(t)) => q.push_bind(dialect::time(*t)),
        (ColumnKind::Text, Value::Text(s)) => q.push_bind(s.clone()),
        (ColumnKind::Json, Value::Text(s)) => q
            .push_bind(s.clone())
            .push_unseparated(dialect::JSON_FROM_TEXT),
        (ColumnKind::Codes, Value::Text(s)) => {
            q.push_bind(dialect::codes(s.split(',').filter(|c| !c.is_empty())))
        }
        (kind, value) => {
            return Err(Refusal::ColumnCannotHold {
                kind: format!("{kind:?}"),
                value: format!("{value:?}"),
            }
            .into());
        }
    };
    Ok(())
}

fn read_value(row: &DbRow, i: usize, kind: ColumnKind) -> Result<Value> {
    Ok(match kind {
        ColumnKind::Int => row
            .try_get::<Option<i64>, _>(i)
            .map_err(db_err)?
            .map_or(Value::Null, Value::Int),
        ColumnKind::Float => row
            .try_get::<Option<f64>, _>(i)
            .map_err(db_err)?
            .map_or(Value::Null, Value::Float),
        ColumnKind::Bool => row
            .try_get::<Option<bool>, _>(i)
            .map_err(db_err)?
            .map_or(Value::Null, Value::Bool),
        ColumnKind::Time => row
            .try_get::<Option<dialect::Time>, _>(i)
            .map_err(db_err)?
            .map_or(Value::Null, |t| Value::Time(dialect::from_time(t))),
        ColumnKind::Codes => row
            .try_get::<Option<dialect::Codes>, _>(i)
            .map_err(db_err)?
            .map_or(Value::Null, |c| {
                Value::Text(dialect::from_codes(c).join(","))
            }),
        ColumnKind::Bytes => row
            .try_get::<Option<Vec<u8>>, _>(i)
            .map_err(db_err)?
            .map_or(Value::Null, Value::Bytes),
        ColumnKind::Text | ColumnKind::Json => row
            .try_get::<Option<String>, _>(i)
            .map_err(db_err)?
            .map_or(Value::Null, Value::Text),
    })
}

pub(crate) async fn export_rows(
    pool: &DbPool,
    table: &'static Table,
    after: Option<&[Value]>,
    limit: u32,
) -> Result<Vec<Row>> {
    let select: Vec<String> = table
        .columns
        .iter()
        .map(|c| select_expr(c.name, c.kind))
        .collect();
    let mut q =
        QueryBuilder::<Db>::new(format!("SELECT {} FROM {}", select.join(", "), table.name));
    if let Some(after) = after {
        // Row values compare column by column, which is the key order.
        q.push(format!(" WHERE ({}) > (", keys(table)));
        let mut sep = q.separated(", ");
        for (value, pos) in after.iter().zip(table.key_positions()) {
            push_value(&mut sep, table.columns[pos].kind, value)?;
        }
        q.push(")");
    }
    q.push(format!(" ORDER BY {} LIMIT ", keys(table)))
        .push_bind(i64::from(limit));
    let rows = q.build().fetch_all(pool).await.map_err(db_err)?;
    rows.iter()
        .map(|row| {
            table
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| read_value(row, i, c.kind))
                .collect()
        })
        .collect()
}

pub(crate) async fn table_counts(pool: &DbPool) -> Result<TableCounts> {
    let mut out = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let n: i64 = sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM {}",
            table.name
        )))
        .fetch_one(pool)
        .await
        .map_err(db_err)?;
        out.push((table.name, n));
    }
    Ok(out)
}

/// Copies `source` into the caller's write transaction, which must be on an empty database.
pub(crate) async fn import(conn: &mut Conn, source: &dyn Store) -> Result<TableCounts> {
    for table in TABLES {
        let any: Option<i64> = sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT CAST(1 AS BIGINT) FROM {} LIMIT 1",
            table.name
        )))
        .fetch_optional(&mut *conn)
        .await
        .map_err(db_err)?;
        if any.is_some() {
            return Err(StoreError::Conflict(format!(
                "the target database is not empty (table {} has rows); copy only into a new database",
                table.name
            )));
        }
    }
    // Teams and users refer to each other, as do cases, persons and inquiries: references are
    // checked once, at commit, when every table is in.
    sqlx::query(dialect::DEFER_FOREIGN_KEYS)
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    let mut counts = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let mut after: Option<Row> = None;
        let mut copied = 0i64;
        loop {
            let key: Option<Vec<Value>> = after.as_ref().map(|row| {
                table
                    .key_positions()
                    .into_iter()
                    .map(|p| row[p].clone())
                    .collect()
            });
            let rows = source
                .export_rows(table, key.as_deref(), table.page())
                .await?;
            if rows.is_empty() {
                break;
            }
            for chunk in rows.chunks((MAX_BOUND / table.columns.len()).max(1)) {
                let mut q = QueryBuilder::<Db>::new(format!(
                    "INSERT INTO {} ({}) ",
                    table.name,
                    table.column_names().join(", ")
                ));
                let mut failed = None;
                q.push_values(chunk, |mut b, row| {
                    for (column, value) in table.columns.iter().zip(row) {
                        if let Err(e) = push_value(&mut b, column.kind, value) {
                            failed = Some(e);
                        }
                    }
                });
                if let Some(e) = failed {
                    return Err(e);
                }
                q.build().execute(&mut *conn).await.map_err(db_err)?;
            }
            copied += rows.len() as i64;
            after = rows.into_iter().last();
        }
        if table.generated_id
            && let Some(sql) = dialect::move_id_generator(table.name)
        {
            // New rows must get ids after the copied ones.
            sqlx::query(AssertSqlSafe(sql))
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
        }
        counts.push((table.name, copied));
    }
    Ok(counts)
}
