-- Departments (科室) of an organisation. Like organisations and staff, they reach desks as entries
-- of the `directory` collection, which the platform derives from these tables.
CREATE TABLE departments (
  id      text PRIMARY KEY,
  org_id  text NOT NULL REFERENCES organisations (id),
  name    text NOT NULL
);
CREATE INDEX departments_org_idx ON departments (org_id);
