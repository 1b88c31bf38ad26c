-- ClinicDesk platform, first schema: organisations and staff (sign-in), refresh tokens, the
-- replicated documents of every collection, and the append-only audit trail.

CREATE TABLE organisations (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('chc', 'hospital')),
  -- Hospital grade (1–3) for hospitals; NULL for community health centres.
  level      int,
  -- The body above this one in the district's tiered-care tree (NULL at the top).
  parent_id  text REFERENCES organisations (id)
);

CREATE TABLE staff (
  id               text PRIMARY KEY,
  org_id           text NOT NULL REFERENCES organisations (id),
  username         text NOT NULL UNIQUE,
  display_name     text NOT NULL,
  role             text NOT NULL CHECK (role IN ('registrar', 'nurse', 'doctor', 'specialist', 'admin')),
  password_hash    text NOT NULL,
  -- Consecutive failed sign-ins since the last success or lock; reset when the lock is set.
  failed_attempts  int NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_org_idx ON staff (org_id);

-- Opaque single-use refresh tokens; only a SHA-256 of the token is kept, so a copy of the
-- database does not hand out sessions. Rotation links each token to the one that replaced it.
CREATE TABLE refresh_tokens (
  id           text PRIMARY KEY,
  staff_id     text NOT NULL REFERENCES staff (id),
  token_hash   text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  replaced_by  text REFERENCES refresh_tokens (id)
);
CREATE INDEX refresh_tokens_staff_idx ON refresh_tokens (staff_id);
CREATE INDEX refresh_tokens_replaced_by_idx ON refresh_tokens (replaced_by);

-- Every replicated document of every collection. `server_seq` is the pull checkpoint: the
-- platform's own order of accepted writes, never a client clock. Writers must take
-- pg_advisory_xact_lock on the documents lock before writing, so sequence numbers become visible
-- in the order they were drawn and a pull never skips a row committed late.
CREATE SEQUENCE documents_seq;
CREATE TABLE documents (
  collection         text NOT NULL,
  id                 text NOT NULL,
  org_id             text NOT NULL,
  shared_with        text[] NOT NULL DEFAULT '{}',
  server_seq         bigint NOT NULL UNIQUE DEFAULT nextval('documents_seq'),
  server_updated_at  timestamptz NOT NULL DEFAULT now(),
  deleted            boolean NOT NULL DEFAULT false,
  data               jsonb NOT NULL,
  PRIMARY KEY (collection, id)
);
ALTER SEQUENCE documents_seq OWNED BY documents.server_seq;
CREATE INDEX documents_collection_seq_idx ON documents (collection, server_seq);
-- A pull is scoped to "owned by my organisation or shared with it": this index serves the first
-- half, the GIN index the second.
CREATE INDEX documents_org_collection_seq_idx ON documents (org_id, collection, server_seq);
CREATE INDEX documents_shared_with_idx ON documents USING gin (shared_with);

-- The audit trail: a hash chain (each row's hash covers the previous hash and the event), so a
-- row changed or removed behind the platform's back is detected by verifyAuditChain.
CREATE TABLE audit_events (
  seq          bigserial PRIMARY KEY,
  id           text NOT NULL UNIQUE,
  org_id       text,
  actor_id     text,
  action       text NOT NULL,
  collection   text,
  record_id    text,
  at           timestamptz NOT NULL,
  details      jsonb NOT NULL DEFAULT '{}',
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
CREATE INDEX audit_events_record_idx ON audit_events (collection, record_id);
CREATE INDEX audit_events_org_at_idx ON audit_events (org_id, at);

-- Append-only, enforced by the database itself and not only by the code that writes to it.
CREATE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
