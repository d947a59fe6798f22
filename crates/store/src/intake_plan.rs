//! Planning a batch of intake: which submissions are new, which people they describe (new
//! people or ones matching already knows), which households and cases they go to, and the ids
//! of everything written.
//!
//! The plan is pure. Each backend gathers what it needs inside its write transaction (the
//! stored idempotency keys, the teams, the known people matching pointed at, the highest ids),
//! asks for the plan, and writes it table by table. So the intake rules live once, here, and
//! the backends keep only their SQL; a rule changed here changes on every database at once.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use corridor_domain::{
    CaseCategory, CaseId, HouseholdId, InquiryId, NewRequester, PersonDetails, PersonId,
    PersonMatch, PersonRef, Priority, ReferenceNumber, Team, TeamId, UserId,
};

use crate::Refusal;
use crate::contact::person_phones;
use crate::households;
use crate::{AuditAction, NewAuditEvent, RecordedInquiry, Result, Submission};

/// A stored person that matching named, as they are now: merges followed to the person that
/// lives on, with that person's household and open case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownPerson {
    pub live: PersonId,
    pub household: Option<HouseholdId>,
    /// The oldest open case the person is on.
    pub open_case: Option<CaseId>,
    /// How many people are on that case.
    pub open_case_people: usize,
    /// Whether the person is that case's principal (the person its family is listed under).
    pub heads_open_case: bool,
}

/// Someone stored under a lookup key (a requester's household key, a phone): their open case
/// (the oldest, if several), their household and who they are. A person stored without a
/// household counts as a household of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder {
    pub case: i64,
    pub household: Option<i64>,
    pub person: i64,
}

/// The highest ids in use; the plan numbers new rows after them. Only valid while the caller
/// holds the write lock, so nobody else can take the same ids.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LastIds {
    pub inquiry: i64,
    pub person: i64,
    pub record: i64,
    pub household: i64,
    pub case: i64,
}

/// What the backend read before planning.
#[derive(Debug, Default)]
pub struct IntakeContext {
    /// Inquiries already stored under the idempotency keys (and parent keys) of the batch.
    pub existing: HashMap<String, RecordedInquiry>,
    pub teams: Vec<Team>,
    /// Every person named by `PersonRef::Known` in the batch's matches; a name missing here
    /// (a person that no longer exists) is treated as no match.
    pub known: HashMap<PersonId, KnownPerson>,
    /// The people with an open case stored under each of [`IntakeContext::family_keys_of`].
    pub keyed: HashMap<String, Vec<Holder>>,
    /// The people with an open case whose records give each of [`IntakeContext::phones_of`].
    pub phoned: HashMap<String, Vec<Holder>>,
    pub last: LastIds,
    pub now: DateTime<Utc>,
}

impl IntakeContext {
    /// The keys the backend must look up for [`IntakeContext::existing`].
    pub fn keys_of(subs: &[Submission]) -> Vec<&str> {
        let mut keys = Vec::new();
        for s in subs {
            keys.extend(s.inquiry.idempotency_key.as_deref());
            keys.extend(s.parent_key.as_deref());
        }
        keys
    }

    /// The (requester, household key) pairs the backend must look up for
    /// [`IntakeContext::keyed`], as [`family_key`] writes them.
    pub fn family_keys_of(subs: &[Submission]) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for s in subs {
            let Ok(requester) = requester_key(&s.inquiry.requester) else {
                continue;
            };
            let label = s.inquiry.household_label.as_deref();
            for p in &s.inquiry.people {
                keys.extend(family_key(&requester, p.household.as_deref()));
            }
            keys.extend(family_key(&requester, label));
        }
        keys.sort();
        keys.dedup();
        keys
    }

    /// The phones (canonical, see [`crate::contact::person_phones`]) the backend must look up
    /// for [`IntakeContext::phoned`].
    pub fn phones_of(subs: &[Submission]) -> Vec<String> {
        let mut phones: Vec<String> = subs
            .iter()
            .flat_map(|s| &s.inquiry.people)
            .flat_map(|p| person_phones(p.phone.as_deref()))
            .collect();
        phones.sort();
        phones.dedup();
        phones
    }

    /// The people the backend must resolve for [`IntakeContext::known`].
    pub fn people_of(subs: &[Submission]) -> Vec<PersonId> {
        let mut ids: HashSet<PersonId> = HashSet::new();
        for s in subs {
            for m in &s.inquiry.matches {
                let refs = m.same_as.iter().chain(m.possible.iter().map(|p| &p.person));
                for r in refs {
                    if let PersonRef::Known(id) = r {
                        ids.insert(*id);
                    }
                }
            }
        }
        let mut ids: Vec<PersonId> = ids.into_iter().collect();
        ids.sort_by_key(|p| p.0);
        ids
    }
}

#[derive(Debug)]
pub struct PlannedInquiry {
    pub submission: Submission,
    pub id: i64,
    /// Index into [`IntakePlan::requesters`].
    pub requester: usize,
    /// Drawn by [`IntakePlan::draw_references`].
    pub reference: Option<ReferenceNumber>,
    pub household_id: Option<i64>,
    /// The case of the first family it names (the one its reference answers with).
    pub case_id: Option<i64>,
    /// Every case it feeds, one per family it names, `case_id` first.
    pub cases: Vec<i64>,
    pub parent_id: Option<i64>,
}

#[derive(Debug)]
pub struct PlannedPerson {
    pub id: i64,
    pub household_id: Option<i64>,
    pub source_inquiry_id: i64,
}

/// One mention of a person in an inquiry, kept as written.
#[derive(Debug)]
pub struct PlannedRecord {
    pub id: i64,
    pub person_id: i64,
    pub inquiry_id: i64,
    pub position: i64,
    pub details: PersonDetails,
    /// The requester's household key for this person, as [`family_key`] writes it: kept as
    /// a keyed hash, so the same requester's later mention under it finds the family.
    pub household_key: Option<String>,
}

#[derive(Debug)]
pub struct PlannedCase {
    pub id: i64,
    pub category: CaseCategory,
    pub priority: Priority,
    pub owner: UserId,
    pub team: TeamId,
    pub household_id: Option<i64>,
    pub principal_person_id: Option<i64>,
    /// As old as the request that opened it: waiting counts from then.
    pub created_at: DateTime<Utc>,
}

#[derive(Debug)]
pub struct PlannedReview {
    pub record_id: i64,
    pub candidate_id: i64,
    pub probability: f64,
    pub evidence: String,
}

#[derive(Debug, Clone, Copy)]
enum Answer {
    Present(usize),
    New(usize),
    Repeat(usize),
}

/// Everything one batch writes, with ids assigned.
#[derive(Debug)]
pub struct IntakePlan {
    pub requesters: Vec<NewRequester>,
    pub inquiries: Vec<PlannedInquiry>,
    pub households: Vec<(i64, Option<String>)>,
    pub persons: Vec<PlannedPerson>,
    pub records: Vec<PlannedRecord>,
    pub cases: Vec<PlannedCase>,
    /// Links of people to cases, new cases and existing ones; a link may exist already.
    pub case_persons: Vec<(i64, i64)>,
    /// Existing cases that received inquiries, with the priority the newcomers call for: the
    /// case's `updated_at` moves to now, and its priority rises to that one if it is more
    /// urgent (a second request saying "medical emergency"); it never falls, since the people
    /// already on the case still count.
    pub touched_cases: Vec<(i64, Priority)>,
    pub reviews: Vec<PlannedReview>,
    /// Acknowledgements to queue: (inquiry id, outbox kind, address).
    pub outbox: Vec<(i64, String, String)>,
    /// Leads who get new cases; each must still be an active user.
    pub owners: Vec<UserId>,
    pub now: DateTime<Utc>,
    source: String,
    present: Vec<RecordedInquiry>,
    answers: Vec<Answer>,
    /// (existing case, inquiry index) for each inquiry that joined a case already open.
    attached: Vec<(i64, usize)>,
    /// (case joined, other open cases the same family's members are on, inquiry index):
    /// families that may be one, left for a person to join.
    doubts: Vec<(i64, Vec<i64>, usize)>,
    /// (case joined, inquiry index): families placed by a phone alone, to be confirmed.
    phone_joins: Vec<(i64, usize)>,
    known_people: usize,
}

/// A possible match this likely (matching's "possible" starts far lower, at 0.3; "sure" at
/// 0.95) is enough, with nothing pointing elsewhere, for a family nobody surely knows to join
/// the case of the person it possibly matches, as a person of their own there with the match
/// for review. A sparse later mention ("Faruk Yousufzai, born 1994") often scores here without
/// a phone or a father's name to show. Lower, shared common names join unrelated families: on
/// the demo surge at batch 1,000, 0.6 left 98.7% of cases with one family (below the aim of
/// 99%), 0.7 99.0%, 0.8 99.2%, 0.9 99.5%, while families found whole went 87.6%, 87.0%,
/// 86.1%, 83.9%.
pub const LIKELY: f64 = 0.8;

/// People on both sides (on the case but not named, and new in the family) from which a
/// family joining a case through a match is doubtful rather than growth.
const DOUBTFUL: usize = 3;

/// One family of one request, as planned.
struct Group {
    household_id: Option<i64>,
    case_id: Option<i64>,
    /// Index into [`IntakePlan::cases`] when the family opened a case.
    new_case: Option<usize>,
    /// (person, index into [`IntakePlan::records`]), in the request's order.
    people: Vec<(i64, usize)>,
    /// Joined its case through a [`LIKELY`] match alone, nothing a family shares: its people
    /// are not taken for anyone on the case, their possible matches wait for review.
    by_likelihood: bool,
}

/// The household and case of a family some of whose members are already known: the open case
/// most of them are on (the lowest id among equals, so the choice does not depend on the
/// order they are listed in), with its household. The other cases they are on are returned,
/// not joined: two cases that look like one family are for a person to join, since one
/// matched person or a mistaken link must not pull a second family in.
fn settle(known: &[Placed]) -> (Option<i64>, Option<i64>, Vec<i64>) {
    let mut votes: Vec<(i64, usize, Option<i64>)> = Vec::new();
    for p in known {
        if let Some(case) = p.case {
            match votes.iter_mut().find(|(c, _, _)| *c == case) {
                Some(v) => {
                    v.1 += 1;
                    v.2 = v.2.or(p.household);
                }
                None => votes.push((case, 1, p.household)),
            }
        }
    }
    votes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    match votes.split_first() {
        Some((&(case, _, household), rest)) => (
            household.or_else(|| known.iter().find_map(|p| p.household)),
            Some(case),
            rest.iter().map(|v| v.0).collect(),
        ),
        None => {
            let mut households: Vec<i64> = known.iter().filter_map(|p| p.household).collect();
            households.sort_unstable();
            (households.first().copied(), None, Vec::new())
        }
    }
}

/// Where a person already decided on lives: their id, household and case.
#[derive(Debug, Clone, Copy)]
struct Placed {
    person: i64,
    household: Option<i64>,
    case: Option<i64>,
}

impl IntakePlan {
    /// Plans the batch. Fails only on a rule the caller broke (an attachment whose message is
    /// neither stored nor earlier in the batch, a requester without a name). A match pointing
    /// at nobody (a person no longer stored, a mention later in the batch or in a submission
    /// that was already present) is treated as no match.
    pub fn new(subs: Vec<Submission>, ctx: IntakeContext, source: &str) -> Result<IntakePlan> {
        let IntakeContext {
            existing,
            teams,
            known,
            mut keyed,
            mut phoned,
            last,
            now,
        } = ctx;
        let mut next = last;
        let mut plan = IntakePlan {
            requesters: Vec::new(),
            inquiries: Vec::new(),
            households: Vec::new(),
            persons: Vec::new(),
            records: Vec::new(),
            cases: Vec::new(),
            case_persons: Vec::new(),
            touched_cases: Vec::new(),
            reviews: Vec::new(),
            outbox: Vec::new(),
            owners: Vec::new(),
            now,
            source: source_label(source),
            present: Vec::new(),
            answers: Vec::with_capacity(subs.len()),
            attached: Vec::new(),
            doubts: Vec::new(),
            phone_joins: Vec::new(),
            known_people: 0,
        };
        let mut requester_index: HashMap<String, usize> = HashMap::new();
        let mut batch_keys: HashMap<String, usize> = HashMap::new();
        let mut by_household: HashMap<String, (Option<i64>, Option<i64>)> = HashMap::new();
        // People placed so far: known ones by id, and this batch's by (submission, position).
        let mut placed_known: HashMap<i64, Placed> = HashMap::new();
        let mut placed_here: HashMap<(usize, usize), Placed> = HashMap::new();
        // The record each of this batch's mentions became, for reviews against them.
        let mut records_here: HashMap<(usize, usize), i64> = HashMap::new();
        // The records of each new case, for its priority.
        let mut case_records: HashMap<i64, Vec<usize>> = HashMap::new();
        let mut linked: HashSet<(i64, i64)> = HashSet::new();
        // People on each case, as far as this batch knows: known cases as read, then every
        // person this plan links.
        let mut case_size: HashMap<i64, usize> = known
            .values()
            .filter_map(|k| Some((k.open_case?.0, k.open_case_people)))
            .collect();
        // The principal of each case, as far as this batch knows: known cases as read, then the
        // cases it opens.
        let mut case_principal: HashMap<i64, i64> = known
            .values()
            .filter(|k| k.heads_open_case)
            .filter_map(|k| Some((k.open_case?.0, k.live.0)))
            .collect();
        let mut touched: HashMap<i64, usize> = HashMap::new();
        let mut owners: HashSet<UserId> = HashSet::new();

        for (position, mut sub) in subs.into_iter().enumerate() {
            if let Some(key) = sub.inquiry.idempotency_key.as_deref() {
                if let Some(found) = existing.get(key) {
                    let mut found = found.clone();
                    found.already_present = true;
                    plan.answers.push(Answer::Present(plan.present.len()));
                    plan.present.push(found);
                    continue;
                }
                if let Some(&index) = batch_keys.get(key) {
                    plan.answers.push(Answer::Repeat(index));
                    continue;
                }
                batch_keys.insert(key.to_string(), plan.inquiries.len());
            }
            let requester_k = requester_key(&sub.inquiry.requester)?;
            let requester = {
                let key = requester_k.clone();
                match requester_index.get(&key) {
                    Some(&i) => i,
                    None => {
                        requester_index.insert(key, plan.requesters.len());
                        plan.requesters.push(sub.inquiry.requester.clone());
                        plan.requesters.len() - 1
                    }
                }
            };
            let parent_id = match sub.parent_key.as_deref() {
                None => None,
                Some(parent) => Some(match existing.get(parent) {
                    Some(r) => r.id.0,
                    None => match batch_keys.get(parent) {
                        Some(&j) if j < plan.inquiries.len() => plan.inquiries[j].id,
                        _ => {
                            return Err(Refusal::AttachmentBeforeMessage.into());
                        }
                    },
                }),
            };
            next.inquiry += 1;
            let inquiry_id = next.inquiry;
            let index = plan.inquiries.len();

            // The people described, blank entries dropped, each with matching's verdict.
            let people = std::mem::take(&mut sub.inquiry.people);
            let mut verdicts = std::mem::take(&mut sub.inquiry.matches);
            verdicts.resize_with(people.len(), PersonMatch::default);
            let entries: Vec<(usize, PersonDetails, PersonMatch)> = people
                .into_iter()
                .zip(verdicts)
                .enumerate()
                .map(|(i, (p, m))| (i, p.tidy(), m))
                .filter(|(_, p, _)| !p.is_blank())
                .collect();

            // Who each one surely is, if anyone; two people of one request are never the
            // same person (brothers on one list), so a second claim on one person is dropped.
            let mut sure: Vec<Option<Placed>> = Vec::with_capacity(entries.len());
            let mut claimed: HashSet<i64> = HashSet::new();
            for (_, _, verdict) in &entries {
                let found = verdict
                    .same_as
                    .and_then(|r| resolve(r, position, &known, &placed_known, &placed_here));
                sure.push(found.filter(|p| claimed.insert(p.person)));
            }

            // Households: a batch's household key makes the whole submission one (the rows of
            // one family in a file); otherwise the request's people are split into families
            // (a list, a sponsor's message about three families), each with its own case.
            let group_of: Vec<usize> = if sub.household_key.is_some() {
                vec![0; entries.len()]
            } else {
                let refs: Vec<&PersonDetails> = entries.iter().map(|(_, p, _)| p).collect();
                households::infer(&refs, sub.inquiry.requester.phone.as_deref())
            };
            let group_count = group_of.iter().max().map_or(1, |m| m + 1);
            // The requester's household key for each person: their own, or the request's
            // when it names one family.
            let family_keys: Vec<Option<String>> = entries
                .iter()
                .map(|(_, p, _)| {
                    family_key(&requester_k, p.household.as_deref()).or_else(|| {
                        (group_count == 1)
                            .then(|| {
                                family_key(&requester_k, sub.inquiry.household_label.as_deref())
                            })
                            .flatten()
                    })
                })
                .collect();
            // The sender's own numbers say nothing about who is family.
            let requester_phones = person_phones(sub.inquiry.requester.phone.as_deref());
            let mut groups: Vec<Group> = Vec::with_capacity(group_count);
            for g in 0..group_count {
                let members: Vec<usize> =
                    (0..entries.len()).filter(|&i| group_of[i] == g).collect();
                // The list's household key first, then the people already known, else new.
                let key = sub.household_key.clone();
                let grouped = key.as_deref().and_then(|k| by_household.get(k)).copied();
                let known_here: Vec<Placed> = members.iter().filter_map(|&i| sure[i]).collect();
                let (mut household_id, mut case_id, mut others) = match grouped {
                    Some((h, c)) => (h, c, Vec::new()),
                    None => settle(&known_here),
                };
                // Nobody known among the people. A text message names no one: the family the
                // sender's number belongs to decides. Otherwise a family nobody surely knows (a
                // sparse later mention: "Farid" and a phone) whose people possibly match people
                // of one open case, through what a family shares with them (its phone, or
                // father's and family name), joins that case: below, each is taken for the
                // member they possibly match, one to one, or stays a person of their own on the
                // case, with the possible match for review. A match more likely than not joins
                // the case too, but without that evidence nobody is taken for anyone: each
                // stays a person of their own on the case, the match for review. Only when
                // every such match points at the same case: a phone that several families'
                // people carry (a sponsor's, an office's) points at several and joins nothing;
                // and a large group meeting a large case is doubtful (below).
                let mut by_likelihood = false;
                let mut by_phone = false;
                // The same requester wrote the same household key before ("TF-63647",
                // "Hassan family"): the family they meant then, if its people are on exactly
                // one open case. Another requester's key is their own numbering and means
                // nothing here. When the people this request names are known on another case,
                // that case stays theirs and a task asks whether the two are one.
                if grouped.is_none() {
                    let holders = members
                        .iter()
                        .filter_map(|&i| family_keys[i].as_ref())
                        .filter_map(|k| keyed.get(k))
                        .flatten();
                    if let Some((case, household)) = one_case(holders) {
                        match case_id {
                            None => {
                                case_id = Some(case);
                                household_id = household_id.or(household);
                            }
                            Some(c) if c != case && !others.contains(&case) => others.push(case),
                            Some(_) => {}
                        }
                    }
                }
                if grouped.is_none() && case_id.is_none() && known_here.is_empty() {
                    if let Some(case) = sub.join_case {
                        case_id = Some(case.0);
                    } else if let Some((case, household, family)) = family_phone_case(
                        members.iter().map(|&i| &entries[i].2),
                        position,
                        &known,
                        &placed_known,
                        &placed_here,
                    ) {
                        case_id = Some(case);
                        household_id = household;
                        by_likelihood = !family;
                    } else if let Some(case) = phone_case(
                        members
                            .iter()
                            .flat_map(|&i| person_phones(entries[i].1.phone.as_deref()))
                            .filter(|p| !requester_phones.contains(p)),
                        &phoned,
                    ) {
                        // A phone that only one family's people carry, on one open case: the
                        // family's own number. The newcomers join that case as a household of
                        // their own, nobody taken for anyone without what a family shares,
                        // so that the phone now names two households there and places nobody
                        // more: a sponsor's number, written first for one family, cannot
                        // gather the next ones onto its case.
                        case_id = Some(case);
                        by_likelihood = true;
                        by_phone = true;
                    }
                }
                // Two families do not become one case because one person matched: when the
                // case already holds several people this family does not name, and the family
                // brings several new ones, the match (or the family) is doubtful. The family
                // gets a case of its own, and a task asks whether the two are one. Unless the
                // person surely matched is the case's principal and this request names them
                // as its principal too: then it is that person's family again, told more
                // fully (a first message names the parents and two children, a later one the
                // three older sons), not another family that one of its people belongs to.
                let anchored = |case: i64| {
                    members.iter().any(|&i| {
                        sure[i].is_some_and(|p| {
                            p.case == Some(case) && case_principal.get(&case) == Some(&p.person)
                        }) && households::is_head(&entries[i].1)
                    })
                };
                if grouped.is_none()
                    && let Some(case) = case_id
                    && !anchored(case)
                {
                    let named: HashSet<i64> = known_here
                        .iter()
                        .filter(|p| p.case == Some(case))
                        .map(|p| p.person)
                        .collect();
                    let on_case = case_size.get(&case).copied().unwrap_or(0);
                    let not_named = on_case.saturating_sub(named.len());
                    let newcomers = members.len() - known_here.len();
                    if not_named >= DOUBTFUL && newcomers >= DOUBTFUL {
                        others.insert(0, case);
                        case_id = None;
                        household_id = None;
                    }
                }
                let written = members.iter().find_map(|&i| entries[i].1.household.clone());
                let label = written.or_else(|| {
                    (group_count == 1)
                        .then(|| sub.inquiry.household_label.clone())
                        .flatten()
                });
                if household_id.is_none() && (key.is_some() || members.len() > 1 || label.is_some())
                {
                    next.household += 1;
                    plan.households.push((next.household, label));
                    household_id = Some(next.household);
                }
                let mut new_case = None;
                if case_id.is_none()
                    && grouped.is_none()
                    && let Some(team) = Team::route(&teams, sub.inquiry.category)
                {
                    let owner = team.lead_id.expect("routed teams have a lead");
                    if owners.insert(owner) {
                        plan.owners.push(owner);
                    }
                    next.case += 1;
                    case_id = Some(next.case);
                    new_case = Some(plan.cases.len());
                    plan.cases.push(PlannedCase {
                        id: next.case,
                        category: sub.inquiry.category,
                        priority: Priority::Normal,
                        owner,
                        team: team.id,
                        household_id,
                        principal_person_id: None,
                        created_at: sub.inquiry.received_at.min(now),
                    });
                }
                if let Some(k) = key {
                    by_household.entry(k).or_insert((household_id, case_id));
                }
                if let Some(case) = case_id
                    && !others.is_empty()
                {
                    plan.doubts.push((case, others, index));
                }
                // The phone may be a sponsor's written for two families: a person confirms.
                if by_phone
                    && let Some(case) = case_id
                    && new_case.is_none()
                {
                    plan.phone_joins.push((case, index));
                }
                groups.push(Group {
                    household_id,
                    case_id,
                    new_case,
                    people: Vec::new(),
                    by_likelihood: by_likelihood && case_id.is_some() && new_case.is_none(),
                });
            }

            // Within a family that joined a case, someone matching only possibly a member of
            // that very case is that member: the family around them says which person they
            // are (a sister "Fatma" beside her brother, both already on the case). One to one,
            // in the order listed, and only people already on the case: nobody new comes in.
            for (i, (_, _, verdict)) in entries.iter().enumerate() {
                let Some(case) = groups[group_of[i]].case_id else {
                    continue;
                };
                if sure[i].is_some() {
                    continue;
                }
                let by_likelihood = groups[group_of[i]].by_likelihood;
                sure[i] = verdict
                    .possible
                    .iter()
                    .filter(|m| !documents_differ(&m.evidence))
                    .filter(|m| !by_likelihood || family_agrees(&m.evidence))
                    .filter_map(|m| {
                        resolve(m.person, position, &known, &placed_known, &placed_here)
                    })
                    .find(|p| p.case == Some(case) && !claimed.contains(&p.person));
                if let Some(p) = sure[i] {
                    claimed.insert(p.person);
                }
            }

            // People and their records.
            for ((((original, details, verdict), sure), g), household_key) in
                entries.into_iter().zip(sure).zip(group_of).zip(family_keys)
            {
                let (household_id, case_id) = (groups[g].household_id, groups[g].case_id);
                let person_id = match sure {
                    Some(p) => {
                        plan.known_people += 1;
                        p.person
                    }
                    None => {
                        next.person += 1;
                        plan.persons.push(PlannedPerson {
                            id: next.person,
                            household_id,
                            source_inquiry_id: inquiry_id,
                        });
                        next.person
                    }
                };
                next.record += 1;
                let record_id = next.record;
                if sure.is_none() {
                    let mut candidates: HashSet<i64> = HashSet::new();
                    for possible in &verdict.possible {
                        let Some(candidate) = resolve(
                            possible.person,
                            position,
                            &known,
                            &placed_known,
                            &placed_here,
                        ) else {
                            continue;
                        };
                        if candidate.person != person_id && candidates.insert(candidate.person) {
                            let compared = match possible.person {
                                PersonRef::Earlier { submission, person } => {
                                    records_here.get(&(submission, person)).copied()
                                }
                                PersonRef::Known(_) => None,
                            };
                            plan.reviews.push(PlannedReview {
                                record_id,
                                candidate_id: candidate.person,
                                probability: possible.probability,
                                evidence: naming_record(&possible.evidence, compared),
                            });
                        }
                    }
                }
                if let Some(case) = case_id {
                    case_records
                        .entry(case)
                        .or_default()
                        .push(plan.records.len());
                }
                // Later requests of this batch find them by key and phone as if stored.
                if let Some(case) = case_id {
                    let holder = Holder {
                        case,
                        household: household_id,
                        person: person_id,
                    };
                    if let Some(k) = &household_key {
                        remember(&mut keyed, k.clone(), holder);
                    }
                    for phone in person_phones(details.phone.as_deref()) {
                        remember(&mut phoned, phone, holder);
                    }
                }
                groups[g].people.push((person_id, plan.records.len()));
                plan.records.push(PlannedRecord {
                    id: record_id,
                    person_id,
                    inquiry_id,
                    position: original as i64,
                    details,
                    household_key,
                });
                let here = Placed {
                    person: person_id,
                    household: household_id,
                    case: case_id,
                };
                placed_here.insert((position, original), here);
                records_here.insert((position, original), record_id);
                if sure.is_some() {
                    // Later mentions of this known person follow them to this case.
                    let entry = placed_known.entry(person_id).or_insert(here);
                    entry.case = entry.case.or(case_id);
                    entry.household = entry.household.or(household_id);
                }
            }

            let mut inquiry_cases: Vec<i64> = Vec::new();
            for group in &groups {
                let Some(case) = group.case_id else {
                    continue;
                };
                if !inquiry_cases.contains(&case) {
                    inquiry_cases.push(case);
                }
                for &(p, _) in &group.people {
                    if linked.insert((case, p)) {
                        plan.case_persons.push((case, p));
                        // A known person may be on the case already; counting them again only
                        // makes the guard above more careful.
                        *case_size.entry(case).or_default() += 1;
                    }
                }
                if let Some(at) = group.new_case {
                    plan.cases[at].principal_person_id = group.people.first().map(|(p, _)| *p);
                    if let Some(&(p, _)) = group.people.first() {
                        case_principal.insert(case, p);
                    }
                } else if case <= last.case {
                    if !plan.attached.contains(&(case, index)) {
                        plan.attached.push((case, index));
                    }
                    let newcomers: Vec<PersonDetails> = group
                        .people
                        .iter()
                        .map(|&(_, r)| plan.records[r].details.clone())
                        .collect();
                    let urgency = Priority::assess(sub.inquiry.category, &newcomers);
                    match touched.get(&case) {
                        Some(&i) => {
                            let p = &mut plan.touched_cases[i].1;
                            *p = (*p).min(urgency);
                        }
                        None => {
                            touched.insert(case, plan.touched_cases.len());
                            plan.touched_cases.push((case, urgency));
                        }
                    }
                }
            }
            let household_id = groups.first().and_then(|g| g.household_id);
            let case_id = inquiry_cases.first().copied();
            if let Some(to) = sub
                .acknowledge_to
                .as_deref()
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                let kind = match sub.acknowledge_language {
                    Some(l) => corridor_domain::acknowledgement_kind(l),
                    None => "acknowledgement".to_string(),
                };
                plan.outbox.push((inquiry_id, kind, to.to_string()));
            }
            plan.answers.push(Answer::New(index));
            plan.inquiries.push(PlannedInquiry {
                submission: sub,
                id: inquiry_id,
                requester,
                reference: None,
                household_id,
                case_id,
                cases: inquiry_cases,
                parent_id,
            });
        }

        for case in &mut plan.cases {
            let people: Vec<PersonDetails> = case_records
                .get(&case.id)
                .into_iter()
                .flatten()
                .map(|&r| plan.records[r].details.clone())
                .collect();
            case.priority = Priority::assess(case.category, &people);
        }
        Ok(plan)
    }

    /// Draws new random references for the inquiries at `which` (all of them at first, then
    /// those the table already uses), distinct within the batch.
    pub fn draw_references(&mut self, which: &[usize]) {
        let mut rng = rand::thread_rng();
        let mut used: HashSet<String> = self
            .inquiries
            .iter()
            .enumerate()
            .filter(|(i, _)| !which.contains(i))
            .filter_map(|(_, q)| q.reference.as_ref().map(|r| r.as_str().to_string()))
            .collect();
        for &i in which {
            loop {
                let candidate = ReferenceNumber::random(&mut rng);
                if used.insert(candidate.as_str().to_string()) {
                    self.inquiries[i].reference = Some(candidate);
                    break;
                }
            }
        }
    }

    pub fn reference(&self, index: usize) -> &str {
        self.inquiries[index]
            .reference
            .as_ref()
            .map(|r| r.as_str())
            .unwrap_or("")
    }

    /// The audit events of the batch: one for the batch (naming the source and the counts, not
    /// the people), and one on each case that was already open and received an inquiry.
    pub fn audit_events(&self) -> Vec<NewAuditEvent> {
        let mut events = Vec::new();
        if self.answers.is_empty() {
            return events;
        }
        let fresh = self.inquiries.len();
        let mut detail = format!("{fresh} inquiries stored from {}", self.source);
        if let (Some(first), Some(last)) = (self.inquiries.first(), self.inquiries.last()) {
            detail.push_str(&format!(" (inquiries {}-{})", first.id, last.id));
        }
        let present = self.answers.len() - fresh;
        if present > 0 {
            detail.push_str(&format!("; {present} already present"));
        }
        if let (Some(first), Some(last)) = (self.cases.first(), self.cases.last()) {
            detail.push_str(&format!(
                "; {} cases opened (cases {}-{})",
                self.cases.len(),
                first.id,
                last.id
            ));
        }
        if !self.attached.is_empty() {
            detail.push_str(&format!("; {} joined open cases", self.attached.len()));
        }
        if self.known_people > 0 || !self.reviews.is_empty() {
            detail.push_str(&format!(
                "; {} people already known, {} possible matches to review",
                self.known_people,
                self.reviews.len()
            ));
        }
        let entity_id = self.inquiries.first().map(|i| i.id).unwrap_or(0);
        events.push(NewAuditEvent::new(
            AuditAction::IntakeBatch,
            "inquiry",
            entity_id,
            detail,
        ));
        // One event per case that was already open, naming the inquiries that joined it.
        let mut by_case: Vec<(i64, Vec<&str>)> = Vec::new();
        let mut at: HashMap<i64, usize> = HashMap::new();
        for &(case, index) in &self.attached {
            let slot = *at.entry(case).or_insert_with(|| {
                by_case.push((case, Vec::new()));
                by_case.len() - 1
            });
            by_case[slot].1.push(self.reference(index));
        }
        for (case, references) in by_case {
            let detail = match references.as_slice() {
                [one] => format!("inquiry {one} is about people already on this case"),
                many => {
                    let shown = many.iter().take(20).copied().collect::<Vec<_>>().join(", ");
                    let more = many.len().saturating_sub(20);
                    let tail = if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    };
                    format!(
                        "inquiries {shown}{tail} are about people already on this case (from {})",
                        self.source
                    )
                }
            };
            events.push(NewAuditEvent::new(
                AuditAction::CaseInquiryAdded,
                "case",
                case,
                detail,
            ));
        }
        for (case, body) in self.household_checks() {
            events.push(NewAuditEvent::new(
                AuditAction::CaseTaskAdded,
                "case",
                case,
                body,
            ));
        }
        events
    }

    /// Work for a person where a request names, as one family, people who are on different
    /// open cases: a task on the case the family joined, naming the others (cases and a
    /// reference, no personal data). Nothing is joined automatically. And where a family
    /// joined a case through a phone alone: a task to confirm it is that household.
    pub fn household_checks(&self) -> Vec<(i64, String)> {
        let phoned = self.phone_joins.iter().map(|(case, index)| {
            (
                *case,
                format!(
                    "Inquiry {} joined this case through a phone number this family's people \
                     carry, nothing else: check that they are this household, and split them \
                     off if not",
                    self.reference(*index)
                ),
            )
        });
        self.doubts
            .iter()
            .map(|(case, others, index)| {
                let others = others
                    .iter()
                    .map(|c| format!("C-{c}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                (
                    *case,
                    format!(
                        "Inquiry {} names people of this case and of {others} as one family: \
                         check whether they are one household, and join the cases if so",
                        self.reference(*index)
                    ),
                )
            })
            .chain(phoned)
            .collect()
    }

    /// The answer for each submission, in their order. References must have been drawn.
    pub fn answers(&self) -> Vec<RecordedInquiry> {
        self.answers
            .iter()
            .map(|a| match *a {
                Answer::Present(i) => self.present[i].clone(),
                Answer::New(i) | Answer::Repeat(i) => {
                    let q = &self.inquiries[i];
                    RecordedInquiry {
                        id: InquiryId(q.id),
                        reference: q
                            .reference
                            .clone()
                            .expect("references are drawn before answering"),
                        case_id: q.case_id.map(CaseId),
                        already_present: matches!(a, Answer::Repeat(_)),
                    }
                }
            })
            .collect()
    }
}

/// Evidence (the matcher's JSON) naming the stored record it was measured against, so the
/// review screen shows that record beside the new one; a person's other records may differ.
/// The matcher names records it found in the index; the plan names those stored earlier in
/// the same batch, whose ids the matcher could not know.
pub fn naming_record(evidence: &str, record: Option<i64>) -> String {
    let Some(record) = record else {
        return evidence.to_string();
    };
    match serde_json::from_str::<serde_json::Value>(evidence) {
        Ok(serde_json::Value::Object(mut fields)) => {
            fields.entry("record").or_insert(record.into());
            serde_json::Value::Object(fields).to_string()
        }
        _ => evidence.to_string(),
    }
}

/// Whether matching's evidence says the two records carry different passport or tazkira
/// numbers (its guard `DifferentDocument`): such a pair is for a person to decide, and no
/// family context makes it one person.
fn documents_differ(evidence: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(evidence)
        .ok()
        .and_then(|v| {
            v.get("guard")
                .and_then(|g| g.as_str().map(|g| g == "DifferentDocument"))
        })
        .unwrap_or(false)
}

/// The open case (and its household) that a group's possible matches all point at, if they
/// point at exactly one; only matches that show what a family shares (see [`family_agrees`])
/// or that are [`LIKELY`] count, and none whose documents differ. The last value says whether
/// any of them showed what a family shares.
fn family_phone_case<'a>(
    verdicts: impl Iterator<Item = &'a PersonMatch>,
    position: usize,
    known: &HashMap<PersonId, KnownPerson>,
    placed_known: &HashMap<i64, Placed>,
    placed_here: &HashMap<(usize, usize), Placed>,
) -> Option<(i64, Option<i64>, bool)> {
    let mut found: Option<(i64, Option<i64>, bool)> = None;
    for verdict in verdicts {
        for m in &verdict.possible {
            let family = family_agrees(&m.evidence);
            if !(family || m.probability >= LIKELY) || documents_differ(&m.evidence) {
                continue;
            }
            let Some(p) = resolve(m.person, position, known, placed_known, placed_here) else {
                continue;
            };
            let Some(case) = p.case else {
                continue;
            };
            match found {
                None => found = Some((case, p.household, family)),
                Some((c, h, f)) if c == case => found = Some((c, h.or(p.household), f || family)),
                Some(_) => return None,
            }
        }
    }
    found
}

/// The lookup key of a household key a requester wrote: the requester ([`requester_key`])
/// and the key without case, spacing or punctuation; None without a key.
pub fn family_key(requester: &str, household: Option<&str>) -> Option<String> {
    let key = households::fold(household?);
    (!key.is_empty()).then(|| format!("{requester}\u{1f}{key}"))
}

/// The open case everyone found under some lookup keys is on, with its household, when it is
/// exactly one.
fn one_case<'a>(holders: impl Iterator<Item = &'a Holder>) -> Option<(i64, Option<i64>)> {
    let mut found: Option<(i64, Option<i64>)> = None;
    for h in holders {
        match found {
            None => found = Some((h.case, h.household)),
            Some((c, household)) if c == h.case => found = Some((c, household.or(h.household))),
            Some(_) => return None,
        }
    }
    found
}

/// The open case of the family whose people carry these phones, when they are the people of
/// exactly one household (a person stored without one is a household of their own) on exactly
/// one open case: a phone that two families' people carry (a sponsor's, an office's) places
/// nobody.
fn phone_case(
    phones: impl Iterator<Item = String>,
    phoned: &HashMap<String, Vec<Holder>>,
) -> Option<i64> {
    /// A household, or a person stored without one.
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Family {
        Household(i64),
        Alone(i64),
    }
    let mut found: Option<(i64, Family)> = None;
    for phone in phones {
        for h in phoned.get(&phone).into_iter().flatten() {
            let family = match h.household {
                Some(household) => Family::Household(household),
                None => Family::Alone(h.person),
            };
            match found {
                None => found = Some((h.case, family)),
                Some((c, f)) if c == h.case && f == family => {}
                Some(_) => return None,
            }
        }
    }
    found.map(|(case, _)| case)
}

/// Adds someone placed by this batch under a lookup key, once.
fn remember(map: &mut HashMap<String, Vec<Holder>>, key: String, holder: Holder) {
    let list = map.entry(key).or_default();
    if !list.contains(&holder) {
        list.push(holder);
    }
}

/// Whether matching's evidence says the two records are of one family: the same phone
/// number, or the same father's name and family name (siblings', or one person's).
fn family_agrees(evidence: &str) -> bool {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(evidence) else {
        return false;
    };
    let level = |field: &str| {
        let fields = v.get("fields").and_then(|f| f.as_array());
        fields
            .into_iter()
            .flatten()
            .find(|f| f.get("field").and_then(|x| x.as_str()) == Some(field))
            .and_then(|f| f.get("level").and_then(|x| x.as_str()))
            .map(str::to_string)
    };
    let alike = |l: Option<String>| matches!(l.as_deref(), Some("Exact" | "Close"));
    level("Phone").as_deref() == Some("Exact")
        || (alike(level("FatherName")) && alike(level("FamilyName")))
}

/// Where a person matching pointed at is now, if they exist.
fn resolve(
    r: PersonRef,
    position: usize,
    known: &HashMap<PersonId, KnownPerson>,
    placed_known: &HashMap<i64, Placed>,
    placed_here: &HashMap<(usize, usize), Placed>,
) -> Option<Placed> {
    match r {
        PersonRef::Known(id) => {
            let k = known.get(&id)?;
            // Someone earlier in this batch may have put them on a new case or household.
            Some(placed_known.get(&k.live.0).copied().unwrap_or(Placed {
                person: k.live.0,
                household: k.household.map(|h| h.0),
                case: k.open_case.map(|c| c.0),
            }))
        }
        PersonRef::Earlier { submission, person } if submission < position => {
            let p = *placed_here.get(&(submission, person))?;
            // If that person was itself a known one, follow them where they are now.
            Some(placed_known.get(&p.person).copied().unwrap_or(p))
        }
        PersonRef::Earlier { .. } => None,
    }
}

/// The key under which requesters are kept once: kind, name and email, case-insensitive.
pub fn requester_key(r: &NewRequester) -> Result<String> {
    let name = r.name.trim();
    if name.is_empty() {
        return Err(Refusal::RequesterWithoutName.into());
    }
    Ok(format!(
        "{}|{}|{}",
        r.kind.as_str(),
        name.to_lowercase(),
        r.email.as_deref().unwrap_or("").trim().to_lowercase()
    ))
}

/// The requester's lookup key as stored: a keyed hash of [`requester_key`], so that the column
/// that finds a returning requester does not spell out their name and email.
pub fn stored_requester_key(cipher: &crate::crypto::Cipher, r: &NewRequester) -> Result<String> {
    Ok(cipher.blind("requester", &requester_key(r)?))
}

/// Sources are typed by staff (a list's name); keep the audit trail to one short line.
fn source_label(source: &str) -> String {
    let s: String = source
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    if s.is_empty() { "intake".into() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;
    use corridor_domain::{
        CaseCategory, Channel, NewInquiry, NewRequester, PossibleMatch, RequesterKind, Team,
        TeamId, UserId,
    };

    /// Evidence as matching writes it, with the levels of the fields named.
    fn evidence(levels: &[(&str, &str)]) -> String {
        let fields: Vec<serde_json::Value> = levels
            .iter()
            .map(|(f, l)| serde_json::json!({"field": f, "level": l, "weight": 1.0, "tf_adjustment": 0.0}))
            .collect();
        serde_json::json!({"fields": fields, "prior_weight": -10.0, "total_weight": 0.0, "guard": null})
            .to_string()
    }

    /// A later message about "Farid" that possibly matches the stored people in `possible`.
    fn farid(possible: &[(i64, &str)]) -> Submission {
        let mut s = Submission::new(NewInquiry {
            channel: Channel::Email,
            requester: NewRequester {
                kind: RequesterKind::Applicant,
                name: "Synthetic Relative".into(),
                organization: None,
                email: None,
                phone: None,
            },
            received_at: Utc::now(),
            subject: "Farid".into(),
            category: CaseCategory::Evacuation,
            raw_payload: "Farid".into(),
            content_type: "text/plain".into(),
            household_label: None,
            people: vec![PersonDetails {
                given_name: Some("Farid".into()),
                phone: Some("+93700000001".into()),
                ..Default::default()
            }],
            idempotency_key: None,
            matches: Vec::new(),
        });
        s.inquiry.matches = vec![PersonMatch {
            same_as: None,
            possible: possible
                .iter()
                .map(|&(p, ev)| PossibleMatch {
                    person: PersonRef::Known(PersonId(p)),
                    probability: 0.45,
                    evidence: ev.to_string(),
                })
                .collect(),
        }];
        s
    }

    /// People 1 and 2 on case 10 (household 100), person 3 on case 20 (household 200).
    fn context() -> IntakeContext {
        let known = |p: i64, h: i64, c: i64| {
            (
                PersonId(p),
                KnownPerson {
                    live: PersonId(p),
                    household: Some(HouseholdId(h)),
                    open_case: Some(CaseId(c)),
                    open_case_people: 4,
                    heads_open_case: p == 1,
                },
            )
        };
        IntakeContext {
            existing: HashMap::new(),
            teams: vec![Team {
                id: TeamId(1),
                name: "Everything".into(),
                lead_id: Some(UserId(1)),
                categories: vec![],
            }],
            known: [known(1, 100, 10), known(2, 100, 10), known(3, 200, 20)]
                .into_iter()
                .collect(),
            keyed: HashMap::new(),
            phoned: HashMap::new(),
            last: LastIds {
                inquiry: 50,
                person: 50,
                record: 50,
                household: 300,
                case: 30,
            },
            now: Utc::now(),
        }
    }

    #[test]
    fn a_sparse_mention_with_the_family_phone_joins_the_family_case() {
        let phone = evidence(&[("GivenName", "Close"), ("Phone", "Exact")]);
        let plan = IntakePlan::new(vec![farid(&[(1, &phone)])], context(), "test").unwrap();
        assert!(plan.cases.is_empty(), "no new case");
        assert_eq!(plan.inquiries[0].case_id, Some(10));
        // Taken for the member they possibly match, on that case: nobody new.
        assert!(plan.persons.is_empty());
        assert_eq!(plan.records[0].person_id, 1);

        // The father's and family name agreeing say the same.
        let names = evidence(&[("FatherName", "Exact"), ("FamilyName", "Close")]);
        let plan = IntakePlan::new(vec![farid(&[(2, &names)])], context(), "test").unwrap();
        assert_eq!(plan.inquiries[0].case_id, Some(10));
    }

    #[test]
    fn a_mention_pointing_at_two_families_or_without_family_evidence_opens_its_own_case() {
        // A phone matching people of two cases (a sponsor's, an office's): joins neither.
        let phone = evidence(&[("GivenName", "Close"), ("Phone", "Exact")]);
        let plan =
            IntakePlan::new(vec![farid(&[(1, &phone), (3, &phone)])], context(), "test").unwrap();
        assert_eq!(plan.cases.len(), 1);
        assert_eq!(plan.inquiries[0].case_id, Some(31));
        assert_eq!(plan.reviews.len(), 2, "both possible matches go to review");

        // A name alone is not a family's.
        let name = evidence(&[("GivenName", "Exact"), ("Phone", "Different")]);
        let plan = IntakePlan::new(vec![farid(&[(1, &name)])], context(), "test").unwrap();
        assert_eq!(plan.inquiries[0].case_id, Some(31));
        assert_eq!(plan.reviews.len(), 1);
    }

    #[test]
    fn a_likely_match_joins_the_case_of_the_person_it_matches() {
        // A name and a birth year, no phone, no father's name: likely, not sure.
        let name = evidence(&[("GivenName", "Exact"), ("BirthDate", "Close")]);
        let mut sub = farid(&[(1, &name)]);
        sub.inquiry.matches[0].possible[0].probability = LIKELY + 0.1;
        let plan = IntakePlan::new(vec![sub], context(), "test").unwrap();
        assert!(plan.cases.is_empty(), "no new case");
        assert_eq!(plan.inquiries[0].case_id, Some(10));
        // Nothing a family shares says who they are: a person of their own on the case,
        // the match for review.
        assert_eq!(plan.persons.len(), 1);
        assert_eq!(plan.records[0].person_id, plan.persons[0].id);
        assert_eq!(plan.reviews.len(), 1);
        assert_eq!(plan.reviews[0].candidate_id, 1);

        // Likely, but pointing at people of two cases: neither.
        let mut sub = farid(&[(1, &name), (3, &name)]);
        for m in &mut sub.inquiry.matches[0].possible {
            m.probability = LIKELY + 0.1;
        }
        let plan = IntakePlan::new(vec![sub], context(), "test").unwrap();
        assert_eq!(plan.inquiries[0].case_id, Some(31));

        // Different passport numbers: never, however likely.
        let documents = serde_json::json!({"fields": [], "guard": "DifferentDocument"}).to_string();
        let mut sub = farid(&[(1, &documents)]);
        sub.inquiry.matches[0].possible[0].probability = 0.9;
        let plan = IntakePlan::new(vec![sub], context(), "test").unwrap();
        assert_eq!(plan.inquiries[0].case_id, Some(31));
    }

    /// A request naming, as its principal, the stored person `sure`, with three sons nobody
    /// knows yet.
    fn principal_and_three_sons(sure: i64) -> Submission {
        let mut s = farid(&[]);
        let person = |given: &str, relationship: &str| PersonDetails {
            given_name: Some(given.into()),
            relationship: Some(relationship.into()),
            ..Default::default()
        };
        s.inquiry.people = vec![
            person("Abdul Hamid", "principal"),
            person("Wali", "son"),
            person("Ibrahim", "son"),
            person("Omar", "son"),
        ];
        s.inquiry.matches = vec![
            PersonMatch {
                same_as: Some(PersonRef::Known(PersonId(sure))),
                possible: Vec::new(),
            },
            PersonMatch::default(),
            PersonMatch::default(),
            PersonMatch::default(),
        ];
        s
    }

    #[test]
    fn a_family_told_again_under_its_principal_joins_the_principals_case() {
        // Person 1 heads case 10 (four people, three of them not named here): the same
        // principal with three more children is the same family.
        let plan = IntakePlan::new(vec![principal_and_three_sons(1)], context(), "test").unwrap();
        assert!(plan.cases.is_empty(), "no new case");
        assert_eq!(plan.inquiries[0].case_id, Some(10));
        assert!(plan.household_checks().is_empty());

        // Person 2 is on case 10 but does not head it: someone of that family heading a
        // family of their own (a grown son with his children) is doubtful, a case of its own
        // and a task.
        let plan = IntakePlan::new(vec![principal_and_three_sons(2)], context(), "test").unwrap();
        assert_eq!(plan.inquiries[0].case_id, Some(31));
        assert_eq!(plan.household_checks().len(), 1);
        assert_eq!(plan.household_checks()[0].0, 31);
    }
}
