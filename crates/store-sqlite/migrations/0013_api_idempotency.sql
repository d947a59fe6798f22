-- The API's Idempotency-Keys: a key is reserved ('running') before its request runs and holds
-- the answer once it is 'done', so that a retry gets the first answer after a restart too. The
-- key and the request's fingerprint are keyed hashes, the answer is sealed (it may repeat a
-- note or a name). Keys expire a day after their first request (`created_at`).
CREATE TABLE api_idempotency (
    id            INTEGER PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users(id),
    key_hash      TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('running', 'done')),
    status        INTEGER,
    answer        TEXT,
    created_at    INTEGER NOT NULL,
    done_at       INTEGER,
    UNIQUE (user_id, key_hash)
);
CREATE INDEX api_idempotency_created ON api_idempotency(created_at);
