/**
 * Removing a resident from the registry (and bringing one back) is an admin's act with a reason,
 * done through the platform's own endpoints (`/v1/admin/patients/:id/remove` and `/restore`) and
 * audited there. A sync push never removes or restores a resident: the platform refuses such a
 * row with {@link removalNeedsAdminCode}, whoever pushes it.
 */
import { z } from 'zod';
import type { FieldError } from '../sync/collections';

/** Per-row refusal code of a push that removes or restores a resident. */
export const removalNeedsAdminCode = 'removalNeedsAdmin';

/**
 * Why a push may not write `next` over the platform's `previous`: a row that tombstones a resident
 * (or creates one already removed), or that brings a removed one back.
 */
export function patientRemovalErrors(next: object, previous: object | undefined): FieldError[] {
  const deleted = (doc: object | undefined) => (doc as { _deleted?: unknown } | undefined)?._deleted === true;
  const removing = deleted(next) && !deleted(previous);
  const restoring = !deleted(next) && deleted(previous);
  return removing || restoring ? [{ field: '_deleted', code: removalNeedsAdminCode }] : [];
}

/** The longest reason kept with a removal or restore. */
export const maxRemovalReasonLength = 500;

/** Body of `POST /v1/admin/patients/:id/remove` and `/restore`. */
export const patientRemovalRequestSchema = z.object({
  reason: z.string().trim().min(1).max(maxRemovalReasonLength),
});
export type PatientRemovalRequest = z.infer<typeof patientRemovalRequestSchema>;

/** One removed resident, as `GET /v1/admin/patients/removed` lists them. */
export const removedPatientSchema = z.object({
  id: z.string(),
  name: z.string(),
  outpatientNo: z.string().nullable(),
  removedAt: z.string(),
  removedBy: z.string().nullable(),
  reason: z.string(),
});
export type RemovedPatient = z.infer<typeof removedPatientSchema>;
export const removedPatientsResponseSchema = z.object({ patients: z.array(removedPatientSchema) });

/** Errors of the removal endpoints, translated at the desk (`errors.platform.*`). */
export type PatientRemovalErrorCode = 'patient.notFound' | 'patient.alreadyRemoved' | 'patient.notRemoved';
