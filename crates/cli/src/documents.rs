//! `corridor serve`'s document settings: the limits and the ClamAV daemon.

use anyhow::Context;

#[derive(clap::Args, Debug, Clone)]
pub struct DocumentArgs {
    /// The ClamAV daemon that scans documents: host:port or unix:/path (Debian's
    /// clamav-daemon listens on unix:/run/clamav/clamd.ctl). With it, a document is held (not
    /// downloaded, not shared) until clamd says clean, and malware is refused.
    #[arg(long, env = "CORRIDOR_CLAMD")]
    pub clamd: Option<String>,
    /// Megabytes per document file at most.
    #[arg(long, env = "CORRIDOR_DOCUMENT_MAX_MB", default_value_t = 10)]
    pub document_max_mb: usize,
    /// Files per upload at most (the public form, an email).
    #[arg(long, env = "CORRIDOR_DOCUMENT_MAX_FILES", default_value_t = 5)]
    pub document_max_files: usize,
}

impl DocumentArgs {
    pub fn limits(&self) -> corridor_documents::Limits {
        corridor_documents::Limits {
            max_bytes: self.document_max_mb.max(1) * 1024 * 1024,
            max_files: self.document_max_files.max(1),
            ..corridor_documents::Limits::default()
        }
    }

    pub fn clamd(&self) -> anyhow::Result<Option<corridor_documents::ClamdAddr>> {
        self.clamd
            .as_deref()
            .filter(|a| !a.trim().is_empty())
            .map(|a| {
                a.parse::<corridor_documents::ClamdAddr>()
                    .map_err(anyhow::Error::msg)
                    .context("--clamd")
            })
            .transpose()
    }
}
