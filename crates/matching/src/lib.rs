//! corridor-matching
