//! People, the review queue of possible matches, and merges.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Redirect;
use corridor_domain::{MergeId, PersonDetails, PersonId, RecordId, ReviewId, ReviewStatus};
use corridor_matching::{Evidence, Field, Level};
use corridor_store::{Cursor, PageRequest};
use serde::Deserialize;

use super::given;
use crate::auth::Staff;
use crate::views::{
    self, CompareRow, MergeRow, Nav, PersonPage, PersonRow, RecordRow, ReviewPage, ReviewRow,
    ReviewsPage,
};
use crate::{AppState, PageError};

fn require_manage(staff: &Staff) -> Result<(), PageError> {
    if staff.user.role.can_manage_cases() {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-people")))
    }
}

/// Deciding who is the same person joins records across the whole organization, so the
/// review queue and merges are for leads (and administrators).
fn require_review(staff: &Staff) -> Result<(), PageError> {
    if crate::access::can_review(staff.user.role) {
        Ok(())
    } else {
        Err(PageError::Forbidden(crate::t("refuse-role-reviews")))
    }
}

#[derive(Deserialize)]
pub(crate) struct ListQuery {
    after: Option<String>,
    done: Option<String>,
}

pub(crate) async fn reviews(
    State(state): State<AppState>,
    staff: Staff,
    Query(q): Query<ListQuery>,
) -> Result<ReviewsPage, PageError> {
    require_review(&staff)?;
    let after = given(&q.after).and_then(Cursor::decode);
    let page = state
        .store
        .list_reviews(ReviewStatus::Pending, PageRequest::after(50, after))
        .await?;
    Ok(ReviewsPage {
        nav: Nav::new(&staff, "reviews"),
        rows: page
            .items
            .iter()
            .map(|r| ReviewRow {
                id: r.id.0,
                record_name: r.record.details.display_name(),
                reference: r.record.reference.to_string(),
                requester: r.record.requester_name.clone(),
                candidate: r.candidate.0,
                probability: format!("{:.2}", r.probability),
                age: views::age(r.created_at),
            })
            .collect(),
        total: page.total,
        next: page.next.map(|c| c.encode()),
        notice: match q.done.as_deref() {
            Some("same") => Some(crate::t("done-merged")),
            Some("different") => Some(crate::t("done-different")),
            _ => None,
        },
    })
}

fn field_label(f: Field) -> &'static str {
    match f {
        Field::GivenName => "Given name",
        Field::FamilyName => "Family name",
        Field::FatherName => "Father's name",
        Field::DateOfBirth => "Born",
        Field::Sex => "Sex",
        Field::NationalId => "Tazkira",
        Field::Passport => "Passport",
        Field::Phone => "Phone",
        Field::Email => "Email",
        Field::Address => "Address",
        Field::Province => "Province",
    }
}

fn field_value(f: Field, d: &PersonDetails) -> String {
    let v = match f {
        Field::GivenName => d.given_name.clone().or_else(|| d.full_name.clone()),
        Field::FamilyName => d.family_name.clone(),
        Field::FatherName => d.father_name.clone(),
        Field::DateOfBirth => d.date_of_birth.clone(),
        Field::Sex => d.sex.map(crate::terms::term),
        Field::NationalId => d.national_id.clone(),
        Field::Passport => d.passport.clone(),
        Field::Phone => d.phone.clone(),
        Field::Email => d.email.clone(),
        Field::Address => d.address.clone(),
        Field::Province => d.province.clone(),
    };
    v.unwrap_or_default()
}

fn level_label(l: Level) -> &'static str {
    match l {
        Level::Missing => "missing",
        Level::Different => "different",
        Level::Partial => "partly agree",
        Level::Close => "close",
        Level::Exact => "same",
    }
}

pub(crate) async fn review(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
) -> Result<ReviewPage, PageError> {
    require_review(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Review(ReviewId(id)),
    )
    .await?;
    let r = state
        .store
        .get_review(ReviewId(id))
        .await?
        .ok_or_else(|| PageError::NotFound(crate::t1("not-found-review", "n", id)))?;
    let candidate = state
        .store
        .get_person(r.candidate, &staff.actor())
        .await?
        .ok_or_else(|| PageError::NotFound(crate::t("refuse-known-gone")))?;
    let evidence: Option<Evidence> = serde_json::from_str(&r.evidence).ok();
    // The candidate's record the matcher compared with, when the evidence names it; else
    // the person's consolidated details.
    let compared = serde_json::from_str::<serde_json::Value>(&r.evidence)
        .ok()
        .and_then(|v| v.get("record").and_then(serde_json::Value::as_i64))
        .and_then(|id| candidate.records.iter().find(|rec| rec.id.0 == id))
        .map(|rec| &rec.details)
        .unwrap_or(&candidate.person.details);
    let rows = match &evidence {
        Some(e) => e
            .fields
            .iter()
            .map(|f| CompareRow {
                label: field_label(f.field),
                left: field_value(f.field, &r.record.details),
                right: field_value(f.field, compared),
                level: level_label(f.level),
                weight: if f.level == Level::Missing {
                    String::new()
                } else {
                    format!("{:+.1}", f.weight)
                },
                class: match f.level {
                    Level::Exact | Level::Close => "agree",
                    Level::Different => "differ",
                    _ => "",
                },
            })
            .collect(),
        // Without the matcher's evidence (a review raised by a rule), compare every field.
        None => [
            Field::GivenName,
            Field::FamilyName,
            Field::FatherName,
            Field::DateOfBirth,
            Field::Sex,
            Field::NationalId,
            Field::Passport,
            Field::Phone,
            Field::Province,
        ]
        .into_iter()
        .map(|f| CompareRow {
            label: field_label(f),
            left: field_value(f, &r.record.details),
            right: field_value(f, &candidate.person.details),
            level: "",
            weight: String::new(),
            class: "",
        })
        .collect(),
    };
    Ok(ReviewPage {
        nav: Nav::new(&staff, "reviews"),
        id,
        status: r.status.as_str(),
        pending: r.status == ReviewStatus::Pending,
        probability: format!("{:.2}", r.probability),
        record_inquiry: r.record.inquiry_id.0,
        record_reference: r.record.reference.to_string(),
        record_requester: r.record.requester_name.clone(),
        candidate: candidate.person.id.0,
        candidate_records: candidate.person.record_count,
        rows,
        total_weight: evidence
            .as_ref()
            .map(|e| format!("{:+.1}", e.total_weight))
            .unwrap_or_default(),
        guard: evidence.and_then(|e| e.guard).map(|g| format!("{g:?}")),
    })
}

#[derive(Deserialize)]
pub(crate) struct DecisionForm {
    csrf: String,
    same: String,
}

pub(crate) async fn decide(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_review(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Review(ReviewId(id)),
    )
    .await?;
    let same = match form.same.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(PageError::BadRequest(crate::t("refuse-same-or-different"))),
    };
    state
        .store
        .decide_review(ReviewId(id), same, &staff.actor())
        .await?;
    Ok(Redirect::to(if same {
        "/reviews?done=same"
    } else {
        "/reviews?done=different"
    }))
}

#[derive(Deserialize)]
pub(crate) struct PersonQuery {
    done: Option<String>,
    /// The person a record was just detached into.
    new: Option<i64>,
}

pub(crate) async fn person(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Query(q): Query<PersonQuery>,
) -> Result<PersonPage, PageError> {
    person_page(&state, &staff, id, q).await
}

/// The person page as it stands, for a refusal to be shown on it.
pub(crate) async fn page_for(
    state: &AppState,
    staff: &Staff,
    id: i64,
) -> Result<PersonPage, PageError> {
    person_page(
        state,
        staff,
        id,
        PersonQuery {
            done: None,
            new: None,
        },
    )
    .await
}

async fn person_page(
    state: &AppState,
    staff: &Staff,
    id: i64,
    q: PersonQuery,
) -> Result<PersonPage, PageError> {
    let state = state.clone();
    let staff = staff.clone();
    require_manage(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Person(PersonId(id)),
    )
    .await?;
    let file = state
        .store
        .get_person(PersonId(id), &staff.actor())
        .await?
        .ok_or_else(|| PageError::NotFound(crate::t1("not-found-person", "n", id)))?;
    let pathways = state
        .store
        .person_pathways(PersonId(id), &staff.actor())
        .await?;
    let name = file.person.details.display_name();
    let documents = crate::documents::DocumentsPanel::load(
        &state,
        corridor_store::documents::DocumentOwner::Person(PersonId(id)),
        true,
        q.done.as_deref(),
    )
    .await?;
    // Evidence may point to the person's documents or to those of a case they are on.
    let mut evidence_documents: Vec<views::Choice> = documents
        .rows
        .iter()
        .map(|d| views::Choice {
            value: d.id.to_string(),
            label: format!("{} · {} · {}", d.kind, d.media_type, d.size),
            selected: false,
        })
        .collect();
    if documents.visible {
        for c in &file.cases {
            for d in state
                .store
                .documents_of(corridor_store::documents::DocumentOwner::Case(*c))
                .await?
            {
                let row = crate::documents::DocumentRow::new(&state, &d);
                evidence_documents.push(views::Choice {
                    value: row.id.to_string(),
                    label: format!("{} · {} · {} · C-{c}", row.kind, row.media_type, row.size),
                    selected: false,
                });
            }
        }
    }
    Ok(PersonPage {
        documents,
        evidence_documents,
        pathways: pathways
            .iter()
            .map(|p| views::PathwayView::new(p, name.clone()))
            .collect(),
        all_pathways: views::Choice::list(
            corridor_domain::Pathway::ALL,
            None,
            |p| p.as_str().into(),
            crate::terms::term,
        ),
        evidence_kinds: views::Choice::list(
            corridor_domain::EvidenceKind::ALL,
            None,
            |k| k.as_str().into(),
            crate::terms::term,
        ),
        nav: Nav::new(&staff, "cases"),
        id,
        name: file.person.details.display_name(),
        merged_into: file.merged_into.map(|p| p.0),
        sources: file
            .sources
            .iter()
            .map(|s| {
                (
                    s.field.replace('_', " "),
                    s.value.clone(),
                    s.inquiry_id.0,
                    s.reference.to_string(),
                )
            })
            .collect(),
        cases: file.cases.iter().map(|c| c.0).collect(),
        records: file
            .records
            .iter()
            .map(|r| RecordRow {
                id: r.id.0,
                inquiry: r.inquiry_id.0,
                reference: r.reference.to_string(),
                received: views::when(r.received_at),
                requester: r.requester_name.clone(),
                person: PersonRow::from_details(&r.details),
            })
            .collect(),
        merges: file
            .merges
            .iter()
            .map(|m| MergeRow {
                id: m.id.0,
                at: views::when(m.at),
                kept: m.kept_id.0,
                merged: m.merged_id.0,
                records: m.records_moved,
                undone: m.undone,
            })
            .collect(),
        can_manage: crate::access::can_review(staff.user.role),
        notice: match q.done.as_deref() {
            Some("undone") => Some(crate::t("done-undone")),
            _ => None,
        },
        detached: q.new.filter(|_| q.done.as_deref() == Some("detached")),
    })
}

#[derive(Deserialize)]
pub(crate) struct UndoForm {
    csrf: String,
    /// The person page the undo was asked from, to return to.
    person: i64,
}

pub(crate) async fn undo_merge(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<UndoForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_review(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Merge(MergeId(id)),
    )
    .await?;
    state.store.undo_merge(MergeId(id), &staff.actor()).await?;
    Ok(Redirect::to(&format!(
        "/persons/{}?done=undone",
        form.person
    )))
}

#[derive(Deserialize)]
pub(crate) struct DetachForm {
    csrf: String,
    record: i64,
    reason: Option<String>,
}

/// "Detach this record": the record is someone else, so it becomes a person of its own (the
/// undo for a sure match). Authorized like merges: it changes who is who.
pub(crate) async fn detach(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<DetachForm>,
) -> Result<Redirect, PageError> {
    staff.check_csrf(&form.csrf)?;
    require_review(&staff)?;
    crate::access::page_object(
        &state,
        staff.scope(),
        corridor_store::ScopedObject::Person(PersonId(id)),
    )
    .await?;
    let new = state
        .store
        .detach_record(
            PersonId(id),
            RecordId(form.record),
            given(&form.reason),
            &staff.actor(),
        )
        .await?;
    Ok(Redirect::to(&format!(
        "/persons/{id}?done=detached&new={new}"
    )))
}
