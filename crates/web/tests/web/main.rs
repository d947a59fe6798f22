//! The application over real HTTP: pages, the API, roles and scopes, every channel.
//!
//! One test binary for the crate: each binary links the whole application, so one instead
//! of one per file builds much faster.

mod common;

mod api;
mod browser;
mod channels;
mod contract;
mod documents;
mod languages;
mod matching;
mod matrix;
mod operations;
mod pages;
mod referrals;
mod search;
mod security;
mod sitrep;
mod texts;
mod triage;
mod workflow;
