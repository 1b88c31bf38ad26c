/**
 * Due windows of a programme enrolment (DOMAIN.md §3): when the next visits are due and whether
 * each was done, is due or overdue, or the patient is lost to follow-up (3 windows missed in a
 * row). Schedules:
 * - hypertension, type 2 diabetes (§3.1–3.2): rolling, from the last visit — its next date
 *   (2 weeks, or 3 months on from the visit, or from the due date when the visit came late), or
 *   3 months on from a missed due date; the first one 2 weeks after enrolment. Any follow-up
 *   visit fills the open window, early or up to 30 days late.
 * - elderly 65+ (§3.4): one visit each calendar year.
 * - pregnancy (§3.5): from the last menstrual period (or the due date − 280 days).
 * - children 0–6 (§3.6): from the birth date.
 * - post-transplant (§3.7): the transplant centre's plan phases, ± 14 days around each date.
 * Windows closing before the enrolment are not the centre's and are left out, and so are those
 * due after the patient left. A doctor's schedule edit moves one window's due date.
 */
import type { EnrolmentFields, Programme, TransplantPhase, TransplantPlanFields } from '../carePlans/schema';
import type { NextStep } from '../encounters/followUp';
import { routineMonths } from './chronic';
import { addDays, addMonths, addMonthsDay, addYears, dateOfDay, dayOf, maxDate, minDate } from './dates';

/**
 * - `upcoming`: not open yet;
 * - `due`: open, its due date not passed;
 * - `done`: a visit filled it;
 * - `overdue`: its due date passed without a visit;
 * - `lost`: the third (or later) window in a row that closed without a visit.
 */
export type WindowStatus = 'upcoming' | 'due' | 'done' | 'overdue' | 'lost';

/** Days a rolling (chronic) window still takes a late visit after its due date. */
export const chronicGraceDays = 30;
/** Days from enrolment to the first chronic follow-up. */
export const firstChronicVisitDays = 14;
/** Days either side of a post-transplant visit date in which a visit counts. */
export const transplantSlackDays = 14;
/** Windows missed in a row that make a patient lost to follow-up (失访). */
export const lostAfterMissed = 3;

/** The plan a transplant centre sets when the desk shows a default: 0–12 months every 3, then every 6 to 60. */
export const defaultTransplantPhases: readonly TransplantPhase[] = [
  { fromMonth: 0, toMonth: 12, intervalMonths: 3 },
  { fromMonth: 12, toMonth: 60, intervalMonths: 6 },
];

export interface DueWindow {
  /** Stable within the enrolment; what a schedule edit and a visit's `windowKey` name. */
  key: string;
  programme: Programme;
  /**
   * What the window is, for the UI to word: `visit` (chronic, with `seq`), `year` (elderly,
   * with `year`), `early`/`mid16`/`mid21`/`late28`/`late37`/`postpartum`/`postnatal42`
   * (pregnancy), `newborn`/`month1`/`months` (child, with `months`), `months` (transplant).
   */
  label: string;
  /** The number the label is worded with: visit number, year or age / months since transplant. */
  n: number;
  /** The first day a visit fills the window. */
  countsFrom: string;
  /** The first day it shows as due. */
  opensOn: string;
  /** The day by which it should be done; after it the window is overdue. */
  dueDate: string;
  /** The last day a (late) visit still fills it. */
  closesOn: string;
  /** A doctor moved its due date (the latest {@link EnrolmentFields.scheduleEdits} entry). */
  edited: boolean;
  status: WindowStatus;
  visitId: string | null;
  doneOn: string | null;
}

/** A signed follow-up visit of the enrolment, as the schedule needs it. */
export interface ScheduleVisit {
  id: string;
  /** The visit's local date. */
  date: string;
  windowKey: string | null;
  nextStep?: NextStep | null;
  /** The visit's (chosen) next date; absent: 3 months on. */
  nextDate?: string | null;
}

export interface ScheduleInput {
  enrolment: Pick<
    EnrolmentFields,
    'programme' | 'enrolledOn' | 'status' | 'leftOn' | 'lmp' | 'dueDate' | 'scheduleEdits'
  >;
  /** The patient's birth date (children's windows); null when unknown. */
  birthDate: string | null;
  /** The transplant centre's plan for this enrolment; null when none yet. */
  plan: Pick<TransplantPlanFields, 'transplantDate' | 'phases'> | null;
  visits: readonly ScheduleVisit[];
  today: string;
  /** Pregnancy: the delivery date when known; the due date stands in for it until then. */
  deliveredOn?: string | null;
  /**
   * Keep the hypertension and diabetes windows that visits filled (default). Without them the
   * schedule holds the windows from the last visit on, which is all a worklist needs.
   */
  history?: boolean;
}

/**
 * - `left`: the enrolment ended;
 * - `noPlan`: nothing to schedule from (no LMP or due date, no birth date, no transplant plan);
 * - `lost`: the last {@link lostAfterMissed} windows closed without a visit;
 * - `overdue` / `due` / `upcoming`: the first window after the last visit;
 * - `complete`: every window of a fixed schedule is behind.
 */
export type ScheduleState = 'upcoming' | 'due' | 'overdue' | 'lost' | 'left' | 'complete' | 'noPlan';

export interface Schedule {
  windows: DueWindow[];
  state: ScheduleState;
  /** The first window not done after the last visit; null when none. */
  next: DueWindow | null;
  /** Windows closed without a visit since the last visit. */
  missedInARow: number;
}

type Template = Pick<DueWindow, 'key' | 'label' | 'n' | 'countsFrom' | 'opensOn' | 'dueDate' | 'closesOn'>;

const fixedWindow = (key: string, label: string, n: number, from: string, to: string): Template => ({
  key,
  label,
  n,
  countsFrom: from,
  opensOn: from,
  dueDate: to,
  closesOn: to,
});

/** Gestational week windows [from week, to week + 6 days] from the LMP, then post-partum ones. */
function pregnancyTemplates(input: ScheduleInput): Template[] | null {
  const { lmp, dueDate } = input.enrolment;
  const start = lmp ?? (dueDate ? addDays(dueDate, -280) : null);
  if (!start) return null;
  const weeks = (from: number, to: number) => [addDays(start, from * 7), addDays(start, to * 7 + 6)] as const;
  const delivery = input.deliveredOn ?? dueDate ?? addDays(start, 280);
  const stages: [string, number, readonly [string, string]][] = [
    ['early', 12, [start, addDays(start, 12 * 7 + 6)]],
    ['mid16', 16, weeks(16, 20)],
    ['mid21', 21, weeks(21, 24)],
    ['late28', 28, weeks(28, 36)],
    ['late37', 37, weeks(37, 40)],
    ['postpartum', 7, [delivery, addDays(delivery, 7)]],
    ['postnatal42', 42, [addDays(delivery, 42), addDays(delivery, 56)]],
  ];
  return stages.map(([key, n, [from, to]]) => fixedWindow(key, key, n, from, to));
}

/** §3.6: newborn visit, 28–30 days, then while the child is 3, 6, 8, 12 … 36 months, 4, 5, 6 years old. */
function childTemplates(birthDate: string | null): Template[] | null {
  if (!birthDate) return null;
  const windows: Template[] = [
    fixedWindow('newborn', 'newborn', 0, birthDate, addDays(birthDate, 7)),
    fixedWindow('month1', 'month1', 1, addDays(birthDate, 28), addDays(birthDate, 30)),
  ];
  for (const m of [3, 6, 8, 12, 18, 24, 30, 36])
    windows.push(
      fixedWindow(`m${m}`, 'months', m, addMonths(birthDate, m), addDays(addMonths(birthDate, m + 1), -1)),
    );
  for (const y of [4, 5, 6])
    windows.push(
      fixedWindow(`y${y}`, 'years', y, addYears(birthDate, y), addDays(addYears(birthDate, y + 1), -1)),
    );
  return windows;
}

/** §3.4: one window per calendar year, from the enrolment to this year. */
function elderlyTemplates(input: ScheduleInput): Template[] {
  const first = Number(input.enrolment.enrolledOn.slice(0, 4));
  const last = Number(input.today.slice(0, 4));
  const windows: Template[] = [];
  for (let year = first; year <= last; year += 1)
    windows.push(fixedWindow(`y${year}`, 'year', year, `${year}-01-01`, `${year}-12-31`));
  return windows;
}

/** The months after the transplant a visit is due in, from the plan's phases (each phase's end included). */
export function transplantVisitMonths(phases: readonly TransplantPhase[]): number[] {
  const months = new Set<number>();
  for (const { fromMonth, toMonth, intervalMonths } of phases) {
    if (!(intervalMonths > 0)) continue;
    for (let m = fromMonth + intervalMonths; m <= toMonth; m += intervalMonths) months.add(m);
  }
  return [...months].sort((a, b) => a - b);
}

function transplantTemplates(plan: ScheduleInput['plan']): Template[] | null {
  if (!plan) return null;
  return transplantVisitMonths(plan.phases).map((m) => {
    const due = addMonths(plan.transplantDate, m);
    const from = addDays(due, -transplantSlackDays);
    return {
      key: `m${m}`,
      label: 'months',
      n: m,
      countsFrom: from,
      opensOn: from,
      dueDate: due,
      closesOn: addDays(due, transplantSlackDays),
    };
  });
}

/** The latest due date a doctor set per window key. */
const noEdits: ReadonlyMap<string, string> = new Map();

function editsByKey(edits: ScheduleInput['enrolment']['scheduleEdits']): ReadonlyMap<string, string> {
  if (edits.length === 0) return noEdits;
  const latest = new Map<string, { at: string; dueDate: string }>();
  for (const edit of edits) {
    const seen = latest.get(edit.windowKey);
    if (!seen || edit.at >= seen.at) latest.set(edit.windowKey, edit);
  }
  return new Map([...latest].map(([key, e]) => [key, e.dueDate]));
}

/** A window before its status is known; {@link withStatus} sets it in place. */
type Placed = DueWindow;

const visitOrder = (a: ScheduleVisit, b: ScheduleVisit) =>
  a.date === b.date ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.date < b.date ? -1 : 1;

/** Visits in date order (a list already in order, as the desk usually reads it, is not copied). */
function byDate(visits: readonly ScheduleVisit[]): readonly ScheduleVisit[] {
  for (let i = 1; i < visits.length; i += 1)
    if (visitOrder(visits[i - 1]!, visits[i]!) > 0) return [...visits].sort(visitOrder);
  return visits;
}

// Windows are built as one object literal each and their status set in place: a centre computes
// hundreds of thousands of them for its worklists.
const placedWindow = (t: Template, programme: Programme, edited: boolean): Placed => ({
  key: t.key,
  programme,
  label: t.label,
  n: t.n,
  countsFrom: t.countsFrom,
  opensOn: t.opensOn,
  dueDate: t.dueDate,
  closesOn: t.closesOn,
  edited,
  status: 'upcoming',
  visitId: null,
  doneOn: null,
});

/** Moves a fixed window's due date, stretching the window to keep the new date inside. */
function applyEdit(t: Template, programme: Programme, dueDate: string | undefined): Placed {
  if (!dueDate) return placedWindow(t, programme, false);
  const opensOn = minDate(t.opensOn, dueDate);
  const moved = {
    ...t,
    countsFrom: minDate(t.countsFrom, opensOn),
    opensOn,
    dueDate,
    closesOn: maxDate(t.closesOn, dueDate),
  };
  return placedWindow(moved, programme, true);
}

function placeFixed(
  templates: Template[],
  input: ScheduleInput,
  edits: ReadonlyMap<string, string>,
): Placed[] {
  const { enrolledOn, leftOn } = input.enrolment;
  const windows = templates
    .filter((t) => t.closesOn >= enrolledOn && (!leftOn || t.dueDate <= leftOn))
    .map((t) => applyEdit(t, input.enrolment.programme, edits.get(t.key)));
  for (const visit of byDate(input.visits)) {
    const named = visit.windowKey ? windows.find((w) => w.key === visit.windowKey && !w.visitId) : undefined;
    const target =
      named ?? windows.find((w) => !w.visitId && w.countsFrom <= visit.date && visit.date <= w.closesOn);
    if (target) {
      target.visitId = visit.id;
      target.doneOn = visit.date;
    }
  }
  return windows;
}

/**
 * The day a routine visit is due after a visit on `visitDay` that filled a rolling window due on
 * `dueDay`: {@link routineMonths} after the due date when the visit came late, after the visit
 * when it came on time or early. A late visit does not push the quarterly rhythm back, so the
 * patient keeps at least 4 visits a year (DOMAIN.md §3.1–3.2).
 */
function routineDayAfter(visitDay: number, dueDay: number): number {
  const day = addMonthsDay(dateOfDay(Math.min(visitDay, dueDay)), routineMonths);
  return day > visitDay ? day : addMonthsDay(dateOfDay(visitDay), routineMonths);
}

/** Safety bound on rolling windows (over 100 years of quarterly visits). */
const maxChronicWindows = 500;

/** Where the walk through rolling windows stands: the next window to place and the next visit. */
interface ChronicWalk {
  seq: number;
  countsFrom: number;
  planned: number;
  /** Index of the next visit not yet placed. */
  next: number;
  missedRun: number;
  /** Set when the walk stopped for good (the patient left). */
  ended: boolean;
  windows: Placed[];
}

interface ChronicContext {
  programme: Programme;
  edits: ReadonlyMap<string, string>;
  leftDay: number;
  visits: readonly ScheduleVisit[];
  history: boolean;
}

/**
 * Places rolling windows from `walk` on. With `untilVisitsPlaced` it stops once every visit is
 * placed, before the window after the last one: up to there nothing depends on `today` as long as
 * no visit is later than today.
 */
function walkChronic(
  walk: ChronicWalk,
  ctx: ChronicContext,
  todayDay: number,
  untilVisitsPlaced: boolean,
): void {
  const { programme, edits, leftDay, visits, history } = ctx;
  const { windows } = walk;
  for (; walk.seq <= maxChronicWindows; walk.seq += 1) {
    if (untilVisitsPlaced && walk.next >= visits.length) return;
    const { seq, countsFrom } = walk;
    if (countsFrom > leftDay) break;
    const edited = edits.size > 0 ? edits.get(`v${seq}`) : undefined;
    const due = edited !== undefined ? dayOf(edited) : walk.planned;
    if (due > leftDay) break;
    const closes = due + chronicGraceDays;
    const visit = visits[walk.next];
    const visitDay = visit ? dayOf(visit.date) : 0;
    const done = visit !== undefined && visitDay <= closes;
    // Without the history only the windows after the last visit are kept.
    if (done && !history) windows.length = 0;
    else
      windows.push({
        key: `v${seq}`,
        programme,
        label: 'visit',
        n: seq,
        countsFrom: dateOfDay(countsFrom),
        opensOn: dateOfDay(Math.max(countsFrom, due)),
        dueDate: dateOfDay(due),
        closesOn: dateOfDay(closes),
        edited: edited !== undefined,
        status: 'upcoming',
        visitId: done ? visit.id : null,
        doneOn: done ? visit.date : null,
      });
    if (done) {
      walk.next += 1;
      walk.missedRun = 0;
      walk.countsFrom = visitDay + 1;
      walk.planned =
        visit.nextDate && visit.nextDate > visit.date
          ? dayOf(visit.nextDate)
          : routineDayAfter(visitDay, due);
      continue;
    }
    // No visit in this window: it is the current one unless it closed before today.
    if (closes >= todayDay) break;
    walk.missedRun += 1;
    if (walk.missedRun >= lostAfterMissed && walk.next >= visits.length) break;
    walk.countsFrom = closes + 1;
    walk.planned = addMonthsDay(dateOfDay(due), routineMonths);
  }
  walk.ended = true;
}

/**
 * Walks to the last visit once per enrolment and visit list (a worklist screen computes the same
 * schedules for the centre and for each doctor, and again as days pass): keyed by the objects.
 */
const lastVisitWalks = new WeakMap<
  object,
  WeakMap<readonly ScheduleVisit[], { walk: ChronicWalk; lastDay: number }>
>();

function walkToLastVisit(input: ScheduleInput, ctx: ChronicContext, start: () => ChronicWalk) {
  let byVisits = lastVisitWalks.get(input.enrolment);
  if (!byVisits) {
    byVisits = new WeakMap();
    lastVisitWalks.set(input.enrolment, byVisits);
  }
  let found = byVisits.get(input.visits);
  if (!found) {
    const walk = start();
    walkChronic(walk, ctx, Number.POSITIVE_INFINITY, true);
    const last = ctx.visits[ctx.visits.length - 1];
    found = { walk, lastDay: last ? dayOf(last.date) : Number.NEGATIVE_INFINITY };
    byVisits.set(input.visits, found);
  }
  return found;
}

/**
 * Rolling windows of hypertension and diabetes: each visit fills the open window and sets the
 * next due date; a window missed entirely is followed by one 3 months after its due date. Days
 * are counted as numbers here. With `history` false the windows before the last visit are not
 * kept and the walk up to the last visit is remembered (a centre's worklists would otherwise step
 * through hundreds of thousands of windows each time).
 */
function placeChronic(input: ScheduleInput, edits: ReadonlyMap<string, string>, history: boolean): Placed[] {
  const { enrolledOn, leftOn, programme } = input.enrolment;
  const enrolledDay = dayOf(enrolledOn);
  const todayDay = dayOf(input.today);
  const visits = byDate(input.visits);
  let next = 0;
  while (next < visits.length && visits[next]!.date < enrolledOn) next += 1;
  const ctx: ChronicContext = {
    programme,
    edits,
    leftDay: leftOn ? dayOf(leftOn) : Number.POSITIVE_INFINITY,
    visits,
    history,
  };
  const start = (): ChronicWalk => ({
    seq: 1,
    countsFrom: enrolledDay,
    planned: enrolledDay + firstChronicVisitDays,
    next,
    missedRun: 0,
    ended: false,
    windows: [],
  });
  if (history) {
    const walk = start();
    walkChronic(walk, ctx, todayDay, false);
    return walk.windows;
  }
  const { walk: atLast, lastDay } = walkToLastVisit(input, ctx, start);
  if (lastDay > todayDay) {
    // A visit later than today (a clock set back): the whole walk, for this day only.
    const walk = start();
    walkChronic(walk, ctx, todayDay, false);
    return walk.windows;
  }
  const walk: ChronicWalk = { ...atLast, windows: atLast.windows.map((w) => ({ ...w })) };
  if (!walk.ended) walkChronic(walk, ctx, todayDay, false);
  return walk.windows;
}

function withStatus(windows: Placed[], today: string): DueWindow[] {
  let missed = 0;
  for (const w of windows) {
    if (w.visitId) {
      missed = 0;
      w.status = 'done';
    } else if (today > w.closesOn) {
      missed += 1;
      w.status = missed >= lostAfterMissed ? 'lost' : 'overdue';
    } else if (today < w.opensOn) w.status = 'upcoming';
    else w.status = today <= w.dueDate ? 'due' : 'overdue';
  }
  return windows;
}

/** The due windows of an enrolment on `today`, with the enrolment's state. */
export function scheduleOf(input: ScheduleInput): Schedule {
  const { programme } = input.enrolment;
  const edits = editsByKey(input.enrolment.scheduleEdits);
  let placed: Placed[] | null;
  if (programme === 'hypertension' || programme === 'diabetes')
    placed = placeChronic(input, edits, input.history ?? true);
  else {
    const templates =
      programme === 'pregnancy'
        ? pregnancyTemplates(input)
        : programme === 'child'
          ? childTemplates(input.birthDate)
          : programme === 'elderly'
            ? elderlyTemplates(input)
            : transplantTemplates(input.plan);
    placed = templates && placeFixed(templates, input, edits);
  }
  if (!placed)
    return {
      windows: [],
      state: input.enrolment.status === 'left' ? 'left' : 'noPlan',
      next: null,
      missedInARow: 0,
    };
  const windows = withStatus(placed, input.today);
  let lastDone = -1;
  windows.forEach((w, i) => {
    if (w.status === 'done') lastDone = i;
  });
  const after = windows.slice(lastDone + 1);
  const missedInARow = after.filter((w) => input.today > w.closesOn).length;
  const next = after[0] ?? null;
  let state: ScheduleState;
  if (input.enrolment.status === 'left') state = 'left';
  else if (missedInARow >= lostAfterMissed) state = 'lost';
  else if (after.some((w) => w.status === 'overdue')) state = 'overdue';
  else if (after.some((w) => w.status === 'due')) state = 'due';
  else if (after.length > 0) state = 'upcoming';
  else state = 'complete';
  return { windows, state, next, missedInARow };
}

/** The window a new visit on `date` would fill: the first not done that takes a visit that day. */
export function windowForVisit(schedule: Schedule, date: string): DueWindow | null {
  return (
    schedule.windows.find((w) => w.status !== 'done' && w.countsFrom <= date && date <= w.closesOn) ?? null
  );
}

/** What {@link routineDateAfter} reads: an enrolment's schedule without a day to look from. */
export type RoutineInput = Omit<ScheduleInput, 'today' | 'history'>;

/**
 * The next routine visit's date after a visit on `visitDate` (not yet among `input.visits`), in
 * the enrolment's next due window, so that the form, the programme card and the worklists agree:
 * - hypertension, diabetes: {@link routineMonths} after the due date of the window the visit
 *   fills when it came late, after the visit otherwise ({@link routineDayAfter});
 * - elderly: a year on, in the next calendar year's window;
 * - pregnancy, children, transplant: the due date of the first window after the one the visit
 *   fills (for a transplant, the next date of the centre's plan).
 * Null when the schedule has no such window (no plan, no LMP, a schedule that ended, a visit
 * dated before the last one): the caller falls back to {@link routineMonths} after the visit.
 */
export function routineDateAfter(input: RoutineInput, visitDate: string): string | null {
  const { programme } = input.enrolment;
  if (programme === 'elderly') return addYears(visitDate, 1);
  const schedule = scheduleOf({ ...input, today: visitDate, history: true });
  const filled = windowForVisit(schedule, visitDate);
  if (programme === 'hypertension' || programme === 'diabetes') {
    if (!filled) return null;
    return dateOfDay(routineDayAfter(dayOf(visitDate), dayOf(filled.dueDate)));
  }
  const from = filled ? schedule.windows.indexOf(filled) + 1 : 0;
  const next = schedule.windows.slice(from).find((w) => !w.visitId && w.dueDate > visitDate);
  return next?.dueDate ?? null;
}
