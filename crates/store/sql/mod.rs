//! The queries both database crates share, written once: each backend compiles this folder
//! into itself (`#[path = "../../store/sql/mod.rs"] mod sql;`) beside its own `dialect.rs`,
//! so a new query file is declared here, once, for both.

pub(crate) mod audit;
pub(crate) mod bulk;
pub(crate) mod cases;
pub(crate) mod commit_bench;
pub(crate) mod detach;
pub(crate) mod documents;
pub(crate) mod households;
pub(crate) mod idempotency;
pub(crate) mod index_snapshot;
pub(crate) mod intake;
pub(crate) mod messages;
pub(crate) mod outbox;
pub(crate) mod people;
pub(crate) mod protection;
pub(crate) mod referrals;
pub(crate) mod rows;
pub(crate) mod security;
pub(crate) mod sitrep;
pub(crate) mod store_impl;
pub(crate) mod transfer;
pub(crate) mod triage;
pub(crate) mod users;
pub(crate) mod workflow;
