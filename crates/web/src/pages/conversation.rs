//! The text messages of a case's requests (SMS, WhatsApp), as the case page shows them: each
//! with its channel, direction and delivery state, and each number's standing (blocked, opted
//! out). Reading them is audited by the store. Leads and administrators block and unblock a
//! number from here, by the message it wrote: the number is never typed into a form.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Redirect;
use corridor_domain::{Case, CaseId, ConversationMessage, MessageDirection, Role};
use serde::Deserialize;

use crate::auth::Staff;
use crate::{AppState, PageError};

/// One message as the case page shows it.
pub struct MessageView {
    pub at: String,
    pub channel: &'static str,
    /// "in" or "out", for the page's styling.
    pub direction: &'static str,
    pub direction_label: String,
    pub number: String,
    pub reference: Option<String>,
    pub state_code: &'static str,
    pub state: String,
    pub text: String,
}

impl From<&ConversationMessage> for MessageView {
    fn from(m: &ConversationMessage) -> Self {
        MessageView {
            at: crate::views::when(m.at),
            channel: m.channel.label(),
            direction: m.direction.as_str(),
            direction_label: crate::t(match m.direction {
                MessageDirection::Incoming => "msg-from",
                MessageDirection::Outgoing => "msg-to",
            }),
            number: m.number.clone(),
            reference: m.reference.as_ref().map(|r| r.to_string()),
            state_code: m.state.as_str(),
            state: crate::t(&format!("msg-state-{}", m.state.as_str().replace('_', "-"))),
            text: m.text.clone(),
        }
    }
}

/// One number of the conversation and where it stands.
pub struct NumberView {
    pub number: String,
    /// A message the number wrote or was sent: the block form names it, not the number.
    pub message_id: i64,
    pub blocked: bool,
    pub opted_out: bool,
}

/// The conversation section of the case page.
pub struct Conversation {
    pub messages: Vec<MessageView>,
    pub numbers: Vec<NumberView>,
    /// Leads and administrators may block and unblock a number.
    pub may_block: bool,
}

impl Conversation {
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    pub fn len(&self) -> usize {
        self.messages.len()
    }
}

fn may_block(staff: &Staff) -> bool {
    matches!(staff.user.role, Role::Lead | Role::Admin)
}

/// The case's conversation; the caller has checked the reader may see the case.
pub(crate) async fn case_conversation(
    state: &AppState,
    staff: &Staff,
    case: &Case,
) -> Result<Conversation, PageError> {
    let found = state
        .store
        .case_messages(case.summary.id, &staff.actor())
        .await?;
    let mut numbers: Vec<NumberView> = Vec::new();
    for m in &found {
        if !numbers.iter().any(|n| n.number == m.number) {
            numbers.push(NumberView {
                number: m.number.clone(),
                message_id: m.id,
                blocked: m.number_blocked,
                opted_out: m.number_opted_out,
            });
        }
    }
    Ok(Conversation {
        messages: found.iter().map(MessageView::from).collect(),
        numbers,
        may_block: may_block(staff),
    })
}

#[derive(Deserialize)]
pub(crate) struct NumberForm {
    csrf: String,
    /// The id of a message of the case, as text: a bad one is refused after the access checks.
    #[serde(default)]
    message: String,
    #[serde(default)]
    reason: Option<String>,
}

/// The number of one of the case's messages, once the caller may block numbers and see the
/// case.
async fn number_of(
    state: &AppState,
    staff: &Staff,
    case: i64,
    form: &NumberForm,
) -> Result<String, PageError> {
    staff.check_csrf(&form.csrf)?;
    if !may_block(staff) {
        return Err(PageError::Forbidden(crate::t("msg-block-refused")));
    }
    crate::access::page_object(
        state,
        staff.scope(),
        corridor_store::ScopedObject::Case(CaseId(case)),
    )
    .await?;
    let id: i64 = form
        .message
        .trim()
        .parse()
        .map_err(|_| PageError::BadRequest(crate::t("msg-block-no-message")))?;
    state
        .store
        .case_messages(CaseId(case), &staff.actor())
        .await?
        .into_iter()
        .find(|m| m.id == id)
        .map(|m| m.number)
        .ok_or_else(|| PageError::BadRequest(crate::t("msg-block-no-message")))
}

pub(crate) async fn block(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<NumberForm>,
) -> Result<Redirect, PageError> {
    let number = number_of(&state, &staff, id, &form).await?;
    let reason = super::given(&form.reason)
        .ok_or_else(|| PageError::BadRequest(crate::t("msg-block-reason-needed")))?;
    state
        .store
        .block_number(&number, reason, &staff.actor())
        .await?;
    Ok(Redirect::to(&format!(
        "/cases/{id}?done=blocked#conversation"
    )))
}

pub(crate) async fn unblock(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<i64>,
    Form(form): Form<NumberForm>,
) -> Result<Redirect, PageError> {
    let number = number_of(&state, &staff, id, &form).await?;
    state.store.unblock_number(&number, &staff.actor()).await?;
    Ok(Redirect::to(&format!(
        "/cases/{id}?done=unblocked#conversation"
    )))
}
