-- Documents (scans of tazkiras, passports, letters) attached to exactly one person, case or
-- inquiry. The content is sealed chunk by chunk under a data key of the document's own, which
-- is stored sealed by the database's key (`data_key`), so a key rotation reseals that column
-- only. `content_key` is a keyed hash of the owner and the content: an identical file of the
-- same owner is stored once. The thumbnail is sealed under the document's key too.
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER REFERENCES persons(id),
    case_id     INTEGER REFERENCES cases(id),
    inquiry_id  INTEGER REFERENCES inquiries(id),
    kind        TEXT NOT NULL CHECK (kind IN ('tazkira', 'passport', 'com_letter',
                    'employment_proof', 'i797', 'unhcr_slip', 'photo', 'other')),
    media_type  TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    size        INTEGER NOT NULL CHECK (size >= 0),
    content_key TEXT NOT NULL UNIQUE,
    data_key    TEXT NOT NULL,
    chunks      INTEGER NOT NULL CHECK (chunks >= 1),
    thumbnail   BLOB,
    scan_state  TEXT NOT NULL CHECK (scan_state IN ('not_scanned', 'clean', 'infected')),
    scanned_at  INTEGER,
    added_by    INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL,
    CHECK ((person_id IS NOT NULL) + (case_id IS NOT NULL) + (inquiry_id IS NOT NULL) = 1)
);
CREATE INDEX documents_person ON documents(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX documents_case ON documents(case_id) WHERE case_id IS NOT NULL;
CREATE INDEX documents_inquiry ON documents(inquiry_id) WHERE inquiry_id IS NOT NULL;
CREATE INDEX documents_added_by ON documents(added_by) WHERE added_by IS NOT NULL;
CREATE INDEX documents_not_scanned ON documents(id) WHERE scan_state = 'not_scanned';

-- A document's content, sealed, in chunks of 256 KiB: nonce ‖ ciphertext ‖ tag.
CREATE TABLE document_chunks (
    document_id INTEGER NOT NULL REFERENCES documents(id),
    seq         INTEGER NOT NULL CHECK (seq >= 0),
    sealed      BLOB NOT NULL,
    PRIMARY KEY (document_id, seq)
);
