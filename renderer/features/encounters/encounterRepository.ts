/**
 * Consultation records in the local database: starting one from the queue or a chart, saving the
 * draft as the doctor types, signing it, and amending a signed record with a new revision. No
 * React here but {@link usePatientEncounters}: the screens call these functions, and unit tests
 * run them on RxDB's memory storage. Results carry codes; the screens word them.
 */
import { useEffect, useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import { can } from '../../../shared/auth/roles';
import { nextRevision } from '../../../shared/clinical/revisions';
import { signRecord } from '../../../shared/clinical/signature';
import { newEncounterDraft } from '../../../shared/encounters/draft';
import {
  validateEncounterDraft,
  validateForSigning,
  type EncounterFieldError,
} from '../../../shared/encounters/rules';
import {
  encounterLockPolicy,
  encounterTextLimits,
  type EncounterContent,
  type EncounterDoc,
} from '../../../shared/encounters/schema';
import type { PatientDoc } from '../../../shared/patients/schema';
import type { Operator } from '../../app/operator';
import { useServices } from '../../app/services';
import { recordAuditEvent } from '../../db/audit';
import type { ClinicDatabase } from '../../db/database';

/**
 * Why a write was refused:
 * - `forbidden`: the operator's role does not write clinical records;
 * - `notFound`: no such encounter;
 * - `notAuthor`: the draft belongs to another doctor;
 * - `signed`: the record is signed and can no longer be edited (amend it instead);
 * - `notSigned`: only a signed record can be amended;
 * - `superseded`: a later signed revision exists; amend that one;
 * - `amendmentPending`: another doctor's amendment draft of this record is open;
 * - `reasonRequired`, `reasonTooLong`: the amendment reason is missing or too long;
 * - `invalid`: the content breaks the record's rules (see `errors`);
 * - `writeFailed`: the database refused the write (e.g. the record was signed meanwhile).
 */
export type EncounterWriteError =
  | 'forbidden'
  | 'notFound'
  | 'notAuthor'
  | 'signed'
  | 'notSigned'
  | 'superseded'
  | 'amendmentPending'
  | 'reasonRequired'
  | 'reasonTooLong'
  | 'invalid'
  | 'writeFailed';

export type EncounterResult =
  | { ok: true; encounter: EncounterDoc }
  | { ok: false; reason: Exclude<EncounterWriteError, 'invalid'> }
  | { ok: false; reason: 'invalid'; errors: EncounterFieldError[] };

/** What the editor saves: the clinical content, and for an amendment its reason. */
export type EncounterEdit = EncounterContent & { amendReason?: string };

export interface StartOptions {
  /** The queue entry the consultation starts from; null when started from the chart. */
  appointmentId: string | null;
  department: string;
  now?: Date;
}

const plain = (doc: { toJSON(): unknown }) => doc.toJSON() as EncounterDoc;
const fail = (reason: Exclude<EncounterWriteError, 'invalid'>): EncounterResult => ({ ok: false, reason });

function audit(
  db: ClinicDatabase,
  operator: Operator,
  action: 'encounter.create' | 'encounter.sign' | 'encounter.amend',
  id: string,
  at: Date,
) {
  return recordAuditEvent(db, operator, action, { collection: 'encounters', id }, undefined, at);
}

/**
 * Opens the consultation of `patient` for this doctor: the doctor's open draft for the same
 * appointment when there is one, else a new draft (visit type and prefill from the patient's
 * earlier encounters), linked from the appointment.
 */
export async function startEncounter(
  db: ClinicDatabase,
  patient: Pick<PatientDoc, 'id' | 'allergies' | 'tags'>,
  operator: Operator,
  { appointmentId, department, now = new Date() }: StartOptions,
): Promise<EncounterResult & { created?: boolean }> {
  if (!can(operator.role, 'clinical.write')) return fail('forbidden');
  const previous = (await db.encounters.find({ selector: { patientId: patient.id } }).exec()).map(plain);
  if (appointmentId) {
    const open = previous.find(
      (e) =>
        e.appointmentId === appointmentId &&
        e.doctorId === operator.id &&
        e.status === 'draft' &&
        e.revisionNo === 1,
    );
    if (open) return { ok: true, encounter: open, created: false };
  }
  const doc = newEncounterDraft({
    id: uuidv7(),
    orgId: operator.orgId,
    patient,
    previous,
    appointmentId,
    doctor: { id: operator.id, name: operator.name },
    department,
    at: now.toISOString(),
  });
  await db.encounters.insert(doc);
  await audit(db, operator, 'encounter.create', doc.id, now);
  if (appointmentId) {
    const appointment = await db.appointments.findOne(appointmentId).exec();
    if (appointment && !appointment.encounterId)
      await appointment.incrementalPatch({ encounterId: doc.id, updatedAt: now.toISOString() });
  }
  return { ok: true, encounter: doc, created: true };
}

/** The editable part of `edit`, so a save can never touch ownership, status or revision fields. */
function contentOf(edit: EncounterEdit, current: EncounterDoc): EncounterEdit & { amendReason: string } {
  return {
    visitType: edit.visitType,
    chiefComplaint: edit.chiefComplaint,
    presentHistory: edit.presentHistory,
    pastHistory: edit.pastHistory,
    allergies: [...edit.allergies],
    vitals: { ...edit.vitals },
    diagnoses: edit.diagnoses.map((d) => ({ ...d, name: { ...d.name } })),
    plan: edit.plan,
    advice: edit.advice,
    // Revision 1 has no reason; an amendment's reason may be reworded until it is signed.
    amendReason: current.revisionNo > 1 ? (edit.amendReason ?? current.amendReason) : '',
  };
}

/**
 * Saves the doctor's typing into their draft. Refuses, saving nothing, another doctor's draft
 * (`notAuthor`), a signed record (`signed`) and content the draft rules refuse (`invalid`).
 */
export async function saveDraft(
  db: ClinicDatabase,
  id: string,
  edit: EncounterEdit,
  operator: Operator,
  now: Date = new Date(),
): Promise<EncounterResult> {
  const current = await db.encounters.findOne(id).exec();
  if (!current) return fail('notFound');
  const before = plain(current);
  if (before.status === 'signed') return fail('signed');
  if (before.doctorId !== operator.id) return fail('notAuthor');
  const content = contentOf(edit, before);
  const errors = validateEncounterDraft({ ...content, revisionNo: before.revisionNo });
  if (errors.length) return { ok: false, reason: 'invalid', errors };
  try {
    const saved = await current.incrementalModify((doc) => {
      if (doc.status !== 'draft') throw new Error('signed');
      return { ...doc, ...content, updatedAt: now.toISOString() };
    });
    return { ok: true, encounter: plain(saved) };
  } catch {
    return fail('writeFailed');
  }
}

/**
 * Signs the doctor's draft: checks it is complete ({@link validateForSigning}), then locks it with
 * a signature bound to its content. Nothing is written when it is not complete.
 */
export async function signEncounter(
  db: ClinicDatabase,
  id: string,
  operator: Operator,
  now: Date = new Date(),
): Promise<EncounterResult> {
  if (!can(operator.role, 'clinical.write')) return fail('forbidden');
  const current = await db.encounters.findOne(id).exec();
  if (!current) return fail('notFound');
  const before = plain(current);
  if (before.status === 'signed') return fail('signed');
  if (before.doctorId !== operator.id) return fail('notAuthor');
  const errors = validateForSigning(before);
  if (errors.length) return { ok: false, reason: 'invalid', errors };
  const signer = { by: operator.id, byName: operator.name, at: now.toISOString() };
  try {
    const saved = await current.incrementalModify((doc) => {
      // Sign what is stored now, so a save racing the click cannot break the hash.
      if (validateForSigning(doc).length) throw new Error('invalid');
      return signRecord(doc, signer, encounterLockPolicy);
    });
    await audit(db, operator, 'encounter.sign', id, now);
    return { ok: true, encounter: plain(saved) };
  } catch {
    return fail('writeFailed');
  }
}

/**
 * Starts an amendment of a signed record: a new draft revision by this doctor that copies the
 * signed content and supersedes it once signed. The reason is required. When this doctor already
 * has an amendment draft of the record open, that draft is returned instead of a second one.
 */
export async function amendEncounter(
  db: ClinicDatabase,
  id: string,
  reason: string,
  operator: Operator,
  now: Date = new Date(),
): Promise<EncounterResult> {
  if (!can(operator.role, 'clinical.write')) return fail('forbidden');
  const trimmed = reason.trim();
  if (!trimmed) return fail('reasonRequired');
  if (trimmed.length > encounterTextLimits.amendReason) return fail('reasonTooLong');
  const current = await db.encounters.findOne(id).exec();
  if (!current) return fail('notFound');
  const signed = plain(current);
  if (signed.status !== 'signed') return fail('notSigned');
  const chain = (await db.encounters.find({ selector: { recordId: signed.recordId } }).exec()).map(plain);
  const later = chain.filter((e) => e.revisionNo > signed.revisionNo);
  if (later.some((e) => e.status === 'signed')) return fail('superseded');
  const pending = later.find((e) => e.status === 'draft');
  if (pending)
    return pending.doctorId === operator.id ? { ok: true, encounter: pending } : fail('amendmentPending');
  const draft: EncounterDoc = {
    ...nextRevision(signed, { id: uuidv7(), by: operator.id, at: now.toISOString(), reason: trimmed }),
    doctorId: operator.id,
    doctorName: operator.name,
  };
  await db.encounters.insert(draft);
  await audit(db, operator, 'encounter.amend', draft.id, now);
  return { ok: true, encounter: draft };
}

/**
 * Every encounter of the patient (all revisions), oldest first by creation, live; `undefined`
 * while loading. One query for the whole chart.
 */
export function usePatientEncounters(patientId: string | undefined): EncounterDoc[] | undefined {
  const { db } = useServices();
  const [encounters, setEncounters] = useState<EncounterDoc[] | undefined>(undefined);
  useEffect(() => {
    if (!patientId) return setEncounters([]);
    const sub = db.encounters
      .find({ selector: { patientId }, sort: [{ createdAt: 'asc' }] })
      .$.subscribe((docs) => setEncounters(docs.map(plain)));
    return () => sub.unsubscribe();
  }, [db, patientId]);
  return encounters;
}
