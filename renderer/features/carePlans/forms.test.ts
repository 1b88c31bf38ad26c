/**
 * The care-plan forms' rules as a doctor and a specialist meet them: what stops an enrolment,
 * a leaving, a moved due date or a transplant plan from being saved, and what is saved.
 */
import { describe, expect, it } from 'vitest';
import type { TransplantPlanFields } from '../../../shared/carePlans/schema';
import { emptyEnrolDraft, enrolErrors, toEnrolmentFields, yearsOn, type EnrolContext } from './enrolForm';
import { dueDateErrors, leaveErrors } from './enrolmentChanges';
import { defaultPlanDraft, draftOfPlan, planErrors, plannedMonths, toPlanFields } from './planForm';

const today = '2026-12-07';
const woman: EnrolContext = {
  today,
  patient: { sex: 'female', birthDate: '1990-05-01' },
  activeProgrammes: [],
};
const doctor = { id: 'staff-doc01', name: '张建国' };

describe('enrolment form', () => {
  it('needs a programme and a date not after today', () => {
    expect(enrolErrors({ ...emptyEnrolDraft(today), enrolledOn: '' }, woman)).toEqual({
      programme: 'required',
      enrolledOn: 'required',
    });
    const draft = { ...emptyEnrolDraft(today), programme: 'hypertension' as const };
    expect(enrolErrors(draft, woman)).toEqual({});
    expect(enrolErrors({ ...draft, enrolledOn: '2026-12-08' }, woman)).toEqual({ enrolledOn: 'afterToday' });
  });

  it('refuses a programme the resident is already in, or is not eligible for', () => {
    const draft = (programme: 'hypertension' | 'pregnancy' | 'child' | 'elderly') => ({
      ...emptyEnrolDraft(today),
      programme,
      pregnancyDate: '2026-10-01',
    });
    expect(
      enrolErrors(draft('hypertension'), { ...woman, activeProgrammes: ['hypertension'] }).programme,
    ).toBe('alreadyEnrolled');
    const man = { ...woman, patient: { sex: 'male', birthDate: '1990-05-01' } };
    expect(enrolErrors(draft('pregnancy'), man).programme).toBe('notEligibleSex');
    // Child care to the day before the 7th birthday; elderly care from the 65th.
    const child = (birthDate: string) => ({ ...woman, patient: { sex: 'male', birthDate } });
    expect(enrolErrors(draft('child'), child('2019-12-08')).programme).toBeUndefined();
    expect(enrolErrors(draft('child'), child('2019-12-07')).programme).toBe('notEligibleAge');
    expect(enrolErrors(draft('elderly'), child('1961-12-08')).programme).toBe('notEligibleAge');
    expect(enrolErrors(draft('elderly'), child('1961-12-07')).programme).toBeUndefined();
    expect(yearsOn('2019-12-07', today)).toBe(7);
  });

  it('needs the last period (up to 44 weeks back) or the due date for a pregnancy', () => {
    const draft = { ...emptyEnrolDraft(today), programme: 'pregnancy' as const };
    expect(enrolErrors(draft, woman)).toEqual({ pregnancyDate: 'required' });
    expect(enrolErrors({ ...draft, pregnancyDate: '2026-12-08' }, woman)).toEqual({
      pregnancyDate: 'outOfRange',
    });
    expect(enrolErrors({ ...draft, pregnancyDate: '2026-02-01' }, woman)).toEqual({
      pregnancyDate: 'outOfRange',
    });
    expect(enrolErrors({ ...draft, pregnancyDate: '2026-09-01' }, woman)).toEqual({});
    const due = { ...draft, pregnancyBasis: 'dueDate' as const, pregnancyDate: '2027-05-01' };
    expect(enrolErrors(due, woman)).toEqual({});
    const fields = toEnrolmentFields(due, doctor, '2026-12-07T02:00:00.000Z');
    expect(fields).toMatchObject({ programme: 'pregnancy', lmp: null, dueDate: '2027-05-01', consents: [] });
  });

  it('needs the transplant centre, the transplant date and the resident’s consent to share', () => {
    const draft = { ...emptyEnrolDraft(today), programme: 'transplant' as const };
    expect(enrolErrors(draft, woman)).toEqual({
      transplantOrgId: 'required',
      transplantDate: 'required',
      consent: 'consentRequired',
    });
    const full = {
      ...draft,
      transplantOrgId: 'org-hosp-demo',
      transplantDate: '2026-06-01',
      consent: true,
      consentNote: ' 本人签字 ',
    };
    expect(enrolErrors(full, woman)).toEqual({});
    expect(toEnrolmentFields(full, doctor, '2026-12-07T02:00:00.000Z')).toEqual({
      programme: 'transplant',
      enrolledOn: today,
      status: 'active',
      leftOn: null,
      leftReason: null,
      leftNote: '',
      lmp: null,
      dueDate: null,
      transplantOrgId: 'org-hosp-demo',
      transplantDate: '2026-06-01',
      consents: [
        {
          action: 'given',
          at: '2026-12-07T02:00:00.000Z',
          by: 'staff-doc01',
          byName: '张建国',
          note: '本人签字',
        },
      ],
      scheduleEdits: [],
    });
    // Fields of another programme typed before switching are not saved.
    expect(toEnrolmentFields({ ...full, programme: 'diabetes' }, doctor, 'x')).toMatchObject({
      transplantOrgId: null,
      transplantDate: null,
      consents: [],
    });
  });
});

describe('leaving and moving a due date', () => {
  const enrolment = { enrolledOn: '2026-03-01' };
  it('needs a date between enrolment and today, a reason, and a note for “other”', () => {
    expect(leaveErrors({ leftOn: today, leftReason: null, leftNote: '' }, enrolment, today)).toEqual({
      leftReason: 'required',
    });
    expect(
      leaveErrors({ leftOn: '2026-12-08', leftReason: 'moved', leftNote: '' }, enrolment, today),
    ).toEqual({
      leftOn: 'afterToday',
    });
    expect(leaveErrors({ leftOn: '2026-02-28', leftReason: 'died', leftNote: '' }, enrolment, today)).toEqual(
      {
        leftOn: 'beforeEnrolment',
      },
    );
    expect(leaveErrors({ leftOn: today, leftReason: 'other', leftNote: ' ' }, enrolment, today)).toEqual({
      leftNote: 'required',
    });
    expect(leaveErrors({ leftOn: '2026-03-01', leftReason: 'lost', leftNote: '' }, enrolment, today)).toEqual(
      {},
    );
  });

  it('needs a new date and a reason', () => {
    expect(dueDateErrors({ dueDate: '2026-12-20', reason: '' }, enrolment, '2026-12-20')).toEqual({
      dueDate: 'unchanged',
      reason: 'required',
    });
    expect(dueDateErrors({ dueDate: '2026-01-20', reason: '外出' }, enrolment, '2026-12-20')).toEqual({
      dueDate: 'beforeEnrolment',
    });
    expect(dueDateErrors({ dueDate: '2027-01-10', reason: '外出务工' }, enrolment, '2026-12-20')).toEqual({});
  });
});

describe('transplant plan form', () => {
  const enrolment = { id: 'enr-1', transplantDate: '2026-06-01' };
  const plan: TransplantPlanFields = toPlanFields(defaultPlanDraft, enrolment, 'org-chc-demo', null);

  it('starts at every 3 months in the first year, then every 6 to 5 years', () => {
    expect(planErrors(defaultPlanDraft, null)).toEqual({});
    expect(plannedMonths(plan.phases)).toEqual([3, 6, 9, 12, 18, 24, 30, 36, 42, 48, 54, 60]);
    expect(plan).toMatchObject({
      enrolmentId: 'enr-1',
      centreOrgId: 'org-chc-demo',
      revision: 1,
      revisionReason: '',
    });
  });

  it('refuses gaps, reversed phases, impossible intervals and no tests', () => {
    const draft = {
      ...defaultPlanDraft,
      phases: [
        { fromMonth: 1, toMonth: 12, intervalMonths: 0 },
        { fromMonth: 13, toMonth: 12, intervalMonths: 6 },
        { fromMonth: 12, toMonth: 130, intervalMonths: null },
      ],
      tests: [],
    };
    expect(planErrors(draft, null)).toEqual({
      'phases.0.fromMonth': 'phaseGap',
      'phases.0.intervalMonths': 'interval',
      'phases.1.fromMonth': 'phaseGap',
      'phases.1.toMonth': 'phaseOrder',
      'phases.2.toMonth': 'tooLong',
      'phases.2.intervalMonths': 'required',
      tests: 'testsRequired',
    });
    expect(planErrors({ ...defaultPlanDraft, phases: [] }, null)).toEqual({ phases: 'required' });
  });

  it('a revision needs a change and its reason, and counts up', () => {
    const same = draftOfPlan(plan);
    expect(planErrors(same, plan)).toEqual({ revisionReason: 'reasonRequired' });
    expect(planErrors({ ...same, revisionReason: '复查' }, plan)).toEqual({ revisionReason: 'unchanged' });
    const changed = {
      ...same,
      tests: [...same.tests, 'tacrolimus' as const],
      revisionReason: ' 加测他克莫司 ',
    };
    expect(planErrors(changed, plan)).toEqual({});
    expect(toPlanFields(changed, enrolment, 'org-chc-demo', plan)).toMatchObject({
      revision: 2,
      revisionReason: '加测他克莫司',
    });
  });
});
