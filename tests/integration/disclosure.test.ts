/**
 * What a hospital desk holds of a centre's resident, with the workstation's real sync engine
 * against a real platform over HTTP and SSE: the identifiers arrive masked (the specialist may not
 * see them) and the desk lives with that, and once the centre no longer shares the resident the
 * desk drops its copy (records, search index) at its next pull or on its stream, pushing nothing.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../../renderer/db/database';
import { PatientSearchIndex } from '../../renderer/db/searchIndex';
import { Outbox } from '../../renderer/sync/outbox';
import { SyncEngine } from '../../renderer/sync/replication';
import { openMemoryDatabase } from '../../renderer/testing/memoryDb';
import { openStore } from '../../platform/db/store';
import { demoCentreId, demoHospitalId } from '../../platform/seed/demo';
import { maskIdNumber, maskMobile } from '../../shared/identity/mask';
import type { PatientDoc } from '../../shared/patients/schema';
import type { PushResponse } from '../../shared/sync/protocol';
import { samplePatient } from '../../shared/testing/patients';
import {
  eventually,
  memoryStorage,
  signInOverHttp,
  startListeningPlatform,
  type ListeningPlatform,
} from './harness';
import { nodeTransport } from './nodeTransport';

let platform: ListeningPlatform;
let registrarToken: string;

interface Desk {
  db: ClinicDatabase;
  outbox: Outbox;
  searchIndex: PatientSearchIndex;
  engine: SyncEngine;
  /** Starts a sync engine on the desk's database, as when the app opens. */
  start(): void;
  /** Requests the desk sent, by path. */
  sent: string[];
}
const desks: Desk[] = [];
let hospital: Desk;

/** A specialist's desk at the hospital; `pullBatchSize` small makes its first sync page. */
async function openHospitalDesk(pullBatchSize?: number): Promise<Desk> {
  const { login, operator } = await signInOverHttp(platform.baseUrl, 'spec01');
  const db = await openMemoryDatabase(['patients', 'directory', 'auditEvents']);
  const storage = memoryStorage();
  const transport = nodeTransport(platform.baseUrl, () => login.accessToken);
  const desk: Desk = {
    db,
    outbox: new Outbox(db.name),
    searchIndex: new PatientSearchIndex(db.patients),
    sent: [],
    engine: undefined as unknown as SyncEngine,
    start() {
      desk.engine = new SyncEngine(
        { patients: db.patients, directory: db.directory, auditEvents: db.auditEvents },
        {
          transport: {
            ...transport,
            request: (path, init) => {
              desk.sent.push(path);
              return transport.request(path, init);
            },
          },
          outbox: desk.outbox,
          identifier: `${platform.baseUrl}/${demoHospitalId}`,
          backoff: { initialMs: 50, maxMs: 200 },
          role: operator.role,
          staffId: operator.id,
          storage,
          ...(pullBatchSize ? { pullBatchSize } : {}),
        },
      );
    },
  };
  desk.start();
  desks.push(desk);
  return desk;
}

const idNumber = '120101198001010012';
const mobile = '13812345678';

function resident(id: string, sharedWith: string[]): PatientDoc & { _deleted: boolean } {
  return {
    ...samplePatient({
      id,
      orgId: demoCentreId,
      sharedWith,
      createdBy: '王丽华',
      createdAt: '2026-11-23T01:00:00.000Z',
      updatedAt: '2026-11-23T01:00:00.000Z',
      idNumber,
      mobile,
    }),
    _deleted: false,
  };
}

/** The centre's registrar pushes `doc` (assuming `assumed` is what the platform holds). */
async function centrePush(
  doc: PatientDoc & { _deleted: boolean },
  assumed?: PatientDoc & { _deleted: boolean },
) {
  const response = await fetch(new URL('/v1/patients/push', platform.baseUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${registrarToken}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ newDocumentState: doc, ...(assumed ? { assumedMasterState: assumed } : {}) }]),
  });
  expect(response.status).toBe(200);
  expect((await response.json()) as PushResponse).toEqual({ conflicts: [], rejected: [] });
}

const held = async (id: string) => (await hospital.db.patients.findOne(id).exec())?.toMutableJSON();
const found = async (query: string) => (await hospital.searchIndex.search(query)).map((hit) => hit.id);

beforeAll(async () => {
  platform = await startListeningPlatform(() => openStore());
  registrarToken = (await signInOverHttp(platform.baseUrl, 'reg01')).login.accessToken;
  hospital = await openHospitalDesk();
}, 60_000);

afterAll(async () => {
  for (const desk of desks) {
    await desk.engine.stop();
    desk.searchIndex.close();
    desk.outbox.close();
    await desk.db.remove();
  }
  await platform.close();
}, 30_000);

describe('a hospital desk and a resident the centre shares, then no longer shares', () => {
  const streamed = '0190d9a0-0000-7000-8000-00000000d001';
  const pulled = '0190d9a0-0000-7000-8000-00000000d002';
  const kept = '0190d9a0-0000-7000-8000-00000000d003';

  it('holds shared residents with their identifiers masked, and finds them by the last digits', async () => {
    for (const id of [streamed, pulled, kept]) await centrePush(resident(id, [demoHospitalId]));
    await eventually(async () => (await hospital.db.patients.count().exec()) === 3);
    const copy = (await held(streamed))!;
    expect(copy.idNumber).toBe(maskIdNumber(idNumber));
    expect(copy.mobile).toBe(maskMobile(mobile));
    await hospital.searchIndex.catchUp();
    expect((await found('0012')).sort()).toEqual([streamed, pulled, kept].sort());
  }, 30_000);

  it('drops a resident as soon as its stream says it is no longer shared', async () => {
    const current = resident(streamed, [demoHospitalId]);
    await centrePush({ ...current, sharedWith: [] }, current);
    await eventually(async () => (await held(streamed)) === undefined);
    await hospital.searchIndex.catchUp();
    expect(await found('0012')).not.toContain(streamed);
    expect(await held(kept)).toBeDefined();
  }, 30_000);

  it('drops a resident unshared while the desk was closed, at its next pull', async () => {
    await hospital.engine.stop();
    const current = resident(pulled, [demoHospitalId]);
    await centrePush({ ...current, sharedWith: [] }, current);
    const from = hospital.sent.length;
    hospital.start();
    await hospital.engine.awaitInSync();
    await eventually(async () => (await held(pulled)) === undefined);
    expect(hospital.sent.slice(from).some((path) => path.startsWith('/v1/patients/pull'))).toBe(true);
    await hospital.searchIndex.catchUp();
    expect(await found('0012')).toEqual([kept]);
    // The content is gone from the desk's collection, not only hidden: what remains is the id.
    const stored = await hospital.db.patients.storageInstance.findDocumentsById([pulled, streamed], true);
    for (const doc of stored) {
      expect(doc._deleted).toBe(true);
      expect(JSON.stringify(doc)).not.toContain('张三');
    }
  }, 30_000);

  it('sent nothing back: no push of residents, and the platform still holds them as the centre left them', async () => {
    expect(hospital.sent.filter((path) => path.startsWith('/v1/patients/push'))).toEqual([]);
    const rows = await platform.store.query<{ id: string; deleted: boolean; shared_with: string[] }>(
      `SELECT id, deleted, shared_with FROM documents WHERE collection = 'patients' ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: streamed, deleted: false, shared_with: [] },
      { id: pulled, deleted: false, shared_with: [] },
      { id: kept, deleted: false, shared_with: [demoHospitalId] },
    ]);
  });

  it('gets a resident back when the centre shares it again', async () => {
    const current = resident(pulled, []);
    await centrePush({ ...current, sharedWith: [demoHospitalId] }, current);
    await eventually(async () => (await held(pulled)) !== undefined);
    expect((await held(pulled))!.idNumber).toBe(maskIdNumber(idNumber));
  }, 30_000);

  it('a new desk whose first sync meets markers of residents it never held holds only what is shared', async () => {
    // Pages of one: the first sync writes full pages straight into storage, markers among them.
    const fresh = await openHospitalDesk(1);
    await fresh.engine.awaitInSync();
    await eventually(async () => (await fresh.db.patients.count().exec()) === 2);
    const ids = (await fresh.db.patients.find().exec()).map((doc) => doc.id).sort();
    expect(ids).toEqual([pulled, kept].sort());
    expect(fresh.sent.filter((path) => path.startsWith('/v1/patients/push'))).toEqual([]);
  }, 30_000);
});
