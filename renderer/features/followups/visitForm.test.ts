import { describe, expect, it } from 'vitest';
import { emptyFollowUpForm, type FollowUpForm } from '../../../shared/encounters/followUp';
import type { EncounterDoc, Vitals } from '../../../shared/encounters/schema';
import { emptyVitals } from '../../../shared/encounters/vitals';
import { sampleEnrolment, sampleTransplantPlan } from '../../../shared/followups/testing';
import { followUpBlockers, previousVisitOf, recompute, routineDateOf, type VisitContext } from './visitForm';

const visitDate = '2026-12-07';
const form = (patch: Partial<FollowUpForm> = {}): FollowUpForm => ({
  ...emptyFollowUpForm({
    programme: 'hypertension',
    enrolmentId: 'enr-1',
    windowKey: null,
    nextDate: visitDate,
  }),
  ...patch,
});
const bp = (systolic: number, diastolic: number, patch: Partial<Vitals> = {}): Vitals => ({
  ...emptyVitals,
  systolic,
  diastolic,
  ...patch,
});
const ctx = (patch: Partial<VisitContext> = {}): VisitContext => ({
  visitDate,
  birthDate: '1970-05-01',
  previous: null,
  ...patch,
});

describe('recompute', () => {
  it.each([
    // systolic, diastolic, previous, classification, next step, next date
    [138, 88, null, 'satisfactory', 'routine', '2027-03-07'],
    [140, 88, null, 'unsatisfactory', 'twoWeek', '2026-12-21'],
    [150, 92, 'unsatisfactory', 'unsatisfactory', 'referral', '2026-12-21'],
    [150, 85, 'satisfactory', 'unsatisfactory', 'twoWeek', '2026-12-21'],
    [179, 109, null, 'unsatisfactory', 'twoWeek', '2026-12-21'],
    [180, 100, null, 'unsatisfactory', 'urgentReferral', '2026-12-21'],
    [182, 100, null, 'unsatisfactory', 'urgentReferral', '2026-12-21'],
    [160, 110, null, 'unsatisfactory', 'urgentReferral', '2026-12-21'],
  ] as const)('%i/%i after %s: %s, %s on %s', (s, d, prev, classification, step, date) => {
    const previous = prev ? { classification: prev, controlled: prev === 'satisfactory' } : null;
    const next = recompute(form(), bp(s, d), ctx({ previous }));
    expect(next.computedClassification).toBe(classification);
    expect(next.classification).toBe(classification);
    expect(next.computedNextStep).toBe(step);
    expect(next.nextStep).toBe(step);
    expect(next.nextDate).toBe(date);
    expect(next.nextReason).toBe('');
  });

  it('uses the ≥ 65 target (< 150/90) for a patient aged 65 at the visit, not at 64', () => {
    expect(recompute(form(), bp(145, 85), ctx({ birthDate: '1961-12-07' })).classification).toBe(
      'satisfactory',
    );
    expect(recompute(form(), bp(145, 85), ctx({ birthDate: '1961-12-08' })).classification).toBe(
      'unsatisfactory',
    );
  });

  it('fires the measured triggers and the ticked danger signs', () => {
    expect(recompute(form(), bp(182, 100), ctx()).urgentTriggers).toEqual(['systolicHigh']);
    expect(recompute(form(), bp(130, 80), ctx(), ['chestTightness']).urgentTriggers).toEqual([
      'chestTightness',
    ]);
    const diabetes = form({ programme: 'diabetes', fbg: 16.7 });
    expect(recompute(diabetes, bp(130, 80, { heartRate: 101 }), ctx()).urgentTriggers).toEqual([
      'glucoseHigh',
      'tachycardia',
    ]);
    expect(recompute(form({ programme: 'diabetes', fbg: 6.9 }), bp(130, 80), ctx()).classification).toBe(
      'satisfactory',
    );
    expect(recompute(form({ programme: 'diabetes', fbg: 7.0 }), bp(130, 80), ctx()).classification).toBe(
      'unsatisfactory',
    );
  });

  it('keeps what the doctor changed, with its reason, while the computed values move', () => {
    const chosen = {
      ...recompute(form(), bp(150, 95), ctx()),
      nextDate: '2026-12-28',
      nextReason: '患者出差',
    };
    const next = recompute(chosen, bp(152, 96), ctx());
    expect(next.nextDate).toBe('2026-12-28');
    expect(next.nextReason).toBe('患者出差');
    expect(next.computedNextDate).toBe('2026-12-21');
    // Back at target: the classification (kept) follows, the chosen date stays.
    const later = recompute(next, bp(130, 80), ctx());
    expect(later.classification).toBe('satisfactory');
    expect(later.computedNextStep).toBe('routine');
    expect(later.nextStep).toBe('twoWeek');
  });
});

describe('followUpBlockers', () => {
  it('asks for a reason when a computed value was changed', () => {
    const f = { ...recompute(form(), bp(150, 95), ctx()), classification: 'satisfactory' as const };
    expect(followUpBlockers(f, visitDate)).toContainEqual({
      field: 'classificationReason',
      code: 'reasonRequired',
    });
    expect(followUpBlockers({ ...f, classificationReason: '家庭自测血压达标' }, visitDate)).toEqual([]);
  });

  it('refuses to sign an urgent visit that does not refer now, and a referral without its reason', () => {
    const urgent = recompute(form(), bp(182, 100), ctx());
    expect(followUpBlockers(urgent, visitDate)).toEqual([{ field: 'referral', code: 'referralRequired' }]);
    const notReferred = { ...urgent, nextStep: 'twoWeek' as const, nextReason: '患者拒绝' };
    expect(followUpBlockers(notReferred, visitDate)).toContainEqual({
      field: 'referral',
      code: 'urgentNotReferred',
    });
    const referred = {
      ...urgent,
      referral: { reason: '收缩压≥180', institution: '', department: '', contact: '', result: null },
    };
    expect(followUpBlockers(referred, visitDate)).toEqual([]);
  });

  it('refuses none with a symptom, and a next date before the visit', () => {
    const f = { ...recompute(form(), bp(130, 80), ctx()), symptoms: ['none', 'numbLimbs'] };
    expect(followUpBlockers(f, visitDate)).toEqual([{ field: 'symptoms', code: 'noneWithOthers' }]);
    const early = { ...recompute(form(), bp(130, 80), ctx()), nextDate: '2026-12-01', nextReason: '提前' };
    expect(followUpBlockers(early, visitDate)).toEqual([{ field: 'nextDate', code: 'nextDateBeforeVisit' }]);
  });
});

describe('previousVisitOf', () => {
  const visit = (
    id: string,
    at: string,
    classification: FollowUpForm['classification'],
    patch: Partial<EncounterDoc> = {},
  ) =>
    ({
      id,
      recordId: id,
      revisionNo: 1,
      status: 'signed',
      kind: 'followUp',
      createdAt: at,
      visitAt: at,
      updatedAt: at,
      signature: { by: 'd', byName: 'd', at, hash: 'h' },
      vitals: bp(classification === 'unsatisfactory' ? 150 : 120, 80),
      followUp: form({ classification }),
      ...patch,
    }) as unknown as EncounterDoc;

  it('is the latest signed visit of the enrolment before this one', () => {
    const current = {
      recordId: 'c',
      visitAt: '2026-12-07T02:00:00.000Z',
      createdAt: '2026-12-07T02:00:00.000Z',
    };
    const list = [
      visit('a', '2026-09-01T02:00:00.000Z', 'satisfactory'),
      visit('b', '2026-11-20T02:00:00.000Z', 'unsatisfactory'),
      visit('x', '2026-11-25T02:00:00.000Z', 'satisfactory', { status: 'draft', signature: null }),
      visit('y', '2026-11-26T02:00:00.000Z', 'satisfactory', { followUp: form({ enrolmentId: 'other' }) }),
    ];
    expect(previousVisitOf(list, current, 'enr-1', '1960-05-01')).toEqual({
      classification: 'unsatisfactory',
      controlled: false,
    });
    expect(previousVisitOf([], current, 'enr-1', null)).toBeNull();
  });
});

describe('routineDateOf: the next routine date from the enrolment’s schedule', () => {
  const signed = (id: string, date: string, patch: Partial<FollowUpForm> = {}) =>
    ({
      id,
      recordId: id,
      revisionNo: 1,
      status: 'signed',
      kind: 'followUp',
      patientId: 'p1',
      createdAt: `${date}T02:00:00.000Z`,
      visitAt: `${date}T02:00:00.000Z`,
      updatedAt: `${date}T02:00:00.000Z`,
      signature: { by: 'd', byName: 'd', at: date, hash: 'h' },
      vitals: bp(130, 80),
      followUp: form({ enrolmentId: 'enr-1', ...patch }),
    }) as unknown as EncounterDoc;
  // Enrolled 2026-01-05; the visit of 2026-09-01 set the next window's due date to 2026-12-01.
  const enrolment = sampleEnrolment('enr-1', 'p1', { enrolledOn: '2026-01-05' });
  const encounters = [
    signed('a', '2026-06-01', { nextStep: 'routine', nextDate: '2026-09-01' }),
    signed('b', '2026-09-01', { nextStep: 'routine', nextDate: '2026-12-01' }),
  ];
  const current = { recordId: 'c' };

  it.each([
    ['before the due date: 3 months after the visit', '2026-11-20', '2027-02-20'],
    ['on the due date', '2026-12-01', '2027-03-01'],
    ['late: 3 months after the due date, not after the visit', '2026-12-07', '2027-03-01'],
  ])('a visit %s (%s) → %s', (_, date, expected) => {
    expect(routineDateOf(enrolment, null, encounters, current, '1960-05-01', date)).toBe(expected);
  });

  it('shows it as the computed next date of a satisfactory visit', () => {
    const routineDate = routineDateOf(enrolment, null, encounters, current, '1960-05-01', visitDate);
    const next = recompute(form(), bp(128, 80), ctx({ routineDate }));
    expect([next.computedNextStep, next.computedNextDate, next.nextDate]).toEqual([
      'routine',
      '2027-03-01',
      '2027-03-01',
    ]);
    // An unsatisfactory one still comes back in 2 weeks.
    expect(recompute(form(), bp(150, 80), ctx({ routineDate })).computedNextDate).toBe('2026-12-21');
  });

  it('leaves out the visit being amended and another enrolment’s visits', () => {
    const other = signed('x', '2026-11-30', { enrolmentId: 'enr-2', nextDate: '2027-02-28' });
    expect(
      routineDateOf(enrolment, null, [...encounters, other], { recordId: 'b' }, null, '2026-09-01'),
    ).toBe('2026-12-01');
    expect(routineDateOf(enrolment, null, [...encounters, other], current, null, '2026-12-07')).toBe(
      '2027-03-01',
    );
  });

  it('follows the transplant centre’s plan: every 6 months after the first year', () => {
    const transplant = sampleEnrolment('enr-1', 'p1', { programme: 'transplant', enrolledOn: '2026-01-05' });
    const plan = sampleTransplantPlan('plan-1', transplant, '2026-01-10');
    expect(routineDateOf(transplant, plan, [], current, null, '2027-01-12')).toBe('2027-07-10');
  });

  it('is none until the enrolment is on the desk', () => {
    expect(routineDateOf(undefined, null, encounters, current, null, visitDate)).toBeUndefined();
  });
});
