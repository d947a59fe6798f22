//! corridor-domain
