/**
 * Sync benchmark page, driven by bench/sync.mjs: a desk signed in to the real platform (reached on
 * this page's own origin through build/serve.mjs's proxy) with the app's own client, database,
 * search index and SyncEngine, on real IndexedDB. The runner calls the functions below with
 * page.evaluate.
 */
import { patientFieldNames, type PatientDoc, type PatientFields } from '../../shared/patients/schema';
import { openDatabase, type ClinicDatabase } from '../../renderer/db/database';
import { PatientSearchIndex } from '../../renderer/db/searchIndex';
import { PlatformClient } from '../../renderer/platform/client';
import { Outbox } from '../../renderer/sync/outbox';
import { SyncEngine } from '../../renderer/sync/replication';
import { updatePatient } from '../../renderer/features/patients/patientRepository';
import { operatorOf, type Operator } from '../../renderer/app/operator';

export interface InitialSyncResult {
  count: number;
  syncSeconds: number;
  docsPerSecond: number;
  searchableAfterSeconds: number;
  indexed: number;
}

interface Desk {
  db: ClinicDatabase;
  index: PatientSearchIndex;
  engine: SyncEngine;
  operator: Operator;
}

declare global {
  interface Window {
    benchInitialSync(params: { username: string; password: string }): Promise<InitialSyncResult>;
    benchOpenDesk(params: { username: string; password: string }): Promise<number>;
    benchFirstPatientId(): Promise<string>;
    benchWatch(id: string): void;
    benchSeen(): Record<string, number>;
    benchEdit(params: { id: string; edits: number; intervalMs: number }): Promise<number[]>;
    benchClose(): Promise<void>;
  }
}

const log = (line: string) => {
  const el = document.getElementById('log');
  if (el) el.textContent += `${line}\n`;
  console.log(line);
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let desk: Desk | undefined;
const seen: Record<string, number> = {};

/** Signs in, opens a fresh database and starts syncing the patients; resolves at once. */
async function openDesk(username: string, password: string): Promise<Desk> {
  const client = new PlatformClient({ baseUrl: location.origin, timeoutMs: 60_000 });
  const login = await client.login(username, password);
  const name = `benchsync${Date.now()}${username}`;
  const db = await openDatabase({ name });
  const index = new PatientSearchIndex(db.patients);
  const engine = new SyncEngine(
    { patients: db.patients },
    {
      transport: client,
      outbox: new Outbox(name),
      identifier: `${location.origin}/${login.organisation.id}/${name}`,
    },
  );
  // As the app does (sync/SyncContext.tsx): the index waits for the first sync to end.
  index.holdWhile(engine.firstSyncOf('patients'));
  return { db, index, engine, operator: operatorOf(login.staff, login.organisation) };
}

window.benchInitialSync = async ({ username, password }) => {
  desk = await openDesk(username, password);
  const { db, index, engine } = desk;
  const start = performance.now();
  // No progress lines while it runs: counting the collection scans it, and slowed down the very
  // sync being measured.
  await engine.awaitInSync();
  const synced = performance.now();
  const count = await db.patients.count().exec();
  await index.catchUp();
  const indexed = performance.now();
  const syncSeconds = (synced - start) / 1000;
  return {
    count,
    syncSeconds,
    docsPerSecond: count / syncSeconds,
    searchableAfterSeconds: (indexed - start) / 1000,
    indexed: await index.count(),
  };
};

window.benchOpenDesk = async ({ username, password }) => {
  desk = await openDesk(username, password);
  await desk.engine.awaitInSync();
  return desk.db.patients.count().exec();
};

window.benchFirstPatientId = async () => {
  const doc = await desk!.db.patients.findOne({ selector: {}, sort: [{ id: 'asc' }] }).exec();
  if (!doc) throw new Error('no resident on this desk');
  return doc.id;
};

window.benchWatch = (id) => {
  desk!.db.patients.findOne(id).$.subscribe((doc) => {
    const value = doc?.familyDoctor;
    if (value?.startsWith('bench-') && !(value in seen)) seen[value] = Date.now();
  });
};

window.benchSeen = () => seen;

window.benchEdit = async ({ id, edits, intervalMs }) => {
  const { db, operator } = desk!;
  const savedAt: number[] = [];
  for (let i = 0; i < edits; i++) {
    const next = performance.now() + intervalMs;
    const current = (await db.patients.findOne(id).exec())!.toJSON() as PatientDoc;
    const fields = Object.fromEntries(
      patientFieldNames.map((f) => [f, current[f]]),
    ) as unknown as PatientFields;
    savedAt.push(Date.now());
    const result = await updatePatient(db.patients, id, { ...fields, familyDoctor: `bench-${i}` }, operator);
    if (!result.ok) throw new Error(`edit ${i} not saved: ${result.reason}`);
    await sleep(Math.max(0, next - performance.now()));
  }
  return savedAt;
};

window.benchClose = async () => {
  if (!desk) return;
  await desk.engine.stop();
  desk.index.close();
  // The browser context is discarded afterwards, and its IndexedDB with it.
  await desk.db.close();
  desk = undefined;
};

log('sync benchmark page ready');
