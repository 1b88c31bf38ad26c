/**
 * Builders of care plans and follow-up visits for the rules' tests (not part of the app).
 */
import type {
  ContractDoc,
  ContractFields,
  EnrolmentDoc,
  EnrolmentFields,
  TransplantPlanDoc,
} from '../carePlans/schema';
import type { FollowUpVisit } from './worklist';
import { defaultTransplantPhases } from './windows';

const stamp = '2026-01-01T08:00:00.000Z';

const base = (id: string, patientId: string) => ({
  id,
  orgId: 'org-chc-demo',
  sharedWith: [],
  patientId,
  createdBy: 'staff-doc01',
  createdByName: '李医生',
  createdAt: stamp,
  updatedAt: stamp,
});

export function sampleContract(
  id: string,
  patientId: string,
  changes: Partial<ContractFields> = {},
  doc: Partial<ContractDoc> = {},
): ContractDoc {
  return {
    ...base(id, patientId),
    kind: 'contract',
    contract: {
      agreementNo: `QY-20260101-${id}`,
      team: {
        name: '李医生团队',
        doctorId: 'staff-doc01',
        doctorName: '李医生',
        nurseId: null,
        nurseName: '',
        publicHealthId: null,
        publicHealthName: '',
      },
      householdNo: '',
      populationTypes: ['hypertension'],
      packages: [],
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      channel: 'onSite',
      status: 'active',
      renewsContractId: null,
      terminatedAt: null,
      terminationReason: '',
      residentSignedAs: 'self',
      ...changes,
    },
    ...doc,
  };
}

export function sampleEnrolment(
  id: string,
  patientId: string,
  changes: Partial<EnrolmentFields> = {},
): EnrolmentDoc {
  return {
    ...base(id, patientId),
    kind: 'enrolment',
    enrolment: {
      programme: 'hypertension',
      enrolledOn: '2026-01-05',
      status: 'active',
      leftOn: null,
      leftReason: null,
      leftNote: '',
      lmp: null,
      dueDate: null,
      transplantOrgId: null,
      transplantDate: null,
      consent: null,
      scheduleEdits: [],
      ...changes,
    },
  };
}

export function sampleTransplantPlan(
  id: string,
  enrolment: EnrolmentDoc,
  transplantDate: string,
): TransplantPlanDoc {
  return {
    ...base(id, enrolment.patientId),
    orgId: 'org-hospital-demo',
    kind: 'transplantPlan',
    transplantPlan: {
      enrolmentId: enrolment.id,
      centreOrgId: enrolment.orgId,
      transplantDate,
      phases: [...defaultTransplantPhases],
      tests: ['wbc', 'hb', 'plt', 'neut', 'alt', 'creatinine', 'tacrolimus'],
      instructions: '',
      revision: 1,
      revisionReason: '',
    },
  };
}

export function sampleVisit(
  id: string,
  enrolment: EnrolmentDoc,
  date: string,
  changes: Partial<FollowUpVisit> = {},
): FollowUpVisit {
  return {
    id,
    recordId: id,
    patientId: enrolment.patientId,
    enrolmentId: enrolment.id,
    programme: enrolment.enrolment.programme,
    date,
    windowKey: null,
    classification: 'satisfactory',
    nextStep: 'routine',
    nextDate: '',
    referral: null,
    ...changes,
  };
}
