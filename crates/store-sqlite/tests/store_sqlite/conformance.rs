//! The shared storage conformance suite, on a fresh SQLite file per test.

use std::sync::LazyLock;

use corridor_store::Clock;
use corridor_store::crypto::KeySource;
use corridor_store_sqlite::SqliteStore;

/// Keeps the temporary directory alive for as long as the store is used.
struct Fresh {
    store: SqliteStore,
    _dir: tempfile::TempDir,
}

impl std::ops::Deref for Fresh {
    type Target = SqliteStore;
    fn deref(&self) -> &SqliteStore {
        &self.store
    }
}

/// One data key for every test database, as `corridor copy` opens its target with the
/// source's key: copied values stay sealed under it.
static KEYS: LazyLock<KeySource> = LazyLock::new(KeySource::ephemeral);

async fn fresh() -> Fresh {
    fresh_with(Clock::system()).await
}

async fn fresh_with(clock: Clock) -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corridor.db");
    let store = SqliteStore::open(path.to_str().unwrap(), &KEYS)
        .await
        .unwrap()
        .with_clock(clock);
    Fresh { store, _dir: dir }
}

corridor_store::conformance_suite!(fresh().await);
corridor_store::conformance_suite!(clock |c| optional: Some(fresh_with(c.clone()).await));

mod intake {
    use super::*;
    corridor_store::conformance_suite!(intake: fresh().await);
}

/// `corridor copy` moves the tables described in `corridor_store::transfer`; a table the
/// migrations add without a description there would be left behind silently.
#[tokio::test]
async fn every_table_is_described_for_copying() {
    let fresh = fresh().await;
    let path = fresh._dir.path().join("corridor.db");
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let mut tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx_%' ORDER BY name",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let mut described: Vec<String> = corridor_store::transfer::TABLES
        .iter()
        .map(|t| t.name.to_string())
        .chain(
            corridor_store::transfer::NOT_COPIED
                .iter()
                .map(|t| t.to_string()),
        )
        .collect();
    tables.sort();
    described.sort();
    assert_eq!(tables, described);
}
