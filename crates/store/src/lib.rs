//! corridor-store
