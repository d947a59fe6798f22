-- Steps of protection at rest done once for the whole database, and when. `leftovers sealed`
-- is set once a start has sealed every value an older version had left in clear: later starts
-- skip that sweep, a scan of every sealed column.
CREATE TABLE protection_marks (
    name     TEXT PRIMARY KEY,
    done_at  INTEGER NOT NULL
);
