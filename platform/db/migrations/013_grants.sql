-- Grants (DESIGN.md §10, platform/sync/grants.ts): which organisation may read which other
-- organisation's documents, and why. Sharing is the platform's record, never a field of a signed
-- document: a grant adds its grantee to the `shared_with` column of the owner's documents that
-- link to `link_id` (and of the resident `patient_id` names), and ending it takes the grantee out
-- again with removal markers (document_removals).
--
-- One row per cause, owner and grantee. The cause names the document that made it, e.g.
-- `carePlans/<enrolment id>`: a transplant enrolment with consent shares the centre's resident and
-- the records linked to the enrolment with the transplant hospital, and the hospital's plan for it
-- with the centre. A revoked grant keeps its row (revoked_at set) and is renewed if the cause
-- shares again; each change is also appended to the audit chain. Writers hold the documents
-- advisory lock, as for documents (see 001_init.sql).
CREATE TABLE grants (
  cause        text NOT NULL,
  owner_org    text NOT NULL REFERENCES organisations (id),
  grantee_org  text NOT NULL REFERENCES organisations (id),
  patient_id   text NOT NULL,
  link_id      text NOT NULL,
  granted_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  PRIMARY KEY (cause, owner_org, grantee_org),
  CHECK (owner_org <> grantee_org)
);
CREATE INDEX grants_owner_link_idx ON grants (owner_org, link_id) WHERE revoked_at IS NULL;
CREATE INDEX grants_owner_patient_idx ON grants (owner_org, patient_id) WHERE revoked_at IS NULL;

-- The enrolment a document is linked to (platform/sync/grants.ts `linkExpression`, the same
-- expression, so a grant's re-sequencing is a lookup rather than a walk through every record of
-- the organisation): a follow-up visit by followUp.enrolmentId, a result by enrolmentId, a
-- transplant plan by transplantPlan.enrolmentId, an enrolment by its own id.
CREATE INDEX documents_link_idx ON documents (org_id, (
  CASE collection
    WHEN 'observations' THEN data ->> 'enrolmentId'
    WHEN 'encounters' THEN data -> 'followUp' ->> 'enrolmentId'
    WHEN 'carePlans' THEN CASE data ->> 'kind'
      WHEN 'enrolment' THEN id
      WHEN 'transplantPlan' THEN data -> 'transplantPlan' ->> 'enrolmentId'
    END
  END))
  WHERE collection IN ('observations', 'encounters', 'carePlans');
