//! corridor-matching: normalization, blocking, probabilistic scoring and clustering of
//! person records. Pure library: no I/O beyond what the caller hands in.

pub mod normalize;
