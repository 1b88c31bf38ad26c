import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyVitals } from '../../../shared/encounters/vitals';
import type { Operator } from '../../app/operator';
import type { ClinicDatabase } from '../../db/database';
import { openMemoryDatabase, registrar } from '../../testing/memoryDb';
import { saveDraft, startEncounter, takeTriage } from '../encounters/encounterRepository';
import { recordVitals } from './observationRepository';

const nurse: Operator = { id: 'nurse-1', name: '李秀梅', role: 'nurse', orgId: 'org-chc-1' };
const doctor: Operator = { id: 'doc-1', name: '张建国', role: 'doctor', orgId: 'org-chc-1' };
const patient = { id: 'patient-1', allergies: [], tags: [] };
const triageAt = new Date('2026-11-23T08:40:00+08:00');
const calledAt = new Date('2026-11-23T09:05:00+08:00');
const vitals = { ...emptyVitals, systolic: 152, diastolic: 94, heartRate: 80, temperature: 36.6, spo2: 96 };

let db: ClinicDatabase;
beforeEach(async () => {
  db = await openMemoryDatabase(['encounters', 'appointments', 'auditEvents', 'observations']);
  await db.appointments.insert({
    id: 'appt-1',
    orgId: 'org-chc-1',
    sharedWith: [],
    patientId: patient.id,
    patientName: '孙建平',
    date: '2026-11-23',
    time: null,
    kind: 'walkIn',
    doctorId: null,
    department: '全科',
    status: 'arrived',
    ticket: 'W001',
    arrivedAt: triageAt.toISOString(),
    calledAt: null,
    doneAt: null,
    encounterId: null,
    createdBy: 'staff-1',
    createdAt: triageAt.toISOString(),
    updatedAt: triageAt.toISOString(),
  });
});
afterEach(async () => {
  await db.remove();
});

const triage = (operator = nurse, changes: Partial<Parameters<typeof recordVitals>[2]> = {}) =>
  recordVitals(
    db,
    operator,
    { patientId: patient.id, appointmentId: 'appt-1', vitals, chiefComplaint: ' 头晕三天 ', ...changes },
    triageAt,
  );

describe('recording vitals', () => {
  it('stores the nurse’s triage in her name, with an audit event', async () => {
    const result = await triage();
    if (!result.ok) throw new Error(result.reason);
    const stored = (await db.observations.findOne(result.observation.id).exec())!.toJSON();
    expect(stored).toMatchObject({
      kind: 'vitals',
      appointmentId: 'appt-1',
      chiefComplaint: '头晕三天',
      recordedBy: 'nurse-1',
      recordedByName: '李秀梅',
      takenAt: triageAt.toISOString(),
      vitals,
    });
    const events = (await db.auditEvents.find().exec()).map((e) => [e.action, e.recordId, e.actorId]);
    expect(events).toEqual([['observation.record', result.observation.id, 'nurse-1']]);
  });

  it('refuses a registrar and implausible or empty input, writing nothing', async () => {
    expect(await triage(registrar)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await triage(nurse, { vitals: { ...vitals, systolic: 1400 } })).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [{ field: 'vitals.systolic', code: 'outOfRange' }],
    });
    expect(await triage(nurse, { vitals: { ...emptyVitals }, chiefComplaint: '' })).toMatchObject({
      ok: false,
      errors: [{ field: 'vitals', code: 'nothingRecorded' }],
    });
    expect(await db.observations.count().exec()).toBe(0);
    expect(await db.auditEvents.count().exec()).toBe(0);
  });

  it('records vitals outside a visit, without a complaint', async () => {
    const result = await recordVitals(
      db,
      nurse,
      {
        patientId: patient.id,
        appointmentId: null,
        vitals: { ...emptyVitals, weight: 61.5 },
        chiefComplaint: '',
      },
      triageAt,
    );
    expect(result).toMatchObject({
      ok: true,
      observation: { appointmentId: null, vitals: { weight: 61.5 } },
    });
  });

  it('lets a nurse start no consultation', async () => {
    await triage();
    expect(
      await startEncounter(db, patient, nurse, {
        appointmentId: 'appt-1',
        department: '全科',
        now: calledAt,
      }),
    ).toEqual({ ok: false, reason: 'forbidden' });
    expect(await db.encounters.count().exec()).toBe(0);
  });
});

describe('the doctor’s consultation after triage', () => {
  it('starts with the nurse’s vitals and complaint, attributed to her; what the doctor changes is the doctor’s', async () => {
    const recorded = await triage();
    if (!recorded.ok) throw new Error(recorded.reason);
    // A correction at the desk supersedes the first triage; the consultation takes the correction.
    const corrected = await recordVitals(
      db,
      nurse,
      {
        patientId: patient.id,
        appointmentId: 'appt-1',
        vitals: { ...vitals, heartRate: 84 },
        chiefComplaint: '头晕三天',
        supersedes: recorded.observation.id,
      },
      new Date(triageAt.getTime() + 60_000),
    );
    if (!corrected.ok) throw new Error(corrected.reason);
    const started = await startEncounter(db, patient, doctor, {
      appointmentId: 'appt-1',
      department: '全科',
      now: calledAt,
    });
    if (!started.ok) throw new Error(started.reason);
    const draft = started.encounter;
    expect(draft.vitals).toEqual({ ...vitals, heartRate: 84 });
    expect(draft.chiefComplaint).toBe('头晕三天');
    expect(draft.triage).toEqual({
      observationId: corrected.observation.id,
      by: 'nurse-1',
      byName: '李秀梅',
      at: corrected.observation.takenAt,
      fields: [
        'vitals.systolic',
        'vitals.diastolic',
        'vitals.heartRate',
        'vitals.temperature',
        'vitals.spo2',
        'chiefComplaint',
      ],
    });

    const saved = await saveDraft(
      db,
      draft.id,
      { ...draft, vitals: { ...draft.vitals, systolic: 146 }, triage: undefined },
      doctor,
      new Date(calledAt.getTime() + 60_000),
    );
    if (!saved.ok) throw new Error(saved.reason);
    const stored = (await db.encounters.findOne(draft.id).exec())!.toJSON();
    expect(stored.vitals.systolic).toBe(146);
    expect(stored.triage?.fields).toEqual([
      'vitals.diastolic',
      'vitals.heartRate',
      'vitals.temperature',
      'vitals.spo2',
      'chiefComplaint',
    ]);
  });

  it('takes a triage that arrived after the call into the draft, around what the doctor wrote', async () => {
    const started = await startEncounter(db, patient, doctor, {
      appointmentId: 'appt-1',
      department: '全科',
      now: calledAt,
    });
    if (!started.ok) throw new Error(started.reason);
    expect(await takeTriage(db, started.encounter.id, doctor)).toEqual({ ok: false, reason: 'notFound' });
    await saveDraft(
      db,
      started.encounter.id,
      { ...started.encounter, vitals: { ...emptyVitals, heartRate: 90 } },
      doctor,
    );
    await triage();
    expect(await takeTriage(db, started.encounter.id, nurse)).toEqual({ ok: false, reason: 'notAuthor' });
    const taken = await takeTriage(db, started.encounter.id, doctor);
    if (!taken.ok) throw new Error(taken.reason);
    expect(taken.encounter.vitals).toEqual({ ...vitals, heartRate: 90 });
    expect(taken.encounter.chiefComplaint).toBe('头晕三天');
    expect(taken.encounter.triage?.fields).toEqual([
      'vitals.systolic',
      'vitals.diastolic',
      'vitals.temperature',
      'vitals.spo2',
      'chiefComplaint',
    ]);
  });

  it('starts blank from a visit nobody triaged', async () => {
    const started = await startEncounter(db, patient, doctor, {
      appointmentId: 'appt-1',
      department: '全科',
      now: calledAt,
    });
    if (!started.ok) throw new Error(started.reason);
    expect(started.encounter.vitals).toEqual(emptyVitals);
    expect(started.encounter.triage).toBeUndefined();
  });
});
