//! The SQLite store's integration tests: the shared conformance suite and the schema's own
//! rules, and the upgrade from the last release.
//!
//! One test binary for the crate: each binary links the whole store, so one instead of one
//! per file builds much faster.

mod audit_seal;
mod conformance;
mod disk_full;
mod documents_at_rest;
mod schema_rules;
mod upgrade;
