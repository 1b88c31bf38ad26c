import { describe, expect, it } from 'vitest';
import type { DueWindow } from '../../../shared/followups/windows';
import type { Worklists } from '../../../shared/followups/worklist';
import { isListKey, visitPath, worklistRows } from './rows';

const window = (key: string, dueDate: string): DueWindow => ({
  key,
  programme: 'hypertension',
  label: 'visit',
  n: 2,
  countsFrom: '2026-11-01',
  opensOn: '2026-11-25',
  dueDate,
  closesOn: '2027-01-31',
  edited: false,
  status: 'overdue',
  visitId: null,
  doneOn: null,
});
const assigned = { doctorId: 'staff-doc01', teamName: '张建国团队' };
const worklists: Worklists = {
  dueThisWeek: [
    {
      patientId: 'p1',
      enrolmentId: 'e1',
      programme: 'hypertension',
      window: window('v2', '2026-12-10'),
      ...assigned,
    },
  ],
  overdue: [
    {
      patientId: 'p2',
      enrolmentId: 'e2',
      programme: 'diabetes',
      window: window('v3', '2026-12-01'),
      ...assigned,
    },
  ],
  lost: [
    {
      patientId: 'p3',
      enrolmentId: 'e3',
      programme: 'elderly',
      missedInARow: 3,
      lastVisitOn: null,
      ...assigned,
    },
  ],
  referralFollowUps: [
    {
      patientId: 'p4',
      enrolmentId: 'e4',
      programme: 'hypertension',
      visitId: 'enc-9',
      visitDate: '2026-12-01',
      nextStep: 'referral',
      dueDate: '2026-12-15',
      overdue: false,
      ...assigned,
    },
  ],
  contractsExpiring: [
    {
      patientId: 'p5',
      contractId: 'c5',
      agreementNo: 'QY-1',
      endDate: '2026-12-16',
      daysLeft: 9,
      ...assigned,
    },
  ],
  counts: { dueThisWeek: 1, overdue: 1, lost: 1, referralFollowUps: 1, contractsExpiring: 1 },
};

describe('worklist rows', () => {
  it('open the visit form for the enrolment and its window in one click', () => {
    const [due] = worklistRows(worklists, 'dueThisWeek', '2026-12-07');
    expect(due).toMatchObject({
      patientId: 'p1',
      action: 'visit',
      actionPath: '/patients/p1/followups/new?enrolment=e1&window=v2',
    });
    expect(due!.due).toMatchObject({ kind: 'window', overdueDays: 0 });
  });

  it('count the days a window is overdue', () => {
    const [overdue] = worklistRows(worklists, 'overdue', '2026-12-07');
    expect(overdue!.due).toMatchObject({ kind: 'window', overdueDays: 6 });
  });

  it('open the visit form without a window for the lost and the referral follow-ups', () => {
    expect(worklistRows(worklists, 'lost', '2026-12-07')[0]).toMatchObject({
      actionPath: '/patients/p3/followups/new?enrolment=e3',
      due: { kind: 'lost', missedInARow: 3 },
    });
    expect(worklistRows(worklists, 'referralFollowUps', '2026-12-07')[0]).toMatchObject({
      actionPath: '/patients/p4/followups/new?enrolment=e4',
      due: { kind: 'referral', dueDate: '2026-12-15' },
    });
  });

  it('renew an expiring contract in one click', () => {
    expect(worklistRows(worklists, 'contractsExpiring', '2026-12-07')[0]).toMatchObject({
      programme: 'contract',
      action: 'renew',
      actionPath: '/patients/p5/contracts/new?renews=c5',
      due: { kind: 'contract', daysLeft: 9 },
    });
  });

  it('know their list names', () => {
    expect(isListKey('overdue')).toBe(true);
    expect(isListKey('everything')).toBe(false);
    expect(visitPath('p', 'e', 'w 1')).toBe('/patients/p/followups/new?enrolment=e&window=w+1');
  });
});
