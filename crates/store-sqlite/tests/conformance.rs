//! The shared storage conformance suite, on a fresh SQLite file per test.

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

async fn fresh() -> Fresh {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(dir.path().join("corridor.db").to_str().unwrap())
        .await
        .unwrap();
    Fresh { store, _dir: dir }
}

corridor_store::conformance_suite!(fresh().await);
