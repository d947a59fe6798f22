//! corridor-matching: normalization, blocking, probabilistic scoring and clustering of
//! person records. Pure library: no I/O beyond what the caller hands in.
//!
//! - [`normalize`]: names (folding, transliteration, matching keys), dates of birth,
//!   phones, documents.
//! - [`dedupe`] / [`link`]: batch runs over one or two lists, with clusters.
//! - [`MatchIndex`]: online matching of one new record against everyone known.

mod batch;
mod compare;
mod engine;
mod index;
mod model;
pub mod normalize;
mod record;
mod util;

pub use batch::{LinkConfig, LinkResult, ScoredPair, dedupe, explain, link};
pub use compare::{FIELDS, Field, Level};
pub use engine::{NoProgress, Progress};
pub use index::{Candidate, MatchIndex};
pub use model::{Evidence, FieldEvidence, Guard, Model, Outcome};
pub use record::Record;
