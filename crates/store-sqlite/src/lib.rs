//! corridor-store-sqlite
