-- Pathway evidence can point to a document of the person (or of a case they are on). The
-- link is dropped, the reference and note kept, when the document is purged.
ALTER TABLE pathway_evidence ADD COLUMN document_id bigint REFERENCES documents(id) DEFERRABLE;
CREATE INDEX pathway_evidence_document ON pathway_evidence(document_id)
    WHERE document_id IS NOT NULL;
