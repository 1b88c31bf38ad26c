-- The platform's own record of who read and wrote what (platform/audit/):
--  - document_versions: every sequence number ever given to a document, with who could see that
--    version and the resident it is about, so a pull recorded as a sequence range still names
--    its documents after they were rewritten (a rewrite gives a document a new server_seq).
--  - pull_log: one row per pull that returned documents, written before the answer leaves; the
--    audit chain covers these rows in batches (an event `sync.pulls` holding a digest of them),
--    so pulls never wait for the chain's lock.
--  - audit_checkpoints: the chain's head at a moment, signed with a key the database never holds.

CREATE TABLE document_versions (
  seq          bigint PRIMARY KEY,
  collection   text NOT NULL,
  id           text NOT NULL,
  org_id       text NOT NULL,
  shared_with  text[] NOT NULL,
  -- The resident this version is about: its own id for `patients`, `patientId` otherwise.
  patient_id   text,
  deleted      boolean NOT NULL,
  at           timestamptz NOT NULL
);

INSERT INTO document_versions (seq, collection, id, org_id, shared_with, patient_id, deleted, at)
SELECT server_seq, collection, id, org_id, shared_with,
       CASE WHEN collection = 'patients' THEN id ELSE data->>'patientId' END, deleted, server_updated_at
  FROM documents;

-- A trigger rather than a line in each writer: seeding, the directory and every later writer of
-- `documents` are covered without knowing about it.
CREATE FUNCTION documents_record_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.server_seq = OLD.server_seq THEN
    RETURN NULL;
  END IF;
  INSERT INTO document_versions (seq, collection, id, org_id, shared_with, patient_id, deleted, at)
  VALUES (NEW.server_seq, NEW.collection, NEW.id, NEW.org_id, NEW.shared_with,
          CASE WHEN NEW.collection = 'patients' THEN NEW.id ELSE NEW.data->>'patientId' END,
          NEW.deleted, NEW.server_updated_at);
  RETURN NULL;
END;
$$;
CREATE TRIGGER documents_versions
  AFTER INSERT OR UPDATE ON documents
  FOR EACH ROW EXECUTE FUNCTION documents_record_version();

CREATE TABLE pull_log (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL,
  org_id       text NOT NULL,
  actor_id     text NOT NULL,
  desk_id      text,
  collection   text NOT NULL,
  -- The pull answered the documents of (from_seq, to_seq] the organisation could see.
  from_seq     bigint NOT NULL,
  to_seq       bigint NOT NULL,
  count        int NOT NULL,
  -- The audit event (`sync.pulls`) whose digest covers this row; NULL until a batch takes it.
  audit_seq    bigint
);
CREATE INDEX pull_log_pending_idx ON pull_log (id) WHERE audit_seq IS NULL;
CREATE INDEX pull_log_audit_seq_idx ON pull_log (audit_seq, id);

CREATE TABLE audit_checkpoints (
  id        bigserial PRIMARY KEY,
  made_at   timestamptz NOT NULL,
  head_seq  bigint NOT NULL,
  head_hash text NOT NULL,
  -- HMAC-SHA256 over head_seq, head_hash and made_at with the platform's audit key.
  mac       text NOT NULL
);

CREATE FUNCTION document_versions_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER document_versions_no_update_delete
  BEFORE UPDATE OR DELETE ON document_versions
  FOR EACH ROW EXECUTE FUNCTION document_versions_append_only();
CREATE TRIGGER audit_checkpoints_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION document_versions_append_only();

-- A pull row is written once and later given its batch once; nothing else changes or goes.
CREATE FUNCTION pull_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.audit_seq IS NULL AND NEW.audit_seq IS NOT NULL
     AND (NEW.id, NEW.at, NEW.org_id, NEW.actor_id, NEW.desk_id, NEW.collection, NEW.from_seq,
          NEW.to_seq, NEW.count)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.org_id, OLD.actor_id, OLD.desk_id, OLD.collection, OLD.from_seq,
          OLD.to_seq, OLD.count) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'pull_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER pull_log_append_only
  BEFORE UPDATE OR DELETE ON pull_log
  FOR EACH ROW EXECUTE FUNCTION pull_log_append_only();
CREATE TRIGGER pull_log_no_truncate
  BEFORE TRUNCATE ON pull_log
  FOR EACH STATEMENT EXECUTE FUNCTION pull_log_append_only();
CREATE TRIGGER document_versions_no_truncate
  BEFORE TRUNCATE ON document_versions
  FOR EACH STATEMENT EXECUTE FUNCTION document_versions_append_only();
CREATE TRIGGER audit_checkpoints_no_truncate
  BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION document_versions_append_only();
