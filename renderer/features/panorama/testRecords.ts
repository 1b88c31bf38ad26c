/**
 * Records for the panorama's tests (test support only): a visit, a follow-up visit, a lab result
 * and a slip for one resident, each valid as it stands, with what a test changes.
 */
import { emptyFollowUpForm, type FollowUpForm } from '../../../shared/encounters/followUp';
import type { EncounterDoc, Vitals } from '../../../shared/encounters/schema';
import { emptyVitals } from '../../../shared/encounters/vitals';
import type { LabItem, LabResult, ObservationDoc } from '../../../shared/observations/schema';
import type { PrescriptionDoc } from '../../../shared/prescriptions/schema';
import { slipItem } from '../../../shared/testing/prescriptions';

export const patientId = '0190d9a0-0000-7000-8000-000000000001';

/** A signed consultation by 张建国 seen at `at` with `vitals`, then `changes`. */
export function visit(
  id: string,
  at: string,
  vitals: Partial<Vitals> = {},
  changes: Partial<EncounterDoc> = {},
): EncounterDoc {
  return {
    id,
    recordId: id,
    revisionNo: 1,
    supersedes: null,
    amendReason: '',
    orgId: 'org-chc-demo',
    sharedWith: [],
    patientId,
    appointmentId: null,
    doctorId: 'staff-doc01',
    doctorName: '张建国',
    department: '全科',
    visitType: 'followUp',
    chiefComplaint: '头晕',
    presentHistory: '',
    pastHistory: '',
    allergies: [],
    vitals: { ...emptyVitals, ...vitals },
    physicalExam: '',
    auxiliaryExams: '',
    diagnoses: [
      {
        code: 'I10',
        name: { zh: '原发性高血压', en: 'Essential hypertension' },
        freeText: false,
        primary: true,
      },
    ],
    plan: '',
    advice: '',
    status: 'signed',
    signature: null,
    createdBy: 'staff-doc01',
    createdAt: at,
    updatedAt: at,
    visitAt: at,
    ...changes,
  };
}

/** A signed hypertension follow-up visit at `at`, with `form` changes to a blank form. */
export function followUpVisit(
  id: string,
  at: string,
  vitals: Partial<Vitals>,
  form: Partial<FollowUpForm> = {},
): EncounterDoc {
  return visit(id, at, vitals, {
    diagnoses: [],
    kind: 'followUp',
    followUp: {
      ...emptyFollowUpForm({
        programme: 'hypertension',
        enrolmentId: 'enrol-1',
        windowKey: null,
        nextDate: '',
      }),
      ...form,
    },
  });
}

/** A lab result tested on `testedOn`, recorded by 李秀梅, then `lab` changes. */
export function labResult(
  id: string,
  testedOn: string,
  items: LabItem[],
  lab: Partial<LabResult> = {},
): ObservationDoc {
  const at = `${testedOn}T02:00:00.000Z`;
  return {
    id,
    orgId: 'org-chc-demo',
    sharedWith: [],
    patientId,
    kind: 'lab',
    appointmentId: null,
    vitals: { ...emptyVitals },
    chiefComplaint: '',
    takenAt: at,
    recordedBy: 'staff-nurse01',
    recordedByName: '李秀梅',
    supersedes: null,
    createdBy: 'staff-nurse01',
    createdAt: at,
    updatedAt: at,
    lab: { panel: 'cbc', items, testedOn, source: 'here', sourceName: '', ...lab },
  };
}

/** One analyte's line of a result. */
export const item = (
  analyte: LabItem['analyte'],
  value: number,
  unit: string,
  refLow: number | null = null,
  refHigh: number | null = null,
  flag: LabItem['flag'] = null,
): LabItem => ({ analyte, value, unit, refLow, refHigh, flag });

/** A signed amlodipine slip written at `at` from visit `encounterId`. */
export function slip(
  id: string,
  encounterId: string,
  at: string,
  changes: Partial<PrescriptionDoc> = {},
): PrescriptionDoc {
  return {
    id,
    orgId: 'org-chc-demo',
    sharedWith: [],
    patientId,
    encounterId,
    groupId: `group-${id}`,
    slipIndex: 0,
    slipCount: 1,
    number: `RX${id}`,
    type: 'ordinary',
    items: [slipItem()],
    days: 7,
    longReason: '',
    longAcknowledged: false,
    diagnosis: '原发性高血压',
    patient: { name: '张三', sex: 'male', ageText: '46岁', feeCategory: 'selfPay' },
    department: '全科',
    doctorId: 'staff-doc01',
    doctorName: '张建国',
    status: 'signed',
    signature: null,
    voided: null,
    prints: [],
    createdAt: at,
    updatedAt: at,
    ...changes,
  } as PrescriptionDoc;
}
