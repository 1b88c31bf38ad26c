/**
 * Consultation records in the local database: starting one from the queue or a chart (or going
 * back to the draft left there today), saving the draft as the doctor types, signing it,
 * discarding a draft never signed, and amending a signed record with a new revision. No
 * React here but {@link usePatientEncounters}: the screens call these functions, and unit tests
 * run them on RxDB's memory storage. Results carry codes; the screens word them.
 */
import { useEffect, useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import { can } from '../../../shared/auth/roles';
import { clinicalRulesVersion, signRecord } from '../../../shared/clinical/signature';
import { amendmentDraft, newEncounterDraft, newFollowUpDraft } from '../../../shared/encounters/draft';
import type { EnrolmentDoc } from '../../../shared/carePlans/schema';
import { reusableDraft, writerOf } from '../../../shared/encounters/record';
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
import { adoptTriage, keepNurseFields, triageOf } from '../../../shared/observations/rules';
import type { ObservationDoc } from '../../../shared/observations/schema';
import { localIsoDate } from '../../../shared/patients/rules';
import type { PatientDoc } from '../../../shared/patients/schema';
import type { Operator } from '../../app/operator';
import { useServices } from '../../app/services';
import { recordAuditEvent } from '../../db/audit';
import type { ClinicDatabase } from '../../db/database';

/**
 * Why a write was refused:
 * - `forbidden`: the operator's role does not write clinical records;
 * - `notFound`: no such encounter;
 * - `notAuthor`: the draft belongs to another doctor (its writer: the author, or the doctor of
 *   an addendum);
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
/** The chart of no patient: the same empty array each render. */
const noEncounters: EncounterDoc[] = [];
const fail = (reason: Exclude<EncounterWriteError, 'invalid'>): EncounterResult => ({ ok: false, reason });

function audit(
  db: ClinicDatabase,
  operator: Operator,
  action: 'encounter.create' | 'encounter.sign' | 'encounter.amend' | 'encounter.discard',
  id: string,
  at: Date,
  details?: Record<string, string | number>,
) {
  return recordAuditEvent(db, operator, action, { collection: 'encounters', id }, details, at);
}

/** Points the queue entry at the consultation when it points at none yet. */
async function linkAppointment(db: ClinicDatabase, appointmentId: string, encounterId: string, now: Date) {
  const appointment = await db.appointments.findOne(appointmentId).exec();
  if (appointment && !appointment.encounterId)
    await appointment.incrementalPatch({ encounterId, updatedAt: now.toISOString() });
}

/**
 * Opens the consultation of `patient` for this doctor: the doctor's open draft for the same
 * appointment, or the never-signed draft they started for the patient today (shared/encounters/
 * record.ts `reusableDraft`), so opening the chart twice does not pile up empty drafts; else a new
 * draft (visit type and prefill from the patient's earlier encounters), linked from the appointment.
 */
export async function startEncounter(
  db: ClinicDatabase,
  patient: Pick<PatientDoc, 'id' | 'allergies' | 'tags'>,
  operator: Operator,
  { appointmentId, department, now = new Date() }: StartOptions,
): Promise<EncounterResult & { created?: boolean }> {
  if (!can(operator.role, 'clinical.write')) return fail('forbidden');
  const previous = (await db.encounters.find({ selector: { patientId: patient.id } }).exec()).map(plain);
  const open = reusableDraft(previous, {
    patientId: patient.id,
    doctorId: operator.id,
    appointmentId,
    today: localIsoDate(now),
    dayOf: (iso) => localIsoDate(new Date(iso)),
  });
  if (open) {
    if (!appointmentId || open.appointmentId === appointmentId)
      return { ok: true, encounter: open, created: false };
    // Today's draft from the chart becomes the consultation of the queue entry called now.
    const stored = await db.encounters.findOne(open.id).exec();
    if (stored?.status === 'draft' && stored.appointmentId === null) {
      const adopted = await stored.incrementalPatch({ appointmentId, updatedAt: now.toISOString() });
      await linkAppointment(db, appointmentId, open.id, now);
      return { ok: true, encounter: plain(adopted), created: false };
    }
  }
  const doc = newEncounterDraft({
    triage: appointmentId ? await visitTriage(db, patient.id, appointmentId) : null,
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
  if (appointmentId) await linkAppointment(db, appointmentId, doc.id, now);
  return { ok: true, encounter: doc, created: true };
}

export interface FollowUpStartOptions {
  /**
   * The consultation the visit starts from (the button on the encounter page): its vitals are
   * carried over, not typed twice, and the visit belongs to the same queue entry.
   */
  fromEncounterId?: string | null;
  /** The due window the visit fulfils (shared/followups/windows.ts); null for an extra visit. */
  windowKey?: string | null;
  /** The queue entry, when started from the queue rather than a consultation. */
  appointmentId?: string | null;
  department?: string;
  now?: Date;
}

/**
 * Opens a follow-up visit (`kind: 'followUp'`) of `enrolment` for resident `patientId`: this
 * doctor's open draft for the same enrolment and window when there is one (opening the form twice
 * does not pile up drafts), else a new draft (shared/encounters/draft.ts `newFollowUpDraft`) —
 * from a consultation (`fromEncounterId`) with its vitals and queue entry. Refused for a role
 * that writes no clinical records (`forbidden`) and an unknown resident or consultation (`notFound`).
 */
export async function startFollowUpVisit(
  db: ClinicDatabase,
  operator: Operator,
  patientId: string,
  enrolment: Pick<EnrolmentDoc, 'id' | 'patientId' | 'enrolment'>,
  {
    fromEncounterId = null,
    windowKey = null,
    appointmentId = null,
    department,
    now = new Date(),
  }: FollowUpStartOptions = {},
): Promise<EncounterResult & { created?: boolean }> {
  if (!can(operator.role, 'clinical.write')) return fail('forbidden');
  const patient = await db.patients.findOne(patientId).exec();
  if (!patient || enrolment.patientId !== patientId) return fail('notFound');
  const previous = (await db.encounters.find({ selector: { patientId } }).exec()).map(plain);
  const from = fromEncounterId ? previous.find((e) => e.id === fromEncounterId) : null;
  if (fromEncounterId && !from) return fail('notFound');
  const open = previous
    .filter(
      (e) =>
        e.kind === 'followUp' &&
        e.doctorId === operator.id &&
        e.revisionNo === 1 &&
        e.status === 'draft' &&
        e.followUp?.enrolmentId === enrolment.id &&
        (e.followUp.windowKey ?? null) === windowKey,
    )
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))[0];
  if (open) return { ok: true, encounter: open, created: false };
  const doc = newFollowUpDraft({
    id: uuidv7(),
    orgId: operator.orgId,
    patient: patient.toJSON() as PatientDoc,
    previous,
    appointmentId,
    doctor: { id: operator.id, name: operator.name },
    department: department ?? from?.department ?? '',
    at: now.toISOString(),
    enrolment,
    windowKey,
    from,
  });
  await db.encounters.insert(doc);
  await audit(db, operator, 'encounter.create', doc.id, now, { kind: 'followUp' });
  return { ok: true, encounter: doc, created: true };
}

/** The triage a nurse recorded for the visit (shared/observations/rules.ts `triageOf`), or null. */
async function visitTriage(db: ClinicDatabase, patientId: string, appointmentId: string) {
  const observations = await db.observations.find({ selector: { patientId } }).exec();
  return triageOf(
    observations.map((o) => o.toJSON() as ObservationDoc),
    appointmentId,
  );
}

/**
 * Takes the visit's triage into the doctor's draft that started without it (it reached this desk
 * after the patient was called; shared/observations/rules.ts `adoptTriage`): `notFound` when the
 * draft has no visit or the visit no triage, and nothing changes when it already has one.
 */
export async function takeTriage(
  db: ClinicDatabase,
  id: string,
  operator: Operator,
  now: Date = new Date(),
): Promise<EncounterResult> {
  const found = await ownDraft(db, id, operator);
  if ('ok' in found) return found;
  const { current, before } = found;
  if (before.triage) return { ok: true, encounter: before };
  const triage = before.appointmentId ? await visitTriage(db, before.patientId, before.appointmentId) : null;
  if (!triage) return fail('notFound');
  try {
    const saved = await current.incrementalModify((doc) => {
      if (doc.status !== 'draft') throw new Error('signed');
      return { ...doc, ...adoptTriage(doc, triage), updatedAt: now.toISOString() };
    });
    return { ok: true, encounter: plain(saved) };
  } catch {
    return fail('writeFailed');
  }
}

/** A signed record: what saving and signing refuse to touch. */
const isSigned = (doc: EncounterDoc) => doc.status === 'signed';

/**
 * Loads encounter `id` for a write by its writer: refuses a missing record (`notFound`), a locked
 * one (`signed`, as `locked` judges it) and a draft someone else writes (`notAuthor`). Returns the
 * stored document to write through and its content as it is now.
 */
async function ownDraft(
  db: ClinicDatabase,
  id: string,
  operator: Operator,
  locked: (doc: EncounterDoc) => boolean = isSigned,
) {
  const current = await db.encounters.findOne(id).exec();
  if (!current) return fail('notFound');
  const before = plain(current);
  if (locked(before)) return fail('signed');
  if (writerOf(before) !== operator.id) return fail('notAuthor');
  return { current, before };
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
    physicalExam: edit.physicalExam ?? current.physicalExam ?? '',
    auxiliaryExams: edit.auxiliaryExams ?? current.auxiliaryExams ?? '',
    diagnoses: edit.diagnoses.map((d) => ({ ...d, name: { ...d.name } })),
    plan: edit.plan,
    advice: edit.advice,
    // A follow-up visit's form is saved with it; a consultation has none.
    ...(current.kind === 'followUp' && (edit.followUp ?? current.followUp)
      ? { followUp: structuredClone(edit.followUp ?? current.followUp)! }
      : {}),
    // Revision 1 has no reason; an amendment's reason may be reworded until it is signed.
    amendReason: current.revisionNo > 1 ? (edit.amendReason ?? current.amendReason) : '',
  };
}

/**
 * Saves the doctor's typing into their draft. Refuses, saving nothing, a draft someone else writes
 * (`notAuthor`), a signed record (`signed`) and content the draft rules refuse (`invalid`).
 */
export async function saveDraft(
  db: ClinicDatabase,
  id: string,
  edit: EncounterEdit,
  operator: Operator,
  now: Date = new Date(),
): Promise<EncounterResult> {
  const found = await ownDraft(db, id, operator);
  if ('ok' in found) return found;
  const { current, before } = found;
  const content = contentOf(edit, before);
  // A triage value the doctor changed is the doctor's from now on (shared/observations/rules.ts).
  if (before.triage) content.triage = keepNurseFields(before.triage, before, content);
  const errors = validateEncounterDraft({ ...content, kind: before.kind, revisionNo: before.revisionNo });
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
 * Signs the doctor's draft under the current rules (`clinicalRulesVersion`, stamped on the record
 * as it is signed): checks it is complete ({@link validateForSigning}), then locks it with a
 * signature bound to its content. Nothing is written when it is not complete. The caller has
 * confirmed the signer's identity (re-authentication).
 */
export async function signEncounter(
  db: ClinicDatabase,
  id: string,
  operator: Operator,
  now: Date = new Date(),
): Promise<EncounterResult> {
  if (!can(operator.role, 'clinical.write')) return fail('forbidden');
  const found = await ownDraft(db, id, operator);
  if ('ok' in found) return found;
  const { current, before } = found;
  const errors = validateForSigning(before, clinicalRulesVersion);
  if (errors.length) return { ok: false, reason: 'invalid', errors };
  const signer = { by: operator.id, byName: operator.name, at: now.toISOString() };
  try {
    const saved = await current.incrementalModify((doc) => {
      // Sign what is stored now, so a save racing the click cannot break the hash.
      const stamped = { ...doc, rulesVersion: clinicalRulesVersion };
      if (validateForSigning(stamped, clinicalRulesVersion).length) throw new Error('invalid');
      return signRecord(stamped, signer, encounterLockPolicy);
    });
    await audit(db, operator, 'encounter.sign', id, now);
    return { ok: true, encounter: plain(saved) };
  } catch {
    return fail('writeFailed');
  }
}

/**
 * Starts an amendment of a signed record: a new draft revision written by this doctor that copies
 * the signed content and supersedes it once signed (shared/encounters/draft.ts `amendmentDraft`).
 * The record's author and visit time stay; another doctor's amendment is an addendum in their own
 * name. The reason is required. When this doctor already has an amendment draft of the record
 * open, that draft is returned instead of a second one.
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
    return writerOf(pending) === operator.id ? { ok: true, encounter: pending } : fail('amendmentPending');
  const draft = amendmentDraft(signed, {
    id: uuidv7(),
    doctor: { id: operator.id, name: operator.name },
    at: now.toISOString(),
    reason: trimmed,
    chain,
  });
  await db.encounters.insert(draft);
  await audit(db, operator, 'encounter.amend', draft.id, now);
  return { ok: true, encounter: draft };
}

/**
 * Discards a draft that was never signed, by the person who writes it: revision 1 disappears (the
 * queue entry no longer points at it); an amendment draft disappears and the signed revision it
 * would have replaced stays as it is. The deletion syncs like any write and is audited. Refuses a
 * signed record (`signed`) and someone else's draft (`notAuthor`).
 */
export async function discardDraft(
  db: ClinicDatabase,
  id: string,
  operator: Operator,
  now: Date = new Date(),
): Promise<EncounterResult> {
  if (!can(operator.role, 'clinical.write')) return fail('forbidden');
  // Nothing that carries a signature is deleted, whatever its status says.
  const found = await ownDraft(db, id, operator, (doc) => doc.status !== 'draft' || doc.signature !== null);
  if ('ok' in found) return found;
  const { current, before } = found;
  try {
    await current.remove();
  } catch {
    return fail('writeFailed');
  }
  await audit(db, operator, 'encounter.discard', id, now, {
    recordId: before.recordId,
    revisionNo: before.revisionNo,
  });
  if (before.appointmentId && before.revisionNo === 1) {
    const appointment = await db.appointments.findOne(before.appointmentId).exec();
    if (appointment?.encounterId === id)
      await appointment.incrementalPatch({ encounterId: null, updatedAt: now.toISOString() });
  }
  return { ok: true, encounter: before };
}

/**
 * Every encounter of the patient (all revisions), oldest first by creation, live; `undefined`
 * while loading. One query for the whole chart.
 */
export function usePatientEncounters(patientId: string | undefined): EncounterDoc[] | undefined {
  const { db } = useServices();
  const [encounters, setEncounters] = useState<EncounterDoc[] | undefined>(undefined);
  useEffect(() => {
    if (!patientId) return;
    const sub = db.encounters
      .find({ selector: { patientId }, sort: [{ createdAt: 'asc' }] })
      .$.subscribe((docs) => setEncounters(docs.map(plain)));
    return () => sub.unsubscribe();
  }, [db, patientId]);
  return patientId ? encounters : noEncounters;
}
