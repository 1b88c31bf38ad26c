/**
 * Rules of an appointment beyond its JSON schema, and a new one as the front desk creates it.
 * Errors are `{ field, code }`; the UI translates `today:errors.<code>`.
 */
import { isCalendarDate } from '../patients/rules';
import { nextTicket } from './queue';
import type { AppointmentDoc, AppointmentKind } from './schema';

/**
 * - `required`: no patient;
 * - `dateInvalid`: not a real YYYY-MM-DD date;
 * - `timeInvalid`: not HH:mm (00:00–23:59);
 * - `timeMissing`: a booking without a time; `timeForWalkIn`: a walk-in with one.
 */
export type AppointmentErrorCode =
  'required' | 'dateInvalid' | 'timeInvalid' | 'timeMissing' | 'timeForWalkIn';

const clockTime = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Problems with an appointment's own fields; [] when it is consistent. */
export function appointmentErrors(
  doc: Pick<AppointmentDoc, 'patientId' | 'date' | 'time' | 'kind'>,
): { field: string; code: AppointmentErrorCode }[] {
  const errors: { field: string; code: AppointmentErrorCode }[] = [];
  if (!doc.patientId) errors.push({ field: 'patientId', code: 'required' });
  if (!isCalendarDate(doc.date)) errors.push({ field: 'date', code: 'dateInvalid' });
  if (doc.kind === 'booked') {
    if (doc.time === null) errors.push({ field: 'time', code: 'timeMissing' });
    else if (!clockTime.test(doc.time)) errors.push({ field: 'time', code: 'timeInvalid' });
  } else if (doc.time !== null) errors.push({ field: 'time', code: 'timeForWalkIn' });
  return errors;
}

export interface NewAppointmentInput {
  id: string;
  orgId: string;
  patient: { id: string; name: string };
  date: string;
  /** HH:mm for a booking; ignored for a walk-in. */
  time: string | null;
  kind: AppointmentKind;
  doctorId: string | null;
  department: string;
  /** The day's appointments so far, for the next ticket. */
  docsOfDay: readonly Pick<AppointmentDoc, 'ticket'>[];
  by: string;
  /** Now, ISO 8601. */
  at: string;
}

/**
 * A new appointment with the next ticket of its kind. A walk-in is standing at the desk, so it
 * starts checked in (`arrived`, `arrivedAt` = now) with no time; a booking starts `scheduled`.
 */
export function newAppointment(input: NewAppointmentInput): AppointmentDoc {
  const walkIn = input.kind === 'walkIn';
  return {
    id: input.id,
    orgId: input.orgId,
    sharedWith: [],
    patientId: input.patient.id,
    patientName: input.patient.name,
    date: input.date,
    time: walkIn ? null : input.time,
    kind: input.kind,
    doctorId: input.doctorId,
    department: input.department,
    status: walkIn ? 'arrived' : 'scheduled',
    ticket: nextTicket(input.docsOfDay, input.kind),
    arrivedAt: walkIn ? input.at : null,
    calledAt: null,
    doneAt: null,
    encounterId: null,
    createdBy: input.by,
    createdAt: input.at,
    updatedAt: input.at,
  };
}
