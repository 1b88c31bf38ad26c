/**
 * The workstation's sync engine (RxDB replication, outbox, conflict handler) against a real
 * platform over real HTTP and SSE: two desks of one centre converge, a hospital sees nothing of
 * the centre, concurrent edits merge, a collision is kept for a person, a refused record says why.
 */
import 'fake-indexeddb/auto';
import { firstValueFrom, filter, from } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../../renderer/db/database';
import { registerPatient, updatePatient } from '../../renderer/features/patients/patientRepository';
import { Outbox } from '../../renderer/sync/outbox';
import { SyncEngine } from '../../renderer/sync/replication';
import { openMemoryDatabase } from '../../renderer/testing/memoryDb';
import type { Operator } from '../../renderer/app/operator';
import { openTestStore } from '../../platform/testing/backends';
import { demoCentreId, demoHospitalId } from '../../platform/seed/demo';
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

interface Desk {
  db: ClinicDatabase;
  outbox: Outbox;
  engine: SyncEngine;
  operator: Operator;
  online: boolean;
  /** How many pushes of residents this desk sent. */
  patientPushes: number;
  /** The platform sequence each pull of residents started from. */
  patientPulls: number[];
  /** What the engine said, in order, about the residents' first sync being in progress. */
  firstSyncing: boolean[];
  /** Starts a new sync engine on the same database, as after the app was closed and reopened. */
  restart(): void;
}
const desks: Desk[] = [];

async function openDesk(username: string, orgId: string): Promise<Desk> {
  const { baseUrl } = platform;
  const { login, operator } = await signInOverHttp(baseUrl, username);
  const db = await openMemoryDatabase(['patients', 'directory', 'auditEvents']);
  const outbox = new Outbox(db.name);
  const storage = memoryStorage();
  const desk = {
    db,
    outbox,
    operator,
    online: true,
    patientPushes: 0,
    patientPulls: [] as number[],
    firstSyncing: [] as boolean[],
  } as Desk;
  desk.restart = () => {
    const transport = nodeTransport(
      baseUrl,
      () => login.accessToken,
      () => desk.online,
    );
    desk.engine = new SyncEngine(
      { patients: db.patients, directory: db.directory, auditEvents: db.auditEvents },
      {
        transport: {
          ...transport,
          request: (path, init) => {
            if (path.startsWith('/v1/patients/push')) desk.patientPushes += 1;
            const pull = /^\/v1\/patients\/pull\?seq=(\d+)/.exec(path);
            if (pull) desk.patientPulls.push(Number(pull[1]));
            return transport.request(path, init);
          },
        },
        outbox,
        identifier: `${baseUrl}/${orgId}/${username}`,
        backoff: { initialMs: 50, maxMs: 200 },
        // Pages of 10 of the 30 residents: the first sync writes whole pages straight into storage.
        pullBatchSize: 10,
        storage,
      },
    );
    desk.engine.firstSyncOf('patients').subscribe((on) => desk.firstSyncing.push(on));
  };
  desk.restart();
  desks.push(desk);
  return desk;
}

beforeAll(async () => {
  platform = await startListeningPlatform(openTestStore, { residents: 30 });
});
afterAll(async () => {
  for (const d of desks) {
    await d.engine.stop();
    d.outbox.close();
    await d.db.remove();
  }
  await platform.close();
});

describe('two desks of one centre and a hospital', () => {
  let a: Desk;
  let b: Desk;
  let hospital: Desk;
  let id: string;

  beforeAll(async () => {
    a = await openDesk('reg01', demoCentreId);
    b = await openDesk('doc01', demoCentreId);
    hospital = await openDesk('spec01', demoHospitalId);
  });

  it('pulls the centre’s residents on first sync; the hospital gets none', async () => {
    await a.engine.awaitInSync();
    await hospital.engine.awaitInSync();
    expect(await a.db.patients.count().exec()).toBe(30);
    expect(await hospital.db.patients.count().exec()).toBe(0);
    // Pages from the start, then the two-way replication goes on from where they reached.
    expect(a.patientPulls.slice(0, 4)).toEqual([0, 10, 20, 30]);
    expect(a.patientPulls.filter((seq) => seq === 0)).toHaveLength(1);
    // The search index waits for this: in progress from the first page until in sync.
    await eventually(async () => a.firstSyncing.at(-1) === false);
    expect(a.firstSyncing).toEqual([false, true, false]);
  });

  it('sends nothing back after a first sync, and merges edits of a first-synced resident', async () => {
    await b.engine.awaitInSync();
    expect([a.patientPushes, b.patientPushes]).toEqual([0, 0]);
    // Neither desk has edited this resident since its first sync pulled it.
    const seeded = (await a.db.patients.findOne({ selector: {}, sort: [{ id: 'asc' }] }).exec())!;
    a.online = false;
    await updatePatient(
      a.db.patients,
      seeded.id,
      { ...seeded.toMutableJSON(), mobile: '13511112222' },
      a.operator,
    );
    const onB = (await b.db.patients.findOne(seeded.id).exec())!.toMutableJSON();
    await updatePatient(b.db.patients, seeded.id, { ...onB, familyDoctor: '王建国' }, b.operator);
    await b.engine.awaitInSync();
    a.online = true;
    a.engine.syncNow();
    for (const desk of [a, b]) {
      await eventually(async () => {
        const doc = await desk.db.patients.findOne(seeded.id).exec();
        return doc?.mobile === '13511112222' && doc.familyDoctor === '王建国';
      });
      expect((await desk.db.patients.findOne(seeded.id).exec())!.collisions).toEqual([]);
    }
    // A platform change of a first-synced resident this desk never touched still arrives.
    const untouched = (await b.db.patients.findOne({ selector: {}, sort: [{ id: 'desc' }] }).exec())!;
    await updatePatient(
      b.db.patients,
      untouched.id,
      { ...untouched.toMutableJSON(), familyDoctor: '赵丽' },
      b.operator,
    );
    await eventually(async () => (await a.db.patients.findOne(untouched.id).exec())?.familyDoctor === '赵丽');
  });

  it('shows a registration on the other desk within seconds, and marks it synced', async () => {
    const saved = await registerPatient(a.db.patients, samplePatient(), a.operator);
    if (!saved.ok) throw new Error('setup');
    id = saved.patient.id;
    await eventually(async () => (await b.db.patients.findOne(id).exec()) !== null);
    const state = await firstValueFrom(
      from(a.outbox.state$('patients', id)).pipe(filter((s) => s.state === 'synced')),
    );
    expect(state).toEqual({ state: 'synced' });
    expect(await hospital.db.patients.findOne(id).exec()).toBeNull();
  });

  it('pushes the registration’s audit event into the platform’s trail, and pulls the directory', async () => {
    await eventually(async () => {
      const rows = await platform.store.query(
        `SELECT 1 FROM audit_events WHERE action = 'patient.create' AND record_id = $1 AND actor_id = $2`,
        [id, a.operator.id],
      );
      return rows.length === 1;
    });
    const staff = await a.db.directory.find({ selector: { kind: 'staff' } }).exec();
    expect(staff.map((s) => s.get('username'))).toContain('doc01');
    expect(await hospital.db.directory.findOne('org-chc-demo').exec()).not.toBeNull();
  });

  it('merges edits of different fields made while one desk was offline', async () => {
    a.online = false;
    const onA = (await a.db.patients.findOne(id).exec())!.toMutableJSON();
    await updatePatient(a.db.patients, id, { ...onA, mobile: '13600001111' }, a.operator);
    const pending = await firstValueFrom(
      from(a.outbox.counts$('patients')).pipe(filter((c) => c.pending > 0)),
    );
    expect(pending.pending).toBe(1);
    const onB = (await b.db.patients.findOne(id).exec())!.toMutableJSON();
    await updatePatient(b.db.patients, id, { ...onB, familyDoctor: '刘文静' }, b.operator);
    await b.engine.awaitInSync();
    a.online = true;
    a.engine.syncNow();
    for (const desk of [a, b]) {
      await eventually(async () => {
        const doc = await desk.db.patients.findOne(id).exec();
        return doc?.mobile === '13600001111' && doc.familyDoctor === '刘文静';
      });
    }
    const onPlatform = await platform.store.query<{ data: { mobile: string; familyDoctor: string } }>(
      `SELECT data FROM documents WHERE collection = 'patients' AND id = $1`,
      [id],
    );
    expect(onPlatform[0]!.data).toMatchObject({ mobile: '13600001111', familyDoctor: '刘文静' });
  });

  it('keeps a collision on both desks when both change the same field apart', async () => {
    a.online = false;
    const onA = (await a.db.patients.findOne(id).exec())!.toMutableJSON();
    await updatePatient(a.db.patients, id, { ...onA, mobile: '13700002222' }, a.operator);
    const onB = (await b.db.patients.findOne(id).exec())!.toMutableJSON();
    await updatePatient(b.db.patients, id, { ...onB, mobile: '13900003333' }, b.operator);
    await b.engine.awaitInSync();
    a.online = true;
    a.engine.syncNow();
    for (const desk of [a, b]) {
      await eventually(
        async () => ((await desk.db.patients.findOne(id).exec())?.collisions.length ?? 0) === 1,
      );
    }
    const doc = (await b.db.patients.findOne(id).exec())!;
    expect(doc.collisions[0]).toMatchObject({
      field: 'mobile',
      values: expect.arrayContaining(['"13700002222"', '"13900003333"']),
    });
    expect(doc.history.map((h) => h.byName)).toEqual(
      expect.arrayContaining([a.operator.name, b.operator.name]),
    );
  });

  it('marks a record the platform refuses, with the reason, and stores none of it there', async () => {
    // Written straight to the local database, as a buggy or tampered desk might: the platform
    // checks it with the same rules and refuses it.
    const bad = {
      ...(await a.db.patients.findOne(id).exec())!.toMutableJSON(),
      id: '0190d9a0-0000-7000-8000-00000000bad1',
      idNumber: '120101198001010013',
      collisions: [],
      history: [],
    };
    await a.db.patients.insert(bad);
    const state = await firstValueFrom(
      from(a.outbox.state$('patients', bad.id)).pipe(filter((s) => s.state === 'rejected')),
    );
    expect(state).toEqual({ state: 'rejected', errors: [{ field: 'idNumber', code: 'checksum' }] });
    const stored = await platform.store.query(`SELECT 1 FROM documents WHERE id = $1`, [bad.id]);
    expect(stored).toEqual([]);
  });
});

describe('a first sync cut short', () => {
  it('carries on where it stopped when the desk opens again, and ends with every resident', async () => {
    const desk = await openDesk('nurse01', demoCentreId);
    // Stopped as soon as the first residents are in, as when the app is closed mid-sync.
    await eventually(async () => (await desk.db.patients.count().exec()) > 0);
    await desk.engine.stop();
    desk.restart();
    await desk.engine.awaitInSync();
    const onPlatform = await platform.store.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM documents WHERE collection = 'patients' AND org_id = $1`,
      [demoCentreId],
    );
    expect(await desk.db.patients.count().exec()).toBe(onPlatform[0]!.n);
  });
});
