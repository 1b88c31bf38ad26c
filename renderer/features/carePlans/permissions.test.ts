/**
 * What the screens offer whom: a centre's doctor enrols and changes the centre's enrolments;
 * only the transplant centre the enrolment names, with consent given and the enrolment active,
 * sets its plan; a refusal reads in the user's words.
 */
import { describe, expect, it } from 'vitest';
import type { EnrolmentDoc } from '../../../shared/carePlans/schema';
import type { Operator } from '../../app/operator';
import { canChangeEnrolment, canEnrol, canSetPlan, refusalText } from './permissions';

const doctor: Operator = { id: 'staff-doc01', name: '张建国', role: 'doctor', orgId: 'org-chc-demo' };
const nurse: Operator = { ...doctor, id: 'staff-nurse01', role: 'nurse' };
const specialist: Operator = {
  id: 'staff-spec01',
  name: '陈立新',
  role: 'specialist',
  orgId: 'org-hosp-demo',
};
const chc = { kind: 'chc' as const };
const hospital = { kind: 'hospital' as const };

const transplant = (change: Partial<EnrolmentDoc['enrolment']> = {}): EnrolmentDoc => ({
  id: 'enr-1',
  orgId: 'org-chc-demo',
  sharedWith: [],
  patientId: 'p1',
  kind: 'enrolment',
  enrolment: {
    programme: 'transplant',
    enrolledOn: '2026-07-01',
    status: 'active',
    leftOn: null,
    leftReason: null,
    leftNote: '',
    lmp: null,
    dueDate: null,
    transplantOrgId: 'org-hosp-demo',
    transplantDate: '2026-06-01',
    consent: { at: '2026-07-01T02:00:00.000Z', by: 'staff-doc01', byName: '张建国', note: '' },
    scheduleEdits: [],
    ...change,
  },
  createdBy: 'staff-doc01',
  createdByName: '张建国',
  createdAt: '2026-07-01T02:00:00.000Z',
  updatedAt: '2026-07-01T02:00:00.000Z',
});

describe('care plan permissions at the desk', () => {
  it('lets a centre’s doctor enrol and change the centre’s own enrolments', () => {
    expect(canEnrol(doctor, chc)).toBe(true);
    expect(canEnrol(nurse, chc)).toBe(false);
    expect(canEnrol(specialist, hospital)).toBe(false);
    expect(canEnrol(doctor, hospital)).toBe(false);
    expect(canChangeEnrolment(doctor, chc, transplant())).toBe(true);
    expect(canChangeEnrolment({ ...doctor, orgId: 'org-chc-other' }, chc, transplant())).toBe(false);
  });

  it('lets only the named transplant centre set the plan, with consent, while the enrolment is active', () => {
    expect(canSetPlan(specialist, hospital, transplant())).toBe(true);
    expect(canSetPlan({ ...specialist, orgId: 'org-hosp-other' }, hospital, transplant())).toBe(false);
    expect(canSetPlan(specialist, hospital, transplant({ consent: null }))).toBe(false);
    expect(canSetPlan(specialist, hospital, transplant({ status: 'left' }))).toBe(false);
    expect(canSetPlan(doctor, chc, transplant())).toBe(false);
  });

  it('words a refusal by its reason or by its fields’ codes, each once', () => {
    const t = ((key: string, options?: { defaultValue?: string }) =>
      ({ 'errors.required': '请填写此项', 'errors.closed': '已退出' })[key] ??
      options?.defaultValue ??
      key) as never;
    expect(refusalText({ reason: 'closed' }, t)).toBe('已退出');
    expect(
      refusalText(
        {
          reason: 'invalid',
          errors: [
            { field: 'a', code: 'required' },
            { field: 'b', code: 'required' },
          ],
        },
        t,
      ),
    ).toBe('请填写此项');
  });
});
