//! Choosing the storage backend from the `--db` value.

use std::sync::Arc;

use anyhow::{Context, bail};
use corridor_store::Store;
use corridor_store_sqlite::SqliteStore;

/// Opens the database named by a path or URL. The scheme chooses the backend, so that moving
/// to another database is a change of URL, not of code.
pub async fn open(location: &str) -> anyhow::Result<Arc<dyn Store>> {
    if location.starts_with("postgres://") || location.starts_with("postgresql://") {
        bail!("PostgreSQL is not supported yet; use a SQLite file path or sqlite:// URL");
    }
    let store = SqliteStore::open(location)
        .await
        .with_context(|| format!("cannot open the database {location}"))?;
    Ok(Arc::new(store))
}
