//! Online matching: one new record against everyone already known.

use crate::compare::{Pattern, compare, documents_contradict};
use crate::engine::{block_cap, block_keys, count_tf, full_ids, year_probe_keys};
use crate::model::{Evidence, Guard, Model, Outcome, TermFreq};
use crate::record::{Normalized, Prepared, Record};
use crate::snapshot::{Reader, SnapshotError, Writer};
use crate::util::{FxMap, Interner, NONE, Overlay};
use rayon::prelude::*;

/// A known record that may be the same person as the query.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Candidate {
    /// The caller's id given at insert.
    pub id: u64,
    pub probability: f64,
    pub outcome: Outcome,
    pub evidence: Evidence,
}

/// An in-memory index of prepared records. Postings are chains through one flat array
/// (8 bytes per key and record) behind a map from key to chain head, so a million
/// records with a dozen keys each stay in a few hundred megabytes.
pub struct MatchIndex {
    vocab: Interner,
    recs: Vec<Prepared>,
    ids: Vec<u64>,
    removed: Vec<bool>,
    by_id: FxMap<u64, u32>,
    heads: FxMap<u64, u32>,
    /// (record, next entry) per posting; NONE ends a chain.
    chain: Vec<(u32, u32)>,
    tf: [Vec<u32>; 3],
    model: Model,
    max_block: usize,
}

impl Default for MatchIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl MatchIndex {
    pub fn new() -> Self {
        Self::with_model(Model::default())
    }

    /// An index scoring with the given parameters (e.g. those a batch run estimated).
    pub fn with_model(model: Model) -> Self {
        MatchIndex {
            vocab: Interner::default(),
            recs: Vec::new(),
            ids: Vec::new(),
            removed: Vec::new(),
            by_id: FxMap::default(),
            heads: FxMap::default(),
            chain: Vec::new(),
            tf: Default::default(),
            model,
            max_block: 200,
        }
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    pub fn set_model(&mut self, model: Model) {
        self.model = model;
    }

    /// Number of live records.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// Adds a record under the caller's id; an id inserted again replaces the old record.
    pub fn insert(&mut self, id: u64, record: &Record) {
        let n = Normalized::from_record(record);
        self.insert_normalized(id, &n);
    }

    /// Adds many records, normalizing them in parallel.
    pub fn insert_many(&mut self, items: &[(u64, &Record)]) {
        let normalized: Vec<Normalized> = items
            .par_iter()
            .map(|(_, r)| Normalized::from_record(r))
            .collect();
        for ((id, _), n) in items.iter().zip(normalized.iter()) {
            self.insert_normalized(*id, n);
        }
    }

    /// Removes a record (after an unmerge or an erasure request). Returns whether it was there.
    pub fn remove(&mut self, id: u64) -> bool {
        match self.by_id.remove(&id) {
            Some(idx) => {
                self.removed[idx as usize] = true;
                true
            }
            None => false,
        }
    }

    fn insert_normalized(&mut self, id: u64, n: &Normalized) {
        let p = Prepared::from_normalized(n, &mut self.vocab);
        self.insert_prepared(id, p);
    }

    /// Adds a record whose strings are already in the index's vocabulary.
    fn insert_prepared(&mut self, id: u64, p: Prepared) {
        self.remove(id);
        let idx = self.recs.len() as u32;
        let mut keys = Vec::with_capacity(16);
        block_keys(&self.vocab, &p, &mut keys);
        for k in keys {
            let entry = self.chain.len() as u32;
            let head = self.heads.entry(k).or_insert(NONE);
            self.chain.push((idx, *head));
            *head = entry;
        }
        count_tf(&mut self.tf, &p, self.vocab.len());
        self.recs.push(p);
        self.ids.push(id);
        self.removed.push(false);
        self.by_id.insert(id, idx);
    }

    /// The index as bytes (see [`crate::snapshot`]): its vocabulary, every record's prepared
    /// form with its id, in the order inserted, and the model. Holds personal data.
    pub fn to_snapshot(&self) -> Vec<u8> {
        let mut w = Writer::new();
        w.model(&self.model);
        w.u64(self.max_block as u64);
        let (strings, skeletons) = self.vocab.parts();
        w.u32(strings.len() as u32);
        for (s, &sk) in strings.iter().zip(skeletons) {
            w.bytes(s.as_bytes());
            w.u32(sk);
        }
        // Removed records too: their names still count in the name frequencies, as they do
        // in this index.
        w.u64(self.recs.len() as u64);
        for (i, p) in self.recs.iter().enumerate() {
            w.u64(self.ids[i]);
            w.u8(self.removed[i] as u8);
            w.prepared(p);
        }
        w.out
    }

    /// Reads what [`MatchIndex::to_snapshot`] wrote. The index answers every query as the
    /// one written did.
    pub fn from_snapshot(bytes: &[u8]) -> Result<MatchIndex, SnapshotError> {
        let mut r = Reader::new(bytes)?;
        let model = r.model()?;
        let max_block = r.u64()? as usize;
        let n = r.u32()? as usize;
        // Counts come from the file: cap what is reserved by what the bytes could hold.
        let mut strings = Vec::with_capacity(n.min(bytes.len() / 8));
        let mut skeletons = Vec::with_capacity(n.min(bytes.len() / 8));
        for _ in 0..n {
            strings.push(r.string()?);
            skeletons.push(r.u32()?);
        }
        let vocab = Interner::from_parts(strings, skeletons).ok_or(r.corrupt())?;
        let mut index = MatchIndex {
            vocab,
            max_block,
            ..MatchIndex::with_model(model)
        };
        let records = r.u64()? as usize;
        let room = records.min(bytes.len() / 32);
        index.recs.reserve(room);
        index.ids.reserve(room);
        index.removed.reserve(room);
        index.by_id.reserve(room);
        let words = index.vocab.len();
        for _ in 0..records {
            let id = r.u64()?;
            let removed = match r.u8()? {
                0 => false,
                1 => true,
                _ => return Err(r.corrupt()),
            };
            let p = r.prepared(words)?;
            index.insert_prepared(id, p);
            if removed {
                index.remove(id);
            }
        }
        if !r.at_end() {
            return Err(r.corrupt());
        }
        Ok(index)
    }

    pub(crate) fn vocab(&self) -> &Interner {
        &self.vocab
    }

    /// The prepared record inserted under `id`, unless removed.
    pub(crate) fn prepared(&self, id: u64) -> Option<&Prepared> {
        self.by_id.get(&id).map(|&i| &self.recs[i as usize])
    }

    /// A pair's probability on its own fields, with the index's name frequencies (as
    /// [`MatchIndex::query`] scores it).
    pub(crate) fn own_probability(&self, pat: &Pattern, q: &Prepared, other: &Prepared) -> f64 {
        let total = self.by_id.len() as f64;
        let tf = TermFreq {
            counts: [&self.tf[0], &self.tf[1], &self.tf[2]],
            total,
            against: total,
        };
        self.model
            .scorer(&tf)
            .score(pat, (full_ids(q), full_ids(other)), false)
            .0
    }

    /// Known records that may be the same person, best first (Match and Possible only).
    pub fn query(&self, record: &Record) -> Vec<Candidate> {
        let mut vocab = Overlay::new(&self.vocab);
        let q = Prepared::from_normalized(&Normalized::from_record(record), &mut vocab);
        let mut keys = Vec::with_capacity(16);
        block_keys(&vocab, &q, &mut keys);
        let mut cands: Vec<u32> = Vec::new();
        let mut block: Vec<u32> = Vec::new();
        for k in keys {
            let Some(&head) = self.heads.get(&k) else {
                continue;
            };
            block.clear();
            let cap = block_cap(k, self.max_block);
            let mut e = head;
            while e != NONE && block.len() <= cap {
                let (rec, next) = self.chain[e as usize];
                block.push(rec);
                e = next;
            }
            // Same rule as batch blocking: an overfull block is not evidence enough.
            if block.len() <= cap {
                cands.extend_from_slice(&block);
            }
        }
        cands.sort_unstable();
        cands.dedup();
        let total = self.by_id.len() as f64;
        let tf = TermFreq {
            counts: [&self.tf[0], &self.tf[1], &self.tf[2]],
            total,
            against: total,
        };
        let scorer = self.model.scorer(&tf);
        let mut out: Vec<Candidate> = cands
            .into_iter()
            .filter(|&c| !self.removed[c as usize])
            .filter_map(|c| {
                let other = &self.recs[c as usize];
                let pat = compare(&vocab, &q, other);
                let (mut probability, mut outcome, evidence) =
                    scorer.score(&pat, (full_ids(&q), full_ids(other)), true);
                let mut evidence = evidence.unwrap_or(Evidence {
                    fields: Vec::new(),
                    prior_weight: 0.0,
                    total_weight: 0.0,
                    guard: None,
                });
                if outcome == Outcome::Match
                    && documents_contradict(&q, other, self.model.documents_decide)
                {
                    // Two documents say two people: a person decides, never the score.
                    outcome = Outcome::Possible;
                    probability = probability
                        .min((self.model.match_threshold + self.model.possible_threshold) * 0.5);
                    evidence.guard = Some(Guard::DifferentDocument);
                }
                (outcome != Outcome::NonMatch).then(|| Candidate {
                    id: self.ids[c as usize],
                    probability,
                    outcome,
                    evidence,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.probability
                .total_cmp(&a.probability)
                .then(a.id.cmp(&b.id))
        });
        out
    }

    /// Every known record sharing a key with `record` (a search reading), scored whatever
    /// the outcome, unordered. Unlike [`MatchIndex::query`] an overfull block still gives
    /// its newest records (a search must show something for a common name), the name keys
    /// are probed at every birth year when the reading has none, and the candidates are
    /// bounded as a whole so that one common name costs a bounded time.
    pub(crate) fn search_reading(&self, record: &Record) -> Vec<Candidate> {
        const PER_KEY: usize = 400;
        const PER_YEAR_KEY: usize = 60;
        const TOTAL: usize = 12_000;
        let mut vocab = Overlay::new(&self.vocab);
        let q = Prepared::from_normalized(&Normalized::from_record(record), &mut vocab);
        let mut keys = Vec::with_capacity(16);
        block_keys(&vocab, &q, &mut keys);
        let direct = keys.len();
        year_probe_keys(&q, 1920..=2030, &mut keys);
        let mut cands: Vec<u32> = Vec::new();
        for (n, k) in keys.into_iter().enumerate() {
            let Some(&head) = self.heads.get(&k) else {
                continue;
            };
            let cap = if n < direct { PER_KEY } else { PER_YEAR_KEY };
            let mut e = head;
            let mut taken = 0;
            while e != NONE && taken < cap && cands.len() < TOTAL {
                let (rec, next) = self.chain[e as usize];
                cands.push(rec);
                taken += 1;
                e = next;
            }
        }
        cands.sort_unstable();
        cands.dedup();
        let total = self.by_id.len() as f64;
        let tf = TermFreq {
            counts: [&self.tf[0], &self.tf[1], &self.tf[2]],
            total,
            against: total,
        };
        let scorer = self.model.scorer(&tf);
        let year_only = q.dob.as_ref().is_some_and(|d| !d.has_day());
        cands
            .into_iter()
            .filter(|&c| !self.removed[c as usize])
            .map(|c| {
                let other = &self.recs[c as usize];
                let pat = compare(&vocab, &q, other);
                let ids = (full_ids(&q), full_ids(other));
                let (_, outcome, evidence) = scorer.score(&pat, ids, true);
                let bits = scorer.search_bits(&pat, ids, year_only);
                Candidate {
                    id: self.ids[c as usize],
                    probability: 1.0 / (1.0 + (-bits).exp2()),
                    outcome,
                    evidence: evidence.unwrap_or(Evidence {
                        fields: Vec::new(),
                        prior_weight: 0.0,
                        total_weight: 0.0,
                        guard: None,
                    }),
                }
            })
            .collect()
    }
}
