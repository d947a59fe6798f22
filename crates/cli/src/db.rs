//! Choosing the storage backend from the `--db` value.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use corridor_store::Backdating;
use corridor_store::crypto::KeySource;
use corridor_store::prelude::*;
use corridor_store_postgres::{PgSettings, PostgresStore};
use corridor_store_sqlite::SqliteStore;

pub fn is_postgres(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

/// Opens the database named by a path or URL, for a one-off command. The scheme chooses the
/// backend, so that moving to another database is a change of URL, not of code.
pub async fn open(db: &crate::DbArg) -> anyhow::Result<Arc<dyn Store>> {
    open_with(db, &command_settings()).await
}

/// A command does one thing at a time: a couple of connections are plenty, and leave the
/// database's connection budget to the servers.
pub fn command_settings() -> PgSettings {
    PgSettings {
        max_connections: 2,
        statement_timeout: Duration::from_secs(600),
        ..Default::default()
    }
}

/// Opens the database with the given PostgreSQL settings (SQLite has its own fixed pools).
pub async fn open_with(db: &crate::DbArg, settings: &PgSettings) -> anyhow::Result<Arc<dyn Store>> {
    open_location(&db.db, &keys(db), settings).await
}

/// Where the data key is: named, or the default for the database. Always absolute, so that
/// a message about a missing key says where it was looked for, whatever the working
/// directory was.
pub fn key_file(db: &crate::DbArg) -> PathBuf {
    let path = if let Some(p) = &db.data_key {
        p.clone()
    } else if is_postgres(&db.db) {
        PathBuf::from("corridor-data.key")
    } else {
        corridor_store::crypto::key_file_beside(&db.db)
    };
    std::path::absolute(&path).unwrap_or(path)
}

pub fn keys(db: &crate::DbArg) -> KeySource {
    KeySource::File(key_file(db))
}

/// Opens a database at `location` with the given keys.
pub async fn open_location(
    location: &str,
    keys: &KeySource,
    settings: &PgSettings,
) -> anyhow::Result<Arc<dyn Store>> {
    Ok(open_backdating(location, keys, settings).await?)
}

/// Opens the database as [`open_with`] does, with the door the demo needs to date the closing
/// of the cases it replays (see [`Backdating`]). Only the demo's loading holds this handle.
pub async fn open_for_demo(
    db: &crate::DbArg,
    settings: &PgSettings,
) -> anyhow::Result<Arc<dyn Backdating>> {
    open_backdating(&db.db, &keys(db), settings).await
}

async fn open_backdating(
    location: &str,
    keys: &KeySource,
    settings: &PgSettings,
) -> anyhow::Result<Arc<dyn Backdating>> {
    if is_postgres(location) {
        let store = PostgresStore::open(location, settings, keys)
            .await
            .with_context(|| format!("cannot open the database {}", redact(location)))?;
        return Ok(Arc::new(store));
    }
    let store = SqliteStore::open(location, keys)
        .await
        .with_context(|| format!("cannot open the database {location}"))?;
    Ok(Arc::new(store))
}

/// A SQLite database in a scratch place, with its key in memory (benchmarks).
pub async fn open_scratch(location: &str) -> anyhow::Result<Arc<dyn Store>> {
    open_location(location, &KeySource::ephemeral(), &command_settings()).await
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
