//! Polling an IMAP mailbox.
