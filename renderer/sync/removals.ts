/**
 * Removal markers at the desk. A pull or stream event may name, in `removed`, documents this
 * desk's organisation can no longer read (they are no longer shared with it; shared/sync/
 * protocol.ts). The desk drops its copies at once, before anything reaches RxDB: each id becomes a
 * deletion from the platform carrying nothing but the id, placed before the page's documents.
 *
 * RxDB then writes it like any other pulled change: the local document is replaced by that bare
 * tombstone (its content is gone from the collection and from the replication's copy of the
 * platform's state), nothing is pushed back (pulled writes never are, and the platform would
 * refuse a write to another organisation's record), nothing is validated against the schema
 * (pulled writes are not: renderer/db/validation.ts), and the resident search index drops the
 * entry as it drops any deletion. An id this desk never held costs one bare tombstone. The page
 * keeps the length the platform gave it, so RxDB's paging (a short page is the last) still holds;
 * a document listed after its marker (shared again since) comes later in the page and wins.
 */
import type { Checkpoint } from '../../shared/sync/protocol';

/** What a pull page or a stream event brings: documents, removal markers and the checkpoint. */
interface Page<D> {
  documents: D[];
  removed?: string[];
  checkpoint: Checkpoint;
}

/** `page` with its removal markers turned into bare deletions ahead of its documents. */
export function withRemovals<D extends { id: string; _deleted: boolean }>(
  page: Page<D>,
): { documents: D[]; checkpoint: Checkpoint } {
  const { documents, removed, checkpoint } = page;
  if (!removed?.length) return { documents, checkpoint };
  const tombstones = removed.map((id) => ({ id, _deleted: true }) as D);
  return { documents: [...tombstones, ...documents], checkpoint };
}
