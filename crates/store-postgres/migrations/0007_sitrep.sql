-- The situation report (issue 8): when each case stopped being open (see the SQLite migration
-- of the same name). A trigger keeps it whatever writes the status: leaving the open statuses
-- stamps the time of that write (updated_at); reopening clears it.
ALTER TABLE cases ADD COLUMN closed_at timestamptz;

UPDATE cases SET closed_at = updated_at WHERE NOT is_open;

CREATE FUNCTION cases_closed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.is_open AND NOT NEW.is_open THEN
        NEW.closed_at := NEW.updated_at;
    ELSIF NOT OLD.is_open AND NEW.is_open THEN
        NEW.closed_at := NULL;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER cases_closed_at BEFORE UPDATE OF is_open ON cases
    FOR EACH ROW EXECUTE FUNCTION cases_closed_at();

-- Reports filter by these times.
CREATE INDEX cases_created_at ON cases(created_at);
CREATE INDEX cases_closed_at ON cases(closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX inquiries_received_at ON inquiries(received_at);
