-- Text messages in and out (SMS through Kannel, WhatsApp). Every message is kept: the number
-- and the text sealed (personal data), the number also as a keyed hash of its E.164 form so
-- that SQL can find a number's messages, opt-out and block without reading it.
CREATE TABLE messages (
    id           INTEGER PRIMARY KEY,
    channel      TEXT NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
    direction    TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    number_key   TEXT NOT NULL,
    number       TEXT NOT NULL,
    body         TEXT NOT NULL,
    -- The gateway's id of an incoming message (Kannel's %I, WhatsApp's wamid), which makes a
    -- repeated delivery of one message the same message; WhatsApp's id of an outgoing one.
    external_id  TEXT,
    state        TEXT NOT NULL,
    inquiry_id   INTEGER REFERENCES inquiries(id),
    -- The outbox row that sends an outgoing message.
    outbox_id    INTEGER REFERENCES outbox(id),
    at           INTEGER NOT NULL,
    state_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX messages_external ON messages(channel, direction, external_id)
    WHERE external_id IS NOT NULL;
CREATE INDEX messages_number ON messages(number_key, direction, at);
CREATE INDEX messages_inquiry ON messages(inquiry_id);
CREATE UNIQUE INDEX messages_outbox ON messages(outbox_id);

-- Numbers that said STOP: nothing more is sent to them until they say START.
CREATE TABLE message_opt_outs (
    number_key  TEXT PRIMARY KEY,
    at          INTEGER NOT NULL,
    message_id  INTEGER REFERENCES messages(id)
) WITHOUT ROWID;
CREATE INDEX message_opt_outs_message ON message_opt_outs(message_id);

-- Numbers staff blocked: their messages are kept but open nothing, and nothing is sent to them.
CREATE TABLE blocked_numbers (
    number_key  TEXT PRIMARY KEY,
    reason      TEXT NOT NULL,
    by_name     TEXT NOT NULL,
    at          INTEGER NOT NULL
) WITHOUT ROWID;

-- The outbox sends by email and now by text message: each sender claims its own channel.
ALTER TABLE outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'email';
CREATE INDEX outbox_due_channel ON outbox(channel, next_attempt_at, id)
    WHERE sent_at IS NULL AND abandoned_at IS NULL;
