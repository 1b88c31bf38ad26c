-- Desk credentials: what lets a desk where someone signed in offline open their platform session
-- by itself once the platform is back. One live credential per person per desk; only a SHA-256 of
-- the secret is kept. A credential stops working when revoked (an admin, or a newer credential of
-- the same person at the same desk), when it expires, when the account is disabled, or when the
-- password changed after it was issued (staff.disabled_at / staff.password_changed_at, checked at
-- every use).
CREATE TABLE desk_credentials (
  id             text PRIMARY KEY,
  staff_id       text NOT NULL REFERENCES staff (id),
  desk_id        text NOT NULL,
  secret_hash    text NOT NULL UNIQUE,
  issued_at      timestamptz NOT NULL,
  expires_at     timestamptz NOT NULL,
  last_used_at   timestamptz,
  revoked_at     timestamptz,
  -- Who revoked it (an admin's staff id), NULL when replaced by a newer credential or never revoked.
  revoked_by     text
);
CREATE INDEX desk_credentials_staff_desk_idx ON desk_credentials (staff_id, desk_id);
CREATE INDEX desk_credentials_desk_idx ON desk_credentials (desk_id);
