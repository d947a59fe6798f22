//! Fellegi-Sunter scoring: per-field agreement weights log2(m/u), estimated without labels
//! (m from anchor pairs that share a personal document, u from random pairs; see `train`
//! for why not EM), with term-frequency adjustment for names, household fields capped at
//! "same household", and guards that keep relatives apart.

use crate::compare::{FIELDS, Field, Level, NF, NL, Pattern, unpack};

/// Parameters of the scoring model.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Model {
    /// P(level | same person), per field and level (index = `Level as usize`).
    pub m: [[f64; NL]; NF],
    /// P(level | different people among compared pairs).
    pub u: [[f64; NL]; NF],
    /// Probability that two records drawn at random are the same person, among
    /// `prior_records` records; it scales inversely with the number of records.
    pub prior: f64,
    pub prior_records: f64,
    /// P(exact agreement) of given, family and father names between random records: the
    /// base against which a name's own frequency adjusts its weight.
    pub u_random_exact_name: [f64; 3],
    /// Probability at or above which a pair is the same person.
    pub match_threshold: f64,
    /// Probability at or above which a pair goes to a human for review.
    pub possible_threshold: f64,
    /// Whether two different numbers of a document (tazkira, passport) keep two records
    /// apart whatever else agrees ([`Guard::DifferentDocument`]). True unless the data
    /// show that the same person often carries two numbers: among anchor pairs (same
    /// given name, exact birth date, father or family name) more than
    /// `UNRELIABLE_DOCUMENT` disagree (an identifier typed with errors, as FEBRL's social
    /// security numbers: 6%; tazkiras on the project's benchmark: 1.3%). Then a different
    /// number is evidence against, weighed with the rest, not a veto.
    #[serde(default = "documents_decide")]
    pub documents_decide: [bool; 2],
}

fn documents_decide() -> [bool; 2] {
    [true, true]
}

/// Share of anchor pairs (one person with near certainty) whose document numbers differ,
/// above which a document no longer vetoes a match on its own (see
/// [`Model::documents_decide`]).
const UNRELIABLE_DOCUMENT: f64 = 0.03;

/// Three outcomes per pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Outcome {
    Match,
    Possible,
    NonMatch,
}

/// What one field contributed to a pair's score.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FieldEvidence {
    pub field: Field,
    pub level: Level,
    /// log2 Bayes factor; 0 for missing fields. Includes `tf_adjustment`.
    pub weight: f64,
    /// Part of `weight` due to how common (negative) or rare (positive) the name is.
    pub tf_adjustment: f64,
}

/// Why the guard overrode the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Guard {
    /// Different given names, no shared document and no shared exact birth date: typical
    /// of brothers or sisters sharing father, family name, phone and address.
    DifferentGivenName,
    /// Different given names but the same exact birth date (twins, or an entry error).
    DifferentGivenNameSameBirthDate,
    /// The same tazkira or passport number and an agreeing given name: one person, even
    /// when the father's name or other fields are spelled too differently to add up
    /// (a tazkira or passport belongs to one person; relatives sharing one have
    /// different given names).
    SharedDocument,
    /// Judged through the households (batch runs only): a relative in each record's
    /// household is the same person, so the households are one family, and these two
    /// are the one member of each with an agreeing given name, sex and birth date. The
    /// pair's own fields may say little (a sparse "Fatima, female"); see
    /// [`crate::ScoredPair::household`] for the relatives, and [`crate::explain_scored`].
    Household,
    /// Different passport numbers, or different complete tazkira numbers: two people
    /// however alike the rest (a father and son of one name, namesakes born the same
    /// year). Online matching leaves such a pair for a person to decide, never sure.
    /// Only for documents the data show reliable ([`Model::documents_decide`]).
    DifferentDocument,
}

/// The explanation of a pair's score, for a review screen.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    pub fields: Vec<FieldEvidence>,
    /// log2 prior odds.
    pub prior_weight: f64,
    /// prior_weight + sum of field weights (before any guard).
    pub total_weight: f64,
    pub guard: Option<Guard>,
}

/// Frequencies of name values, for the term-frequency adjustment.
pub(crate) struct TermFreq<'a> {
    /// Per name field (given, family, father): count of each interned full key.
    pub counts: [&'a [u32]; 3],
    pub total: f64,
    /// Number of records a query is compared against (scales the prior).
    pub against: f64,
}

impl TermFreq<'_> {
    fn freq(&self, field: usize, id: u32) -> f64 {
        let c = self.counts[field]
            .get(id as usize)
            .copied()
            .unwrap_or(0)
            .max(1);
        c as f64 / self.total.max(1.0)
    }
}

const MISSING: usize = Level::Missing as usize;

impl Default for Model {
    /// Plausible parameters for when there is nothing to train on (an empty index).
    fn default() -> Self {
        // Levels: Missing, Different, Partial, Close, Exact.
        let m = [
            [1.0, 0.03, 0.05, 0.17, 0.75],
            [1.0, 0.05, 0.05, 0.15, 0.75],
            [1.0, 0.05, 0.05, 0.15, 0.75],
            [1.0, 0.03, 0.10, 0.27, 0.60],
            [1.0, 0.02, 0.0, 0.0, 0.98],
            [1.0, 0.04, 0.0, 0.06, 0.90],
            [1.0, 0.04, 0.0, 0.06, 0.90],
            [1.0, 0.15, 0.0, 0.05, 0.80],
            [1.0, 0.10, 0.0, 0.05, 0.85],
            [1.0, 0.20, 0.10, 0.20, 0.50],
            [1.0, 0.15, 0.0, 0.0, 0.85],
        ];
        let u = [
            [1.0, 0.90, 0.06, 0.03, 0.01],
            [1.0, 0.80, 0.05, 0.05, 0.10],
            [1.0, 0.85, 0.05, 0.05, 0.05],
            [1.0, 0.85, 0.09, 0.05, 0.01],
            [1.0, 0.50, 0.0, 0.0, 0.50],
            [1.0, 0.998, 0.0, 0.0019, 0.0001],
            [1.0, 0.998, 0.0, 0.0019, 0.0001],
            [1.0, 0.97, 0.0, 0.02, 0.01],
            [1.0, 0.995, 0.0, 0.004, 0.001],
            [1.0, 0.70, 0.20, 0.05, 0.05],
            [1.0, 0.85, 0.0, 0.0, 0.15],
        ];
        Model {
            m,
            u,
            prior: 1e-4,
            prior_records: 10_000.0,
            u_random_exact_name: [0.01, 0.05, 0.01],
            match_threshold: 0.95,
            possible_threshold: 0.30,
            documents_decide: documents_decide(),
        }
    }
}

/// Smallest probability used for a level, so no weight is infinite.
const FLOOR: f64 = 1e-5;

impl Model {
    /// log2 Bayes factor of one field at one level.
    pub(crate) fn weight(&self, f: usize, l: usize) -> f64 {
        if l == MISSING {
            return 0.0;
        }
        (self.m[f][l].max(FLOOR) / self.u[f][l].max(FLOOR)).log2()
    }

    /// log2 prior odds that a record matches one given record among `records`.
    pub(crate) fn prior_weight(&self, records: f64) -> f64 {
        // Capped: with a handful of records, "one duplicate each" must not become a coin toss.
        let p = (self.prior * self.prior_records / records.max(1.0)).clamp(1e-12, 0.05);
        (p / (1.0 - p)).log2()
    }

    fn tf_adjust(&self, field: usize, a_full: u32, b_full: u32, tf: &TermFreq) -> f64 {
        if tf.total <= 0.0 {
            // No frequencies known (explaining a lone pair): no adjustment.
            return 0.0;
        }
        let f = tf.freq(field, a_full).max(tf.freq(field, b_full));
        // A rare name agreeing is strong evidence, a very common one weak; bounded so a
        // name never outweighs documents.
        (self.u_random_exact_name[field].max(FLOOR) / f)
            .log2()
            .clamp(-4.0, 4.0)
    }

    pub(crate) fn scorer<'a>(&'a self, tf: &'a TermFreq<'a>) -> Scorer<'a> {
        let mut w = [[0.0; NL]; NF];
        for (f, row) in w.iter_mut().enumerate() {
            for (l, v) in row.iter_mut().enumerate() {
                *v = self.weight(f, l);
            }
        }
        Scorer {
            model: self,
            tf,
            w,
            prior_weight: self.prior_weight(tf.against),
        }
    }
}

/// Fields that relatives share: family name, father's name, phone, address, province.
const HOUSEHOLD_FIELDS: [usize; 5] = [1, 2, 7, 9, 10];

/// log2 odds against two records of one household being one person (households of
/// four to five people).
const HOUSEHOLD_ODDS_BITS: f64 = 0.0;

/// A model with its weights computed once, for scoring many pairs.
pub(crate) struct Scorer<'a> {
    model: &'a Model,
    tf: &'a TermFreq<'a>,
    w: [[f64; NL]; NF],
    prior_weight: f64,
}

impl Scorer<'_> {
    /// Scores a comparison pattern; returns the probability and, if asked, the evidence.
    pub(crate) fn score(
        &self,
        p: &Pattern,
        full_ids: ([u32; 3], [u32; 3]),
        explain: bool,
    ) -> (f64, Outcome, Option<Evidence>) {
        let model = self.model;
        let tf = self.tf;
        let prior_weight = self.prior_weight;
        let mut ws = [0.0f64; NF];
        let mut adjs = [0.0f64; NF];
        let mut household = 0.0;
        for (f, &l) in p.iter().enumerate() {
            let mut w = self.w[f][l as usize];
            if f < 3 && l == Level::Exact as u8 {
                adjs[f] = model.tf_adjust(f, full_ids.0[f], full_ids.1[f], tf);
                w += adjs[f];
            }
            ws[f] = w;
            if HOUSEHOLD_FIELDS.contains(&f) && w > 0.0 {
                household += w;
            }
        }
        // Fields a household shares (family and father name, phone, address, province)
        // are not independent: together they say "same household" and no more. Their
        // positive weights are scaled down to at most that, which leaves the odds of one
        // household member against another (about 1 in 4) for personal fields (given
        // name, birth date, sex, documents, email) to settle.
        let cap = (-prior_weight - HOUSEHOLD_ODDS_BITS).max(0.0);
        if household > cap {
            let k = cap / household;
            for &f in &HOUSEHOLD_FIELDS {
                if ws[f] > 0.0 {
                    ws[f] *= k;
                    adjs[f] *= k;
                }
            }
        }
        let mut total = prior_weight;
        let mut fields = Vec::new();
        for (f, &l) in p.iter().enumerate() {
            total += ws[f];
            if explain {
                fields.push(FieldEvidence {
                    field: FIELDS[f],
                    level: Level::from_u8(l),
                    weight: ws[f],
                    tf_adjustment: adjs[f],
                });
            }
        }
        let mut prob = 1.0 / (1.0 + (-total).exp2());
        let guard = guard(p);
        match guard {
            Some(Guard::DifferentGivenName) => prob = prob.min(model.possible_threshold * 0.5),
            Some(Guard::DifferentGivenNameSameBirthDate) => {
                prob = prob.min((model.match_threshold + model.possible_threshold) * 0.5)
            }
            Some(Guard::SharedDocument) => prob = prob.max(model.match_threshold),
            Some(Guard::Household) | Some(Guard::DifferentDocument) | None => {}
        }
        let outcome = if prob >= model.match_threshold {
            Outcome::Match
        } else if prob >= model.possible_threshold {
            Outcome::Possible
        } else {
            Outcome::NonMatch
        };
        let evidence = explain.then_some(Evidence {
            fields,
            prior_weight,
            total_weight: total,
            guard,
        });
        (prob, outcome, evidence)
    }
}

impl Scorer<'_> {
    /// log2 odds that a stored record is the person a search line describes. Unlike
    /// [`Scorer::score`], which links two records of lists: the fields a household shares are
    /// not capped (a searcher who types the family and father's name means that family, and
    /// the given name and year then pick the person), and a birth year that agrees with a line
    /// that gave only a year counts as full agreement (the line said all it knew; the
    /// linkage weight of "same year, one side without a day" is low because two full dates
    /// of one person rarely meet that way).
    pub(crate) fn search_bits(
        &self,
        p: &Pattern,
        full_ids: ([u32; 3], [u32; 3]),
        year_only_query: bool,
    ) -> f64 {
        let mut total = self.prior_weight;
        for (f, &l) in p.iter().enumerate() {
            let level = if f == 3 && year_only_query && l == Level::Close as u8 {
                Level::Exact as u8
            } else {
                l
            };
            total += self.w[f][level as usize];
            if f < 3 && l == Level::Exact as u8 {
                // How common the name is, as the line spells it: the same for every record
                // that agrees, so a rarely used spelling of a common name in one stored
                // record does not lift that record above the others.
                let q = full_ids.0[f];
                total += self.model.tf_adjust(f, q, q, self.tf);
            }
        }
        total
    }
}

/// Fields whose disagreement counts against putting two records in one cluster: all
/// but the family name (the father's name often stands in its column) and the documents
/// (different numbers already keep clusters apart).
const CONTRADICTING: [usize; 8] = [0, 2, 3, 4, 7, 8, 9, 10];

impl Model {
    /// How strongly two records say they are different people: the sum of the (negative)
    /// weights of the fields that disagree outright, 0 when none do or when they share a
    /// tazkira or passport number.
    pub(crate) fn contradiction(&self, p: &Pattern) -> f64 {
        let (different, exact) = (Level::Different as u8, Level::Exact as u8);
        if p[5] == exact || p[6] == exact {
            return 0.0;
        }
        CONTRADICTING
            .iter()
            .filter(|&&f| p[f] == different)
            .map(|&f| self.weight(f, different as usize).min(0.0))
            .sum()
    }
}

/// Household guard: relatives share everything except who they are. Different given
/// names are only overlooked when a personal document or email agrees; a shared tazkira
/// or passport with an agreeing given name is a match whatever else differs.
fn guard(p: &Pattern) -> Option<Guard> {
    let given = p[0];
    let exact = Level::Exact as u8;
    if given >= Level::Close as u8 && (p[5] == exact || p[6] == exact) {
        return Some(Guard::SharedDocument);
    }
    if given != Level::Different as u8 {
        return None;
    }
    // A tazkira or passport one typo apart, or a paper tazkira and its record number,
    // is as personal as the same one: relatives' numbers differ throughout.
    let personal_id =
        [5, 6].iter().any(|&f| p[f] >= Level::Close as u8) || p[8] == Level::Exact as u8;
    if personal_id {
        return None;
    }
    if p[3] == Level::Exact as u8 {
        Some(Guard::DifferentGivenNameSameBirthDate)
    } else {
        Some(Guard::DifferentGivenName)
    }
}

/// Level frequencies of a set of patterns, per field, ignoring missing values.
pub(crate) fn level_frequencies(patterns: &[(u64, f64)]) -> [[f64; NL]; NF] {
    let mut counts = [[0.5f64; NL]; NF];
    for &(packed, n) in patterns {
        let p = unpack(packed);
        for f in 0..NF {
            counts[f][p[f] as usize] += n;
        }
    }
    normalize_rows(&mut counts);
    counts
}

fn normalize_rows(t: &mut [[f64; NL]; NF]) {
    for row in t.iter_mut() {
        row[MISSING] = 0.0;
        let s: f64 = row.iter().sum();
        for v in row.iter_mut() {
            *v /= s.max(f64::MIN_POSITIVE);
        }
        row[MISSING] = 1.0;
    }
}

/// Level frequencies among "anchor" pairs that are the same person with near certainty
/// even without labels: pairs sharing a personal document (for every other field), and
/// pairs agreeing on given name, exact birth date and father or family name (for the
/// documents). The anchors seed EM.
#[allow(clippy::needless_range_loop)] // fields index parallel arrays
fn anchor_m(decoded: &[(Pattern, f64)]) -> ([[f64; NL]; NF], [bool; 2]) {
    let exact = Level::Exact as u8;
    let mut counts = [[0.0f64; NL]; NF];
    for (p, n) in decoded {
        let by_document = p[5] == exact || p[6] == exact;
        let by_identity =
            p[0] >= Level::Close as u8 && p[3] == exact && (p[1] == exact || p[2] == exact);
        for f in 0..NF {
            let is_doc = f == 5 || f == 6;
            if (is_doc && by_identity) || (!is_doc && by_document) {
                counts[f][p[f] as usize] += n;
            }
        }
    }
    // Few anchors say little: below MIN_ANCHORS a field keeps the default m, above it
    // the default still counts as a few pseudo-observations.
    const MIN_ANCHORS: f64 = 50.0;
    let default = Model::default().m;
    // Measured before the default is mixed in: with few anchors the veto stays.
    let decide = [5usize, 6].map(|f| {
        let observed: f64 = counts[f][1..].iter().sum();
        observed < MIN_ANCHORS
            || counts[f][Level::Different as usize] / observed <= UNRELIABLE_DOCUMENT
    });
    for (f, row) in counts.iter_mut().enumerate() {
        let observed: f64 = row[1..].iter().sum();
        if observed < MIN_ANCHORS {
            *row = default[f];
        } else {
            for (l, v) in row.iter_mut().enumerate() {
                *v += 5.0 * default[f][l];
            }
        }
    }
    normalize_rows(&mut counts);
    (counts, decide)
}

/// Pairs that are the same person with near certainty: a shared personal document, or
/// the same given name and exact birth date.
fn is_sure(p: &Pattern) -> bool {
    let exact = Level::Exact as u8;
    p[5] == exact || p[6] == exact || p[8] == exact || (p[0] >= Level::Close as u8 && p[3] == exact)
}

/// Estimates the parameters without labels: u from random pairs (`u_random`); m from
/// anchor pairs (see `anchor_m`); the prior by counting the sure pairs among those
/// compared and dividing by the share of true pairs that the sure rule catches, which
/// follows from m and how often fields are filled in.
///
/// EM that re-estimates m and u over the compared pairs was tried and rejected: on
/// household-heavy data its "match" class drifts to "same household" (brothers), and with
/// u fixed to random pairs it calls nearly every compared pair a match, since blocking
/// already selects pairs that agree.
#[allow(clippy::needless_range_loop)] // fields index parallel arrays
pub(crate) fn train(
    patterns: &[(u64, f64)],
    u_random: [[f64; NL]; NF],
    u_random_exact_name: [f64; 3],
    total_pairs: f64,
    records: f64,
) -> Model {
    let mut model = Model {
        u: u_random,
        u_random_exact_name,
        prior_records: records,
        ..Model::default()
    };
    let decoded: Vec<(Pattern, f64)> = patterns.iter().map(|&(p, n)| (unpack(p), n)).collect();
    let total: f64 = decoded.iter().map(|d| d.1).sum();
    if total < 1.0 {
        return model;
    }
    (model.m, model.documents_decide) = anchor_m(&decoded);
    let mut filled = [0.0f64; NF];
    let mut sure = 0.0;
    for (p, n) in &decoded {
        for f in 0..NF {
            if p[f] as usize != MISSING {
                filled[f] += n;
            }
        }
        if is_sure(p) {
            sure += n;
        }
    }
    let q = |f: usize| filled[f] / total;
    let e = Level::Exact as usize;
    let c = Level::Close as usize;
    let miss_docs: f64 = [5usize, 6, 8]
        .iter()
        .map(|&f| 1.0 - q(f) * model.m[f][e])
        .product();
    let miss_identity = 1.0 - q(0) * (model.m[0][e] + model.m[0][c]) * q(3) * model.m[3][e];
    let recall = (1.0 - miss_docs * miss_identity).clamp(0.05, 1.0);
    let matches = (sure / recall).max(1.0);
    model.prior = (matches / total_pairs.max(1.0)).clamp(1e-12, 0.5);
    model
}
