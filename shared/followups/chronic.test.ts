import { describe, expect, it } from 'vitest';
import {
  assessVisit,
  bpTargetForAge,
  bpTargetOn,
  classifyVisit,
  controlOf,
  nextDateOf,
  nextStepOf,
  type VisitAssessmentInput,
} from './chronic';

const visit = (changes: Partial<VisitAssessmentInput> = {}): VisitAssessmentInput => ({
  programme: 'hypertension',
  systolic: 130,
  diastolic: 80,
  fbg: null,
  birthDate: '1970-05-01',
  visitDate: '2026-12-07',
  adverseReaction: '',
  reactionUncontrolled: false,
  newComplication: false,
  urgentTriggers: [],
  previous: null,
  ...changes,
});

describe('blood-pressure targets by age', () => {
  it.each([
    [64, { systolic: 140, diastolic: 90 }],
    [65, { systolic: 150, diastolic: 90 }],
    [null, { systolic: 140, diastolic: 90 }],
  ])('age %s: below %j', (age, target) => {
    expect(bpTargetForAge(age)).toEqual(target);
  });
  it.each([
    ['the day before the 65th birthday', '1961-12-08', 140],
    ['on the 65th birthday', '1961-12-07', 150],
    ['an unknown birth date', null, 140],
  ])('%s', (_, birthDate, systolic) => {
    expect(bpTargetOn(birthDate, '2026-12-07').systolic).toBe(systolic);
  });
  it.each([
    // age 64: < 140/90
    ['64', '1962-06-01', 139, 89, true],
    ['64', '1962-06-01', 140, 80, false],
    ['64', '1962-06-01', 130, 90, false],
    ['64', '1962-06-01', 145, 85, false],
    // age 65: < 150/90
    ['65', '1961-06-01', 145, 85, true],
    ['65', '1961-06-01', 149, 89, true],
    ['65', '1961-06-01', 150, 85, false],
    ['65', '1961-06-01', 140, 90, false],
  ] as const)('age %s, %d/%d controlled: %s', (_, birthDate, systolic, diastolic, controlled) => {
    expect(controlOf(visit({ birthDate, systolic, diastolic }))).toBe(controlled);
  });
  it('cannot judge a hypertension visit without both readings', () => {
    expect(controlOf(visit({ systolic: 150, diastolic: null }))).toBeNull();
  });
});

describe('diabetes control by fasting glucose', () => {
  it.each([
    [6.9, true],
    [7.0, false],
    [null, null],
  ])('FBG %s: controlled %s', (fbg, controlled) => {
    expect(controlOf(visit({ programme: 'diabetes', fbg, systolic: 170, diastolic: 100 }))).toBe(controlled);
  });
  it.each([
    [6.9, 'satisfactory', 'routine'],
    [7.0, 'unsatisfactory', 'twoWeek'],
  ] as const)('FBG %d is %s, next step %s', (fbg, classification, nextStep) => {
    const result = assessVisit(visit({ programme: 'diabetes', fbg }));
    expect(result.classification).toBe(classification);
    expect(result.nextStep).toBe(nextStep);
  });
});

describe('visit classification: the most severe that applies', () => {
  it.each([
    ['at target', {}, 'satisfactory'],
    ['above target', { systolic: 150 }, 'unsatisfactory'],
    ['an adverse reaction, at target', { adverseReaction: '干咳' }, 'adverseReaction'],
    ['an adverse reaction, above target', { adverseReaction: '干咳', systolic: 160 }, 'adverseReaction'],
    [
      'a new complication with everything else',
      { newComplication: true, adverseReaction: 'x', systolic: 160 },
      'complication',
    ],
    ['no reading', { systolic: null, diastolic: null }, null],
    [
      'no reading but a reaction',
      { systolic: null, diastolic: null, adverseReaction: 'x' },
      'adverseReaction',
    ],
    [
      'a transplant visit',
      { programme: 'transplant' as const, systolic: null, diastolic: null },
      'satisfactory',
    ],
  ] as const)('%s', (_, changes, classification) => {
    expect(classifyVisit(visit(changes))).toBe(classification);
  });
});

describe('the next management step and date', () => {
  const unsatisfactory = { classification: 'unsatisfactory' as const, controlled: false };
  const satisfactory = { classification: 'satisfactory' as const, controlled: true };
  it.each([
    ['satisfactory', {}, 'routine', '2027-03-07'],
    ['the first unsatisfactory visit', { systolic: 150 }, 'twoWeek', '2026-12-21'],
    [
      'unsatisfactory after a satisfactory one',
      { systolic: 150, previous: satisfactory },
      'twoWeek',
      '2026-12-21',
    ],
    [
      'the second consecutive unsatisfactory visit',
      { systolic: 150, previous: unsatisfactory },
      'referral',
      '2026-12-21',
    ],
    ['satisfactory after an unsatisfactory one', { previous: unsatisfactory }, 'routine', '2027-03-07'],
    ['an adverse reaction', { adverseReaction: '踝部水肿' }, 'twoWeek', '2026-12-21'],
    [
      'an adverse reaction that cannot be controlled',
      { adverseReaction: 'x', reactionUncontrolled: true },
      'referral',
      '2026-12-21',
    ],
    ['a new complication', { newComplication: true }, 'referral', '2026-12-21'],
    [
      'a reaction hiding a second reading above target',
      { adverseReaction: 'x', systolic: 160, previous: unsatisfactory },
      'referral',
      '2026-12-21',
    ],
    [
      'a previous reaction visit that was above target',
      { systolic: 150, previous: { classification: 'adverseReaction' as const, controlled: false } },
      'referral',
      '2026-12-21',
    ],
    [
      'an urgent trigger',
      { systolic: 182, diastolic: 100, urgentTriggers: ['systolicHigh'] },
      'urgentReferral',
      '2026-12-21',
    ],
  ] as const)('%s', (_, changes, nextStep, nextDate) => {
    const result = assessVisit(visit(changes));
    expect(result.nextStep).toBe(nextStep);
    expect(result.nextDate).toBe(nextDate);
  });
  it('follows the doctor’s classification when it was changed', () => {
    const input = visit({ systolic: 150, previous: unsatisfactory });
    expect(nextStepOf(input, 'satisfactory')).toBe('routine');
    expect(nextStepOf(visit(), 'unsatisfactory')).toBe('twoWeek');
  });
  it('takes the schedule’s routine date when it sets one', () => {
    expect(nextDateOf('routine', '2026-12-07', '2027-12-31')).toBe('2027-12-31');
    expect(nextDateOf('twoWeek', '2026-12-07', '2027-12-31')).toBe('2026-12-21');
    expect(nextDateOf('routine', '2026-11-30')).toBe('2027-03-01'); // no 30 February: the 1st of March
  });
  it('says why, in the order the reasons weigh', () => {
    expect(assessVisit(visit({ systolic: 150, previous: unsatisfactory })).reasons).toEqual([
      'secondUnsatisfactory',
      'notAtTarget',
    ]);
    expect(assessVisit(visit({ systolic: null })).reasons).toEqual(['notMeasured']);
  });
});
