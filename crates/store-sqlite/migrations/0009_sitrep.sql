-- The situation report (issue 8): when each case stopped being open, so that closures per day
-- and the backlog at the end of any day are aggregates over one column rather than a replay of
-- the audit trail. Set by triggers whatever writes the status, so the workflow code needs no
-- change: leaving the open statuses stamps the time of that write (updated_at); reopening
-- clears it. A copy (corridor copy) inserts the column as it was.
ALTER TABLE cases ADD COLUMN closed_at INTEGER;

UPDATE cases SET closed_at = updated_at WHERE is_open = 0;

CREATE TRIGGER cases_closed_at_close AFTER UPDATE OF is_open ON cases
WHEN OLD.is_open = 1 AND NEW.is_open = 0
BEGIN
    UPDATE cases SET closed_at = NEW.updated_at WHERE id = NEW.id;
END;

CREATE TRIGGER cases_closed_at_reopen AFTER UPDATE OF is_open ON cases
WHEN OLD.is_open = 0 AND NEW.is_open = 1
BEGIN
    UPDATE cases SET closed_at = NULL WHERE id = NEW.id;
END;

-- Reports filter by these times.
CREATE INDEX cases_created_at ON cases(created_at);
CREATE INDEX cases_closed_at ON cases(closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX inquiries_received_at ON inquiries(received_at);
