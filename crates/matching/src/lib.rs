//! corridor-matching: knowing every person across all the lists.
//!
//! A pure library (no I/O): normalization, blocking, probabilistic scoring and
//! clustering of person records, used in batch by `corridor link` and online by the app.
//!
//! - [`normalize`]: names (folding, Perso-Arabic transliteration, a matching key that
//!   collapses transliteration variants, "X s/o Y" splitting), dates of birth (formats,
//!   year only, 1 January placeholders, Solar Hijri), phones (E.164), tazkira, passport
//!   and email.
//! - [`dedupe`] / [`link`]: batch runs over one list or two, with clusters of records
//!   that are one person.
//! - [`MatchIndex`]: online matching of one new record against everyone known.
//! - [`explain`]: the evidence behind one pair's score, for a review screen.
//!
//! How a pair is judged: records sharing a blocking key (name with birth year, phone,
//! tazkira, passport, email, father and family name, …) are compared field by field into
//! graded levels (exact, close, partial, different, missing). Fellegi-Sunter weights
//! log2(m/u) add up with the prior odds: u comes from random pairs, m from "anchor" pairs
//! that share a personal document (no labels needed), the prior from counting sure pairs.
//! Agreement on a common name counts less than on a rare one (term frequencies). A
//! household guard refuses pairs with different given names unless a personal document
//! agrees: brothers share father, family name, phone and address. Probabilities at or
//! above the match threshold are the same person, those above the possible threshold go
//! to a human, the rest are different people. Clusters grow from the strongest matches
//! and refuse merges that would join different tazkira or passport numbers.

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
