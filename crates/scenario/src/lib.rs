//! corridor-scenario
