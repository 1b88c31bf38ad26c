/**
 * Every use of RxDB's internals, in one place: private fields of its replication state and
 * storage instances, helpers it exports but does not document, and the strings it marks its own
 * writes with. The first sync (renderer/sync/firstSync.ts), the search index and the write
 * validation rely on them to skip work RxDB would repeat for 100k documents; an RxDB upgrade that
 * changes any of them breaks here, and rxdbInternals.test.ts says which.
 *
 * Written for, and tested against, the RxDB version package.json pins exactly
 * ({@link rxdbVersionWrittenFor}).
 */
import { Dexie } from 'dexie';
import type { EventBulk, RxCollection, RxDocumentData, RxStorageChangeEvent, RxStorageInstance } from 'rxdb';
import {
  createRevision,
  getAssumedMasterState,
  getChangedDocumentsSince,
  getHeightOfRevision,
  getMetaWriteRow,
  now,
  writeDocToDocState,
} from 'rxdb';
import { fromStorageToDexie, RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import type { RxReplicationState } from 'rxdb/plugins/replication';

/** The RxDB release this adapter was written against (package.json pins it exactly). */
export const rxdbVersionWrittenFor = '17.6.0';

/** The context RxDB writes pulled documents with (it appends the replication's hash). */
export const pulledWriteContextPrefix = 'replication-downstream';

/** The schema title of RxDB's replication bookkeeping collections (assumed masters, checkpoints). */
export const replicationMetaSchemaTitle = 'RxReplicationProtocolMetaData';

type AnyDoc = { id: string };
export type StoredDoc = RxDocumentData<AnyDoc>;
type Replication = RxReplicationState<AnyDoc, unknown>;
type StorageCheckpoint = { id: string; lwt: number };
type ChangeBulk = EventBulk<RxStorageChangeEvent<StoredDoc>, StorageCheckpoint>;

/**
 * RxDB's mark on a document its pull wrote (`_meta.o`): the replication's hash and the height of
 * the revision written. A later write here raises the revision, so the mark then no longer holds.
 */
type PulledMark = { hash: string; _rev: number };

/** The running state of a replication (null once cancelled or before it started). */
function stateOf(replication: RxReplicationState<AnyDoc, unknown>) {
  return (replication as unknown as Replication).internalReplicationState ?? null;
}

/** Whether the replication has started its internal state (false once cancelled). */
export function replicationStarted<D extends AnyDoc, C>(replication: RxReplicationState<D, C>): boolean {
  return stateOf(replication as unknown as Replication) !== null;
}

/** The collection a replication replicates. */
export function collectionOf<D extends AnyDoc, C>(replication: RxReplicationState<D, C>): RxCollection {
  return (replication as unknown as Replication).collection as unknown as RxCollection;
}

/** The hash RxDB's pulls of `replication` mark their documents with (see {@link isPulledAt}). */
export async function pulledMarkHash<D extends AnyDoc, C>(
  replication: RxReplicationState<D, C>,
): Promise<string> {
  const { input } = stateOf(replication as unknown as Replication)!;
  return input.hashFunction(input.identifier);
}

/** The exact context RxDB's pulls of `replication` write with (its push side skips those writes). */
export async function pulledWriteContext<D extends AnyDoc, C>(
  replication: RxReplicationState<D, C>,
): Promise<string> {
  return stateOf(replication as unknown as Replication)!.downstreamBulkWriteFlag;
}

/** Whether `doc` is, at its current revision, what a pull of the replication hashed `hash` wrote. */
export function isPulledAt(doc: StoredDoc, hash: string): boolean {
  const mark = (doc._meta as { o?: PulledMark }).o;
  return mark?.hash === hash && mark._rev === getHeightOfRevision(doc._rev);
}

/** A write time as RxDB's storages give one to each bulk write. */
export const writeTime = (): number => now();

/**
 * `doc` as storage holds it, written by a pull marked `hash` at `lwt`: a new revision of the
 * database `token` after `previous`, and RxDB's pulled mark for that revision.
 */
export function storedAsPulled(
  doc: AnyDoc,
  { token, hash, lwt }: { token: string; hash: string; lwt: number },
  previous?: StoredDoc,
): StoredDoc {
  const _rev = createRevision(token, previous);
  const o: PulledMark = { hash, _rev: getHeightOfRevision(_rev) };
  return { ...doc, _meta: { lwt, o }, _rev, _attachments: {} } as StoredDoc;
}

/**
 * The storage under `collection`, without the wrapper RxDB puts around it: the wrapper gives every
 * document it inserts a new `_meta`, which would drop the mark of a pulled document.
 */
export function rawStorageOf(collection: RxCollection): RxStorageInstance<AnyDoc, unknown, unknown> {
  const wrapped = collection.storageInstance as unknown as {
    originalStorageInstance?: RxStorageInstance<AnyDoc, unknown, unknown>;
  };
  return wrapped.originalStorageInstance ?? (wrapped as RxStorageInstance<AnyDoc, unknown, unknown>);
}

export interface DexieStorage {
  instance: RxStorageInstanceDexie<AnyDoc>;
  changes: { next(bulk: ChangeBulk): void };
}

/**
 * RxDB's Dexie storage under `collection`, when that is where its documents live (IndexedDB in
 * the app; RxDB's memory storage has none). Its write API reads every key before it writes, to
 * detect conflicts; {@link addToDexie} writes without that read. The instance announces its
 * writes on a change subject that RxDB keeps private.
 */
export function dexieStorageOf(collection: RxCollection): DexieStorage | undefined {
  const instance = rawStorageOf(collection);
  if (!(instance instanceof RxStorageInstanceDexie)) return undefined;
  const changes = (instance as unknown as { changes$?: Partial<DexieStorage['changes']> }).changes$;
  if (typeof changes?.next !== 'function') return undefined;
  return {
    instance: instance as RxStorageInstanceDexie<AnyDoc>,
    changes: changes as DexieStorage['changes'],
  };
}

/** The later of two storage checkpoints (last-write time, then id, as the storage orders them). */
const laterOf = (a: StorageCheckpoint | undefined, b: StorageCheckpoint): StorageCheckpoint =>
  !a || b.lwt > a.lwt || (b.lwt === a.lwt && b.id > a.id) ? b : a;

let bulks = 0;

/**
 * Adds `documents` to the Dexie table in one transaction with IndexedDB `add` (which never
 * overwrites, so it detects the conflicts the storage's read would) and announces them on the
 * storage's change stream, as the storage would: a write the collection is not told of would
 * leave its queries, other windows and the replication unaware of it. Returns the documents that
 * were already there (not written).
 */
export async function addToDexie(
  { instance, changes }: DexieStorage,
  documents: StoredDoc[],
  context: string,
): Promise<StoredDoc[]> {
  const { dexieDb, dexieTable, booleanIndexes } = await instance.internals;
  let present = new Set<number>();
  await dexieDb.transaction('rw', dexieTable, async () => {
    try {
      await dexieTable.bulkAdd(documents.map((doc) => fromStorageToDexie(booleanIndexes, doc)));
    } catch (error) {
      if (!(error instanceof Dexie.BulkError)) throw error;
      const failures = Object.entries(error.failuresByPos);
      const other = failures.find(([, failure]) => failure.name !== 'ConstraintError');
      if (other) throw other[1];
      present = new Set(failures.map(([position]) => Number(position)));
    }
  });
  const added = documents.filter((_, i) => !present.has(i));
  // As RxDB's storage does: deleted documents are written without an event.
  const events = added
    .filter((doc) => !doc._deleted)
    .map((doc) => ({
      documentId: doc.id,
      operation: 'INSERT' as const,
      documentData: doc,
      previousDocumentData: undefined,
    }));
  if (events.length > 0)
    changes.next({
      id: `first-sync-${instance.instanceId}-${++bulks}`,
      events,
      checkpoint: added.reduce<StorageCheckpoint | undefined>(
        (newest, doc) => laterOf(newest, { id: doc.id, lwt: doc._meta.lwt }),
        undefined,
      )!,
      context,
    });
  return documents.filter((_, i) => present.has(i));
}

/** A write to `collection`'s storage, as its change stream reports it. */
export interface StorageWrite {
  /** The write's last-write time (RxDB `_meta.lwt`). */
  lwt: number;
  /** The context it was written with (see {@link pulledWriteContextPrefix}). */
  context: string;
  documentIds: string[];
}

/** Calls `onWrite` for every bulk write to `collection`'s storage; returns the unsubscribe. */
export function watchStorageWrites(collection: RxCollection, onWrite: (write: StorageWrite) => void) {
  const subscription = collection.storageInstance.changeStream().subscribe((bulk) => {
    onWrite({
      lwt: (bulk.checkpoint as StorageCheckpoint).lwt,
      context: bulk.context,
      documentIds: bulk.events.map((event) => event.documentId),
    });
  });
  return () => subscription.unsubscribe();
}

/** The stored documents of `ids` in the replication's collection, deleted ones included or not. */
export async function forkDocuments<D extends AnyDoc, C>(
  replication: RxReplicationState<D, C>,
  ids: string[],
  withDeleted: boolean,
): Promise<StoredDoc[]> {
  const state = stateOf(replication as unknown as Replication);
  if (!state || ids.length === 0) return [];
  return (await state.input.forkInstance.findDocumentsById(ids, withDeleted)) as StoredDoc[];
}

/** The ids among `ids` for which the replication holds an assumed master (the platform's state). */
export async function withAssumedMaster<D extends AnyDoc, C>(
  replication: RxReplicationState<D, C>,
  ids: string[],
): Promise<Set<string>> {
  const state = stateOf(replication as unknown as Replication);
  if (!state || ids.length === 0) return new Set();
  const known = await getAssumedMasterState(state, ids);
  return new Set(ids.filter((id) => known[id]));
}

/**
 * Writes `docs`, as they are stored here, as the replication's assumed masters (what it believes
 * the platform holds), under `context`. A write that races the replication's own is not retried.
 */
export async function writeAssumedMasters<D extends AnyDoc, C>(
  replication: RxReplicationState<D, C>,
  docs: StoredDoc[],
  context: string,
): Promise<void> {
  const state = stateOf(replication as unknown as Replication);
  if (!state || docs.length === 0) return;
  const rows = await Promise.all(
    docs.map((doc) => getMetaWriteRow(state, writeDocToDocState(doc, false, false))),
  );
  await state.input.metaInstance.bulkWrite(rows, context);
}

/**
 * Up to `limit` documents of `collection` written after `checkpoint`, in storage order, with the
 * checkpoint after them (the search index catches up with it).
 */
export function changedDocumentsSince<T>(
  collection: RxCollection<T>,
  limit: number,
  checkpoint?: StorageCheckpoint,
) {
  return getChangedDocumentsSince(collection.storageInstance, limit, checkpoint);
}
