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
import {
  syncedCollections,
  type SyncedCollection,
  type SyncedCollectionName,
} from '../../shared/sync/collections';
import { canonicalJson } from '../../shared/json/canonicalJson';
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
import { signingKey } from './platformKeys';
import { schemaErrors } from './schemaValidator';

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
 *   and so did decoding 1,000 rows one by one.
 */
export async function pullDocuments(
  db: Queryable,
  collection: SyncedCollectionName,
  scope: Scope,
  seq: number,
  limit: number,
): Promise<JsonText<PullResponse>> {
  const [page] = await db.query<{ documents: string | null; deleted: string | null; last: number | null }>(
    `SELECT string_agg(data::text, E'\\n' ORDER BY server_seq) AS documents,
            string_agg(CASE WHEN deleted THEN '1' ELSE '0' END, '' ORDER BY server_seq) AS deleted,
            max(server_seq) AS last
       FROM (SELECT data, deleted, server_seq FROM (
               (SELECT data, deleted, server_seq FROM documents
                 WHERE org_id = $3 AND collection = $1 AND server_seq > $2
                 ORDER BY server_seq LIMIT $4)
               UNION ALL
               (SELECT data, deleted, server_seq FROM documents
                 WHERE shared_with @> ARRAY[$3::text] AND org_id <> $3 AND collection = $1
                   AND server_seq > $2
                 ORDER BY server_seq LIMIT $4)
             ) visible ORDER BY server_seq LIMIT $4) page`,
    [collection, seq, scope.orgId, limit],
  );
  if (!page?.documents) return `{"documents":[],"checkpoint":{"seq":${seq}}}`;
  const flags = page.deleted!;
  const documents = page.documents.split('\n').map((data, i) => documentText(data, flags[i] === '1'));
  return `{"documents":[${documents.join(',')}],"checkpoint":{"seq":${page.last!}}}`;
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
}

const withoutDeleted = ({ _deleted, ...data }: ReplicatedDocument) => ({ data, deleted: _deleted });

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
  for (const row of rows) {
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
      `SELECT id, org_id, data, deleted, server_seq FROM documents
        WHERE collection = $1 AND id = ANY ($2) FOR UPDATE`,
      [collection, ids],
    );
    const byId = new Map(existing.map((r) => [r.id, r]));
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
          policy ? await writeContextOf(tx, collection, doc) : undefined,
        ) ?? [];
      if (!writeErrors.length)
        writeErrors.push(
          ...(await takenFieldErrors(tx, collection, scope.orgId, doc, previous, uniqueFields)),
        );
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
      const sharedWith = Array.isArray(data.sharedWith) ? (data.sharedWith as string[]) : [];
      const [stored] = await tx.query<{ server_seq: number }>(
        `INSERT INTO documents (collection, id, org_id, shared_with, deleted, data, server_updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (collection, id) DO UPDATE SET
           org_id = EXCLUDED.org_id, shared_with = EXCLUDED.shared_with, deleted = EXCLUDED.deleted,
           data = EXCLUDED.data, server_updated_at = EXCLUDED.server_updated_at,
           server_seq = nextval('documents_seq')
         RETURNING server_seq`,
        [collection, doc.id, scope.orgId, sharedWith, deleted, JSON.stringify(data), now.toISOString()],
      );
      if (policy && canonicalJson(doc) !== canonicalJson(row.newDocumentState))
        (result.stamped ??= []).push(doc);
      result.written.push({
        document: doc,
        checkpoint: { seq: stored!.server_seq },
        orgId: scope.orgId,
        sharedWith,
      });
      byId.set(doc.id, { id: doc.id, org_id: scope.orgId, data, deleted, server_seq: stored!.server_seq });
    }
  });
  return result;
}
