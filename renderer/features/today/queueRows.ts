/**
 * The order of the rows on the Today screen: who is with a doctor, then who is waiting (in calling
 * order), then bookings not yet checked in (by slot), then closed visits, dimmed, last.
 */
import { waitingOrder, type QueueOptions } from '../../../shared/appointments/queue';
import type { AppointmentDoc } from '../../../shared/appointments/schema';

export interface QueueRow {
  doc: AppointmentDoc;
  /** Done, cancelled or a no-show: shown below the others, dimmed. */
  closed: boolean;
}

const byTicket = (a: AppointmentDoc, b: AppointmentDoc) =>
  a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : 0;
const byText = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');

/** Every appointment of `docs`, once, in screen order. */
export function queueRows(docs: readonly AppointmentDoc[], options: QueueOptions = {}): QueueRow[] {
  const withDoctor = docs
    .filter((d) => d.status === 'inConsultation')
    .sort((a, b) => byText(a.calledAt, b.calledAt) || byTicket(a, b));
  const waiting = waitingOrder(docs, { graceMinutes: options.graceMinutes });
  const scheduled = docs
    .filter((d) => d.status === 'scheduled')
    .sort((a, b) => byText(a.time, b.time) || byTicket(a, b));
  const closed = docs
    .filter((d) => d.status === 'done' || d.status === 'cancelled' || d.status === 'noShow')
    .sort((a, b) => byText(a.updatedAt, b.updatedAt) || byTicket(a, b));
  return [
    ...[...withDoctor, ...waiting, ...scheduled].map((doc) => ({ doc, closed: false })),
    ...closed.map((doc) => ({ doc, closed: true })),
  ];
}
