//! corridor-web
