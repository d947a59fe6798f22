//! Online matching: every person arriving with an inquiry is compared with everyone already
//! known before the inquiry is stored.
//!
//! The index lives in memory, built at start from the store's person records and brought up to
//! date from the store before every match, so it also sees what other servers on the same
//! database wrote. Storage stays the truth: the index only proposes, and the store links.

use std::collections::HashMap;
use std::sync::RwLock;

use corridor_domain::{NewInquiry, PersonDetails, PersonId, PersonMatch, PossibleMatch, RecordId};
use corridor_matching::{MatchIndex, Outcome, Record};
use corridor_store::{Actor, RecordedInquiry, Result, Store};

/// How many possible matches of one person are put up for review at most.
const MAX_POSSIBLE: usize = 3;
const LOAD_PAGE: u32 = 20_000;

pub struct Matcher {
    index: RwLock<MatchIndex>,
    /// The highest record id in the index.
    seen: std::sync::Mutex<RecordId>,
    /// One intake at a time in this process, so that two requests about the same new person
    /// cannot both miss each other.
    intake: tokio::sync::Mutex<()>,
}

fn as_record(id: RecordId, d: &PersonDetails) -> Record {
    Record {
        id: id.0.to_string(),
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
    }
}

impl Matcher {
    /// Builds the index from every person record in the store.
    pub async fn load(store: &dyn Store) -> Result<Matcher> {
        let matcher = Matcher {
            index: RwLock::new(MatchIndex::new()),
            seen: std::sync::Mutex::new(RecordId(0)),
            intake: tokio::sync::Mutex::new(()),
        };
        matcher.catch_up(store).await?;
        Ok(matcher)
    }

    pub fn len(&self) -> usize {
        self.index.read().expect("index lock").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Adds the records stored since the last look, by this server or any other.
    pub async fn catch_up(&self, store: &dyn Store) -> Result<()> {
        loop {
            let after = *self.seen.lock().expect("seen lock");
            let batch = store.person_records_after(after, LOAD_PAGE).await?;
            let Some(last) = batch.last().map(|(id, _, _)| *id) else {
                return Ok(());
            };
            let records: Vec<(u64, Record)> = batch
                .iter()
                .map(|(id, _, d)| (id.0 as u64, as_record(*id, d)))
                .collect();
            let refs: Vec<(u64, &Record)> = records.iter().map(|(id, r)| (*id, r)).collect();
            self.index.write().expect("index lock").insert_many(&refs);
            *self.seen.lock().expect("seen lock") = last;
            if batch.len() < LOAD_PAGE as usize {
                return Ok(());
            }
        }
    }

    /// Fills in `inquiry.matches`: for each person, a known person it surely is, or the ones it
    /// may be.
    pub async fn annotate(&self, store: &dyn Store, inquiry: &mut NewInquiry) -> Result<()> {
        let found: Vec<Vec<(u64, f64, Outcome, String)>> = {
            let index = self.index.read().expect("index lock");
            inquiry
                .people
                .iter()
                .map(|p| {
                    index
                        .query(&as_record(RecordId(0), p))
                        .into_iter()
                        .map(|c| {
                            let evidence = serde_json::to_string(&c.evidence).unwrap_or_default();
                            (c.id, c.probability, c.outcome, evidence)
                        })
                        .collect()
                })
                .collect()
        };
        let record_ids: Vec<RecordId> = found
            .iter()
            .flatten()
            .map(|(id, ..)| RecordId(*id as i64))
            .collect();
        let owners: HashMap<RecordId, PersonId> = store
            .record_owners(&record_ids)
            .await?
            .into_iter()
            .collect();

        let mut matches: Vec<PersonMatch> = found
            .into_iter()
            .map(|candidates| {
                // Best candidate per known person: a person is many records.
                let mut best: HashMap<PersonId, (f64, Outcome, String)> = HashMap::new();
                for (record, probability, outcome, evidence) in candidates {
                    let Some(person) = owners.get(&RecordId(record as i64)) else {
                        continue;
                    };
                    let entry =
                        best.entry(*person)
                            .or_insert((f64::MIN, Outcome::NonMatch, String::new()));
                    if probability > entry.0 {
                        *entry = (probability, outcome, evidence);
                    }
                }
                let mut ranked: Vec<_> = best.into_iter().collect();
                ranked.sort_by(|a, b| b.1.0.total_cmp(&a.1.0));
                let same_as = ranked
                    .first()
                    .filter(|(_, (_, outcome, _))| *outcome == Outcome::Match)
                    .map(|(p, _)| *p);
                let possible = ranked
                    .into_iter()
                    .filter(|(p, (_, outcome, _))| {
                        Some(*p) != same_as && *outcome != Outcome::NonMatch
                    })
                    .take(MAX_POSSIBLE)
                    .map(|(person_id, (probability, _, evidence))| PossibleMatch {
                        person_id,
                        probability,
                        evidence,
                    })
                    .collect();
                PersonMatch { same_as, possible }
            })
            .collect();

        // Two people of one request cannot be the same known person (brothers on one list):
        // when that happens, neither is sure, and a person decides.
        let mut claimed: HashMap<PersonId, usize> = HashMap::new();
        for m in &matches {
            if let Some(p) = m.same_as {
                *claimed.entry(p).or_default() += 1;
            }
        }
        for m in &mut matches {
            if let Some(p) = m.same_as
                && claimed[&p] > 1
            {
                m.same_as = None;
                m.possible.insert(
                    0,
                    PossibleMatch {
                        person_id: p,
                        probability: 0.5,
                        evidence: String::new(),
                    },
                );
            }
        }
        inquiry.matches = matches;
        Ok(())
    }

    /// Matches and stores one inquiry, then adds its people to the index.
    pub async fn record(
        &self,
        store: &dyn Store,
        mut inquiry: NewInquiry,
        actor: &Actor,
    ) -> Result<RecordedInquiry> {
        let _one_at_a_time = self.intake.lock().await;
        let _across_servers = store.intake_lock().await?;
        self.catch_up(store).await?;
        self.annotate(store, &mut inquiry).await?;
        let recorded = store.record_inquiry(inquiry, actor).await?;
        self.catch_up(store).await?;
        Ok(recorded)
    }

    /// Matches and stores a batch in one transaction (all or nothing). Each inquiry is matched
    /// against the people known before the batch; people repeated inside one batch are not
    /// matched to each other.
    pub async fn record_batch(
        &self,
        store: &dyn Store,
        mut inquiries: Vec<NewInquiry>,
        actor: &Actor,
    ) -> Result<Vec<RecordedInquiry>> {
        let _one_at_a_time = self.intake.lock().await;
        let _across_servers = store.intake_lock().await?;
        self.catch_up(store).await?;
        for inquiry in &mut inquiries {
            self.annotate(store, inquiry).await?;
        }
        let recorded = store.record_inquiries(inquiries, actor).await?;
        self.catch_up(store).await?;
        Ok(recorded)
    }
}
