//! Find anyone: one search line, read as a request reference, a case or person number, a
//! phone, a document, an email or a name (see `corridor_matching::read_query`), answered with
//! the people, cases and requests it names, each showing what the searcher's scope opens.
//!
//! Names are sealed at rest, so SQL cannot search them: people are found in the matching
//! index in memory, which knows every spelling, and only the few found are read from the
//! store. Used by the search page, the API, the "already known" check of the intake forms and
//! `corridor search`. Every search is audited with its kind and result count, never its text.

use corridor_domain::{CaseId, CaseSummary, InquiryId, PersonId, ReferenceNumber, Role};
use corridor_matching::{Field, Hit, Level, Outcome, PersonQuery, QueryKind, read_query};
use corridor_store::contact::Contact;
use corridor_store::prelude::*;
use corridor_store::{Actor, AuditAction, DataScope, NewAuditEvent, ScopedObject, StoreError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::matcher::Matcher;

/// Results per group unless asked otherwise, and at most.
pub const DEFAULT_LIMIT: usize = 10;
pub const MAX_LIMIT: usize = 50;
/// Longer lines are no one's name or number.
pub const MAX_QUERY_CHARS: usize = 200;

/// Who may search: staff who handle people's data. Partners see only their referrals and
/// auditors only the trail.
pub fn may_search(role: Role) -> bool {
    matches!(
        role,
        Role::Admin | Role::Lead | Role::CaseOfficer | Role::IntakeClerk
    )
}

/// What the line was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Reference,
    Case,
    Person,
    Phone,
    Document,
    Email,
    Name,
}

impl SearchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SearchKind::Reference => "reference",
            SearchKind::Case => "case",
            SearchKind::Person => "person",
            SearchKind::Phone => "phone",
            SearchKind::Document => "document",
            SearchKind::Email => "email",
            SearchKind::Name => "name",
        }
    }
}

/// One field that agreed between the query and the person's best record.
#[derive(Debug, Clone, Serialize, ToSchema)]
// Named apart from the API's own result types in the OpenAPI document's components.
#[schema(as = SearchAgreement)]
pub struct Agreement {
    /// given_name, family_name, father_name, date_of_birth, sex, tazkira, passport, phone,
    /// email, address or province.
    pub field: &'static str,
    /// exact, close or partial.
    pub level: &'static str,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
// Named apart from the API's own result types in the OpenAPI document's components.
#[schema(as = SearchCase)]
pub struct CaseResult {
    pub id: CaseId,
    pub status: corridor_domain::CaseStatus,
    pub open: bool,
    pub owner_name: String,
    pub team_name: String,
    /// Who the case is about; only when the searcher may open the case.
    pub title: Option<String>,
    /// Whether the searcher may open the case (otherwise they see that it exists and who
    /// holds it, to ask them).
    pub openable: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
// Named apart from the API's own result types in the OpenAPI document's components.
#[schema(as = SearchPerson)]
pub struct PersonResult {
    pub id: PersonId,
    /// The matching probability of the person's best record against the query, 0 to 1.
    pub score: f64,
    /// Which fields agreed, strongest first.
    pub why: Vec<Agreement>,
    pub name: String,
    /// Father's name, birth date and province: only when the searcher may open the person.
    pub father_name: Option<String>,
    pub date_of_birth: Option<String>,
    pub province: Option<String>,
    pub case_ids: Vec<CaseId>,
    pub cases: Vec<CaseResult>,
    /// Their latest request; only when the searcher may open the person.
    pub latest_reference: Option<ReferenceNumber>,
    pub latest_inquiry_id: Option<InquiryId>,
    pub openable: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
// Named apart from the API's own result types in the OpenAPI document's components.
#[schema(as = SearchInquiry)]
pub struct InquiryResult {
    pub id: InquiryId,
    pub reference: ReferenceNumber,
    pub received_at: chrono::DateTime<chrono::Utc>,
    /// The case it is on; none while it waits in triage.
    pub case_id: Option<CaseId>,
    pub case: Option<CaseResult>,
    /// Subject line; only when the searcher may open the request.
    pub subject: Option<String>,
    pub openable: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
// Named apart from the API's own result types in the OpenAPI document's components.
#[schema(as = SearchRequester)]
pub struct RequesterResult {
    pub kind: corridor_domain::RequesterKind,
    /// Only when the searcher may open a request they made.
    pub name: Option<String>,
    /// The request they are found through: the one typed, or (found by phone or email) their
    /// latest the searcher may open, else their latest.
    pub reference: ReferenceNumber,
    pub inquiry_id: InquiryId,
    /// The case that request is on (team and owner, to ask them); none while it waits in
    /// triage.
    pub case: Option<CaseResult>,
    /// Whether the searcher may open that request.
    pub openable: bool,
}

/// The answer to one search, each group best first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchResults {
    pub kind: SearchKind,
    pub people: Vec<PersonResult>,
    pub cases: Vec<CaseResult>,
    pub inquiries: Vec<InquiryResult>,
    /// Requesters (sponsors, organizations, people asking for themselves): found through a
    /// request's reference, or by the phone or email they gave (keyed hashes in the store;
    /// the matching index holds only the people requests are about).
    pub requesters: Vec<RequesterResult>,
}

impl PersonResult {
    /// The person's open case when they have exactly one: the case a request about them
    /// joins when the clerk says it is them (see [`chosen_case`]).
    pub fn single_open_case(&self) -> Option<&CaseResult> {
        let mut open = self.cases.iter().filter(|c| c.open);
        match (open.next(), open.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    }
}

impl SearchResults {
    fn empty(kind: SearchKind) -> Self {
        SearchResults {
            kind,
            people: Vec::new(),
            cases: Vec::new(),
            inquiries: Vec::new(),
            requesters: Vec::new(),
        }
    }

    pub fn count(&self) -> usize {
        self.people.len() + self.cases.len() + self.inquiries.len() + self.requesters.len()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("type a name, a phone, a document, an email, a reference or a case number")]
    Empty,
    #[error("a search is at most {MAX_QUERY_CHARS} characters")]
    TooLong,
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The matching task panicked or was cancelled.
    #[error("the search did not finish: {0}")]
    Task(String),
}

/// What a line is, before anything is looked up.
enum Reading {
    Reference(ReferenceNumber),
    Case(CaseId),
    Person(PersonId),
    People(PersonQuery),
}

/// "C-123", "c123", "case 123", "#123" or a short bare number: a case; "P-45": a person.
fn numbered(text: &str) -> Option<Reading> {
    let t = text.trim().to_ascii_lowercase();
    let t = t.strip_prefix("case").unwrap_or(&t).trim_start();
    let (person, rest) = match t.strip_prefix('p') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('c').unwrap_or(t)),
    };
    let digits = rest.trim_start_matches(['-', '#', ' ']);
    let prefixed = digits.len() < t.len();
    let separated = digits.len() < rest.len();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 12 {
        return None;
    }
    // Six digits or fewer: no phone or document is that short. Longer only with a prefix
    // and a separator ("C-1234567"): "P01234567" is a passport.
    if digits.len() > 6 && !(prefixed && separated) {
        return None;
    }
    // "P 07863973": a passport (eight digits, or a leading zero), typed with a space; a
    // person's number has no leading zero.
    if person && digits.len() > 6 && (!separated || digits.len() >= 8 || digits.starts_with('0')) {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    if person {
        Some(Reading::Person(PersonId(n)))
    } else {
        Some(Reading::Case(CaseId(n)))
    }
}

fn read(text: &str) -> Option<Reading> {
    if let Ok(r) = text.parse::<ReferenceNumber>() {
        return Some(Reading::Reference(r));
    }
    numbered(text).or_else(|| read_query(text).map(Reading::People))
}

fn field_name(f: Field) -> &'static str {
    match f {
        Field::GivenName => "given_name",
        Field::FamilyName => "family_name",
        Field::FatherName => "father_name",
        Field::DateOfBirth => "date_of_birth",
        Field::Sex => "sex",
        Field::NationalId => "tazkira",
        Field::Passport => "passport",
        Field::Phone => "phone",
        Field::Email => "email",
        Field::Address => "address",
        Field::Province => "province",
    }
}

fn level_name(l: Level) -> &'static str {
    match l {
        Level::Exact => "exact",
        Level::Close => "close",
        Level::Partial => "partial",
        Level::Different => "different",
        Level::Missing => "missing",
    }
}

async fn allowed(
    store: &dyn Store,
    scope: DataScope,
    object: ScopedObject,
) -> Result<bool, StoreError> {
    if scope == DataScope::Organization {
        return Ok(true);
    }
    Ok(store
        .object_scope(object)
        .await?
        .is_some_and(|o| scope.allows(&o)))
}

fn case_result(c: &CaseSummary, scope: DataScope) -> CaseResult {
    let openable = scope.allows(&corridor_store::ObjectScope {
        cases: vec![corridor_store::CaseHolder {
            owner: c.owner_id,
            team: c.team_id,
        }],
        in_triage_queue: false,
    });
    CaseResult {
        id: c.id,
        status: c.status,
        open: c.status.is_open(),
        owner_name: c.owner_name.clone(),
        team_name: c.team_name.clone(),
        title: openable.then(|| c.title.clone()),
        openable,
    }
}

/// Runs one search for someone with `scope`, and audits it as `actor` (kind and count).
pub async fn search(
    store: &dyn Store,
    matcher: &std::sync::Arc<Matcher>,
    text: &str,
    limit: usize,
    scope: DataScope,
    actor: &Actor,
) -> Result<SearchResults, SearchError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(SearchError::Empty);
    }
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(SearchError::TooLong);
    }
    let limit = limit.clamp(1, MAX_LIMIT);
    let results = match read(text) {
        None => SearchResults::empty(SearchKind::Name),
        Some(Reading::Reference(r)) => by_reference(store, &r, scope).await?,
        Some(Reading::Case(id)) => {
            let mut out = SearchResults::empty(SearchKind::Case);
            out.cases = store
                .case_summaries(&[id])
                .await?
                .iter()
                .map(|c| case_result(c, scope))
                .collect();
            out
        }
        Some(Reading::Person(id)) => {
            let mut out = SearchResults::empty(SearchKind::Person);
            out.people = people(store, vec![(id, 1.0, Vec::new())], scope).await?;
            out
        }
        Some(Reading::People(q)) => {
            let kind = match q.kind {
                QueryKind::Phone => SearchKind::Phone,
                QueryKind::Document => SearchKind::Document,
                QueryKind::Email => SearchKind::Email,
                QueryKind::Name => SearchKind::Name,
            };
            let mut out = SearchResults::empty(kind);
            out.people = find_people(store, matcher, q, limit, scope, |_| true).await?;
            let contact = match kind {
                SearchKind::Phone => Some(Contact::Phone(text.to_string())),
                SearchKind::Email => Some(Contact::Email(text.to_string())),
                _ => None,
            };
            if let Some(contact) = contact {
                out.requesters = requesters(store, &contact, limit, scope).await?;
            }
            out
        }
    };
    store
        .audit(
            NewAuditEvent::new(
                AuditAction::SearchRun,
                "search",
                0,
                format!(
                    "{} query, results: {}",
                    results.kind.as_str(),
                    results.count()
                ),
            ),
            actor,
        )
        .await?;
    Ok(results)
}

/// Known people an intake form's person may be, before the request is saved (the desk's and
/// the intake form's "check"): those the matcher calls the same or possibly the same, and
/// anyone sharing a phone, document or email with them. Audited like a search.
pub async fn already_known(
    store: &dyn Store,
    matcher: &std::sync::Arc<Matcher>,
    details: &corridor_domain::PersonDetails,
    scope: DataScope,
    actor: &Actor,
) -> Result<Vec<PersonResult>, SearchError> {
    already_known_as(store, matcher, details, &[], scope, actor, "intake check").await
}

/// [`already_known`] for someone stored already (the triage page's people): `leave_out` are
/// the people themselves, not shown nor counted. Audited as `what` ("triage check").
pub async fn already_known_as(
    store: &dyn Store,
    matcher: &std::sync::Arc<Matcher>,
    details: &corridor_domain::PersonDetails,
    leave_out: &[PersonId],
    scope: DataScope,
    actor: &Actor,
    what: &str,
) -> Result<Vec<PersonResult>, SearchError> {
    const SHOWN: usize = 5;
    let query = PersonQuery {
        kind: QueryKind::Name,
        readings: vec![crate::matcher::as_record(0, details)],
    };
    // The people left out would take places among those shown.
    let found = find_people(store, matcher, query, SHOWN + leave_out.len(), scope, |h| {
        h.candidate.outcome != Outcome::NonMatch
            || h.why.iter().any(|(f, l)| {
                matches!(
                    f,
                    Field::Phone | Field::NationalId | Field::Passport | Field::Email
                ) && *l >= Level::Close
            })
    })
    .await?;
    let found: Vec<PersonResult> = found
        .into_iter()
        .filter(|p| !leave_out.contains(&p.id))
        .take(SHOWN)
        .collect();
    store
        .audit(
            NewAuditEvent::new(
                AuditAction::SearchRun,
                "search",
                0,
                format!("{what}, results: {}", found.len()),
            ),
            actor,
        )
        .await?;
    Ok(found)
}

/// The clerk's choice after a check, "add this request to case C": valid only when the check,
/// run again now (and audited), finds for one of the form's `people` a known person whose one
/// open case is `case`. Returns that person's position on the form and who they are; None
/// when the choice does not hold (the case closed meanwhile, or the form changed).
pub async fn chosen_case(
    store: &dyn Store,
    matcher: &std::sync::Arc<Matcher>,
    people: &[corridor_domain::PersonDetails],
    case: CaseId,
    scope: DataScope,
    actor: &Actor,
) -> Result<Option<(usize, PersonId)>, SearchError> {
    for (position, details) in people.iter().enumerate() {
        let known = already_known(store, matcher, details, scope, actor).await?;
        if let Some(p) = known
            .iter()
            .find(|p| p.single_open_case().is_some_and(|c| c.id == case))
        {
            return Ok(Some((position, p.id)));
        }
    }
    Ok(None)
}

/// What an intake form's `attach_case` asks, once checked (see [`case_choice`]).
pub enum CaseChoice {
    /// No case was chosen: the request goes where matching and routing send it.
    Nothing,
    /// The form's person at this position is this known person, whose one open case the
    /// request joins.
    Known(usize, PersonId),
    /// The case is not one the check offers (any more): save nothing.
    Refused,
}

/// Checks the case a clerk chose after a check (the form's `attach_case`, "C-123" or "123")
/// against the form's `people` (see [`chosen_case`]).
pub async fn case_choice(
    store: &dyn Store,
    matcher: &std::sync::Arc<Matcher>,
    people: &[corridor_domain::PersonDetails],
    attach: Option<&str>,
    scope: DataScope,
    actor: &Actor,
) -> Result<CaseChoice, SearchError> {
    let Some(attach) = attach else {
        return Ok(CaseChoice::Nothing);
    };
    let Ok(case) = attach.trim().trim_start_matches(['C', 'c', '-']).parse() else {
        return Ok(CaseChoice::Refused);
    };
    Ok(
        match chosen_case(store, matcher, people, CaseId(case), scope, actor).await? {
            Some((position, known)) => CaseChoice::Known(position, known),
            None => CaseChoice::Refused,
        },
    )
}

async fn by_reference(
    store: &dyn Store,
    reference: &ReferenceNumber,
    scope: DataScope,
) -> Result<SearchResults, StoreError> {
    let mut out = SearchResults::empty(SearchKind::Reference);
    let Some(i) = store.inquiry_by_reference(reference).await? else {
        return Ok(out);
    };
    let openable = allowed(store, scope, ScopedObject::Inquiry(i.id)).await?;
    let case = match i.case_id {
        Some(c) => store
            .case_summaries(&[c])
            .await?
            .first()
            .map(|c| case_result(c, scope)),
        None => None,
    };
    out.requesters.push(RequesterResult {
        kind: i.requester_kind,
        name: openable.then(|| i.requester_name.clone()),
        reference: i.reference.clone(),
        inquiry_id: i.id,
        case: case.clone(),
        openable,
    });
    out.inquiries.push(InquiryResult {
        id: i.id,
        reference: i.reference,
        received_at: i.received_at,
        case_id: i.case_id,
        case,
        subject: openable.then_some(i.subject),
        openable,
    });
    Ok(out)
}

/// The requesters who gave this phone or email, most recently heard from first, each through
/// the latest of their requests the searcher may open (else their latest, shown by reference
/// and case only).
async fn requesters(
    store: &dyn Store,
    contact: &Contact,
    limit: usize,
    scope: DataScope,
) -> Result<Vec<RequesterResult>, StoreError> {
    let hits = store.requesters_by_contact(contact, limit as u32).await?;
    let mut out = Vec::with_capacity(hits.len());
    for hit in hits {
        let Some(latest) = hit.inquiries.first() else {
            continue;
        };
        let mut shown = (latest, false);
        for i in &hit.inquiries {
            if allowed(store, scope, ScopedObject::Inquiry(i.id)).await? {
                shown = (i, true);
                break;
            }
        }
        let (i, openable) = shown;
        let case = match i.case_id {
            Some(c) => store
                .case_summaries(&[c])
                .await?
                .first()
                .map(|c| case_result(c, scope)),
            None => None,
        };
        out.push(RequesterResult {
            kind: hit.kind,
            name: openable.then_some(hit.name),
            reference: i.reference.clone(),
            inquiry_id: i.id,
            case,
            openable,
        });
    }
    Ok(out)
}

/// The people whose records the index finds, best record first, one entry per person.
async fn find_people(
    store: &dyn Store,
    matcher: &std::sync::Arc<Matcher>,
    query: PersonQuery,
    limit: usize,
    scope: DataScope,
    keep: fn(&Hit) -> bool,
) -> Result<Vec<PersonResult>, SearchError> {
    // Records written by another server (or a moment ago) are found too.
    matcher.catch_up(store).await?;
    let m = matcher.clone();
    // A person has several records, and some found are purged or merged away: ask for more.
    let hits: Vec<Hit> = tokio::task::spawn_blocking(move || m.search(&query, limit * 4))
        .await
        .map_err(|e| SearchError::Task(e.to_string()))?
        .into_iter()
        .filter(keep)
        .collect();
    let records: Vec<corridor_domain::RecordId> = hits
        .iter()
        .map(|h| corridor_domain::RecordId(h.candidate.id as i64))
        .collect();
    let owners: std::collections::HashMap<i64, PersonId> = store
        .record_owners(&records)
        .await?
        .into_iter()
        .map(|(r, p)| (r.0, p))
        .collect();
    let mut ranked: Vec<(PersonId, f64, Vec<Agreement>)> = Vec::new();
    for h in hits {
        let Some(&person) = owners.get(&(h.candidate.id as i64)) else {
            continue;
        };
        // Hits come best first, so a person's first hit is their best.
        if ranked.iter().any(|(p, _, _)| *p == person) {
            continue;
        }
        let why = h
            .why
            .iter()
            .map(|(f, l)| Agreement {
                field: field_name(*f),
                level: level_name(*l),
            })
            .collect();
        ranked.push((person, h.candidate.probability, why));
    }
    // Reading a person decrypts all their records: read only as many as are shown, and a
    // few more in case some were purged or merged away since the index saw them.
    ranked.truncate(limit + 5);
    let mut found = people(store, ranked, scope).await?;

    found.truncate(limit);
    Ok(found)
}

/// The people given (with their score and why), as the searcher may see them; people
/// purged or merged away are left out.
async fn people(
    store: &dyn Store,
    ranked: Vec<(PersonId, f64, Vec<Agreement>)>,
    scope: DataScope,
) -> Result<Vec<PersonResult>, StoreError> {
    let ids: Vec<PersonId> = ranked.iter().map(|(p, _, _)| *p).collect();
    let hits = store.people_for_search(&ids).await?;
    let mut case_ids: Vec<CaseId> = hits.iter().flat_map(|h| h.cases.clone()).collect();
    case_ids.sort_unstable_by_key(|c| std::cmp::Reverse(c.0));
    case_ids.dedup();
    let summaries = store.case_summaries(&case_ids).await?;
    let mut by_id: std::collections::HashMap<PersonId, corridor_store::PersonHit> =
        hits.into_iter().map(|h| (h.person, h)).collect();
    let mut out = Vec::with_capacity(by_id.len());
    for (id, score, why) in ranked {
        let Some(hit) = by_id.remove(&id) else {
            continue;
        };
        let openable = allowed(store, scope, ScopedObject::Person(id)).await?;
        let cases: Vec<CaseResult> = hit
            .cases
            .iter()
            .filter_map(|c| summaries.iter().find(|s| s.id == *c))
            .map(|c| case_result(c, scope))
            .collect();
        let d = &hit.details;
        let (latest_reference, latest_inquiry_id) = match (&hit.latest_inquiry, openable) {
            (Some((i, r, _)), true) => (Some(r.clone()), Some(*i)),
            _ => (None, None),
        };
        out.push(PersonResult {
            id,
            score,
            why,
            name: d.display_name(),
            father_name: d.father_name.clone().filter(|_| openable),
            date_of_birth: d.date_of_birth.clone().filter(|_| openable),
            province: d.province.clone().filter(|_| openable),
            case_ids: hit.cases,
            cases,
            latest_reference,
            latest_inquiry_id,
            openable,
        });
    }
    Ok(out)
}

impl From<SearchError> for crate::ApiError {
    fn from(e: SearchError) -> Self {
        match e {
            SearchError::Empty | SearchError::TooLong => crate::ApiError::Invalid(e.to_string()),
            SearchError::Store(s) => s.into(),
            SearchError::Task(t) => crate::ApiError::Internal(anyhow::anyhow!(t)),
        }
    }
}

impl From<SearchError> for crate::PageError {
    fn from(e: SearchError) -> Self {
        match e {
            SearchError::Empty | SearchError::TooLong => {
                crate::PageError::BadRequest(e.to_string())
            }
            SearchError::Store(s) => s.into(),
            SearchError::Task(t) => crate::PageError::Internal(anyhow::anyhow!(t)),
        }
    }
}
