/**
 * Care plan fixtures for tests, valid as they stand: a family doctor contract and a hypertension
 * enrolment at the demo centre, a transplant enrolment shared with the demo hospital, and the
 * hospital's plan for it.
 */
import type {
  CarePlanDoc,
  ContractDoc,
  ContractFields,
  EnrolmentDoc,
  EnrolmentFields,
  TransplantPlanDoc,
  TransplantPlanFields,
} from '../carePlans/schema';

export const centreOrgId = 'org-chc-demo';
export const hospitalOrgId = 'org-hosp-demo';
export const samplePatientId = '0190d9a0-0000-7000-8000-000000000001';

const at = '2026-12-07T01:00:00.000Z';
const base = (id: string, orgId: string, createdBy: string, createdByName: string) => ({
  id,
  orgId,
  sharedWith: [],
  patientId: samplePatientId,
  createdBy,
  createdByName,
  createdAt: at,
  updatedAt: at,
});

/** Dr 张建国's team contract with the resident, 2026-12-07 to 2027-12-06, then `changes`. */
export function sampleContract(
  changes: Partial<ContractFields> = {},
  doc: Partial<CarePlanDoc> = {},
): ContractDoc {
  return {
    ...base('0190d9a0-0000-7000-8000-0000000c0001', centreOrgId, 'staff-doctor01', '张建国'),
    kind: 'contract',
    contract: {
      agreementNo: 'QY-20261207-0001',
      team: {
        name: '张建国团队',
        doctorId: 'staff-doctor01',
        doctorName: '张建国',
        nurseId: 'staff-nurse01',
        nurseName: '李秀梅',
        publicHealthId: null,
        publicHealthName: '',
      },
      householdNo: '',
      populationTypes: ['hypertension', 'elderly'],
      packages: [{ code: 'basic', name: '基础包', priceFen: 12000, selfPayFen: 0, insuranceFen: 12000 }],
      startDate: '2026-12-07',
      endDate: '2027-12-06',
      channel: 'onSite',
      status: 'active',
      renewsContractId: null,
      terminatedAt: null,
      terminationReason: '',
      residentSignedAs: 'self',
      ...changes,
    },
    ...doc,
  } as ContractDoc;
}

/** The resident's hypertension enrolment from 2026-12-07, active, then `changes`. */
export function sampleEnrolment(
  changes: Partial<EnrolmentFields> = {},
  doc: Partial<CarePlanDoc> = {},
): EnrolmentDoc {
  return {
    ...base('0190d9a0-0000-7000-8000-0000000c0002', centreOrgId, 'staff-doctor01', '张建国'),
    kind: 'enrolment',
    enrolment: {
      programme: 'hypertension',
      enrolledOn: '2026-12-07',
      status: 'active',
      leftOn: null,
      leftReason: null,
      leftNote: '',
      lmp: null,
      dueDate: null,
      transplantOrgId: null,
      transplantDate: null,
      consents: [],
      scheduleEdits: [],
      ...changes,
    },
    ...doc,
  } as EnrolmentDoc;
}

/** A transplant enrolment at the centre, shared with the demo hospital by the resident's consent. */
export function sampleTransplantEnrolment(changes: Partial<EnrolmentFields> = {}): EnrolmentDoc {
  return sampleEnrolment(
    {
      programme: 'transplant',
      transplantOrgId: hospitalOrgId,
      transplantDate: '2026-09-01',
      consents: [{ action: 'given', at, by: 'staff-doctor01', byName: '张建国', note: '本人签字同意' }],
      ...changes,
    },
    { id: '0190d9a0-0000-7000-8000-0000000c0003' },
  );
}

/** The hospital specialist's plan for the transplant enrolment: every 3 months for a year, then 6. */
export function sampleTransplantPlan(
  changes: Partial<TransplantPlanFields> = {},
  doc: Partial<CarePlanDoc> = {},
): TransplantPlanDoc {
  return {
    ...base('0190d9a0-0000-7000-8000-0000000c0004', hospitalOrgId, 'staff-specialist01', '王海'),
    kind: 'transplantPlan',
    transplantPlan: {
      enrolmentId: '0190d9a0-0000-7000-8000-0000000c0003',
      centreOrgId,
      transplantDate: '2026-09-01',
      phases: [
        { fromMonth: 0, toMonth: 12, intervalMonths: 3 },
        { fromMonth: 12, toMonth: 60, intervalMonths: 6 },
      ],
      tests: ['wbc', 'hb', 'plt', 'alt', 'creatinine', 'tacrolimus'],
      instructions: '每次随访查血常规、肝肾功能及他克莫司血药浓度',
      revision: 1,
      revisionReason: '',
      ...changes,
    },
    ...doc,
  } as TransplantPlanDoc;
}
