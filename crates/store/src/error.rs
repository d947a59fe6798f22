use corridor_domain::TransitionError;

/// What can go wrong behind the storage seam, in terms the app can act on: a missing record is
/// a 404, a conflict a 409, a refused rule a 422, and only `Backend` is a real failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{entity} {id} does not exist")]
    NotFound { entity: &'static str, id: String },
    #[error("{0}")]
    Conflict(String),
    /// A rule the change would break; the words are what a user reads.
    #[error(transparent)]
    Rule(#[from] crate::Refusal),
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// The data key is missing, wrong, or a sealed value does not open: nothing is written.
    #[error(transparent)]
    Crypto(#[from] crate::crypto::CryptoError),
    #[error("database error: {0}")]
    Backend(Box<dyn std::error::Error + Send + Sync>),
}

impl StoreError {
    pub fn not_found(entity: &'static str, id: impl ToString) -> Self {
        StoreError::NotFound {
            entity,
            id: id.to_string(),
        }
    }

    pub fn backend(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        StoreError::Backend(Box::new(e))
    }
}
