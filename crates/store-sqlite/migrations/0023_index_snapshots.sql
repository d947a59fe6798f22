-- The matching index's snapshot (see `corridor_store::index_snapshot`): a server writes it so
-- that the next one starts from it instead of normalizing every known person again. It holds
-- every known person, so its content is sealed chunk by chunk under a data key of its own,
-- stored sealed by the database's key (`data_key`): a key rotation reseals that column, a
-- purge deletes the snapshot. `last_record` is the highest person record it holds; a server
-- catches up from the records after it.
CREATE TABLE index_snapshots (
    id          INTEGER PRIMARY KEY,
    last_record INTEGER NOT NULL CHECK (last_record >= 0),
    records     INTEGER NOT NULL CHECK (records >= 0),
    data_key    TEXT NOT NULL,
    chunks      INTEGER NOT NULL CHECK (chunks >= 1),
    created_at  INTEGER NOT NULL
);

-- The snapshot's content, sealed, in chunks of 8 MiB: nonce ‖ ciphertext ‖ tag.
CREATE TABLE index_snapshot_chunks (
    snapshot_id INTEGER NOT NULL REFERENCES index_snapshots(id),
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    sealed      BLOB NOT NULL,
    PRIMARY KEY (snapshot_id, seq)
);

-- The matching parameters last estimated from the records (one row): probabilities about
-- fields, nothing about anyone, so kept in clear and through a purge.
CREATE TABLE matching_model (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    model      TEXT NOT NULL,
    records    INTEGER NOT NULL CHECK (records >= 0),
    trained_at INTEGER NOT NULL
);
