/**
 * Enrolments and post-transplant plans in the local database (`carePlans`, shared/carePlans):
 * enrolling a resident in a programme, leaving it, moving a due date with a reason, giving or
 * withdrawing the consent to share with the transplant centre (entries appended to its register),
 * correcting the transplant centre with a reason, and the transplant centre's plan with its
 * revisions. Contracts have their own repository (renderer/features/contracts). Every
 * write passes the same rules the platform applies (shared/carePlans/rules.ts) before it is
 * stored, so what the desk keeps the platform accepts. Results carry codes; the screens word them.
 */
import { v7 as uuidv7 } from 'uuid';
import {
  centreCorrectionsOf,
  consentEntry,
  consentGiven,
  consentHistory,
} from '../../../shared/carePlans/consent';
import {
  carePlanErrors,
  carePlanWriteErrors,
  mayWriteCarePlan,
  type CarePlanWriteContext,
} from '../../../shared/carePlans/rules';
import type {
  CarePlanDoc,
  CarePlanKind,
  ConsentAction,
  EnrolmentDoc,
  EnrolmentFields,
  LeftReason,
  TransplantPlanFields,
} from '../../../shared/carePlans/schema';
import { isEnrolment, isTransplantPlan } from '../../../shared/carePlans/schema';
import type { FieldError } from '../../../shared/sync/collections';
import type { Operator } from '../../app/operator';
import { recordAuditEvent } from '../../db/audit';
import type { ClinicDatabase } from '../../db/database';

/**
 * Why a write was refused:
 * - `forbidden`: the operator may not write this kind of care plan (shared/carePlans/rules.ts
 *   `mayWriteCarePlan`);
 * - `notFound`: no such enrolment or plan on this desk;
 * - `closed`: the enrolment was left and changes no more;
 * - `unchanged`: the consent already stands (or is already withdrawn), or the centre is already
 *   the one named;
 * - `invalid`: the content breaks the rules (see `errors`, codes of shared/carePlans/rules.ts);
 * - `writeFailed`: the database refused the write.
 */
export type CarePlanRefusal = 'forbidden' | 'notFound' | 'closed' | 'unchanged' | 'writeFailed';

export type CarePlanResult =
  | { ok: true; carePlan: CarePlanDoc }
  | { ok: false; reason: CarePlanRefusal }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

const plain = (doc: { toJSON(): unknown }) => doc.toJSON() as CarePlanDoc;
const fail = (reason: CarePlanRefusal): CarePlanResult => ({ ok: false, reason });
const writer = (operator: Operator) => ({ staffId: operator.id, role: operator.role, orgId: operator.orgId });

/** Every rule for storing `next` over `previous` (none for a new document), as the platform checks them. */
function errorsOf(
  next: CarePlanDoc,
  previous: CarePlanDoc | undefined,
  operator: Operator,
  context: CarePlanWriteContext = {},
): FieldError[] {
  return [...carePlanErrors(next), ...carePlanWriteErrors(next, previous, writer(operator), context)];
}

/** How a write is checked (the writer's organisation kind, as the platform knows it) and audited. */
export interface CarePlanWrite extends CarePlanWriteContext {
  /** Added to the audit event's details. */
  details?: Record<string, unknown>;
}

/** Stores new care plan `doc`, checked like a push, and audits its creation. */
async function insert(
  db: ClinicDatabase,
  operator: Operator,
  doc: CarePlanDoc,
  now: Date,
  write: CarePlanWrite = {},
): Promise<CarePlanResult> {
  const errors = errorsOf(doc, undefined, operator, write);
  if (errors.length) return { ok: false, reason: 'invalid', errors };
  try {
    await db.carePlans.insert(doc);
  } catch {
    return fail('writeFailed');
  }
  await recordAuditEvent(
    db,
    operator,
    'carePlan.create',
    { collection: 'carePlans', id: doc.id },
    { kind: doc.kind, ...write.details },
    now,
  );
  return { ok: true, carePlan: doc };
}

/**
 * Changes care plan `id` of `kind` with `change` (given the stored version), checked like a push;
 * audited with `what` changed.
 */
async function update(
  db: ClinicDatabase,
  operator: Operator,
  id: string,
  kind: CarePlanKind,
  what: string,
  change: (doc: CarePlanDoc) => CarePlanDoc | CarePlanRefusal,
  now: Date,
  write: CarePlanWriteContext = {},
): Promise<CarePlanResult> {
  if (!mayWriteCarePlan(operator, kind, write.orgKind)) return fail('forbidden');
  const stored = await db.carePlans.findOne(id).exec();
  if (!stored) return fail('notFound');
  const before = plain(stored);
  if (before.kind !== kind) return fail('notFound');
  // Each organisation writes only its own documents (DESIGN.md §10), shared ones are read-only.
  if (before.orgId !== operator.orgId) return fail('forbidden');
  const next = change(before);
  if (typeof next === 'string') return fail(next);
  const stamped = { ...next, updatedAt: now.toISOString() };
  const errors = errorsOf(stamped, before, operator, write);
  if (errors.length) return { ok: false, reason: 'invalid', errors };
  let saved: CarePlanDoc;
  try {
    // Written over what is stored at the moment of writing, with the same change.
    saved = plain(
      await stored.incrementalModify((doc) => {
        const again = change(doc);
        if (typeof again === 'string') throw new Error(again);
        return { ...again, updatedAt: stamped.updatedAt };
      }),
    );
  } catch {
    return fail('writeFailed');
  }
  await recordAuditEvent(
    db,
    operator,
    'carePlan.update',
    { collection: 'carePlans', id },
    { kind, change: what },
    now,
  );
  return { ok: true, carePlan: saved };
}

/** The one writer of care plans: contracts are stored through it too (renderer/features/contracts). */
export { insert as insertCarePlan, update as updateCarePlan };

/** A new care plan of the operator's organisation, in their name, at `now`. */
function newCarePlan(operator: Operator, patientId: string, now: Date) {
  const at = now.toISOString();
  return {
    id: uuidv7(),
    orgId: operator.orgId,
    sharedWith: [],
    patientId,
    createdBy: operator.id,
    createdByName: operator.name,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Enrols resident `patientId` in a programme with `fields` (an active enrolment: no leaving, no
 * schedule edits yet). A transplant enrolment names the transplant centre and, when the resident
 * consents, the consent register's first entry (recorded in the operator's name at `now` where an
 * entry leaves its time or author empty). Refused for a role that does not enrol (`forbidden`) and
 * content the rules refuse (`invalid`).
 */
export async function enrolResident(
  db: ClinicDatabase,
  operator: Operator,
  patientId: string,
  fields: EnrolmentFields,
  now: Date = new Date(),
): Promise<CarePlanResult> {
  if (!mayWriteCarePlan(operator, 'enrolment')) return fail('forbidden');
  const enrolment: EnrolmentFields = {
    ...fields,
    status: 'active',
    leftOn: null,
    leftReason: null,
    leftNote: '',
    scheduleEdits: [],
    consents: (fields.consents ?? []).map((entry) => ({
      action: entry.action,
      at: entry.at || now.toISOString(),
      by: entry.by || operator.id,
      byName: entry.byName || operator.name,
      note: entry.note.trim(),
    })),
  };
  delete enrolment.consent;
  delete enrolment.centreCorrections;
  return insert(
    db,
    operator,
    { ...newCarePlan(operator, patientId, now), kind: 'enrolment', enrolment },
    now,
  );
}

const asEnrolment = (doc: CarePlanDoc, change: (e: EnrolmentDoc) => EnrolmentFields) => {
  if (!isEnrolment(doc)) return 'notFound' as const;
  if (doc.enrolment.status === 'left') return 'closed' as const;
  return { ...doc, enrolment: change(doc) };
};

/** Records that the resident left enrolment `id` (moved, died, lost, other) on `leftOn`. */
export async function leaveEnrolment(
  db: ClinicDatabase,
  operator: Operator,
  id: string,
  leave: { leftOn: string; leftReason: LeftReason; leftNote: string },
  now: Date = new Date(),
): Promise<CarePlanResult> {
  return update(
    db,
    operator,
    id,
    'enrolment',
    'left',
    (doc) =>
      asEnrolment(doc, (e) => ({
        ...e.enrolment,
        status: 'left',
        leftOn: leave.leftOn,
        leftReason: leave.leftReason,
        leftNote: leave.leftNote.trim(),
      })),
    now,
  );
}

/**
 * Moves the due date of window `windowKey` of enrolment `id` to `dueDate`, with the doctor's
 * reason: a schedule edit in the operator's name, added after the earlier ones (the schedule
 * applies the latest edit of each window, shared/followups/windows.ts).
 */
export async function moveDueDate(
  db: ClinicDatabase,
  operator: Operator,
  id: string,
  edit: { windowKey: string; dueDate: string; reason: string },
  now: Date = new Date(),
): Promise<CarePlanResult> {
  const entry = {
    windowKey: edit.windowKey,
    dueDate: edit.dueDate,
    reason: edit.reason.trim(),
    at: now.toISOString(),
    by: operator.id,
    byName: operator.name,
  };
  return update(
    db,
    operator,
    id,
    'enrolment',
    'scheduleEdit',
    (doc) =>
      asEnrolment(doc, (e) => ({ ...e.enrolment, scheduleEdits: [...e.enrolment.scheduleEdits, entry] })),
    now,
  );
}

/**
 * Appends to the consent register of enrolment `id`: the resident gives the consent to share with
 * the transplant centre (`note`: how, optional) or withdraws it (`note`: why, required), in the
 * operator's name at `now`. The platform then shares the enrolment's records with the centre, or
 * stops; earlier entries stay as they were. `unchanged` when the consent already stands (giving) or
 * does not (withdrawing).
 */
export async function recordConsent(
  db: ClinicDatabase,
  operator: Operator,
  id: string,
  action: ConsentAction,
  note: string,
  now: Date = new Date(),
): Promise<CarePlanResult> {
  const entry = consentEntry(action, operator, note, now);
  return update(
    db,
    operator,
    id,
    'enrolment',
    action === 'given' ? 'consentGiven' : 'consentWithdrawn',
    (doc) => {
      if (isEnrolment(doc) && consentGiven(doc.enrolment) === (action === 'given')) return 'unchanged';
      return asEnrolment(doc, (e) => {
        const { consent: _single, ...fields } = e.enrolment;
        return { ...fields, consents: [...consentHistoryOf(e), entry] };
      });
    },
    now,
  );
}

/** The register as stored, or version 0's single consent as its first entry. */
const consentHistoryOf = (e: EnrolmentDoc) => consentHistory(e.enrolment);

/**
 * Corrects the transplant centre enrolment `id` names to `to`, with the doctor's reason, appended
 * to its corrections in the operator's name: the platform moves the sharing from the hospital
 * named before to `to` (it refuses a hospital that may not be a transplant centre).
 */
export async function correctTransplantCentre(
  db: ClinicDatabase,
  operator: Operator,
  id: string,
  correction: { to: string; reason: string },
  now: Date = new Date(),
): Promise<CarePlanResult> {
  return update(
    db,
    operator,
    id,
    'enrolment',
    'centreCorrected',
    (doc) => {
      if (!isEnrolment(doc) || doc.enrolment.programme !== 'transplant') return 'notFound';
      const from = doc.enrolment.transplantOrgId;
      if (!from || from === correction.to) return 'unchanged';
      return asEnrolment(doc, (e) => ({
        ...e.enrolment,
        transplantOrgId: correction.to,
        centreCorrections: [
          ...centreCorrectionsOf(e.enrolment),
          {
            from,
            to: correction.to,
            reason: correction.reason.trim(),
            at: now.toISOString(),
            by: operator.id,
            byName: operator.name,
          },
        ],
      }));
    },
    now,
  );
}

/**
 * Sets the post-transplant plan of a resident shared with this hospital (`planId` null: the first
 * revision) or revises it (`planId`: the plan to change; `fields.revision` must be the next one,
 * with its reason). Only a role that writes plans at the plan's own organisation changes it.
 */
export async function saveTransplantPlan(
  db: ClinicDatabase,
  operator: Operator,
  patientId: string,
  fields: TransplantPlanFields,
  planId: string | null,
  now: Date = new Date(),
): Promise<CarePlanResult> {
  if (!mayWriteCarePlan(operator, 'transplantPlan')) return fail('forbidden');
  const plan: TransplantPlanFields = {
    ...fields,
    phases: fields.phases.map((p) => ({ ...p })),
    tests: [...fields.tests],
    instructions: fields.instructions.trim(),
    revisionReason: fields.revisionReason.trim(),
  };
  if (planId === null)
    return insert(
      db,
      operator,
      {
        ...newCarePlan(operator, patientId, now),
        kind: 'transplantPlan',
        transplantPlan: { ...plan, revision: 1, revisionReason: '' },
      },
      now,
    );
  return update(
    db,
    operator,
    planId,
    'transplantPlan',
    'revision',
    (doc) => {
      if (!isTransplantPlan(doc) || doc.patientId !== patientId) return 'notFound';
      return { ...doc, transplantPlan: plan };
    },
    now,
  );
}

/** A resident's care plans on this desk (any kind, any organisation shared with it). */
export async function patientCarePlans(db: ClinicDatabase, patientId: string): Promise<CarePlanDoc[]> {
  return (await db.carePlans.find({ selector: { patientId } }).exec()).map(plain);
}
