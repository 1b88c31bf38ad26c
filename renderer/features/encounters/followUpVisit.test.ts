import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hasValidSignature } from '../../../shared/clinical/signature';
import { encounterLockPolicy, type EncounterDoc } from '../../../shared/encounters/schema';
import { sampleEnrolment } from '../../../shared/testing/carePlans';
import { samplePatient } from '../../../shared/testing/patients';
import type { Operator } from '../../app/operator';
import type { ClinicDatabase } from '../../db/database';
import { openMemoryDatabase } from '../../testing/memoryDb';
import {
  amendEncounter,
  saveDraft,
  signEncounter,
  startEncounter,
  startFollowUpVisit,
  type EncounterEdit,
} from './encounterRepository';

const now = new Date('2026-12-07T09:00:00+08:00');
const later = new Date('2026-12-07T09:20:00+08:00');
const doctor: Operator = { id: 'doc-1', name: '张建国', role: 'doctor', orgId: 'org-chc-1' };
const nurse: Operator = { id: 'nurse-1', name: '李秀梅', role: 'nurse', orgId: 'org-chc-1' };
const patient = samplePatient({ orgId: 'org-chc-1' });
const enrolment = sampleEnrolment({}, { orgId: 'org-chc-1', patientId: patient.id });

let db: ClinicDatabase;
beforeEach(async () => {
  db = await openMemoryDatabase(['patients', 'encounters', 'auditEvents', 'observations']);
  await db.patients.insert(patient);
});
afterEach(async () => {
  await db.remove();
});

const editOf = (doc: EncounterDoc): EncounterEdit => structuredClone(doc);

async function startVisit(options: Parameters<typeof startFollowUpVisit>[4] = {}) {
  const result = await startFollowUpVisit(db, doctor, patient.id, enrolment, {
    now,
    windowKey: 'w1',
    ...options,
  });
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('starting a follow-up visit', () => {
  it('from a consultation carries its vitals over, not typed twice', async () => {
    const started = await startEncounter(db, patient, doctor, {
      appointmentId: null,
      department: '全科',
      now,
    });
    if (!started.ok) throw new Error(started.reason);
    const consultation = started.encounter;
    await saveDraft(
      db,
      consultation.id,
      {
        ...editOf(consultation),
        vitals: { ...consultation.vitals, systolic: 162, diastolic: 96, heartRate: 78 },
      },
      doctor,
      now,
    );
    const { encounter, created } = await startVisit({ fromEncounterId: consultation.id });
    expect(created).toBe(true);
    expect(encounter).toMatchObject({
      kind: 'followUp',
      visitType: 'followUp',
      department: '全科',
      vitals: { systolic: 162, diastolic: 96, heartRate: 78 },
      followUp: { programme: 'hypertension', enrolmentId: enrolment.id, windowKey: 'w1' },
    });
    expect(encounter.id).not.toBe(consultation.id);
  });

  it('opens the doctor’s open draft for the same window again instead of a second one', async () => {
    const first = await startVisit();
    const again = await startVisit();
    expect(again).toMatchObject({ created: false, encounter: { id: first.encounter.id } });
    const other = await startVisit({ windowKey: 'w2' });
    expect(other.created).toBe(true);
    // A consultation opened later the same day is its own record.
    const consultation = await startEncounter(db, patient, doctor, {
      appointmentId: null,
      department: '全科',
      now,
    });
    expect(consultation.ok && consultation.encounter.kind).toBeUndefined();
  });

  it('refuses a nurse, an unknown resident and an unknown consultation', async () => {
    expect(await startFollowUpVisit(db, nurse, patient.id, enrolment)).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect(await startFollowUpVisit(db, doctor, 'nobody', enrolment)).toEqual({
      ok: false,
      reason: 'notFound',
    });
    expect(await startFollowUpVisit(db, doctor, patient.id, enrolment, { fromEncounterId: 'nope' })).toEqual({
      ok: false,
      reason: 'notFound',
    });
  });
});

describe('a follow-up visit, saved and signed like a consultation', () => {
  it('saves the form, signs without a diagnosis, and amends as a new revision that keeps the form', async () => {
    const { encounter } = await startVisit();
    const form = {
      ...encounter.followUp!,
      symptoms: ['none'],
      classification: 'unsatisfactory' as const,
      computedClassification: 'unsatisfactory' as const,
      nextStep: 'twoWeek' as const,
      computedNextStep: 'twoWeek' as const,
      nextDate: '2026-12-21',
      computedNextDate: '2026-12-21',
    };
    const saved = await saveDraft(
      db,
      encounter.id,
      { ...editOf(encounter), vitals: { ...encounter.vitals, systolic: 150, diastolic: 95 }, followUp: form },
      doctor,
      later,
    );
    expect(saved.ok && saved.encounter.followUp).toEqual(form);
    const signed = await signEncounter(db, encounter.id, doctor, later);
    if (!signed.ok) throw new Error(signed.reason);
    expect(signed.encounter.status).toBe('signed');
    expect(hasValidSignature(signed.encounter, encounterLockPolicy)).toBe(true);
    const amended = await amendEncounter(db, encounter.id, '补记用药', doctor, later);
    expect(amended.ok && amended.encounter).toMatchObject({
      kind: 'followUp',
      revisionNo: 2,
      followUp: form,
    });
  });

  it('refuses to sign while the next date is missing or a changed value has no reason', async () => {
    const { encounter } = await startVisit();
    const refused = await signEncounter(db, encounter.id, doctor, later);
    expect(refused).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [{ field: 'followUp.nextDate', code: 'required' }],
    });
    await saveDraft(
      db,
      encounter.id,
      {
        ...editOf(encounter),
        followUp: {
          ...encounter.followUp!,
          nextDate: '2027-03-07',
          computedNextDate: '2027-03-07',
          classification: 'complication',
        },
      },
      doctor,
      later,
    );
    expect(await signEncounter(db, encounter.id, doctor, later)).toEqual({
      ok: false,
      reason: 'invalid',
      errors: [{ field: 'followUp.classificationReason', code: 'reasonRequired' }],
    });
  });
});
