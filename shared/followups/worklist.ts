/**
 * The family doctor's worklists (DOMAIN.md §3, §4): follow-ups due this week, overdue, lost to
 * follow-up, referral follow-ups due, contracts expiring within 30 days — for one doctor's panel
 * or the whole centre. Pure: plain arrays in (as the desk reads them), lists out, `today` a
 * parameter. Every array is walked once and indexed by enrolment or patient, so a centre with
 * 10,000 enrolments and 200,000 visits is computed in one pass.
 */
import type {
  CarePlanDoc,
  ContractDoc,
  EnrolmentDoc,
  Programme,
  TransplantPlanDoc,
} from '../carePlans/schema';
import { isContract, isEnrolment, isTransplantPlan } from '../carePlans/schema';
import type { Classification, FollowUpReferral, NextStep } from '../encounters/followUp';
import type { EncounterDoc } from '../encounters/schema';
import { revisitDays } from './chronic';
import { activeContractOf, expiringDays, expiringWithin } from './contracts';
import { addDays, dayOf, daysBetween, localDateOf } from './dates';
import { scheduleOf, type DueWindow, type ScheduleState } from './windows';

/** A signed follow-up visit as the worklists and schedules need it. */
export interface FollowUpVisit {
  id: string;
  recordId: string;
  patientId: string;
  enrolmentId: string;
  programme: Programme;
  /** The visit's local date. */
  date: string;
  windowKey: string | null;
  classification: Classification;
  nextStep: NextStep;
  nextDate: string;
  referral: FollowUpReferral | null;
}

/** The current revisions of amended records: the highest `revisionNo` of each `recordId`. */
export function latestRevisions<T extends { recordId: string; revisionNo: number }>(docs: readonly T[]): T[] {
  const latest = new Map<string, T>();
  for (const doc of docs) {
    const seen = latest.get(doc.recordId);
    if (!seen || doc.revisionNo > seen.revisionNo) latest.set(doc.recordId, doc);
  }
  return [...latest.values()];
}

/** A signed follow-up encounter as a {@link FollowUpVisit}; null for drafts and consultations. */
export function followUpVisitOf(encounter: EncounterDoc): FollowUpVisit | null {
  const form = encounter.followUp;
  if (encounter.kind !== 'followUp' || !form || encounter.status !== 'signed') return null;
  return {
    id: encounter.id,
    recordId: encounter.recordId,
    patientId: encounter.patientId,
    enrolmentId: form.enrolmentId,
    programme: form.programme,
    date: localDateOf(encounter.visitAt ?? encounter.createdAt),
    windowKey: form.windowKey,
    classification: form.classification,
    nextStep: form.nextStep,
    nextDate: form.nextDate,
    referral: form.referral,
  };
}

/** The signed follow-up visits of a list of encounters, current revisions only. */
export const followUpVisitsOf = (encounters: readonly EncounterDoc[]): FollowUpVisit[] =>
  latestRevisions(encounters)
    .map(followUpVisitOf)
    .filter((v): v is FollowUpVisit => v !== null);

interface Assigned {
  /** Family doctor of the resident's contract in force today; null when none. */
  doctorId: string | null;
  teamName: string;
}

export interface WindowItem extends Assigned {
  patientId: string;
  enrolmentId: string;
  programme: Programme;
  window: DueWindow;
}

export interface LostItem extends Assigned {
  patientId: string;
  enrolmentId: string;
  programme: Programme;
  missedInARow: number;
  lastVisitOn: string | null;
}

export interface ReferralItem extends Assigned {
  patientId: string;
  enrolmentId: string;
  programme: Programme;
  visitId: string;
  visitDate: string;
  nextStep: 'referral' | 'urgentReferral';
  /** The visit date + 14 days: by when the centre follows the referral up (到位 / 不到位). */
  dueDate: string;
  overdue: boolean;
}

export interface ContractItem extends Assigned {
  patientId: string;
  contractId: string;
  agreementNo: string;
  endDate: string;
  /** Days from today to the last day (0: ends today). */
  daysLeft: number;
}

export interface Worklists {
  dueThisWeek: WindowItem[];
  overdue: WindowItem[];
  lost: LostItem[];
  referralFollowUps: ReferralItem[];
  contractsExpiring: ContractItem[];
  counts: Record<'dueThisWeek' | 'overdue' | 'lost' | 'referralFollowUps' | 'contractsExpiring', number>;
}

export interface WorklistInput {
  today: string;
  /** The centre's care plans: contracts, enrolments and the transplant plans shared with it. */
  carePlans: readonly CarePlanDoc[];
  /** Signed follow-up visits, current revisions ({@link followUpVisitsOf}). */
  visits: readonly FollowUpVisit[];
  /** Birth dates of the residents (children's schedules). */
  patients: readonly { id: string; birthDate: string | null }[];
  /** One family doctor's lists (residents contracted to their team); absent: the whole centre. */
  doctorId?: string | null;
  /** Days ahead that count as "this week": today and the next 6 by default. */
  weekDays?: number;
}

/** Schedule facts of one enrolment, for the panel and the resident page. */
export interface EnrolmentStatus {
  enrolment: EnrolmentDoc;
  state: ScheduleState;
  next: DueWindow | null;
  windows: DueWindow[];
  missedInARow: number;
  lastVisitOn: string | null;
}

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
};

interface CarePlanIndex {
  contracts: ContractDoc[];
  enrolments: EnrolmentDoc[];
  planByEnrolment: Map<string, TransplantPlanDoc>;
}

/** Indexes of care plans used by the worklists and the panel (the latest plan per enrolment). */
export function indexCarePlans(carePlans: readonly CarePlanDoc[]): CarePlanIndex {
  const contracts: ContractDoc[] = [];
  const enrolments: EnrolmentDoc[] = [];
  const planByEnrolment = new Map<string, TransplantPlanDoc>();
  for (const doc of carePlans) {
    if (isContract(doc)) contracts.push(doc);
    else if (isEnrolment(doc)) enrolments.push(doc);
    else if (isTransplantPlan(doc)) {
      const seen = planByEnrolment.get(doc.transplantPlan.enrolmentId);
      if (!seen || doc.updatedAt > seen.updatedAt) planByEnrolment.set(doc.transplantPlan.enrolmentId, doc);
    }
  }
  return { contracts, enrolments, planByEnrolment };
}

// The screens pass the same arrays (as read from the desk) for the centre, for each doctor and
// for the resident panel: each array is indexed once and the index kept while the array lives.
const memo = <K extends object, V>(build: (key: K) => V): ((key: K) => V) => {
  const cache = new WeakMap<K, V>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      value = build(key);
      cache.set(key, value);
    }
    return value;
  };
};

const carePlanIndexOf = memo((carePlans: readonly CarePlanDoc[]) => {
  const index = indexCarePlans(carePlans);
  return { ...index, contractsByPatient: groupBy(index.contracts, (c) => c.patientId) };
});

const visitOrder = (a: FollowUpVisit, b: FollowUpVisit) =>
  a.date === b.date ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.date < b.date ? -1 : 1;

const isReferral = (step: NextStep) => step === 'referral' || step === 'urgentReferral';

/**
 * Visits by enrolment in date order, in one pass: a list is sorted only when its visits came out
 * of order, and the lookup is skipped while consecutive visits share an enrolment.
 */
const visitIndexOf = memo((visits: readonly FollowUpVisit[]) => {
  const byEnrolment = new Map<string, FollowUpVisit[]>();
  const outOfOrder = new Set<FollowUpVisit[]>();
  // A result (到位 / 不到位) on the referral's visit or on any later visit settles it.
  const settledFrom = new Map<string, string>();
  const referrals: FollowUpVisit[] = [];
  let enrolmentId: string | undefined;
  let list: FollowUpVisit[] = [];
  for (const v of visits) {
    if (v.enrolmentId !== enrolmentId) {
      enrolmentId = v.enrolmentId;
      const seen = byEnrolment.get(enrolmentId);
      if (seen) list = seen;
      else {
        list = [];
        byEnrolment.set(enrolmentId, list);
      }
    }
    const last = list[list.length - 1];
    if (last !== undefined && visitOrder(last, v) > 0) outOfOrder.add(list);
    list.push(v);
    if (v.referral?.result) {
      const seen = settledFrom.get(v.enrolmentId);
      if (seen === undefined || v.date > seen) settledFrom.set(v.enrolmentId, v.date);
    } else if (isReferral(v.nextStep)) referrals.push(v);
  }
  for (const unsorted of outOfOrder) unsorted.sort(visitOrder);
  return { byEnrolment, settledFrom, referrals };
});

const birthDatesOf = memo((patients: WorklistInput['patients']) => {
  const birthDates = new Map<string, string | null>();
  for (const p of patients) birthDates.set(p.id, p.birthDate);
  return birthDates;
});

const noVisits: readonly FollowUpVisit[] = [];

function statusOf(
  enrolment: EnrolmentDoc,
  input: Omit<WorklistInput, 'doctorId' | 'weekDays'>,
  history: boolean,
): EnrolmentStatus {
  const visits = visitIndexOf(input.visits).byEnrolment.get(enrolment.id) ?? noVisits;
  const plan = carePlanIndexOf(input.carePlans).planByEnrolment.get(enrolment.id)?.transplantPlan ?? null;
  const schedule = scheduleOf({
    enrolment: enrolment.enrolment,
    birthDate: birthDatesOf(input.patients).get(enrolment.patientId) ?? null,
    plan,
    visits,
    today: input.today,
    history,
  });
  const last = visits[visits.length - 1];
  return {
    enrolment,
    state: schedule.state,
    next: schedule.next,
    windows: schedule.windows,
    missedInARow: schedule.missedInARow,
    lastVisitOn: last ? last.date : null,
  };
}

/**
 * The schedule state of each enrolment (left ones included, state `left`), visits grouped by
 * enrolment once. `windows` holds the windows from the last visit on unless `history` is set (a
 * resident's programme card shows them all: shared/followups/windows.ts `scheduleOf`).
 */
export function enrolmentStatuses(
  input: Omit<WorklistInput, 'doctorId' | 'weekDays'>,
  { history = false }: { history?: boolean } = {},
): EnrolmentStatus[] {
  return carePlanIndexOf(input.carePlans).enrolments.map((enrolment) => statusOf(enrolment, input, history));
}

const byKey =
  <T>(key: (item: T) => string) =>
  (x: T, y: T) => {
    const a = key(x);
    const b = key(y);
    return a < b ? -1 : a > b ? 1 : 0;
  };

/**
 * Whether a hypertension or diabetes enrolment is on no worklist, known without walking its
 * windows: its last visit set a next date after the week and no schedule edit can move it. The
 * walk (shared/followups/windows.ts) places every visit after the enrolment in a window, so the
 * last one fills a window, and the next window is due on that next date and opens on it: not due
 * this week, not overdue, nothing missed since. Anything else takes the walk.
 */
function quietPastWeek(
  enrolment: EnrolmentDoc,
  visits: readonly FollowUpVisit[],
  today: string,
  weekEndDay: number,
): boolean {
  const { programme, status, leftOn, scheduleEdits, enrolledOn } = enrolment.enrolment;
  if (programme !== 'hypertension' && programme !== 'diabetes') return false;
  if (status !== 'active' || leftOn || scheduleEdits.length > 0) return false;
  const last = visits[visits.length - 1];
  if (!last || last.date < enrolledOn || last.date > today) return false;
  const { nextDate } = last;
  if (!nextDate || nextDate <= last.date || nextDate <= today) return false;
  const nextDay = dayOf(nextDate);
  // Well within the walk's bound on windows (each missed one is about 3 months).
  return nextDay > weekEndDay && 2 * visits.length + (nextDay - dayOf(enrolledOn)) / 80 < 400;
}

// Items are built field by field below: object spreads cost several times more at a centre's scale.

type Lists = Omit<Worklists, 'counts'>;

function computeLists(input: WorklistInput): Lists {
  const { today } = input;
  const weekEnd = addDays(today, (input.weekDays ?? 7) - 1);
  const weekEndDay = dayOf(weekEnd);
  const { contracts, enrolments, contractsByPatient } = carePlanIndexOf(input.carePlans);
  const { byEnrolment } = visitIndexOf(input.visits);
  const assigned = new Map<string, Assigned>();
  const assignedTo = (patientId: string): Assigned => {
    let a = assigned.get(patientId);
    if (!a) {
      const c = activeContractOf(contractsByPatient.get(patientId) ?? [], patientId, today);
      a = { doctorId: c?.contract.team.doctorId ?? null, teamName: c?.contract.team.name ?? '' };
      assigned.set(patientId, a);
    }
    return a;
  };
  const notMine = (doctorId: string | null) => !!input.doctorId && doctorId !== input.doctorId;

  const dueThisWeek: WindowItem[] = [];
  const overdue: WindowItem[] = [];
  const lost: LostItem[] = [];
  const activeEnrolments = new Set<string>();
  for (const enrolment of enrolments) {
    if (enrolment.enrolment.status !== 'active') continue;
    activeEnrolments.add(enrolment.id);
    const { patientId, id: enrolmentId } = enrolment;
    const { programme } = enrolment.enrolment;
    const { doctorId, teamName } = assignedTo(patientId);
    // Another doctor's resident: no schedule to compute.
    if (notMine(doctorId)) continue;
    if (quietPastWeek(enrolment, byEnrolment.get(enrolmentId) ?? noVisits, today, weekEndDay)) continue;
    const status = statusOf(enrolment, input, false);
    if (status.state === 'lost') {
      const { missedInARow, lastVisitOn } = status;
      lost.push({ patientId, enrolmentId, programme, doctorId, teamName, missedInARow, lastVisitOn });
      continue;
    }
    if (status.state === 'overdue') {
      const from = status.next?.dueDate ?? '';
      const window = status.windows.find((w) => w.status === 'overdue' && w.dueDate >= from);
      if (window) overdue.push({ patientId, enrolmentId, programme, doctorId, teamName, window });
    }
    for (const window of status.windows)
      if (
        (window.status === 'due' || window.status === 'upcoming') &&
        window.opensOn <= weekEnd &&
        window.dueDate >= today
      )
        dueThisWeek.push({ patientId, enrolmentId, programme, doctorId, teamName, window });
  }

  const { settledFrom, referrals } = visitIndexOf(input.visits);
  const referralFollowUps: ReferralItem[] = [];
  for (const v of referrals) {
    if (!activeEnrolments.has(v.enrolmentId)) continue;
    const settled = settledFrom.get(v.enrolmentId);
    if (settled !== undefined && settled >= v.date) continue;
    const { doctorId, teamName } = assignedTo(v.patientId);
    if (notMine(doctorId)) continue;
    const dueDate = addDays(v.date, revisitDays);
    referralFollowUps.push({
      patientId: v.patientId,
      enrolmentId: v.enrolmentId,
      programme: v.programme,
      visitId: v.id,
      visitDate: v.date,
      nextStep: v.nextStep as 'referral' | 'urgentReferral',
      dueDate,
      overdue: dueDate < today,
      doctorId,
      teamName,
    });
  }

  const contractsExpiring: ContractItem[] = [];
  for (const c of contracts) {
    const { doctorId, name: teamName } = c.contract.team;
    if (notMine(doctorId)) continue;
    if (!expiringWithin(c, today, expiringDays, contractsByPatient.get(c.patientId) ?? [])) continue;
    contractsExpiring.push({
      patientId: c.patientId,
      contractId: c.id,
      agreementNo: c.contract.agreementNo,
      endDate: c.contract.endDate,
      daysLeft: daysBetween(today, c.contract.endDate),
      doctorId,
      teamName,
    });
  }

  const byWindowDue = byKey((item: WindowItem) => item.window.dueDate);
  dueThisWeek.sort(byWindowDue);
  overdue.sort(byWindowDue);
  referralFollowUps.sort(byKey((item) => item.dueDate));
  contractsExpiring.sort((x, y) => x.daysLeft - y.daysLeft);
  return { dueThisWeek, overdue, lost, referralFollowUps, contractsExpiring };
}

/**
 * Lists already computed for the same arrays, by day (and doctor): the centre's lists serve every
 * doctor's (the same items, filtered; sorting is stable, so in the same order).
 */
const computed = new WeakMap<object, WeakMap<object, WeakMap<object, Map<string, Lists>>>>();

function listsFor(input: WorklistInput): Map<string, Lists> {
  const nested = <K extends object, V>(map: WeakMap<K, V>, key: K, create: () => V): V => {
    let value = map.get(key);
    if (value === undefined) {
      value = create();
      map.set(key, value);
    }
    return value;
  };
  const byVisits = nested(computed, input.carePlans, () => new WeakMap());
  const byPatients = nested(byVisits, input.visits, () => new WeakMap());
  const byDay = nested(byPatients, input.patients, () => new Map<string, Lists>());
  // A few days and doctors at a time are enough for the screens.
  if (byDay.size > 64) byDay.clear();
  return byDay;
}

/** Every worklist on `today`, for one doctor or the centre. */
export function computeWorklists(input: WorklistInput): Worklists {
  const byDay = listsFor(input);
  const day = `${input.today}|${input.weekDays ?? 7}`;
  const doctorId = input.doctorId || null;
  let lists = byDay.get(`${day}|${doctorId ?? ''}`);
  if (!lists) {
    const centre = doctorId ? byDay.get(`${day}|`) : undefined;
    if (centre) {
      const mine = <T extends Assigned>(items: T[]) => items.filter((item) => item.doctorId === doctorId);
      lists = {
        dueThisWeek: mine(centre.dueThisWeek),
        overdue: mine(centre.overdue),
        lost: mine(centre.lost),
        referralFollowUps: mine(centre.referralFollowUps),
        contractsExpiring: mine(centre.contractsExpiring),
      };
    } else lists = computeLists(input);
    byDay.set(`${day}|${doctorId ?? ''}`, lists);
  }
  // Fresh arrays each call: a caller may sort or filter what it gets.
  const { dueThisWeek, overdue, lost, referralFollowUps, contractsExpiring } = lists;
  return {
    dueThisWeek: [...dueThisWeek],
    overdue: [...overdue],
    lost: [...lost],
    referralFollowUps: [...referralFollowUps],
    contractsExpiring: [...contractsExpiring],
    counts: {
      dueThisWeek: dueThisWeek.length,
      overdue: overdue.length,
      lost: lost.length,
      referralFollowUps: referralFollowUps.length,
      contractsExpiring: contractsExpiring.length,
    },
  };
}
