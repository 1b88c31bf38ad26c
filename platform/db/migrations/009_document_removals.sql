-- Removal markers: an organisation that loses access to a document (its `sharedWith` no longer
-- names it, or later a grant that ends) is told so by its next pull or on its stream. A pull by
-- sequence shows only documents the organisation can still read, so without a marker its desks
-- would keep their copy for ever. One row per organisation, collection and document; its
-- `server_seq` comes from the documents' own sequence, so markers and documents pull in one order.
-- Writers hold the documents advisory lock, as for documents (see 001_init.sql).
CREATE TABLE document_removals (
  org_id      text NOT NULL,
  collection  text NOT NULL,
  id          text NOT NULL,
  server_seq  bigint NOT NULL UNIQUE DEFAULT nextval('documents_seq'),
  removed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, collection, id)
);
CREATE INDEX document_removals_org_collection_seq_idx ON document_removals (org_id, collection, server_seq);
