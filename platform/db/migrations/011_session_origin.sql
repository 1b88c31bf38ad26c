-- How a session was opened: 'password' (a sign-in with the password) or 'deskCredential' (a desk
-- exchanging its credential, platform/auth/deskCredentials.ts). Only a password session may be
-- issued a desk credential, so a credential cannot renew itself and its expiry holds. Sessions
-- opened before this column existed were password sign-ins or refreshes of them.
ALTER TABLE auth_sessions ADD COLUMN opened_by text NOT NULL DEFAULT 'password'
  CHECK (opened_by IN ('password', 'deskCredential'));
