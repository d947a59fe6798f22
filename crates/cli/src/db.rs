//! Choosing the storage backend from the `--db` value.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use corridor_store::Store;
use corridor_store_postgres::{PgSettings, PostgresStore};
use corridor_store_sqlite::SqliteStore;

pub fn is_postgres(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// Opens the database named by a path or URL, for a one-off command. The scheme chooses the
/// backend, so that moving to another database is a change of URL, not of code.
pub async fn open(location: &str) -> anyhow::Result<Arc<dyn Store>> {
    // A command does one thing at a time: a couple of connections are plenty, and leave the
    // database's connection budget to the servers.
    let settings = PgSettings {
        max_connections: 2,
        statement_timeout: Duration::from_secs(600),
        ..Default::default()
    };
    open_with(location, &settings).await
}

/// Opens the database with the given PostgreSQL settings (SQLite has its own fixed pools).
pub async fn open_with(location: &str, settings: &PgSettings) -> anyhow::Result<Arc<dyn Store>> {
    if is_postgres(location) {
        let store = PostgresStore::open(location, settings)
            .await
            .with_context(|| format!("cannot open the database {}", redact(location)))?;
        return Ok(Arc::new(store));
    }
    let store = SqliteStore::open(location)
        .await
        .with_context(|| format!("cannot open the database {location}"))?;
    Ok(Arc::new(store))
}

/// The location without a password, for messages and logs.
pub fn redact(location: &str) -> String {
    let Some((scheme, rest)) = location.split_once("://") else {
        return location.to_string();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{scheme}://{user}:***@{host}")
        }
        _ => location.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_not_repeated() {
        assert_eq!(
            redact("postgres://corridor:s3cret@db:5432/corridor"),
            "postgres://corridor:***@db:5432/corridor"
        );
        assert_eq!(
            redact("postgres://postgres@127.0.0.1/x"),
            "postgres://postgres@127.0.0.1/x"
        );
        assert_eq!(redact("corridor.db"), "corridor.db");
    }
}
