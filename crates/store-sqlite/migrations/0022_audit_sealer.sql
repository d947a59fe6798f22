-- The audit trail is chained by a sealer after the events commit, not by each writer (see
-- crates/store/sql/audit.rs): an event is appended with an empty hash, and the sealer gives
-- it its place in the chain (`seal_seq`) and its hashes. The events chained so far keep their
-- hashes and take their place in id order, the order they were chained in.
ALTER TABLE audit_events ADD COLUMN seal_seq INTEGER;
-- The transaction that appended the event (PostgreSQL orders by it; here always 0).
ALTER TABLE audit_events ADD COLUMN xid INTEGER NOT NULL DEFAULT 0;
UPDATE audit_events SET seal_seq = r.n
FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS n FROM audit_events WHERE hash <> '') AS r
WHERE audit_events.id = r.id;
CREATE UNIQUE INDEX audit_sealed ON audit_events(seal_seq);
-- What the sealer reads: the events waiting, in order.
CREATE INDEX audit_unsealed ON audit_events(id) WHERE hash = '';
