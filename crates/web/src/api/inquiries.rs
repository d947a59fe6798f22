use super::extract::Json;
use super::extract::Query;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, Utc};
use corridor_domain::{
    BoundedText, CaseCategory, CaseId, Channel, InquiryId, InquirySummary, NewInquiry,
    NewRequester, PersonDetails, ReferenceNumber,
};
use corridor_store::{InquiryFilter, PageRequest, RecordedInquiry};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use utoipa::{IntoParams, ToSchema};

use crate::ApiError;
use crate::AppState;
use crate::auth::ApiCaller;

/// Longest free-text field of a person, in characters.
pub(crate) const MAX_FIELD: usize = 1_000;

/// A person's free-text fields, each at most [`MAX_FIELD`] characters: checked here, and
/// stated as `maxLength` in the document (`contract`) from the same list.
pub(crate) fn person_texts(p: &PersonDetails) -> [(&'static str, &Option<String>); 14] {
    [
        ("given_name", &p.given_name),
        ("family_name", &p.family_name),
        ("full_name", &p.full_name),
        ("father_name", &p.father_name),
        ("date_of_birth", &p.date_of_birth),
        ("national_id", &p.national_id),
        ("passport", &p.passport),
        ("phone", &p.phone),
        ("email", &p.email),
        ("address", &p.address),
        ("province", &p.province),
        ("location", &p.location),
        ("relationship", &p.relationship),
        ("needs", &p.needs),
    ]
}
const MAX_PEOPLE: usize = 200;
const MAX_BATCH: usize = 1_000;

/// One request for help, as an integration or a form sends it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[schema(example = json!({
    "category": "border_crossing",
    "subject": "Family of four waiting at Torkham",
    "body": "The principal applicant's SIV is at chief-of-mission approval.",
    "requester": {"kind": "ngo", "name": "Relief desk", "email": "desk@relief.example.org"},
    "household": "Example household",
    "people": [
        {"given_name": "Example", "family_name": "Applicant", "date_of_birth": "1988-03-21",
         "sex": "female", "passport": "P0000000", "relationship": "principal"}
    ],
    "received_at": "2026-08-28T09:30:00Z"
}))]
pub struct InquiryInput {
    pub category: CaseCategory,
    /// Not blank.
    #[schema(min_length = 1, max_length = 300)]
    pub subject: String,
    /// What was asked, in the requester's words.
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub body: Option<String>,
    pub requester: NewRequester,
    /// The household's name as the requester writes it, when the people move together.
    #[serde(default)]
    #[schema(max_length = 200)]
    pub household: Option<String>,
    /// At most 200; send larger lists as a spreadsheet.
    #[serde(default)]
    #[schema(max_items = 200)]
    pub people: Vec<PersonDetails>,
    /// When it was received, if earlier than now (a forwarded email, a paper list); a time in
    /// the future is refused.
    #[serde(default)]
    pub received_at: Option<DateTime<Utc>>,
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InvalidInput(pub String);

fn check_len(what: &str, value: &Option<String>, max: usize) -> Result<(), InvalidInput> {
    match value {
        Some(v) if v.chars().count() > max => Err(InvalidInput(format!(
            "{what} is longer than {max} characters"
        ))),
        _ => Ok(()),
    }
}

impl InquiryInput {
    /// The values kept as written that a person should fix (an impossible date of birth, an
    /// email that is not one): the same reading as every other door (see
    /// `corridor_intake::validate`).
    pub fn flags(&self) -> Vec<FieldFlag> {
        corridor_intake::validate::inquiry(&self.requester, &self.people)
            .into_iter()
            .map(|f| FieldFlag {
                field: f.field,
                reason: f.reason,
            })
            .collect()
    }

    /// Refuses a date of birth that cannot exist or lies in the future, naming its field: a
    /// program can correct it and send again (forms ask a person to confirm instead, and
    /// imports list it by row; see `corridor_intake::validate`).
    pub fn refuse_impossible_dates(&self) -> Result<(), InvalidInput> {
        match corridor_intake::validate::impossible_dates(&self.people, Utc::now().date_naive()) {
            Some(flag) => Err(InvalidInput(format!(
                "{}: {}; give the date as written on the person's documents, or leave it out",
                flag.field, flag.reason
            ))),
            None => Ok(()),
        }
    }

    /// Checks the input and makes it an inquiry, keeping `raw` (what arrived) verbatim.
    pub fn into_new_inquiry(
        self,
        channel: Channel,
        raw: String,
        content_type: &str,
        idempotency_key: Option<String>,
    ) -> Result<NewInquiry, InvalidInput> {
        let subject = BoundedText::parse("subject", &self.subject, 300)
            .map_err(|e| InvalidInput(e.to_string()))?;
        BoundedText::parse("requester name", &self.requester.name, 200)
            .map_err(|e| InvalidInput(e.to_string()))?;
        check_len("body", &self.body, 20_000)?;
        check_len("household", &self.household, 200)?;
        if self.people.len() > MAX_PEOPLE {
            return Err(InvalidInput(format!(
                "an inquiry may name at most {MAX_PEOPLE} people; send larger lists as a spreadsheet"
            )));
        }
        for (i, p) in self.people.iter().enumerate() {
            for (name, value) in person_texts(p) {
                check_len(&format!("people[{i}].{name}"), value, MAX_FIELD)?;
            }
        }
        let now = Utc::now();
        let received_at = self.received_at.unwrap_or(now);
        corridor_intake::validate::received_at(received_at, now).map_err(InvalidInput)?;
        Ok(NewInquiry {
            channel,
            requester: self.requester,
            received_at,
            subject: subject.into_string(),
            category: self.category,
            raw_payload: raw,
            content_type: content_type.to_string(),
            household_label: self.household.filter(|h| !h.trim().is_empty()),
            people: self.people,
            idempotency_key,
            matches: Vec::new(),
        })
    }
}

/// A value taken in as written but not readable: kept, and flagged for a person to fix.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldFlag {
    /// Where, for example `people[0].date_of_birth`.
    pub field: String,
    /// Why it cannot be read.
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Recorded {
    pub id: InquiryId,
    /// The number to give the requester.
    pub reference: ReferenceNumber,
    /// The case it was routed to; absent while it waits for triage.
    pub case_id: Option<CaseId>,
    /// True when this was a retry of a request already stored.
    pub already_present: bool,
    /// Values kept as written that cannot be read; the inquiry is stored all the same, and
    /// the values are shown to staff to fix.
    pub flagged: Vec<FieldFlag>,
}

impl From<RecordedInquiry> for Recorded {
    fn from(r: RecordedInquiry) -> Self {
        Recorded {
            id: r.id,
            reference: r.reference,
            case_id: r.case_id,
            already_present: r.already_present,
            flagged: Vec::new(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BatchRecorded {
    /// One result per inquiry sent, in the order sent.
    pub results: Vec<Recorded>,
}

/// A batch: stored all together or not at all. Each item with an `Idempotency-Key` is keyed
/// `{key}#{position}`.
#[derive(Debug, Deserialize, ToSchema)]
#[allow(dead_code)] // documents the wire format; the handler reads batches item by item
pub struct InquiryBatch {
    /// At most 1,000.
    #[schema(max_items = 1000)]
    pub inquiries: Vec<InquiryInput>,
}

/// The body of `POST /inquiries`: one inquiry, or a batch (an object with `inquiries`).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
#[allow(dead_code)] // documents the wire format; the handler reads the body itself
pub enum InquiryRequest {
    One(InquiryInput),
    Batch(InquiryBatch),
}

/// The answer to `POST /inquiries`: a result for one inquiry, or `results` for a batch.
#[derive(Debug, Serialize, ToSchema)]
#[serde(untagged)]
#[allow(dead_code)] // documents the wire format; the handler builds the JSON itself
pub enum InquiryResult {
    One(Recorded),
    Batch(BatchRecorded),
}

#[derive(Deserialize)]
struct Batch<'a> {
    #[serde(borrow)]
    inquiries: Vec<&'a RawValue>,
}

fn parse_item(raw: &str, position: Option<usize>) -> Result<InquiryInput, ApiError> {
    serde_json::from_str(raw).map_err(|e| {
        let at = position
            .map(|i| format!("inquiries[{i}]: "))
            .unwrap_or_default();
        ApiError::Invalid(format!("{at}{e}"))
    })
}

/// Take in one inquiry, or a batch as `{"inquiries": [...]}` (stored all together or not at
/// all). With an `Idempotency-Key` header, a retried request returns what the first stored
/// instead of storing it again. A date of birth that cannot exist (31/02/1990) or lies in the
/// future is refused (422, the message starting with its field, `people[0].date_of_birth`);
/// other values Corridor cannot read (a date written some other way, an email, a phone or a
/// document number that is not one) are stored as written and listed in `flagged`.
#[utoipa::path(
    operation_id = "create_inquiries", post, path = "/inquiries", tag = "inquiries",
    request_body(content = InquiryRequest, description = "One inquiry, or `{\"inquiries\": [...]}` for a batch",
        example = json!({"category": "border_crossing", "subject": "Family of four waiting at Torkham",
                         "requester": {"kind": "ngo", "name": "Relief desk"},
                         "people": [{"given_name": "Example", "family_name": "Applicant", "date_of_birth": "1988-03-21"}]})),
    responses(
        (status = 201, description = "Stored (a batch: every inquiry of it)", body = InquiryResult),
        (status = 200, description = "Already stored under this Idempotency-Key: the first result", body = InquiryResult),
        (status = 422, description = "Refused, with the reason (an impossible or future date of birth names its field); nothing of a batch is stored", body = crate::error::ErrorBody),
    )
)]
pub(crate) async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<serde_json::Value>), ApiError> {
    if !caller.user.role.can_take_intake() {
        return Err(ApiError::Forbidden(
            "this token's user cannot take in inquiries".into(),
        ));
    }
    if !super::extract::is_json(&headers) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let text = std::str::from_utf8(&body)
        .map_err(|_| ApiError::BadRequest("the body is not UTF-8 JSON".into()))?;
    let value = super::extract::check_body(&body)?;
    let key = headers
        .get("idempotency-key")
        .map(|v| {
            v.to_str()
                .ok()
                .filter(|k| !k.is_empty() && k.len() <= 200)
                .map(|k| format!("api:{}:{k}", caller.user.id))
                .ok_or_else(|| {
                    ApiError::Invalid(
                        "the Idempotency-Key header must be 1 to 200 visible characters".into(),
                    )
                })
        })
        .transpose()?;
    let is_batch = value.get("inquiries").is_some();
    if is_batch {
        let batch: Batch =
            serde_json::from_str(text).map_err(|e| ApiError::Invalid(e.to_string()))?;
        if batch.inquiries.len() > MAX_BATCH {
            return Err(ApiError::Invalid(format!(
                "a batch may hold at most {MAX_BATCH} inquiries"
            )));
        }
        let mut inquiries = Vec::with_capacity(batch.inquiries.len());
        let mut flags = Vec::with_capacity(batch.inquiries.len());
        for (i, raw) in batch.inquiries.iter().enumerate() {
            let input = parse_item(raw.get(), Some(i))?;
            input
                .refuse_impossible_dates()
                .map_err(|e| ApiError::Invalid(format!("inquiries[{i}].{e}")))?;
            flags.push(input.flags());
            let item_key = key.as_ref().map(|k| format!("{k}#{i}"));
            inquiries.push(
                input
                    .into_new_inquiry(
                        Channel::Api,
                        raw.get().to_string(),
                        "application/json",
                        item_key,
                    )
                    .map_err(|e| ApiError::Invalid(format!("inquiries[{i}]: {e}")))?,
            );
        }
        let actor = caller.actor();
        let recorded = state
            .intake(|matcher, store| async move {
                matcher
                    .record_batch(store.as_ref(), inquiries, &actor)
                    .await
            })
            .await?;
        let replay = !recorded.is_empty() && recorded.iter().all(|r| r.already_present);
        let body = BatchRecorded {
            results: recorded
                .into_iter()
                .zip(flags)
                .map(|(r, flagged)| Recorded {
                    flagged,
                    ..Recorded::from(r)
                })
                .collect(),
        };
        let status = if replay {
            StatusCode::OK
        } else {
            StatusCode::CREATED
        };
        return Ok((
            status,
            Json(serde_json::to_value(body).map_err(|e| ApiError::Internal(e.into()))?),
        ));
    }
    let input = parse_item(text, None)?;
    input
        .refuse_impossible_dates()
        .map_err(|e| ApiError::Invalid(e.to_string()))?;
    let flagged = input.flags();
    let inquiry = input
        .into_new_inquiry(Channel::Api, text.to_string(), "application/json", key)
        .map_err(|e| ApiError::Invalid(e.to_string()))?;
    let actor = caller.actor();
    let recorded = Recorded {
        flagged,
        ..Recorded::from(
            state
                .intake(|matcher, store| async move {
                    matcher.record(store.as_ref(), inquiry, &actor).await
                })
                .await?,
        )
    };
    let status = if recorded.already_present {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok((
        status,
        Json(serde_json::to_value(recorded).map_err(|e| ApiError::Internal(e.into()))?),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// Only this channel.
    channel: Option<Channel>,
    /// Only inquiries not yet on a case.
    #[serde(default)]
    untriaged: bool,
    /// Received at or after: `YYYY-MM-DD` (start of that UTC day) or RFC 3339.
    received_from: Option<String>,
    /// Received before: `YYYY-MM-DD` or RFC 3339.
    received_before: Option<String>,
    /// Only inquiries from this kind of requester.
    requester_kind: Option<corridor_domain::RequesterKind>,
    /// Page size, at most 500.
    limit: Option<u32>,
    /// The `next` cursor of the previous page.
    after: Option<String>,
}

/// A time filter of a list: a date or an RFC 3339 time.
pub(crate) fn instant(field: &str, v: Option<&str>) -> Result<Option<DateTime<Utc>>, ApiError> {
    v.map(|v| crate::sitrep::parse_instant(field, v).map_err(ApiError::Invalid))
        .transpose()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InquiryPage {
    pub items: Vec<InquirySummary>,
    pub total: i64,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// List inquiries, newest first.
#[utoipa::path(
    operation_id = "list_inquiries", get, path = "/inquiries", tag = "inquiries", params(ListQuery),
    responses((status = 200, body = InquiryPage), (status = 401, body = crate::error::ErrorBody))
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(q): Query<ListQuery>,
) -> Result<Json<InquiryPage>, ApiError> {
    if !caller.user.role.can_take_intake() {
        return Err(ApiError::Forbidden(
            "this token's user cannot see inquiries".into(),
        ));
    }
    let after = super::cursor(q.after.as_deref())?;
    let page = state
        .store
        .list_inquiries(
            &InquiryFilter {
                channel: q.channel,
                untriaged: q.untriaged,
                received_from: instant("received_from", q.received_from.as_deref())?,
                received_before: instant("received_before", q.received_before.as_deref())?,
                requester_kind: q.requester_kind,
                visible_to: caller.scope().case_list(),
            },
            PageRequest::after(q.limit.unwrap_or(50), after),
        )
        .await?;
    Ok(Json(InquiryPage {
        items: page.items,
        total: page.total,
        next: page.next.map(|c| c.encode()),
    }))
}
