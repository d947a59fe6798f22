//! Batch linking: deduplicate one list or link two, then cluster into people.

use crate::compare::{Level, Pattern, compare, pack, passport_level, tazkira_level, unpack};
use crate::engine::{
    Prepped, Progress, block_cap, block_keys, full_ids, prepare_all, random_exact_name,
};
use crate::model::{Evidence, Model, Outcome, TermFreq, level_frequencies, train};
use crate::record::{Normalized, Prepared, Record};
use crate::util::{FxMap, Interner};
use rayon::prelude::*;

/// Below this many records the parameters are not estimated from the data.
const MIN_RECORDS_TO_TRAIN: usize = 500;

/// Probability at or above which a compared pair joins clusters in a batch run (unless
/// the model's match threshold is lower, or a threshold is configured).
const BATCH_JOIN_THRESHOLD: f64 = 0.90;

/// Candidate pairs sampled to estimate the parameters.
const TRAINING_PAIRS: usize = 250_000;

/// Settings of a batch run.
#[derive(Debug, Clone)]
pub struct LinkConfig {
    /// Blocks (records sharing one key) larger than this are skipped: a key that many
    /// records share says little, and comparing all its pairs would be quadratic.
    pub max_block: usize,
    /// Overrides of the model's thresholds.
    pub match_threshold: Option<f64>,
    pub possible_threshold: Option<f64>,
    /// Use these parameters instead of estimating them from the data.
    pub model: Option<Model>,
    /// Largest cluster that merging may create; stops chains of near-matches.
    pub max_cluster: usize,
    /// Random pairs sampled to estimate how often unrelated records agree.
    pub random_pairs: usize,
}

impl Default for LinkConfig {
    fn default() -> Self {
        LinkConfig {
            max_block: 200,
            match_threshold: None,
            possible_threshold: None,
            model: None,
            max_cluster: 40,
            random_pairs: 60_000,
        }
    }
}

/// A scored pair: indices into the input (for `link`, `left` indexes the first list and
/// `right` the second).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoredPair {
    pub left: usize,
    pub right: usize,
    pub probability: f64,
    pub outcome: Outcome,
    /// Set when the pair was judged through their households (see the crate doc,
    /// "Households"): a pair of relatives, in the households of `left` and `right` in
    /// that order, found to be one person (in one cluster), which links the two
    /// households. `None` for pairs judged on their own fields.
    pub household: Option<(usize, usize)>,
}

/// The result of a batch run.
#[derive(Debug, Clone)]
pub struct LinkResult {
    /// Compared pairs judged Match or Possible, and pairs judged through their
    /// households (Match, with `household` set; such pairs may not have been compared by
    /// blocking).
    pub scored: Vec<ScoredPair>,
    /// Every pair in the same cluster (for `link`, only pairs across the two lists), with
    /// its own probability; this is what "judged the same person" means for output.
    pub same_person: Vec<ScoredPair>,
    /// Cluster id per record (for `link`: first list, then second list).
    pub clusters: Vec<usize>,
    /// The parameters used, estimated or given.
    pub model: Model,
    /// Number of candidate pairs compared.
    pub compared: usize,
}

/// Deduplicates one list.
pub fn dedupe(records: &[Record], config: &LinkConfig, progress: &dyn Progress) -> LinkResult {
    let refs: Vec<&Record> = records.iter().collect();
    run(&refs, None, config, progress)
}

/// Links two lists: pairs always have one record from each.
pub fn link(
    left: &[Record],
    right: &[Record],
    config: &LinkConfig,
    progress: &dyn Progress,
) -> LinkResult {
    let refs: Vec<&Record> = left.iter().chain(right.iter()).collect();
    let mut r = run(&refs, Some(left.len()), config, progress);
    for p in r.scored.iter_mut().chain(r.same_person.iter_mut()) {
        p.right -= left.len();
        if let Some((_, ar)) = &mut p.household {
            *ar -= left.len();
        }
    }
    r
}

/// Explains how two records compare under a model (for a review screen).
pub fn explain(a: &Record, b: &Record, model: &Model) -> (f64, Outcome, Evidence) {
    let mut vocab = Interner::default();
    let pa = Prepared::from_normalized(&Normalized::from_record(a), &mut vocab);
    let pb = Prepared::from_normalized(&Normalized::from_record(b), &mut vocab);
    let p = compare(&vocab, &pa, &pb);
    let empty: [&[u32]; 3] = [&[], &[], &[]];
    let tf = TermFreq {
        counts: empty,
        total: 0.0,
        against: model.prior_records,
    };
    let (prob, outcome, ev) = model
        .scorer(&tf)
        .score(&p, (full_ids(&pa), full_ids(&pb)), true);
    (prob, outcome, ev.unwrap_or_else(unreachable_evidence))
}

/// Explains a pair from a batch run (`pair` indexes `a` and `b`'s lists): as [`explain`],
/// but a pair judged through the households gets their probability and outcome and
/// [`Guard::Household`](crate::Guard::Household) (the relatives that linked them are in
/// `pair.household`).
pub fn explain_scored(
    a: &Record,
    b: &Record,
    pair: &ScoredPair,
    model: &Model,
) -> (f64, Outcome, Evidence) {
    let (prob, outcome, mut ev) = explain(a, b, model);
    if pair.household.is_none() {
        return (prob, outcome, ev);
    }
    ev.guard = Some(crate::Guard::Household);
    (pair.probability, pair.outcome, ev)
}

fn unreachable_evidence() -> Evidence {
    Evidence {
        fields: Vec::new(),
        prior_weight: 0.0,
        total_weight: 0.0,
        guard: None,
    }
}

/// Deterministic pseudo-random sequence (splitmix64) for sampling pairs.
struct SplitMix(u64);
impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn candidate_pairs(
    pp: &Prepped,
    split: Option<usize>,
    max_block: usize,
    progress: &dyn Progress,
) -> Vec<u64> {
    progress.stage("blocking", pp.recs.len() as u64);
    let mut keys: Vec<(u64, u32)> = pp
        .recs
        .par_iter()
        .enumerate()
        .fold(Vec::new, |mut acc, (i, p)| {
            let mut buf = Vec::with_capacity(16);
            block_keys(&pp.vocab, p, &mut buf);
            acc.extend(buf.iter().map(|&k| (k, i as u32)));
            progress.inc(1);
            acc
        })
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        });
    keys.par_sort_unstable();
    // Block boundaries.
    let debug = std::env::var_os("CORRIDOR_MATCHING_DEBUG").is_some();
    let mut rule_pairs = [0usize; 32];
    let mut rule_skipped = [0usize; 32];
    let mut starts = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let mut j = i + 1;
        while j < keys.len() && keys[j].0 == keys[i].0 {
            j += 1;
        }
        let cap = block_cap(keys[i].0, max_block);
        if j - i >= 2 && j - i <= cap {
            starts.push((i, j));
            if debug {
                rule_pairs[(keys[i].0 >> 59) as usize] += (j - i) * (j - i - 1) / 2;
            }
        } else if debug && j - i > cap {
            rule_skipped[(keys[i].0 >> 59) as usize] += 1;
        }
        i = j;
    }
    if debug {
        eprintln!("pairs per blocking rule: {:?}", &rule_pairs[..16]);
        eprintln!("oversized blocks per rule: {:?}", &rule_skipped[..16]);
    }
    let mut pairs: Vec<u64> = starts
        .par_iter()
        .fold(Vec::new, |mut acc, &(s, e)| {
            let block = &keys[s..e];
            for x in 0..block.len() {
                for y in x + 1..block.len() {
                    let (a, b) = (block[x].1.min(block[y].1), block[x].1.max(block[y].1));
                    if a == b {
                        continue;
                    }
                    if let Some(n) = split
                        && ((a as usize) < n) == ((b as usize) < n)
                    {
                        continue;
                    }
                    acc.push((a as u64) << 32 | b as u64);
                }
            }
            acc
        })
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        });
    drop(keys);
    pairs.par_sort_unstable();
    pairs.dedup();
    progress.finish();
    pairs
}

fn random_u(
    pp: &Prepped,
    split: Option<usize>,
    samples: usize,
) -> [[f64; crate::compare::NL]; crate::compare::NF] {
    let n = pp.recs.len() as u64;
    if n < 2 {
        return Model::default().u;
    }
    let mut rng = SplitMix(0xC0FF_EE00_D15E_A5E5);
    let idx: Vec<(usize, usize)> = (0..samples)
        .map(|_| {
            let (a, b) = match split {
                Some(s) if s > 0 && (s as u64) < n => (
                    rng.next() % s as u64,
                    s as u64 + rng.next() % (n - s as u64),
                ),
                _ => (rng.next() % n, rng.next() % n),
            };
            (a as usize, b as usize)
        })
        .filter(|(a, b)| a != b)
        .collect();
    let patterns: Vec<(u64, f64)> = idx
        .par_iter()
        .map(|&(a, b)| (pack(&compare(&pp.vocab, &pp.recs[a], &pp.recs[b])), 1.0))
        .collect();
    level_frequencies(&patterns)
}

struct UnionFind {
    parent: Vec<u32>,
    size: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }
    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }
}

fn run(
    records: &[&Record],
    split: Option<usize>,
    config: &LinkConfig,
    progress: &dyn Progress,
) -> LinkResult {
    let mut pp = prepare_all(records, progress);
    // Records are reordered by name (within each list) so that records compared with
    // each other mostly sit close in memory; `order[new] = original index`.
    let order = sort_by_name(&mut pp, split);
    let pairs = candidate_pairs(&pp, split, config.max_block, progress);

    // Every candidate pair is compared once; estimation samples the patterns and
    // scoring reads them back.
    progress.stage("comparing", pairs.len() as u64);
    let patterns: Vec<u64> = pairs
        .par_chunks(4096)
        .flat_map_iter(|chunk| {
            let out: Vec<u64> = chunk
                .iter()
                .map(|&pk| {
                    let (a, b) = ((pk >> 32) as usize, (pk & 0xFFFF_FFFF) as usize);
                    pack(&compare(&pp.vocab, &pp.recs[a], &pp.recs[b]))
                })
                .collect();
            progress.inc(chunk.len() as u64);
            out
        })
        .collect();
    progress.finish();

    let mut model = match &config.model {
        Some(m) => m.clone(),
        // Too few records to estimate anything: the built-in parameters.
        None if pp.recs.len() < MIN_RECORDS_TO_TRAIN => Model::default(),
        None => {
            // Parameters come from a systematic sample of the candidate pairs (each
            // counted for the pairs it stands for): estimates need a few million
            // patterns, not all of them.
            progress.stage("estimating", 0);
            let stride = patterns.len().div_ceil(TRAINING_PAIRS).max(1);
            let counts: FxMap<u64, f64> = patterns
                .par_iter()
                .step_by(stride)
                .fold(FxMap::default, |mut acc: FxMap<u64, f64>, &pat| {
                    *acc.entry(pat).or_insert(0.0) += stride as f64;
                    acc
                })
                .reduce(FxMap::default, |mut a, b| {
                    for (k, v) in b {
                        *a.entry(k).or_insert(0.0) += v;
                    }
                    a
                });
            let counted: Vec<(u64, f64)> = counts.into_iter().collect();
            let u = random_u(&pp, split, config.random_pairs);
            progress.finish();
            let n = pp.recs.len() as f64;
            let (total_pairs, records) = match split {
                Some(s) => (s as f64 * (n - s as f64), n - s as f64),
                None => (n * (n - 1.0) / 2.0, n),
            };
            train(&counted, u, random_exact_name(&pp.tf), total_pairs, records)
        }
    };
    if let Some(t) = config.match_threshold {
        model.match_threshold = t;
    }
    if let Some(t) = config.possible_threshold {
        model.possible_threshold = t;
    }

    let n = pp.recs.len();
    // The prior is per record compared against: in a link, a left record meets the right list.
    let against = match split {
        Some(s) => (n - s) as f64,
        None => n as f64,
    };
    let tf = TermFreq {
        counts: [&pp.tf[0], &pp.tf[1], &pp.tf[2]],
        total: n as f64,
        against,
    };
    let scorer = model.scorer(&tf);
    let score_pair = |a: usize, b: usize, pat: &Pattern| -> (f64, Outcome) {
        let (prob, outcome, _) =
            scorer.score(pat, (full_ids(&pp.recs[a]), full_ids(&pp.recs[b])), false);
        (prob, outcome)
    };
    progress.stage("scoring", pairs.len() as u64);
    let scored: Vec<ScoredPair> = pairs
        .par_chunks(4096)
        .zip(patterns.par_chunks(4096))
        .flat_map_iter(|(chunk, pats)| {
            let out: Vec<ScoredPair> = chunk
                .iter()
                .zip(pats)
                .filter_map(|(&pk, &pat)| {
                    let (a, b) = ((pk >> 32) as usize, (pk & 0xFFFF_FFFF) as usize);
                    let (probability, outcome) = score_pair(a, b, &unpack(pat));
                    (outcome != Outcome::NonMatch).then_some(ScoredPair {
                        left: a,
                        right: b,
                        probability,
                        outcome,
                        household: None,
                    })
                })
                .collect();
            progress.inc(chunk.len() as u64);
            out
        })
        .collect();
    progress.finish();
    let compared = pairs.len();
    drop(pairs);
    drop(patterns);

    // Pairs at or above this probability join clusters. A batch run may join a little
    // below the model's match threshold (which judges one pair alone, as online): here
    // every merge is also checked against all members of both clusters (below), which
    // stops the namesakes a lower threshold would otherwise chain together. On the
    // benchmark (100,000 records) 0.90 instead of 0.95 gained 0.001 F1. A threshold
    // given in the config is used as it is.
    let join = config
        .match_threshold
        .unwrap_or(model.match_threshold.min(BATCH_JOIN_THRESHOLD));
    // Clustering: strongest matches first; a merge is refused when the two clusters hold
    // different tazkira or passport numbers, or would grow past max_cluster.
    progress.stage("clustering", 0);
    let mut matches: Vec<&ScoredPair> = scored.iter().filter(|p| p.probability >= join).collect();
    matches.sort_by(|a, b| {
        b.probability
            .total_cmp(&a.probability)
            .then(a.left.cmp(&b.left))
            .then(a.right.cmp(&b.right))
    });
    let mut uf = UnionFind::new(n);
    // Per cluster root: the first tazkira and passport seen in the cluster, and the
    // members.
    let mut taz: Vec<&Option<Box<str>>> = pp.recs.iter().map(|r| &r.tazkira).collect();
    let mut pas: Vec<&Option<Box<str>>> = pp.recs.iter().map(|r| &r.passport).collect();
    let mut members_of: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
    let different = Level::Different as u8;
    // A chain of matches (A like B, B like C) must not join records that contradict
    // each other: two members, one in each cluster, whose disagreeing fields together
    // weigh more than this against being one person (a different father's name and
    // birth year, another province) keep the clusters apart. Pairs within one cluster
    // of real duplicates rarely disagree on two such fields; namesakes chained through a
    // sparse record often do.
    const CONTRADICTION_BITS: f64 = -9.0;
    let contradicts = |xs: &[u32], ys: &[u32]| -> bool {
        xs.iter().any(|&x| {
            ys.iter().any(|&y| {
                let p = compare(&pp.vocab, &pp.recs[x as usize], &pp.recs[y as usize]);
                model.contradiction(&p) < CONTRADICTION_BITS
            })
        })
    };
    let mut merge = |uf: &mut UnionFind, ra: u32, rb: u32| -> bool {
        let (a, b) = (ra as usize, rb as usize);
        if ra == rb
            || (model.documents_decide[0] && tazkira_level(taz[a], taz[b]) == different)
            || (model.documents_decide[1] && passport_level(pas[a], pas[b]) == different)
            || (uf.size[a] + uf.size[b]) as usize > config.max_cluster
            || contradicts(&members_of[a], &members_of[b])
        {
            return false;
        }
        let (big, small) = if uf.size[a] >= uf.size[b] {
            (a, b)
        } else {
            (b, a)
        };
        uf.parent[small] = big as u32;
        uf.size[big] += uf.size[small];
        let moved = std::mem::take(&mut members_of[small]);
        members_of[big].extend(moved);
        if taz[big].is_none() {
            taz[big] = taz[small];
        }
        if pas[big].is_none() {
            pas[big] = pas[small];
        }
        true
    };
    for p in matches {
        let (ra, rb) = (uf.find(p.left as u32), uf.find(p.right as u32));
        merge(&mut uf, ra, rb);
    }
    // Second pass: several "possible" links between the same two clusters add up. A
    // record that resembles two or more records of one person, none of them decisively,
    // joins when the links' combined log-odds reach the match threshold.
    let logit = |p: f64| (p / (1.0 - p)).ln();
    let need = logit(join);
    let mut between: FxMap<(u32, u32), (f64, u32)> = FxMap::default();
    for p in scored
        .iter()
        .filter(|p| p.outcome == Outcome::Possible && p.probability < join)
    {
        let (ra, rb) = (uf.find(p.left as u32), uf.find(p.right as u32));
        if ra != rb {
            let e = between.entry((ra.min(rb), ra.max(rb))).or_insert((0.0, 0));
            e.0 += logit(p.probability).max(0.0);
            e.1 += 1;
        }
    }
    let mut joins: Vec<((u32, u32), f64)> = between
        .into_iter()
        .filter(|(_, (w, n))| *n >= 2 && *w >= need)
        .map(|(k, (w, _))| (k, w))
        .collect();
    joins.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((a, b), _) in joins {
        let (ra, rb) = (uf.find(a), uf.find(b));
        merge(&mut uf, ra, rb);
    }

    // Households: two households with members in one cluster are one family; their
    // other members pair up one-to-one by given name (see `household`). One round: a
    // second, through the households the first links, found next to nothing (100k
    // records: 0.0001 F1).
    let mut scored = scored;
    progress.finish();
    progress.stage("households", 0);
    let (hh, by_phone) = crate::household::household_ids(records, &pp.recs, &order, split);
    if hh.iter().any(|&h| h != crate::util::NONE) {
        let own = |a: usize, b: usize, pat: &Pattern| score_pair(a, b, pat).0;
        let roots: Vec<u32> = (0..n as u32).map(|i| uf.find(i)).collect();
        let mut found = crate::household::propagate(
            &pp.vocab,
            &pp.recs,
            (&hh, &by_phone),
            &roots,
            split,
            &model,
            &own,
        );
        // Merged weakest last, like the direct matches.
        found.sort_by(|a, b| {
            b.probability
                .total_cmp(&a.probability)
                .then(a.left.cmp(&b.left))
                .then(a.right.cmp(&b.right))
        });
        for p in &found {
            let (ra, rb) = (uf.find(p.left as u32), uf.find(p.right as u32));
            merge(&mut uf, ra, rb);
        }
        found.par_sort_unstable_by_key(|p| (p.left, p.right));
        let mut used = vec![false; found.len()];
        for p in scored.iter_mut() {
            if let Ok(k) = found.binary_search_by_key(&(p.left, p.right), |f| (f.left, f.right)) {
                // A possible pair inside two linked households: raised to a match.
                *p = ScoredPair {
                    probability: p.probability.max(found[k].probability),
                    ..found[k]
                };
                used[k] = true;
            }
        }
        scored.extend(
            found
                .into_iter()
                .zip(used)
                .filter(|(_, u)| !u)
                .map(|(p, _)| p),
        );
    }
    progress.finish();
    progress.stage("pairs", 0);
    let mut cluster_of_root: FxMap<u32, usize> = FxMap::default();
    let mut clusters = vec![0usize; n];
    let mut members: FxMap<usize, Vec<usize>> = FxMap::default();
    for (i, c) in clusters.iter_mut().enumerate() {
        let r = uf.find(i as u32);
        let next = cluster_of_root.len();
        *c = *cluster_of_root.entry(r).or_insert(next);
        members.entry(*c).or_default().push(i);
    }
    let known: FxMap<u64, &ScoredPair> = scored
        .iter()
        .map(|p| ((p.left as u64) << 32 | p.right as u64, p))
        .collect();
    let mut groups: Vec<Vec<usize>> = members.into_values().filter(|m| m.len() > 1).collect();
    groups.sort_unstable();
    let same_person: Vec<ScoredPair> = groups
        .par_iter()
        .flat_map_iter(|m| {
            let mut out = Vec::new();
            for x in 0..m.len() {
                for y in x + 1..m.len() {
                    let (a, b) = (m[x], m[y]);
                    if let Some(s) = split
                        && (a < s) == (b < s)
                    {
                        continue;
                    }
                    out.push(match known.get(&((a as u64) << 32 | b as u64)) {
                        Some(&&p) => p,
                        None => {
                            let pat = compare(&pp.vocab, &pp.recs[a], &pp.recs[b]);
                            let (probability, outcome) = score_pair(a, b, &pat);
                            ScoredPair {
                                left: a,
                                right: b,
                                probability,
                                outcome,
                                household: None,
                            }
                        }
                    });
                }
            }
            out
        })
        .collect();
    progress.finish();
    let back = |p: &ScoredPair| {
        let (a, b) = (order[p.left] as usize, order[p.right] as usize);
        let anchor = p
            .household
            .map(|(x, y)| (order[x] as usize, order[y] as usize));
        ScoredPair {
            left: a.min(b),
            right: a.max(b),
            household: if a <= b {
                anchor
            } else {
                anchor.map(|(x, y)| (y, x))
            },
            ..*p
        }
    };
    let scored = scored.iter().map(back).collect();
    let same_person = same_person.iter().map(back).collect();
    let mut original_clusters = vec![0usize; clusters.len()];
    for (i, c) in clusters.into_iter().enumerate() {
        original_clusters[order[i] as usize] = c;
    }
    LinkResult {
        scored,
        same_person,
        clusters: original_clusters,
        model,
        compared,
    }
}

fn sort_by_name(pp: &mut Prepped, split: Option<usize>) -> Vec<u32> {
    let n = pp.recs.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    let key = |i: &u32| {
        let r = &pp.recs[*i as usize];
        (r.given_full, r.family_full, *i)
    };
    match split {
        Some(s) => {
            order[..s].sort_unstable_by_key(key);
            order[s..].sort_unstable_by_key(key);
        }
        None => order.sort_unstable_by_key(key),
    }
    let mut slots: Vec<Option<Prepared>> =
        std::mem::take(&mut pp.recs).into_iter().map(Some).collect();
    pp.recs = order
        .iter()
        .filter_map(|&o| slots[o as usize].take())
        .collect();
    order
}
