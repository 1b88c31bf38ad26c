-- Whether a staff member may still work, and when their password last changed: disabling an
-- account or changing its password ends every session and every desk credential issued before.
ALTER TABLE staff ADD COLUMN disabled_at timestamptz;
ALTER TABLE staff ADD COLUMN password_changed_at timestamptz;
