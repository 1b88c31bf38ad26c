/**
 * The first sync's pages written straight into storage (firstSync.ts), through a real RxDB
 * replication, on both storages the desk code runs on: Dexie on IndexedDB (the app's; here
 * fake-indexeddb) and RxDB's memory storage (unit tests'). The platform is a list of pages; what
 * the replication pushes, as the sync engine's does, is only what was written here meanwhile.
 */
import 'fake-indexeddb/auto';
import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { PatientDoc } from '../../shared/patients/schema';
import type { Checkpoint, PullResponse } from '../../shared/sync/protocol';
import { samplePatient } from '../../shared/testing/patients';
import { collectionDefinitions, openDatabase, type ClinicDatabase } from '../db/database';
import { openMemoryDatabase } from '../testing/memoryDb';
import { pulledFrom, pullStraightIn, watchFirstSync, withoutPulled, type FirstSyncRecord } from './firstSync';

type Pulled = PatientDoc & { _deleted: boolean };

let opened = 0;
/** Each storage, and how many of the first sync's three writes go through RxDB's storage API. */
const storages = {
  // Whole pages go straight into the Dexie table: only the last page is RxDB's write.
  'IndexedDB (Dexie)': {
    open: () =>
      openDatabase({
        name: `firstsync${Date.now()}x${++opened}`,
        storage: getRxStorageDexie(),
        collections: { patients: collectionDefinitions.patients },
      }),
    storageWrites: 1,
  },
  'RxDB memory': { open: () => openMemoryDatabase(['patients']), storageWrites: 3 },
};

const databases: ClinicDatabase[] = [];
afterEach(async () => {
  for (const db of databases.splice(0)) await db.remove();
});

const idOf = (i: number) => `0190d9a0-0000-7000-8000-${String(i).padStart(12, '0')}`;

/**
 * A centre of `count` residents on the platform, in sequence order; `fail` refuses requests once;
 * `meanwhile` runs when the desk asks for the page from a sequence (while it writes the one before).
 */
function platform(
  count: number,
  { deleted = [] as number[], failOnceAt = -1, meanwhile = {} as Record<number, () => Promise<void>> } = {},
) {
  const documents: Pulled[] = Array.from({ length: count }, (_, i) => ({
    ...samplePatient({ id: idOf(i), name: `居民${i}` }),
    _deleted: deleted.includes(i),
  }));
  const requests: number[] = [];
  let failed = false;
  return {
    documents,
    requests,
    async fetchPage(from: Checkpoint | undefined, size: number): Promise<PullResponse<Pulled>> {
      const seq = from?.seq ?? 0;
      requests.push(seq);
      await meanwhile[seq]?.();
      if (seq === failOnceAt && !failed) {
        failed = true;
        throw new Error('network down');
      }
      const page = documents.slice(seq, seq + size);
      return { documents: page, checkpoint: { seq: seq + page.length } };
    },
  };
}

const freshRecord = (): FirstSyncRecord => ({ done: false, fresh: true, endLwt: 0, localIds: [] });

/**
 * Runs a replication with the first sync's handler to its end. Pulling only, or as the sync
 * engine runs it, pushing into `pushed` what {@link withoutPulled} leaves of each push.
 */
async function firstSync(
  collection: RxCollection,
  centre: ReturnType<typeof platform>,
  record: FirstSyncRecord,
  { batchSize = 10, pushed }: { batchSize?: number; pushed?: string[] } = {},
) {
  const replication: RxReplicationState<Pulled, Checkpoint> = replicateRxCollection<Pulled, Checkpoint>({
    collection: collection as unknown as RxCollection<Pulled>,
    replicationIdentifier: 'test/first-sync',
    live: false,
    retryTime: 10,
    waitForLeadership: false,
    pull: {
      batchSize,
      handler: async (checkpoint, size) =>
        (await pullStraightIn({
          replication,
          record,
          save: () => undefined,
          checkpoint,
          batchSize: size,
          fetchPage: (from) => centre.fetchPage(from, size),
        })) as PullResponse<Pulled>,
    },
    push: pushed && {
      handler: async (rows) => {
        pushed.push(...(await withoutPulled(replication, rows)).map((row) => row.newDocumentState.id));
        return [];
      },
    },
  });
  // What RxDB's push side (it runs one even here) took for local writes to push.
  let sent = 0;
  const subscription = replication.sent$.subscribe(() => (sent += 1));
  await replication.awaitInitialReplication();
  await replication.awaitInSync();
  await replication.cancel();
  subscription.unsubscribe();
  return { sent, replication };
}

describe.each(Object.entries(storages))('a first sync on %s', (_, { open, storageWrites }) => {
  async function desk() {
    const db = await open();
    databases.push(db);
    return db;
  }

  it('writes full pages straight in, hands RxDB the rest, and the collection sees every resident', async () => {
    const db = await desk();
    const counts: number[] = [];
    const subscription = db.patients.count().$.subscribe((n) => counts.push(n));
    // The storage itself, under the wrapper RxDB puts around it.
    const wrapped = db.patients.storageInstance as typeof db.patients.storageInstance & {
      originalStorageInstance?: typeof db.patients.storageInstance;
    };
    const storage = wrapped.originalStorageInstance ?? wrapped;
    const write = storage.bulkWrite.bind(storage);
    let writes = 0;
    storage.bulkWrite = (rows, context) => {
      writes += 1;
      return write(rows, context);
    };
    const centre = platform(25, { deleted: [7] });
    const record = freshRecord();
    const { sent } = await firstSync(db.patients, centre, record);
    subscription.unsubscribe();

    expect(centre.requests).toEqual([0, 10, 20]);
    expect(writes).toBe(storageWrites);
    expect(sent).toBe(0);
    expect(record.pulledTo).toEqual({ seq: 20 });
    // The live count followed the writes (the deleted resident is not counted).
    expect(counts.at(-1)).toBe(24);
    const docs = await db.patients.find({ sort: [{ id: 'asc' }] }).exec();
    expect(docs.map((d) => d.name)).toEqual(centre.documents.filter((d) => !d._deleted).map((d) => d.name));
    expect(await db.patients.findOne(idOf(7)).exec()).toBeNull();
    // RxDB stored the checkpoint of the last page: a later pull goes on from the end.
    await firstSync(db.patients, centre, freshRecord());
    expect(centre.requests.slice(3)).toEqual([25]);
  });

  it('goes on from the last page written straight in when RxDB has no checkpoint', async () => {
    const db = await desk();
    // Whole pages only: RxDB's last page is empty and it stores no checkpoint.
    const centre = platform(20);
    const record = freshRecord();
    await firstSync(db.patients, centre, record);
    expect(centre.requests).toEqual([0, 10, 20]);
    expect(await db.patients.count().exec()).toBe(20);
    expect(pulledFrom(undefined, record)).toEqual({ seq: 20 });
    expect(pulledFrom({ seq: 30 }, record)).toEqual({ seq: 30 });
  });

  it('after a failed request, resumes from the last page written, not from the start', async () => {
    const db = await desk();
    const centre = platform(25, { failOnceAt: 10 });
    await firstSync(db.patients, centre, freshRecord());
    expect(centre.requests).toEqual([0, 10, 10, 20]);
    expect(await db.patients.count().exec()).toBe(25);
  });

  it('keeps a resident edited here meanwhile, and rewrites one an earlier run left behind', async () => {
    const db = await desk();
    const centre = platform(15);
    const edited = { ...centre.documents[3]!, name: '本地修改' };
    const leftBehind = { ...centre.documents[4]!, name: '旧的' };
    await db.patients.bulkInsert([edited, leftBehind].map(({ _deleted, ...doc }) => doc));
    const record = { ...freshRecord(), localIds: [edited.id] };
    await firstSync(db.patients, centre, record);
    expect((await db.patients.findOne(edited.id).exec())!.name).toBe('本地修改');
    expect((await db.patients.findOne(leftBehind.id).exec())!.name).toBe('居民4');
    expect(await db.patients.count().exec()).toBe(15);
  });

  it('pushes what is written here while it runs, and nothing it pulled', async () => {
    const db = await desk();
    const registered = samplePatient({ id: idOf(900), name: '首同步时建档' });
    // Registered while the first page is being written, the platform's second page not yet here.
    const centre = platform(25, {
      meanwhile: { 10: async () => void (await db.patients.insert(registered)) },
    });
    const record = freshRecord();
    const finish = watchFirstSync(db.patients, record, () => undefined);
    const pushed: string[] = [];
    await firstSync(db.patients, centre, record, { pushed });
    finish();
    expect(record.localIds).toEqual([registered.id]);
    expect(pushed).toEqual([registered.id]);
    expect(await db.patients.count().exec()).toBe(26);
  });

  it('leaves out of a push what it wrote straight in, unless written here since', async () => {
    const db = await desk();
    const pushed: string[] = [];
    const { replication } = await firstSync(db.patients, platform(25), freshRecord(), { pushed });
    expect(pushed).toEqual([]);
    // Since: one resident of a page written straight in edited here, and one registered here.
    await (await db.patients.findOne(idOf(3)).exec())!.incrementalPatch({ name: '本地修改' });
    await db.patients.insert(samplePatient({ id: idOf(901) }));
    // A push side that starts before those pages (as after a restart before it had passed them)
    // takes them for local writes; only the two written here are worth sending. (RxDB's own last
    // page it recognises itself: it stored the platform's state of each of its documents.)
    const ids = [...Array.from({ length: 20 }, (_, i) => idOf(i)), idOf(901)];
    const rows = (await db.patients.findByIds(ids).exec()).values();
    const left = await withoutPulled(
      replication,
      [...rows].map((doc) => ({ newDocumentState: doc.toJSON() })),
    );
    expect(left.map((row) => row.newDocumentState.id).sort()).toEqual([idOf(3), idOf(901)]);
  });
});
