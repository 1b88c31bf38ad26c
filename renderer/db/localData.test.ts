/**
 * Clearing one organisation's data from the desk (sign-out of its last user): its RxDB database,
 * outbox, search index and number blocks, its sync marks and its people's verifiers go; another
 * organisation's stay (even one whose name starts the same); and nothing goes while a row of it
 * is not on the platform yet.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { operatorOf } from '../app/operator';
import { databaseNameFor } from '../app/Workspace';
import { createVerifier, minIterations, VerifierStore } from '../auth/verifier';
import { registerPatient } from '../features/patients/patientRepository';
import { Outbox } from '../sync/outbox';
import { samplePatient } from '../../shared/testing/patients';
import { collectionDefinitions, openDatabase } from './database';
import { closeDatabase } from './lifecycle';
import { clearOrganisationData, holdOpen } from './localData';

/** localStorage in memory, with the enumeration clearing needs. */
function deskStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, String(value)),
    removeItem: (key: string) => void items.delete(key),
    key: (index: number) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
    keys: () => [...items.keys()],
  };
}

const organisation = (id: string) => ({ id, name: id, kind: 'chc' as const });
let run = 0;

/** An organisation's data on the desk, as the app leaves it: a resident, companions, marks, a verifier. */
async function deskWith(orgId: string, username: string, storage: ReturnType<typeof deskStorage>) {
  const name = databaseNameFor(orgId);
  const release = holdOpen(name);
  // Two desks' databases are open at once: only what the test writes (RxDB's free build opens at
  // most 13 collections per process).
  const { patients, auditEvents } = collectionDefinitions;
  const db = await openDatabase({
    name,
    storage: getRxStorageDexie(),
    collections: { patients, auditEvents },
  });
  const staff = { id: `staff-${username}`, displayName: username, role: 'registrar' as const };
  const saved = await registerPatient(
    db.patients,
    samplePatient({ orgId }),
    operatorOf(staff, organisation(orgId)),
  );
  if (!saved.ok) throw new Error(saved.reason);
  for (const suffix of ['-search', '-numbers']) {
    const companion = new Dexie(`${name}${suffix}`);
    companion.version(1).stores({ rows: 'id' });
    await companion.table('rows').put({ id: 'x' });
    companion.close();
  }
  storage.setItem(`clinicdesk.firstSync.http://platform.test|${orgId}`, '{}');
  storage.setItem(`clinicdesk.lastSync.http://platform.test|${orgId}`, '2026-03-02T08:00:00.000Z');
  const verifiers = new VerifierStore(storage);
  verifiers.save(
    await createVerifier({ username, staff, organisation: organisation(orgId) }, 'Demo@2026', {
      iterations: minIterations,
    }),
  );
  const close = async () => {
    await closeDatabase(db);
    release();
  };
  return { name, db, close, patientId: saved.patient.id };
}

const databaseNames = async () => (await indexedDB.databases()).map((info) => info.name!);
const namesOf = (names: string[], dbName: string) =>
  names.filter(
    (name) => name === dbName || name.startsWith(`${dbName}-`) || name.startsWith(`rxdb-dexie-${dbName}--`),
  );

describe('clearing an organisation’s data from the desk', () => {
  let orgA: string;
  let orgB: string;
  beforeEach(() => {
    run += 1;
    orgA = `org-a${run}`;
    // Its database name starts with the other's: clearing one must not touch the other.
    orgB = `org-a${run}-b`;
  });

  it('removes its databases, sync marks and verifiers, and keeps another organisation’s', async () => {
    const storage = deskStorage();
    const a = await deskWith(orgA, `reg-a${run}`, storage);
    const b = await deskWith(orgB, `reg-b${run}`, storage);
    expect(namesOf(await databaseNames(), a.name).length).toBeGreaterThanOrEqual(4);
    const verifiers = new VerifierStore(storage);

    // Clearing waits for the database to be closed (the sign-out unmounts the workspace).
    const clearing = clearOrganisationData(orgA, a.name, { storage, verifiers });
    await a.close();
    expect(await clearing).toEqual({ cleared: true });

    const names = await databaseNames();
    // Nothing of A is left (B's names contain A's: they are told apart).
    expect(names.filter((name) => name.includes(a.name) && !name.includes(b.name))).toEqual([]);
    expect(storage.keys().filter((key) => key.endsWith(`|${orgA}`))).toEqual([]);
    expect(verifiers.usersOf(orgA)).toEqual([]);

    // Reopened, the organisation's database is empty.
    const reopened = await openDatabase({ name: a.name, storage: getRxStorageDexie() });
    expect(await reopened.patients.count().exec()).toBe(0);
    await reopened.remove();

    // The other organisation kept everything.
    expect(await b.db.patients.findOne(b.patientId).exec()).not.toBeNull();
    expect(storage.keys().filter((key) => key.endsWith(`|${orgB}`))).toHaveLength(2);
    expect(verifiers.usersOf(orgB)).toEqual([`reg-b${run}`]);
    expect(names).toEqual(expect.arrayContaining([`${b.name}-search`, `${b.name}-numbers`]));
    await b.db.remove();
    await b.close().catch(() => undefined);
  }, 60_000);

  it('keeps everything when the person chooses to keep it (sign-out alone clears nothing)', async () => {
    const storage = deskStorage();
    const a = await deskWith(orgA, `reg-a${run}`, storage);
    await a.close();
    const reopened = await openDatabase({ name: a.name, storage: getRxStorageDexie() });
    expect(await reopened.patients.findOne(a.patientId).exec()).not.toBeNull();
    expect(new VerifierStore(storage).usersOf(orgA)).toEqual([`reg-a${run}`]);
    await reopened.remove();
  }, 60_000);

  it('refuses while a row is not on the platform yet, and touches nothing', async () => {
    const storage = deskStorage();
    const a = await deskWith(orgA, `reg-a${run}`, storage);
    const outbox = new Outbox(a.name);
    await outbox.markPending('appointments', [{ id: 'walk-in-1', updatedAt: '2026-03-02T08:00:00.000Z' }]);
    outbox.close();
    await a.close();
    const verifiers = new VerifierStore(storage);

    expect(await clearOrganisationData(orgA, a.name, { storage, verifiers })).toEqual({
      cleared: false,
      unsent: 1,
    });
    const reopened = await openDatabase({ name: a.name, storage: getRxStorageDexie() });
    expect(await reopened.patients.findOne(a.patientId).exec()).not.toBeNull();
    expect(verifiers.usersOf(orgA)).toEqual([`reg-a${run}`]);
    expect(storage.keys().filter((key) => key.endsWith(`|${orgA}`))).toHaveLength(2);
    await reopened.remove();
  }, 60_000);
});
