/**
 * A post-transplant patient shared between a community centre and the transplant hospital, with
 * the workstation's real sync engine on three desks against a real platform over HTTP and SSE:
 * the centre's consented transplant enrolment brings the resident, the enrolment and the results
 * recorded for it (earlier ones included) to the hospital's desk; the hospital's plan reaches the
 * centre's desk; a result recorded later reaches the hospital on its stream; a follow-up visit
 * reaches it once signed, never as a draft; another hospital's desk, synced all along, holds
 * nothing. Withdrawing the consent at the centre's desk takes everything back, giving it again
 * brings it back; correcting the transplant centre moves it to the hospital named instead; ending
 * the enrolment takes everything back from both.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClinicDatabase } from '../../renderer/db/database';
import { Outbox } from '../../renderer/sync/outbox';
import { SyncEngine } from '../../renderer/sync/replication';
import { openMemoryDatabase } from '../../renderer/testing/memoryDb';
import { hashPassword } from '../../platform/auth/passwords';
import { openStore } from '../../platform/db/store';
import { demoCentreId, demoPassword, demoTransplantCentreId } from '../../platform/seed/demo';
import { recordConsent, correctTransplantCentre } from '../../renderer/features/carePlans/carePlanRepository';
import type { Operator } from '../../renderer/app/operator';
import { signRecord } from '../../shared/clinical/signature';
import { newFollowUpDraft } from '../../shared/encounters/draft';
import { encounterLockPolicy, type EncounterDoc } from '../../shared/encounters/schema';
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
/** A second tertiary hospital, which a correction names instead. */
const secondCentreId = 'org-hosp-tertiary';
const collections = ['patients', 'carePlans', 'observations', 'encounters'] as const;
/** What the other hospital's desk keeps: the collections a result or a resident would reach it in. */
const otherHospitalCollections = ['patients', 'carePlans', 'observations'] as const;

interface Desk {
  db: ClinicDatabase;
  outbox: Outbox;
  engine: SyncEngine;
  operator: Operator;
}
const desks: Desk[] = [];
let platform: ListeningPlatform;
let centre: Desk;
let hospital: Desk;
let otherHospital: Desk;
let secondCentre: Desk;

/**
 * A desk of `username`'s organisation with the shared collections (`kept`: all four unless said;
 * RxDB's free build keeps at most 13 collections open in one process), syncing.
 */
async function openDesk(
  username: string,
  orgId: string,
  kept: readonly (typeof collections)[number][] = collections,
): Promise<Desk> {
  const { login, operator } = await signInOverHttp(platform.baseUrl, username);
  // A desk's own writes are audited on it (the centre's consent entries).
  const db = await openMemoryDatabase(orgId === demoCentreId ? [...kept, 'auditEvents'] : kept);
  const outbox = new Outbox(db.name);
  const engine = new SyncEngine(Object.fromEntries(kept.map((collection) => [collection, db[collection]])), {
    transport: nodeTransport(platform.baseUrl, () => login.accessToken),
    outbox,
    identifier: `${platform.baseUrl}/${orgId}/${username}`,
    backoff: { initialMs: 50, maxMs: 200 },
    role: operator.role,
    staffId: operator.id,
    storage: memoryStorage(),
  });
  const desk = { db, outbox, engine, operator };
  desks.push(desk);
  return desk;
}

const ids = async (desk: Desk, collection: (typeof collections)[number]) =>
  ((await desk.db[collection]?.find().exec()) as { id: string }[] | undefined)?.map((d) => d.id).sort() ?? [];

/** Every document id the desk holds, in every shared collection it keeps, as one sorted text. */
const everythingOf = async (desk: Desk) =>
  (await Promise.all(collections.map((c) => ids(desk, c)))).flat().sort().join(',');

const patient = samplePatient({ id: id(1), orgId: demoCentreId, createdBy: 'staff-doc01' });
const enrolment: EnrolmentDoc = {
  ...sampleTransplantEnrolment({ transplantOrgId: demoTransplantCentreId }),
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
  {
    id: id(6),
    orgId: demoTransplantCentreId,
    patientId: patient.id,
    createdBy: 'staff-spec03',
    createdByName: '周海燕',
  },
);
const draftVisit: EncounterDoc = (() => {
  const draft = newFollowUpDraft({
    id: id(7),
    orgId: demoCentreId,
    patient,
    previous: [],
    appointmentId: null,
    doctor: { id: 'staff-doc01', name: '张建国' },
    department: '全科',
    at: '2026-12-07T02:00:00.000Z',
    enrolment,
    windowKey: null,
  });
  return {
    ...draft,
    followUp: { ...draft.followUp!, nextDate: '2027-03-07', computedNextDate: '2027-03-07' },
  };
})();

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
  await platform.store.query(
    `INSERT INTO organisations (id, name, kind, level, number_code) VALUES ($1, '省人民医院', 'hospital', 3, 'SR')`,
    [secondCentreId],
  );
  await platform.store.query(
    `INSERT INTO staff (id, org_id, username, display_name, role, password_hash)
     VALUES ('staff-spec10', $1, 'spec10', '郑华', 'specialist', $2)`,
    [secondCentreId, await hashPassword(demoPassword, cheapPasswordHashCost)],
  );
  centre = await openDesk('doc01', demoCentreId);
  hospital = await openDesk('spec03', demoTransplantCentreId);
  otherHospital = await openDesk('spec09', otherHospitalId, otherHospitalCollections);
}, 180_000);

async function closeDesk(desk: Desk) {
  await desk.engine.stop();
  desk.outbox.close();
  await desk.db.remove();
  desks.splice(desks.indexOf(desk), 1);
}

afterAll(async () => {
  for (const desk of [...desks]) await closeDesk(desk);
  await platform?.close();
}, 30_000);

describe('a transplant patient shared by the centre with the transplant hospital', () => {
  it('brings the hospital the resident, the enrolment and its earlier results once consented', async () => {
    await centre.db.patients.insert(patient);
    await centre.db.observations.bulkInsert([earlier, unlinked]);
    await centre.db.encounters.insert(draftVisit);
    await centre.db.carePlans.insert(enrolment);
    await eventually(async () => (await ids(hospital, 'observations')).length === 1);
    expect(await ids(hospital, 'patients')).toEqual([patient.id]);
    expect(await ids(hospital, 'carePlans')).toEqual([enrolment.id]);
    expect(await ids(hospital, 'observations')).toEqual([earlier.id]);
    // The specialist's desk holds the resident's identifiers masked.
    const held = await hospital.db.patients.findOne(patient.id).exec();
    expect(held?.idNumber).toBe(maskIdNumber(patient.idNumber));
    // The follow-up visit is still a draft: it stays at the centre.
    expect(await ids(hospital, 'encounters')).toEqual([]);
  });

  it('brings the hospital the follow-up visit once it is signed', async () => {
    const stored = await centre.db.encounters.findOne(draftVisit.id).exec();
    await stored!.incrementalModify((doc) =>
      signRecord(
        doc as EncounterDoc,
        { by: 'staff-doc01', byName: '张建国', at: new Date().toISOString() },
        encounterLockPolicy,
      ),
    );
    await eventually(async () => (await ids(hospital, 'encounters')).includes(draftVisit.id));
    const held = await hospital.db.encounters.findOne(draftVisit.id).exec();
    expect(held?.status).toBe('signed');
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
    for (const collection of otherHospitalCollections)
      expect(await ids(otherHospital, collection)).toEqual([]);
  });

  it('takes everything back when the resident withdraws consent at the centre, and brings it back when given again', async () => {
    const withdrawn = await recordConsent(
      centre.db,
      centre.operator,
      enrolment.id,
      'withdrawn',
      '本人要求停止共享',
    );
    expect(withdrawn.ok).toBe(true);
    await eventually(async () => (await everythingOf(hospital)) === `${plan.id}`);
    await eventually(async () => !(await ids(centre, 'carePlans')).includes(plan.id));
    // Who consented stays on record beside the withdrawal.
    const held = (await centre.db.carePlans.findOne(enrolment.id).exec())!.toJSON() as EnrolmentDoc;
    expect(held.enrolment.consents!.map((c) => [c.action, c.byName])).toEqual([
      ['given', '张建国'],
      ['withdrawn', '张建国'],
    ]);
    expect((await recordConsent(centre.db, centre.operator, enrolment.id, 'given', '再次签字同意')).ok).toBe(
      true,
    );
    await eventually(
      async () =>
        (await ids(hospital, 'observations')).length === 2 &&
        (await ids(hospital, 'patients')).length === 1 &&
        (await ids(hospital, 'encounters')).length === 1,
    );
    expect(await ids(hospital, 'patients')).toEqual([patient.id]);
    expect(await ids(hospital, 'encounters')).toEqual([draftVisit.id]);
    await eventually(async () => (await ids(centre, 'carePlans')).includes(plan.id));
  });

  it('moves everything to the hospital a correction names, and away from the one named by mistake', async () => {
    // The other hospital, synced all along, has seen nothing; its desk closes to make room for the
    // second transplant centre's (RxDB's free build keeps 13 collections open).
    for (const collection of otherHospitalCollections)
      expect(await ids(otherHospital, collection)).toEqual([]);
    await closeDesk(otherHospital);
    secondCentre = await openDesk('spec10', secondCentreId, otherHospitalCollections);
    const corrected = await correctTransplantCentre(centre.db, centre.operator, enrolment.id, {
      to: secondCentreId,
      reason: '出院小结所写移植中心有误',
    });
    expect(corrected.ok).toBe(true);
    await eventually(
      async () =>
        (await ids(secondCentre, 'observations')).length === 2 &&
        (await ids(secondCentre, 'patients')).length === 1 &&
        (await ids(secondCentre, 'carePlans')).length === 1,
    );
    expect(await ids(secondCentre, 'patients')).toEqual([patient.id]);
    expect(await ids(secondCentre, 'carePlans')).toEqual([enrolment.id]);
    await eventually(async () => (await everythingOf(hospital)) === `${plan.id}`);
    await eventually(async () => !(await ids(centre, 'carePlans')).includes(plan.id));
  });

  it('takes everything back from both desks when the resident leaves the programme', async () => {
    const stored = await centre.db.carePlans.findOne(enrolment.id).exec();
    await stored!.incrementalModify((doc) => ({
      ...doc,
      enrolment: { ...doc.enrolment!, status: 'left', leftOn: '2026-12-09', leftReason: 'moved' },
      updatedAt: '2026-12-09T01:00:00.000Z',
    }));
    await eventually(async () => (await everythingOf(secondCentre)) === '');
    expect(await ids(hospital, 'carePlans')).toEqual([plan.id]);
    expect(await ids(centre, 'carePlans')).toEqual([enrolment.id]);
  });
});
