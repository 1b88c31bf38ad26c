/**
 * Removal markers (migration 009): an organisation that can no longer read a document is told so
 * by its next pull or on its stream, since a pull by sequence shows only what it can still read.
 */
import type { Checkpoint } from '../../shared/sync/protocol';
import type { Queryable } from '../db/store';

/** A removal marker as recorded: `orgId` can no longer read document `id`. */
export interface Removal {
  orgId: string;
  id: string;
  checkpoint: Checkpoint;
}

/**
 * Records that each of `orgIds` can no longer read document `id` of `collection`: one marker per
 * organisation, renewed with a fresh sequence number if it had one, so its next pull (and its
 * stream, from the returned removals) tells its desks to drop the document. Whatever ends an
 * organisation's access (a document's `sharedWith`, a grant: ./grants.ts) calls this in the same
 * transaction, holding the documents lock as for a document write (see migration 009).
 */
export async function recordRemovals(
  tx: Queryable,
  collection: string,
  id: string,
  orgIds: readonly string[],
  now: Date,
): Promise<Removal[]> {
  const rows = await tx.query<{ org_id: string; server_seq: number | string }>(
    `INSERT INTO document_removals (org_id, collection, id, removed_at)
     SELECT org, $2, $3, $4 FROM unnest($1::text[]) AS org
     ON CONFLICT (org_id, collection, id) DO UPDATE SET
       server_seq = nextval('documents_seq'), removed_at = EXCLUDED.removed_at
     RETURNING org_id, server_seq`,
    [orgIds, collection, id, now.toISOString()],
  );
  return rows.map((row) => ({ orgId: row.org_id, id, checkpoint: { seq: Number(row.server_seq) } }));
}
