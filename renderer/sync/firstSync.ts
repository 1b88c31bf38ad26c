/**
 * The first sync of a collection that flows both ways, made cheap.
 *
 * RxDB's replication keeps, for every document it pulls, a second copy: the platform's state of
 * that document (the "assumed master"), so that a later local edit can be pushed together with
 * the version it started from, and a later platform change can be told apart from an unpushed
 * local one. For a desk's first sync of a whole centre that doubles every write and read of
 * IndexedDB, although almost none of those documents will be edited here soon.
 *
 * So a desk whose collection is empty first pulls with a pull-only replication under the same
 * replication identifier (RxDB then stores no assumed master, only its checkpoint), and only then
 * starts the two-way replication, which continues from that checkpoint. The skipped copies are
 * written later, one document at a time and only when needed, by {@link claimBases}: just before
 * a first-synced document is edited here, and just before a platform change of it is handed to
 * the replication. A first-synced document that has not been written since the first sync is
 * still exactly what the platform sent, so its current state is its assumed master. The record
 * of the first sync says which documents those are: written while it ran, not by a local write,
 * and not written since (their last-write time is not after the first sync's last write).
 *
 * The push side starts after the documents the first sync wrote, so they are not sent back;
 * anything written locally while the first sync ran is still pushed (the push starts before the
 * first such write).
 */
import type { RxCollection, RxDocumentData } from 'rxdb';
import { getAssumedMasterState, getMetaWriteRow, writeDocToDocState } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';

/** RxDB's context for writes of pulled documents (it appends the replication's hash). */
const pulledContext = 'replication-downstream';

/** What a desk keeps about the first sync of one replication. */
export interface FirstSyncRecord {
  done: boolean;
  /** Whether the collection was empty when the first sync began (not resumed after a restart). */
  fresh: boolean;
  /** Local change checkpoint the push side starts from; absent: from the beginning. */
  pushFrom?: unknown;
  /** Last-write time (RxDB `_meta.lwt`) of the last document written while the first sync ran. */
  endLwt: number;
  /** Documents written locally (not pulled) while the first sync ran. */
  localIds: string[];
}

export interface RecordStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const keyOf = (identifier: string) => `clinicdesk.firstSync.${identifier}`;

/**
 * The record of replication `identifier`'s first sync: as saved, a new one when `collection` is
 * empty (a first sync is due), or null when this desk synced the collection without one.
 */
export async function firstSyncRecord(
  collection: RxCollection,
  identifier: string,
  storage: RecordStorage,
): Promise<FirstSyncRecord | null> {
  const saved = storage.getItem(keyOf(identifier));
  if (saved) return JSON.parse(saved) as FirstSyncRecord;
  if ((await collection.count().exec()) > 0) return null;
  return { done: false, fresh: true, endLwt: 0, localIds: [] };
}

export function saveFirstSyncRecord(identifier: string, record: FirstSyncRecord, storage: RecordStorage) {
  storage.setItem(keyOf(identifier), JSON.stringify(record));
}

/**
 * Keeps `record` up to date with the writes to `collection` while a first sync runs; `save` is
 * called whenever a local write is seen, so a restart does not forget it. Returns the function
 * that stops watching and settles where the push side starts.
 */
export function watchFirstSync(collection: RxCollection, record: FirstSyncRecord, save: () => void) {
  // A resumed first sync cannot know what was written before the restart: push from the start.
  let pushFrom: unknown;
  let localSeen = !record.fresh;
  const local = new Set(record.localIds);
  const subscription = collection.storageInstance.changeStream().subscribe((bulk) => {
    record.endLwt = Math.max(record.endLwt, (bulk.checkpoint as { lwt: number }).lwt);
    if (bulk.context.startsWith(pulledContext)) {
      if (!localSeen) pushFrom = bulk.checkpoint;
      return;
    }
    localSeen = true;
    for (const event of bulk.events) local.add(event.documentId);
    record.localIds = [...local];
    save();
  });
  return () => {
    subscription.unsubscribe();
    record.pushFrom = record.fresh ? pushFrom : undefined;
  };
}

type AnyDoc = { id: string };
type Replication = RxReplicationState<AnyDoc, unknown>;

/**
 * Writes the assumed master of every document among `ids` that the first sync pulled and nobody
 * has written since, unless the replication already holds one. A write that races the
 * replication's own (a conflict in its bookkeeping) is as good and is not retried.
 */
export async function claimBases<D extends AnyDoc, C>(
  running: RxReplicationState<D, C>,
  record: FirstSyncRecord,
  ids: string[],
): Promise<void> {
  // Only the document ids and the replication's internals are read, whatever D and C are.
  const state = (running as unknown as Replication).internalReplicationState;
  if (!state || ids.length === 0) return;
  const local = new Set(record.localIds);
  const candidates = ids.filter((id) => !local.has(id));
  if (candidates.length === 0) return;
  const [docs, known] = await Promise.all([
    state.input.forkInstance.findDocumentsById(candidates, false),
    getAssumedMasterState(state, candidates),
  ]);
  const unchanged = (docs as RxDocumentData<AnyDoc>[]).filter(
    (doc) => !known[doc.id] && doc._meta.lwt <= record.endLwt,
  );
  if (unchanged.length === 0) return;
  const rows = await Promise.all(
    unchanged.map((doc) => getMetaWriteRow(state, writeDocToDocState(doc, false, false))),
  );
  await state.input.metaInstance.bulkWrite(rows, 'replication-first-sync-base');
}

/** The running replication and first-sync record of each collection, for its one preSave hook. */
const current = new WeakMap<RxCollection, { replication: Replication | null; record: FirstSyncRecord }>();

/**
 * Before a document is edited here, claims its base if the first sync pulled it (see
 * {@link claimBases}). Registers one `preSave` hook per collection; calling again switches it to
 * the given replication, `null` switches it off.
 */
export function claimBaseBeforeEdit<D extends AnyDoc, C>(
  collection: RxCollection,
  running: RxReplicationState<D, C> | null,
  record: FirstSyncRecord,
): void {
  const replication = running as unknown as Replication | null;
  const known = current.get(collection);
  if (known) {
    Object.assign(known, { replication, record });
    return;
  }
  const ref = { replication, record };
  current.set(collection, ref);
  collection.preSave(async (_next: unknown, before: unknown) => {
    if (!ref.replication || ref.replication.isStopped()) return;
    await claimBases(ref.replication, ref.record, [(before as AnyDoc).id]);
  }, false);
}
