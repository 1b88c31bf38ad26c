/**
 * Keeping the day's queue in the local database: walk-ins and bookings, and the moves of an
 * appointment (check-in, call, finish, cancel, no-show). The rules live in shared/appointments;
 * this module reads and writes documents and audits each write. No React here.
 */
import { v7 as uuidv7 } from 'uuid';
import { openDuplicate } from '../../../shared/appointments/assignment';
import { transition, type QueueAction, type QueueErrorCode } from '../../../shared/appointments/queue';
import {
  appointmentErrors,
  newAppointment,
  type AppointmentErrorCode,
} from '../../../shared/appointments/rules';
import type { AppointmentDoc, AppointmentKind } from '../../../shared/appointments/schema';
import { can } from '../../../shared/auth/roles';
import { recordAuditEvent } from '../../db/audit';
import type { ClinicDatabase } from '../../db/database';
import type { Operator } from '../../app/operator';
import type { TicketSource } from '../../numbers/tickets';

/** The patient an appointment is for: the queue keeps a snapshot of the name. */
export interface QueuePatient {
  id: string;
  name: string;
}

export type QueueWriteResult =
  | { ok: true; appointment: AppointmentDoc }
  | { ok: false; reason: 'forbidden' }
  | { ok: false; reason: 'notFound' }
  | { ok: false; reason: 'invalid'; errors: { field: string; code: AppointmentErrorCode }[] }
  | { ok: false; reason: 'refused'; error: QueueErrorCode }
  /** The patient already holds a place in that queue today (see `openDuplicate`); nothing written. */
  | { ok: false; reason: 'duplicate'; existing: AppointmentDoc }
  /** No ticket could be drawn (no block left here and the platform out of reach); nothing written. */
  | { ok: false; reason: 'noTicket' };

export interface NewAppointmentOptions {
  /** Department shown on the queue; empty when the centre keeps one queue. */
  department?: string;
  /** The doctor the patient is booked with; null lets any doctor call them. */
  doctorId?: string | null;
  /** Add even when the patient is already in the same queue that day (the person was warned). */
  allowDuplicate?: boolean;
  /**
   * Where the ticket comes from: this desk's leased blocks (renderer/numbers/tickets.ts), so two
   * desks never hand out the same one. Without it the ticket is counted from the day's
   * appointments this desk knows of (tests, and nothing else).
   */
  tickets?: TicketSource;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The desk's local calendar date of `at`, YYYY-MM-DD (the `date` of its appointments). */
export function localDate(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The organisation's appointments on `date`, cancelled ones included. */
export async function appointmentsOn(db: ClinicDatabase, orgId: string, date: string) {
  const docs = await db.appointments.find({ selector: { orgId, date } }).exec();
  return docs.map((d) => d.toJSON() as AppointmentDoc);
}

async function create(
  db: ClinicDatabase,
  patient: QueuePatient,
  kind: AppointmentKind,
  date: string,
  time: string | null,
  operator: Operator,
  now: Date,
  options: NewAppointmentOptions,
): Promise<QueueWriteResult> {
  if (!can(operator.role, 'queue.manage')) return { ok: false, reason: 'forbidden' };
  const docsOfDay = await appointmentsOn(db, operator.orgId, date);
  const doctorId = options.doctorId ?? null;
  if (!options.allowDuplicate) {
    const existing = openDuplicate(docsOfDay, { patientId: patient.id, date, doctorId });
    if (existing) return { ok: false, reason: 'duplicate', existing };
  }
  const doc = newAppointment({
    id: uuidv7(),
    orgId: operator.orgId,
    patient,
    date,
    time,
    kind,
    doctorId,
    department: options.department ?? '',
    docsOfDay,
    by: operator.id,
    at: now.toISOString(),
  });
  const errors = appointmentErrors(doc);
  if (errors.length) return { ok: false, reason: 'invalid', errors };
  if (options.tickets) {
    const drawn = await options.tickets.draw(kind, date, docsOfDay);
    if (!drawn.ok) return { ok: false, reason: 'noTicket' };
    doc.ticket = drawn.ticket;
  }
  await db.appointments.insert(doc);
  await recordAuditEvent(
    db,
    operator,
    'appointment.create',
    { collection: 'appointments', id: doc.id },
    {
      kind,
    },
    now,
  );
  return { ok: true, appointment: doc };
}

/**
 * Adds a patient standing at the desk to today's queue: the next walk-in ticket (W001, W002…)
 * over today's appointments at this centre, already checked in.
 */
export function addWalkIn(
  db: ClinicDatabase,
  patient: QueuePatient,
  operator: Operator,
  now: Date = new Date(),
  options: NewAppointmentOptions = {},
): Promise<QueueWriteResult> {
  return create(db, patient, 'walkIn', localDate(now), null, operator, now, options);
}

/**
 * Books a patient for `time` (HH:mm) on `date` (YYYY-MM-DD, today when omitted) with the next
 * booking ticket (A001…); the booking waits as `scheduled` until the patient checks in.
 */
export function addBooking(
  db: ClinicDatabase,
  patient: QueuePatient,
  time: string,
  operator: Operator,
  now: Date = new Date(),
  options: NewAppointmentOptions & { date?: string } = {},
): Promise<QueueWriteResult> {
  return create(db, patient, 'booked', options.date ?? localDate(now), time, operator, now, options);
}

/** Whether `operator` may take `action`: calling a patient in takes a physician. */
export function mayApply(operator: Operator, action: QueueAction): boolean {
  return can(operator.role, action === 'call' ? 'clinical.write' : 'queue.manage');
}

/**
 * Moves appointment `id` by `action` (see `transition`), stamping the time and the operator, and
 * audits it. The move is checked again against the stored document at write time, so two desks
 * acting at once cannot both move the same patient.
 */
export async function applyAction(
  db: ClinicDatabase,
  id: string,
  action: QueueAction,
  operator: Operator,
  now: Date = new Date(),
  link: { encounterId?: string } = {},
): Promise<QueueWriteResult> {
  if (!mayApply(operator, action)) return { ok: false, reason: 'forbidden' };
  const current = await db.appointments.findOne(id).exec();
  if (!current) return { ok: false, reason: 'notFound' };
  const at = now.toISOString();
  const first = transition(current.toJSON() as AppointmentDoc, action, at, operator.id, link);
  if (!first.ok) return { ok: false, reason: 'refused', error: first.error };
  let refused: QueueErrorCode | undefined;
  const saved = await current.incrementalModify((doc) => {
    const moved = transition(doc, action, at, operator.id, link);
    if (moved.ok) return moved.value;
    refused = moved.error;
    return doc;
  });
  if (refused) return { ok: false, reason: 'refused', error: refused };
  await recordAuditEvent(
    db,
    operator,
    'appointment.update',
    { collection: 'appointments', id },
    {
      action,
    },
    now,
  );
  return { ok: true, appointment: saved.toJSON() as AppointmentDoc };
}
