//! Throw-away databases for tests: each test gets a database of its own on the server named
//! by `CORRIDOR_TEST_POSTGRES_URL`, dropped again when the test ends, pass or fail.

use std::sync::atomic::{AtomicU64, Ordering};

use rand::Rng;
use sqlx::{AssertSqlSafe, Connection, PgConnection};

/// The variable naming a PostgreSQL server tests may create databases on.
pub const TEST_URL_VAR: &str = "CORRIDOR_TEST_POSTGRES_URL";

/// A database created for one test; dropping it drops the database (terminating any
/// connections still open to it).
pub struct TestDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl TestDatabase {
    /// A new empty database, or `None` (after saying so on stderr) when no test server is
    /// configured.
    pub async fn create(what: &str) -> Option<TestDatabase> {
        let Ok(admin_url) = std::env::var(TEST_URL_VAR) else {
            skip(what, std::env::var("CI").ok().as_deref());
            return None;
        };
        static N: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "corridor_test_{}_{}_{:08x}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed),
            rand::thread_rng().r#gen::<u32>()
        );
        let mut admin = PgConnection::connect(&admin_url).await.unwrap_or_else(|e| {
            panic!("{TEST_URL_VAR} is set but PostgreSQL does not answer: {e}")
        });
        sqlx::query(AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut admin)
            .await
            .expect("the test server lets us create databases");
        let _ = admin.close().await;
        let url = replace_database(&admin_url, &name)
            .unwrap_or_else(|| panic!("{TEST_URL_VAR} is not a postgres:// URL"));
        Some(TestDatabase {
            admin_url,
            name,
            url,
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Says that a test is skipped for want of a server, or fails it in CI (the `CI` variable that
/// CI services and `.ci/run` set, other than empty, `0` or `false`): there a skipped test would
/// pass green without having run.
fn skip(what: &str, ci: Option<&str>) {
    if ci.is_some_and(|v| !matches!(v.trim(), "" | "0" | "false")) {
        panic!("{what}: {TEST_URL_VAR} is not set, and CI is (scripts/test sets it up)");
    }
    eprintln!("SKIPPED {what}: set {TEST_URL_VAR} to run it on PostgreSQL");
}

/// The same URL with another database: keeps credentials and query parameters as given.
fn replace_database(url: &str, database: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let (authority, tail) = match rest.split_once('/') {
        Some((a, t)) => (a, t),
        None => (rest, ""),
    };
    let query = tail.split_once('?').map(|(_, q)| q);
    Some(match query {
        Some(q) => format!("{scheme}://{authority}/{database}?{q}"),
        None => format!("{scheme}://{authority}/{database}"),
    })
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Drop runs outside async; a thread with its own runtime does the asynchronous work,
        // also when the test's runtime is shutting down after a panic.
        let dropped = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            rt.block_on(async {
                let mut admin = PgConnection::connect(&admin_url).await?;
                sqlx::query(AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&mut admin)
                .await?;
                admin.close().await
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) {
            eprintln!("could not drop the test database {}", self.name);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn without_a_server_a_test_is_skipped_locally_and_fails_in_ci() {
        super::skip("local run", None);
        super::skip("local run", Some("false"));
        let in_ci = std::panic::catch_unwind(|| super::skip("CI run", Some("true")));
        assert!(
            in_ci.is_err(),
            "in CI a PostgreSQL test must not pass unrun"
        );
    }
}
