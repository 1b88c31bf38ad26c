-- Number series (outpatient numbers, later queue tickets): one counter per organisation and
-- series, and every block leased to a desk. A block is drawn by one UPDATE of the counter's row
-- (the row lock orders concurrent leases, across platform processes too), so blocks never overlap
-- and no value is ever issued twice. See shared/numbers/series.ts for the printed format.

-- The organisation's number code, printed before the zero-padded sequence (e.g. SQ00000123).
ALTER TABLE organisations ADD COLUMN number_code text CHECK (number_code ~ '^[A-Z0-9]{1,6}$');

CREATE TABLE number_series (
  org_id      text NOT NULL REFERENCES organisations (id),
  series      text NOT NULL,
  -- The first value of the next block.
  next_value  bigint NOT NULL CHECK (next_value >= 1),
  PRIMARY KEY (org_id, series)
);

-- Leases are kept for ever: which desk (its own random id) and which staff member got which values.
CREATE TABLE number_leases (
  id           text PRIMARY KEY,
  org_id       text NOT NULL REFERENCES organisations (id),
  series       text NOT NULL,
  desk_id      text NOT NULL,
  staff_id     text NOT NULL REFERENCES staff (id),
  prefix       text NOT NULL,
  first_value  bigint NOT NULL,
  last_value   bigint NOT NULL,
  leased_at    timestamptz NOT NULL,
  CHECK (first_value >= 1 AND first_value <= last_value)
);
CREATE INDEX number_leases_org_series_idx ON number_leases (org_id, series, first_value);
CREATE INDEX number_leases_desk_idx ON number_leases (desk_id);

-- One resident per outpatient number within an organisation. Pushes check it first and refuse a
-- second holder by field (outpatientNoTaken); this index is what makes the check a lookup, and the
-- last word should a write ever slip past it.
CREATE UNIQUE INDEX documents_patients_outpatient_no_idx
  ON documents (org_id, (data ->> 'outpatientNo'))
  WHERE collection = 'patients' AND data ? 'outpatientNo';
