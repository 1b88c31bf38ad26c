-- Sessions that can be ended at once, and sign-in throttles that cannot be turned against a
-- colleague. Both live here, not in a process's memory, so every platform process agrees.

-- One row per sign-in: every access token names its session (`sid`), and every request checks the
-- session is still live. Signing out, a replayed refresh token or disabling the account ends it,
-- and with it every access token and change stream of the session, whichever process serves them.
CREATE TABLE auth_sessions (
  id          text PRIMARY KEY,
  staff_id    text NOT NULL REFERENCES staff (id),
  desk_id     text,
  created_at  timestamptz NOT NULL,
  ended_at    timestamptz,
  -- signedOut, refreshReused, accountDisabled, passwordChanged, deskRevoked
  end_reason  text
);
CREATE INDEX auth_sessions_live_staff_idx ON auth_sessions (staff_id) WHERE ended_at IS NULL;

-- The refresh chain of a session. Tokens issued before sessions existed have none and get one at
-- their next rotation.
ALTER TABLE refresh_tokens ADD COLUMN session_id text REFERENCES auth_sessions (id);
CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);

-- Failed sign-ins per username and client address: from the third failure in a row, that pair
-- waits 1 s, 2 s, 4 s … (capped) before its next attempt. Keyed by the username as typed
-- (normalised), known or not, so throttling tells nothing about which usernames exist. A guesser
-- at one address never delays the account's owner at another.
CREATE TABLE login_throttles (
  username         text NOT NULL,
  address          text NOT NULL,
  failures         int NOT NULL,
  last_failure_at  timestamptz NOT NULL,
  blocked_until    timestamptz,
  PRIMARY KEY (username, address)
);

-- Failed sign-ins per client address, whatever the username: an address that guesses too much in
-- a window is refused for a while. This is the only hard lock; accounts themselves are never locked.
CREATE TABLE login_address_blocks (
  address           text PRIMARY KEY,
  failures          int NOT NULL,
  window_started_at timestamptz NOT NULL,
  blocked_until     timestamptz
);

-- The per-username lock this replaces let anyone lock a colleague out; nothing reads it any more.
UPDATE staff SET failed_attempts = 0, locked_until = NULL;
