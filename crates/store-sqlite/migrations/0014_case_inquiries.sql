-- Every case an inquiry feeds. A request naming several families (a list, a sponsor's
-- message about three families) feeds one case per family; `inquiries.case_id` stays the
-- first of them, the one its reference answers with. Filled here from `case_id` for the
-- inquiries stored before.
CREATE TABLE case_inquiries (
    case_id     INTEGER NOT NULL REFERENCES cases(id),
    inquiry_id  INTEGER NOT NULL REFERENCES inquiries(id),
    PRIMARY KEY (case_id, inquiry_id)
) WITHOUT ROWID;
CREATE INDEX case_inquiries_inquiry ON case_inquiries(inquiry_id);
INSERT INTO case_inquiries (case_id, inquiry_id)
    SELECT case_id, id FROM inquiries WHERE case_id IS NOT NULL;
