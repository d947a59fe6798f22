//! Finishes the OpenAPI document that utoipa generates from the handlers and types, with what
//! the server does around every handler and what the annotations cannot say once for all:
//! the error responses its extractors, router and limits produce, who may call each operation,
//! and the Idempotency-Key header. Kept next to the code that does those things, so that the
//! document and the server cannot drift apart without a test noticing (see the tests below and
//! `tests/web/contract.rs`).

use corridor_domain::Role;
use corridor_store::TokenScope;
use serde_json::{Value, json};

use crate::error::ErrorBody;

/// Who may call an operation, by the role checks the handlers make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    /// Any staff token (every role but partner).
    Staff,
    /// Roles that take in requests.
    Intake,
    /// Roles that see cases.
    Cases,
    /// Roles that move cases, refer and answer.
    Manage,
    /// Leads and administrators: match reviews, merges, organizations, escalations, sitrep.
    LeadOrAdmin,
    /// Auditors and administrators.
    Audit,
    /// Partner organizations' tokens only.
    Partner,
}

impl Who {
    pub(crate) fn allows(self, role: Role) -> bool {
        match self {
            Who::Staff => role != Role::Partner,
            Who::Intake => role.can_take_intake(),
            Who::Cases => role.can_view_cases(),
            Who::Manage => role.can_manage_cases(),
            Who::LeadOrAdmin => matches!(role, Role::Lead | Role::Admin),
            Who::Audit => crate::access::can_read_audit(role),
            Who::Partner => role == Role::Partner,
        }
    }

    pub(crate) fn roles(self) -> Vec<&'static str> {
        Role::ALL
            .iter()
            .filter(|r| self.allows(**r))
            .map(|r| r.as_str())
            .collect()
    }
}

/// Every operation: who may call it, and whether it creates something (and so takes an
/// `Idempotency-Key`). A test fails when an operation is missing here.
pub(crate) const OPERATIONS: &[(&str, Who, bool)] = &[
    ("create_inquiries", Who::Intake, true),
    ("list_inquiries", Who::Intake, false),
    ("triage_suggestions", Who::Manage, false),
    ("triage_inquiries", Who::Manage, true),
    ("list_cases", Who::Cases, false),
    ("cases_needing_owner", Who::Cases, false),
    ("get_case", Who::Cases, false),
    ("assign_case", Who::Manage, false),
    ("change_case_status", Who::Manage, false),
    ("split_case", Who::Manage, true),
    ("join_case", Who::Manage, false),
    ("override_case_priority", Who::Manage, false),
    ("overdue_cases", Who::Cases, false),
    ("bulk_assign_cases", Who::Manage, true),
    ("bulk_change_case_status", Who::Manage, true),
    ("add_case_note", Who::Manage, true),
    ("add_case_task", Who::Manage, true),
    ("set_task_done", Who::Cases, false),
    ("my_tasks", Who::Cases, false),
    ("list_notifications", Who::Staff, false),
    ("mark_notifications_read", Who::Staff, false),
    ("person_pathways", Who::Cases, false),
    ("set_pathway_step", Who::Manage, false),
    ("add_pathway_evidence", Who::Manage, true),
    ("pathway_counts", Who::Cases, false),
    ("overdue_counts", Who::Cases, false),
    ("run_escalations", Who::LeadOrAdmin, false),
    ("list_reviews", Who::LeadOrAdmin, false),
    ("decide_review", Who::LeadOrAdmin, false),
    ("get_person", Who::Manage, false),
    ("merge_person", Who::LeadOrAdmin, false),
    ("undo_merge", Who::LeadOrAdmin, false),
    ("detach_record", Who::LeadOrAdmin, false),
    ("create_org", Who::LeadOrAdmin, true),
    ("list_orgs", Who::Cases, false),
    ("refer_case", Who::Manage, true),
    ("refer_cases", Who::Manage, true),
    ("list_referrals", Who::Cases, false),
    ("get_referral", Who::Cases, false),
    ("update_referral", Who::Manage, false),
    ("note_declined_referral", Who::Manage, false),
    ("my_declined_referrals", Who::Cases, false),
    ("export_referral", Who::Manage, false),
    ("reply_to_requesters", Who::Manage, true),
    ("case_replies", Who::Cases, false),
    ("reply_on_cases", Who::Manage, true),
    ("set_requester_language", Who::LeadOrAdmin, false),
    ("partner_referrals", Who::Partner, false),
    ("partner_referral", Who::Partner, false),
    ("partner_referral_document", Who::Partner, false),
    ("partner_update_referral", Who::Partner, false),
    ("sitrep", Who::LeadOrAdmin, false),
    ("list_audit_events", Who::Audit, false),
    ("search", Who::Intake, false),
    // A retried upload of the same file finds the document stored the first time (one per
    // file and record), so uploads need no Idempotency-Key, and their bodies are not kept.
    ("attach_person_document", Who::Manage, false),
    ("list_person_documents", Who::Manage, false),
    ("attach_case_document", Who::Manage, false),
    ("list_case_documents", Who::Manage, false),
    ("document_content", Who::Manage, false),
];

pub(crate) fn operation(id: &str) -> Option<(Who, bool)> {
    OPERATIONS
        .iter()
        .find(|(op, _, _)| *op == id)
        .map(|(_, who, creates)| (*who, *creates))
}

const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

/// Corridor's own `info`, the shared error responses, security and idempotency on every
/// operation, and a description on every response.
pub(crate) fn finish(doc: &mut Value) {
    doc["info"] = json!({
        "title": "Corridor API",
        "version": env!("CARGO_PKG_VERSION"),
        "description": "Case coordination for crisis task forces: take in inquiries, follow \
            cases, refer them to partners. Every request needs a bearer token (`corridor token \
            create`); a token's scopes (read, write, intake) and its user's role decide what it \
            may do, and each operation says which it needs. Every response that is not a \
            success has the `ErrorBody` schema.",
        "license": {"name": "AGPL-3.0-or-later", "identifier": "AGPL-3.0-or-later"},
    });
    let components = doc["components"]
        .as_object_mut()
        .expect("the document has components");
    let schemas = components
        .entry("schemas")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .expect("schemas is an object");
    schemas
        .entry("ErrorBody")
        .or_insert_with(|| json!({"type": "object"}))["properties"]["error"]["enum"] = json!(
        ErrorBody::CODES
            .iter()
            .map(|(_, c)| *c)
            .chain(["error"])
            .collect::<Vec<_>>()
    );
    // A person's free-text fields are a domain type's; their limit is the API's.
    if let Some(person) = schemas
        .get_mut("PersonDetails")
        .and_then(|p| p["properties"].as_object_mut())
    {
        let blank = corridor_domain::PersonDetails::default();
        for (name, _) in super::inquiries::person_texts(&blank) {
            if let Some(field) = person.get_mut(name) {
                field["maxLength"] = json!(super::inquiries::MAX_FIELD);
            }
        }
    }
    components.insert("responses".into(), shared_responses());
    components.insert(
        "parameters".into(),
        json!({"IdempotencyKey": idempotency_key()}),
    );
    unsigned_32(doc);
    let Some(paths) = doc["paths"].as_object_mut() else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        for method in METHODS {
            if let Some(op) = item.get_mut(method) {
                finish_operation(path, method, op);
            }
        }
    }
}

/// utoipa documents a `u32` as `int32` from 0, which stops at 2^31 - 1 while the server takes
/// up to 2^32 - 1: say what the server reads.
fn unsigned_32(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("format").and_then(Value::as_str) == Some("int32")
                && map.get("minimum").and_then(Value::as_i64) == Some(0)
            {
                map.remove("format");
                map.entry("maximum").or_insert(json!(u32::MAX));
            }
            map.values_mut().for_each(unsigned_32);
        }
        Value::Array(items) => items.iter_mut().for_each(unsigned_32),
        _ => {}
    }
}

fn error_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}},
    })
}

fn shared_responses() -> Value {
    let mut unauthorized =
        error_response("No valid bearer token: it is missing, unknown, expired or revoked.");
    unauthorized["headers"] = json!({
        "WWW-Authenticate": {"description": "`Bearer`", "schema": {"type": "string"}}
    });
    json!({
        "BadRequest": error_response(
            "The request could not be read: malformed JSON, or a path or query value of the wrong type."),
        "Unauthorized": unauthorized,
        "Forbidden": error_response(
            "The token's scopes or its user's role do not allow this operation, or the object is outside the user's data scope."),
        "NotFound": error_response("The object (or the operation) does not exist."),
        "Conflict": error_response("The request conflicts with the current state or the server's set-up, or a request with the same Idempotency-Key is still being processed."),
        "TooLarge": error_response("The body is larger than the server accepts."),
        "UnsupportedMediaType": error_response("The body is not sent as `application/json`."),
        "Invalid": error_response(
            "The request was read but is refused, with the reason: a value out of range, a rule of the workflow, or an Idempotency-Key reused with a different body."),
        "Internal": error_response("Something failed on the server; nothing was half-stored, and the request can be retried."),
    })
}

fn idempotency_key() -> Value {
    json!({
        "name": "Idempotency-Key",
        "in": "header",
        "required": false,
        "description": "Makes a retry safe: a request repeated with the same key and the same \
            body returns the first result (with `Idempotent-Replayed: true`) instead of creating \
            again, whichever server it reaches and across restarts; the same key with a \
            different body is refused (422); a repeat while the first has not finished gets \
            409 (if that persists, the first stopped before answering: check whether it took \
            effect). Keys are each user's own, 1 to 200 visible ASCII characters, and kept for \
            24 hours from their first request.",
        "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[!-~]+$"},
        "example": "5f0c3e5e-7d1a-4f7e-9b8a-2c1d2e3f4a5b",
    })
}

/// The token scopes that allow an operation, each enough alone: asked of the rule every API
/// request is checked by, so that the document cannot state another.
fn scopes_for(path: &str, method: &str) -> Vec<&'static str> {
    let method = axum::http::Method::from_bytes(method.to_ascii_uppercase().as_bytes())
        .expect("an HTTP method");
    TokenScope::ALL
        .into_iter()
        .filter(|s| crate::auth::scopes_allow(&[*s], &method, path))
        .map(TokenScope::as_str)
        .collect()
}

fn finish_operation(path: &str, method: &str, op: &mut Value) {
    let id = op["operationId"].as_str().unwrap_or_default().to_string();
    let (who, creates) = operation(&id).unwrap_or((Who::Staff, false));
    let scopes = scopes_for(path, method);
    op["security"] = scopes.iter().map(|s| json!({"bearer": [s]})).collect();
    let roles = who.roles();
    let scope_words = scopes
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(" or ");
    let mut description = op["description"].as_str().unwrap_or_default().to_string();
    if !description.is_empty() {
        description.push_str("\n\n");
    }
    description.push_str(&format!(
        "Token scope: {scope_words}. Roles: {}.",
        roles.join(", ")
    ));
    op["description"] = Value::String(description);
    op["x-corridor-roles"] = json!(roles);

    let has_body = op.get("requestBody").is_some();
    let has_path_params = op["parameters"]
        .as_array()
        .is_some_and(|ps| ps.iter().any(|p| p["in"] == "path"));
    if creates {
        let params = op
            .as_object_mut()
            .expect("an operation is an object")
            .entry("parameters")
            .or_insert_with(|| json!([]));
        let list = params.as_array_mut().expect("parameters is a list");
        list.retain(|p| p["name"] != "Idempotency-Key");
        list.push(json!({"$ref": "#/components/parameters/IdempotencyKey"}));
    }
    if let Some(body) = op.get_mut("requestBody")
        && body.get("description").is_none()
    {
        body["description"] = json!("The request, as JSON.");
    }

    let responses = op
        .as_object_mut()
        .expect("an operation is an object")
        .entry("responses")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .expect("responses is an object");
    for (status, response) in responses.iter_mut() {
        let missing = response
            .get("description")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty);
        if missing && response.get("$ref").is_none() {
            response["description"] = json!(success_description(status));
        }
    }
    let mut add = |status: &str, name: &str| {
        // A response the annotation wrote itself is more specific: keep it, fill its gaps.
        match responses.get_mut(status) {
            Some(existing) => {
                if existing.get("content").is_none() {
                    existing["content"] = json!({"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}});
                }
            }
            None => {
                responses.insert(
                    status.to_string(),
                    json!({"$ref": format!("#/components/responses/{name}")}),
                );
            }
        }
    };
    // Query and path values, and JSON bodies, can all be unreadable.
    add("400", "BadRequest");
    add("401", "Unauthorized");
    add("403", "Forbidden");
    if has_path_params || method != "get" {
        add("404", "NotFound");
    }
    // Any store call may answer with a conflict (an exporting server without its signing
    // key, a state that changed underneath), reads included.
    add("409", "Conflict");
    if has_body {
        add("413", "TooLarge");
        add("415", "UnsupportedMediaType");
    }
    add("422", "Invalid");
    add("500", "Internal");
}

fn success_description(status: &str) -> &'static str {
    match status {
        "200" => "Done; the result.",
        "201" => "Created.",
        "202" => "Accepted.",
        "204" => "Done; nothing to return.",
        "400" => "The request could not be read.",
        "401" => "No valid bearer token.",
        "403" => "Not allowed for this token or user.",
        "404" => "The object does not exist, or is outside the user's data scope.",
        "409" => "The change conflicts with the current state.",
        "422" => "Refused, with the reason.",
        _ => "See the operation's description.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document() -> Value {
        let (_, openapi) = utoipa_axum::router::OpenApiRouter::<crate::AppState>::new()
            .nest("/api/v1", super::super::routes())
            .split_for_parts();
        let mut doc = serde_json::to_value(&openapi).unwrap();
        finish(&mut doc);
        doc
    }

    fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
        let mut out = Vec::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for m in METHODS {
                if let Some(op) = item.get(m) {
                    out.push((path.clone(), m.to_string(), op));
                }
            }
        }
        out
    }

    #[test]
    fn every_operation_says_who_may_call_it() {
        let doc = document();
        let ops = operations(&doc);
        assert_eq!(
            ops.len(),
            OPERATIONS.len(),
            "OPERATIONS lists every route once"
        );
        for (path, method, op) in ops {
            let id = op["operationId"].as_str().unwrap();
            assert!(
                operation(id).is_some(),
                "{method} {path} ({id}) is not in OPERATIONS"
            );
            assert!(
                !op["x-corridor-roles"].as_array().unwrap().is_empty(),
                "{id}"
            );
        }
    }

    #[test]
    fn every_response_is_described_and_errors_use_the_error_schema() {
        let doc = document();
        for (path, method, op) in operations(&doc) {
            for (status, r) in op["responses"].as_object().unwrap() {
                if r.get("$ref").is_some() {
                    continue;
                }
                assert!(
                    r["description"].as_str().is_some_and(|d| !d.is_empty()),
                    "{method} {path} {status} has no description"
                );
                if status.starts_with('4') || status.starts_with('5') {
                    assert_eq!(
                        r["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ErrorBody",
                        "{method} {path} {status}"
                    );
                }
            }
            for status in ["400", "401", "403", "422", "500"] {
                assert!(
                    op["responses"].get(status).is_some(),
                    "{method} {path} {status}"
                );
            }
        }
    }

    #[test]
    fn creating_operations_take_an_idempotency_key() {
        let doc = document();
        let mut keyed = 0;
        for (path, method, op) in operations(&doc) {
            let id = op["operationId"].as_str().unwrap();
            let takes_key = op["parameters"].as_array().is_some_and(|ps| {
                ps.iter()
                    .any(|p| p["$ref"] == "#/components/parameters/IdempotencyKey")
            });
            let (_, creates) = operation(id).unwrap();
            assert_eq!(takes_key, creates, "{method} {path} ({id})");
            keyed += usize::from(takes_key);
        }
        assert_eq!(
            keyed,
            OPERATIONS.iter().filter(|(_, _, creates)| *creates).count()
        );
        assert_eq!(doc["info"]["title"], "Corridor API");
        assert_eq!(doc["info"]["license"]["name"], "AGPL-3.0-or-later");
    }

    #[test]
    fn each_operation_states_the_scopes_the_server_checks() {
        let doc = document();
        let security = |path: &str, method: &str| -> Vec<String> {
            doc["paths"][path][method]["security"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["bearer"][0].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(security("/api/v1/inquiries", "post"), ["write", "intake"]);
        assert_eq!(security("/api/v1/inquiries", "get"), ["read"]);
        assert_eq!(security("/api/v1/cases/{id}/referrals", "post"), ["write"]);
        for (path, method, op) in operations(&doc) {
            assert!(
                !op["security"].as_array().unwrap().is_empty(),
                "{method} {path} can be called by some scope"
            );
        }
    }

    #[test]
    fn every_request_body_has_an_example() {
        let doc = document();
        let schemas = &doc["components"]["schemas"];
        let mut missing = Vec::new();
        for (path, method, op) in operations(&doc) {
            let Some(content) = op["requestBody"]["content"]["application/json"].as_object() else {
                continue;
            };
            let schema = &content["schema"];
            let named = schema["$ref"]
                .as_str()
                .and_then(|r| r.strip_prefix("#/components/schemas/"))
                .map(|n| &schemas[n]);
            let has = content.contains_key("example")
                || content.contains_key("examples")
                || schema.get("example").is_some()
                || named.is_some_and(|s| s.get("example").is_some() || s.get("examples").is_some());
            if !has {
                missing.push(format!("{method} {path}"));
            }
        }
        assert!(missing.is_empty(), "no example: {missing:#?}");
    }

    /// Whether the server reads `example` as the request type `T`.
    fn reads<T: serde::de::DeserializeOwned>(example: &Value) -> Result<(), String> {
        serde_json::from_value::<T>(example.clone())
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_examples_of_request_bodies_are_read_by_the_server() {
        use super::super::{cases, inquiries, people, referrals, workflow};
        type Reads = fn(&Value) -> Result<(), String>;
        let readers: &[(&str, &str, Reads)] = &[
            (
                "post",
                "/api/v1/cases/{id}/priority",
                reads::<cases::PriorityRequest>,
            ),
            (
                "post",
                "/api/v1/reviews/{id}/decision",
                reads::<people::Decision>,
            ),
            (
                "post",
                "/api/v1/persons/{id}/merge",
                reads::<people::MergeRequest>,
            ),
            (
                "post",
                "/api/v1/persons/{id}/detach",
                reads::<people::DetachRequest>,
            ),
            ("post", "/api/v1/orgs", reads::<referrals::OrgInput>),
            (
                "post",
                "/api/v1/referrals/bulk",
                reads::<referrals::BulkReferralInput>,
            ),
            (
                "post",
                "/api/v1/referrals/{id}/action",
                reads::<corridor_domain::ReferralAction>,
            ),
            (
                "post",
                "/api/v1/partner/referrals/{id}/action",
                reads::<corridor_domain::ReferralAction>,
            ),
            (
                "post",
                "/api/v1/cases/{id}/replies",
                reads::<referrals::ReplyInput>,
            ),
            (
                "post",
                "/api/v1/replies/bulk",
                reads::<referrals::BulkReplyInput>,
            ),
            (
                "put",
                "/api/v1/requesters/{id}/language",
                reads::<referrals::LanguageInput>,
            ),
            (
                "post",
                "/api/v1/cases/bulk/assign",
                reads::<workflow::BulkAssignRequest>,
            ),
            (
                "post",
                "/api/v1/cases/bulk/status",
                reads::<workflow::BulkStatusRequest>,
            ),
            (
                "post",
                "/api/v1/tasks/{id}/done",
                reads::<workflow::TaskDoneRequest>,
            ),
            (
                "post",
                "/api/v1/notifications/read",
                reads::<workflow::ReadRequest>,
            ),
            (
                "post",
                "/api/v1/persons/{id}/pathways",
                reads::<workflow::PathwayRequest>,
            ),
            (
                "post",
                "/api/v1/persons/{id}/pathways/{pathway}/evidence",
                reads::<workflow::EvidenceRequest>,
            ),
            (
                "post",
                "/api/v1/inquiries",
                reads::<inquiries::InquiryInput>,
            ),
        ];
        let doc = document();
        for (path, method, op) in operations(&doc) {
            let example = &op["requestBody"]["content"]["application/json"]["example"];
            if example.is_null() {
                continue;
            }
            let (_, _, read) = readers
                .iter()
                .find(|(m, p, _)| *m == method && *p == path)
                .unwrap_or_else(|| panic!("{method} {path}: list how its example is read"));
            if let Err(e) = read(example) {
                panic!("{method} {path}: the server does not read its example: {e}");
            }
        }
    }

    #[test]
    fn text_limits_are_stated() {
        let doc = document();
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["PersonDetails"]["properties"]["given_name"]["maxLength"],
            1000
        );
        assert_eq!(
            schemas["NoteRequest"]["properties"]["body"]["maxLength"],
            20000
        );
        assert_eq!(
            schemas["ReferralInput"]["properties"]["reason"]["maxLength"],
            2000
        );
        assert_eq!(schemas["OrgInput"]["properties"]["name"]["maxLength"], 200);
    }

    #[test]
    fn enums_are_documented_by_their_wire_values() {
        let doc = document();
        let kinds = &doc["components"]["schemas"]["RequesterKind"]["enum"];
        assert!(
            kinds.as_array().unwrap().contains(&json!("self")),
            "{kinds}"
        );
        let langs = &doc["components"]["schemas"]["Language"]["enum"];
        assert_eq!(langs, &json!(["en", "prs", "ps", "ur"]));
    }
}
