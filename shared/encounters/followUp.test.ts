import { describe, expect, it } from 'vitest';
import { hasValidSignature, signRecord } from '../clinical/signature';
import { syncedCollections } from '../sync/collections';
import { sampleEnrolment } from '../testing/carePlans';
import { newEncounterDraft, newFollowUpDraft } from './draft';
import { reusableDraft } from './record';
import { validateEncounterDraft, validateForSigning } from './rules';
import { encounterKindOf, encounterLockPolicy, type EncounterDoc } from './schema';

const at = '2026-11-20T01:30:00.000Z';
const doctor = { id: 'staff-doctor01', name: '张建国' };
const patient = {
  id: '0190d9a0-0000-7000-8000-000000000001',
  allergies: ['青霉素'],
  tags: ['hypertension' as const],
};
const enrolment = sampleEnrolment();

/** A consultation signed by the desk before follow-up visits existed (encounter schema 2). */
const signedBefore = {
  id: '0190d9a0-0000-7000-8000-0000000e0900',
  recordId: '0190d9a0-0000-7000-8000-0000000e0900',
  revisionNo: 1,
  supersedes: null,
  amendReason: '',
  orgId: 'org-chc-demo',
  sharedWith: [],
  patientId: '0190d9a0-0000-7000-8000-000000000001',
  appointmentId: null,
  doctorId: 'staff-doctor01',
  doctorName: '张建国',
  department: '全科',
  visitType: 'first',
  chiefComplaint: '头晕三天',
  presentHistory: '三天前起头晕',
  pastHistory: '',
  allergies: ['青霉素'],
  vitals: {
    systolic: 150,
    diastolic: 92,
    heartRate: null,
    temperature: null,
    weight: null,
    height: null,
    glucose: null,
    glucoseKind: 'fasting',
    spo2: null,
  },
  physicalExam: '心肺无异常',
  auxiliaryExams: '',
  diagnoses: [{ code: 'I10', name: { zh: '高血压', en: 'Hypertension' }, freeText: false, primary: true }],
  plan: '复查血压',
  advice: '',
  status: 'signed',
  signature: {
    by: 'staff-doctor01',
    byName: '张建国',
    at: '2026-11-20T01:30:00.000Z',
    hash: '8856e2330d989bdc3767e0525feb3527f20b86b57a3e3569adad788b0e65b97a',
  },
  createdBy: 'staff-doctor01',
  createdAt: '2026-11-20T01:30:00.000Z',
  updatedAt: '2026-11-20T01:30:00.000Z',
  visitAt: '2026-11-20T01:30:00.000Z',
  rulesVersion: 2,
} as EncounterDoc;

const consultation = (): EncounterDoc =>
  newEncounterDraft({
    id: '0190d9a0-0000-7000-8000-0000000e0900',
    orgId: 'org-chc-demo',
    patient,
    previous: [],
    appointmentId: null,
    doctor,
    department: '全科',
    at,
  });

const followUp = (from?: EncounterDoc) =>
  newFollowUpDraft({
    id: '0190d9a0-0000-7000-8000-0000000f0001',
    orgId: 'org-chc-demo',
    patient,
    previous: [],
    appointmentId: null,
    doctor,
    department: '全科',
    at,
    enrolment,
    windowKey: '2026-q4',
    from,
  });

/** A follow-up visit the doctor filled: BP taken, next routine visit computed and kept. */
const filled = (changes: Partial<NonNullable<EncounterDoc['followUp']>> = {}): EncounterDoc => {
  const draft = followUp();
  return {
    ...draft,
    vitals: { ...draft.vitals, systolic: 132, diastolic: 82 },
    followUp: { ...draft.followUp!, nextDate: '2027-02-20', computedNextDate: '2027-02-20', ...changes },
  };
};

describe('records signed before follow-up visits existed', () => {
  it('still verify, pass the platform’s check and read as consultations', () => {
    expect(hasValidSignature(signedBefore, encounterLockPolicy)).toBe(true);
    expect(syncedCollections.encounters.check(signedBefore)).toEqual([]);
    expect(encounterKindOf(signedBefore)).toBe('consultation');
  });
  it('are what a consultation signed today hashes to: a consultation carries no kind or form', () => {
    const draft = consultation();
    expect(draft).not.toHaveProperty('kind');
    expect(draft).not.toHaveProperty('followUp');
    const today = signRecord(
      {
        ...draft,
        chiefComplaint: '头晕三天',
        presentHistory: '三天前起头晕',
        physicalExam: '心肺无异常',
        plan: '复查血压',
        vitals: { ...draft.vitals, systolic: 150, diastolic: 92 },
        diagnoses: signedBefore.diagnoses,
      },
      { by: doctor.id, byName: doctor.name, at },
      encounterLockPolicy,
    );
    expect(today.signature!.hash).toBe(signedBefore.signature!.hash);
  });
});

describe('a follow-up visit', () => {
  it('starts as a follow-up of the enrolment’s programme with an empty form', () => {
    const draft = followUp();
    expect(draft).toMatchObject({ kind: 'followUp', visitType: 'followUp', status: 'draft' });
    expect(draft.followUp).toMatchObject({
      programme: 'hypertension',
      enrolmentId: enrolment.id,
      windowKey: '2026-q4',
      symptoms: [],
      classification: 'satisfactory',
    });
  });

  it('started from a consultation, carries its vitals, the nurse’s part of them and its visit', () => {
    const base = consultation();
    const from: EncounterDoc = {
      ...base,
      appointmentId: 'appt-1',
      chiefComplaint: '头晕',
      vitals: { ...base.vitals, systolic: 182, diastolic: 100, heartRate: 88 },
      triage: {
        observationId: 'obs-1',
        by: 'nurse-1',
        byName: '李秀梅',
        at,
        fields: ['vitals.systolic', 'chiefComplaint'],
      },
    };
    const draft = followUp(from);
    expect(draft.vitals).toMatchObject({ systolic: 182, diastolic: 100, heartRate: 88 });
    expect(draft.appointmentId).toBe('appt-1');
    expect(draft.chiefComplaint).toBe('');
    expect(draft.triage?.fields).toEqual(['vitals.systolic']);
  });

  it('is signed without a diagnosis, chief complaint or plan: the programme is the reason', () => {
    const visit = filled();
    expect(validateForSigning(visit, 2)).toEqual([]);
    const signed = signRecord(visit, { by: doctor.id, byName: doctor.name, at }, encounterLockPolicy);
    expect(hasValidSignature(signed, encounterLockPolicy)).toBe(true);
    expect(syncedCollections.encounters.check(signed)).toEqual([]);
    // The same content as a consultation still needs them.
    const { kind: _kind, followUp: _form, ...asConsultation } = visit;
    expect(validateForSigning(asConsultation, 2)).toContainEqual({ field: 'diagnoses', code: 'required' });
  });

  it('needs the next date, and a reason wherever the doctor changed the computed values', () => {
    expect(validateForSigning(filled({ nextDate: '' }), 2)).toContainEqual({
      field: 'followUp.nextDate',
      code: 'required',
    });
    expect(
      validateForSigning(filled({ nextDate: '', computedNextDate: '', lostReason: '外出务工，联系不上' }), 2),
    ).toEqual([]);
    expect(validateForSigning(filled({ classification: 'unsatisfactory' }), 2)).toEqual([
      { field: 'followUp.classificationReason', code: 'reasonRequired' },
    ]);
    expect(
      validateForSigning(
        filled({ classification: 'unsatisfactory', classificationReason: '家庭自测偏高' }),
        2,
      ),
    ).toEqual([]);
    expect(validateForSigning(filled({ nextDate: '2027-01-20' }), 2)).toEqual([
      { field: 'followUp.nextReason', code: 'reasonRequired' },
    ]);
  });

  it('refuses a form on a consultation, a follow-up without its form, and mixed symptom codes', () => {
    const visit = filled();
    const { followUp: form, ...bare } = visit;
    expect(validateEncounterDraft({ ...bare, kind: 'followUp' })).toContainEqual({
      field: 'followUp',
      code: 'kindMismatch',
    });
    expect(validateEncounterDraft({ ...visit, kind: 'consultation' })).toContainEqual({
      field: 'followUp',
      code: 'kindMismatch',
    });
    expect(
      validateEncounterDraft({ ...visit, followUp: { ...form!, symptoms: ['none', 'headacheDizziness'] } }),
    ).toContainEqual({
      field: 'followUp.symptoms',
      code: 'noneWithOthers',
    });
    expect(validateEncounterDraft({ ...visit, followUp: { ...form!, nextDate: '2027-2-1' } })).toContainEqual(
      {
        field: 'followUp.nextDate',
        code: 'dateFormat',
      },
    );
  });

  it('is never the draft a consultation opened the same day continues', () => {
    const draft = followUp();
    const found = reusableDraft([draft], {
      patientId: patient.id,
      doctorId: doctor.id,
      appointmentId: null,
      today: '2026-11-20',
      dayOf: (iso) => iso.slice(0, 10),
    });
    expect(found).toBeUndefined();
  });
});
