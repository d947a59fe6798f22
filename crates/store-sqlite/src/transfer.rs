//! Whole-database export and import for `corridor copy`, in the shared table descriptions.

use corridor_store::transfer::{ColumnKind, EXPORT_PAGE, Row, TABLES, Table, TableCounts, Value};
use corridor_store::{Result, Store, StoreError};
use sqlx::query_builder::Separated;
use sqlx::sqlite::SqliteRow;
use sqlx::{AssertSqlSafe, QueryBuilder, Row as _, Sqlite, SqliteConnection, SqlitePool};

use crate::{db_err, from_micros, micros};

fn keys(table: &Table) -> String {
    table.key.join(", ")
}

fn push_value(
    q: &mut Separated<'_, Sqlite, &'static str>,
    kind: ColumnKind,
    value: &Value,
) -> Result<()> {
    match (kind, value) {
        (_, Value::Null) => q.push_bind(None::<i64>),
        (ColumnKind::Int, Value::Int(i)) => q.push_bind(*i),
        (ColumnKind::Float, Value::Float(f)) => q.push_bind(*f),
        (ColumnKind::Bool, Value::Bool(b)) => q.push_bind(*b as i64),
        (ColumnKind::Time, Value::Time(t)) => q.push_bind(micros(*t)),
        (ColumnKind::Text | ColumnKind::Json | ColumnKind::Codes, Value::Text(s)) => {
            q.push_bind(s.clone())
        }
        (kind, value) => {
            return Err(StoreError::Rule(format!(
                "a {kind:?} column cannot hold {value:?}"
            )));
        }
    };
    Ok(())
}

fn read_value(row: &SqliteRow, i: usize, kind: ColumnKind) -> Result<Value> {
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
            .try_get::<Option<i64>, _>(i)
            .map_err(db_err)?
            .map_or(Value::Null, |b| Value::Bool(b != 0)),
        ColumnKind::Time => row
            .try_get::<Option<i64>, _>(i)
            .map_err(db_err)?
            .map_or(Value::Null, |t| Value::Time(from_micros(t))),
        ColumnKind::Text | ColumnKind::Json | ColumnKind::Codes => row
            .try_get::<Option<String>, _>(i)
            .map_err(db_err)?
            .map_or(Value::Null, Value::Text),
    })
}

pub(crate) async fn export_rows(
    pool: &SqlitePool,
    table: &'static Table,
    after: Option<&[Value]>,
    limit: u32,
) -> Result<Vec<Row>> {
    let mut q = QueryBuilder::<Sqlite>::new(format!(
        "SELECT {} FROM {}",
        table.column_names().join(", "),
        table.name
    ));
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
        .push_bind(limit as i64);
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

pub(crate) async fn table_counts(pool: &SqlitePool) -> Result<TableCounts> {
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
pub(crate) async fn import(conn: &mut SqliteConnection, source: &dyn Store) -> Result<TableCounts> {
    for table in TABLES {
        let any: Option<i64> = sqlx::query_scalar(AssertSqlSafe(format!(
            "SELECT 1 FROM {} LIMIT 1",
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
    sqlx::query("PRAGMA defer_foreign_keys = ON")
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
                .export_rows(table, key.as_deref(), EXPORT_PAGE)
                .await?;
            if rows.is_empty() {
                break;
            }
            // SQLite takes at most 32,766 bound values per statement: a page of a wide table
            // goes in several inserts.
            for chunk in rows.chunks((32_000 / table.columns.len()).max(1)) {
                let mut q = QueryBuilder::<Sqlite>::new(format!(
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
        counts.push((table.name, copied));
    }
    Ok(counts)
}
