import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en/today.json';
import zh from '../i18n/locales/zh-CN/today.json';
import { queueActions, type QueueErrorCode } from './queue';
import type { AppointmentErrorCode } from './rules';
import { appointmentKinds, appointmentStatuses } from './schema';

const all = <K extends string>(members: Record<K, true>) => Object.keys(members);

const errorCodes = [
  ...all<QueueErrorCode>({
    closed: true,
    alreadyArrived: true,
    notArrived: true,
    alreadyCalled: true,
    notInConsultation: true,
    inConsultation: true,
    unknownAction: true,
  }),
  ...all<AppointmentErrorCode>({
    required: true,
    dateInvalid: true,
    timeInvalid: true,
    timeMissing: true,
    timeForWalkIn: true,
  }),
];

describe('today translations', () => {
  it.each([
    ['statuses', [...appointmentStatuses], zh.statuses, en.statuses],
    ['kinds', [...appointmentKinds], zh.kinds, en.kinds],
    ['errors', errorCodes, zh.errors, en.errors],
  ])('word every code of %s in both languages', (_group, codes, zhNode, enNode) => {
    expect(Object.keys(zhNode).sort()).toEqual([...codes].sort());
    expect(Object.keys(enNode).sort()).toEqual([...codes].sort());
  });

  it('words every queue action', () => {
    for (const action of queueActions) {
      expect(zh.actions[action]).toBeTruthy();
      expect(en.actions[action]).toBeTruthy();
    }
  });

  it('words a count per status shown at the desk', () => {
    for (const status of appointmentStatuses.filter((s) => s !== 'arrived'))
      expect(Object.keys(zh.counts)).toContain(status);
  });
});
