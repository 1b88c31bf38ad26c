/**
 * Pull and push of replicated documents, with the scope rule enforced here and nowhere else: a
 * desk reads documents whose `orgId` is its organisation or whose `sharedWith` names it, and
 * writes only documents of its own organisation. Every pushed document is validated against its
 * collection's schema and domain rules; a conflict returns the platform's version untouched.
 */
import type {
  Checkpoint,
  PullResponse,
  PushRow,
  Rejection,
  ReplicatedDocument,
} from '../../shared/sync/protocol';
import type { Role } from '../../shared/auth/roles';
import type { OrganisationKind } from '../../shared/platform/auth';
import {
  syncedCollections,
  type FieldError,
  type SyncedCollection,
  type SyncedCollectionName,
} from '../../shared/sync/collections';
import { canonicalJson } from '../../shared/json/canonicalJson';
import {
  disclosedTo,
  keepStoredIdentifiers,
  masksIdentifiers,
  mayHoldMaskedIdentifiers,
} from '../../shared/sync/disclosure';
import { auditWrites, type AuditedWrite } from '../audit/platformAudit';
import { advisoryLocks } from '../db/locks';
import type { Queryable, Store } from '../db/store';
import { takenFieldErrors } from '../numbers/uniqueFields';
import {
  keepPlatformFields,
  recordDeskContact,
  stampActs,
  stampedPolicyOf,
  writeContextOf,
} from './clinicalStamps';
import {
  activeGrantsOf,
  carePlanSharingErrors,
  grantsOnWrite,
  organisationKindOf,
  reshareAll,
  sharingOf,
  type SharingChange,
} from './grants';
import { signingKey } from './platformKeys';
import { recordRemovals, type Removal } from './removals';
import { storageRefusal, writeRow } from './rowWrites';
import { schemaErrors } from './schemaValidator';
import { textErrors } from '../../shared/validation/text';

/** Who is asking: the organisation and staff member the access token is bound to. */
export interface Scope {
  orgId: string;
  staffId: string;
  role: Role;
  /** The desk the session was opened at, when it said (its contact is tracked per person). */
  deskId?: string | null;
}

interface Row {
  data: Record<string, unknown>;
  deleted: boolean;
  server_seq: number;
  /** Who reads it besides its organisation: its own `sharedWith` and grantees (./grants.ts). */
  shared_with: string[];
}

const toDocument = (row: Row): ReplicatedDocument =>
  ({ ...row.data, _deleted: row.deleted }) as ReplicatedDocument;

/** JSON text of a `T`, sent as it is (the type only records what the text holds). */
export type JsonText<T> = string & { readonly __jsonOf?: T };

/**
 * A stored document's JSON text with `_deleted` added last, as {@link toDocument} would: the
 * database's own text of the jsonb, spliced, never parsed and serialised again.
 */
function documentText(data: string, deleted: boolean): string {
  const flag = deleted ? '"_deleted": true}' : '"_deleted": false}';
  return data === '{}' ? `{${flag}` : `${data.slice(0, -1)}, ${flag}`;
}

/** The flag of a page line that is a removal marker (its text: the document id as JSON). */
const removalFlag = 'r';
/** The flags of a page line that is another organisation's document shared with the reader's. */
const crossedFlag = 's';
const crossedDeletedFlag = 'd';

/**
 * Documents of `collection` visible to `scope` after `seq`, in platform order, as the JSON text
 * of a {@link PullResponse}.
 *
 * - Two index-ordered branches, each stopping at `limit`: the organisation's own documents walk
 *   (org_id, collection, server_seq) in order; documents shared with it come from the GIN index
 *   on shared_with. One `org_id = $3 OR $3 = ANY (shared_with)` condition instead made PostgreSQL
 *   read every later document of the collection and sort them (≈80 ms a page at 100,000 residents).
 * - The page leaves the database as one text value (the documents' jsonb text, one per line —
 *   jsonb text never holds a raw newline — plus one deleted flag per document) and is spliced
 *   into the answer. Parsing 1,000 documents and serialising them again cost more than the query,
 *   and so did decoding 1,000 rows one by one. Only a role that may not see identifiers, and
 *   documents another organisation shared (masked for every role), are parsed, to mask them
 *   ({@link maskedText}).
 * - A third branch brings the organisation's removal markers ({@link recordRemovals}) in the same
 *   order: ids of documents it can no longer read, answered in `removed`, so its desks drop them.
 */
export async function pullDocuments(
  db: Queryable,
  collection: SyncedCollectionName,
  scope: Scope,
  seq: number,
  limit: number,
): Promise<JsonText<PullResponse>> {
  const [page] = await db.query<{ documents: string | null; deleted: string | null; last: number | null }>(
    `SELECT string_agg(data, E'\\n' ORDER BY server_seq) AS documents,
            string_agg(flag, '' ORDER BY server_seq) AS deleted,
            max(server_seq) AS last
       FROM (SELECT data, flag, server_seq FROM (
               (SELECT data::text AS data, CASE WHEN deleted THEN '1' ELSE '0' END AS flag, server_seq
                  FROM documents
                 WHERE org_id = $3 AND collection = $1 AND server_seq > $2
                 ORDER BY server_seq LIMIT $4)
               UNION ALL
               (SELECT data::text, CASE WHEN deleted THEN '${crossedDeletedFlag}' ELSE '${crossedFlag}' END,
                       server_seq FROM documents
                 WHERE shared_with @> ARRAY[$3::text] AND org_id <> $3 AND collection = $1
                   AND server_seq > $2
                 ORDER BY server_seq LIMIT $4)
               UNION ALL
               (SELECT to_jsonb(id)::text, '${removalFlag}', server_seq FROM document_removals
                 WHERE org_id = $3 AND collection = $1 AND server_seq > $2
                 ORDER BY server_seq LIMIT $4)
             ) visible ORDER BY server_seq LIMIT $4) page`,
    [collection, seq, scope.orgId, limit],
  );
  if (!page?.documents) return `{"documents":[],"checkpoint":{"seq":${seq}}}`;
  const flags = page.deleted!;
  const documents: string[] = [];
  const removed: string[] = [];
  page.documents.split('\n').forEach((data, i) => {
    const flag = flags[i];
    if (flag === removalFlag) return void removed.push(data);
    // Another organisation's document is masked for every role (shared/sync/disclosure.ts).
    const crossed = flag === crossedFlag || flag === crossedDeletedFlag;
    const deleted = flag === '1' || flag === crossedDeletedFlag;
    documents.push(
      documentText(
        masksIdentifiers(collection, scope.role, crossed)
          ? maskedText(collection, scope.role, data, crossed)
          : data,
        deleted,
      ),
    );
  });
  const removals = removed.length ? `,"removed":[${removed.join(',')}]` : '';
  return `{"documents":[${documents.join(',')}]${removals},"checkpoint":{"seq":${page.last!}}}`;
}

/**
 * A stored document's JSON text as a role that may not see identifiers receives it
 * (shared/sync/disclosure.ts). Such roles read what other organisations shared with them, a small
 * part of a centre, so parsing is affordable here; the roles that pull whole centres keep the
 * spliced text.
 */
function maskedText(collection: SyncedCollectionName, role: Role, data: string, crossed: boolean): string {
  return JSON.stringify(disclosedTo(collection, role, JSON.parse(data) as Record<string, unknown>, crossed));
}

/** A push that tries to write for another organisation; refused whole, nothing stored. */
export class ForbiddenOrganisationError extends Error {
  constructor(readonly documentId: string) {
    super('sync.forbiddenOrganisation');
  }
}

export interface PushResult {
  conflicts: ReplicatedDocument[];
  rejected: Rejection[];
  /** Stored versions that differ from what was sent (the platform's stamps added). */
  stamped?: ReplicatedDocument[];
  /** What was stored, with the checkpoint of each, for the change stream. */
  written: { document: ReplicatedDocument; checkpoint: Checkpoint; orgId: string; sharedWith: string[] }[];
  /** Organisations that lost access to a document with this push, for the change stream. */
  removals?: Removal[];
  /**
   * Documents whose readers a grant this push made or ended changed (./grants.ts), by collection,
   * for the change stream: re-sequenced for a new reader, or removal markers for a former one.
   */
  shared?: SharingChange[];
}

export type { Removal } from './removals';

/** The organisations `current` was shared with that `sharedWith` no longer names. */
function lostOrganisations(current: Row | undefined, sharedWith: string[]): string[] {
  const before = current?.shared_with;
  if (!Array.isArray(before)) return [];
  return [...new Set(before)].filter((org) => !sharedWith.includes(org));
}

/**
 * `rows` with every identifier a desk sent back in the masked form it received put back to the
 * stored value (shared/sync/disclosure.ts), in the document and in its assumed master alike, so a
 * desk that holds masked values never writes them over the real ones and is not sent into an
 * endless conflict by them. Only rows that may hold a mask cost a lookup.
 */
async function withStoredIdentifiers(
  db: Queryable,
  collection: SyncedCollectionName,
  rows: PushRow[],
): Promise<PushRow[]> {
  const ids = rows
    .filter(
      (row) =>
        mayHoldMaskedIdentifiers(collection, row.newDocumentState) ||
        (row.assumedMasterState && mayHoldMaskedIdentifiers(collection, row.assumedMasterState)),
    )
    .map((row) => row.newDocumentState.id);
  if (!ids.length) return rows;
  const stored = new Map(
    (
      await db.query<{ id: string; data: Record<string, unknown> }>(
        'SELECT id, data FROM documents WHERE collection = $1 AND id = ANY ($2)',
        [collection, ids],
      )
    ).map((row) => [row.id, row.data]),
  );
  return rows.map((row) => {
    const data = stored.get(row.newDocumentState.id);
    if (!data) return row;
    return {
      newDocumentState: keepStoredIdentifiers(collection, row.newDocumentState, data),
      ...(row.assumedMasterState
        ? { assumedMasterState: keepStoredIdentifiers(collection, row.assumedMasterState, data) }
        : {}),
    };
  });
}

const withoutDeleted = ({ _deleted, ...data }: ReplicatedDocument) => ({ data, deleted: _deleted });

/** The shared text rule's errors of a pushed row: its document's, else its assumed master's. */
function unstorableErrors(row: PushRow): FieldError[] {
  const errors = textErrors(row.newDocumentState);
  return errors.length || !row.assumedMasterState ? errors : textErrors(row.assumedMasterState);
}

/**
 * Applies pushed rows in one transaction. A row whose assumed master is not what the platform
 * holds comes back as a conflict; a row that fails validation comes back rejected; the rest are
 * stored with a fresh sequence number.
 * @throws ForbiddenOrganisationError when any row belongs to (or would take over) another
 *   organisation's document
 */
export async function pushDocuments(
  store: Store,
  collection: SyncedCollectionName,
  scope: Scope,
  rows: PushRow[],
  now: Date,
): Promise<PushResult> {
  const definition = syncedCollections[collection];
  const { checkWrite, uniqueFields } = definition as Pick<
    SyncedCollection<never>,
    'checkWrite' | 'uniqueFields'
  >;
  const result: PushResult = { conflicts: [], rejected: [], written: [] };
  const valid: PushRow[] = [];
  // Text no database can store (and nesting no check could walk) is refused first, by field,
  // before anything else reads the row (shared/validation/text.ts).
  const storable = rows.filter((row) => {
    const errors = unstorableErrors(row);
    if (errors.length) result.rejected.push({ id: row.newDocumentState.id, errors });
    return !errors.length;
  });
  for (const row of await withStoredIdentifiers(store, collection, storable)) {
    const doc = row.newDocumentState as ReplicatedDocument;
    if (doc.orgId !== scope.orgId) throw new ForbiddenOrganisationError(doc.id);
    const { data } = withoutDeleted(doc);
    const errors = schemaErrors(definition.schema, data);
    if (!errors.length) errors.push(...definition.check(data as never, now));
    if (errors.length) result.rejected.push({ id: doc.id, errors });
    else valid.push(row);
  }
  if (!valid.length) return result;
  // Clinical records are sealed with the platform's key (loaded outside the transaction, once).
  const policy = stampedPolicyOf(collection);
  const key = policy ? await signingKey(store) : undefined;

  await store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLocks.documents]);
    const offlineSince = await recordDeskContact(tx, scope.deskId ?? '', scope.staffId, now);
    const ids = valid.map((r) => r.newDocumentState.id);
    const existing = await tx.query<Row & { id: string; org_id: string }>(
      `SELECT id, org_id, data, deleted, server_seq, shared_with FROM documents
        WHERE collection = $1 AND id = ANY ($2) FOR UPDATE`,
      [collection, ids],
    );
    const byId = new Map(existing.map((r) => [r.id, r]));
    // The grants over this organisation's documents give their readers at write time.
    let grants = await activeGrantsOf(tx, scope.orgId);
    // Care plans are checked knowing which kind of organisation writes them (centre or hospital).
    let orgKind: OrganisationKind | null | undefined;
    const orgContext = async () =>
      collection === 'carePlans'
        ? { orgKind: (orgKind ??= await organisationKindOf(tx, scope.orgId)) }
        : undefined;
    const audited: AuditedWrite[] = [];
    for (const row of valid) {
      let doc = row.newDocumentState as ReplicatedDocument;
      const current = byId.get(doc.id);
      if (current && current.org_id !== scope.orgId) throw new ForbiddenOrganisationError(doc.id);
      if (current) {
        const master = toDocument(current);
        const assumed = row.assumedMasterState as ReplicatedDocument | undefined;
        const same =
          assumed !== undefined &&
          master._deleted === assumed._deleted &&
          definition.isEqual(master as never, assumed as never);
        if (!same) {
          result.conflicts.push(master);
          continue;
        }
      }
      const previous = current ? toDocument(current) : undefined;
      if (policy) doc = keepPlatformFields(policy, doc, previous);
      const writeErrors =
        checkWrite?.(
          doc as never,
          previous as never,
          { staffId: scope.staffId, role: scope.role, orgId: scope.orgId },
          policy ? await writeContextOf(tx, collection, doc) : await orgContext(),
        ) ?? [];
      if (!writeErrors.length)
        writeErrors.push(
          ...(await takenFieldErrors(tx, collection, scope.orgId, doc, previous, uniqueFields)),
        );
      if (!writeErrors.length && collection === 'carePlans')
        writeErrors.push(...(await carePlanSharingErrors(tx, doc, scope.orgId, previous)));
      if (policy && !writeErrors.length) {
        const stamped = stampActs(policy, doc, previous, now, offlineSince, key!);
        if ('errors' in stamped) writeErrors.push(...stamped.errors);
        else doc = stamped.doc;
      }
      if (writeErrors.length) {
        result.rejected.push({ id: doc.id, errors: writeErrors });
        continue;
      }
      const { data, deleted } = withoutDeleted(doc);
      // A row the database refuses is refused alone; the push stores the others (./rowWrites).
      // Its removal markers and the grants it makes or ends are part of the row: refused with
      // it, never failing the whole push.
      const written = await writeRow(tx, async () => {
        const actor = { orgId: scope.orgId, staffId: scope.staffId };
        const regranted = await grantsOnWrite(tx, collection, data, deleted, actor, now);
        const rules = regranted.length ? await activeGrantsOf(tx, scope.orgId) : grants;
        const sharedWith = sharingOf(rules, collection, data);
        const lost = lostOrganisations(current, sharedWith);
        const [row] = await tx.query<{ server_seq: number }>(
          `INSERT INTO documents (collection, id, org_id, shared_with, deleted, data, server_updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (collection, id) DO UPDATE SET
             org_id = EXCLUDED.org_id, shared_with = EXCLUDED.shared_with, deleted = EXCLUDED.deleted,
             data = EXCLUDED.data, server_updated_at = EXCLUDED.server_updated_at,
             server_seq = nextval('documents_seq')
           RETURNING server_seq`,
          [collection, doc.id, scope.orgId, sharedWith, deleted, JSON.stringify(data), now.toISOString()],
        );
        const removals = lost.length ? await recordRemovals(tx, collection, doc.id, lost, now) : [];
        const shared = await reshareAll(tx, regranted, now);
        return { stored: row, removals, sharedWith, rules, shared };
      });
      if (!written) {
        result.rejected.push({ id: doc.id, errors: [storageRefusal] });
        continue;
      }
      const { stored, removals, sharedWith, shared } = written;
      grants = written.rules;
      for (const change of shared) (result.shared ??= []).push(change);
      if (policy && canonicalJson(doc) !== canonicalJson(row.newDocumentState))
        (result.stamped ??= []).push(doc);
      result.written.push({
        document: doc,
        checkpoint: { seq: stored!.server_seq },
        orgId: scope.orgId,
        sharedWith,
      });
      if (removals.length) (result.removals ??= []).push(...removals);
      byId.set(doc.id, {
        id: doc.id,
        org_id: scope.orgId,
        data,
        deleted,
        server_seq: stored!.server_seq,
        shared_with: sharedWith,
      });
      audited.push({ document: doc, previous, seq: stored!.server_seq });
    }
    // The platform's own event for each write, committed with it (../audit/platformAudit.ts).
    await auditWrites(tx, collection, scope, audited, now);
  });
  return result;
}
