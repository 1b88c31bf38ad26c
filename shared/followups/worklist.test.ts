import { describe, expect, it } from 'vitest';
import { emptyFollowUpForm } from '../encounters/followUp';
import type { EncounterDoc } from '../encounters/schema';
import { emptyVitals } from '../encounters/vitals';
import { addDays, addMonths } from './dates';
import { sampleContract, sampleEnrolment, sampleTransplantPlan, sampleVisit } from './testing';
import {
  computeWorklists,
  enrolmentStatuses,
  followUpVisitsOf,
  type FollowUpVisit,
  type WindowItem,
  type WorklistInput,
} from './worklist';

const patients = [
  { id: 'p1', birthDate: '1960-02-01' },
  { id: 'p2', birthDate: '1958-07-01' },
  { id: 'p3', birthDate: '2026-03-15' },
];

// p1: hypertension, contracted with staff-doc01, seen 2026-01-07 with a 2-week revisit.
const htn = sampleEnrolment('e1', 'p1');
const contract1 = sampleContract('c1', 'p1', { endDate: '2026-02-05' });
// p2: diabetes, contracted with staff-doc02, not seen since enrolment.
const dm = sampleEnrolment('e2', 'p2', { programme: 'diabetes', enrolledOn: '2025-06-01' });
const contract2 = sampleContract('c2', 'p2', {
  team: { ...contract1.contract.team, doctorId: 'staff-doc02', name: '王医生团队' },
});
// p3: child, no contract.
const child = sampleEnrolment('e3', 'p3', { programme: 'child', enrolledOn: '2026-03-15' });

const visits = [
  sampleVisit('v1', htn, '2026-01-07', {
    classification: 'unsatisfactory',
    nextStep: 'twoWeek',
    nextDate: '2026-01-21',
  }),
];

const at = (today: string, more: Partial<WorklistInput> = {}) =>
  computeWorklists({ today, carePlans: [htn, dm, child, contract1, contract2], visits, patients, ...more });

describe('worklists of a centre', () => {
  it('lists a revisit due this week, and moves it to overdue when the clock passes the due date', () => {
    const before = at('2026-01-15');
    expect(before.dueThisWeek.map((i) => [i.patientId, i.window.dueDate])).toEqual([['p1', '2026-01-21']]);
    expect(before.overdue.map((i) => i.patientId)).not.toContain('p1');
    const onTheDay = at('2026-01-21');
    expect(onTheDay.dueThisWeek.map((i) => i.patientId)).toContain('p1');
    const after = at('2026-01-22');
    expect(after.dueThisWeek.map((i) => i.patientId)).not.toContain('p1');
    expect(after.overdue.map((i) => [i.patientId, i.window.dueDate])).toContainEqual(['p1', '2026-01-21']);
  });
  it.each([
    ['7 days before', '2026-01-14', false],
    ['6 days before (the week’s last day)', '2026-01-15', true],
    ['on the day', '2026-01-21', true],
  ])('a window due %s is due this week: %s', (_, today, listed) => {
    expect(at(today).dueThisWeek.some((i) => i.patientId === 'p1')).toBe(listed);
  });
  it('lists a patient lost after three missed windows, and no longer as overdue', () => {
    const lists = at('2026-01-22');
    expect(lists.lost.map((i) => [i.patientId, i.missedInARow, i.lastVisitOn])).toEqual([['p2', 3, null]]);
    expect(lists.overdue.map((i) => i.patientId)).not.toContain('p2');
  });
  it('lists a child’s window for the week it is open', () => {
    expect(at('2026-03-15').dueThisWeek.map((i) => [i.patientId, i.window.key])).toContainEqual([
      'p3',
      'newborn',
    ]);
    expect(at('2026-04-06').dueThisWeek.map((i) => [i.patientId, i.window.key])).toContainEqual([
      'p3',
      'month1',
    ]);
    expect(at('2026-04-05').dueThisWeek.map((i) => [i.patientId, i.window.key])).not.toContainEqual([
      'p3',
      'month1',
    ]);
  });
  it('narrows every list to one family doctor’s panel', () => {
    const mine = at('2026-01-22', { doctorId: 'staff-doc01' });
    expect(mine.overdue.map((i) => i.patientId)).toEqual(['p1']);
    expect(mine.lost).toEqual([]);
    expect(mine.contractsExpiring.map((i) => i.contractId)).toEqual(['c1']);
    expect(at('2026-01-22', { doctorId: 'staff-doc02' }).lost.map((i) => i.patientId)).toEqual(['p2']);
    expect(at('2026-01-22').overdue[0]).toMatchObject({ doctorId: 'staff-doc01', teamName: '李医生团队' });
  });
  it('lists contracts ending within 30 days with the days left, soonest first', () => {
    expect(at('2026-01-06').contractsExpiring.map((i) => [i.contractId, i.daysLeft])).toEqual([['c1', 30]]);
    expect(at('2026-01-05').contractsExpiring).toEqual([]);
  });
  it('leaves out enrolments the patient left', () => {
    const left = sampleEnrolment('e2', 'p2', {
      programme: 'diabetes',
      enrolledOn: '2025-06-01',
      status: 'left',
      leftOn: '2025-07-01',
      leftReason: 'moved',
    });
    expect(at('2026-01-22', { carePlans: [htn, left, contract1] }).lost).toEqual([]);
  });
  it('counts each list', () => {
    expect(at('2026-01-22').counts).toEqual({
      dueThisWeek: 0,
      overdue: 1,
      lost: 1,
      referralFollowUps: 0,
      contractsExpiring: 1,
    });
  });
});

describe('referral follow-ups (2 weeks after a referral)', () => {
  const referral = {
    reason: '两次控制不满意',
    institution: '市第一医院',
    department: '心内科',
    contact: '',
    result: null,
  };
  const referred = sampleVisit('v2', htn, '2026-01-21', {
    classification: 'unsatisfactory',
    nextStep: 'referral',
    nextDate: '2026-02-04',
    referral,
  });
  it('is due 14 days after the visit, overdue after that', () => {
    const due = at('2026-02-01', { visits: [...visits, referred] }).referralFollowUps;
    expect(due).toEqual([
      expect.objectContaining({ visitId: 'v2', dueDate: '2026-02-04', overdue: false, nextStep: 'referral' }),
    ]);
    expect(at('2026-02-05', { visits: [...visits, referred] }).referralFollowUps[0]?.overdue).toBe(true);
  });
  it('is settled by a result on the visit or on a later one', () => {
    const amended = { ...referred, referral: { ...referral, result: 'arrived' as const } };
    expect(at('2026-02-05', { visits: [...visits, amended] }).referralFollowUps).toEqual([]);
    const later = sampleVisit('v3', htn, '2026-02-03', { referral: { ...referral, result: 'notArrived' } });
    expect(at('2026-02-05', { visits: [...visits, referred, later] }).referralFollowUps).toEqual([]);
  });
});

describe('transplant enrolments follow the centre’s plan', () => {
  it('lists the 3-month visit as due when the plan is there, nothing before', () => {
    const e = sampleEnrolment('e9', 'p1', {
      programme: 'transplant',
      enrolledOn: '2026-02-01',
      transplantDate: '2026-01-10',
    });
    const plan = sampleTransplantPlan('tp1', e, '2026-01-10');
    const withPlan = computeWorklists({ today: '2026-04-06', carePlans: [e, plan], visits: [], patients });
    expect(withPlan.dueThisWeek.map((i) => [i.enrolmentId, i.window.key, i.window.dueDate])).toEqual([
      ['e9', 'm3', '2026-04-10'],
    ]);
    const noPlan = enrolmentStatuses({ today: '2026-04-06', carePlans: [e], visits: [], patients });
    expect(noPlan[0]?.state).toBe('noPlan');
  });
});

describe('follow-up visits read from encounters', () => {
  const encounter = (changes: Partial<EncounterDoc>): EncounterDoc =>
    ({
      id: 'enc-1',
      recordId: 'enc-1',
      revisionNo: 1,
      patientId: 'p1',
      status: 'signed',
      kind: 'followUp',
      vitals: emptyVitals,
      createdAt: '2026-01-07T02:00:00.000Z',
      visitAt: '2026-01-07T02:00:00.000Z',
      followUp: {
        ...emptyFollowUpForm({
          programme: 'hypertension',
          enrolmentId: 'e1',
          windowKey: 'v1',
          nextDate: '2026-04-07',
        }),
      },
      ...changes,
    }) as EncounterDoc;
  it('keeps signed follow-ups, current revisions only', () => {
    const amended = encounter({
      id: 'enc-2',
      revisionNo: 2,
      followUp: { ...encounter({}).followUp!, nextDate: '2026-03-01' },
    });
    const visits = followUpVisitsOf([
      encounter({}),
      amended,
      encounter({ id: 'd', recordId: 'd', status: 'draft' }),
      encounter({ id: 'c', recordId: 'c', kind: undefined }),
    ]);
    expect(visits.map((v) => [v.id, v.enrolmentId, v.windowKey, v.nextDate])).toEqual([
      ['enc-2', 'e1', 'v1', '2026-03-01'],
    ]);
  });
});

describe('a centre of 10,000 enrolments with 20 visits each', () => {
  // The benchmark (npm run bench) measures the real figure on an idle machine; this test only
  // guards the single pass: anything quadratic in the visits takes minutes here.
  it('computes every worklist in one pass', { timeout: 60_000 }, () => {
    const carePlans = [];
    const many = [];
    const people = [];
    for (let i = 0; i < 10_000; i += 1) {
      const e = sampleEnrolment(`e${i}`, `p${i}`, {
        programme: i % 3 === 0 ? 'diabetes' : 'hypertension',
        enrolledOn: '2021-01-04',
      });
      carePlans.push(e, sampleContract(`c${i}`, `p${i}`, { startDate: '2026-01-01', endDate: '2026-12-31' }));
      people.push({ id: `p${i}`, birthDate: '1955-01-01' });
      for (let k = 0; k < 20; k += 1) {
        const date = `${2021 + Math.floor(k / 4)}-${String(1 + (k % 4) * 3).padStart(2, '0')}-${String(10 + (i % 15)).padStart(2, '0')}`;
        many.push(sampleVisit(`v${i}-${k}`, e, date));
      }
    }
    const started = performance.now();
    const lists = computeWorklists({
      today: '2026-02-01',
      carePlans,
      visits: many,
      patients: people,
      doctorId: 'staff-doc01',
    });
    const ms = performance.now() - started;
    expect(lists.counts.dueThisWeek + lists.counts.overdue + lists.counts.lost).toBeGreaterThan(0);
    expect(ms).toBeLessThan(15_000);
  });
});

describe('the worklists from the last visit on', () => {
  // A generated centre: regular and irregular visits, missed windows, revisits, moved due dates,
  // patients who left, two doctors. Seeded, so the same every run.
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const team = sampleContract('x', 'x').contract.team;
  const carePlans: WorklistInput['carePlans'][number][] = [];
  const generated: FollowUpVisit[] = [];
  const people: WorklistInput['patients'][number][] = [];
  for (let i = 0; i < 300; i += 1) {
    const enrolledOn = addDays('2022-01-03', Math.floor(random() * 900));
    const left = i % 17 === 0;
    const e = sampleEnrolment(`e${i}`, `p${i}`, {
      programme: i % 3 === 0 ? 'diabetes' : 'hypertension',
      enrolledOn,
      status: left ? 'left' : 'active',
      leftOn: left ? '2026-03-01' : null,
      scheduleEdits:
        i % 11 === 0
          ? [{ windowKey: 'v2', dueDate: addDays(enrolledOn, 60), reason: '', at: '', by: '', byName: '' }]
          : [],
    });
    const doctorId = i % 2 ? 'staff-doc01' : 'staff-doc02';
    carePlans.push(
      e,
      sampleContract(`c${i}`, `p${i}`, {
        startDate: '2026-01-01',
        endDate: '2027-12-31',
        team: { ...team, doctorId },
      }),
    );
    people.push({ id: `p${i}`, birthDate: '1950-05-05' });
    let date = addDays(enrolledOn, 10 + Math.floor(random() * 10));
    for (let k = 0; date < '2026-06-30' && k < 40; k += 1) {
      const revisit = random() < 0.15;
      // Most routine visits carry their next date, as the form sets it; some leave it to the rule.
      const routine = i % 4 === 0 ? {} : { nextDate: addMonths(date, 3) };
      generated.push(
        sampleVisit(
          `v${i}-${k}`,
          e,
          date,
          revisit ? { nextStep: 'twoWeek', nextDate: addDays(date, 14) } : routine,
        ),
      );
      // Mostly on time; now and then a gap of one to five windows.
      const gap = random() < 0.2 ? 1 + Math.floor(random() * 5) : 0;
      date = revisit ? addDays(date, 14 + Math.floor(random() * 20)) : addMonths(date, 3 * (1 + gap));
      date = addDays(date, Math.floor(random() * 25) - 5);
    }
  }
  const days = [
    '2026-01-15',
    '2026-03-01',
    '2026-04-02',
    '2026-05-18',
    '2026-06-30',
    '2026-07-01',
    '2026-07-20',
    '2026-08-10',
    '2026-09-01',
    '2026-10-15',
    '2027-02-01',
  ];

  /** The lists as the full walk (every window since enrolment) gives them. */
  function fromFullWalk(input: WorklistInput) {
    const weekEnd = addDays(input.today, 6);
    const dueThisWeek: WindowItem[] = [];
    const overdue: WindowItem[] = [];
    const lost: [string, number, string | null][] = [];
    for (const status of enrolmentStatuses(input, { history: true })) {
      const { enrolment } = status;
      if (enrolment.enrolment.status !== 'active') continue;
      const item = {
        patientId: enrolment.patientId,
        enrolmentId: enrolment.id,
        programme: enrolment.enrolment.programme,
      };
      const doctorId = Number(enrolment.patientId.slice(1)) % 2 ? 'staff-doc01' : 'staff-doc02';
      if (input.doctorId && input.doctorId !== doctorId) continue;
      const assigned = { ...item, doctorId, teamName: team.name };
      if (status.state === 'lost') {
        lost.push([enrolment.patientId, status.missedInARow, status.lastVisitOn]);
        continue;
      }
      const after = status.windows.filter((w) => status.next && w.dueDate >= status.next.dueDate);
      const late = after.find((w) => w.status === 'overdue');
      if (status.state === 'overdue' && late) overdue.push({ ...assigned, window: late });
      for (const window of status.windows)
        if (
          (window.status === 'due' || window.status === 'upcoming') &&
          window.opensOn <= weekEnd &&
          window.dueDate >= input.today
        )
          dueThisWeek.push({ ...assigned, window });
    }
    const byDue = (a: WindowItem, b: WindowItem) =>
      a.window.dueDate < b.window.dueDate ? -1 : a.window.dueDate > b.window.dueDate ? 1 : 0;
    return { dueThisWeek: dueThisWeek.sort(byDue), overdue: overdue.sort(byDue), lost };
  }

  it.each(days)('gives the same lists as the full walk on %s, for the centre and each doctor', (today) => {
    for (const doctorId of [undefined, 'staff-doc01', 'staff-doc02']) {
      const input = { today, carePlans, visits: generated, patients: people, doctorId };
      const lists = computeWorklists(input);
      const full = fromFullWalk(input);
      expect(lists.dueThisWeek).toEqual(full.dueThisWeek);
      expect(lists.overdue).toEqual(full.overdue);
      expect(lists.lost.map((i) => [i.patientId, i.missedInARow, i.lastVisitOn])).toEqual(full.lost);
    }
  });

  it('lists something in each, so the comparison means something', () => {
    const counts = days.map(
      (today) => computeWorklists({ today, carePlans, visits: generated, patients: people }).counts,
    );
    expect(Math.min(...counts.map((c) => c.dueThisWeek))).toBeGreaterThan(0);
    expect(Math.max(...counts.map((c) => c.overdue))).toBeGreaterThan(5);
    expect(Math.max(...counts.map((c) => c.lost))).toBeGreaterThan(5);
  });

  it('gives the same lists again for the same arrays, and fresh arrays each time', () => {
    const input = { today: '2026-07-20', carePlans, visits: generated, patients: people };
    const first = computeWorklists(input);
    const again = computeWorklists(input);
    expect(again).toEqual(first);
    expect(again.overdue).not.toBe(first.overdue);
    expect(computeWorklists({ ...input, visits: [...generated] })).toEqual(first);
  });
});
