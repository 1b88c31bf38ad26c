/**
 * The first sync of a collection that flows both ways, made cheap.
 *
 * RxDB's replication keeps, for every document it pulls, a second copy: the platform's state of
 * that document (the "assumed master"), so that a later local edit can be pushed together with
 * the version it started from, and a later platform change can be told apart from an unpushed
 * local one. For a desk's first sync of a whole centre that doubles every write and read of
 * IndexedDB, although almost none of those documents will be edited here soon.
 *
 * So a desk whose collection is empty first pulls with a replication of its own under the same
 * replication identifier, which stores no assumed master of the pages it writes straight in
 * (below), and only then starts the two-way replication, which continues from its checkpoints.
 * The skipped copies are written later, one document at a time and only when needed, by
 * {@link claimBases}: just before a first-synced document is edited here, and just before a
 * platform change of it is handed to the replication. A first-synced document that has not been
 * written since the first sync is still exactly what the platform sent, so its current state is
 * its assumed master. The record of the first sync says which documents those are: written while
 * it ran, not by a local write, and not written since (their last-write time is not after the
 * first sync's last write).
 *
 * RxDB's downstream reads every pulled document's local state and its assumed master before it
 * writes, one promise per document, and writes the assumed master. A collection that was empty
 * needs none of that, so the first sync's pull handler writes every full page straight into the
 * collection's storage ({@link pullStraightIn}) and hands RxDB only the last page, which RxDB
 * writes as usual together with its checkpoint. How far the pages written straight in reach is
 * kept in the record, so a first sync stopped midway resumes there.
 *
 * The first sync's replication pushes too, although only what is written here while it runs.
 * RxDB runs a push side in every replication, and one without a push handler counts each local
 * write as sent and moves its push checkpoint past it; the two-way replication continues from that
 * checkpoint and would never send those writes (a resident registered or a consultation started
 * during the first sync). The documents the first sync wrote carry the mark RxDB gives the
 * documents its pulls write ({@link pulledMark}), and {@link withoutPulled} keeps them out of its
 * pushes, even those written before a restart that its push side had not yet passed.
 */
import type { RxCollection } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { Checkpoint, PullResponse } from '../../shared/sync/protocol';
// Everything this module needs of RxDB's internals goes through the one adapter.
import {
  addToDexie,
  collectionOf,
  dexieStorageOf,
  forkDocuments,
  isPulledAt,
  pulledMarkHash,
  pulledWriteContext,
  pulledWriteContextPrefix,
  rawStorageOf,
  replicationStarted,
  storedAsPulled,
  watchStorageWrites,
  withAssumedMaster,
  writeAssumedMasters,
  writeTime,
  type StoredDoc,
} from '../db/rxdbInternals';

/** What a desk keeps about the first sync of one replication. */
export interface FirstSyncRecord {
  done: boolean;
  /** Whether the collection was empty when the first sync began (not resumed after a restart). */
  fresh: boolean;
  /** Last-write time (RxDB `_meta.lwt`) of the last document written while the first sync ran. */
  endLwt: number;
  /** Documents written locally (not pulled) while the first sync ran. */
  localIds: string[];
  /** Platform checkpoint after the last page written straight into storage. */
  pulledTo?: Checkpoint;
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
 * that stops watching.
 */
export function watchFirstSync(collection: RxCollection, record: FirstSyncRecord, save: () => void) {
  const local = new Set(record.localIds);
  return watchStorageWrites(collection, (write) => {
    record.endLwt = Math.max(record.endLwt, write.lwt);
    if (write.context.startsWith(pulledWriteContextPrefix)) return;
    for (const id of write.documentIds) local.add(id);
    record.localIds = [...local];
    save();
  });
}

type AnyDoc = { id: string };

/**
 * Writes `documents` from the platform into `collection`'s storage as they are, marked as RxDB
 * marks what its pulls write (`hash`, see rxdbInternals.ts `isPulledAt`). A document that is already here was
 * either written by an earlier run of this first sync (a restart between the write and saving how
 * far it reached), and is overwritten, or edited here meanwhile, and is kept: the replication
 * pushes it, and the platform settles the two versions as a conflict.
 */
async function writeStraightIn(
  collection: RxCollection,
  documents: AnyDoc[],
  record: FirstSyncRecord,
  { context, hash }: { context: string; hash: string },
): Promise<void> {
  const token = collection.database.token;
  // One write time for the page, as RxDB gives one to each bulk write.
  const lwt = writeTime();
  const stored = (doc: AnyDoc, previous?: StoredDoc) => storedAsPulled(doc, { token, hash, lwt }, previous);
  let pending = documents.map((doc) => stored(doc));
  // On IndexedDB, straight into the Dexie table (the storage's write API reads every key first).
  const dexie = dexieStorageOf(collection);
  if (dexie) pending = await addToDexie(dexie, pending, context);
  if (pending.length === 0) return;
  const storage = rawStorageOf(collection);
  const result = await storage.bulkWrite(
    pending.map((document) => ({ document })),
    context,
  );
  const local = new Set(record.localIds);
  const byId = new Map(documents.map((doc) => [doc.id, doc]));
  const again = [];
  for (const error of result.error) {
    if (error.status !== 409 || !error.documentInDb)
      throw new Error(`first sync: ${error.documentId} refused (${error.status})`);
    if (local.has(error.documentId)) continue;
    again.push({
      previous: error.documentInDb,
      document: stored(byId.get(error.documentId)!, error.documentInDb),
    });
  }
  if (again.length === 0) return;
  const retried = await storage.bulkWrite(again, context);
  // Another conflict means a local write got in between: that one is kept, as above.
  const failed = retried.error.find((e) => e.status !== 409);
  if (failed) throw new Error(`first sync: ${failed.documentId} refused (${failed.status})`);
}

/**
 * Where a pull from RxDB's `checkpoint` starts: further on when the first sync's pages written
 * straight in reach further. (RxDB stores no checkpoint for them, and none at all when the last
 * page was empty.)
 */
export function pulledFrom(checkpoint: Checkpoint | undefined, record: FirstSyncRecord | undefined) {
  const reached = record?.pulledTo;
  return reached && reached.seq > (checkpoint?.seq ?? 0) ? reached : checkpoint;
}

/**
 * The pull handler of a first sync. From `checkpoint` (or further, where an earlier run of this
 * first sync reached), writes every full page straight into the storage of `replication`'s
 * collection, fetching the next page while it writes, and returns the first page that is not full
 * for RxDB to write with its checkpoint. `fetchPage` returns null once the sync is stopped; so
 * does this.
 *
 * The pages are written with the context RxDB gives its own pulled writes. The replication's
 * push side recognises that context and leaves them alone; under any other it would take every
 * page for local edits and read each document's assumed master to push it.
 */
export async function pullStraightIn<D extends AnyDoc, C>({
  replication,
  record,
  save,
  checkpoint,
  batchSize,
  fetchPage,
}: {
  replication: RxReplicationState<D, C>;
  record: FirstSyncRecord;
  save: () => void;
  checkpoint: Checkpoint | undefined;
  batchSize: number;
  fetchPage: (from: Checkpoint | undefined) => Promise<PullResponse<AnyDoc> | null>;
}): Promise<PullResponse<AnyDoc> | null> {
  const collection = collectionOf(replication);
  const context = await pulledWriteContext(replication);
  const hash = await pulledMarkHash(replication);
  let next = fetchPage(pulledFrom(checkpoint, record));
  for (;;) {
    const page = await next;
    if (!page || page.documents.length < batchSize) return page;
    next = fetchPage(page.checkpoint);
    // Awaited on the next turn; a failure meanwhile must not surface as unhandled.
    next.catch(() => undefined);
    await writeStraightIn(collection, page.documents, record, { context, hash });
    record.pulledTo = page.checkpoint;
    save();
  }
}

type Replication = RxReplicationState<AnyDoc, unknown>;

/**
 * The rows of a push of the first sync's replication that are worth sending: without those whose
 * document here is still what a pull wrote (see rxdbInternals.ts `isPulledAt`). Its push side takes every
 * document written after its checkpoint for a local write when it starts; after a restart midway
 * that includes the last pages written before it, which the platform already holds as they are.
 * RxDB records the rows left out as sent, with their current state as the platform's.
 */
export async function withoutPulled<R extends { newDocumentState: unknown }, D extends AnyDoc, C>(
  replication: RxReplicationState<D, C>,
  rows: R[],
): Promise<R[]> {
  if (!replicationStarted(replication) || rows.length === 0) return rows;
  const ids = rows.map((row) => (row.newDocumentState as AnyDoc).id);
  const [hash, docs] = await Promise.all([
    pulledMarkHash(replication),
    forkDocuments(replication, ids, true),
  ]);
  const pulled = new Set(docs.filter((doc) => isPulledAt(doc, hash)).map((doc) => doc.id));
  return rows.filter((row) => !pulled.has((row.newDocumentState as AnyDoc).id));
}

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
  if (!replicationStarted(running) || ids.length === 0) return;
  const local = new Set(record.localIds);
  const candidates = ids.filter((id) => !local.has(id));
  if (candidates.length === 0) return;
  const [docs, known] = await Promise.all([
    forkDocuments(running, candidates, false),
    withAssumedMaster(running, candidates),
  ]);
  const unchanged = docs.filter((doc) => !known.has(doc.id) && doc._meta.lwt <= record.endLwt);
  await writeAssumedMasters(running, unchanged, 'replication-first-sync-base');
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
