/**
 * The day's queue: how an appointment moves (check-in, call, finish, cancel, no-show), who is
 * called next, the counts the front desk shows, and queue numbers. Pure functions over
 * {@link AppointmentDoc}; errors are codes (`today:errors.<code>`).
 */
import { inDoctorQueue } from './assignment';
import {
  appointmentStatuses,
  type AppointmentDoc,
  type AppointmentKind,
  type AppointmentStatus,
} from './schema';

export const queueActions = ['arrive', 'call', 'finish', 'cancel', 'noShow'] as const;
export type QueueAction = (typeof queueActions)[number];

/**
 * Why a move is refused:
 * - `closed`: the visit is done, cancelled or a no-show;
 * - `alreadyArrived`: checking in a patient who is already here;
 * - `notArrived`: calling a patient who has not checked in;
 * - `alreadyCalled`: calling a patient already in consultation;
 * - `notInConsultation`: finishing a visit that has not started;
 * - `inConsultation`: cancelling or marking absent a patient who is with the doctor;
 * - `unknownAction`: not one of {@link queueActions}.
 */
export type QueueErrorCode =
  | 'closed'
  | 'alreadyArrived'
  | 'notArrived'
  | 'alreadyCalled'
  | 'notInConsultation'
  | 'inConsultation'
  | 'unknownAction';

export type TransitionResult = { ok: true; value: AppointmentDoc } | { ok: false; error: QueueErrorCode };

const closedStatuses: readonly AppointmentStatus[] = ['done', 'cancelled', 'noShow'];

/** The status each action leads to, and the statuses it may start from. */
const moves: Record<QueueAction, { to: AppointmentStatus; from: readonly AppointmentStatus[] }> = {
  arrive: { to: 'arrived', from: ['scheduled'] },
  call: { to: 'inConsultation', from: ['arrived'] },
  finish: { to: 'done', from: ['inConsultation'] },
  cancel: { to: 'cancelled', from: ['scheduled', 'arrived'] },
  noShow: { to: 'noShow', from: ['scheduled', 'arrived'] },
};

function refusal(action: QueueAction, status: AppointmentStatus): QueueErrorCode {
  if (closedStatuses.includes(status)) return 'closed';
  switch (action) {
    case 'arrive':
      return 'alreadyArrived';
    case 'call':
      return status === 'scheduled' ? 'notArrived' : 'alreadyCalled';
    case 'finish':
      return 'notInConsultation';
    default:
      return 'inConsultation';
  }
}

/**
 * Applies `action` at time `at` (ISO 8601) by staff member `by`:
 * - arrive: scheduled → arrived, stamps `arrivedAt`;
 * - call: arrived → inConsultation, stamps `calledAt`; a patient not yet assigned a doctor
 *   becomes the caller's (`doctorId` = `by`);
 * - finish: inConsultation → done, stamps `doneAt` and links `link.encounterId` when given;
 * - cancel, noShow: from scheduled or arrived.
 * Returns the new document (`updatedAt` = `at`) or the reason the move is refused.
 */
export function transition(
  doc: AppointmentDoc,
  action: QueueAction,
  at: string,
  by: string,
  link: { encounterId?: string } = {},
): TransitionResult {
  const move = Object.hasOwn(moves, action) ? moves[action] : undefined;
  if (!move) return { ok: false, error: 'unknownAction' };
  if (!move.from.includes(doc.status)) return { ok: false, error: refusal(action, doc.status) };
  const next: AppointmentDoc = { ...doc, status: move.to, updatedAt: at };
  if (action === 'arrive') next.arrivedAt = at;
  if (action === 'call') {
    next.calledAt = at;
    next.doctorId = doc.doctorId ?? by;
  }
  if (action === 'finish') {
    next.doneAt = at;
    if (link.encounterId) next.encounterId = link.encounterId;
  }
  return { ok: true, value: next };
}

/** The actions `doc` allows now, for the buttons a row shows. */
export function allowedActions(doc: AppointmentDoc): QueueAction[] {
  return queueActions.filter((action) => moves[action].from.includes(doc.status));
}

export interface QueueOptions {
  /** Minutes after the booked time within which a booked patient still counts as on time (15). */
  graceMinutes?: number;
  /** Only patients booked with this doctor or with none. */
  doctorId?: string;
}

/** The booked slot as an instant, in the desk's local time; NaN when date or time is unusable. */
function slotInstant(doc: AppointmentDoc): number {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(doc.date);
  const time = doc.time ? /^(\d{2}):(\d{2})$/.exec(doc.time) : null;
  if (!date || !time) return Number.NaN;
  const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
  return new Date(year, month - 1, day, Number(time[1]), Number(time[2])).getTime();
}

/**
 * The patients waiting to be called, in calling order. The rule: every checked-in patient gets a
 * queue time. A booked patient who checked in no later than the slot time plus the grace period
 * keeps the slot time (arriving early does not jump the queue, arriving on time keeps one's
 * place); walk-ins and late arrivals get the time they checked in. The queue runs by queue time;
 * on a tie, booked before walk-in, then earlier check-in, then ticket.
 */
export function waitingOrder(docs: readonly AppointmentDoc[], options: QueueOptions = {}): AppointmentDoc[] {
  const grace = (options.graceMinutes ?? 15) * 60_000;
  const waiting = docs
    .filter((d) => d.status === 'arrived')
    .filter((d) => options.doctorId === undefined || inDoctorQueue(d, options.doctorId))
    .map((doc) => {
      const arrived = Date.parse(doc.arrivedAt ?? '');
      const slot = doc.kind === 'booked' ? slotInstant(doc) : Number.NaN;
      const onTime = Number.isFinite(slot) && Number.isFinite(arrived) && arrived <= slot + grace;
      const queueTime = onTime ? slot : Number.isFinite(arrived) ? arrived : Number.POSITIVE_INFINITY;
      return { doc, queueTime, arrived: Number.isFinite(arrived) ? arrived : Number.POSITIVE_INFINITY };
    });
  waiting.sort(
    (a, b) =>
      a.queueTime - b.queueTime ||
      Number(a.doc.kind === 'walkIn') - Number(b.doc.kind === 'walkIn') ||
      a.arrived - b.arrived ||
      (a.doc.ticket < b.doc.ticket ? -1 : a.doc.ticket > b.doc.ticket ? 1 : 0),
  );
  return waiting.map((w) => w.doc);
}

/** The patient to call next by {@link waitingOrder}, or null when nobody is waiting. */
export function nextToCall(
  docs: readonly AppointmentDoc[],
  options: QueueOptions = {},
): AppointmentDoc | null {
  return waitingOrder(docs, options)[0] ?? null;
}

/** How many appointments are in each status (every status present, 0 when none). */
export function countByStatus(docs: readonly AppointmentDoc[]): Record<AppointmentStatus, number> {
  const counts = Object.fromEntries(appointmentStatuses.map((s) => [s, 0])) as Record<
    AppointmentStatus,
    number
  >;
  for (const doc of docs) counts[doc.status] += 1;
  return counts;
}

/** Ticket letter per kind: A for booked (预约), W for walk-in. */
export const ticketPrefixes: Readonly<Record<AppointmentKind, string>> = { booked: 'A', walkIn: 'W' };

/**
 * The next queue number of `kind` for a day, given that day's appointments (cancelled ones
 * included, so a number is never given twice): one more than the highest of that letter,
 * three digits at least (A001, W003, A1000).
 */
export function nextTicket(
  docsOfDay: readonly Pick<AppointmentDoc, 'ticket'>[],
  kind: AppointmentKind,
): string {
  const prefix = ticketPrefixes[kind];
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  let highest = 0;
  for (const { ticket } of docsOfDay) {
    const match = pattern.exec(ticket);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return prefix + String(highest + 1).padStart(3, '0');
}
