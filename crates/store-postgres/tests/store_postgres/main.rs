//! The PostgreSQL store's integration tests: the shared conformance suite, several servers on
//! one database, and protection at rest seen by raw SQL. They run when
//! `CORRIDOR_TEST_POSTGRES_URL` names a server; otherwise each says on stderr it was skipped.
//!
//! One test binary for the crate: each binary links the whole store, so one instead of one
//! per file builds much faster.

mod audit_seal;
mod conformance;
mod postgres;
mod protection;
