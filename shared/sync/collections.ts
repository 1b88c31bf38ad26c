/**
 * The collections that replicate, each declared once: its schema, which way it flows, the domain
 * rules a pushed document must pass (beyond its JSON schema) and its conflict policy. The platform
 * and the workstation read the same declarations; a new collection joins sync by adding an entry.
 */
import { checkAuditEvent } from '../audit/rules';
import { auditEventSchema, type AuditEventDoc } from '../audit/schema';
import type { Permission } from '../auth/roles';
import { checkDirectoryEntry } from '../directory/rules';
import { directorySchema, type DirectoryEntry } from '../directory/schema';
import { canonicalJson } from '../json/canonicalJson';
import { numberTakenCode, ticketTakenCode } from '../numbers/protocol';
import { outpatientNoErrors, outpatientNoWriteErrors } from '../patients/outpatientNo';
import { patientRemovalErrors } from '../patients/removal';
import { validatePatient } from '../patients/rules';
import { patientFieldNames, patientSchema, type PatientDoc } from '../patients/schema';
import { appointmentErrors } from '../appointments/rules';
import { appointmentSchema, type AppointmentDoc } from '../appointments/schema';
import { rulesVersionOf, validateEncounterDraft, validateForSigning } from '../encounters/rules';
import { encounterLockPolicy, encounterSchema, type EncounterDoc } from '../encounters/schema';
import { prescriptionLockPolicy, prescriptionSchema, type PrescriptionDoc } from '../prescriptions/schema';
import { signedSlipErrors } from '../prescriptions/slipChecks';
import { observationErrors, observationWriteErrors } from '../observations/rules';
import { observationSchema, type ObservationDoc } from '../observations/schema';
import { carePlanErrors, carePlanWriteErrors, resolveCarePlan } from '../carePlans/rules';
import { carePlanSchema, type CarePlanDoc } from '../carePlans/schema';
import {
  clinicalWriteErrors,
  resolveClinical,
  signatureErrors,
  type WriteContext,
  type Writer,
} from './clinicalRecords';
import { mergePatients, samePatient } from './patientMerge';

export interface FieldError {
  field: string;
  code: string;
}

export interface ConflictInput<D> {
  /** The version the writer started from; absent when it created the document. */
  assumedMasterState?: D;
  /** The writer's version. */
  newDocumentState: D;
  /** What the platform holds now. */
  realMasterState: D;
}

/**
 * Which way a collection flows, and what the signed-in role needs for each way it flows. A way a
 * collection does not flow has no permission at all, so no role can be granted it by mistake.
 */
export type SyncAccess =
  | { direction: 'both'; permissions: { read: Permission; write: Permission } }
  | { direction: 'pull'; permissions: { read: Permission } }
  | { direction: 'push'; permissions: { write: Permission } };

/**
 * Where the platform keeps what desks push: `documents` (the replicated documents table, the
 * default) or `auditLog` (appended to the hash-chained audit trail, insert-only, never pulled).
 */
export type PlatformStoreKind = 'documents' | 'auditLog';

export type SyncedCollection<D extends { id: string; orgId: string }> = SyncAccess & {
  schema: { title: string; version: number; properties: object };
  /** Where the platform keeps the collection (default `documents`). */
  platformStore?: PlatformStoreKind;
  /** Domain rules beyond the JSON schema, as translatable codes per field; [] when valid. */
  check(doc: D, now: Date): FieldError[];
  /** Whether two versions are the same document (storage bookkeeping ignored). */
  isEqual(a: D, b: D): boolean;
  /** The one version both sides keep when a write raced another. */
  resolve(input: ConflictInput<D>, now: Date): D;
  /**
   * Rules for one write by one person, given what the platform holds (`previous`, undefined for
   * a new document): who may write it and what may no longer change. Checked by the platform.
   */
  checkWrite?(next: D, previous: D | undefined, writer: Writer, context?: WriteContext): FieldError[];
  /**
   * Top-level string fields whose value at most one document of an organisation may hold (an
   * outpatient number), or one per value of the `within` fields (a queue ticket, per day): the
   * platform refuses a second document with that value, with `code`. Each needs an index on the
   * platform (platform/db/migrations) that makes the check a lookup.
   */
  uniqueFields?: readonly UniqueField[];
};

/** A value one document of an organisation may hold (see {@link SyncedCollection.uniqueFields}). */
export interface UniqueField {
  field: string;
  code: string;
  /** Top-level fields within whose values the value is unique (a ticket within its `date`). */
  within?: readonly string[];
}

/** The permission `direction` needs on `collection`, or null when it does not flow that way. */
export function permissionFor(collection: SyncAccess, direction: 'pull' | 'push'): Permission | null {
  const { permissions } = collection;
  if (direction === 'pull') return 'read' in permissions ? permissions.read : null;
  return 'write' in permissions ? permissions.write : null;
}

/** A document's own fields, without storage bookkeeping (`_rev`, `_meta`, `_deleted`, …). */
const ownFields = (doc: object) =>
  Object.fromEntries(Object.entries(doc).filter(([key]) => !key.startsWith('_')));

/** Equality by canonical JSON of the own fields: key order and bookkeeping do not matter. */
const sameJson = <D extends object>(a: D, b: D) =>
  canonicalJson(ownFields(a)) === canonicalJson(ownFields(b));

/** A patient must pass the same rules as at the desk, and already be in their normal form. */
function checkPatient(doc: PatientDoc, now: Date): FieldError[] {
  const result = validatePatient(doc, now);
  if (!result.ok)
    return Object.entries(result.errors).map(([field, code]) => ({ field, code: code as string }));
  return patientFieldNames
    .filter((f) => canonicalJson(result.value[f]) !== canonicalJson(doc[f]))
    .map((field) => ({ field, code: 'notNormalised' }));
}

export const syncedCollections = {
  patients: {
    schema: patientSchema,
    direction: 'both',
    permissions: { read: 'patient.read', write: 'patient.edit' },
    check: (doc, now) => [...checkPatient(doc, now), ...outpatientNoErrors(doc)],
    isEqual: samePatient,
    resolve: ({ assumedMasterState, newDocumentState, realMasterState }, now) =>
      mergePatients(assumedMasterState, newDocumentState, realMasterState, now.toISOString()),
    checkWrite: (next, previous) => [
      ...outpatientNoWriteErrors(next, previous),
      ...patientRemovalErrors(next, previous),
    ],
    uniqueFields: [{ field: 'outpatientNo', code: numberTakenCode }],
  } satisfies SyncedCollection<PatientDoc>,
  directory: {
    schema: directorySchema,
    direction: 'pull',
    // Everyone who signs in reads the directory; nobody writes it by sync — the platform does.
    permissions: { read: 'patient.read' },
    check: (entry) => checkDirectoryEntry(entry),
    isEqual: sameJson,
    resolve: ({ realMasterState }) => realMasterState,
  } satisfies SyncedCollection<DirectoryEntry>,
  auditEvents: {
    schema: auditEventSchema,
    direction: 'push',
    // Every role records what it does (every role holds patient.read); the platform also
    // requires the event's actor and organisation to be the session's own.
    permissions: { write: 'patient.read' },
    platformStore: 'auditLog',
    check: (event) => checkAuditEvent(event),
    isEqual: sameJson,
    // Insert-only: an id is stored once and never changes, so the platform's version stands.
    resolve: ({ realMasterState }) => realMasterState,
  } satisfies SyncedCollection<AuditEventDoc>,
  appointments: {
    schema: appointmentSchema,
    direction: 'both',
    permissions: { read: 'queue.manage', write: 'queue.manage' },
    check: (doc) => appointmentErrors(doc),
    isEqual: sameJson,
    // The queue moves forward only; the later step is the one to keep.
    resolve: ({ newDocumentState, realMasterState }) =>
      newDocumentState.updatedAt > realMasterState.updatedAt ? newDocumentState : realMasterState,
    // Two desks never call out one ticket on one day (renderer/numbers/tickets.ts draws afresh).
    uniqueFields: [{ field: 'ticket', code: ticketTakenCode, within: ['date'] }],
  } satisfies SyncedCollection<AppointmentDoc>,
  encounters: {
    schema: encounterSchema,
    direction: 'both',
    permissions: { read: 'clinical.read', write: 'clinical.write' },
    check: (doc) => [
      ...validateEncounterDraft(doc),
      ...(doc.status === 'signed' ? validateForSigning(doc, rulesVersionOf(doc)) : []),
      ...signatureErrors(doc, encounterLockPolicy),
    ],
    isEqual: sameJson,
    resolve: (input) => resolveClinical(encounterLockPolicy, input),
    checkWrite: (next, previous, writer, context) =>
      clinicalWriteErrors(encounterLockPolicy, next, previous, writer, context),
  } satisfies SyncedCollection<EncounterDoc>,
  prescriptions: {
    schema: prescriptionSchema,
    direction: 'both',
    permissions: { read: 'clinical.read', write: 'clinical.write' },
    check: (doc) => [
      ...signatureErrors(doc, prescriptionLockPolicy),
      // Slips signed under the rules of version 2 carry what the platform can check on its own.
      ...(doc.status === 'signed' && rulesVersionOf(doc) >= 2 ? signedSlipErrors(doc) : []),
    ],
    isEqual: sameJson,
    resolve: (input) => resolveClinical(prescriptionLockPolicy, input),
    checkWrite: (next, previous, writer, context) =>
      clinicalWriteErrors(prescriptionLockPolicy, next, previous, writer, context),
  } satisfies SyncedCollection<PrescriptionDoc>,
  observations: {
    schema: observationSchema,
    direction: 'both',
    // Read with the clinical records; written by who measures (nurses, doctors), each their own.
    permissions: { read: 'clinical.read', write: 'observation.write' },
    check: (doc) => observationErrors(doc),
    isEqual: sameJson,
    // Written once, never changed (a correction is a new observation): the platform's version stands.
    resolve: ({ realMasterState }) => realMasterState,
    checkWrite: (next, previous, writer) => observationWriteErrors(next, previous, writer),
  } satisfies SyncedCollection<ObservationDoc>,
  carePlans: {
    schema: carePlanSchema,
    direction: 'both',
    // Read with the clinical records; contracts and enrolments written by a centre's doctors, a
    // transplant plan by its hospital (shared/carePlans/rules.ts).
    permissions: { read: 'clinical.read', write: 'carePlan.write' },
    check: (doc) => carePlanErrors(doc),
    isEqual: sameJson,
    // The status moves forward only; otherwise the later write is kept.
    resolve: ({ newDocumentState, realMasterState }) => resolveCarePlan(newDocumentState, realMasterState),
    checkWrite: (next, previous, writer, context) => carePlanWriteErrors(next, previous, writer, context),
  } satisfies SyncedCollection<CarePlanDoc>,
} as const;

export type SyncedCollectionName = keyof typeof syncedCollections;

export function isSyncedCollection(name: string): name is SyncedCollectionName {
  return Object.hasOwn(syncedCollections, name);
}
