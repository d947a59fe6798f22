//! The shared storage conformance suite on PostgreSQL, each test in a database of its own.
//! Runs when `CORRIDOR_TEST_POSTGRES_URL` names a server (`.ci/run` sets it); otherwise every
//! test says on stderr that it was skipped.

use corridor_store::Clock;
use corridor_store::crypto::KeySource;
use corridor_store_postgres::testdb::TestDatabase;
use corridor_store_postgres::{PgSettings, PostgresStore};

/// Keeps the database alive for as long as the store is used, and drops it afterwards.
struct Fresh {
    store: PostgresStore,
    _db: TestDatabase,
}

impl std::ops::Deref for Fresh {
    type Target = PostgresStore;
    fn deref(&self) -> &PostgresStore {
        &self.store
    }
}

/// One key file for every store of the run: the suite copies between two fresh stores, and a
/// copy reads only under the keys it was sealed with (as `corridor copy` between databases
/// sharing a key file).
static KEYS: std::sync::LazyLock<KeySource> = std::sync::LazyLock::new(KeySource::ephemeral);

async fn fresh() -> Option<Fresh> {
    fresh_with(Clock::system()).await
}

async fn fresh_with(clock: Clock) -> Option<Fresh> {
    let db = TestDatabase::create("this PostgreSQL conformance test").await?;
    let store = PostgresStore::open(db.url(), &PgSettings::default(), &KEYS)
        .await
        .unwrap()
        .with_clock(clock);
    Some(Fresh { store, _db: db })
}

corridor_store::conformance_suite!(optional: fresh().await);
corridor_store::conformance_suite!(clock |c| optional: fresh_with(c.clone()).await);

mod intake {
    use super::*;
    corridor_store::conformance_suite!(intake optional: fresh().await);
}
