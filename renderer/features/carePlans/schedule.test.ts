/**
 * What the programme card shows of a schedule: the windows around the next one while folded,
 * every window named in both languages, a moved due date and a transplant plan's windows.
 */
import { describe, expect, it } from 'vitest';
import type { EnrolmentDoc, EnrolmentFields, TransplantPlanDoc } from '../../../shared/carePlans/schema';
import en from '../../../shared/i18n/locales/en/carePlans.json';
import zh from '../../../shared/i18n/locales/zh-CN/carePlans.json';
import { enrolmentSchedule, planFor, windowNameKey, windowsToShow } from './schedule';

const today = '2026-12-07';
const enrolmentOf = (fields: Partial<EnrolmentFields>, id = 'enr-1'): EnrolmentDoc => ({
  id,
  orgId: 'org-chc-demo',
  sharedWith: [],
  patientId: 'p1',
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
    ...fields,
  },
  createdBy: 'staff-doc01',
  createdByName: '张建国',
  createdAt: '2026-01-05T01:00:00.000Z',
  updatedAt: '2026-01-05T01:00:00.000Z',
});
const planOf = (revision: number, enrolmentId = 'enr-1'): TransplantPlanDoc => ({
  id: `plan-${revision}`,
  orgId: 'org-hosp-demo',
  sharedWith: [],
  patientId: 'p1',
  kind: 'transplantPlan',
  transplantPlan: {
    enrolmentId,
    centreOrgId: 'org-chc-demo',
    transplantDate: '2026-06-01',
    phases: [{ fromMonth: 0, toMonth: 12, intervalMonths: revision === 1 ? 3 : 2 }],
    tests: ['wbc'],
    instructions: '',
    revision,
    revisionReason: revision === 1 ? '' : '改为每2个月',
  },
  createdBy: 'staff-spec01',
  createdByName: '陈立新',
  createdAt: '2026-06-10T01:00:00.000Z',
  updatedAt: `2026-06-1${revision}T01:00:00.000Z`,
});

const lookup = (dict: unknown, key: string) =>
  key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], dict);

describe('programme schedule on the resident page', () => {
  it('shows a resident enrolled for hypertension with no visit as overdue, then lost', () => {
    const s = enrolmentSchedule(enrolmentOf({}), null, [], '1960-01-01', today);
    expect(s.windows[0]).toMatchObject({ key: 'v1', dueDate: '2026-01-19', status: 'overdue' });
    expect(s.windows.slice(0, 3).map((w) => w.status)).toEqual(['overdue', 'overdue', 'lost']);
    expect(s.state).toBe('lost');
  });

  it('shows a moved due date', () => {
    const e = enrolmentOf({
      enrolledOn: '2026-12-01',
      scheduleEdits: [
        {
          windowKey: 'v1',
          dueDate: '2027-01-10',
          reason: '外出务工',
          at: '2026-12-02T01:00:00Z',
          by: 'd',
          byName: 'd',
        },
      ],
    });
    const s = enrolmentSchedule(e, null, [], '1960-01-01', today);
    expect(s.windows[0]).toMatchObject({ key: 'v1', dueDate: '2027-01-10', edited: true });
  });

  it('shows a transplant enrolment’s windows only once its centre set a plan, by the latest revision', () => {
    const e = enrolmentOf({
      programme: 'transplant',
      transplantDate: '2026-06-01',
      transplantOrgId: 'org-hosp-demo',
    });
    expect(enrolmentSchedule(e, null, [], null, today).windows).toEqual([]);
    const plan = planFor([planOf(1), planOf(2), planOf(3, 'other')], 'enr-1');
    expect(plan?.id).toBe('plan-2');
    const s = enrolmentSchedule(e, plan, [], null, today);
    expect(s.windows.map((w) => w.key)).toEqual(['m2', 'm4', 'm6', 'm8', 'm10', 'm12']);
    expect(s.windows[0]).toMatchObject({ dueDate: '2026-08-01' });
  });

  it('folds long schedules around the next window', () => {
    const windows = Array.from({ length: 12 }, (_, i) => ({ key: `w${i}` }));
    const keys = (all: boolean, next: number | null) =>
      windowsToShow({ windows, next: next === null ? null : windows[next] } as never, all).map((w) => w.key);
    expect(keys(false, 6)).toEqual(['w3', 'w4', 'w5', 'w6', 'w7', 'w8']);
    expect(keys(false, 0)).toEqual(['w0', 'w1', 'w2']);
    expect(keys(false, null)).toEqual(['w9', 'w10', 'w11']);
    expect(keys(true, 6)).toHaveLength(12);
  });

  it('names every window of every programme in both languages', () => {
    const birthDate = '2024-03-10';
    const cases: EnrolmentDoc[] = [
      enrolmentOf({}),
      enrolmentOf({ programme: 'elderly' }),
      enrolmentOf({ programme: 'pregnancy', enrolledOn: '2026-01-05', lmp: '2026-01-01' }),
      enrolmentOf({ programme: 'child', enrolledOn: '2024-03-12' }),
      enrolmentOf({ programme: 'transplant', transplantDate: '2026-06-01' }),
    ];
    const names = new Set<string>();
    for (const e of cases)
      for (const w of enrolmentSchedule(e, planOf(1), [], birthDate, today).windows)
        names.add(windowNameKey(w).key);
    expect(names.size).toBeGreaterThanOrEqual(12);
    for (const key of names) {
      for (const dict of [zh, en])
        expect(lookup(dict, key) ?? lookup(dict, `${key}_other`), key).toEqual(expect.any(String));
    }
    expect(windowNameKey({ programme: 'transplant', label: 'months', n: 6 }).key).toBe(
      'windowNames.transplantMonths',
    );
    expect(windowNameKey({ programme: 'child', label: 'months', n: 6 }).key).toBe('windowNames.months');
  });
});
