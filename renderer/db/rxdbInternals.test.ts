/**
 * The adapter over RxDB's internals (rxdbInternals.ts) against the RxDB that is installed: each
 * private field, undocumented helper and marker string the desk relies on still means what the
 * first sync, the search index and the write validation take it to mean. An RxDB upgrade that
 * changes one fails here, by name, before anything subtler breaks elsewhere.
 */
import 'fake-indexeddb/auto';
import { RXDB_VERSION, type RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import packageText from '../../package.json?raw';
import type { PatientDoc } from '../../shared/patients/schema';
import { samplePatient } from '../../shared/testing/patients';
import { openMemoryDatabase } from '../testing/memoryDb';
import { collectionDefinitions, openDatabase, type ClinicDatabase } from './database';
import {
  addToDexie,
  changedDocumentsSince,
  collectionOf,
  dexieStorageOf,
  forkDocuments,
  isPulledAt,
  pulledMarkHash,
  pulledWriteContext,
  pulledWriteContextPrefix,
  rawStorageOf,
  replicationMetaSchemaTitle,
  replicationStarted,
  rxdbVersionWrittenFor,
  storedAsPulled,
  watchStorageWrites,
  withAssumedMaster,
  writeAssumedMasters,
  writeTime,
  type StorageWrite,
} from './rxdbInternals';

type Doc = PatientDoc & { _deleted: boolean };
const idOf = (i: number) => `0190d9a0-0000-7000-8000-${String(i).padStart(12, '0')}`;
const pulled = (i: number): Doc => ({ ...samplePatient({ id: idOf(i), name: `居民${i}` }), _deleted: false });

const databases: ClinicDatabase[] = [];
const replications: RxReplicationState<Doc, unknown>[] = [];
afterEach(async () => {
  for (const r of replications.splice(0)) await r.cancel();
  for (const db of databases.splice(0)) await db.remove();
});

/** A replication that pulls `documents` once and pushes nowhere. */
async function replicate(collection: RxCollection, documents: Doc[]) {
  const replication = replicateRxCollection<Doc, { n: number }>({
    collection: collection as unknown as RxCollection<Doc>,
    replicationIdentifier: `internals-${collection.name}-${Date.now()}`,
    live: false,
    waitForLeadership: false,
    pull: {
      handler: async (checkpoint) =>
        checkpoint ? { documents: [], checkpoint } : { documents, checkpoint: { n: documents.length } },
    },
  });
  replications.push(replication as unknown as RxReplicationState<Doc, unknown>);
  await replication.awaitInitialReplication();
  return replication;
}

async function memoryPatients() {
  const db = await openMemoryDatabase(['patients']);
  databases.push(db);
  return db.patients as unknown as RxCollection;
}

describe('RxDB internals adapter', () => {
  it('is used with the RxDB release it was written for, pinned exactly', () => {
    expect(RXDB_VERSION).toBe(rxdbVersionWrittenFor);
    expect((JSON.parse(packageText) as { dependencies: Record<string, string> }).dependencies.rxdb).toBe(
      rxdbVersionWrittenFor,
    );
  });

  it('reads a replication’s pulled-write context and mark, as its pulls write them', async () => {
    const patients = await memoryPatients();
    const writes: StorageWrite[] = [];
    const stop = watchStorageWrites(patients, (write) => writes.push(write));
    const replication = await replicate(patients, [pulled(1)]);
    stop();

    expect(replicationStarted(replication)).toBe(true);
    expect(collectionOf(replication)).toBe(patients);
    const context = await pulledWriteContext(replication);
    expect(context.startsWith(pulledWriteContextPrefix)).toBe(true);
    // The pull's write was reported with that context, its document and a write time.
    expect(writes).toContainEqual({ context, documentIds: [idOf(1)], lwt: expect.any(Number) });

    const [doc] = await forkDocuments(replication, [idOf(1)], false);
    expect(doc?.id).toBe(idOf(1));
    expect(await pulledMarkHash(replication)).toMatch(/\S/);
  });

  it('writes documents as a pull would, under the wrapper, and their assumed masters on demand', async () => {
    const patients = await memoryPatients();
    const replication = await replicate(patients, []);
    const hash = await pulledMarkHash(replication);
    const lwt = writeTime();
    const doc = storedAsPulled(pulled(7), { token: patients.database.token, hash, lwt });
    const result = await rawStorageOf(patients).bulkWrite(
      [{ document: doc }],
      await pulledWriteContext(replication),
    );
    expect(result.error).toEqual([]);

    // Stored as written (the wrapper would have replaced _meta and dropped the mark).
    const [stored] = await forkDocuments(replication, [idOf(7)], false);
    expect(stored?._meta.lwt).toBe(lwt);
    expect(isPulledAt(stored!, hash)).toBe(true);
    expect((await patients.findOne(idOf(7)).exec())?.name).toBe('居民7');

    expect(await withAssumedMaster(replication, [idOf(7)])).toEqual(new Set());
    await writeAssumedMasters(replication, [stored!], 'replication-first-sync-base');
    expect(await withAssumedMaster(replication, [idOf(7)])).toEqual(new Set([idOf(7)]));

    // A write here raises the revision: the mark no longer holds.
    await (await patients.findOne(idOf(7)).exec())!.incrementalPatch({ name: '改名' });
    const [edited] = await forkDocuments(replication, [idOf(7)], false);
    expect(isPulledAt(edited!, hash)).toBe(false);
  });

  it('names the title of RxDB’s replication bookkeeping', async () => {
    const patients = await memoryPatients();
    const titles = new Set<string>();
    const db = patients.database as unknown as {
      storage: { createStorageInstance(p: { schema: { title?: string } }): unknown };
    };
    const create = db.storage.createStorageInstance.bind(db.storage);
    db.storage.createStorageInstance = (params) => {
      titles.add(params.schema.title ?? '');
      return create(params);
    };
    await replicate(patients, [pulled(3)]);
    expect(titles).toContain(replicationMetaSchemaTitle);
  });

  it('lists the documents written since a storage checkpoint', async () => {
    const patients = await memoryPatients();
    await patients.bulkInsert([1, 2, 3].map((i) => samplePatient({ id: idOf(i) })));
    const first = await changedDocumentsSince(patients, 2);
    expect(first.documents.map((d) => (d as { id: string }).id)).toEqual([idOf(1), idOf(2)]);
    const rest = await changedDocumentsSince(patients, 2, first.checkpoint as { id: string; lwt: number });
    expect(rest.documents.map((d) => (d as { id: string }).id)).toEqual([idOf(3)]);
  });

  it('adds straight into the Dexie table, announces the documents, and reports those already there', async () => {
    const db = await openDatabase({
      name: `internals${Date.now()}`,
      storage: getRxStorageDexie(),
      collections: { patients: collectionDefinitions.patients },
    });
    databases.push(db);
    const patients = db.patients as unknown as RxCollection;
    expect(dexieStorageOf(await memoryPatients())).toBeUndefined();
    const dexie = dexieStorageOf(patients);
    expect(dexie).toBeDefined();

    const writes: StorageWrite[] = [];
    const stop = watchStorageWrites(patients, (write) => writes.push(write));
    const stamp = { token: db.token, hash: 'h', lwt: writeTime() };
    const docs = [1, 2].map((i) => storedAsPulled(pulled(i), stamp));
    expect(await addToDexie(dexie!, docs, `${pulledWriteContextPrefix}-test`)).toEqual([]);
    // The collection was told: its queries see them.
    expect((await patients.find().exec()).map((d) => d.id).sort()).toEqual([idOf(1), idOf(2)]);
    expect(writes).toContainEqual({
      context: `${pulledWriteContextPrefix}-test`,
      documentIds: [idOf(1), idOf(2)],
      lwt: stamp.lwt,
    });
    stop();

    const again = [2, 3].map((i) => storedAsPulled(pulled(i), stamp));
    const present = await addToDexie(dexie!, again, `${pulledWriteContextPrefix}-test`);
    expect(present.map((d) => d.id)).toEqual([idOf(2)]);
    expect(await patients.count().exec()).toBe(3);
  });
});
