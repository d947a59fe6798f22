//! What Corridor does to a file before it becomes a document: the type read from its bytes,
//! the limits, metadata removed, a thumbnail (`pipeline`, pure but for the HEIC conversion);
//! and the ClamAV client that scans it (`clamd`).

pub mod clamd;
mod heic;
pub mod magic;
pub mod pipeline;
pub mod testing;

pub use clamd::{ClamdAddr, ClamdError, Verdict};
pub use magic::Detected;
pub use pipeline::{Limits, Prepared, Refused, prepare};
