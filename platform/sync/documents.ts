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
import { syncedCollections, type SyncedCollectionName } from '../../shared/sync/collections';
import { advisoryLocks } from '../db/locks';
import type { Queryable, Store } from '../db/store';
import { schemaErrors } from './schemaValidator';

/** Who is asking: the organisation and staff member the access token is bound to. */
export interface Scope {
  orgId: string;
  staffId: string;
}

interface Row {
  data: Record<string, unknown>;
  deleted: boolean;
  server_seq: number;
}

const toDocument = (row: Row): ReplicatedDocument =>
  ({ ...row.data, _deleted: row.deleted }) as ReplicatedDocument;

/** Documents of `collection` visible to `scope` after `seq`, in platform order. */
export async function pullDocuments(
  db: Queryable,
  collection: SyncedCollectionName,
  scope: Scope,
  seq: number,
  limit: number,
): Promise<PullResponse> {
  const rows = await db.query<Row>(
    `SELECT data, deleted, server_seq FROM documents
      WHERE collection = $1 AND server_seq > $2 AND (org_id = $3 OR $3 = ANY (shared_with))
      ORDER BY server_seq LIMIT $4`,
    [collection, seq, scope.orgId, limit],
  );
  const last = rows.at(-1);
  return { documents: rows.map(toDocument), checkpoint: { seq: last ? last.server_seq : seq } };
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

  await store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [advisoryLocks.documents]);
    const ids = valid.map((r) => r.newDocumentState.id);
    const existing = await tx.query<Row & { id: string; org_id: string }>(
      `SELECT id, org_id, data, deleted, server_seq FROM documents
        WHERE collection = $1 AND id = ANY ($2) FOR UPDATE`,
      [collection, ids],
    );
    const byId = new Map(existing.map((r) => [r.id, r]));
    for (const row of valid) {
      const doc = row.newDocumentState as ReplicatedDocument;
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
