-- Queue tickets from leased blocks (shared/numbers/series.ts): a ticket series starts again every
-- day, so its counter and its leases belong to one day. Series that never restart keep day ''
-- (the counter) or NULL (a lease), as every series before this had.
ALTER TABLE number_series ADD COLUMN day text NOT NULL DEFAULT ''
  CHECK (day = '' OR day ~ '^\d{4}-\d{2}-\d{2}$');
ALTER TABLE number_series DROP CONSTRAINT number_series_pkey;
ALTER TABLE number_series ADD PRIMARY KEY (org_id, series, day);

ALTER TABLE number_leases ADD COLUMN day text CHECK (day ~ '^\d{4}-\d{2}-\d{2}$');

-- One appointment per ticket and day within an organisation: pushes refuse a second holder by
-- field (ticketTaken, platform/numbers/uniqueFields.ts), inside the push's documents lock, and
-- this index makes that check a lookup. It cannot be unique: tickets counted on each desk before
-- tickets came from leased blocks may already be held twice, and those appointments stay stored
-- (their later moves are accepted; only a new ticket is checked).
CREATE INDEX documents_appointments_ticket_idx
  ON documents (org_id, (data ->> 'date'), (data ->> 'ticket'))
  WHERE collection = 'appointments' AND data ? 'ticket';
