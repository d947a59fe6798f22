//! Referrals to partner organizations and replies to requesters, from the pages: the staff
//! list of referrals (`/referrals`), one referral (record a partner's answer by hand, withdraw,
//! export a signed file), the case page's section (refer, reply to every requester, each
//! requester's language), bulk refer and bulk reply, and the partner view (`/partner`).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Duration, NaiveDate, Utc};
use corridor_domain::{
    Case, CaseId, CaseReply, DeclinedReferral, Language, OrgId, PersonId, Referral, ReferralAction,
    ReferralId, ReferralState, ReplyTemplate, RequesterId, ShareField,
};
use corridor_store::{
    AuditAction, NewAuditEvent, NewReferral, ReferralActor, ReferralFilter, ReplyRequest,
};
use serde::Deserialize;

use super::given;
use crate::auth::{PartnerUser, Staff};
use crate::views::{self, Choice, Nav};
use crate::{AppState, PageError};

/// Respond-by when the sender gives none.
pub(crate) const DEFAULT_RESPOND_DAYS: i64 = 5;

fn require_view(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_view_cases() {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-referrals")))
    }
}

fn require_manage(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_manage_cases() {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-refer")))
    }
}

/// A referral as a row of a list or a page: only what the referral itself holds.
pub struct ReferralRow {
    pub id: i64,
    pub case_id: i64,
    pub org: String,
    pub state: String,
    pub state_code: &'static str,
    pub sent_by: String,
    pub sent_at: String,
    pub respond_by: String,
    pub overdue: bool,
    pub reason: String,
    pub fields: String,
    pub decline_reason: Option<String>,
    pub result_note: Option<String>,
    pub recorded_by: Option<String>,
    pub people: Vec<SharedRow>,
    pub category: Option<String>,
    pub message: Option<String>,
    /// The documents shared, as the snapshot names them.
    pub documents: Vec<SharedDocumentRow>,
    /// The actions open to the viewer: (code, label).
    pub actions: Vec<(&'static str, &'static str)>,
    pub declined_unseen: bool,
}

/// A document a referral shares: the partner downloads it from `href`.
pub struct SharedDocumentRow {
    pub id: i64,
    pub kind: String,
    pub content_type: String,
    pub size: i64,
    pub sha256: String,
    pub href: String,
}

pub struct SharedRow {
    pub name: Option<String>,
    pub date_of_birth: Option<String>,
    pub phone: Option<String>,
    pub documents: Option<String>,
    pub location: Option<String>,
}

fn actions_for(state: ReferralState, staff_side: bool) -> Vec<(&'static str, &'static str)> {
    state
        .next()
        .iter()
        .filter(|s| staff_side || **s != ReferralState::Withdrawn)
        .map(|s| match s {
            ReferralState::Acknowledged => ("acknowledge", "Acknowledge"),
            ReferralState::Accepted => ("accept", "Accept"),
            ReferralState::Declined => ("decline", "Decline"),
            ReferralState::Completed => ("complete", "Complete"),
            _ => ("withdraw", "Withdraw"),
        })
        .collect()
}

impl ReferralRow {
    fn of(r: &Referral, staff_side: bool) -> ReferralRow {
        ReferralRow {
            id: r.id.0,
            case_id: r.case_id.0,
            org: r.org_name.clone(),
            state: crate::terms::term(r.state),
            state_code: r.state.as_str(),
            sent_by: r.sent_by_name.clone(),
            sent_at: views::when(r.sent_at),
            respond_by: views::when(r.respond_by),
            overdue: r.overdue,
            reason: r.reason.clone(),
            fields: r
                .fields
                .iter()
                .map(|f| crate::terms::term(*f))
                .collect::<Vec<_>>()
                .join(", "),
            decline_reason: r.decline_reason.clone(),
            result_note: r.result_note.clone(),
            recorded_by: r.recorded_by.clone(),
            people: r
                .snapshot
                .people
                .iter()
                .map(|p| SharedRow {
                    name: p.name.clone(),
                    date_of_birth: p.date_of_birth.clone(),
                    phone: p.phone.clone(),
                    documents: (!p.document_numbers.is_empty())
                        .then(|| p.document_numbers.join(", ")),
                    location: p.location.clone(),
                })
                .collect(),
            category: r.snapshot.category.map(crate::terms::term),
            message: r.snapshot.message.clone(),
            documents: r
                .snapshot
                .documents
                .iter()
                .map(|d| SharedDocumentRow {
                    id: d.id,
                    kind: corridor_store::documents::DocumentKind::parse(&d.kind)
                        .map(crate::documents::kind_label)
                        .unwrap_or_else(|| d.kind.clone()),
                    content_type: d.content_type.clone(),
                    size: d.size,
                    sha256: d.sha256.clone(),
                    // Staff download through the document's own route, authorized by its
                    // record; the partner through the referral, authorized by the snapshot.
                    href: if staff_side {
                        format!("/documents/{}/download", d.id)
                    } else {
                        format!("/partner/referrals/{}/documents/{}", r.id, d.id)
                    },
                })
                .collect(),
            actions: actions_for(r.state, staff_side),
            declined_unseen: r.state == ReferralState::Declined && !r.decline_seen,
        }
    }
}

pub struct ReplyRow {
    pub requester: String,
    pub template: String,
    pub language: String,
    pub channel: String,
    pub delivery: String,
    pub by: String,
    pub at: String,
}

impl From<&CaseReply> for ReplyRow {
    fn from(r: &CaseReply) -> Self {
        ReplyRow {
            requester: r.requester_name.clone(),
            template: crate::terms::term(r.template),
            language: crate::terms::term(r.language),
            channel: crate::terms::term(r.channel),
            delivery: crate::terms::term(r.delivery),
            by: r.by_name.clone(),
            at: views::when(r.at),
        }
    }
}

pub struct RequesterLanguage {
    pub id: i64,
    pub name: String,
    pub languages: Vec<Choice>,
}

/// The case page's section on partners and replies.
pub struct CaseReferrals {
    pub referrals: Vec<ReferralRow>,
    pub overdue: usize,
    pub replies: Vec<ReplyRow>,
    pub requesters: Vec<RequesterLanguage>,
    pub orgs: Vec<Choice>,
    pub fields: Vec<Choice>,
    pub templates: Vec<Choice>,
    pub people: Vec<(i64, String)>,
    pub respond_by: String,
    /// The documents of the case, its people and its inquiries that may be ticked to share.
    pub documents: Vec<ShareableDocument>,
}

/// A document offered on the referral form.
pub struct ShareableDocument {
    pub id: i64,
    pub label: String,
    /// Not found clean by the malware scanner yet: shown, but refused if ticked.
    pub held: bool,
}

/// Every document of the case, its people and its inquiries, for the referral form.
async fn shareable_documents(
    state: &AppState,
    case: &Case,
) -> Result<Vec<ShareableDocument>, PageError> {
    use corridor_store::documents::DocumentOwner;
    let mut owners = vec![(
        DocumentOwner::Case(case.summary.id),
        format!("C-{}", case.summary.id),
    )];
    for p in &case.people {
        owners.push((DocumentOwner::Person(p.id), p.details.display_name()));
    }
    for i in &case.inquiries {
        owners.push((DocumentOwner::Inquiry(i.id), i.reference.to_string()));
    }
    let mut out = Vec::new();
    for (owner, whose) in owners {
        for d in state.store.documents_of(owner).await? {
            let row = crate::documents::DocumentRow::new(state, &d);
            out.push(ShareableDocument {
                id: d.id.0,
                label: format!(
                    "{} · {} · {} · {}",
                    row.kind, row.media_type, row.size, whose
                ),
                held: row.held,
            });
        }
    }
    Ok(out)
}

fn language_choices(selected: Language) -> Vec<Choice> {
    Language::ALL
        .iter()
        .map(|l| Choice {
            value: l.as_str().into(),
            label: format!("{} ({})", crate::terms::term(l), l.endonym()),
            selected: *l == selected,
        })
        .collect()
}

fn template_choices() -> Vec<Choice> {
    Choice::list(
        ReplyTemplate::ALL,
        None,
        |t| t.as_str().into(),
        crate::terms::term,
    )
}

fn field_choices() -> Vec<Choice> {
    Choice::list(
        ShareField::ALL,
        None,
        |f| f.as_str().into(),
        crate::terms::term,
    )
}

async fn org_choices(state: &AppState, selected: Option<OrgId>) -> Result<Vec<Choice>, PageError> {
    Ok(state
        .store
        .list_orgs()
        .await?
        .iter()
        .map(|o| Choice {
            value: o.id.0.to_string(),
            label: format!("{} ({})", o.name, crate::terms::term(o.kind)),
            selected: Some(o.id) == selected,
        })
        .collect())
}

fn default_respond_by() -> String {
    (Utc::now() + Duration::days(DEFAULT_RESPOND_DAYS))
        .format("%Y-%m-%d")
        .to_string()
}

/// Builds the case page's section; the case was read (and the read audited) by the caller.
pub(crate) async fn case_section(
    state: &AppState,
    staff: &Staff,
    case: &Case,
) -> Result<CaseReferrals, PageError> {
    let id = case.summary.id;
    let referrals = state
        .store
        .list_referrals(
            &ReferralFilter {
                case: Some(id),
                ..Default::default()
            },
            &ReferralActor::Staff,
            Utc::now(),
            &staff.actor(),
        )
        .await?;
    let languages = state.store.requester_languages(id).await?;
    let replies = state.store.case_replies(id).await?;
    Ok(CaseReferrals {
        overdue: referrals.iter().filter(|r| r.overdue).count(),
        referrals: referrals.iter().map(|r| ReferralRow::of(r, true)).collect(),
        replies: replies.iter().map(ReplyRow::from).collect(),
        requesters: case
            .requesters
            .iter()
            .map(|r| RequesterLanguage {
                id: r.id.0,
                name: r.name.clone(),
                languages: language_choices(
                    languages
                        .iter()
                        .find(|(id, _)| *id == r.id)
                        .map(|(_, l)| *l)
                        .unwrap_or(Language::English),
                ),
            })
            .collect(),
        orgs: org_choices(state, None).await?,
        fields: field_choices(),
        templates: template_choices(),
        people: case
            .people
            .iter()
            .map(|p| (p.id.0, p.details.display_name()))
            .collect(),
        respond_by: default_respond_by(),
        documents: shareable_documents(state, case).await?,
    })
}

/// Reads the form's repeated fields.
struct Fields(Vec<(String, String)>);

impl Fields {
    fn one(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// Case numbers from ticked boxes (`case`) or typed in a box (`cases`: "C-12, 13 14").
    fn cases(&self) -> Result<Vec<CaseId>, PageError> {
        let typed = self
            .one("cases")
            .unwrap_or("")
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty());
        let mut out = Vec::new();
        for v in self.all("case").chain(typed) {
            let id = v
                .trim_start_matches(['C', 'c', '-'])
                .parse::<i64>()
                .map_err(|_| {
                    PageError::BadRequest(crate::t1("refuse-not-case-number", "value", v))
                })?;
            if !out.contains(&CaseId(id)) {
                out.push(CaseId(id));
            }
        }
        if out.is_empty() {
            return Err(PageError::BadRequest(crate::t("refuse-choose-case")));
        }
        Ok(out)
    }

    fn referral(&self) -> Result<NewReferral, PageError> {
        let org = self
            .one("org")
            .ok_or_else(|| PageError::BadRequest(crate::t("refuse-choose-org")))?
            .parse::<i64>()
            .map_err(|_| PageError::BadRequest(crate::t("refuse-org-invalid")))?;
        let fields = self
            .all("field")
            .map(|f| {
                f.parse::<ShareField>()
                    .map_err(|e| PageError::BadRequest(e.to_string()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let people = self
            .all("person")
            .map(|p| {
                p.parse::<i64>()
                    .map(PersonId)
                    .map_err(|_| PageError::BadRequest(crate::t("refuse-person-invalid")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let respond_by = match self.one("respond_by") {
            None => Utc::now() + Duration::days(DEFAULT_RESPOND_DAYS),
            Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| PageError::BadRequest(crate::t("refuse-respond-by")))?
                .and_hms_opt(23, 59, 0)
                .expect("a valid time")
                .and_utc(),
        };
        let documents = self
            .all("document")
            .map(|d| {
                d.parse::<i64>()
                    .map(corridor_store::documents::DocumentId)
                    .map_err(|_| PageError::BadRequest(crate::t("refuse-document-invalid")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(NewReferral {
            org: OrgId(org),
            people: (!people.is_empty()).then_some(people),
            fields,
            message: self.one("message").map(str::to_string),
            reason: self.one("reason").unwrap_or("").to_string(),
            respond_by,
            documents,
            // Set from the server's configuration by the caller.
            scan_required: false,
        })
    }

    fn template(&self) -> Result<ReplyTemplate, PageError> {
        self.one("template")
            .ok_or_else(|| PageError::BadRequest(crate::t("refuse-choose-reply")))?
            .parse()
            .map_err(|e: corridor_domain::ParseEnumError| PageError::BadRequest(e.to_string()))
    }

    fn action(&self) -> Result<ReferralAction, PageError> {
        let text = |name| self.one(name).unwrap_or("").to_string();
        Ok(match self.one("action").unwrap_or("") {
            "acknowledge" => ReferralAction::Acknowledge,
            "accept" => ReferralAction::Accept,
            "decline" => ReferralAction::Decline {
                reason: text("reason"),
            },
            "complete" => ReferralAction::Complete { note: text("note") },
            "withdraw" => ReferralAction::Withdraw {
                reason: self.one("reason").map(str::to_string),
            },
            other => {
                return Err(PageError::BadRequest(format!(
                    "{other:?} is not something to do with a referral."
                )));
            }
        })
    }
}

pub(crate) async fn refer(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<axum::response::Response, PageError> {
    let mut typed: std::collections::BTreeMap<String, String> = form.iter().cloned().collect();
    // The ticked documents, all of them, to tick again on a refused form.
    let ticked: Vec<&str> = form
        .iter()
        .filter(|(k, _)| k == "document")
        .map(|(_, v)| v.as_str())
        .collect();
    typed.insert("document".into(), ticked.join(","));
    match refer_case(&state, &staff, id, Fields(form)).await {
        Ok(r) => Ok(axum::response::IntoResponse::into_response(r)),
        Err(e) => super::cases::refused_on_case(&state, &staff, id, "refer", e, typed).await,
    }
}

async fn refer_case(
    state: &AppState,
    staff: &Staff,
    id: i64,
    form: Fields,
) -> Result<Redirect, PageError> {
    staff.check_csrf(form.one("csrf").unwrap_or(""))?;
    require_manage(staff)?;
    crate::access::page_object(
        state,
        staff.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    let mut referral = form.referral()?;
    referral.scan_required = state.config.clamd.is_some();
    let answer = Redirect::to(&format!("/cases/{id}?done=referred"));
    let once = form.one("once");
    if !state.once.claim(once) {
        return Ok(answer);
    }
    state
        .store
        .refer_cases(&[CaseId(id)], &referral, &staff.actor())
        .await
        .inspect_err(|_| state.once.release(once))?;
    Ok(answer)
}

pub(crate) async fn reply(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Redirect, PageError> {
    let form = Fields(form);
    staff.check_csrf(form.one("csrf").unwrap_or(""))?;
    require_manage(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Case(CaseId(id)),
    )
    .await?;
    let template = form.template()?;
    let answer = Redirect::to(&format!("/cases/{id}?done=replied"));
    // A second click on the same form: the first one answered them already.
    let once = form.one("once");
    if !state.once.claim(once) {
        return Ok(answer);
    }
    state
        .store
        .reply_to_requesters(&[CaseId(id)], ReplyRequest { template }, &staff.actor())
        .await
        .inspect_err(|_| state.once.release(once))?;
    Ok(answer)
}

#[derive(Deserialize)]
pub(crate) struct LanguageForm {
    csrf: String,
    language: String,
}

pub(crate) async fn set_language(
    State(state): State<AppState>,
    staff: Staff,
    Path((case, requester)): Path<(i64, i64)>,
    Form(form): Form<LanguageForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_manage(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Case(CaseId(case)),
    )
    .await?;
    let language: Language = form
        .language
        .parse()
        .map_err(|e: corridor_domain::ParseEnumError| PageError::BadRequest(e.to_string()))?;
    let on_case = state
        .store
        .requester_languages(CaseId(case))
        .await?
        .iter()
        .any(|(r, _)| r.0 == requester);
    if !on_case {
        return Err(PageError::NotFound(format!(
            "No requester {requester} asked about case C-{case}."
        )));
    }
    state
        .store
        .set_requester_language(RequesterId(requester), language, &staff.actor())
        .await?;
    Ok(Redirect::to(&format!("/cases/{case}?done=language")))
}

// --- the staff list and one referral --------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "referrals.html")]
pub struct ReferralsPage {
    pub nav: Nav,
    pub rows: Vec<ReferralRow>,
    pub orgs: Vec<Choice>,
    pub states: Vec<Choice>,
    pub overdue_only: bool,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct ReferralQuery {
    org: Option<String>,
    state: Option<String>,
    overdue: Option<String>,
}

pub(crate) async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<ReferralQuery>,
) -> Result<ReferralsPage, PageError> {
    require_view(&staff)?;
    let org = given(&q.org)
        .map(|o| {
            o.parse::<i64>()
                .map(OrgId)
                .map_err(|_| PageError::BadRequest(crate::t("refuse-org-invalid")))
        })
        .transpose()?;
    let wanted_state = given(&q.state)
        .map(|s| {
            s.parse::<ReferralState>()
                .map_err(|e| PageError::BadRequest(e.to_string()))
        })
        .transpose()?;
    let filter = ReferralFilter {
        org,
        state: wanted_state,
        case: None,
        overdue_only: given(&q.overdue).is_some(),
    };
    let rows = state
        .store
        .list_referrals(&filter, &ReferralActor::Staff, Utc::now(), &staff.actor())
        .await?;
    let rows = crate::access::visible_referrals(&state, staff.scope(), rows).await?;
    Ok(ReferralsPage {
        nav: Nav::new(&staff, "referrals"),
        rows: rows.iter().map(|r| ReferralRow::of(r, true)).collect(),
        orgs: org_choices(&state, org).await?,
        states: Choice::list(
            ReferralState::ALL,
            wanted_state,
            |s| s.as_str().into(),
            crate::terms::term,
        ),
        overdue_only: filter.overdue_only,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "referral.html")]
pub struct ReferralPage {
    pub nav: Nav,
    pub r: ReferralRow,
    pub can_manage: bool,
    pub notice: Option<String>,
    /// The partner view (its own forms and links) rather than staff's.
    pub partner: bool,
    pub action_url: String,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct Done {
    done: Option<String>,
}

fn notice(done: &Done) -> Option<String> {
    match done.done.as_deref() {
        Some("updated") => Some(crate::t("done-referral")),
        Some("noted") => Some(crate::t("done-noted")),
        _ => None,
    }
}

pub(crate) async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(done): Query<Done>,
) -> Result<ReferralPage, PageError> {
    require_view(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Referral(ReferralId(id)),
    )
    .await?;
    let r = state
        .store
        .get_referral(ReferralId(id), &ReferralActor::Staff, &staff.actor())
        .await?
        .ok_or_else(|| PageError::NotFound(crate::t1("not-found-referral", "n", id)))?;
    Ok(ReferralPage {
        nav: Nav::new(&staff, "referrals"),
        r: ReferralRow::of(&r, true),
        can_manage: staff.user.role.can_manage_cases(),
        notice: notice(&done),
        partner: false,
        action_url: format!("/referrals/{id}/action"),
    })
}

/// Staff move a referral: withdraw it, or record a partner's answer by hand.
pub(crate) async fn act(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Redirect, PageError> {
    let form = Fields(form);
    staff.check_csrf(form.one("csrf").unwrap_or(""))?;
    require_manage(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Referral(ReferralId(id)),
    )
    .await?;
    let action = form.action()?;
    state
        .store
        .update_referral(
            ReferralId(id),
            &action,
            &ReferralActor::Staff,
            &staff.actor(),
        )
        .await?;
    Ok(Redirect::to(&format!("/referrals/{id}?done=updated")))
}

#[derive(Deserialize)]
pub(crate) struct CsrfForm {
    csrf: String,
}

/// The owner takes note of a declined referral: it leaves the top of "My cases".
pub(crate) async fn noted(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<CsrfForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_manage(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Referral(ReferralId(id)),
    )
    .await?;
    state
        .store
        .acknowledge_decline(ReferralId(id), &staff.actor())
        .await?;
    Ok(Redirect::to("/cases/mine"))
}

/// A signed file of the referral for a partner not on Corridor. Audited.
pub(crate) async fn export(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    require_manage(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Referral(ReferralId(id)),
    )
    .await?;
    let file = signed_export(&state, ReferralId(id), &staff.actor())
        .await
        .map_err(|e| match e {
            ExportError::Page(p) => p,
            ExportError::Api(a) => PageError::BadRequest(a.to_string()),
        })?;
    let body = serde_json::to_string_pretty(&file).map_err(|e| PageError::Internal(e.into()))?;
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("attachment; filename=\"referral-R-{id}.json\""))
            .map_err(|e| PageError::Internal(e.into()))?,
    );
    Ok(response)
}

pub(crate) enum ExportError {
    Page(PageError),
    Api(crate::ApiError),
}

/// Reads, signs and audits an export: shared by the page and the API.
pub(crate) async fn signed_export(
    state: &AppState,
    id: ReferralId,
    actor: &corridor_store::Actor,
) -> Result<crate::referral_file::SignedReferral, ExportError> {
    let Some(path) = state.config.referral_key.clone() else {
        return Err(ExportError::Api(crate::ApiError::Conflict(
            "this server has no referral signing key configured (--referral-key)".into(),
        )));
    };
    let r = state
        .store
        .get_referral(id, &ReferralActor::Staff, actor)
        .await
        .map_err(|e| ExportError::Page(e.into()))?
        .ok_or_else(|| {
            ExportError::Page(PageError::NotFound(crate::t1(
                "not-found-referral",
                "n",
                id,
            )))
        })?;
    let key = tokio::task::spawn_blocking(move || crate::referral_file::load_or_create_key(&path))
        .await
        .map_err(|e| ExportError::Page(PageError::Internal(e.into())))?
        .map_err(|e| ExportError::Page(PageError::Internal(e.into())))?;
    let file = crate::referral_file::sign(
        &key,
        &crate::referral_file::ReferralExport::of(&r, &actor.name),
    );
    state
        .store
        .audit(
            NewAuditEvent::new(
                AuditAction::ReferralExported,
                "referral",
                id.0,
                format!("signed file for {}", r.org_name),
            ),
            actor,
        )
        .await
        .map_err(|e| ExportError::Page(e.into()))?;
    Ok(file)
}

// --- bulk refer and bulk reply ----------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "bulk_actions.html")]
pub struct BulkPage {
    pub nav: Nav,
    pub orgs: Vec<Choice>,
    pub fields: Vec<Choice>,
    pub templates: Vec<Choice>,
    pub respond_by: String,
    pub notice: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct BulkDone {
    referred: Option<usize>,
    replied: Option<usize>,
    /// The same form came twice (a double click): the second did nothing.
    again: Option<String>,
}

pub(crate) async fn bulk_form(
    State(state): State<AppState>,
    staff: Staff,
    Query(done): Query<BulkDone>,
) -> Result<BulkPage, PageError> {
    require_manage(&staff)?;
    Ok(BulkPage {
        nav: Nav::new(&staff, "bulk"),
        orgs: org_choices(&state, None).await?,
        fields: field_choices(),
        templates: template_choices(),
        respond_by: default_respond_by(),
        notice: match (done.referred, done.replied, done.again) {
            (Some(n), _, _) => Some(crate::tn("done-bulk-referred", "count", n as i64)),
            (_, Some(n), _) => Some(crate::tn("done-bulk-replied", "count", n as i64)),
            (_, _, Some(_)) => Some(crate::t("sent-once")),
            _ => None,
        },
    })
}

pub(crate) async fn bulk_refer(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Redirect, PageError> {
    let form = Fields(form);
    staff.check_csrf(form.one("csrf").unwrap_or(""))?;
    require_manage(&staff)?;
    let cases = form.cases()?;
    crate::access::page_cases(&state, staff.scope(), &cases).await?;
    let mut referral = form.referral()?;
    // People and documents are chosen per case on the case page; a bulk referral shares
    // everyone on each case and no document.
    referral.people = None;
    referral.documents = Vec::new();
    let once = form.one("once");
    if !state.once.claim(once) {
        return Ok(Redirect::to("/cases/bulk?again=1"));
    }
    let ids = state
        .store
        .refer_cases(&cases, &referral, &staff.actor())
        .await
        .inspect_err(|_| state.once.release(once))?;
    Ok(Redirect::to(&format!("/cases/bulk?referred={}", ids.len())))
}

pub(crate) async fn bulk_reply(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Redirect, PageError> {
    let form = Fields(form);
    staff.check_csrf(form.one("csrf").unwrap_or(""))?;
    require_manage(&staff)?;
    let cases = form.cases()?;
    crate::access::page_cases(&state, staff.scope(), &cases).await?;
    let template = form.template()?;
    let once = form.one("once");
    if !state.once.claim(once) {
        return Ok(Redirect::to("/cases/bulk?again=1"));
    }
    let replies = state
        .store
        .reply_to_requesters(&cases, ReplyRequest { template }, &staff.actor())
        .await
        .inspect_err(|_| state.once.release(once))?;
    Ok(Redirect::to(&format!(
        "/cases/bulk?replied={}",
        replies.len()
    )))
}

// --- the partner view -----------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "partner.html")]
pub struct PartnerPage {
    pub nav: Nav,
    pub org: String,
    pub rows: Vec<ReferralRow>,
}

pub(crate) async fn partner_list(
    State(state): State<AppState>,
    partner: PartnerUser,
) -> Result<PartnerPage, PageError> {
    let rows = state
        .store
        .list_referrals(
            &ReferralFilter::default(),
            &ReferralActor::Partner(partner.org.id),
            Utc::now(),
            &partner.actor(),
        )
        .await?;
    Ok(PartnerPage {
        nav: Nav::new(&partner.staff, "partner"),
        org: partner.org.name.clone(),
        rows: rows.iter().map(|r| ReferralRow::of(r, false)).collect(),
    })
}

/// Referral `id` if it is the partner's own (read audited); another organization's is 404.
async fn own_referral(
    state: &AppState,
    partner: &PartnerUser,
    id: i64,
) -> Result<Referral, PageError> {
    state
        .store
        .get_referral(
            ReferralId(id),
            &ReferralActor::Partner(partner.org.id),
            &partner.actor(),
        )
        .await?
        .ok_or_else(|| PageError::NotFound(crate::t1("not-found-referral", "n", id)))
}

pub(crate) async fn partner_show(
    State(state): State<AppState>,
    partner: PartnerUser,
    Path(id): Path<i64>,
    Query(done): Query<Done>,
) -> Result<ReferralPage, PageError> {
    let r = own_referral(&state, &partner, id).await?;
    Ok(ReferralPage {
        nav: Nav::new(&partner.staff, "partner"),
        r: ReferralRow::of(&r, false),
        can_manage: true,
        notice: notice(&done),
        partner: true,
        action_url: format!("/partner/referrals/{id}/action"),
    })
}

/// A document the referral shares, downloaded by its partner: authorized by the referral's
/// snapshot (any other document, even of the same case, is not found) and audited like every
/// other download.
pub(crate) async fn partner_document(
    State(state): State<AppState>,
    partner: PartnerUser,
    Path((id, doc)): Path<(i64, i64)>,
) -> Result<Response, PageError> {
    let missing = || PageError::NotFound(format!("There is no document {doc} in referral R-{id}."));
    let r = own_referral(&state, &partner, id).await?;
    if !r.snapshot.documents.iter().any(|d| d.id == doc) {
        return Err(missing());
    }
    let found = crate::documents::find(&state, corridor_store::documents::DocumentId(doc))
        .await?
        .ok_or_else(missing)?;
    let how = corridor_store::documents::DocumentRead::Download;
    match crate::documents::open(&state, &found, how, &partner.actor()).await {
        Ok(Some(bytes)) => Ok(crate::documents::serve(&found, bytes, how)),
        Ok(None) => Err(missing()),
        Err(crate::documents::DocumentError::Store(e)) => Err(e.into()),
        Err(e) => Err(PageError::Conflict(e.to_string())),
    }
}

pub(crate) async fn partner_act(
    State(state): State<AppState>,
    partner: PartnerUser,
    Path(id): Path<i64>,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Redirect, PageError> {
    let form = Fields(form);
    partner.staff.check_csrf(form.one("csrf").unwrap_or(""))?;
    let action = form.action()?;
    state
        .store
        .update_referral(
            ReferralId(id),
            &action,
            &ReferralActor::Partner(partner.org.id),
            &partner.actor(),
        )
        .await?;
    Ok(Redirect::to(&format!(
        "/partner/referrals/{id}?done=updated"
    )))
}

// --- partner organizations -------------------------------------------------------------------

#[derive(Template, WebTemplate)]
#[template(path = "orgs.html")]
pub struct OrgsPage {
    pub nav: Nav,
    pub orgs: Vec<corridor_domain::PartnerOrg>,
    pub kinds: Vec<Choice>,
    pub can_add: bool,
}

fn can_add_orgs(staff: &Staff) -> bool {
    matches!(
        staff.user.role,
        corridor_domain::Role::Admin | corridor_domain::Role::Lead
    )
}

pub(crate) async fn orgs(
    State(state): State<AppState>,
    staff: Staff,
) -> Result<OrgsPage, PageError> {
    require_view(&staff)?;
    Ok(OrgsPage {
        nav: Nav::new(&staff, "referrals"),
        orgs: state.store.list_orgs().await?,
        kinds: Choice::list(
            corridor_domain::OrgKind::ALL,
            None,
            |k| k.as_str().into(),
            crate::terms::term,
        ),
        can_add: can_add_orgs(&staff),
    })
}

#[derive(Deserialize)]
pub(crate) struct OrgForm {
    csrf: String,
    name: String,
    kind: String,
    contact_email: Option<String>,
}

pub(crate) async fn add_org(
    State(state): State<AppState>,
    staff: Staff,
    Form(form): Form<OrgForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    if !can_add_orgs(&staff) {
        return Err(PageError::Forbidden(crate::t("refuse-role-orgs")));
    }
    let kind = form
        .kind
        .parse::<corridor_domain::OrgKind>()
        .map_err(|e| PageError::BadRequest(e.to_string()))?;
    state
        .store
        .create_org(
            corridor_store::NewOrg {
                name: form.name,
                kind,
                contact_email: given(&form.contact_email).map(str::to_string),
            },
            &staff.actor(),
        )
        .await?;
    Ok(Redirect::to("/orgs"))
}

// --- the reply templates -------------------------------------------------------------------

pub struct TemplateText {
    pub template: String,
    pub language: String,
    /// BCP 47 code for the `lang` attribute.
    pub lang: &'static str,
    pub dir: &'static str,
    pub subject: String,
    pub body: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "reply_templates.html")]
pub struct TemplatesPage {
    pub nav: Nav,
    pub texts: Vec<TemplateText>,
}

/// Every reply in every language, as requesters will read it; right-to-left texts are marked
/// so, with the reference number isolated inside them.
pub(crate) async fn templates(staff: Staff) -> Result<TemplatesPage, PageError> {
    require_view(&staff)?;
    let mut texts = Vec::new();
    for t in ReplyTemplate::ALL {
        for l in Language::ALL {
            let r = t.render(*l, "CR-EXAMPLE-0001");
            texts.push(TemplateText {
                template: crate::terms::term(t),
                language: crate::terms::term(l),
                lang: l.as_str(),
                dir: l.dir(),
                subject: r.subject,
                body: r.body.split("\n\n").map(str::to_string).collect(),
            });
        }
    }
    Ok(TemplatesPage {
        nav: Nav::new(&staff, "cases"),
        texts,
    })
}

/// For "My cases": declined referrals the owner has not taken note of.
pub(crate) async fn declined_for(
    state: &AppState,
    staff: &Staff,
) -> Result<Vec<DeclinedReferral>, PageError> {
    Ok(state.store.declined_for_owner(staff.user.id).await?)
}
