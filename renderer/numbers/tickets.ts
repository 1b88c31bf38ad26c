/**
 * Queue tickets (排队号: W001 for walk-ins, A001 for bookings) drawn from this desk's leased
 * blocks (./deskNumbers.ts, shared/numbers/series.ts), so that two desks adding patients offline
 * at the same moment never call out the same ticket.
 *
 * Why per-day series leased ahead: a ticket is called out loud, so it must be short and start
 * again every morning, and a desk must hand one out with no network. Counting the day's tickets
 * on the desk (one more than the highest it knows of) is short but collides between desks that do
 * not see each other's queue; a desk letter in every ticket would be unique but longer for
 * everyone, every day. So each desk leases small blocks of the day's series for today and the
 * next days while it is online (at sign-in and whenever sync comes back), and tickets stay W001
 * style. Only a desk holding no block for the day (offline for longer than it leased ahead, or the
 * day's series is full) draws a spare ticket: the kind's letter, X and a value of a series that
 * never restarts (WX000001), unique across all days. With neither, the desk says so and adds
 * nothing: never a duplicate.
 *
 * Should the platform still find a ticket held by another appointment of the day (a ticket counted
 * by a desk of an older version, or a desk copied from another), it refuses that appointment
 * (`ticketTaken`) and {@link reticket} draws a fresh one here. No React here.
 */
import { can } from '../../shared/auth/roles';
import { ticketTakenCode, type NumbersErrorCode } from '../../shared/numbers/protocol';
import { parseNumber, ticketDaysAhead, dayAfter, type NumberSeries } from '../../shared/numbers/series';
import { ticketPrefixes } from '../../shared/appointments/queue';
import type { AppointmentDoc, AppointmentKind } from '../../shared/appointments/schema';
import type { FieldError } from '../../shared/sync/collections';
import type { Operator } from '../app/operator';
import { recordAuditEvent } from '../db/audit';
import type { ClinicDatabase } from '../db/database';
import type { NumberSource } from './outpatientNumbers';

/** The daily series each kind of appointment draws its tickets from. */
export const ticketSeries: Readonly<Record<AppointmentKind, NumberSeries>> = {
  walkIn: 'walkInTicket',
  booked: 'bookingTicket',
};

export type TicketDraw = { ok: true; ticket: string } | { ok: false; code: NumbersErrorCode };

/** What the queue needs to give a new appointment its ticket. */
export interface TicketSource {
  /** The next ticket of `kind` for `date`, none of the tickets `docsOfDay` already hold. */
  draw(
    kind: AppointmentKind,
    date: string,
    docsOfDay: readonly Pick<AppointmentDoc, 'ticket'>[],
  ): Promise<TicketDraw>;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The desk's local calendar date of `at`, YYYY-MM-DD (the day of its tickets). */
export const deskDay = (at: Date): string =>
  `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;

/** The spare number inside a spare ticket (WX000001 → X000001), or null when it is not one. */
function spareNumberOf(ticket: string): string | null {
  const inner = ticket.slice(1);
  return parseNumber('spareTicket', inner)?.prefix === 'X' ? inner : null;
}

/**
 * The next ticket of `kind` for `date`: from this desk's block of that day (leased now when none
 * is held and the platform can be reached), else a spare ticket; `numbers.exhausted` when neither
 * can be had. Tickets in `taken` are skipped.
 */
export async function drawTicket(
  source: NumberSource,
  kind: AppointmentKind,
  date: string,
  taken: ReadonlySet<string>,
): Promise<TicketDraw> {
  const daily = await source.numbers.take(ticketSeries[kind], source.transport, { day: date, taken });
  if (daily.ok) return { ok: true, ticket: daily.number };
  const spareTaken = new Set([...taken].flatMap((t) => spareNumberOf(t) ?? []));
  const spare = await source.numbers.take('spareTicket', source.transport, { taken: spareTaken });
  if (spare.ok) return { ok: true, ticket: ticketPrefixes[kind] + spare.number };
  return { ok: false, code: spare.code };
}

/** The queue's ticket source over this desk's blocks. */
export const ticketSource = (source: NumberSource): TicketSource => ({
  draw: (kind, date, docsOfDay) => drawTicket(source, kind, date, new Set(docsOfDay.map((d) => d.ticket))),
});

/**
 * Leases what this desk is missing while online: ticket blocks of both kinds for `today` and the
 * next {@link ticketDaysAhead} days (unless `daily` is false), and spare tickets; blocks of days
 * gone by are dropped. One lease after the other (a handful of small requests at sign-in); a
 * failed one (a full day, a dropped connection) waits for the next time the desk comes online and
 * does not keep the others, the spare tickets above all, from being leased.
 */
export async function topUpTickets(
  source: NumberSource,
  today: string,
  { daily = true }: { daily?: boolean } = {},
): Promise<void> {
  await source.numbers.dropBefore(today);
  const { transport } = source;
  if (!transport) return;
  const failed: unknown[] = [];
  const attempt = (lease: Promise<unknown>) => lease.catch((error: unknown) => void failed.push(error));
  for (let ahead = 0; daily && ahead <= ticketDaysAhead; ahead += 1)
    for (const series of Object.values(ticketSeries))
      await attempt(source.numbers.topUp(transport, series, { day: dayAfter(today, ahead) }));
  await attempt(source.numbers.topUp(transport, 'spareTicket'));
  if (failed.length > 0) throw failed[0];
}

/** Whether the platform refused a version for holding a ticket another appointment of its day holds. */
export const refusedAsTakenTicket = (errors: readonly FieldError[] | undefined): boolean =>
  !!errors?.some((e) => e.field === 'ticket' && e.code === ticketTakenCode);

export type ReticketResult =
  | { ok: true; ticket: string; replaced: string }
  | { ok: false; code: NumbersErrorCode | 'notFound' | 'forbidden' | 'unchanged' };

/**
 * `now` as the record's new `updatedAt`, at least a millisecond after `before`: the outbox tells a
 * newer version from the refused one by it.
 */
const laterThan = (before: string, now: Date) =>
  new Date(Math.max(now.getTime(), Date.parse(before) + 1)).toISOString();

/**
 * Draws a fresh ticket for appointment `id`, whose version `updatedAt` the platform refused
 * because another appointment of its day holds its ticket. The block the refused ticket came
 * from is retired (this desk's copy of it is not its own), and every ticket of the day this desk
 * knows of is skipped. Does nothing when the appointment changed since (that version is pushed
 * and judged on its own). Audited as an update of the appointment.
 */
export async function reticket(
  db: ClinicDatabase,
  source: NumberSource,
  id: string,
  updatedAt: string,
  operator: Operator,
  now = new Date(),
): Promise<ReticketResult> {
  if (!can(operator.role, 'queue.manage')) return { ok: false, code: 'forbidden' };
  const current = await db.appointments.findOne(id).exec();
  if (!current) return { ok: false, code: 'notFound' };
  const refused = current.ticket;
  if (current.updatedAt !== updatedAt || current.orgId !== operator.orgId)
    return { ok: false, code: 'unchanged' };
  const spare = spareNumberOf(refused);
  if (spare) await source.numbers.retire('spareTicket', spare, now);
  else await source.numbers.retire(ticketSeries[current.kind], refused, now, current.date);
  const ofDay = await db.appointments.find({ selector: { orgId: current.orgId, date: current.date } }).exec();
  const drawn = await drawTicket(
    source,
    current.kind,
    current.date,
    new Set([refused, ...ofDay.map((d) => d.ticket)]),
  );
  if (!drawn.ok) return { ok: false, code: drawn.code };
  let given = false;
  await current.incrementalModify((doc) => {
    if (doc.updatedAt !== updatedAt || doc.ticket !== refused) return doc;
    given = true;
    return { ...doc, ticket: drawn.ticket, updatedAt: laterThan(doc.updatedAt, now) };
  });
  if (!given) return { ok: false, code: 'unchanged' };
  await recordAuditEvent(
    db,
    operator,
    'appointment.update',
    { collection: 'appointments', id },
    { ticket: drawn.ticket, replaced: refused },
    now,
  );
  return { ok: true, ticket: drawn.ticket, replaced: refused };
}
