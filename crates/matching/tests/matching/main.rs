//! Matching end to end: the library on scenario data and `corridor link` as a command.
//!
//! One test binary for the crate: each binary links the whole application, so one instead
//! of one per file builds much faster.

mod latin;
mod link_cli;
mod matching;
