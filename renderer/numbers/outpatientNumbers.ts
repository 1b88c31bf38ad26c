/**
 * Outpatient numbers (门诊号) on residents' records: drawn from this desk's blocks
 * (./deskNumbers.ts) at registration, given to a resident registered before numbers existed when
 * their record is next saved or opened here, and drawn afresh when the platform refuses a number
 * as already held by another resident (`outpatientNoTaken`: this desk was copied or restored).
 * Every number given is audited (`patient.assignNumber`). No React here: screens and the numbers
 * service call these, and unit tests run them on RxDB's memory storage.
 */
import { can } from '../../shared/auth/roles';
import { numberTakenCode, type NumbersErrorCode } from '../../shared/numbers/protocol';
import type { PatientDoc } from '../../shared/patients/schema';
import type { FieldError } from '../../shared/sync/collections';
import type { Operator } from '../app/operator';
import { recordAuditEvent } from '../db/audit';
import type { ClinicDatabase } from '../db/database';
import type { DeskNumbers, LeaseTransport, TakeResult } from './deskNumbers';

/** Where numbers come from: this desk's blocks, and the platform connection when online. */
export interface NumberSource {
  numbers: DeskNumbers;
  transport: LeaseTransport | null;
}

/** Why a number was given: registration, a save or opening of an older record, a refused number. */
export type AssignReason = 'registered' | 'saved' | 'opened' | 'taken';

export type AssignResult =
  | { ok: true; number: string }
  | { ok: false; code: NumbersErrorCode | 'notFound' | 'forbidden' | 'unchanged' };

/**
 * `now` as the record's new `updatedAt`, at least a millisecond after `before`: the outbox tells a
 * newer version from the refused one by it.
 */
const laterThan = (before: string, now: Date) =>
  new Date(Math.max(now.getTime(), Date.parse(before) + 1)).toISOString();

/** The next outpatient number of this desk. */
export const drawOutpatientNo = (source: NumberSource): Promise<TakeResult> =>
  source.numbers.take('outpatient', source.transport);

/** Records that `number` was given to resident `id`. */
export function auditNumber(
  db: ClinicDatabase,
  operator: Operator,
  id: string,
  number: string,
  reason: AssignReason,
  at: Date,
  replaced?: string,
): Promise<void> {
  return recordAuditEvent(
    db,
    operator,
    'patient.assignNumber',
    { collection: 'patients', id },
    { outpatientNo: number, reason, ...(replaced ? { replaced } : {}) },
    at,
  );
}

/**
 * Gives resident `id` an outpatient number when they have none: only a resident of the operator's
 * organisation, and only for a role that registers residents. A resident who has one keeps it.
 */
export async function ensureOutpatientNo(
  db: ClinicDatabase,
  source: NumberSource,
  id: string,
  operator: Operator,
  reason: Exclude<AssignReason, 'taken' | 'registered'>,
  now = new Date(),
): Promise<AssignResult> {
  if (!can(operator.role, 'patient.register')) return { ok: false, code: 'forbidden' };
  const current = await db.patients.findOne(id).exec();
  if (!current) return { ok: false, code: 'notFound' };
  if (current.orgId !== operator.orgId) return { ok: false, code: 'forbidden' };
  if (current.outpatientNo) return { ok: false, code: 'unchanged' };
  const drawn = await drawOutpatientNo(source);
  if (!drawn.ok) return { ok: false, code: drawn.code };
  let given = false;
  await current.incrementalModify((doc) => {
    // Someone else's number arrived meanwhile (sync): it stays; this one is simply never used.
    if (doc.outpatientNo) return doc;
    given = true;
    return { ...doc, outpatientNo: drawn.number, updatedAt: laterThan(doc.updatedAt, now) };
  });
  if (!given) return { ok: false, code: 'unchanged' };
  await auditNumber(db, operator, id, drawn.number, reason, now);
  return { ok: true, number: drawn.number };
}

/** Whether the platform refused a version for holding a number another resident holds. */
export const refusedAsTaken = (errors: readonly FieldError[] | undefined): boolean =>
  !!errors?.some((e) => e.field === 'outpatientNo' && e.code === numberTakenCode);

/**
 * Draws a fresh number for resident `id`, whose version `updatedAt` the platform refused because
 * another resident holds its number: the block that number came from is retired first (this desk's
 * copy of it is not its own), then the next number is taken, leasing a new block when needed. Does
 * nothing when the record changed since (that version is pushed and judged on its own).
 */
export async function renumberTaken(
  db: ClinicDatabase,
  source: NumberSource,
  id: string,
  updatedAt: string,
  operator: Operator,
  now = new Date(),
): Promise<AssignResult> {
  const current = await db.patients.findOne(id).exec();
  if (!current) return { ok: false, code: 'notFound' };
  const refused = current.outpatientNo;
  if (current.updatedAt !== updatedAt || !refused) return { ok: false, code: 'unchanged' };
  await source.numbers.retire('outpatient', refused, now);
  const drawn = await drawOutpatientNo(source);
  if (!drawn.ok) return { ok: false, code: drawn.code };
  let given = false;
  await current.incrementalModify((doc: PatientDoc) => {
    if (doc.updatedAt !== updatedAt || doc.outpatientNo !== refused) return doc;
    given = true;
    return { ...doc, outpatientNo: drawn.number, updatedAt: laterThan(doc.updatedAt, now) };
  });
  if (!given) return { ok: false, code: 'unchanged' };
  await auditNumber(db, operator, id, drawn.number, 'taken', now, refused);
  return { ok: true, number: drawn.number };
}
