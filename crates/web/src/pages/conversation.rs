//! The text messages of a case's requests (SMS, WhatsApp), as the case page shows them: each
//! with its channel, direction and delivery state. Reading them is audited by the store.

use corridor_domain::{Case, ConversationMessage, MessageDirection};

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

/// The case's conversation; the caller has checked the reader may see the case.
pub(crate) async fn case_conversation(
    state: &AppState,
    staff: &Staff,
    case: &Case,
) -> Result<Vec<MessageView>, PageError> {
    Ok(state
        .store
        .case_messages(case.summary.id, &staff.actor())
        .await?
        .iter()
        .map(MessageView::from)
        .collect())
}
