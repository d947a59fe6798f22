//! The route × role × scope matrix: every page and API route, called by every role with an
//! object inside and one outside the caller's data scope, must answer as the table says.
//! Nobody outside the scope gets anything but "not allowed" (403) or "no such thing" (404):
//! no IDOR anywhere.
//!
//! To add a route: add a row to `PAGES` or `API` below. The test fails when the router (its
//! `PAGE_ROUTES` table) or the OpenAPI document has a route this file does not list, and when
//! this file lists one that does not exist.
//!
//! State-changing calls are sent with a body that passes the access checks but fails
//! validation afterwards (a bad code, an inactive owner), so the matrix changes nothing it
//! later checks; "allowed" means the answer was not 401, 403, 404 or a redirect to sign in.

use crate::common;
use std::collections::BTreeSet;

use crate::common::TestApp;
use corridor_domain::{
    CaseCategory, Channel, NewInquiry, NewRequester, PersonDetails, PersonMatch, PossibleMatch,
    RequesterKind, Role, User,
};
use corridor_store::prelude::*;
use corridor_store::{Actor, NewTeam};
use serde_json::{Value, json};

/// Who calls. `None` = nobody signed in / no token.
const ROLES: [Option<Role>; 7] = [
    Some(Role::Admin),
    Some(Role::Lead),
    Some(Role::CaseOfficer),
    Some(Role::IntakeClerk),
    Some(Role::Partner),
    Some(Role::Auditor),
    None,
];

use Role::{Admin as A, Auditor as U, CaseOfficer as O, IntakeClerk as C, Lead as L};

/// Which object a route's `{id}` is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Obj {
    /// The route has no id.
    NoId,
    Case,
    /// An inquiry: inside = waiting in triage, outside = on a case outside the officer's scope.
    Inquiry,
    Person,
    Review,
    Merge,
    Team,
    User,
    /// A referral: inside = to the partner caller's organization on the officer's case;
    /// outside = to another organization on a case outside the officer's scope.
    Referral,
    /// A task: on a case inside / outside the officer's scope.
    Task,
    /// A document: on a case inside / outside the officer's scope.
    Document,
}

/// What a route's body is; `Form` fields get the session's CSRF token added.
#[derive(Clone, Copy, Debug)]
enum Body {
    None,
    Form(&'static [(&'static str, &'static str)]),
    /// Placeholders: `$in` = the inquiry id, `$gone` = an inactive user's id, `$id` = the
    /// path's id, `$code` = a fresh second-factor code of the caller, `$record` = the only
    /// record of the path's person.
    Json(&'static str),
    Multipart,
}

/// Who may, for an object inside the case officer's scope and for one outside it.
#[derive(Clone, Copy, Debug)]
enum Rule {
    /// Signed-in roles listed may; for an object, `inside` and `outside` lists.
    Roles {
        inside: &'static [Role],
        outside: &'static [Role],
    },
    /// Anyone, signed in or not (sign-in pages, the public request form, health).
    Public,
    /// Listed for completeness but not called here: it would end the caller's session or is
    /// tested elsewhere (named).
    NotCalled(&'static str),
}

const fn same(roles: &'static [Role]) -> Rule {
    Rule::Roles {
        inside: roles,
        outside: roles,
    }
}

struct Row {
    method: &'static str,
    path: &'static str,
    obj: Obj,
    body: Body,
    rule: Rule,
}

const fn row(method: &'static str, path: &'static str, obj: Obj, body: Body, rule: Rule) -> Row {
    Row {
        method,
        path,
        obj,
        body,
        rule,
    }
}

const STAFF: &[Role] = &[A, L, O];
const INTAKE: &[Role] = &[A, L, O, C];
const LEADS: &[Role] = &[A, L];
/// Everyone signed in to the staff side (partner accounts have a view of their own).
const SIGNED_IN_STAFF: &[Role] = &[A, L, O, C, U];
const PARTNER: &[Role] = &[Role::Partner];
/// A partner sees its own organization's referrals and no other's.
const PARTNER_OWN: Rule = Rule::Roles {
    inside: PARTNER,
    outside: &[],
};
const SCOPED: Rule = Rule::Roles {
    inside: STAFF,
    outside: LEADS,
};
const CSRF_ONLY: Body = Body::Form(&[]);

static PAGES: &[Row] = &[
    row(
        "get",
        "/",
        Obj::NoId,
        Body::None,
        same(&[A, L, O, C, Role::Partner, U]),
    ),
    row("get", "/login", Obj::NoId, Body::None, Rule::Public),
    row(
        "post",
        "/login",
        Obj::NoId,
        Body::None,
        Rule::NotCalled("signs in; tests/security.rs"),
    ),
    row(
        "get",
        "/login/code",
        Obj::NoId,
        Body::None,
        Rule::NotCalled("tests/security.rs"),
    ),
    row(
        "post",
        "/login/code",
        Obj::NoId,
        Body::None,
        Rule::NotCalled("tests/security.rs"),
    ),
    row(
        "post",
        "/logout",
        Obj::NoId,
        Body::None,
        Rule::NotCalled("ends the session"),
    ),
    row(
        "get",
        "/static/app.css",
        Obj::NoId,
        Body::None,
        Rule::Public,
    ),
    row(
        "get",
        "/static/fonts/vazirmatn-nl-33.0.3.woff2",
        Obj::NoId,
        Body::None,
        Rule::Public,
    ),
    row("get", "/cases", Obj::NoId, Body::None, same(STAFF)),
    row("get", "/cases/mine", Obj::NoId, Body::None, same(STAFF)),
    row("get", "/cases/unowned", Obj::NoId, Body::None, same(STAFF)),
    row(
        "get",
        "/teams/{id}/board",
        Obj::Team,
        Body::None,
        same(STAFF),
    ),
    row("get", "/cases/{id}", Obj::Case, Body::None, SCOPED),
    row(
        "post",
        "/cases/{id}/priority",
        Obj::Case,
        Body::Form(&[("priority", "nonsense")]),
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/assign",
        Obj::Case,
        Body::Form(&[("owner", "")]),
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/status",
        Obj::Case,
        Body::Form(&[("status", "nonsense")]),
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/split",
        Obj::Case,
        Body::Form(&[("reason", "")]),
        SCOPED,
    ),
    row("get", "/inquiries", Obj::NoId, Body::None, same(INTAKE)),
    row(
        "post",
        "/inquiries/triage",
        Obj::Inquiry,
        Body::Form(&[("inquiry", "$id"), ("owner", "$gone")]),
        SCOPED,
    ),
    row(
        "get",
        "/inquiries/{id}",
        Obj::Inquiry,
        Body::None,
        Rule::Roles {
            inside: INTAKE,
            outside: LEADS,
        },
    ),
    row(
        "post",
        "/inquiries/{id}/triage",
        Obj::Inquiry,
        Body::Form(&[("action", "new_case"), ("owner", "$gone")]),
        SCOPED,
    ),
    row("get", "/intake/new", Obj::NoId, Body::None, same(INTAKE)),
    row("post", "/intake", Obj::NoId, CSRF_ONLY, same(INTAKE)),
    row("get", "/reviews", Obj::NoId, Body::None, same(LEADS)),
    row("get", "/reviews/{id}", Obj::Review, Body::None, same(LEADS)),
    row(
        "post",
        "/reviews/{id}/decision",
        Obj::Review,
        Body::Form(&[("same", "maybe")]),
        same(LEADS),
    ),
    row("get", "/persons/{id}", Obj::Person, Body::None, SCOPED),
    row(
        "post",
        "/merges/{id}/undo",
        Obj::Merge,
        Body::Form(&[("person", "1")]),
        same(LEADS),
    ),
    // The person's only record: refused after the access checks (422).
    row(
        "post",
        "/persons/{id}/detach",
        Obj::Person,
        Body::Form(&[("record", "$record")]),
        same(LEADS),
    ),
    row("get", "/desk", Obj::NoId, Body::None, same(INTAKE)),
    row("post", "/desk", Obj::NoId, CSRF_ONLY, same(INTAKE)),
    row("get", "/intake/upload", Obj::NoId, Body::None, same(INTAKE)),
    row(
        "post",
        "/intake/upload",
        Obj::NoId,
        Body::Multipart,
        same(INTAKE),
    ),
    row("get", "/audit", Obj::NoId, Body::None, same(&[A, U])),
    // Search: who may search; what each may open of the results is tests/search.rs's.
    row("get", "/search", Obj::NoId, Body::None, same(INTAKE)),
    row("get", "/export", Obj::NoId, Body::None, same(&[L])),
    row(
        "post",
        "/export/cases",
        Obj::NoId,
        Body::Form(&[("code", "$code")]),
        same(&[L]),
    ),
    row("get", "/admin/users", Obj::NoId, Body::None, same(&[A])),
    row(
        "post",
        "/admin/users/{id}/role",
        Obj::User,
        Body::Form(&[("role", "nonsense"), ("code", "000000")]),
        same(&[A]),
    ),
    row(
        "post",
        "/admin/users/{id}/reset-2fa",
        Obj::User,
        Body::Form(&[("code", "$code")]),
        same(&[A]),
    ),
    // --- situation report and dashboard ---
    row("get", "/dashboard", Obj::NoId, Body::None, same(LEADS)),
    row("get", "/sitrep", Obj::NoId, Body::None, same(LEADS)),
    row("get", "/sitrep.csv", Obj::NoId, Body::None, same(LEADS)),
    row(
        "get",
        "/static/sitrep.css",
        Obj::NoId,
        Body::None,
        Rule::Public,
    ),
    // --- deadlines, notes, tasks, pathways, notifications, bulk ---
    row("get", "/cases/overdue", Obj::NoId, Body::None, same(STAFF)),
    row(
        "post",
        "/cases/bulk",
        Obj::Case,
        Body::Form(&[("case", "$id"), ("action", "nonsense")]),
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/notes",
        Obj::Case,
        Body::Form(&[("body", " ")]),
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/tasks",
        Obj::Case,
        Body::Form(&[("body", " ")]),
        SCOPED,
    ),
    row("get", "/tasks/mine", Obj::NoId, Body::None, same(STAFF)),
    row(
        "post",
        "/tasks/{id}/done",
        Obj::Task,
        Body::Form(&[("done", "0")]),
        SCOPED,
    ),
    row(
        "get",
        "/notifications",
        Obj::NoId,
        Body::None,
        same(SIGNED_IN_STAFF),
    ),
    row(
        "post",
        "/notifications/read",
        Obj::NoId,
        CSRF_ONLY,
        same(SIGNED_IN_STAFF),
    ),
    row(
        "post",
        "/pathways",
        Obj::Person,
        Body::Form(&[("person", "$id"), ("pathway", "nonsense")]),
        SCOPED,
    ),
    row(
        "post",
        "/pathways/evidence",
        Obj::Person,
        Body::Form(&[("person", "$id"), ("pathway", "nonsense"), ("kind", "visa")]),
        SCOPED,
    ),
    // --- referrals, partners and replies ---
    row("get", "/cases/bulk", Obj::NoId, Body::None, same(STAFF)),
    row(
        "post",
        "/cases/bulk/refer",
        Obj::Case,
        Body::Form(&[("cases", "$id")]),
        SCOPED,
    ),
    row(
        "post",
        "/cases/bulk/reply",
        Obj::Case,
        Body::Form(&[("cases", "$id"), ("template", "nonsense")]),
        SCOPED,
    ),
    row("post", "/cases/{id}/refer", Obj::Case, CSRF_ONLY, SCOPED),
    row(
        "post",
        "/cases/{id}/reply",
        Obj::Case,
        Body::Form(&[("template", "nonsense")]),
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/requesters/{requester}/language",
        Obj::Case,
        Body::Form(&[("language", "nonsense")]),
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/numbers/block",
        Obj::Case,
        Body::Form(&[("message", "nonsense"), ("reason", "abusive")]),
        same(LEADS),
    ),
    row(
        "post",
        "/cases/{id}/numbers/unblock",
        Obj::Case,
        Body::Form(&[("message", "nonsense")]),
        same(LEADS),
    ),
    row("get", "/referrals", Obj::NoId, Body::None, same(STAFF)),
    row("get", "/referrals/{id}", Obj::Referral, Body::None, SCOPED),
    row(
        "post",
        "/referrals/{id}/action",
        Obj::Referral,
        Body::Form(&[("action", "nonsense")]),
        SCOPED,
    ),
    row(
        "post",
        "/referrals/{id}/noted",
        Obj::Referral,
        CSRF_ONLY,
        SCOPED,
    ),
    row(
        "get",
        "/referrals/{id}/export",
        Obj::Referral,
        Body::None,
        SCOPED,
    ),
    row(
        "get",
        "/replies/templates",
        Obj::NoId,
        Body::None,
        same(STAFF),
    ),
    row("get", "/orgs", Obj::NoId, Body::None, same(STAFF)),
    row(
        "post",
        "/orgs",
        Obj::NoId,
        Body::Form(&[("name", " "), ("kind", "ngo")]),
        same(LEADS),
    ),
    row("get", "/partner", Obj::NoId, Body::None, same(PARTNER)),
    row(
        "get",
        "/partner/referrals/{id}",
        Obj::Referral,
        Body::None,
        PARTNER_OWN,
    ),
    row(
        "post",
        "/partner/referrals/{id}/action",
        Obj::Referral,
        // Completing a referral that was only sent is refused after the lookup.
        Body::Form(&[("action", "complete"), ("note", "x")]),
        PARTNER_OWN,
    ),
    row(
        "get",
        "/partner/referrals/{id}/documents/{doc}",
        Obj::NoId,
        Body::None,
        Rule::NotCalled("needs a referral that shares a document; tests/referrals.rs"),
    ),
    // --- documents on the pages: no file is sent, so an allowed upload is refused after the
    // checks (the case or person page again, saying why) ---
    row(
        "post",
        "/cases/{id}/documents",
        Obj::Case,
        Body::Multipart,
        SCOPED,
    ),
    row(
        "post",
        "/persons/{id}/documents",
        Obj::Person,
        Body::Multipart,
        SCOPED,
    ),
    row("get", "/documents/{id}", Obj::Document, Body::None, SCOPED),
    row(
        "get",
        "/documents/{id}/download",
        Obj::Document,
        Body::None,
        SCOPED,
    ),
    row(
        "get",
        "/documents/{id}/thumbnail",
        Obj::Document,
        Body::None,
        SCOPED,
    ),
    row("get", "/request", Obj::NoId, Body::None, Rule::Public),
    row(
        "post",
        "/request",
        Obj::NoId,
        Body::None,
        Rule::NotCalled("public form; tests/channels.rs"),
    ),
    row("get", "/status", Obj::NoId, Body::None, Rule::Public),
    row(
        "post",
        "/status",
        Obj::NoId,
        Body::None,
        Rule::NotCalled("public lookup; tests/channels.rs"),
    ),
    row("get", "/healthz", Obj::NoId, Body::None, Rule::Public),
    row(
        "get",
        "/api/openapi.json",
        Obj::NoId,
        Body::None,
        Rule::Public,
    ),
];

/// API paths as in the OpenAPI document (under /api/v1).
static API: &[Row] = &[
    row(
        "post",
        "/inquiries",
        Obj::NoId,
        Body::Json("{}"),
        same(INTAKE),
    ),
    row("get", "/inquiries", Obj::NoId, Body::None, same(INTAKE)),
    row(
        "post",
        "/inquiries/triage",
        Obj::Inquiry,
        Body::Json(r#"{"inquiry_ids":[$id],"action":"new_case","owner_id":$gone}"#),
        SCOPED,
    ),
    row(
        "get",
        "/inquiries/{id}/suggestions",
        Obj::Inquiry,
        Body::None,
        SCOPED,
    ),
    row("get", "/cases", Obj::NoId, Body::None, same(STAFF)),
    row("get", "/cases/unowned", Obj::NoId, Body::None, same(STAFF)),
    row("get", "/cases/{id}", Obj::Case, Body::None, SCOPED),
    row(
        "post",
        "/cases/{id}/assign",
        Obj::Case,
        Body::Json(r#"{"owner_id":null}"#),
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/status",
        Obj::Case,
        Body::Json(r#"{"status":"closed"}"#),
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/split",
        Obj::Case,
        Body::Json(r#"{"person_ids":[],"reason":""}"#),
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/join",
        Obj::Case,
        Body::Json(r#"{"from_case_id":1,"reason":""}"#),
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/priority",
        Obj::Case,
        Body::Json(r#"{"priority":"critical","reason":" "}"#),
        SCOPED,
    ),
    row("get", "/reviews", Obj::NoId, Body::None, same(LEADS)),
    row(
        "post",
        "/reviews/{id}/decision",
        Obj::Review,
        Body::Json(r#"{"same":false}"#),
        same(LEADS),
    ),
    row("get", "/persons/{id}", Obj::Person, Body::None, SCOPED),
    row(
        "post",
        "/persons/{id}/merge",
        Obj::Person,
        Body::Json(r#"{"merged_id":$id}"#),
        Rule::Roles {
            inside: LEADS,
            outside: LEADS,
        },
    ),
    row(
        "post",
        "/merges/{id}/undo",
        Obj::Merge,
        Body::None,
        same(LEADS),
    ),
    row(
        "post",
        "/persons/{id}/detach",
        Obj::Person,
        Body::Json(r#"{"record_id":$record}"#),
        same(LEADS),
    ),
    // --- deadlines, notes, tasks, pathways, notifications, bulk ---
    row("get", "/cases/overdue", Obj::NoId, Body::None, same(STAFF)),
    row(
        "post",
        "/cases/bulk/assign",
        Obj::Case,
        Body::Json(r#"{"case_ids":[$id],"owner_id":null}"#),
        SCOPED,
    ),
    row(
        "post",
        "/cases/bulk/status",
        Obj::Case,
        Body::Json(r#"{"case_ids":[$id],"status":"closed"}"#),
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/notes",
        Obj::Case,
        Body::Json(r#"{"body":" "}"#),
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/tasks",
        Obj::Case,
        Body::Json(r#"{"body":" "}"#),
        SCOPED,
    ),
    row(
        "post",
        "/tasks/{id}/done",
        Obj::Task,
        Body::Json(r#"{"done":false}"#),
        SCOPED,
    ),
    row("get", "/tasks/mine", Obj::NoId, Body::None, same(STAFF)),
    row(
        "get",
        "/notifications",
        Obj::NoId,
        Body::None,
        same(SIGNED_IN_STAFF),
    ),
    row(
        "post",
        "/notifications/read",
        Obj::NoId,
        Body::Json(r#"{"ids":[]}"#),
        same(SIGNED_IN_STAFF),
    ),
    row(
        "get",
        "/persons/{id}/pathways",
        Obj::Person,
        Body::None,
        SCOPED,
    ),
    row(
        "post",
        "/persons/{id}/pathways",
        Obj::Person,
        Body::Json(r#"{"pathway":"siv","step":"nonsense"}"#),
        SCOPED,
    ),
    row(
        "post",
        "/persons/{id}/pathways/{pathway}/evidence",
        Obj::Person,
        Body::Json(r#"{"kind":"visa","reference":" "}"#),
        SCOPED,
    ),
    row(
        "get",
        "/reports/pathways",
        Obj::NoId,
        Body::None,
        same(STAFF),
    ),
    row(
        "get",
        "/reports/overdue",
        Obj::NoId,
        Body::None,
        same(STAFF),
    ),
    row(
        "post",
        "/escalations/run",
        Obj::NoId,
        Body::None,
        same(LEADS),
    ),
    // --- referrals, partners and replies ---
    row(
        "post",
        "/orgs",
        Obj::NoId,
        Body::Json(r#"{"name":" ","kind":"ngo"}"#),
        same(LEADS),
    ),
    row("get", "/orgs", Obj::NoId, Body::None, same(STAFF)),
    row(
        "post",
        "/cases/{id}/referrals",
        Obj::Case,
        Body::Json(r#"{"org":0,"fields":[],"reason":" ","respond_by":"2000-01-01T00:00:00Z"}"#),
        SCOPED,
    ),
    row(
        "post",
        "/referrals/bulk",
        Obj::Case,
        Body::Json(
            r#"{"cases":[$id],"org":0,"fields":[],"reason":" ","respond_by":"2000-01-01T00:00:00Z"}"#,
        ),
        SCOPED,
    ),
    row("get", "/referrals", Obj::NoId, Body::None, same(STAFF)),
    row("get", "/referrals/{id}", Obj::Referral, Body::None, SCOPED),
    row(
        "post",
        "/referrals/{id}/action",
        Obj::Referral,
        Body::Json(r#"{"action":"complete","note":"x"}"#),
        SCOPED,
    ),
    row(
        "post",
        "/referrals/{id}/noted",
        Obj::Referral,
        Body::None,
        SCOPED,
    ),
    row(
        "get",
        "/referrals/declined/mine",
        Obj::NoId,
        Body::None,
        same(STAFF),
    ),
    row(
        "get",
        "/referrals/{id}/export",
        Obj::Referral,
        Body::None,
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/replies",
        Obj::Case,
        Body::Json(r#"{"template":"progress"}"#),
        SCOPED,
    ),
    row("get", "/cases/{id}/replies", Obj::Case, Body::None, SCOPED),
    row(
        "post",
        "/replies/bulk",
        Obj::Case,
        Body::Json(r#"{"cases":[$id],"template":"progress"}"#),
        SCOPED,
    ),
    row(
        "put",
        "/requesters/{id}/language",
        Obj::NoId,
        Body::Json(r#"{"language":"en"}"#),
        Rule::NotCalled("needs a requester id; leads and administrators only, tests/referrals.rs"),
    ),
    row(
        "get",
        "/partner/referrals",
        Obj::NoId,
        Body::None,
        same(PARTNER),
    ),
    row(
        "get",
        "/partner/referrals/{id}",
        Obj::Referral,
        Body::None,
        PARTNER_OWN,
    ),
    row(
        "post",
        "/partner/referrals/{id}/action",
        Obj::Referral,
        Body::Json(r#"{"action":"complete","note":"x"}"#),
        PARTNER_OWN,
    ),
    row(
        "get",
        "/partner/referrals/{id}/documents/{document}",
        Obj::NoId,
        Body::None,
        Rule::NotCalled("needs a referral that shares a document; tests/referrals.rs"),
    ),
    // --- documents: no file is sent, so an allowed upload is refused after the checks ---
    row(
        "get",
        "/persons/{id}/documents",
        Obj::Person,
        Body::None,
        SCOPED,
    ),
    row(
        "post",
        "/persons/{id}/documents",
        Obj::Person,
        Body::Multipart,
        SCOPED,
    ),
    row(
        "get",
        "/cases/{id}/documents",
        Obj::Case,
        Body::None,
        SCOPED,
    ),
    row(
        "post",
        "/cases/{id}/documents",
        Obj::Case,
        Body::Multipart,
        SCOPED,
    ),
    row(
        "get",
        "/documents/{id}/content",
        Obj::Document,
        Body::None,
        SCOPED,
    ),
    // --- situation report ---
    row("get", "/sitrep", Obj::NoId, Body::None, same(LEADS)),
    row("get", "/audit", Obj::NoId, Body::None, same(&[A, U])),
    row("get", "/search", Obj::NoId, Body::None, same(INTAKE)),
];

/// The objects: each id inside and outside the case officer's scope.
struct Fixture {
    case: (i64, i64),
    inquiry: (i64, i64),
    person: (i64, i64),
    /// Each person's only record.
    record: (i64, i64),
    review: i64,
    merge: i64,
    team: (i64, i64),
    target_user: i64,
    gone_user: i64,
    referral: (i64, i64),
    task: (i64, i64),
    document: (i64, i64),
    /// The organization the partner caller belongs to.
    partner_org: corridor_domain::OrgId,
}

impl Fixture {
    fn ids(&self, obj: Obj) -> (i64, i64) {
        match obj {
            Obj::NoId => (0, 0),
            Obj::Case => self.case,
            Obj::Inquiry => self.inquiry,
            Obj::Person => self.person,
            Obj::Review => (self.review, self.review),
            Obj::Merge => (self.merge, self.merge),
            Obj::Team => self.team,
            Obj::User => (self.target_user, self.target_user),
            Obj::Referral => self.referral,
            Obj::Task => self.task,
            Obj::Document => self.document,
        }
    }
}

fn inquiry(category: CaseCategory, name: &str) -> NewInquiry {
    NewInquiry {
        channel: Channel::Email,
        requester: NewRequester {
            kind: RequesterKind::Sponsor,
            name: "Synthetic Sponsor".into(),
            organization: None,
            email: Some("sponsor@example.org".into()),
            phone: None,
        },
        received_at: chrono::Utc::now(),
        subject: "Please help".into(),
        category,
        raw_payload: "raw".into(),
        content_type: "text/plain".into(),
        household_label: None,
        people: vec![PersonDetails {
            given_name: Some(name.into()),
            family_name: Some("Testzai".into()),
            ..Default::default()
        }],
        idempotency_key: None,
        matches: Vec::new(),
    }
}

async fn person_of_case(store: &dyn Store, case: corridor_domain::CaseId) -> i64 {
    store
        .get_case(case, &Actor::system("test"))
        .await
        .unwrap()
        .unwrap()
        .people[0]
        .id
        .0
}

async fn only_record(store: &dyn Store, person: i64) -> i64 {
    let file = store
        .get_person(corridor_domain::PersonId(person), &Actor::system("test"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(file.records.len(), 1);
    file.records[0].id.0
}

async fn fixture(app: &TestApp) -> Fixture {
    let store = app.store.as_ref();
    let system = Actor::system("test");
    // Inside the officer's scope: a medical case (the officer leads Medical).
    let inside = store
        .record_inquiry(inquiry(CaseCategory::Medical, "Inside"), &system)
        .await
        .unwrap();
    // Outside: a visa case of the General team, owned by the lead.
    let outside = store
        .record_inquiry(inquiry(CaseCategory::Visa, "Outside"), &system)
        .await
        .unwrap();
    // A waiting inquiry: General has no lead for a moment, so a visa inquiry waits in triage.
    let stand_in = common::add_user(store, "standin", Role::Lead, None).await;
    let general = app.lead.team_id.unwrap();
    store
        .set_team_lead(general, stand_in.id, &system)
        .await
        .unwrap();
    store
        .set_user_active(stand_in.id, false, &system)
        .await
        .unwrap();
    let waiting = store
        .record_inquiry(inquiry(CaseCategory::Visa, "Waiting"), &system)
        .await
        .unwrap();
    assert!(waiting.case_id.is_none(), "the inquiry waits in triage");
    store
        .set_team_lead(general, app.lead.id, &system)
        .await
        .unwrap();
    let outside_person = person_of_case(store, outside.case_id.unwrap()).await;
    // A possible match (for leads to review) and a merge of two other people.
    let mut unsure = inquiry(CaseCategory::Visa, "Outsyde");
    unsure.matches = vec![PersonMatch {
        same_as: None,
        possible: vec![PossibleMatch {
            person: corridor_domain::PersonId(outside_person).into(),
            probability: 0.6,
            evidence: "{\"fields\":[]}".into(),
        }],
    }];
    store.record_inquiry(unsure, &system).await.unwrap();
    let review = store
        .list_reviews(
            corridor_domain::ReviewStatus::Pending,
            corridor_store::PageRequest::first(5),
        )
        .await
        .unwrap()
        .items[0]
        .id
        .0;
    let m1 = store
        .record_inquiry(inquiry(CaseCategory::Visa, "Merged"), &system)
        .await
        .unwrap();
    let m2 = store
        .record_inquiry(inquiry(CaseCategory::Visa, "Mergd"), &system)
        .await
        .unwrap();
    let merge = store
        .merge_persons(
            corridor_domain::PersonId(person_of_case(store, m1.case_id.unwrap()).await),
            corridor_domain::PersonId(person_of_case(store, m2.case_id.unwrap()).await),
            None,
            &system,
        )
        .await
        .unwrap();
    let medical = app.officer.team_id.unwrap();
    let target = common::add_user(store, "target", Role::CaseOfficer, Some(medical)).await;
    let gone = common::add_user(store, "gone", Role::CaseOfficer, Some(medical)).await;
    store
        .set_user_active(gone.id, false, &system)
        .await
        .unwrap();
    let _ = store
        .create_team(
            NewTeam {
                name: "Spare".into(),
                categories: vec![CaseCategory::Protection],
                lead_id: None,
            },
            &system,
        )
        .await
        .unwrap();
    // Referrals: the inside case to the partner caller's organization, the outside case to
    // another one; a task on each case.
    let org = |name: &str| corridor_store::NewOrg {
        name: name.into(),
        kind: corridor_domain::OrgKind::Ngo,
        contact_email: None,
    };
    let ours = store
        .create_org(org("Partner Ours"), &system)
        .await
        .unwrap();
    let theirs = store
        .create_org(org("Partner Theirs"), &system)
        .await
        .unwrap();
    let refer = |org: corridor_domain::OrgId| corridor_store::NewReferral {
        documents: Vec::new(),
        scan_required: false,
        org,
        people: None,
        fields: vec![corridor_domain::ShareField::Names],
        message: None,
        reason: "Needs shelter".into(),
        respond_by: chrono::Utc::now() + chrono::Duration::days(3),
    };
    let referral_in = store
        .refer_cases(&[inside.case_id.unwrap()], &refer(ours.id), &system)
        .await
        .unwrap()[0];
    let referral_out = store
        .refer_cases(&[outside.case_id.unwrap()], &refer(theirs.id), &system)
        .await
        .unwrap()[0];
    let task = |_: ()| corridor_store::NewTask {
        body: "Call back".into(),
        assignee: None,
        due_at: None,
    };
    let task_in = store
        .add_case_task(inside.case_id.unwrap(), task(()), &system)
        .await
        .unwrap();
    let task_out = store
        .add_case_task(outside.case_id.unwrap(), task(()), &system)
        .await
        .unwrap();
    let document = |case: corridor_domain::CaseId| corridor_store::documents::NewDocument {
        owner: corridor_store::documents::DocumentOwner::Case(case),
        kind: corridor_store::documents::DocumentKind::Passport,
        media_type: corridor_store::documents::MediaType::Pdf,
        content: format!("%PDF-1.4 synthetic scan of case {case}").into_bytes(),
        // A thumbnail, so that the thumbnail route has something to serve those allowed.
        thumbnail: Some(b"synthetic thumbnail".to_vec()),
        scan: corridor_store::documents::ScanState::NotScanned,
    };
    let document_in = store
        .add_document(document(inside.case_id.unwrap()), &system)
        .await
        .unwrap();
    let document_out = store
        .add_document(document(outside.case_id.unwrap()), &system)
        .await
        .unwrap();
    Fixture {
        document: (document_in.document.id.0, document_out.document.id.0),
        referral: (referral_in.0, referral_out.0),
        task: (task_in.id, task_out.id),
        partner_org: ours.id,
        case: (inside.case_id.unwrap().0, outside.case_id.unwrap().0),
        inquiry: (waiting.id.0, outside.id.0),
        record: (
            only_record(store, person_of_case(store, inside.case_id.unwrap()).await).await,
            only_record(store, outside_person).await,
        ),
        person: (
            person_of_case(store, inside.case_id.unwrap()).await,
            outside_person,
        ),
        review,
        merge: merge.0,
        team: (medical.0, general.0),
        target_user: target.id.0,
        gone_user: gone.id.0,
    }
}

/// The path with the object's id, and fixed values for a route's other parameters.
fn concrete(path: &str, id: i64) -> String {
    path.replace("{id}", &id.to_string())
        .replace("{requester}", "0")
        .replace("{pathway}", "siv")
}

fn fill(template: &str, id: i64, f: &Fixture, code: &str) -> String {
    template
        .replace("$id", &id.to_string())
        .replace("$gone", &f.gone_user.to_string())
        .replace(
            "$record",
            &if id == f.person.0 {
                f.record.0
            } else {
                f.record.1
            }
            .to_string(),
        )
        .replace("$code", code)
}

/// A signed-in caller: browser session, its CSRF token, an API token.
struct Caller {
    role: Option<Role>,
    username: String,
    browser: reqwest::Client,
    csrf: String,
    token: Option<String>,
}

async fn callers(app: &TestApp, f: &Fixture) -> Vec<Caller> {
    let store = app.store.as_ref();
    let general = app.lead.team_id;
    let mut out = Vec::new();
    for role in ROLES {
        let Some(role) = role else {
            out.push(Caller {
                role: None,
                username: String::new(),
                browser: TestApp::client(),
                csrf: String::new(),
                token: None,
            });
            continue;
        };
        let user: User = match role {
            Role::Lead => app.lead.clone(),
            Role::CaseOfficer => app.officer.clone(),
            Role::IntakeClerk => app.clerk.clone(),
            // Partner accounts belong to an organization, so they are made apart.
            Role::Partner => {
                let user = store
                    .create_partner_user(
                        corridor_store::NewUser {
                            username: corridor_domain::Username::parse("m_partner").unwrap(),
                            display_name: corridor_domain::DisplayName::parse("Partner caller")
                                .unwrap(),
                            role: Role::Partner,
                            team_id: None,
                            password_hash: corridor_web::auth::hash_password(
                                &corridor_domain::Password::parse(common::PASSWORD).unwrap(),
                            )
                            .unwrap(),
                        },
                        f.partner_org,
                        &Actor::system("test"),
                    )
                    .await
                    .unwrap();
                common::enroll(store, &user).await;
                user
            }
            other => {
                common::add_user(store, &format!("m_{}", other.as_str()), other, general).await
            }
        };
        let (browser, csrf) = app.signed_in_with_csrf(&user.username).await;
        let token = app.token(&user).await;
        out.push(Caller {
            role: Some(role),
            username: user.username.clone(),
            browser,
            csrf,
            token: Some(token),
        });
    }
    out
}

fn expected(rule: Rule, role: Option<Role>, inside: bool) -> Option<bool> {
    match rule {
        Rule::Public => Some(true),
        // The reason is for people reading the table.
        Rule::NotCalled(why) => {
            let _ = why;
            None
        }
        Rule::Roles {
            inside: i,
            outside: o,
        } => Some(role.is_some_and(|r| if inside { i } else { o }.contains(&r))),
    }
}

#[tokio::test]
async fn every_route_every_role_inside_and_outside_scope() {
    let app = TestApp::spawn().await;
    let f = fixture(&app).await;
    let callers = callers(&app, &f).await;
    let mut failures = Vec::new();
    for (api, rows) in [(false, PAGES), (true, API)] {
        for r in rows {
            for c in &callers {
                let (in_id, out_id) = f.ids(r.obj);
                let cases: &[(bool, i64)] = if r.obj == Obj::NoId {
                    &[(true, 0)]
                } else {
                    &[(true, in_id), (false, out_id)]
                };
                for &(inside, id) in cases {
                    let Some(allowed) = expected(r.rule, c.role, inside) else {
                        continue;
                    };
                    let path = concrete(r.path, id);
                    let url = if api {
                        app.url(&format!("/api/v1{path}"))
                    } else {
                        app.url(&path)
                    };
                    let code = match (c.role, r.body) {
                        (Some(_), Body::Form(fields))
                            if fields.iter().any(|(_, v)| *v == "$code") =>
                        {
                            app.code(&c.username).await
                        }
                        _ => String::new(),
                    };
                    let client = if api {
                        reqwest::Client::new()
                    } else {
                        c.browser.clone()
                    };
                    let mut req = match r.method {
                        "get" => client.get(&url),
                        "post" => client.post(&url),
                        "put" => client.put(&url),
                        other => panic!("method {other} not handled"),
                    };
                    if api && let Some(t) = &c.token {
                        req = req.bearer_auth(t);
                    }
                    req = match r.body {
                        Body::None => req,
                        Body::Form(fields) => {
                            let mut form: Vec<(String, String)> =
                                vec![("csrf".into(), c.csrf.clone())];
                            form.extend(
                                fields
                                    .iter()
                                    .map(|(k, v)| (k.to_string(), fill(v, id, &f, &code))),
                            );
                            req.form(&form)
                        }
                        Body::Json(t) => req
                            .header("content-type", "application/json")
                            .body(fill(t, id, &f, &code)),
                        Body::Multipart => req.multipart(
                            reqwest::multipart::Form::new().text("csrf", c.csrf.clone()),
                        ),
                    };
                    let response = req.send().await.unwrap();
                    let status = response.status().as_u16();
                    let location = response
                        .headers()
                        .get("location")
                        .and_then(|l| l.to_str().ok())
                        .unwrap_or("")
                        .to_string();
                    let denied = matches!(status, 401 | 403 | 404)
                        || (status == 303 && location.starts_with("/login"));
                    let who = c.role.map(|r| r.as_str()).unwrap_or("anonymous");
                    let scope = if inside { "inside" } else { "outside" };
                    if allowed == denied || status >= 500 {
                        let body = response.text().await.unwrap_or_default();
                        failures.push(format!(
                            "{} {} as {who} ({scope}): {status} {location} — expected {}: {}",
                            r.method.to_uppercase(),
                            if api {
                                format!("/api/v1{path}")
                            } else {
                                path.clone()
                            },
                            if allowed { "allowed" } else { "denied" },
                            body.chars().take(160).collect::<String>()
                        ));
                    }
                    // Anonymous callers are sent to sign in (pages) or told to bring a
                    // token (API), never shown a page.
                    if c.role.is_none() && !allowed {
                        let ok = if api {
                            status == 401
                        } else {
                            status == 303 && location == "/login"
                        };
                        if !ok {
                            failures.push(format!(
                                "{} {path} anonymous: {status} {location}",
                                r.method
                            ));
                        }
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A token limited to intake may submit inquiries and nothing else, whatever its user's role.
#[tokio::test]
async fn intake_only_tokens_reach_nothing_but_intake() {
    let app = TestApp::spawn().await;
    let f = fixture(&app).await;
    let token = app
        .token_with(&app.lead, &[corridor_store::TokenScope::Intake])
        .await;
    let mut failures = Vec::new();
    for r in API {
        let id = f.ids(r.obj).1;
        let url = app.url(&format!("/api/v1{}", concrete(r.path, id)));
        let client = reqwest::Client::new();
        let mut req = match r.method {
            "get" => client.get(&url),
            "put" => client.put(&url),
            _ => client.post(&url),
        };
        if let Body::Json(t) = r.body {
            req = req
                .header("content-type", "application/json")
                .body(fill(t, id, &f, ""));
        }
        let status = req
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        let intake = r.method == "post" && r.path == "/inquiries";
        if intake == (status == 403) {
            failures.push(format!("{} {}: {status}", r.method, r.path));
        }
    }
    assert!(failures.is_empty(), "{failures:?}");
}

/// The matrix lists exactly the routes that exist.
#[tokio::test]
async fn the_matrix_lists_every_route() {
    let listed_pages: BTreeSet<(String, String)> = PAGES
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    let routed_pages: BTreeSet<(String, String)> = corridor_web::PAGE_ROUTES
        .iter()
        .map(|(m, p)| (m.to_lowercase(), p.to_string()))
        .collect();
    let missing: Vec<_> = routed_pages.difference(&listed_pages).collect();
    let stale: Vec<_> = listed_pages.difference(&routed_pages).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "page routes not in the matrix: {missing:?}; matrix rows without a route: {stale:?}"
    );

    let app = TestApp::spawn().await;
    let doc: Value = reqwest::get(app.url("/api/openapi.json"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut documented = BTreeSet::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                let path = path.strip_prefix("/api/v1").unwrap_or(path);
                documented.insert((method.clone(), path.to_string()));
            }
        }
    }
    let listed_api: BTreeSet<(String, String)> = API
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    let missing: Vec<_> = documented.difference(&listed_api).collect();
    let stale: Vec<_> = listed_api.difference(&documented).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "API routes not in the matrix: {missing:?}; matrix rows without a route: {stale:?}"
    );
    // The roles the document states for an operation are the roles the matrix finds it
    // allows (for an object inside the caller's scope): a generated client is told the truth.
    let mut disagree = Vec::new();
    for r in API {
        let Rule::Roles { inside, .. } = r.rule else {
            continue;
        };
        let op = &doc["paths"][format!("/api/v1{}", r.path)][r.method];
        let stated: BTreeSet<&str> = op["x-corridor-roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let allowed: BTreeSet<&str> = inside.iter().map(|r| r.as_str()).collect();
        if stated != allowed {
            disagree.push(format!(
                "{} {}: the document says {stated:?}, the server allows {allowed:?}",
                r.method, r.path
            ));
        }
    }
    assert!(disagree.is_empty(), "{disagree:#?}");
    let _ = json!(null);
}
