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
//!   that are one person, family members linked through their households.
//! - [`MatchIndex`]: online matching of one new record against everyone known.
//! - [`explain`]: the evidence behind one pair's score, for a review screen
//!   ([`explain_scored`] for a pair from a batch run, which may have been judged through
//!   the households).
//!
//! How a pair is judged: records sharing a blocking key (name with birth year, all name
//! parts as a bag, phone, tazkira, passport number without its letter prefix, email,
//! father and family name, …) are compared field by field into graded levels (exact,
//! close, partial, different, missing). Fellegi-Sunter weights log2(m/u) add up with the
//! prior odds: u comes from random pairs, m from "anchor" pairs that share a personal
//! document (no labels needed), the prior from counting sure pairs. Agreement on a common
//! name counts less than on a rare one (term frequencies).
//!
//! Relatives are the hard part: brothers share father, family name, phone and address,
//! and parents and children may share names. So:
//! - the fields a household shares (family and father name, phone, address, province)
//!   together count at most as "same household" (their positive weights are scaled down
//!   to the prior's odds), and personal fields (given name, birth date, sex, documents,
//!   email) must say which member;
//! - a guard refuses pairs with different given names unless a personal document or
//!   email agrees;
//! - the same tazkira or passport number with an agreeing given name is a match whatever
//!   else differs (a father's name spelled "Daoud Shah" and "Davud Shaah" must not keep
//!   one person apart): [`Guard::SharedDocument`].
//!
//! Probabilities at or above the match threshold are the same person, those above the
//! possible threshold go to a human, the rest are different people. Clusters grow from
//! the strongest matches and refuse merges that would join different tazkira or passport
//! numbers (where the data show such numbers reliable, see [`Model::documents_decide`]; a
//! list whose identifiers are often mistyped weighs a different number as evidence instead),
//! or two records that contradict each other: a member of each cluster whose
//! outright disagreements (father's name, birth year, province, phone, address, given
//! name, sex, email; not the family name, whose column often holds the father's name)
//! weigh more than 9 bits against being one person. That check is what lets a batch run
//! join clusters from probability 0.90 rather than the model's 0.95 for one pair alone
//! (online matching keeps 0.95): at 100,000 benchmark records it raised precision from
//! 0.965 to 0.981 (most false pairs were namesakes chained through a sparse record).
//!
//! Households: records may carry a household key ([`Record::household`], local to the
//! list they come from); a record without one that gives a phone number belongs to the
//! household of that number in its list (families share one phone; such a household may
//! hold one person twice, and two records of one cluster count as one candidate). A sparse family member ("Fatima, female, Kabul") can't be linked
//! by its own fields, too many people share them, but its household can: after
//! clustering, two households with members in one cluster (through a pair that scores at
//! least "possible" on its own, in a cluster holding no household twice) are one family,
//! and their other members pair up one-to-one by given name (close or exact after
//! transliteration, or partly alike with the same sex and an agreeing birth date or
//! father's name), never with a different sex, contradicting tazkira or passport numbers,
//! or birth years more than five apart (less when both give a day). A pair is taken only
//! when each side is the other's single best candidate: two namesakes (a father and son
//! both "Mohammad") without a birth date or father's name to tell them apart pair with
//! nobody, and brothers never pair (their given names differ). Such pairs are matches:
//! their probability is raised to the match threshold, a "possible" pair inside two linked
//! households included, and they carry the relatives that linked the households
//! ([`ScoredPair::household`]; [`explain_scored`] gives them [`Guard::Household`]).
//! Households of more than 16 records are ignored. The online [`MatchIndex`] does not use
//! households (the app can do the same through its own household links).
//!
//! Names: a full name without a family column or a "Family, Given" comma ("Mohammad Daud
//! s/o Yousef", "Mohammad Daud") is taken whole as the given name, its last part only as a
//! possible family name; "FNU" with the name in the family column is a given name.
//! Perso-Arabic words are transliterated by a hand-written dictionary of Afghan names
//! first, then by the public name table (`data/names.tsv`: Arabic-script name units with
//! the Latin spellings attested for them on Wikidata, CC0, derived from the
//! arabic-name-romanizer package by `data/derive.py`; see `data/NOTICE.md`), then letter
//! by letter. The table also pairs Latin spellings of one unit (Daoud / Dawood) so they
//! compare as close, as do names with the same letters split differently ("Bibi
//! Shabnam" / "Bibishabnam").
//!
//! Why m is estimated from anchor pairs and not by EM: EM over the comparison patterns of
//! candidate pairs, with m and u free, converges to a "same household" class on this kind
//! of data (household members agree on four or five fields, more than most true pairs
//! with sparse records do), and with u fixed to random pairs it calls nearly every
//! candidate pair a match, since blocking already selects pairs that agree. Anchor pairs
//! (a shared tazkira or passport for every other field; same given name, exact birth date
//! and father or family name for the documents) are the same person with near certainty
//! and need no labels, so their level frequencies estimate m directly, with the built-in
//! parameters as a weak prior. A constrained EM seeded from them was not tried in this
//! round.
//!
//! Training for the online index: `dedupe(records, &LinkConfig::default(), &NoProgress)`
//! estimates a [`Model`] from the data, returned in [`LinkResult::model`]; pass it to
//! [`MatchIndex::set_model`] (or [`MatchIndex::with_model`]). Estimation samples at most
//! 250,000 candidate pairs and 60,000 random pairs, so at 100,000 records the whole run
//! (which also compares and clusters every candidate pair) takes a second or two on two
//! cores; the model is a few hundred bytes and serializes with serde.

mod batch;
mod compare;
mod engine;
mod household;
mod index;
mod model;
pub mod normalize;
mod record;
mod search;
mod snapshot;
mod util;

pub use batch::{LinkConfig, LinkResult, ScoredPair, dedupe, explain, explain_scored, link};
pub use compare::{FIELDS, Field, Level};
pub use engine::{NoProgress, Progress};
pub use household::HouseholdPair;
pub use index::{Candidate, MatchIndex};
pub use model::{Evidence, FieldEvidence, Guard, Model, Outcome};
pub use record::Record;
pub use search::{Hit, PersonQuery, QueryKind, read_query};
pub use snapshot::SnapshotError;

/// The normalized form of a record as text, for tuning tools (`examples/explain.rs`).
#[doc(hidden)]
pub fn debug_normalized(r: &Record) -> String {
    format!("{:?}", record::Normalized::from_record(r))
}
