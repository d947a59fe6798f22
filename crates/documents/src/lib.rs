//! What Corridor does to a file before it becomes a document: the type read from its bytes,
//! the limits, metadata removed, a thumbnail (`pipeline`, pure but for the HEIC conversion);
//! the ClamAV client that scans it (`clamd`); and `ingest`, which every surface (pages, API,
//! email, ZIP) calls to store a file through both.

pub mod clamd;
mod heic;
pub mod ingest;
pub mod magic;
pub mod pipeline;
pub mod testing;

pub use clamd::{ClamdAddr, ClamdError, Verdict};
pub use ingest::{Checked, IngestError, Settings, check, ingest, store_checked};
pub use magic::Detected;
pub use pipeline::{Limits, Prepared, Refused, prepare};
