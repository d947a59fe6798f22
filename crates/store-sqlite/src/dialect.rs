//! What differs on SQLite, for the code shared with PostgreSQL (`crates/store/sql`).

pub(crate) const BACKEND: &str = "sqlite";
