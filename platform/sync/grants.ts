/**
 * Sharing across organisations by platform grant (DESIGN.md §10, migration 013): which
 * organisation reads which of another organisation's documents is the platform's record, kept in
 * `grants` and written into the `shared_with` column of the documents it covers, never into a
 * document's own `sharedWith`. Pull, push and stream read that column, so a grant is enforced
 * wherever documents leave the platform.
 *
 * Today one cause makes grants: a community centre's `transplant` enrolment (carePlans) that
 * names the transplant hospital and whose consent register's last entry gives consent
 * (shared/carePlans/consent.ts). While it is active:
 * - the hospital reads the centre's resident and every document of the centre linked to the
 *   enrolment (the enrolment itself, signed follow-up visits and other signed encounters,
 *   results); an encounter is shared once signed, never while it is a draft;
 * - the centre reads every document of the hospital linked to it (the transplant plan).
 * Ending the enrolment (`left`), withdrawing the consent, correcting the transplant centre to
 * another hospital or removing the enrolment revokes them: the grantee gets removal markers for
 * what it read. Any other hospital reads nothing.
 *
 * Granting re-sequences the documents it covers (a fresh `server_seq`), so the grantee's next
 * pull or its stream brings documents written before the grant; documents written later get the
 * grantee at write time ({@link sharingOf}). Everything here runs inside the push's transaction,
 * under the documents lock, and is undone with the row that caused it.
 */
import { consentGiven, mayBeTransplantCentre } from '../../shared/carePlans/consent';
import type { OrganisationKind } from '../../shared/platform/auth';
import type { FieldError } from '../../shared/sync/collections';
import type { ReplicatedDocument } from '../../shared/sync/protocol';
import { appendAuditEvents, type AuditEventInput } from '../audit/audit';
import type { Queryable } from '../db/store';
import type { WrittenDocument } from './changeFeed';
import { recordRemovals, type Removal } from './removals';

type Doc = Record<string, unknown>;

/** A grant as the platform keeps it: `granteeOrg` reads `ownerOrg`'s documents linked to `linkId`. */
export interface Grant {
  /** What caused it, e.g. `carePlans/<enrolment id>`. */
  cause: string;
  ownerOrg: string;
  granteeOrg: string;
  /** The resident the cause is about: the owner's resident document is shared too. */
  patientId: string;
  /** The id the shared documents link to (the enrolment's). */
  linkId: string;
  /**
   * Whether the owner's resident document `patientId` is shared too: only by the organisation
   * that wrote the enrolment (the centre), never by the other side's grant, so an enrolment
   * naming someone else's resident shares nothing of theirs.
   */
  coversResident: boolean;
}

/** What a change of grants did to documents, by collection, for the change stream. */
export interface SharingChange {
  collection: string;
  written: WrittenDocument[];
  removals: Removal[];
}

/**
 * SQL for the enrolment a `documents` row links to; the same expression as the index of
 * migration 013, so that lookups by it use the index.
 */
export const linkExpression = `(
  CASE collection
    WHEN 'observations' THEN data ->> 'enrolmentId'
    WHEN 'encounters' THEN data -> 'followUp' ->> 'enrolmentId'
    WHEN 'carePlans' THEN CASE data ->> 'kind'
      WHEN 'enrolment' THEN id
      WHEN 'transplantPlan' THEN data -> 'transplantPlan' ->> 'enrolmentId'
    END
  END)`;

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const objectAt = (doc: Doc, key: string): Doc | null => {
  const value = doc[key];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Doc) : null;
};

/** The enrolment `doc` of `collection` is linked to ({@link linkExpression} in TypeScript), or null. */
export function linkOf(collection: string, record: object): string | null {
  const doc = record as Doc;
  switch (collection) {
    case 'observations':
      return text(doc.enrolmentId);
    case 'encounters':
      return text(objectAt(doc, 'followUp')?.enrolmentId);
    case 'carePlans':
      if (doc.kind === 'enrolment') return text(doc.id);
      if (doc.kind === 'transplantPlan') return text(objectAt(doc, 'transplantPlan')?.enrolmentId);
      return null;
    default:
      return null;
  }
}

/** The cause a carePlans enrolment's grants are kept under. */
export const causeOfEnrolment = (enrolmentId: string) => `carePlans/${enrolmentId}`;

/**
 * The grants a carePlans document asks for as it is now: both directions for an active,
 * consented transplant enrolment naming a transplant organisation other than its own; none for
 * anything else (another kind or programme, left, consent withdrawn, removed).
 */
export function grantsOfCarePlan(record: object, deleted: boolean): Grant[] {
  const doc = record as Doc;
  if (deleted || doc.kind !== 'enrolment') return [];
  const enrolment = objectAt(doc, 'enrolment');
  const id = text(doc.id);
  const centre = text(doc.orgId);
  const patientId = text(doc.patientId);
  const hospital = text(enrolment?.transplantOrgId);
  if (!enrolment || !id || !centre || !patientId || !hospital || hospital === centre) return [];
  if (enrolment.programme !== 'transplant' || enrolment.status !== 'active' || !consentGiven(enrolment))
    return [];
  const cause = causeOfEnrolment(id);
  return [
    { cause, ownerOrg: centre, granteeOrg: hospital, patientId, linkId: id, coversResident: true },
    { cause, ownerOrg: hospital, granteeOrg: centre, patientId, linkId: id, coversResident: false },
  ];
}

interface GrantRow {
  cause: string;
  owner_org: string;
  grantee_org: string;
  patient_id: string;
  link_id: string;
  /** Whether the enrolment `link_id` is the owner's own (see {@link Grant.coversResident}). */
  covers_resident?: boolean;
}

const fromRow = (row: GrantRow): Grant => ({
  cause: row.cause,
  ownerOrg: row.owner_org,
  granteeOrg: row.grantee_org,
  patientId: row.patient_id,
  linkId: row.link_id,
  coversResident: row.covers_resident === true,
});

/** The active grants over `ownerOrg`'s documents. */
export async function activeGrantsOf(db: Queryable, ownerOrg: string): Promise<Grant[]> {
  const rows = await db.query<GrantRow>(
    `SELECT cause, owner_org, grantee_org, patient_id, link_id,
            EXISTS (SELECT 1 FROM documents d
                     WHERE d.collection = 'carePlans' AND d.id = grants.link_id
                       AND d.org_id = grants.owner_org) AS covers_resident
       FROM grants
      WHERE owner_org = $1 AND revoked_at IS NULL`,
    [ownerOrg],
  );
  return rows.map(fromRow);
}

/**
 * The grantees of `grants` (all over one owner) that cover `doc` of `collection`: a record linked
 * to the grant's enrolment and about the grant's resident (a record of another resident that names
 * the enrolment, by mistake or on purpose, is not shared), and the resident's own document where
 * the grant {@link Grant.coversResident covers it}. An encounter is covered only once signed: a
 * draft stays with its organisation until the doctor signs it.
 */
export function granteesCovering(grants: readonly Grant[], collection: string, doc: object): string[] {
  if (!grants.length) return [];
  const link = linkOf(collection, doc);
  const id = text((doc as Doc).id);
  const patientId = text((doc as Doc).patientId);
  if (collection === 'encounters' && (doc as Doc).status !== 'signed') return [];
  const covering = grants.filter((g) =>
    collection === 'patients'
      ? g.coversResident && g.patientId === id
      : link !== null && g.linkId === link && g.patientId === patientId,
  );
  return [...new Set(covering.map((g) => g.granteeOrg))];
}

/**
 * What `shared_with` holds for `doc` of `collection`: the organisations its own `sharedWith`
 * names and the grantees of the active grants over its owner that cover it, sorted.
 */
export function sharingOf(grants: readonly Grant[], collection: string, doc: Doc): string[] {
  const own = Array.isArray(doc.sharedWith)
    ? (doc.sharedWith as unknown[]).filter((v): v is string => typeof v === 'string')
    : [];
  return [...new Set([...own, ...granteesCovering(grants, collection, doc)])].sort();
}

const key = (g: Pick<Grant, 'ownerOrg' | 'granteeOrg'>) => `${g.ownerOrg}\u0000${g.granteeOrg}`;

/** Who made a change of grants, for the audit chain. */
export interface GrantActor {
  orgId: string;
  staffId: string;
}

/** Documents of one owner whose sharing may have changed: those linked to `links`, residents `patients`. */
export interface ReshareScope {
  owner: string;
  links: string[];
  patients: string[];
}

/**
 * Makes the grants kept under `cause` exactly `wanted`: new ones are granted (or a revoked one
 * renewed), those no longer wanted revoked, each appended to the audit chain. Returns the
 * documents whose sharing may have changed, to bring in line with {@link reshareAll} once the
 * document that caused it is written. Runs in the push's transaction under the documents lock.
 */
export async function setGrants(
  tx: Queryable,
  cause: string,
  wanted: readonly Grant[],
  actor: GrantActor,
  now: Date,
): Promise<ReshareScope[]> {
  const existing = await tx.query<GrantRow & { revoked_at: Date | string | null }>(
    `SELECT cause, owner_org, grantee_org, patient_id, link_id, revoked_at FROM grants
      WHERE cause = $1 FOR UPDATE`,
    [cause],
  );
  const active = new Map(
    existing.filter((row) => row.revoked_at === null).map((row) => [key(fromRow(row)), fromRow(row)]),
  );
  const wantedKeys = new Set(wanted.map(key));
  const granted = wanted.filter((g) => {
    const current = active.get(key(g));
    return !current || current.patientId !== g.patientId || current.linkId !== g.linkId;
  });
  const revoked = [...active.values()].filter((g) => !wantedKeys.has(key(g)));
  if (!granted.length && !revoked.length) return [];

  const at = now.toISOString();
  for (const g of granted)
    await tx.query(
      `INSERT INTO grants (cause, owner_org, grantee_org, patient_id, link_id, granted_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (cause, owner_org, grantee_org) DO UPDATE SET
         patient_id = EXCLUDED.patient_id, link_id = EXCLUDED.link_id,
         granted_at = EXCLUDED.granted_at, revoked_at = NULL`,
      [g.cause, g.ownerOrg, g.granteeOrg, g.patientId, g.linkId, at],
    );
  for (const g of revoked)
    await tx.query(
      'UPDATE grants SET revoked_at = $4 WHERE cause = $1 AND owner_org = $2 AND grantee_org = $3',
      [g.cause, g.ownerOrg, g.granteeOrg, at],
    );
  const audit = (action: string, g: Grant): AuditEventInput => ({
    action,
    orgId: actor.orgId,
    actorId: actor.staffId,
    collection: 'grants',
    recordId: g.cause,
    at: now,
    details: { owner: g.ownerOrg, grantee: g.granteeOrg, patient: g.patientId, link: g.linkId },
  });
  await appendAuditEvents(tx, [
    ...granted.map((g) => audit('grant.create', g)),
    ...revoked.map((g) => audit('grant.revoke', g)),
  ]);

  // Each owner whose grants moved, with what its documents were linked by before and are now.
  const replaced = granted.map((g) => active.get(key(g))).filter((g): g is Grant => g !== undefined);
  const scopes = new Map<string, ReshareScope>();
  for (const g of [...granted, ...revoked, ...replaced]) {
    const scope = scopes.get(g.ownerOrg) ?? { owner: g.ownerOrg, links: [], patients: [] };
    if (!scope.links.includes(g.linkId)) scope.links.push(g.linkId);
    if (!scope.patients.includes(g.patientId)) scope.patients.push(g.patientId);
    scopes.set(g.ownerOrg, scope);
  }
  return [...scopes.values()];
}

/**
 * The grants a write of `doc` of `collection` (`deleted` when it removes it) changes: for a
 * carePlans enrolment, those {@link grantsOfCarePlan} asks for replace those kept under its
 * cause. Returns the scopes to reshare after the write; none for any other document.
 */
export async function grantsOnWrite(
  tx: Queryable,
  collection: string,
  doc: Doc,
  deleted: boolean,
  actor: GrantActor,
  now: Date,
): Promise<ReshareScope[]> {
  const id = text(doc.id);
  if (collection !== 'carePlans' || doc.kind !== 'enrolment' || !id) return [];
  return setGrants(tx, causeOfEnrolment(id), grantsOfCarePlan(doc, deleted), actor, now);
}

/** {@link reshare} of each scope, the changes merged by collection. */
export async function reshareAll(
  tx: Queryable,
  scopes: readonly ReshareScope[],
  now: Date,
): Promise<SharingChange[]> {
  const changes: SharingChange[] = [];
  for (const scope of scopes)
    for (const change of await reshare(tx, scope.owner, scope.links, scope.patients, now)) {
      const same = changes.find((c) => c.collection === change.collection);
      if (same) {
        same.written.push(...change.written);
        same.removals.push(...change.removals);
      } else changes.push(change);
    }
  return changes;
}

/**
 * Brings `shared_with` of `owner`'s documents linked to any of `links`, and of its residents
 * `patients`, in line with the active grants ({@link sharingOf}). A document that gained a reader
 * gets a fresh sequence number so the reader pulls it; a reader that lost one gets a removal
 * marker (./removals.ts).
 */
export async function reshare(
  tx: Queryable,
  owner: string,
  links: readonly string[],
  patients: readonly string[],
  now: Date,
): Promise<SharingChange[]> {
  const grants = await activeGrantsOf(tx, owner);
  type Linked = { collection: string; id: string; shared_with: string[]; data: Doc; deleted: boolean };
  // Two lookups, each by its own index: residents by key, linked records by migration 013's.
  const residents = await tx.query<Linked>(
    `SELECT collection, id, shared_with, data, deleted FROM documents
      WHERE collection = 'patients' AND id = ANY ($2::text[]) AND org_id = $1
      ORDER BY server_seq FOR UPDATE`,
    [owner, patients],
  );
  const linked = await tx.query<Linked>(
    `SELECT collection, id, shared_with, data, deleted FROM documents
      WHERE org_id = $1 AND collection IN ('observations', 'encounters', 'carePlans')
        AND ${linkExpression} = ANY ($2::text[])
      ORDER BY server_seq FOR UPDATE`,
    [owner, links],
  );
  const rows = [...residents, ...linked];
  const changes: SharingChange[] = [];
  for (const row of rows) {
    const before = new Set(row.shared_with);
    // A removed document (a discarded draft keeps its text) gains no new reader.
    const sharedWith = sharingOf(grants, row.collection, row.data).filter(
      (org) => !row.deleted || before.has(org),
    );
    const gained = sharedWith.filter((org) => !before.has(org));
    const lost = row.shared_with.filter((org) => !sharedWith.includes(org));
    if (!gained.length && !lost.length) continue;
    const [stored] = await tx.query<{ server_seq: string | number }>(
      `UPDATE documents SET shared_with = $3,
              server_seq = CASE WHEN $4 THEN nextval('documents_seq') ELSE server_seq END
        WHERE collection = $1 AND id = $2
        RETURNING server_seq`,
      [row.collection, row.id, sharedWith, gained.length > 0],
    );
    let change = changes.find((c) => c.collection === row.collection);
    if (!change) changes.push((change = { collection: row.collection, written: [], removals: [] }));
    if (gained.length)
      change.written.push({
        document: { ...row.data, _deleted: row.deleted } as ReplicatedDocument,
        checkpoint: { seq: Number(stored!.server_seq) },
        orgId: owner,
        sharedWith,
      });
    if (lost.length) change.removals.push(...(await recordRemovals(tx, row.collection, row.id, lost, now)));
  }
  return changes;
}

/** The kind of organisation `orgId` is (`chc` or `hospital`), or null when there is none. */
export async function organisationKindOf(db: Queryable, orgId: string): Promise<OrganisationKind | null> {
  return (await organisationGradeOf(db, orgId))?.kind ?? null;
}

/** The kind and grade of organisation `orgId`, or null when there is none. */
async function organisationGradeOf(
  db: Queryable,
  orgId: string,
): Promise<{ kind: OrganisationKind; level: number | null } | null> {
  const [row] = await db.query<{ kind: OrganisationKind; level: number | null }>(
    'SELECT kind, level FROM organisations WHERE id = $1',
    [orgId],
  );
  return row ?? null;
}

/**
 * The platform's own checks of a carePlans write that need its database, beyond the shared rules
 * (shared/carePlans/rules.ts, which check who writes which kind given the writer's organisation
 * kind): a transplant enrolment names, when it names one or corrects it, a tertiary hospital as its
 * transplant centre (`notHospital`, shared/carePlans/consent.ts `mayBeTransplantCentre`); an
 * enrolment that named its centre before the rule keeps it. A transplant plan is written only for
 * an enrolment shared with the plan's hospital now, that is while the centre's consented enrolment
 * grants it (`notShared`), for that enrolment's resident.
 */
export async function carePlanSharingErrors(
  db: Queryable,
  doc: Doc,
  writerOrg: string,
  previous?: Doc,
): Promise<FieldError[]> {
  if (doc.kind === 'enrolment') {
    const hospital = text(objectAt(doc, 'enrolment')?.transplantOrgId);
    const before = previous ? text(objectAt(previous, 'enrolment')?.transplantOrgId) : null;
    if (
      hospital &&
      hospital !== before &&
      (hospital === writerOrg || !mayBeTransplantCentre(await organisationGradeOf(db, hospital)))
    )
      return [{ field: 'enrolment.transplantOrgId', code: 'notHospital' }];
    return [];
  }
  if (doc.kind !== 'transplantPlan') return [];
  const plan = objectAt(doc, 'transplantPlan');
  const enrolmentId = text(plan?.enrolmentId);
  const centre = text(plan?.centreOrgId);
  if (!enrolmentId || !centre) return [{ field: 'transplantPlan.enrolmentId', code: 'notShared' }];
  const [grant] = await db.query<{ cause: string }>(
    `SELECT cause FROM grants
      WHERE cause = $1 AND owner_org = $2 AND grantee_org = $3 AND patient_id = $4 AND revoked_at IS NULL`,
    [causeOfEnrolment(enrolmentId), centre, writerOrg, text(doc.patientId) ?? ''],
  );
  return grant ? [] : [{ field: 'transplantPlan.enrolmentId', code: 'notShared' }];
}
