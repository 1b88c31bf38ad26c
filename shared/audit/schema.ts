/**
 * The `auditEvents` collection (push-only): what a desk records about its own staff — who opened
 * which chart, every create and edit, every sign-in, sign-out and lock — to be appended to the
 * platform's hash-chained audit trail. A desk never pulls these back; the platform keeps them in
 * the trail, not as replicated documents, and stores each id once, so a retried push is harmless.
 */
import { text } from '../json/schemaParts';
export const auditActions = [
  'patient.read',
  'patient.create',
  'patient.update',
  /** An outpatient number given to a resident (details: the number, why, and any number it replaced). */
  'patient.assignNumber',
  'appointment.create',
  'appointment.update',
  'encounter.read',
  'encounter.create',
  'encounter.sign',
  'encounter.amend',
  'encounter.discard',
  /** Vitals recorded by a nurse or doctor, at triage or outside a visit (an observation). */
  'observation.record',
  /** A care plan written: a contract signed or renewed, an enrolment, a transplant plan (details: kind). */
  'carePlan.create',
  /**
   * A care plan changed (details: kind and what changed: `terminated`, `left`, `scheduleEdit`,
   * `consentGiven`, `consentWithdrawn`, `centreCorrected`, `revision`).
   */
  'carePlan.update',
  /**
   * A care plan's paper printed, once the person confirmed it came out of the printer (a contract
   * agreement; details: kind, page size, target).
   */
  'carePlan.print',
  /**
   * A worklist printed as a home-visit sheet, once confirmed (details: list, doctorId or the
   * centre, rows, page size, target). About no single record: it names none.
   */
  'worklist.print',
  'prescription.create',
  'prescription.sign',
  'prescription.print',
  /** A slip saved as a PDF: an export, not a print (details: format, page size, whether confirmed). */
  'prescription.export',
  'prescription.void',
  'prescription.allergyOverride',
  'prescription.overdose',
  'auth.signIn',
  'auth.signInOffline',
  'auth.signOut',
  'auth.lock',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** Actions about one record: they name its collection and id. */
export const recordActions: readonly AuditAction[] = auditActions.filter(
  (a) => !a.startsWith('auth.') && a !== 'worklist.print',
);

/** Small facts about an event (e.g. `{ "fields": "mobile,address" }`): flat, short values. */
export type AuditDetails = Record<string, string | number | boolean>;

export interface AuditEventDoc {
  /** UUIDv7, made on the desk: the platform stores each id once. */
  id: string;
  orgId: string;
  /** The staff member who acted: the one signed in when the event is pushed. */
  actorId: string;
  action: AuditAction;
  /**
   * The collection of the record acted on. Not named `collection`: RxDB reserves that name for
   * the document's own collection (schema error SC17).
   */
  recordCollection?: string;
  recordId?: string;
  /** When it happened, by the desk's clock (ISO 8601 with an offset). */
  at: string;
  details?: AuditDetails;
}

/**
 * Version 1 added the actions of the consultation screens, version 2 those of prescribing safety,
 * re-authenticated signing and outpatient numbers, version 3 the PDF export of a slip and recorded
 * observations, version 4 the care plans, version 5 the prints of care plans and worklists (the
 * documents themselves are unchanged).
 */
export const auditEventSchemaVersion = 5;

/** Migrations from older versions; every earlier event is valid as it is. */
export const auditEventMigrations: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> =
  {
    1: (old) => old,
    2: (old) => old,
    3: (old) => old,
    4: (old) => old,
    5: (old) => old,
  };
export const maxAuditDetails = 20;

export const auditEventSchema = {
  title: 'auditEvents',
  description: 'What staff did at this desk, waiting to join the platform’s audit trail',
  version: auditEventSchemaVersion,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(36),
    orgId: text(64),
    actorId: text(64),
    action: { type: 'string', enum: [...auditActions] },
    recordCollection: text(40),
    recordId: text(64),
    at: text(40),
    details: {
      type: 'object',
      maxProperties: maxAuditDetails,
      additionalProperties: { type: ['string', 'number', 'boolean'], maxLength: 200 },
    },
  },
  required: ['id', 'orgId', 'actorId', 'action', 'at'],
  indexes: ['at'],
  additionalProperties: false,
} as const;
