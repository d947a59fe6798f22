//! Page templates and the small view models they render. Values are formatted here, so the
//! templates stay plain markup.

use askama::Template;
use askama_web::WebTemplate;
use chrono::{DateTime, Utc};
use corridor_domain::{
    AuditEvent, CaseCategory, CaseStatus, CaseSummary, InquirySummary, Person, PersonDetails,
    Priority, Requester, User,
};

use crate::auth::Staff;

/// The bar at the top of every signed-in page.
pub struct Nav {
    pub user: String,
    pub role: String,
    pub csrf: String,
    pub cases: bool,
    pub intake: bool,
    /// A partner organization's user: the nav shows only the partner view.
    pub partner: bool,
    /// Leads and administrators see the dashboard and situation report.
    pub sitrep: bool,
    /// The audit trail (auditors and administrators).
    pub audit: bool,
    /// Exports (leads).
    pub export: bool,
    /// Users and tokens (administrators).
    pub admin: bool,
    pub active: &'static str,
    /// The search box in the top bar (staff who may search).
    pub search: bool,
    /// Unread notifications, shown beside the bell.
    pub unread: i64,
}

impl Nav {
    pub fn new(staff: &Staff, active: &'static str) -> Nav {
        Nav {
            user: staff.user.display_name.clone(),
            role: crate::terms::term(staff.user.role),
            csrf: staff.csrf_token.clone(),
            cases: staff.user.role.can_view_cases(),
            intake: staff.user.role.can_take_intake(),
            partner: staff.user.role == corridor_domain::Role::Partner,
            sitrep: matches!(
                staff.user.role,
                corridor_domain::Role::Lead | corridor_domain::Role::Admin
            ),
            audit: crate::access::can_read_audit(staff.user.role),
            export: crate::access::can_export(staff.user.role),
            admin: staff.user.role.can_administer(),
            active,
            search: crate::search::may_search(staff.user.role),
            unread: staff.unread,
        }
    }
}

/// In the reader's calendar: Dari and Pashto readers see the Solar Hijri date too.
pub fn when(t: DateTime<Utc>) -> String {
    crate::i18n::when(t)
}

/// "3 d", "5 h": how long something has waited, at a glance.
pub fn age(t: DateTime<Utc>) -> String {
    let d = Utc::now() - t;
    if d.num_days() > 0 {
        crate::tn("age-days", "n", d.num_days())
    } else if d.num_hours() > 0 {
        crate::tn("age-hours", "n", d.num_hours())
    } else {
        crate::tn("age-minutes", "n", d.num_minutes().max(0))
    }
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

impl Choice {
    pub fn list<T: Copy + PartialEq>(
        all: &[T],
        selected: Option<T>,
        value: impl Fn(T) -> String,
        label: impl Fn(T) -> String,
    ) -> Vec<Choice> {
        all.iter()
            .map(|&x| Choice {
                value: value(x),
                label: label(x),
                selected: selected == Some(x),
            })
            .collect()
    }
}

#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage<'a> {
    pub title: &'a str,
    pub message: &'a str,
    /// The request's id, for the person to quote to whoever reads the logs.
    pub request_id: Option<String>,
}

/// Search results as the page shows them.
pub struct SearchView {
    pub kind: &'static str,
    pub empty: bool,
    pub results: crate::search::SearchResults,
}

#[derive(Template, WebTemplate)]
#[template(path = "search.html")]
pub struct SearchPage {
    pub nav: Nav,
    pub q: String,
    pub error: Option<String>,
    pub results: Option<SearchView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub error: Option<String>,
    pub username: String,
}

pub struct CaseRow {
    pub id: i64,
    pub title: String,
    pub category: String,
    pub status: String,
    pub status_code: &'static str,
    pub priority: String,
    pub priority_code: &'static str,
    pub owner: String,
    /// The owner was deactivated: somebody must take the case over.
    pub owner_inactive: bool,
    pub team_id: i64,
    pub team: String,
    pub people: i64,
    pub inquiries: i64,
    pub age: String,
    pub updated: String,
    /// Past a deadline now.
    pub overdue: bool,
    /// The clock that runs out next, e.g. "first response 2026-11-23 10:00".
    pub due: String,
}

impl From<&CaseSummary> for CaseRow {
    fn from(c: &CaseSummary) -> Self {
        CaseRow {
            id: c.id.0,
            title: c.title.clone(),
            category: crate::t(&format!("category-{}", c.category.as_str())),
            status: crate::t(&format!("case-status-{}", c.status.as_str())),
            status_code: c.status.as_str(),
            priority: crate::t(&format!("priority-{}", c.priority.as_str())),
            priority_code: c.priority.as_str(),
            owner: c.owner_name.clone(),
            owner_inactive: !c.owner_active,
            team_id: c.team_id.0,
            team: c.team_name.clone(),
            people: c.people_count,
            inquiries: c.inquiry_count,
            age: age(c.created_at),
            updated: when(c.updated_at),
            overdue: c.deadlines.is_overdue(Utc::now()),
            due: due_text(&c.deadlines),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "cases.html")]
pub struct CasesPage {
    pub nav: Nav,
    /// "Cases", "My cases", "Needs an owner", or a team's board.
    pub heading: String,
    /// What the list is for, under the heading.
    pub intro: Option<String>,
    pub rows: Vec<CaseRow>,
    pub total: i64,
    pub statuses: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub priorities: Vec<Choice>,
    pub owners: Vec<Choice>,
    pub teams: Vec<Choice>,
    pub open_only: bool,
    pub needs_owner: bool,
    pub overdue: bool,
    pub pathways: Vec<Choice>,
    pub step: String,
    /// Shows the bulk actions under the list.
    pub can_manage: bool,
    pub outcomes: Vec<Choice>,
    pub all_statuses: Vec<Choice>,
    pub sort_priority: bool,
    /// The query string for the next page, when there is one.
    pub next: Option<String>,
    /// On "My cases": declined referrals the owner has not yet taken note of, shown first.
    pub declined: Vec<corridor_domain::DeclinedReferral>,
}

pub struct InquiryRow {
    pub id: i64,
    pub reference: String,
    pub received: String,
    pub channel: String,
    pub requester_kind: String,
    pub requester: String,
    pub category: String,
    pub subject: String,
    pub people: i64,
    pub case_id: Option<i64>,
}

impl From<&InquirySummary> for InquiryRow {
    fn from(i: &InquirySummary) -> Self {
        InquiryRow {
            id: i.id.0,
            reference: i.reference.to_string(),
            received: when(i.received_at),
            channel: crate::terms::term(i.channel),
            requester_kind: crate::terms::term(i.requester_kind),
            requester: i.requester_name.clone(),
            category: crate::terms::term(i.category),
            subject: i.subject.clone(),
            people: i.people_count,
            case_id: i.case_id.map(|c| c.0),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "inquiries.html")]
pub struct InquiriesPage {
    pub nav: Nav,
    pub rows: Vec<InquiryRow>,
    pub total: i64,
    pub channels: Vec<Choice>,
    pub untriaged: bool,
    /// Offer bulk triage: the queue is shown and the user may triage.
    pub can_triage: bool,
    pub teams: Vec<Choice>,
    pub owners: Vec<Choice>,
    pub next: Option<String>,
    /// Shown after a successful intake or triage.
    pub notice: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "inquiry.html")]
pub struct InquiryPage {
    pub nav: Nav,
    pub row: InquiryRow,
    pub requester: Requester,
    pub requester_kind: String,
    pub content_type: String,
    pub raw_payload: String,
    /// Offer triage: the inquiry waits for a case and the user may triage.
    pub can_triage: bool,
    /// Open cases of the same people or household.
    pub suggestions: Vec<CaseRow>,
    /// Known people the inquiry's people may be (the matcher's "same" or "possibly the
    /// same", or a shared phone or document), with their cases: empty unless triaging.
    pub known: Vec<crate::search::PersonResult>,
    pub teams: Vec<Choice>,
    pub owners: Vec<Choice>,
    /// The documents that came with the inquiry (an email's attachments), for the roles that
    /// see documents.
    pub documents: crate::documents::DocumentsPanel,
    /// Attachments that did not become documents, with the reason (`document.refused`).
    pub refused_attachments: Vec<String>,
}

impl InquiryPage {
    /// Whether the page already offers this case among the suggestions (then the known
    /// person's row does not offer it twice).
    pub fn suggested(&self, case: &corridor_domain::CaseId) -> bool {
        self.suggestions.iter().any(|c| c.id == case.0)
    }
}

pub struct PersonRow {
    pub id: i64,
    pub records: i64,
    pub name: String,
    pub father: String,
    pub dob: String,
    pub sex: String,
    pub documents: String,
    pub phone: String,
    pub location: String,
    pub relationship: String,
    pub needs: String,
    pub source: Option<i64>,
    /// Values kept as written that cannot be read, for staff to fix; empty when all read.
    pub flags: String,
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

impl From<&Person> for PersonRow {
    fn from(p: &Person) -> Self {
        PersonRow {
            id: p.id.0,
            records: p.record_count,
            source: p.source_inquiry_id.map(|i| i.0),
            ..PersonRow::from_details(&p.details)
        }
    }
}

impl PersonRow {
    pub fn from_details(d: &PersonDetails) -> Self {
        let documents = [
            d.national_id.as_ref().map(|t| format!("Tazkira {t}")),
            d.passport.as_ref().map(|t| format!("Passport {t}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
        PersonRow {
            id: 0,
            records: 1,
            name: d.display_name(),
            father: opt(&d.father_name),
            dob: opt(&d.date_of_birth),
            sex: d.sex.map(crate::terms::term).unwrap_or_default(),
            documents,
            phone: opt(&d.phone),
            location: [d.location.clone(), d.province.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", "),
            relationship: opt(&d.relationship),
            needs: opt(&d.needs),
            source: None,
            flags: corridor_intake::validate::person(d, "")
                .iter()
                .map(|f| format!("{}: {}", f.field.replace('_', " "), f.reason))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

pub struct HistoryRow {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub detail: String,
}

impl From<&AuditEvent> for HistoryRow {
    fn from(e: &AuditEvent) -> Self {
        let action = match e.action.as_str() {
            "case.created" => "Case opened",
            "case.assigned" => "Assigned",
            "case.status_changed" => "Status changed",
            other => other,
        };
        HistoryRow {
            at: when(e.at),
            actor: e.actor_name.clone(),
            action: action.to_string(),
            detail: e.detail.clone(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "case.html")]
pub struct CasePage {
    pub nav: Nav,
    pub case: CaseRow,
    pub household: Option<String>,
    pub people: Vec<PersonRow>,
    pub inquiries: Vec<InquiryRow>,
    pub requesters: Vec<(String, String)>,
    pub history: Vec<HistoryRow>,
    pub can_manage: bool,
    pub owners: Vec<Choice>,
    pub teams: Vec<Choice>,
    pub next_statuses: Vec<Choice>,
    pub outcomes: Vec<Choice>,
    pub priorities: Vec<Choice>,
    /// How the case ended: outcome label and reason.
    pub closure: Option<(String, String)>,
    /// A priority set by hand.
    pub priority_override: Option<OverrideView>,
    pub notice: Option<String>,
    pub first_response: String,
    pub next_action: String,
    pub notes: Vec<NoteView>,
    pub tasks: Vec<TaskView>,
    pub pathways: Vec<PathwayView>,
    /// Every pathway, for putting a person on a new one.
    pub all_pathways: Vec<Choice>,
    pub evidence_kinds: Vec<Choice>,
    /// The case's people as (id, name), for the pathway forms.
    pub person_choices: Vec<Choice>,
    /// Referrals, replies and their forms (see `pages::referrals`).
    pub partner_work: crate::pages::referrals::CaseReferrals,
    /// Text messages of the case's requests (see `pages::conversation`).
    pub conversation: crate::pages::conversation::Conversation,
    /// An action on this page that was refused: why, and what was typed into its form.
    pub refused: Option<Refused>,
    pub documents: crate::documents::DocumentsPanel,
}

/// A refused action shown on the page it came from.
pub struct Refused {
    pub message: String,
    /// The form it came from (`status`, `pathway`, `refer`), for the link to it.
    pub section: &'static str,
    pub values: std::collections::BTreeMap<String, String>,
}

impl CasePage {
    /// What was typed into `field` of the refused `section`'s form, to show it again.
    pub fn typed(&self, section: &str, field: &str) -> &str {
        self.refused
            .as_ref()
            .filter(|r| r.section == section)
            .and_then(|r| r.values.get(field))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Whether document `id` was ticked on the refused referral form.
    pub fn ticked_document(&self, id: &i64) -> bool {
        let id = id.to_string();
        self.typed("refer", "document")
            .split(',')
            .any(|d| d.trim() == id)
    }
}

pub struct OverrideView {
    pub assessed: String,
    pub by: String,
    pub at: String,
    pub reason: String,
}

pub fn team_choices(teams: &[corridor_domain::Team], selected: Option<i64>) -> Vec<Choice> {
    teams
        .iter()
        .map(|t| Choice {
            value: t.id.0.to_string(),
            label: match t.lead_id {
                Some(_) => t.name.clone(),
                None => format!("{} (no lead)", t.name),
            },
            selected: Some(t.id.0) == selected,
        })
        .collect()
}

pub struct PersonSlot {
    pub index: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "intake.html")]
pub struct IntakePage {
    pub nav: Nav,
    pub channels: Vec<Choice>,
    pub kinds: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub slots: Vec<PersonSlot>,
    pub error: Option<String>,
    /// What was typed, kept when the form comes back after a check.
    pub values: std::collections::BTreeMap<String, String>,
    /// After "check": the known people the form's people may be (None: not checked).
    pub known: Option<Vec<crate::search::PersonResult>>,
    /// What needs another look, beside its field.
    pub problems: Vec<crate::forms::FieldProblem>,
}

impl IntakePage {
    /// The form's state, for the shared error summary and field messages.
    pub fn form(&self) -> crate::forms::FormState {
        crate::forms::FormState::new(self.values.clone(), self.problems.clone())
    }

    pub fn error(&self, field: &str) -> Option<String> {
        self.problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| crate::t(p.problem.message_id()))
    }

    pub fn slot_error(&self, index: impl std::fmt::Display, field: &str) -> Option<String> {
        self.error(&format!("p{index}_{field}"))
    }

    pub fn value(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }

    pub fn slot_value(&self, index: impl std::fmt::Display, field: &str) -> &str {
        self.value(&format!("p{index}_{field}"))
    }
}

/// Owners a case may be given: active staff who can work cases.
pub fn owner_choices(users: &[User], selected: Option<i64>) -> Vec<Choice> {
    users
        .iter()
        .filter(|u| u.active && u.role.can_manage_cases())
        .map(|u| Choice {
            value: u.id.0.to_string(),
            label: format!("{} ({})", u.display_name, crate::terms::term(u.role)),
            selected: Some(u.id.0) == selected,
        })
        .collect()
}

pub fn status_choices(selected: Option<CaseStatus>) -> Vec<Choice> {
    Choice::list(
        CaseStatus::ALL,
        selected,
        |s| s.as_str().into(),
        crate::terms::term,
    )
}

pub fn category_choices(selected: Option<CaseCategory>) -> Vec<Choice> {
    Choice::list(
        CaseCategory::ALL,
        selected,
        |s| s.as_str().into(),
        crate::terms::term,
    )
}

pub fn priority_choices(selected: Option<Priority>) -> Vec<Choice> {
    Choice::list(
        Priority::ALL,
        selected,
        |s| s.as_str().into(),
        crate::terms::term,
    )
}

pub struct ReviewRow {
    pub id: i64,
    pub record_name: String,
    pub reference: String,
    pub requester: String,
    pub candidate: i64,
    pub probability: String,
    pub age: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reviews.html")]
pub struct ReviewsPage {
    pub nav: Nav,
    pub rows: Vec<ReviewRow>,
    pub total: i64,
    pub next: Option<String>,
    pub notice: Option<String>,
}

pub struct CompareRow {
    pub label: &'static str,
    pub left: String,
    pub right: String,
    pub level: &'static str,
    pub weight: String,
    /// "agree", "differ" or "": how the row is shaded.
    pub class: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "review.html")]
pub struct ReviewPage {
    pub nav: Nav,
    pub id: i64,
    pub status: &'static str,
    pub pending: bool,
    pub probability: String,
    pub record_inquiry: i64,
    pub record_reference: String,
    pub record_requester: String,
    pub candidate: i64,
    pub candidate_records: i64,
    pub rows: Vec<CompareRow>,
    pub total_weight: String,
    pub guard: Option<String>,
}

pub struct RecordRow {
    pub id: i64,
    pub inquiry: i64,
    pub reference: String,
    pub received: String,
    pub requester: String,
    pub person: PersonRow,
}

pub struct MergeRow {
    pub id: i64,
    pub at: String,
    pub kept: i64,
    pub merged: i64,
    pub records: i64,
    pub undone: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "person.html")]
pub struct PersonPage {
    pub nav: Nav,
    pub id: i64,
    pub name: String,
    pub merged_into: Option<i64>,
    /// Field label, value, inquiry id, reference.
    pub sources: Vec<(String, String, i64, String)>,
    pub cases: Vec<i64>,
    pub records: Vec<RecordRow>,
    pub merges: Vec<MergeRow>,
    pub can_manage: bool,
    pub notice: Option<String>,
    /// The new person a record of this one was just detached into.
    pub detached: Option<i64>,
    pub pathways: Vec<PathwayView>,
    pub all_pathways: Vec<Choice>,
    pub evidence_kinds: Vec<Choice>,
    /// The documents evidence may point to: the person's and those of the cases they are on.
    pub evidence_documents: Vec<Choice>,
    pub documents: crate::documents::DocumentsPanel,
}

/// The clock a case is on: the first response while it is not met, else the next action.
pub fn due_text(d: &corridor_domain::CaseDeadlines) -> String {
    match (
        d.first_responded_at,
        d.first_response_due_at,
        d.next_action_due_at,
    ) {
        (None, Some(fr), _) => crate::t1("due-first-response", "when", when(fr)),
        (_, _, Some(na)) => crate::t1("due-next-action", "when", when(na)),
        _ => String::new(),
    }
}

// --- workflow: notes, tasks, pathways, notifications ---------------------------------------

pub struct NoteView {
    pub author: String,
    pub at: String,
    pub body: String,
    pub contact: bool,
}

impl From<&corridor_domain::CaseNote> for NoteView {
    fn from(n: &corridor_domain::CaseNote) -> Self {
        NoteView {
            author: n.author_name.clone(),
            at: when(n.created_at),
            body: n.body.clone(),
            contact: n.contact,
        }
    }
}

pub struct TaskView {
    pub id: i64,
    pub case_id: i64,
    pub body: String,
    pub assignee: String,
    pub due: String,
    pub overdue: bool,
    pub done: bool,
    pub done_by: String,
}

impl From<&corridor_domain::CaseTask> for TaskView {
    fn from(t: &corridor_domain::CaseTask) -> Self {
        TaskView {
            id: t.id,
            case_id: t.case_id.0,
            body: t.body.clone(),
            assignee: t.assignee_name.clone().unwrap_or_default(),
            due: t.due_at.map(when).unwrap_or_default(),
            overdue: t.is_overdue(Utc::now()),
            done: t.done_at.is_some(),
            done_by: match (&t.done_by, t.done_at) {
                (Some(by), Some(at)) => format!("{by}, {}", when(at)),
                _ => String::new(),
            },
        }
    }
}

pub struct EvidenceLine {
    pub text: String,
    /// The document it points to (a link to its download, authorized like the document).
    pub document: Option<i64>,
}

pub struct PathwayView {
    pub person_id: i64,
    pub person: String,
    pub pathway: &'static str,
    pub label: String,
    pub step: String,
    pub steps: Vec<Choice>,
    /// "kind: reference — note (by, when)", and the document that backs it.
    pub evidence: Vec<EvidenceLine>,
    /// "from → to by who on when: note", newest first.
    pub history: Vec<String>,
}

impl PathwayView {
    pub fn new(p: &corridor_domain::PersonPathway, person: String) -> Self {
        // A step this version does not know (written by a newer one) is shown by its code.
        let label_of = |code: &str| match p.pathway.step(code) {
            Ok(s) => crate::terms::step(s.code),
            Err(_) => code.to_string(),
        };
        PathwayView {
            person_id: p.person_id.0,
            person,
            pathway: p.pathway.as_str(),
            label: crate::terms::term(p.pathway),
            step: label_of(&p.step),
            steps: p
                .pathway
                .steps()
                .iter()
                .map(|s| Choice {
                    value: s.code.into(),
                    label: crate::terms::step(s.code),
                    selected: s.code == p.step,
                })
                .collect(),
            evidence: p
                .evidence
                .iter()
                .map(|e| {
                    let mut line = crate::terms::term(e.kind);
                    if let Some(r) = &e.reference {
                        line.push_str(&format!(": {r}"));
                    }
                    if let Some(n) = &e.note {
                        line.push_str(&format!(" — {n}"));
                    }
                    line.push_str(&format!(" ({}, {})", e.added_by, when(e.added_at)));
                    EvidenceLine {
                        text: line,
                        document: e.document_id,
                    }
                })
                .collect(),
            history: p
                .history
                .iter()
                .map(|h| {
                    let from = h
                        .from_step
                        .as_deref()
                        .map_or_else(|| crate::t("pathway-start"), label_of);
                    let mut args = fluent_bundle::FluentArgs::new();
                    args.set("from", from);
                    args.set("to", label_of(&h.to_step));
                    args.set("by", h.by.clone());
                    args.set("when", when(h.at));
                    let mut line = crate::i18n::lang().message("pathway-history", Some(&args));
                    if let Some(n) = &h.note {
                        line.push_str(&format!(": {n}"));
                    }
                    line
                })
                .collect(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "tasks.html")]
pub struct TasksPage {
    pub nav: Nav,
    pub tasks: Vec<TaskView>,
    pub include_done: bool,
}

pub struct NotificationView {
    pub id: i64,
    pub text: String,
    pub at: String,
    pub unread: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "notifications.html")]
pub struct NotificationsPage {
    pub nav: Nav,
    pub groups: Vec<NotificationGroup>,
}

/// The notifications of one kind about one case, newest first: a dozen mentions on a case
/// are one line with a count, marked read with one tick.
pub struct NotificationGroup {
    /// What kind, in the reader's language.
    pub kind: String,
    pub case_id: Option<i64>,
    pub unread: i64,
    /// The unread ones' ids, comma-separated: the group's tick marks them all.
    pub unread_ids: String,
    pub items: Vec<NotificationView>,
}

impl NotificationGroup {
    /// Groups by case and kind, each group where its newest notification falls (the list
    /// comes newest first).
    pub fn group(all: &[corridor_domain::Notification]) -> Vec<NotificationGroup> {
        let mut groups: Vec<(Option<i64>, String, NotificationGroup)> = Vec::new();
        for n in all {
            let case = n.case_id.map(|c| c.0);
            let view = NotificationView {
                id: n.id,
                text: n.text.clone(),
                at: when(n.created_at),
                unread: n.read_at.is_none(),
            };
            let at = match groups
                .iter()
                .position(|(c, k, _)| *c == case && *k == n.kind)
            {
                Some(at) => at,
                None => {
                    groups.push((
                        case,
                        n.kind.clone(),
                        NotificationGroup {
                            kind: notification_kind(&n.kind),
                            case_id: case,
                            unread: 0,
                            unread_ids: String::new(),
                            items: Vec::new(),
                        },
                    ));
                    groups.len() - 1
                }
            };
            let g = &mut groups[at].2;
            if view.unread {
                g.unread += 1;
                if !g.unread_ids.is_empty() {
                    g.unread_ids.push(',');
                }
                g.unread_ids.push_str(&view.id.to_string());
            }
            g.items.push(view);
        }
        groups.into_iter().map(|(_, _, g)| g).collect()
    }
}

/// The notification kinds the store writes, each with a message `notif-kind-<kind>`; a kind
/// this version does not know is "other", never its code.
pub const NOTIFICATION_KINDS: [&str; 3] = ["escalation", "mention", "task_assigned"];

fn notification_kind(kind: &str) -> String {
    if NOTIFICATION_KINDS.contains(&kind) {
        crate::t(&format!("notif-kind-{kind}"))
    } else {
        crate::t("notif-kind-other")
    }
}
