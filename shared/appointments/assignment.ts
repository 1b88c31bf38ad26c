/**
 * Whose queue an appointment is in: a named doctor's, or everyone's while no doctor is named
 * (`doctorId` null; the first doctor to call the patient takes them). The department (科别) is
 * where the visit is held and what the prescription slip prints; it narrows what the front desk
 * looks at but does not split a doctor's queue.
 */
import type { AppointmentDoc, AppointmentStatus } from './schema';

/** Visits that are over: they no longer hold a place in anyone's queue. */
export const closedStatuses: readonly AppointmentStatus[] = ['done', 'cancelled', 'noShow'];

/** Whether `doc` is in the queue of doctor `doctorId`: booked with them, or with nobody. */
export function inDoctorQueue(doc: Pick<AppointmentDoc, 'doctorId'>, doctorId: string): boolean {
  return doc.doctorId === null || doc.doctorId === doctorId;
}

/** What the front desk narrows the day's list to; an absent field does not narrow. */
export interface QueueFilter {
  /** A doctor's queue, as that doctor sees it: theirs and the unassigned. */
  doctorId?: string;
  /** One department (by name, as appointments carry it). */
  department?: string;
}

/** Whether `doc` passes `filter`. */
export function matchesQueueFilter(
  doc: Pick<AppointmentDoc, 'doctorId' | 'department'>,
  filter: QueueFilter,
): boolean {
  if (filter.doctorId !== undefined && !inDoctorQueue(doc, filter.doctorId)) return false;
  if (filter.department !== undefined && doc.department !== filter.department) return false;
  return true;
}

/** The appointment about to be made, as far as a duplicate is concerned. */
export interface QueueIntent {
  patientId: string;
  date: string;
  doctorId: string | null;
}

/**
 * Whether two appointments end up in one doctor's queue: the same named doctor, or either with
 * no doctor named (a doctor's queue shows theirs and the unassigned, ../appointments `inDoctorQueue`).
 */
const sameQueue = (a: string | null, b: string | null): boolean => a === null || b === null || a === b;

/**
 * The open appointment (not done, cancelled or a no-show) that already holds `intent`'s patient
 * in a queue the new one would share on the same day — the same named doctor, or either with no
 * doctor named — or null when there is none. The front desk warns with its ticket and may still add the new one:
 * a resident can have a reason to be seen twice.
 */
export function openDuplicate<T extends Pick<AppointmentDoc, 'patientId' | 'date' | 'doctorId' | 'status'>>(
  docs: readonly T[],
  intent: QueueIntent,
): T | null {
  return (
    docs.find(
      (doc) =>
        doc.patientId === intent.patientId &&
        doc.date === intent.date &&
        sameQueue(doc.doctorId, intent.doctorId) &&
        !closedStatuses.includes(doc.status),
    ) ?? null
  );
}
