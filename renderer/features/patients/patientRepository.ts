/**
 * Registering, finding and editing residents in the local database. No React here: the screens
 * call these functions, and unit tests run them on RxDB's memory storage.
 */
import { v7 as uuidv7 } from 'uuid';
import type { PatientDoc, PatientField, PatientFields } from '../../../shared/patients/schema';
import { can } from '../../../shared/auth/roles';
import { canonicalJson } from '../../../shared/json/canonicalJson';
import { diffPatient, validatePatient, type PatientErrors } from '../../../shared/patients/rules';
import { recordAuditEvent } from '../../db/audit';
import type { ClinicDatabase, PatientCollection } from '../../db/database';
import type { Operator } from '../../app/operator';
import type { NumbersErrorCode } from '../../../shared/numbers/protocol';
import type { TakeResult } from '../../numbers/deskNumbers';
import { auditNumber } from '../../numbers/outpatientNumbers';

export interface PatientRef {
  id: string;
  name: string;
}

export type SaveResult =
  /** `numberError`: saved, but no outpatient number could be drawn (it is given later). */
  | { ok: true; patient: PatientDoc; numberError?: NumbersErrorCode }
  | { ok: false; reason: 'invalid'; errors: PatientErrors }
  | { ok: false; reason: 'duplicateId'; existing: PatientRef }
  | { ok: false; reason: 'sameNameAndBirthDate'; similar: PatientRef[] }
  | { ok: false; reason: 'notFound' }
  | { ok: false; reason: 'forbidden' }
  | { ok: false; reason: 'unchanged' };

export interface SaveOptions {
  /** The user confirmed that a resident with the same name and birth date is someone else. */
  confirmedDistinct?: boolean;
  now?: Date;
  /**
   * Draws an outpatient number (renderer/numbers) for a resident who is saved without one: called
   * only once everything else passed, so a refused registration uses up no number.
   */
  drawNumber?: () => Promise<TakeResult>;
}

/** The drawn number as fields of the record, or the reason none could be drawn. */
async function numberFields(
  draw: SaveOptions['drawNumber'],
): Promise<{ fields: { outpatientNo?: string }; error?: NumbersErrorCode }> {
  if (!draw) return { fields: {} };
  const drawn = await draw();
  return drawn.ok ? { fields: { outpatientNo: drawn.number } } : { fields: {}, error: drawn.code };
}

const ref = (doc: PatientDoc): PatientRef => ({ id: doc.id, name: doc.name });

/** The database a patients collection belongs to. */
const db = (patients: PatientCollection) => patients.database as unknown as ClinicDatabase;

/** Audits a write to a patient through the database the collection belongs to. */
function audit(
  patients: PatientCollection,
  operator: Operator,
  action: 'patient.create' | 'patient.update',
  id: string,
  at: Date,
  details?: Record<string, string | boolean>,
) {
  return recordAuditEvent(db(patients), operator, action, { collection: 'patients', id }, details, at);
}

async function findByIdNumber(patients: PatientCollection, idNumber: string, exceptId?: string) {
  const docs = await patients.find({ selector: { idNumber } }).exec();
  return docs.map((d) => d.toJSON() as PatientDoc).find((d) => d.id !== exceptId);
}

async function findSameNameAndBirthDate(
  patients: PatientCollection,
  fields: PatientFields,
  exceptId?: string,
) {
  const docs = await patients.find({ selector: { name: fields.name, birthDate: fields.birthDate } }).exec();
  return docs.map((d) => d.toJSON() as PatientDoc).filter((d) => d.id !== exceptId);
}

/**
 * Registers a resident. Refuses invalid input and an identity number that is already registered;
 * asks for confirmation when the same name and birth date exist. Saves nothing unless it succeeds.
 */
export async function registerPatient(
  patients: PatientCollection,
  input: PatientFields,
  operator: Operator,
  options: SaveOptions = {},
): Promise<SaveResult> {
  if (!can(operator.role, 'patient.register')) return { ok: false, reason: 'forbidden' };
  const now = options.now ?? new Date();
  const checked = validatePatient(input, now);
  if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
  const fields = checked.value;
  const existing = await findByIdNumber(patients, fields.idNumber);
  if (existing) return { ok: false, reason: 'duplicateId', existing: ref(existing) };
  if (!options.confirmedDistinct) {
    const similar = await findSameNameAndBirthDate(patients, fields);
    if (similar.length) return { ok: false, reason: 'sameNameAndBirthDate', similar: similar.map(ref) };
  }
  const at = now.toISOString();
  const number = await numberFields(options.drawNumber);
  const doc: PatientDoc = {
    ...fields,
    id: uuidv7(),
    orgId: operator.orgId,
    sharedWith: [],
    createdBy: operator.name,
    createdAt: at,
    updatedAt: at,
    history: [],
    collisions: [],
    ...number.fields,
  };
  await patients.insert(doc);
  await audit(patients, operator, 'patient.create', doc.id, now);
  if (doc.outpatientNo)
    await auditNumber(db(patients), operator, doc.id, doc.outpatientNo, 'registered', now);
  return { ok: true, patient: doc, ...(number.error ? { numberError: number.error } : {}) };
}

/**
 * Saves an edit. The previous values stay on the record as a revision (who, when, which fields
 * from what to what); an edit that changes nothing is not saved.
 */
export async function updatePatient(
  patients: PatientCollection,
  id: string,
  input: PatientFields,
  operator: Operator,
  options: SaveOptions = {},
): Promise<SaveResult> {
  if (!can(operator.role, 'patient.edit')) return { ok: false, reason: 'forbidden' };
  const now = options.now ?? new Date();
  const current = await patients.findOne(id).exec();
  if (!current) return { ok: false, reason: 'notFound' };
  const checked = validatePatient(input, now);
  if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
  const fields = checked.value;
  const before = current.toJSON() as PatientDoc;
  const changes = diffPatient(before, fields);
  if (changes.length === 0) return { ok: false, reason: 'unchanged' };
  if (fields.idNumber !== before.idNumber) {
    const existing = await findByIdNumber(patients, fields.idNumber, id);
    if (existing) return { ok: false, reason: 'duplicateId', existing: ref(existing) };
  }
  const at = now.toISOString();
  const revision = { at, byId: operator.id, byName: operator.name, changes };
  const changed = new Set(changes.map((c) => c.field));
  // A resident registered before numbers existed gets one with the next save (never a second one).
  const number =
    before.outpatientNo || before.orgId !== operator.orgId
      ? { fields: {} }
      : await numberFields(options.drawNumber);
  const saved = await current.incrementalModify((doc) => ({
    ...doc,
    ...fields,
    ...(doc.outpatientNo ? {} : number.fields),
    updatedAt: at,
    history: [...doc.history, revision],
    // Editing a field that two desks changed differently is choosing its value.
    collisions: doc.collisions.filter((c) => !changed.has(c.field)),
  }));
  const after = saved.toJSON() as PatientDoc;
  await audit(patients, operator, 'patient.update', id, now, { fields: [...changed].join(',') });
  if (number.fields.outpatientNo && after.outpatientNo === number.fields.outpatientNo)
    await auditNumber(db(patients), operator, id, after.outpatientNo, 'saved', now);
  return {
    ok: true,
    patient: after,
    ...('error' in number && number.error ? { numberError: number.error } : {}),
  };
}

/**
 * Settles a collision: `value` (JSON text, one of the collision's candidates) becomes the field's
 * value, the collision closes, and the choice is recorded in the history like any edit.
 */
export async function resolveCollision(
  patients: PatientCollection,
  id: string,
  field: PatientField,
  value: string,
  operator: Operator,
  options: SaveOptions = {},
): Promise<SaveResult> {
  if (!can(operator.role, 'patient.edit')) return { ok: false, reason: 'forbidden' };
  const current = await patients.findOne(id).exec();
  if (!current) return { ok: false, reason: 'notFound' };
  const before = current.toJSON() as PatientDoc;
  const collision = before.collisions.find((c) => c.field === field);
  if (!collision || !collision.values.includes(value)) return { ok: false, reason: 'unchanged' };
  const at = (options.now ?? new Date()).toISOString();
  const revision = {
    at,
    byId: operator.id,
    byName: operator.name,
    changes: [{ field, from: canonicalJson(before[field]), to: value }],
  };
  const saved = await current.incrementalModify((doc) => ({
    ...doc,
    [field]: JSON.parse(value) as unknown,
    updatedAt: at,
    history: [...doc.history, revision],
    collisions: doc.collisions.filter((c) => c.field !== field),
  }));
  await audit(patients, operator, 'patient.update', id, options.now ?? new Date(), {
    fields: field,
    resolved: true,
  });
  return { ok: true, patient: saved.toJSON() as PatientDoc };
}
