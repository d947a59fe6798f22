-- Intake from every channel: attachments linked to their message, the status-lookup code's
-- hash, and the durable outbox of acknowledgements.

-- The inquiry this one arrived inside (a spreadsheet row attached to an email).
ALTER TABLE inquiries ADD COLUMN parent_id INTEGER REFERENCES inquiries(id);
-- SHA-256 of the secret code the requester got with the reference; the code is never stored.
ALTER TABLE inquiries ADD COLUMN status_code_hash TEXT;

-- Acknowledgements to send. A row is enqueued in the transaction that stores its inquiry, so
-- an acknowledged inquiry is never without its message and a rolled-back one never has one.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    inquiry_id       INTEGER NOT NULL REFERENCES inquiries(id),
    kind             TEXT NOT NULL,
    to_address       TEXT NOT NULL,
    created_at       INTEGER NOT NULL,
    next_attempt_at  INTEGER NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    claim            TEXT,
    claimed_until    INTEGER,
    sent_at          INTEGER,
    abandoned_at     INTEGER,
    last_error       TEXT
);
CREATE INDEX outbox_due ON outbox(next_attempt_at, id) WHERE sent_at IS NULL AND abandoned_at IS NULL;
