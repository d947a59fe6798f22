//! Whole-database export and import for `corridor copy`, in the shared table descriptions.

use chrono::{DateTime, Utc};
use corridor_store::transfer::{ColumnKind, EXPORT_PAGE, Row, TABLES, Table, TableCounts, Value};
use corridor_store::{Result, Store, StoreError};
use sqlx::postgres::PgRow;
use sqlx::query_builder::Separated;
use sqlx::{AssertSqlSafe, PgConnection, PgPool, Postgres, QueryBuilder, Row as _};

use crate::db_err;

/// The select-list expression that reads a column in its transfer form.
fn select_expr(name: &str, kind: ColumnKind) -> String {
    match kind {
        ColumnKind::Json => format!("{name}::text"),
        ColumnKind::Codes => format!("array_to_string({name}, ',')"),
        _ => name.to_string(),
    }
}

fn push_value(
    q: &mut Separated<'_, Postgres, &'static str>,
    kind: ColumnKind,
    value: &Value,
) -> Result<()> {
    // Nulls are bound with the column's type: PostgreSQL will not put a bigint null in a text
    // column.
    match (kind, value) {
        (ColumnKind::Int, Value::Null) => q.push_bind(None::<i64>),
        (ColumnKind::Float, Value::Null) => q.push_bind(None::<f64>),
        (ColumnKind::Text, Value::Null) => q.push_bind(None::<String>),
        (ColumnKind::Json, Value::Null) => q.push_bind(None::<String>).push_unseparated("::jsonb"),
        (ColumnKind::Codes, Value::Null) => q.push_bind(None::<Vec<String>>),
        (ColumnKind::Bool, Value::Null) => q.push_bind(None::<bool>),
        (ColumnKind::Time, Value::Null) => q.push_bind(None::<DateTime<Utc>>),
        (ColumnKind::Int, Value::Int(i)) => q.push_bind(*i),
        (ColumnKind::Float, Value::Float(f)) => q.push_bind(*f),
        (ColumnKind::Bool, Value::Bool(b)) => q.push_bind(*b),
        (ColumnKind::Time, Value::Time(t)) => q.push_bind(*t),
        (ColumnKind::Text, Value::Text(s)) => q.push_bind(s.clone()),
        (ColumnKind::Json, Value::Text(s)) => q.push_bind(s.clone()).push_unseparated("::jsonb"),
        (ColumnKind::Codes, Value::Text(s)) => q.push_bind(
            s.split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>(),
        ),
        (kind, value) => {
            return Err(StoreError::Rule(format!(
                "a {kind:?} column cannot hold {value:?}"
            )));
        }
    };
    Ok(())
}

fn read_value(row: &PgRow, i: usize, kind: ColumnKind) -> Result<Value> {
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
            .try_get::<Option<DateTime<Utc>>, _>(i)
            .map_err(db_err)?
            .map_or(Value::Null, Value::Time),
        ColumnKind::Text | ColumnKind::Json | ColumnKind::Codes => row
            .try_get::<Option<String>, _>(i)
            .map_err(db_err)?
            .map_or(Value::Null, Value::Text),
    })
}

pub(crate) async fn export_rows(
    pool: &PgPool,
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
        QueryBuilder::<Postgres>::new(format!("SELECT {} FROM {}", select.join(", "), table.name));
    if let Some(after) = after {
        // Row values compare column by column, which is the key order.
        q.push(format!(" WHERE ({}) > (", table.key.join(", ")));
        let mut sep = q.separated(", ");
        for (value, pos) in after.iter().zip(table.key_positions()) {
            push_value(&mut sep, table.columns[pos].kind, value)?;
        }
        q.push(")");
    }
    q.push(format!(" ORDER BY {} LIMIT ", table.key.join(", ")))
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

pub(crate) async fn table_counts(pool: &PgPool) -> Result<TableCounts> {
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
pub(crate) async fn import(conn: &mut PgConnection, source: &dyn Store) -> Result<TableCounts> {
    for table in TABLES {
        let any: Option<i32> = sqlx::query_scalar(AssertSqlSafe(format!(
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
    // Some tables refer to each other; references are checked once, at commit.
    sqlx::query("SET CONSTRAINTS ALL DEFERRED")
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    let mut counts = Vec::with_capacity(TABLES.len());
    for table in TABLES {
        let mut last: Option<Row> = None;
        let mut copied = 0i64;
        loop {
            let key: Option<Vec<Value>> = last.as_ref().map(|row| {
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
            let mut q = QueryBuilder::<Postgres>::new(format!(
                "INSERT INTO {} ({}) ",
                table.name,
                table.column_names().join(", ")
            ));
            let mut failed = None;
            q.push_values(&rows, |mut b, row| {
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
            copied += rows.len() as i64;
            last = rows.into_iter().last();
        }
        if table.generated_id {
            // New rows must get ids after the copied ones.
            sqlx::query(AssertSqlSafe(format!(
                "SELECT setval(pg_get_serial_sequence('{0}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {0}",
                table.name
            )))
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
        }
        counts.push((table.name, copied));
    }
    Ok(counts)
}
