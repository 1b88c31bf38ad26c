/**
 * Enrolments and post-transplant plans in the local database (`carePlans`, shared/carePlans):
 * enrolling a resident in a programme, leaving it, moving a due date with a reason, giving or
 * withdrawing the consent to share with the transplant centre, and the transplant centre's plan
 * with its revisions. Contracts have their own repository (renderer/features/contracts). Every
 * write passes the same rules the platform applies (shared/carePlans/rules.ts) before it is
 * stored, so what the desk keeps the platform accepts. Results carry codes; the screens word them.
 */
import { v7 as uuidv7 } from 'uuid';
import { carePlanErrors, carePlanWriteErrors, mayWriteCarePlan } from '../../../shared/carePlans/rules';
import type {
  CarePlanDoc,
  CarePlanKind,
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
 * - `invalid`: the content breaks the rules (see `errors`, codes of shared/carePlans/rules.ts);
 * - `writeFailed`: the database refused the write.
 */
export type CarePlanRefusal = 'forbidden' | 'notFound' | 'closed' | 'writeFailed';

export type CarePlanResult =
  | { ok: true; carePlan: CarePlanDoc }
  | { ok: false; reason: CarePlanRefusal }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

const plain = (doc: { toJSON(): unknown }) => doc.toJSON() as CarePlanDoc;
const fail = (reason: CarePlanRefusal): CarePlanResult => ({ ok: false, reason });
const writer = (operator: Operator) => ({ staffId: operator.id, role: operator.role, orgId: operator.orgId });

/** Every rule for storing `next` over `previous` (none for a new document), as the platform checks them. */
function errorsOf(next: CarePlanDoc, previous: CarePlanDoc | undefined, operator: Operator): FieldError[] {
  return [...carePlanErrors(next), ...carePlanWriteErrors(next, previous, writer(operator))];
}

async function insert(
  db: ClinicDatabase,
  operator: Operator,
  doc: CarePlanDoc,
  now: Date,
): Promise<CarePlanResult> {
  const errors = errorsOf(doc, undefined, operator);
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
    { kind: doc.kind },
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
): Promise<CarePlanResult> {
  if (!mayWriteCarePlan(operator, kind)) return fail('forbidden');
  const stored = await db.carePlans.findOne(id).exec();
  if (!stored) return fail('notFound');
  const before = plain(stored);
  if (before.kind !== kind) return fail('notFound');
  // Each organisation writes only its own documents (DESIGN.md §10), shared ones are read-only.
  if (before.orgId !== operator.orgId) return fail('forbidden');
  const next = change(before);
  if (typeof next === 'string') return fail(next);
  const stamped = { ...next, updatedAt: now.toISOString() };
  const errors = errorsOf(stamped, before, operator);
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
 * consents, the consent to share (recorded in the operator's name at `now` when `fields.consent`
 * is given without its own). Refused for a role that does not enrol (`forbidden`) and content the
 * rules refuse (`invalid`).
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
    consent: fields.consent
      ? {
          at: fields.consent.at || now.toISOString(),
          by: fields.consent.by || operator.id,
          byName: fields.consent.byName || operator.name,
          note: fields.consent.note.trim(),
        }
      : null,
  };
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
 * Records the resident's consent to share enrolment `id` with its transplant centre (`note`: how
 * it was given), or withdraws it (`null`): the platform then shares the enrolment's records with
 * the centre, or stops.
 */
export async function setConsent(
  db: ClinicDatabase,
  operator: Operator,
  id: string,
  consent: { note: string } | null,
  now: Date = new Date(),
): Promise<CarePlanResult> {
  const given = consent
    ? { at: now.toISOString(), by: operator.id, byName: operator.name, note: consent.note.trim() }
    : null;
  return update(
    db,
    operator,
    id,
    'enrolment',
    'consent',
    (doc) => asEnrolment(doc, (e) => ({ ...e.enrolment, consent: given })),
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
