//! Limits on what intake accepts. Every one is configurable (command-line flags and
//! environment variables in `corridor`), and exceeding one gives a refusal that names it.

/// The defaults suit a task force receiving lists of up to a few hundred thousand names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Largest file (spreadsheet, email or mailbox) read at all, in bytes.
    pub max_file_bytes: u64,
    /// Most data rows taken from one spreadsheet; the rest are refused.
    pub max_rows: usize,
    /// Longest single field, in characters: sized for real stories (a family's whole account
    /// in a notes column), not for the width of a form. A longer field is left out of the
    /// person's details with a warning; the row is stored.
    pub max_field_chars: usize,
    /// Largest single email message, in bytes.
    pub max_message_bytes: usize,
    /// Most bytes an XLSX may expand to once unzipped, in total.
    pub max_unzipped_bytes: u64,
    /// Highest compression ratio of any part of an XLSX; real sheets stay far below it.
    pub max_zip_ratio: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 100 * 1024 * 1024,
            max_rows: 250_000,
            max_field_chars: 100_000,
            max_message_bytes: 25 * 1024 * 1024,
            max_unzipped_bytes: 500 * 1024 * 1024,
            max_zip_ratio: 200,
        }
    }
}
