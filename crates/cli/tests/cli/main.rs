//! The `corridor` binary, run as users run it: commands, servers, crashes, mail, logs.
//!
//! One test binary for the crate: each binary links the whole application, so one instead
//! of one per file builds much faster.

mod common;

mod at_rest;
mod command;
mod crash;
mod import;
mod logs;
mod mail;
mod mail_documents;
mod referrals;
mod search;
mod security;
mod servers;
mod sitrep;
mod sms;
