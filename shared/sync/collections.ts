/**
 * The collections that replicate, each declared once: its schema, which way it flows, the domain
 * rules a pushed document must pass (beyond its JSON schema) and its conflict policy. The platform
 * and the workstation read the same declarations; a new collection joins sync by adding an entry.
 */
import type { Permission } from '../auth/roles';
import { canonicalJson } from '../json/canonicalJson';
import { validatePatient } from '../patients/rules';
import { patientFieldNames, patientSchema, type PatientDoc } from '../patients/schema';
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

export interface SyncedCollection<D extends { id: string; orgId: string }> {
  schema: { title: string; version: number; properties: object };
  direction: 'both' | 'pull' | 'push';
  /** What the signed-in role needs to pull, and to push. */
  permissions: { read: Permission; write: Permission };
  /** Domain rules beyond the JSON schema, as translatable codes per field; [] when valid. */
  check(doc: D, now: Date): FieldError[];
  /** Whether two versions are the same document (storage bookkeeping ignored). */
  isEqual(a: D, b: D): boolean;
  /** The one version both sides keep when a write raced another. */
  resolve(input: ConflictInput<D>, now: Date): D;
}

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
    check: checkPatient,
    isEqual: samePatient,
    resolve: ({ assumedMasterState, newDocumentState, realMasterState }, now) =>
      mergePatients(assumedMasterState, newDocumentState, realMasterState, now.toISOString()),
  } satisfies SyncedCollection<PatientDoc>,
} as const;

export type SyncedCollectionName = keyof typeof syncedCollections;

export function isSyncedCollection(name: string): name is SyncedCollectionName {
  return Object.hasOwn(syncedCollections, name);
}
