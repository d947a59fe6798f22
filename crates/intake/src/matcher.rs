//! Online matching: every person arriving through any channel is compared with everyone
//! already known, and with everyone earlier in the same batch, before the inquiry is stored.
//!
//! The index lives in memory, built at start from the store's person records and brought up to
//! date from the store before every batch, so it also sees what other servers on the same
//! database wrote. Storage stays the truth: the matcher only fills in `NewInquiry::matches`,
//! and [`corridor_store::IntakeStore::take_in`] follows them.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use corridor_domain::{
    NewInquiry, PersonDetails, PersonId, PersonMatch, PersonRef, PossibleMatch, RecordId,
};
use corridor_matching::{
    Candidate, Evidence, Guard, Hit, LinkConfig, MatchIndex, NoProgress, Outcome, PersonQuery,
    Record,
};
use corridor_store::intake_plan::naming_record;
use corridor_store::prelude::*;
use corridor_store::{Actor, RecordedInquiry, Result, Submission};
use rayon::prelude::*;

/// How many possible matches of one person are put up for review at most.
const MAX_POSSIBLE: usize = 3;
/// Records read from the store per page while catching up.
const LOAD_PAGE: u32 = 20_000;
/// Record ids asked about per call when finding who they belong to.
const OWNERS_PAGE: usize = 5_000;
/// Below this many known records the built-in parameters are used: estimates from a handful
/// of records would be worse than the defaults.
const TRAIN_MIN: usize = 2_000;
/// Records the parameters are estimated from (a sample of the index, for a fast start).
const TRAIN_SAMPLE: usize = 100_000;
/// Submissions gathered into one matching pass and one transaction at most (group commit). A
/// call bringing this many or more (an import, the demo) goes on its own.
const GROUP_MAX: usize = 400;

/// [`GROUP_MAX`], or `CORRIDOR_GROUP_MAX` when set: 1 writes every call in a transaction of its
/// own, as before group commit (`bench/load` compares the two in one build).
fn group_max() -> usize {
    static MAX: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *MAX.get_or_init(|| {
        std::env::var("CORRIDOR_GROUP_MAX")
            .ok()
            .and_then(|v| v.parse().ok())
            .filter(|&n| n > 0)
            .unwrap_or(GROUP_MAX)
    })
}

pub struct Matcher {
    /// Shared with the blocking threads that query and fill it (see [`blocking`]).
    index: Arc<RwLock<MatchIndex>>,
    /// The highest record id in the index.
    seen: Mutex<RecordId>,
    /// One intake at a time in this process, so that two requests about the same new person
    /// cannot both miss each other. Whoever holds it writes every call waiting in `queue`.
    intake: tokio::sync::Mutex<()>,
    /// Calls waiting for the writer (see [`Matcher::take_in_known`]).
    queue: Mutex<Vec<Job>>,
    /// Intake transactions committed since the process started.
    batches: std::sync::atomic::AtomicU64,
    /// Inquiries newly stored through this matcher since the process started, by channel
    /// (for `/metrics`).
    taken_in: Mutex<std::collections::BTreeMap<String, u64>>,
    origin: IndexOrigin,
    /// The last record of the snapshot this process read or wrote, if any.
    snapshot_at: Mutex<Option<RecordId>>,
}

/// Where a matcher's index came from at start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexOrigin {
    /// The store's snapshot, caught up from the records after it.
    Snapshot,
    /// Every record, read and normalized.
    Built,
}

fn set_model(index: &RwLock<MatchIndex>, model: corridor_matching::Model) {
    index.write().expect("index lock").set_model(model);
}

pub fn as_record(id: u64, d: &PersonDetails) -> Record {
    Record {
        id: id.to_string(),
        given_name: d.given_name.clone(),
        family_name: d.family_name.clone(),
        full_name: d.full_name.clone(),
        father_name: d.father_name.clone(),
        date_of_birth: d.date_of_birth.clone(),
        sex: d.sex.map(|s| s.label().to_string()),
        national_id: d.national_id.clone(),
        passport: d.passport.clone(),
        phone: d.phone.clone(),
        email: d.email.clone(),
        address: d.address.clone(),
        province: d.province.clone(),
        household: None,
    }
}

/// One candidate for one incoming person, before it is known whose it is.
#[derive(Clone)]
struct Found {
    target: Target,
    probability: f64,
    outcome: Outcome,
    /// Serialized only for the few candidates that go to review.
    evidence: Evidence,
}

#[derive(Clone, Copy)]
enum Target {
    /// A stored record (its owner is looked up afterwards).
    Record(u64),
    /// Someone earlier in the batch.
    Earlier(PersonRef),
}

fn to_found(c: Candidate, target: Target) -> Found {
    Found {
        target,
        probability: c.probability,
        outcome: c.outcome,
        evidence: c.evidence,
    }
}

/// The evidence as the review screen reads it (see `intake_plan::naming_record`).
fn evidence_json(f: &Found) -> String {
    let evidence = serde_json::to_string(&f.evidence).unwrap_or_default();
    let record = match f.target {
        Target::Record(id) => Some(id as i64),
        Target::Earlier(_) => None,
    };
    naming_record(&evidence, record)
}

impl Matcher {
    /// The index of every person record in the store: read from the store's snapshot when
    /// there is a usable one and caught up from the records stored after it, otherwise built
    /// from the records, with parameters estimated from them once there are enough (or those
    /// kept from the last estimate, see [`Matcher::build`]).
    pub async fn load(store: &dyn Store) -> Result<Matcher> {
        match Self::from_snapshot(store).await {
            Ok(Some(matcher)) => return Ok(matcher),
            Ok(None) => {}
            // A snapshot that does not open (its key destroyed, an altered chunk, another
            // format) costs a slower start, never the start.
            Err(e) => {
                tracing::warn!(error = %e, "the matching index's snapshot is not usable; building the index from the records")
            }
        }
        Self::build(store).await
    }

    fn empty(index: MatchIndex, seen: RecordId, origin: IndexOrigin) -> Matcher {
        Matcher {
            index: Arc::new(RwLock::new(index)),
            seen: Mutex::new(seen),
            intake: tokio::sync::Mutex::new(()),
            queue: Mutex::new(Vec::new()),
            batches: Default::default(),
            taken_in: Mutex::new(Default::default()),
            origin,
            snapshot_at: Mutex::new(None),
        }
    }

    /// The index from the store's snapshot, caught up; `None` when there is no snapshot, or it
    /// is stale: its last record is gone from the store (a restore from an older backup).
    async fn from_snapshot(store: &dyn Store) -> Result<Option<Matcher>> {
        let Some(snapshot) = store.index_snapshot().await? else {
            return Ok(None);
        };
        let last = snapshot.last_record;
        if last.0 > 0 && store.record_owners(&[last]).await?.is_empty() {
            tracing::warn!(
                last_record = last.0,
                "the matching index's snapshot holds records the store does not; building the index from the records"
            );
            return Ok(None);
        }
        let index = blocking(move || MatchIndex::from_snapshot(&snapshot.bytes)).await?;
        let index = match index {
            Ok(index) => index,
            Err(e) => {
                tracing::warn!(error = %e, "the matching index's snapshot is of another version; building the index from the records");
                return Ok(None);
            }
        };
        let in_snapshot = index.len();
        let matcher = Self::empty(index, last, IndexOrigin::Snapshot);
        *matcher.snapshot_at.lock().expect("snapshot lock") = Some(last);
        matcher.catch_up(store).await?;
        tracing::info!(
            in_snapshot,
            caught_up = matcher.len() - in_snapshot.min(matcher.len()),
            "matching index read from its snapshot"
        );
        Ok(Some(matcher))
    }

    /// Builds the index from every person record in the store. The parameters are those kept
    /// from the last estimate while the records have not doubled since; otherwise they are
    /// estimated from a sample of the records (once there are enough) and kept.
    pub async fn build(store: &dyn Store) -> Result<Matcher> {
        let matcher = Self::empty(MatchIndex::new(), RecordId(0), IndexOrigin::Built);
        // An evenly spread sample of what is loaded, held to at most twice the training
        // size: when the buffer fills, every other record goes and the stride doubles.
        let (mut kept, mut stride, mut seen) = (Vec::new(), 1usize, 0usize);
        matcher
            .add_new_records(store, |records| {
                for r in records {
                    if seen.is_multiple_of(stride) {
                        kept.push(r);
                    }
                    seen += 1;
                    if kept.len() == 2 * TRAIN_SAMPLE {
                        kept = std::mem::take(&mut kept).into_iter().step_by(2).collect();
                        stride *= 2;
                    }
                }
            })
            .await?;
        let stored = store.matching_model().await?.and_then(|m| {
            let model = serde_json::from_str::<corridor_matching::Model>(&m.model).ok()?;
            Some((model, m.records as usize))
        });
        match stored {
            Some((model, trained_on)) if seen <= 2 * trained_on => {
                self::set_model(&matcher.index, model);
            }
            _ => {
                if let Some(model) = matcher.train(kept).await? {
                    let json = serde_json::to_string(&model).unwrap_or_default();
                    store.save_matching_model(&json, seen as i64).await?;
                }
            }
        }
        Ok(matcher)
    }

    /// Estimates the matching parameters from a sample of the known records (no labels
    /// needed: see `corridor_matching::dedupe`) and uses them from now on. `None` when there
    /// are too few records to estimate from.
    async fn train(&self, records: Vec<Record>) -> Result<Option<corridor_matching::Model>> {
        if records.len() < TRAIN_MIN {
            return Ok(None);
        }
        let model = blocking(move || {
            let step = records.len().div_ceil(TRAIN_SAMPLE).max(1);
            let sample: Vec<Record> = records.into_iter().step_by(step).collect();
            corridor_matching::dedupe(&sample, &LinkConfig::default(), &NoProgress).model
        })
        .await?;
        set_model(&self.index, model.clone());
        Ok(Some(model))
    }

    /// Whether the index was read from a snapshot or built from the records.
    pub fn origin(&self) -> IndexOrigin {
        self.origin
    }

    /// Writes the index to the store as its snapshot (sealed, see
    /// [`corridor_store::index_snapshot`]) unless the stored one already holds every record
    /// the index does. Returns the size written, if anything was.
    pub async fn save_snapshot(&self, store: &dyn Store, actor: &Actor) -> Result<Option<usize>> {
        // Read before the index: a record added in between is in the snapshot and caught up
        // again after it, which replaces it with itself.
        let last = *self.seen.lock().expect("seen lock");
        // Nothing known: nothing to save a start from.
        if last.0 == 0 || *self.snapshot_at.lock().expect("snapshot lock") == Some(last) {
            return Ok(None);
        }
        let index = self.index.clone();
        let (bytes, records) = blocking(move || {
            let index = index.read().expect("index lock");
            (zeroize::Zeroizing::new(index.to_snapshot()), index.len())
        })
        .await?;
        store
            .save_index_snapshot(&bytes, last, records as i64, actor)
            .await?;
        *self.snapshot_at.lock().expect("snapshot lock") = Some(last);
        Ok(Some(bytes.len()))
    }

    pub fn len(&self) -> usize {
        self.index.read().expect("index lock").len()
    }

    /// Inquiries newly stored through this matcher since the process started, by channel.
    pub fn taken_in(&self) -> Vec<(String, u64)> {
        let taken_in = self.taken_in.lock().expect("taken_in lock");
        taken_in.iter().map(|(c, n)| (c.clone(), *n)).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Intake transactions committed through this matcher since the process started: fewer
    /// than the calls answered when group commit gathered them.
    pub fn batches_written(&self) -> u64 {
        self.batches.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Calls waiting for the writer now.
    pub fn queued(&self) -> usize {
        self.queue.lock().expect("queue lock").len()
    }

    /// Holds the writer until the guard is dropped, as a long batch would: calls arriving
    /// meanwhile queue up and are written together. For tests of group commit.
    #[doc(hidden)]
    pub async fn hold_writer(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.intake.lock().await
    }

    /// Known records for a search line read by `corridor_matching::read_query`, best first
    /// (see `MatchIndex::search`). CPU work: call it off the async workers.
    pub fn search(&self, query: &PersonQuery, limit: usize) -> Vec<Hit> {
        self.index.read().expect("index lock").search(query, limit)
    }

    /// Adds the records stored since the last look, by this server or any other.
    pub async fn catch_up(&self, store: &dyn Store) -> Result<()> {
        self.add_new_records(store, |_| {}).await
    }

    /// Adds the records stored since the last look to the index, page by page, handing each
    /// page's records to `added` afterwards.
    async fn add_new_records(
        &self,
        store: &dyn Store,
        mut added: impl FnMut(Vec<Record>),
    ) -> Result<()> {
        loop {
            let after = *self.seen.lock().expect("seen lock");
            let batch = store.person_records_after(after, LOAD_PAGE).await?;
            let Some(last) = batch.last().map(|(id, _, _)| *id) else {
                return Ok(());
            };
            let records: Vec<(u64, Record)> = batch
                .iter()
                .map(|(id, _, d)| (id.0 as u64, as_record(id.0 as u64, d)))
                .collect();
            let index = self.index.clone();
            let records = blocking(move || {
                let refs: Vec<(u64, &Record)> = records.iter().map(|(id, r)| (*id, r)).collect();
                index.write().expect("index lock").insert_many(&refs);
                records
            })
            .await?;
            *self.seen.lock().expect("seen lock") = last;
            added(records.into_iter().map(|(_, r)| r).collect());
            if batch.len() < LOAD_PAGE as usize {
                return Ok(());
            }
        }
    }

    /// Fills in `matches` of every submission: for each person, a person it surely is (known,
    /// or described earlier in the batch), or the ones it may be.
    pub async fn annotate(&self, store: &dyn Store, subs: &mut [Submission]) -> Result<()> {
        // Everyone described, in order, with where they are in the batch.
        let people: Vec<(usize, usize, Record)> = subs
            .iter()
            .enumerate()
            .flat_map(|(s, sub)| {
                sub.inquiry
                    .people
                    .iter()
                    .enumerate()
                    .map(move |(p, d)| (s, p, as_record(0, d)))
            })
            .collect();

        let t = std::time::Instant::now();
        // Scoring is CPU work (about 0.6 s for 20,000 rows): it runs on a blocking thread, so
        // that a large upload does not hold one of the threads serving every other request.
        let index = self.index.clone();
        let multiple = subs.len() > 1;
        let (people, found, known_ms) = blocking(move || {
            // Against the known people: independent queries, spread over the cores.
            let mut found: Vec<Vec<Found>> = {
                let index = index.read().expect("index lock");
                people
                    .par_iter()
                    .map(|(_, _, r)| {
                        index
                            .query(r)
                            .into_iter()
                            .map(|c| {
                                let id = c.id;
                                to_found(c, Target::Record(id))
                            })
                            .collect()
                    })
                    .collect()
            };

            let known_ms = t.elapsed().as_millis() as u64;
            // Against those earlier in the batch: the same family twice on one list. The whole
            // batch goes into an index of its own at once, and each person keeps only candidates
            // from earlier submissions (not their own: brothers on one request are not taken for
            // one another), so the queries can run in parallel like the ones above.
            if multiple {
                let model = index.read().expect("index lock").model().clone();
                let mut local = MatchIndex::with_model(model);
                let refs: Vec<(u64, &Record)> = people
                    .iter()
                    .enumerate()
                    .map(|(k, (_, _, r))| (k as u64, r))
                    .collect();
                local.insert_many(&refs);
                let earlier: Vec<Vec<Found>> = people
                    .par_iter()
                    .map(|(s, _, r)| {
                        local
                            .query(r)
                            .into_iter()
                            .filter_map(|c| {
                                let (es, ep, _) = &people[c.id as usize];
                                (es < s).then(|| {
                                    let target = Target::Earlier(PersonRef::Earlier {
                                        submission: *es,
                                        person: *ep,
                                    });
                                    to_found(c, target)
                                })
                            })
                            .collect()
                    })
                    .collect();
                for (f, e) in found.iter_mut().zip(earlier) {
                    f.extend(e);
                }
            }
            (people, found, known_ms)
        })
        .await?;
        let batch_ms = t.elapsed().as_millis() as u64 - known_ms;
        // Whose the stored records are now.
        let records: Vec<RecordId> = found
            .iter()
            .flatten()
            .filter_map(|f| match f.target {
                Target::Record(id) => Some(RecordId(id as i64)),
                Target::Earlier(_) => None,
            })
            .collect::<std::collections::HashSet<_>>()
            .into_iter()
            .collect();
        let mut owners: HashMap<u64, PersonId> = HashMap::with_capacity(records.len());
        for chunk in records.chunks(OWNERS_PAGE) {
            for (r, p) in store.record_owners(chunk).await? {
                owners.insert(r.0 as u64, p);
            }
        }

        let mut verdicts: Vec<Vec<PersonMatch>> = subs
            .iter()
            .map(|s| vec![PersonMatch::default(); s.inquiry.people.len()])
            .collect();
        for ((s, p, _), candidates) in people.iter().zip(found) {
            verdicts[*s][*p] = verdict(candidates, &owners);
        }
        for matches in verdicts.iter_mut() {
            one_claim_each(matches);
        }
        let t_household = std::time::Instant::now();
        let paired = self
            .pair_households(store, subs, &people, &mut verdicts)
            .await?;
        let household_ms = t_household.elapsed().as_millis() as u64;
        for (sub, matches) in subs.iter_mut().zip(verdicts) {
            sub.inquiry.matches = matches;
        }
        tracing::debug!(
            people = people.len(),
            known_ms,
            batch_ms,
            household_ms,
            household_pairs = paired,
            owners_ms = t.elapsed().as_millis() as u64 - known_ms - batch_ms - household_ms,
            "matched"
        );
        Ok(())
    }

    /// Online household propagation (the rule of `corridor link`, see
    /// `corridor_matching::MatchIndex::pair_household`): a household arriving (one request's
    /// people, or every request of the batch sharing a household key) whose members surely
    /// match people of exactly one known household is that family again, and its other
    /// members pair up one to one with that household's members by given name, sex and birth
    /// year, becoming sure matches instead of waiting for review. Brothers (other given
    /// names) and namesakes nothing tells apart are not paired. Returns how many were paired.
    async fn pair_households(
        &self,
        store: &dyn Store,
        subs: &[Submission],
        people: &[(usize, usize, Record)],
        verdicts: &mut [Vec<PersonMatch>],
    ) -> Result<usize> {
        // The arriving households, as positions into `people`: every submission of the batch
        // sharing a household key is one; otherwise each request's people are split into
        // families the way intake will store them (`corridor_store::households::infer`), so
        // that the families of a list are paired each with its own.
        let mut households: Vec<Vec<usize>> = Vec::new();
        let mut by_key: HashMap<&str, usize> = HashMap::new();
        // Per submission, the household slot of each of its people.
        let mut of_person: Vec<Vec<usize>> = Vec::with_capacity(subs.len());
        for sub in subs {
            let slots = match sub.household_key.as_deref() {
                Some(k) => {
                    let slot = *by_key.entry(k).or_insert_with(|| {
                        households.push(Vec::new());
                        households.len() - 1
                    });
                    vec![slot; sub.inquiry.people.len()]
                }
                None => {
                    // As intake will see them: tidied, blank entries left out (each of those
                    // gets a slot of its own and pairs with nobody).
                    let tidy: Vec<PersonDetails> = sub
                        .inquiry
                        .people
                        .iter()
                        .map(|p| p.clone().tidy())
                        .collect();
                    let kept: Vec<usize> =
                        (0..tidy.len()).filter(|&i| !tidy[i].is_blank()).collect();
                    let refs: Vec<&PersonDetails> = kept.iter().map(|&i| &tidy[i]).collect();
                    let groups = corridor_store::households::infer(
                        &refs,
                        sub.inquiry.requester.phone.as_deref(),
                    );
                    let base = households.len();
                    let count = groups.iter().max().map_or(0, |m| m + 1);
                    households.extend((0..count).map(|_| Vec::new()));
                    let mut slots: Vec<usize> = Vec::with_capacity(tidy.len());
                    for i in 0..tidy.len() {
                        match kept.binary_search(&i) {
                            Ok(at) => slots.push(base + groups[at]),
                            Err(_) => {
                                households.push(Vec::new());
                                slots.push(households.len() - 1);
                            }
                        }
                    }
                    slots
                }
            };
            of_person.push(slots);
        }
        for (k, (s, p, _)) in people.iter().enumerate() {
            households[of_person[*s][*p]].push(k);
        }
        // The known person the k-th person arriving surely is, if any.
        fn sure_of(verdicts: &[Vec<PersonMatch>], at: &(usize, usize, Record)) -> Option<PersonId> {
            match verdicts[at.0][at.1].same_as {
                Some(PersonRef::Known(p)) => Some(p),
                _ => None,
            }
        }
        households
            .retain(|h| h.len() >= 2 && h.iter().any(|&k| sure_of(verdicts, &people[k]).is_some()));
        if households.is_empty() {
            return Ok(0);
        }
        let anchors: Vec<PersonId> = households
            .iter()
            .flatten()
            .filter_map(|&k| sure_of(verdicts, &people[k]))
            .collect::<std::collections::HashSet<_>>()
            .into_iter()
            .collect();
        // Each known household's members, with their records, in the store's order.
        let mut household_of: HashMap<PersonId, corridor_domain::HouseholdId> = HashMap::new();
        let mut members: HashMap<corridor_domain::HouseholdId, Vec<(PersonId, Vec<u64>)>> =
            HashMap::new();
        for r in store.household_records(&anchors).await? {
            household_of.insert(r.person, r.household);
            let list = members.entry(r.household).or_default();
            match list.last_mut() {
                Some((p, records)) if *p == r.person => records.push(r.record.0 as u64),
                _ => list.push((r.person, vec![r.record.0 as u64])),
            }
        }
        let index = self.index.read().expect("index lock");
        let mut paired = 0;
        for household in &households {
            let mut known_households: Vec<corridor_domain::HouseholdId> = household
                .iter()
                .filter_map(|&k| sure_of(verdicts, &people[k]))
                .filter_map(|p| household_of.get(&p).copied())
                .collect();
            known_households.sort_unstable_by_key(|h| h.0);
            known_households.dedup();
            // Members matching people of two known households: which family is it? Neither.
            let &[known_household] = known_households.as_slice() else {
                continue;
            };
            let known = &members[&known_household];
            let claimed: std::collections::HashSet<PersonId> = household
                .iter()
                .filter_map(|&k| sure_of(verdicts, &people[k]))
                .collect();
            let incoming: Vec<(&Record, bool)> = household
                .iter()
                .map(|&k| {
                    let placed = verdicts[people[k].0][people[k].1].same_as.is_some();
                    (&people[k].2, placed)
                })
                .collect();
            let known_members: Vec<(&[u64], bool)> = known
                .iter()
                .map(|(p, records)| (records.as_slice(), claimed.contains(p)))
                .collect();
            let pairs = index.pair_household(&incoming, &known_members);
            for pair in pairs {
                let k = household[pair.incoming];
                let person = PersonRef::Known(known[pair.known].0);
                let verdict = &mut verdicts[people[k].0][people[k].1];
                verdict.same_as = Some(person);
                verdict.possible.retain(|p| p.person != person);
                paired += 1;
            }
        }
        Ok(paired)
    }

    /// Matches and stores a batch from any channel (see
    /// [`corridor_store::IntakeStore::take_in`]), then adds its people to the index.
    pub async fn take_in(
        &self,
        store: &dyn Store,
        subs: Vec<Submission>,
        source: &str,
        actor: &Actor,
    ) -> Result<Vec<RecordedInquiry>> {
        self.take_in_known(store, subs, &[], source, actor).await
    }

    /// [`take_in`](Self::take_in) where staff said who some people are: each
    /// `(submission, person, known)` makes that person `known` whatever matching found (a clerk
    /// who checked, saw the family on record and chose their case), so the request joins that
    /// person's open case like any sure match.
    ///
    /// Group commit: calls arriving while a batch is being written wait in a queue, and the
    /// next writer (the first of them to get the intake lock) matches and stores all of them
    /// (up to [`GROUP_MAX`] submissions, by the same actor and source) in one pass and one
    /// transaction. Each call is answered only after that transaction committed; if it fails,
    /// its calls are written one by one, so that one bad submission fails only its own call.
    pub async fn take_in_known(
        &self,
        store: &dyn Store,
        subs: Vec<Submission>,
        chosen: &[(usize, usize, PersonId)],
        source: &str,
        actor: &Actor,
    ) -> Result<Vec<RecordedInquiry>> {
        if subs.len() >= GROUP_MAX {
            let _one_at_a_time = self.intake.lock().await;
            return self.write_batch(store, subs, chosen, source, actor).await;
        }
        let (reply, mut answer) = tokio::sync::oneshot::channel();
        self.queue.lock().expect("queue lock").push(Job {
            subs,
            chosen: chosen.to_vec(),
            source: source.to_string(),
            actor: actor.clone(),
            reply,
        });
        loop {
            tokio::select! {
                biased;
                done = &mut answer => return done.unwrap_or_else(|_| Err(interrupted())),
                _writer = self.intake.lock() => {
                    let jobs = self.next_jobs();
                    if jobs.is_empty() {
                        // Another writer took this call: wait for its answer.
                        continue;
                    }
                    self.write_jobs(store, jobs).await;
                }
            }
        }
    }

    /// The calls waiting, oldest first, up to [`GROUP_MAX`] submissions (at least one call).
    fn next_jobs(&self) -> Vec<Job> {
        let mut queue = self.queue.lock().expect("queue lock");
        let (mut count, mut take) = (0, 0);
        for job in queue.iter() {
            if take > 0 && count + job.subs.len() > group_max() {
                break;
            }
            count += job.subs.len();
            take += 1;
        }
        queue.drain(..take).collect()
    }

    /// Writes the calls taken from the queue, one transaction per actor and source, and
    /// answers each.
    async fn write_jobs(&self, store: &dyn Store, jobs: Vec<Job>) {
        // By who and through what, in order of arrival: the audit trail names one actor per
        // batch.
        let mut groups: Vec<Vec<Job>> = Vec::new();
        for job in jobs {
            match groups
                .iter_mut()
                .find(|g| g[0].source == job.source && g[0].actor == job.actor)
            {
                Some(g) => g.push(job),
                None => groups.push(vec![job]),
            }
        }
        for group in groups {
            if group.len() == 1 {
                let job = group.into_iter().next().expect("one job");
                let done = self
                    .write_batch(store, job.subs, &job.chosen, &job.source, &job.actor)
                    .await;
                let _ = job.reply.send(done);
                continue;
            }
            let mut subs = Vec::new();
            let mut chosen = Vec::new();
            let mut sizes = Vec::with_capacity(group.len());
            for job in &group {
                let base = subs.len();
                chosen.extend(job.chosen.iter().map(|&(s, p, k)| (base + s, p, k)));
                subs.extend(job.subs.iter().cloned());
                sizes.push(job.subs.len());
            }
            let (source, actor) = (group[0].source.clone(), group[0].actor.clone());
            match self
                .write_batch(store, subs, &chosen, &source, &actor)
                .await
            {
                Ok(recorded) => {
                    let mut recorded = recorded.into_iter();
                    for (job, size) in group.into_iter().zip(sizes) {
                        let _ = job.reply.send(Ok(recorded.by_ref().take(size).collect()));
                    }
                }
                Err(e) => {
                    // Nothing of the batch was stored: each call on its own, so that only the
                    // one that cannot be stored fails (a database error, not a submission's,
                    // fails each of them again).
                    tracing::debug!(error = %e, calls = group.len(), "group commit failed; one by one");
                    for job in group {
                        let done = self
                            .write_batch(store, job.subs, &job.chosen, &job.source, &job.actor)
                            .await;
                        let _ = job.reply.send(done);
                    }
                }
            }
        }
    }

    /// Matches and stores one batch in one transaction. The caller holds `intake`.
    async fn write_batch(
        &self,
        store: &dyn Store,
        mut subs: Vec<Submission>,
        chosen: &[(usize, usize, PersonId)],
        source: &str,
        actor: &Actor,
    ) -> Result<Vec<RecordedInquiry>> {
        let _across_servers = store.intake_lock().await?;
        let t = std::time::Instant::now();
        self.catch_up(store).await?;
        let before = t.elapsed();
        self.annotate(store, &mut subs).await?;
        for &(s, p, known) in chosen {
            if let Some(m) = subs
                .get_mut(s)
                .and_then(|sub| sub.inquiry.matches.get_mut(p))
            {
                *m = PersonMatch {
                    same_as: Some(PersonRef::Known(known)),
                    possible: Vec::new(),
                };
            }
        }
        let matched = t.elapsed();
        let count = subs.len();
        let channels: Vec<String> = subs.iter().map(|s| s.inquiry.channel.to_string()).collect();
        let recorded = store.take_in(subs, source, actor).await?;
        self.batches
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        {
            let mut taken_in = self.taken_in.lock().expect("taken_in lock");
            for (r, channel) in recorded.iter().zip(channels) {
                if !r.already_present {
                    *taken_in.entry(channel).or_default() += 1;
                }
            }
        }
        let stored = t.elapsed();
        self.catch_up(store).await?;
        tracing::debug!(
            inquiries = count,
            catch_up_ms = before.as_millis() as u64,
            match_ms = (matched - before).as_millis() as u64,
            store_ms = (stored - matched).as_millis() as u64,
            index_ms = (t.elapsed() - stored).as_millis() as u64,
            "intake batch"
        );
        Ok(recorded)
    }

    /// Matches and stores one inquiry from staff or the API; the requester gets an
    /// acknowledgement with the reference when they gave an email address.
    pub async fn record(
        &self,
        store: &dyn Store,
        inquiry: NewInquiry,
        actor: &Actor,
    ) -> Result<RecordedInquiry> {
        self.record_known(store, inquiry, &[], actor).await
    }

    /// [`record`](Self::record) where staff said who some of its people are (see
    /// [`take_in_known`](Self::take_in_known)): `(person, known)` pairs.
    pub async fn record_known(
        &self,
        store: &dyn Store,
        inquiry: NewInquiry,
        chosen: &[(usize, PersonId)],
        actor: &Actor,
    ) -> Result<RecordedInquiry> {
        let source = inquiry.channel.to_string();
        let chosen: Vec<(usize, usize, PersonId)> =
            chosen.iter().map(|&(p, known)| (0, p, known)).collect();
        let mut recorded = self
            .take_in_known(store, vec![acknowledged(inquiry)], &chosen, &source, actor)
            .await?;
        Ok(recorded.remove(0))
    }

    /// The same for a batch, in one transaction (all or nothing).
    pub async fn record_batch(
        &self,
        store: &dyn Store,
        inquiries: Vec<NewInquiry>,
        actor: &Actor,
    ) -> Result<Vec<RecordedInquiry>> {
        let subs = inquiries.into_iter().map(acknowledged).collect();
        self.take_in(store, subs, "api batch", actor).await
    }
}

/// A call waiting for the writer to store its submissions (see [`Matcher::take_in_known`]).
struct Job {
    subs: Vec<Submission>,
    chosen: Vec<(usize, usize, PersonId)>,
    source: String,
    actor: Actor,
    reply: tokio::sync::oneshot::Sender<Result<Vec<RecordedInquiry>>>,
}

/// The writer holding a call's submissions stopped before answering (its own request was
/// abandoned midway): the transaction was rolled back unless it had already committed, so the
/// caller cannot tell; a retry with the same idempotency key is safe.
fn interrupted() -> corridor_store::StoreError {
    corridor_store::StoreError::Conflict(
        "intake was interrupted before this request was answered; retry it".into(),
    )
}

/// Runs CPU-bound work (scoring, index building) on a blocking thread and waits for it; a
/// panic there is a panic here.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => corridor_store::StoreError::Backend(Box::new(e)),
        })
}

/// A submission whose requester is acknowledged at their email address, if any.
pub fn acknowledged(inquiry: NewInquiry) -> Submission {
    let to = inquiry.requester.email.clone().filter(|e| e.contains('@'));
    let mut sub = Submission::new(inquiry);
    sub.acknowledge_to = to;
    sub
}

/// The best candidate per person (a known person is many records), ranked: the top one is
/// "same as" when sure, the next few are for review.
fn verdict(candidates: Vec<Found>, owners: &HashMap<u64, PersonId>) -> PersonMatch {
    let mut best: HashMap<PersonRef, Found> = HashMap::new();
    // People one of whose records carries another passport or tazkira number: never sure,
    // whatever their other records score (see `corridor_matching::Guard::DifferentDocument`).
    let mut contradicted: std::collections::HashSet<PersonRef> = Default::default();
    for f in candidates {
        let person = match f.target {
            Target::Record(id) => match owners.get(&id) {
                Some(p) => PersonRef::Known(*p),
                None => continue,
            },
            Target::Earlier(r) => r,
        };
        if f.evidence.guard == Some(Guard::DifferentDocument) {
            contradicted.insert(person);
        }
        match best.get(&person) {
            Some(b) if b.probability >= f.probability => {}
            _ => {
                best.insert(person, f);
            }
        }
    }
    let mut ranked: Vec<(PersonRef, Found)> = best.into_iter().collect();
    // Known people first among equals, so the family's stored case is the one joined; then
    // the oldest, so that the choice never depends on the order of a map.
    fn order(r: &PersonRef) -> (u8, i64, usize, usize) {
        match *r {
            PersonRef::Known(p) => (0, p.0, 0, 0),
            PersonRef::Earlier { submission, person } => (1, 0, submission, person),
        }
    }
    ranked.sort_by(|a, b| {
        b.1.probability
            .total_cmp(&a.1.probability)
            .then_with(|| order(&a.0).cmp(&order(&b.0)))
    });
    let same_as = ranked
        .first()
        .filter(|(p, f)| f.outcome == Outcome::Match && !contradicted.contains(p))
        .map(|(p, _)| *p);
    let possible = ranked
        .into_iter()
        .filter(|(p, f)| Some(*p) != same_as && f.outcome != Outcome::NonMatch)
        .take(MAX_POSSIBLE)
        .map(|(person, f)| PossibleMatch {
            person,
            probability: f.probability,
            evidence: evidence_json(&f),
        })
        .collect();
    PersonMatch { same_as, possible }
}

/// Two people of one request cannot be the same person (brothers on one list): when both
/// surely match one, neither is sure, and a person decides.
fn one_claim_each(matches: &mut [PersonMatch]) {
    let mut claimed: HashMap<PersonRef, usize> = HashMap::new();
    for m in matches.iter() {
        if let Some(p) = m.same_as {
            *claimed.entry(p).or_default() += 1;
        }
    }
    for m in matches.iter_mut() {
        if let Some(p) = m.same_as
            && claimed[&p] > 1
        {
            m.same_as = None;
            m.possible.insert(
                0,
                PossibleMatch {
                    person: p,
                    probability: 0.5,
                    evidence: String::new(),
                },
            );
        }
    }
}

/// Writes the index's snapshot at once, every `every` (if any) while it has grown, and once
/// more when `stop` resolves, so that the next server to start reads it rather than building the index (see
/// [`Matcher::load`]). A failed write is logged and tried again at the next turn.
pub async fn keep_snapshot(
    store: Arc<dyn Store>,
    matcher: Arc<Matcher>,
    every: Option<std::time::Duration>,
    stop: impl std::future::Future<Output = ()>,
) {
    let actor = Actor::system("matching index");
    let save = || async {
        let started = std::time::Instant::now();
        match matcher.save_snapshot(store.as_ref(), &actor).await {
            Ok(Some(bytes)) => tracing::info!(
                records = matcher.len(),
                bytes,
                ms = started.elapsed().as_millis() as u64,
                "matching index snapshot written"
            ),
            Ok(None) => {}
            Err(e) => tracing::warn!(error = %e, "the matching index's snapshot was not written"),
        }
    };
    tokio::pin!(stop);
    // The first turn comes at once: a server that had to build its index writes the
    // snapshot the next start will read.
    save().await;
    if let Some(every) = every {
        let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = ticks.tick() => save().await,
                _ = &mut stop => break,
            }
        }
    } else {
        stop.await;
    }
    save().await;
}
