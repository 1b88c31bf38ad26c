/**
 * A post-transplant patient shared between a community centre and the transplant hospital, with
 * the workstation's real sync engine on three desks against a real platform over HTTP and SSE:
 * the centre's consented transplant enrolment brings the resident, the enrolment and the results
 * recorded for it (earlier ones included) to the hospital's desk; the hospital's plan reaches the
 * centre's desk; a result recorded later reaches the hospital on its stream; another hospital's
 * desk, synced all along, holds nothing; ending the enrolment takes everything back from both.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../../renderer/db/database';
import { Outbox } from '../../renderer/sync/outbox';
import { SyncEngine } from '../../renderer/sync/replication';
import { openMemoryDatabase } from '../../renderer/testing/memoryDb';
import { hashPassword } from '../../platform/auth/passwords';
import { openStore } from '../../platform/db/store';
import { demoCentreId, demoHospitalId, demoPassword } from '../../platform/seed/demo';
import { cheapPasswordHashCost } from '../../platform/testing/platform';
import type { EnrolmentDoc } from '../../shared/carePlans/schema';
import { maskIdNumber } from '../../shared/identity/mask';
import { sampleTransplantEnrolment, sampleTransplantPlan } from '../../shared/testing/carePlans';
import { sampleObservation } from '../../shared/testing/observations';
import { samplePatient } from '../../shared/testing/patients';
import {
  eventually,
  memoryStorage,
  signInOverHttp,
  startListeningPlatform,
  type ListeningPlatform,
} from './harness';
import { nodeTransport } from './nodeTransport';

const id = (n: number) => `0190d9a0-0000-7000-8000-0000007a${String(n).padStart(4, '0')}`;
const otherHospitalId = 'org-hosp-other';
const collections = ['patients', 'carePlans', 'observations'] as const;

interface Desk {
  db: ClinicDatabase;
  outbox: Outbox;
  engine: SyncEngine;
}
const desks: Desk[] = [];
let platform: ListeningPlatform;
let centre: Desk;
let hospital: Desk;
let otherHospital: Desk;

/** A desk of `username`'s organisation with the three shared collections, syncing. */
async function openDesk(username: string, orgId: string): Promise<Desk> {
  const { login, operator } = await signInOverHttp(platform.baseUrl, username);
  const db = await openMemoryDatabase(collections);
  const outbox = new Outbox(db.name);
  const engine = new SyncEngine(
    { patients: db.patients, carePlans: db.carePlans, observations: db.observations },
    {
      transport: nodeTransport(platform.baseUrl, () => login.accessToken),
      outbox,
      identifier: `${platform.baseUrl}/${orgId}/${username}`,
      backoff: { initialMs: 50, maxMs: 200 },
      role: operator.role,
      staffId: operator.id,
      storage: memoryStorage(),
    },
  );
  const desk = { db, outbox, engine };
  desks.push(desk);
  return desk;
}

const ids = async (desk: Desk, collection: (typeof collections)[number]) =>
  ((await desk.db[collection].find().exec()) as { id: string }[]).map((d) => d.id).sort();

const patient = samplePatient({ id: id(1), orgId: demoCentreId, createdBy: 'staff-doc01' });
const enrolment: EnrolmentDoc = {
  ...sampleTransplantEnrolment(),
  id: id(2),
  patientId: patient.id,
  createdBy: 'staff-doc01',
  createdByName: '张建国',
};
const earlier = sampleObservation({
  id: id(3),
  patientId: patient.id,
  enrolmentId: enrolment.id,
  recordedBy: 'staff-doc01',
  recordedByName: '张建国',
  createdBy: 'staff-doc01',
});
const unlinked = sampleObservation({
  id: id(4),
  patientId: patient.id,
  recordedBy: 'staff-doc01',
  recordedByName: '张建国',
  createdBy: 'staff-doc01',
});
const later = { ...earlier, id: id(5), takenAt: '2026-12-08T01:00:00.000Z' };
const plan = sampleTransplantPlan(
  { enrolmentId: enrolment.id },
  { id: id(6), patientId: patient.id, createdBy: 'staff-spec01', createdByName: '陈立新' },
);

beforeAll(async () => {
  platform = await startListeningPlatform(() => openStore());
  await platform.store.query(
    `INSERT INTO organisations (id, name, kind, level, number_code) VALUES ($1, '区第三人民医院', 'hospital', 2, 'SY')`,
    [otherHospitalId],
  );
  await platform.store.query(
    `INSERT INTO staff (id, org_id, username, display_name, role, password_hash)
     VALUES ('staff-spec09', $1, 'spec09', '周敏', 'specialist', $2)`,
    [otherHospitalId, await hashPassword(demoPassword, cheapPasswordHashCost)],
  );
  centre = await openDesk('doc01', demoCentreId);
  hospital = await openDesk('spec01', demoHospitalId);
  otherHospital = await openDesk('spec09', otherHospitalId);
}, 60_000);

afterAll(async () => {
  for (const desk of desks) {
    await desk.engine.stop();
    desk.outbox.close();
    await desk.db.remove();
  }
  await platform?.close();
}, 30_000);

describe('a transplant patient shared by the centre with the transplant hospital', () => {
  it('brings the hospital the resident, the enrolment and its earlier results once consented', async () => {
    await centre.db.patients.insert(patient);
    await centre.db.observations.bulkInsert([earlier, unlinked]);
    await centre.db.carePlans.insert(enrolment);
    await eventually(async () => (await ids(hospital, 'observations')).length === 1);
    expect(await ids(hospital, 'patients')).toEqual([patient.id]);
    expect(await ids(hospital, 'carePlans')).toEqual([enrolment.id]);
    expect(await ids(hospital, 'observations')).toEqual([earlier.id]);
    // The specialist's desk holds the resident's identifiers masked.
    const held = await hospital.db.patients.findOne(patient.id).exec();
    expect(held?.idNumber).toBe(maskIdNumber(patient.idNumber));
  });

  it('brings the centre the hospital’s plan, and the hospital each result recorded later', async () => {
    await hospital.db.carePlans.insert(plan);
    await eventually(async () => (await ids(centre, 'carePlans')).includes(plan.id));
    await centre.db.observations.insert(later);
    await eventually(async () => (await ids(hospital, 'observations')).includes(later.id));
    expect(await ids(hospital, 'observations')).toEqual([earlier.id, later.id].sort());
  });

  it('shows another hospital, synced all along, nothing', async () => {
    // It has synced: its first pulls are done and its stream is open.
    await eventually(async () => otherHospital.engine.status$.value.state === 'online');
    for (const collection of collections) expect(await ids(otherHospital, collection)).toEqual([]);
  });

  it('takes everything back from both desks when the resident leaves the programme', async () => {
    const stored = await centre.db.carePlans.findOne(enrolment.id).exec();
    await stored!.incrementalPatch({
      enrolment: { ...enrolment.enrolment, status: 'left', leftOn: '2026-12-09', leftReason: 'moved' },
      updatedAt: '2026-12-09T01:00:00.000Z',
    });
    await eventually(
      async () =>
        (await ids(hospital, 'patients')).length === 0 && (await ids(hospital, 'observations')).length === 0,
    );
    expect(await ids(hospital, 'carePlans')).toEqual([plan.id]);
    await eventually(async () => !(await ids(centre, 'carePlans')).includes(plan.id));
    expect(await ids(centre, 'carePlans')).toEqual([enrolment.id]);
    for (const collection of collections) expect(await ids(otherHospital, collection)).toEqual([]);
  });
});
