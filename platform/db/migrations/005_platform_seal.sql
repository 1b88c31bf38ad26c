-- Signatures a reader can trust (shared/clinical/seal.ts): the platform's own Ed25519 key pair,
-- which seals every signed clinical record it receives, and each desk's last contact per person,
-- against which the times of signatures, voids and prints made offline are judged.

-- The platform's signing keys. Generation 1 is made on first use (one INSERT wins across
-- processes); a later rotation adds the next generation, and older public keys stay published so
-- seals made with them still verify.
CREATE TABLE platform_keys (
  generation   int PRIMARY KEY CHECK (generation >= 1),
  id           text NOT NULL UNIQUE,
  algorithm    text NOT NULL CHECK (algorithm = 'Ed25519'),
  -- The raw 32-byte public key, hex: what desks receive at sign-in.
  public_key   text NOT NULL,
  -- PKCS#8 DER, base64. Never leaves the platform.
  private_key  text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- When the platform last accepted a push from a desk (its own random id, carried in the session)
-- for one person, and where the run of pushes before it ended: a past time on a signature, void
-- or print is believed only when it is later than that (the desk was offline then).
CREATE TABLE desk_contacts (
  desk_id        text NOT NULL,
  staff_id       text NOT NULL REFERENCES staff (id),
  last_push_at   timestamptz NOT NULL,
  offline_since  timestamptz,
  PRIMARY KEY (desk_id, staff_id)
);

-- The desk a session was opened at, so refreshed access tokens name it too.
ALTER TABLE refresh_tokens ADD COLUMN desk_id text;
