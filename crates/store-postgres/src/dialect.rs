//! What differs on PostgreSQL, for the code shared with SQLite (`crates/store/sql`).

pub(crate) const BACKEND: &str = "postgres";
