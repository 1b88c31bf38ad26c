import { describe, expect, it } from 'vitest';
import type { EnrolmentFields } from '../carePlans/schema';
import { addDays } from './dates';
import {
  defaultTransplantPhases,
  routineDateAfter,
  scheduleOf,
  transplantVisitMonths,
  windowForVisit,
  type ScheduleInput,
  type ScheduleVisit,
} from './windows';

const enrolment = (changes: Partial<EnrolmentFields> = {}): ScheduleInput['enrolment'] => ({
  programme: 'hypertension',
  enrolledOn: '2026-01-05',
  status: 'active',
  leftOn: null,
  lmp: null,
  dueDate: null,
  scheduleEdits: [],
  ...changes,
});

const input = (
  changes: Partial<ScheduleInput> & { enrolment?: ScheduleInput['enrolment'] },
): ScheduleInput => ({
  enrolment: enrolment(),
  birthDate: '1960-01-01',
  plan: null,
  visits: [],
  today: '2026-01-05',
  ...changes,
});

const visitOn = (date: string, more: Partial<ScheduleVisit> = {}): ScheduleVisit => ({
  id: `v-${date}`,
  date,
  windowKey: null,
  ...more,
});

const windowsOf = (i: ScheduleInput) =>
  scheduleOf(i).windows.map((w) => [w.key, w.opensOn, w.dueDate, w.closesOn, w.status]);

describe('pregnancy windows (§3.5) from the last menstrual period', () => {
  const pregnancy = (today: string, visits: ScheduleVisit[] = [], changes: Partial<EnrolmentFields> = {}) =>
    input({
      enrolment: enrolment({
        programme: 'pregnancy',
        enrolledOn: '2026-01-20',
        lmp: '2026-01-01',
        ...changes,
      }),
      today,
      visits,
    });
  it('lays out the five antenatal and two post-partum windows', () => {
    expect(windowsOf(pregnancy('2026-01-20'))).toEqual([
      ['early', '2026-01-01', '2026-04-01', '2026-04-01', 'due'],
      ['mid16', '2026-04-23', '2026-05-27', '2026-05-27', 'upcoming'],
      ['mid21', '2026-05-28', '2026-06-24', '2026-06-24', 'upcoming'],
      ['late28', '2026-07-16', '2026-09-16', '2026-09-16', 'upcoming'],
      ['late37', '2026-09-17', '2026-10-14', '2026-10-14', 'upcoming'],
      ['postpartum', '2026-10-08', '2026-10-15', '2026-10-15', 'upcoming'],
      ['postnatal42', '2026-11-19', '2026-12-03', '2026-12-03', 'upcoming'],
    ]);
  });
  it('computes the same windows from the due date (LMP + 280 days)', () => {
    const fromDue = pregnancy('2026-01-20', [], { lmp: null, dueDate: '2026-10-08' });
    expect(windowsOf(fromDue)).toEqual(windowsOf(pregnancy('2026-01-20')));
  });
  it.each([
    ['the day before week 16', '2026-04-22', 'upcoming'],
    ['the first day of week 16', '2026-04-23', 'due'],
    ['the last day of week 20', '2026-05-27', 'due'],
    ['the day after week 20', '2026-05-28', 'overdue'],
  ])('the 16–20 week window on %s is %s', (_, today, status) => {
    const w = scheduleOf(pregnancy(today, [visitOn('2026-02-10')])).windows.find((x) => x.key === 'mid16');
    expect(w?.status).toBe(status);
  });
  it.each([
    ['on its first day', '2026-04-23', 'mid16'],
    ['on its last day', '2026-05-27', 'mid16'],
    ['the day before it opens', '2026-04-22', null],
    ['the day after it closes', '2026-05-28', 'mid21'],
  ])('a visit %s fills the window it falls in', (_, date, key) => {
    const { windows } = scheduleOf(pregnancy('2026-06-01', [visitOn(date)]));
    expect(windows.find((w) => w.visitId)?.key ?? null).toBe(key);
  });
  it('uses the delivery date for the post-partum visits once known', () => {
    const i = { ...pregnancy('2026-10-01'), deliveredOn: '2026-09-30' };
    const post = scheduleOf(i).windows.find((w) => w.key === 'postpartum');
    expect([post?.opensOn, post?.closesOn]).toEqual(['2026-09-30', '2026-10-07']);
  });
  it('has nothing to schedule without an LMP or a due date', () => {
    expect(scheduleOf(pregnancy('2026-02-01', [], { lmp: null })).state).toBe('noPlan');
  });
});

describe('children’s windows (§3.6) from the birth date', () => {
  const child = (today: string, visits: ScheduleVisit[] = [], birthDate = '2026-03-15') =>
    input({ enrolment: enrolment({ programme: 'child', enrolledOn: birthDate }), birthDate, today, visits });
  it('lays out the newborn, one-month, infant, toddler and preschool windows', () => {
    expect(scheduleOf(child('2026-03-15')).windows.map((w) => [w.key, w.opensOn, w.closesOn])).toEqual([
      ['newborn', '2026-03-15', '2026-03-22'],
      ['month1', '2026-04-12', '2026-04-14'],
      ['m3', '2026-06-15', '2026-07-14'],
      ['m6', '2026-09-15', '2026-10-14'],
      ['m8', '2026-11-15', '2026-12-14'],
      ['m12', '2027-03-15', '2027-04-14'],
      ['m18', '2027-09-15', '2027-10-14'],
      ['m24', '2028-03-15', '2028-04-14'],
      ['m30', '2028-09-15', '2028-10-14'],
      ['m36', '2029-03-15', '2029-04-14'],
      ['y4', '2030-03-15', '2031-03-14'],
      ['y5', '2031-03-15', '2032-03-14'],
      ['y6', '2032-03-15', '2033-03-14'],
    ]);
  });
  it.each([
    ['2026-04-11', 'upcoming'],
    ['2026-04-12', 'due'],
    ['2026-04-14', 'due'],
    ['2026-04-15', 'overdue'],
  ])('the 28–30 day visit on %s is %s', (today, status) => {
    const w = scheduleOf(child(today, [visitOn('2026-03-18')])).windows.find((x) => x.key === 'month1');
    expect(w?.status).toBe(status);
  });
  it.each([
    ['2026-06-14', null],
    ['2026-06-15', 'm3'],
    ['2026-07-14', 'm3'],
    ['2026-07-15', null],
  ])('a visit on %s fills %s', (date, key) => {
    const { windows } = scheduleOf(child('2026-08-01', [visitOn(date)]));
    expect(windows.find((w) => w.visitId)?.key ?? null).toBe(key);
  });
  it('counts months from a 31st as ages do (no 31 April: the 1st of May)', () => {
    const m3 = scheduleOf(child('2026-02-01', [], '2026-01-31')).windows.find((w) => w.key === 'm3');
    expect([m3?.opensOn, m3?.closesOn]).toEqual(['2026-05-01', '2026-05-30']);
  });
  it('leaves out windows that closed before the child was enrolled', () => {
    const i = input({
      enrolment: enrolment({ programme: 'child', enrolledOn: '2027-01-10' }),
      birthDate: '2026-03-15',
      today: '2027-01-10',
    });
    expect(scheduleOf(i).windows[0]?.key).toBe('m12');
  });
  it('has nothing to schedule without a birth date', () => {
    expect(scheduleOf({ ...child('2026-04-01'), birthDate: null }).state).toBe('noPlan');
  });
});

describe('lost to follow-up after three missed windows in a row', () => {
  const child = (today: string, visits: ScheduleVisit[] = []) =>
    input({
      enrolment: enrolment({ programme: 'child', enrolledOn: '2026-03-15' }),
      birthDate: '2026-03-15',
      today,
      visits,
    });
  it.each([
    // newborn done; month1, m3, m6 missed
    ['two missed', '2026-09-20', 'overdue', 2],
    ['the last day of the third window', '2026-10-14', 'overdue', 2],
    ['the day after the third window closed', '2026-10-15', 'lost', 3],
  ])('%s: %s', (_, today, state, missed) => {
    const schedule = scheduleOf(child(today, [visitOn('2026-03-16')]));
    expect(schedule.state).toBe(state);
    expect(schedule.missedInARow).toBe(missed);
  });
  it('marks the third missed window lost, the two before it overdue', () => {
    const { windows } = scheduleOf(child('2026-10-15', [visitOn('2026-03-16')]));
    expect(windows.slice(0, 4).map((w) => w.status)).toEqual(['done', 'overdue', 'overdue', 'lost']);
  });
  it('starts counting again after a visit', () => {
    const schedule = scheduleOf(child('2026-10-15', [visitOn('2026-03-16'), visitOn('2026-06-20')]));
    expect(schedule.state).toBe('overdue');
    expect(schedule.missedInARow).toBe(1);
  });
});

describe('hypertension and diabetes: rolling windows from the last visit', () => {
  it('asks for the first visit within 2 weeks of enrolment', () => {
    expect(windowsOf(input({ today: '2026-01-05' }))).toEqual([
      ['v1', '2026-01-19', '2026-01-19', '2026-02-18', 'upcoming'],
    ]);
    expect(scheduleOf(input({ today: '2026-01-19' })).state).toBe('due');
    expect(scheduleOf(input({ today: '2026-01-20' })).state).toBe('overdue');
  });
  it('takes the next window’s due date from the visit: 2 weeks after an unsatisfactory one', () => {
    const visits = [visitOn('2026-01-05', { nextStep: 'twoWeek', nextDate: '2026-01-19' })];
    const schedule = scheduleOf(input({ visits, today: '2026-01-10' }));
    expect(windowsOf(input({ visits, today: '2026-01-10' }))).toEqual([
      ['v1', '2026-01-19', '2026-01-19', '2026-02-18', 'done'],
      ['v2', '2026-01-19', '2026-01-19', '2026-02-18', 'upcoming'],
    ]);
    expect(schedule.next?.key).toBe('v2');
  });
  // The first window is due on 2026-01-19 and takes a visit up to 2026-02-18.
  it.each([
    ['early', '2026-01-10', 'v1', '2026-04-10'],
    ['on the due date', '2026-01-19', 'v1', '2026-04-19'],
    ['the day after the due date', '2026-01-20', 'v1', '2026-04-19'],
    ['on the last day of grace', '2026-02-18', 'v1', '2026-04-19'],
    ['the day after grace (the next window, early)', '2026-02-19', 'v2', '2026-05-19'],
  ])(
    'puts the next routine visit 3 months on, from the due date when late: a visit %s (%s)',
    (_, date, filled, due) => {
      const schedule = scheduleOf(input({ visits: [visitOn(date)], today: date }));
      expect(schedule.windows.find((w) => w.doneOn === date)?.key).toBe(filled);
      expect(schedule.next?.dueDate).toBe(due);
    },
  );
  it.each([
    ['on the due date', '2026-04-07', 'due'],
    ['the day after', '2026-04-08', 'overdue'],
    ['on the last day of grace', '2026-05-07', 'overdue'],
  ])('a window is %s %s', (_, today, state) => {
    const visits = [visitOn('2026-01-07', { nextStep: 'routine', nextDate: '2026-04-07' })];
    expect(scheduleOf(input({ visits, today })).state).toBe(state);
  });
  it('takes a late visit up to 30 days after the due date', () => {
    const visits = [visitOn('2026-01-07', { nextDate: '2026-04-07' }), visitOn('2026-05-07')];
    const { windows } = scheduleOf(input({ visits, today: '2026-05-08' }));
    expect(windows.map((w) => [w.key, w.status, w.doneOn])).toEqual([
      ['v1', 'done', '2026-01-07'],
      ['v2', 'done', '2026-05-07'],
      ['v3', 'upcoming', null],
    ]);
  });
  it('follows a missed window with one 3 months after its due date, and loses the patient after three', () => {
    const visits = [visitOn('2026-01-07', { nextDate: '2026-04-07' })];
    const at = (today: string) => scheduleOf(input({ visits, today }));
    expect(at('2026-05-08').windows.map((w) => [w.key, w.dueDate, w.status])).toEqual([
      ['v1', '2026-01-19', 'done'],
      ['v2', '2026-04-07', 'overdue'],
      ['v3', '2026-07-07', 'upcoming'],
    ]);
    expect(at('2026-05-08').state).toBe('overdue');
    expect(at('2026-11-06').state).toBe('overdue');
    expect(at('2026-11-07').state).toBe('lost');
    expect(at('2026-11-07').windows.at(-1)?.status).toBe('lost');
  });
  it('stops scheduling when the patient left', () => {
    const e = enrolment({ status: 'left', leftOn: '2026-03-01', leftReason: 'moved' });
    const schedule = scheduleOf(
      input({ enrolment: e, visits: [visitOn('2026-01-07')], today: '2026-12-01' }),
    );
    expect(schedule.state).toBe('left');
    expect(schedule.windows.map((w) => w.key)).toEqual(['v1']);
  });
});

describe('a doctor moves a due date with a reason', () => {
  const edit = (windowKey: string, dueDate: string, at = '2026-02-01T08:00:00Z') => ({
    windowKey,
    dueDate,
    reason: '患者外出',
    at,
    by: 'staff-doc01',
    byName: '李医生',
  });
  it('moves a rolling window; the latest edit wins', () => {
    const e = enrolment({
      scheduleEdits: [edit('v2', '2026-05-20', '2026-02-02T08:00:00Z'), edit('v2', '2026-05-01')],
    });
    const visits = [visitOn('2026-01-07', { nextDate: '2026-04-07' })];
    const schedule = scheduleOf(input({ enrolment: e, visits, today: '2026-04-10' }));
    expect(schedule.next).toMatchObject({
      key: 'v2',
      dueDate: '2026-05-20',
      edited: true,
      status: 'upcoming',
    });
    expect(schedule.state).toBe('upcoming');
  });
  it('moves a fixed window, stretching it to keep the new date inside', () => {
    const i = input({
      enrolment: enrolment({
        programme: 'child',
        enrolledOn: '2026-03-15',
        scheduleEdits: [edit('m3', '2026-07-31')],
      }),
      birthDate: '2026-03-15',
      today: '2026-07-20',
      visits: [visitOn('2026-03-16'), visitOn('2026-04-13')],
    });
    const m3 = scheduleOf(i).windows.find((w) => w.key === 'm3');
    expect(m3).toMatchObject({
      opensOn: '2026-06-15',
      dueDate: '2026-07-31',
      closesOn: '2026-07-31',
      status: 'due',
    });
  });
});

describe('elderly: one visit a calendar year', () => {
  it('has one window a year from the enrolment; a year without a visit is overdue', () => {
    const e = enrolment({ programme: 'elderly', enrolledOn: '2025-06-01' });
    const schedule = scheduleOf(
      input({ enrolment: e, visits: [visitOn('2025-07-01')], today: '2026-12-07' }),
    );
    expect(schedule.windows.map((w) => [w.key, w.countsFrom, w.dueDate, w.status])).toEqual([
      ['y2025', '2025-01-01', '2025-12-31', 'done'],
      ['y2026', '2026-01-01', '2026-12-31', 'due'],
    ]);
    expect(scheduleOf(input({ enrolment: e, visits: [], today: '2026-01-01' })).windows[0]?.status).toBe(
      'overdue',
    );
  });
});

describe('post-transplant windows from the centre’s plan (§3.7)', () => {
  const plan = { transplantDate: '2026-01-10', phases: [...defaultTransplantPhases] };
  const transplant = (today: string, visits: ScheduleVisit[] = []) =>
    input({
      enrolment: enrolment({ programme: 'transplant', enrolledOn: '2026-02-01' }),
      plan,
      today,
      visits,
    });
  it('is due every 3 months in the first year, then every 6 to 5 years', () => {
    expect(transplantVisitMonths(defaultTransplantPhases)).toEqual([
      3, 6, 9, 12, 18, 24, 30, 36, 42, 48, 54, 60,
    ]);
    expect(transplantVisitMonths([{ fromMonth: 0, toMonth: 6, intervalMonths: 1 }])).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
  });
  it('takes a visit 14 days either side of the date', () => {
    const first = scheduleOf(transplant('2026-03-27')).windows[0];
    expect(first).toMatchObject({
      key: 'm3',
      opensOn: '2026-03-27',
      dueDate: '2026-04-10',
      closesOn: '2026-04-24',
      status: 'due',
    });
    expect(scheduleOf(transplant('2026-04-11')).state).toBe('overdue');
    expect(scheduleOf(transplant('2026-05-01', [visitOn('2026-04-24')])).windows[0]?.status).toBe('done');
  });
  it('waits for the transplant centre’s plan', () => {
    expect(scheduleOf({ ...transplant('2026-03-01'), plan: null }).state).toBe('noPlan');
  });
  it('tells which window a visit today would fill', () => {
    expect(windowForVisit(scheduleOf(transplant('2026-07-01')), '2026-07-01')?.key).toBe('m6');
    expect(windowForVisit(scheduleOf(transplant('2026-05-10')), '2026-05-10')).toBeNull();
  });
});

describe('a schedule without the windows visits filled (worklists)', () => {
  const visits = [
    visitOn('2026-04-20'),
    visitOn('2026-01-07', { nextStep: 'twoWeek', nextDate: '2026-01-21' }),
    visitOn('2026-01-21', { nextDate: '2026-04-21' }),
  ];
  it.each(['2026-04-25', '2026-07-20', '2026-08-20', '2027-03-01'])(
    'gives the same state and the same windows from the last visit on, on %s',
    (today) => {
      const full = scheduleOf(input({ visits, today }));
      const lean = scheduleOf(input({ visits, today, history: false }));
      expect(lean.state).toBe(full.state);
      expect(lean.next).toEqual(full.next);
      expect(lean.missedInARow).toBe(full.missedInARow);
      expect(lean.windows).toEqual(full.windows.filter((w) => w.status !== 'done'));
    },
  );
  it('reads visits in any order', () => {
    expect(scheduleOf(input({ visits, today: '2026-04-25' })).windows.map((w) => w.doneOn)).toEqual([
      '2026-01-07',
      '2026-01-21',
      '2026-04-20',
      null,
    ]);
  });
});

describe('the next routine date lands in the next due window', () => {
  const plan = { transplantDate: '2026-01-10', phases: [...defaultTransplantPhases] };
  const of = (programme: EnrolmentFields['programme'], changes: Partial<ScheduleInput> = {}) =>
    input({
      enrolment: enrolment({ programme, enrolledOn: '2026-01-05', lmp: '2026-01-01' }),
      plan: programme === 'transplant' ? plan : null,
      ...changes,
    });
  it.each([
    // hypertension: the first window is due 2026-01-19 and closes 2026-02-18
    ['hypertension', 'early', '2026-01-10', '2026-04-10'],
    ['hypertension', 'on the due date', '2026-01-19', '2026-04-19'],
    ['diabetes', 'the day after the due date', '2026-01-20', '2026-04-19'],
    ['diabetes', 'on the last day of grace', '2026-02-18', '2026-04-19'],
    ['hypertension', 'the day after grace', '2026-02-19', '2026-05-19'],
    // transplant on 2026-01-10: every 3 months to 12, then every 6
    ['transplant', '14 days before month 3', '2026-03-27', '2026-07-10'],
    ['transplant', '14 days after month 3', '2026-04-24', '2026-07-10'],
    ['transplant', 'between windows', '2026-05-20', '2026-07-10'],
    ['transplant', 'at month 12', '2027-01-10', '2027-07-10'],
    ['transplant', 'at month 18', '2027-07-10', '2028-01-10'],
    // elderly: the next calendar year
    ['elderly', 'in March', '2026-03-01', '2027-03-01'],
    ['elderly', 'on the last day of the year', '2026-12-31', '2027-12-31'],
    // pregnancy from the LMP 2026-01-01: early (to week 12), then weeks 16–20
    ['pregnancy', 'in the early window', '2026-02-10', '2026-05-27'],
  ] as const)('%s, a visit %s (%s): %s', (programme, _, date, expected) => {
    expect(routineDateAfter(of(programme), date)).toBe(expected);
  });
  it.each([
    ['a transplant without the centre’s plan', of('transplant', { plan: null }), '2026-04-10'],
    ['a transplant after its last window', of('transplant'), '2031-01-10'],
    [
      'a pregnancy without an LMP or due date',
      input({ enrolment: enrolment({ programme: 'pregnancy' }) }),
      '2026-02-10',
    ],
    [
      'a visit dated before the last one',
      of('hypertension', { visits: [visitOn('2026-03-01')] }),
      '2026-02-20',
    ],
  ])('has none for %s', (_, i, date) => {
    expect(routineDateAfter(i, date)).toBeNull();
  });
  it('is the due date the programme card and the worklists then show', () => {
    const visits = [visitOn('2026-01-19', { nextDate: '2026-04-19' })];
    for (const date of ['2026-04-10', '2026-04-19', '2026-05-01', '2026-05-19']) {
      const nextDate = routineDateAfter(of('hypertension', { visits }), date)!;
      const after = [...visits, visitOn(date, { nextStep: 'routine', nextDate })];
      for (const history of [true, false]) {
        const schedule = scheduleOf(of('hypertension', { visits: after, today: date, history }));
        expect(schedule.next?.dueDate).toBe(nextDate);
        expect(schedule.state).toBe('upcoming');
      }
      // A visit recorded without its next date is scheduled the same way.
      const bare = [...visits, visitOn(date)];
      expect(scheduleOf(of('hypertension', { visits: bare, today: date })).next?.dueDate).toBe(nextDate);
    }
  });
  it('keeps 4 visits a year for a patient who always comes on the last day of grace', () => {
    const visits: ScheduleVisit[] = [];
    let due = scheduleOf(of('hypertension')).next!.dueDate;
    while (due < '2028-01-01') {
      const date = addDays(due, 30);
      const nextDate = routineDateAfter(of('hypertension', { visits: [...visits] }), date)!;
      visits.push(visitOn(date, { nextStep: 'routine', nextDate }));
      due = nextDate;
    }
    const inYear = (year: string) => visits.filter((v) => v.date.startsWith(year)).length;
    expect([inYear('2026'), inYear('2027')]).toEqual([4, 4]);
    expect(scheduleOf(of('hypertension', { visits, today: '2027-12-31' })).state).not.toBe('lost');
  });
});
