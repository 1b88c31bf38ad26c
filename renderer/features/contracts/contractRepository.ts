/**
 * Family doctor contracts (家庭医生签约, DOMAIN.md §4) in the local database: signing, renewal,
 * termination with a reason, and settling two active contracts signed for one resident on two
 * desks while apart. Each is a `carePlans` document of kind `contract`, the signing centre's own.
 * Results carry codes; the screens word them (`contracts` namespace).
 */
import { v7 as uuidv7 } from 'uuid';
import { carePlanErrors, carePlanWriteErrors, mayWriteCarePlan } from '../../../shared/carePlans/rules';
import type { CarePlanDoc, ContractFields } from '../../../shared/carePlans/schema';
import type { FieldError } from '../../../shared/sync/collections';
import type { Operator } from '../../app/operator';
import { recordAuditEvent } from '../../db/audit';
import type { ClinicDatabase } from '../../db/database';
import { localDate } from '../today/appointmentRepository';
import { agreementNumber } from './contractForm';
import { activeContractsOf } from './contractStatus';

export type ContractRefusal = 'forbidden' | 'alreadyActive' | 'notFound' | 'notActive' | 'reasonRequired';

export type ContractResult =
  | { ok: true; contract: CarePlanDoc }
  | { ok: false; reason: ContractRefusal }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

/** Who may sign, renew and terminate: a doctor (carePlan.write) of a community health centre. */
export function maySignContracts(operator: Operator, organisationKind: string): boolean {
  return organisationKind === 'chc' && mayWriteCarePlan(operator, 'contract', 'chc');
}

/** Every rule the platform checks for storing `next` over `previous` (none when new). */
function errorsOf(next: CarePlanDoc, previous: CarePlanDoc | undefined, operator: Operator): FieldError[] {
  const writer = { staffId: operator.id, role: operator.role, orgId: operator.orgId };
  return [...carePlanErrors(next), ...carePlanWriteErrors(next, previous, writer, { orgKind: 'chc' })];
}

/**
 * Moves stored contract `id` on with `change`, checked like a push and audited; refused when the
 * contract is another organisation's or no longer active.
 */
async function changeContract(
  db: ClinicDatabase,
  operator: Operator,
  id: string,
  what: string,
  change: (contract: ContractFields, at: string) => ContractFields,
  now: Date,
): Promise<ContractResult> {
  const stored = await db.carePlans.findOne(id).exec();
  if (!stored) return { ok: false, reason: 'notFound' };
  const before = plain(stored);
  if (before.kind !== 'contract' || !before.contract || before.orgId !== operator.orgId)
    return { ok: false, reason: 'notFound' };
  if (before.contract.status !== 'active') return { ok: false, reason: 'notActive' };
  const at = now.toISOString();
  const next: CarePlanDoc = { ...before, contract: change(before.contract, at), updatedAt: at };
  const errors = errorsOf(next, before, operator);
  if (errors.length) return { ok: false, reason: 'invalid', errors };
  const saved = await stored.incrementalModify((d) => ({
    ...d,
    contract: change(d.contract!, at),
    updatedAt: at,
  }));
  await recordAuditEvent(
    db,
    operator,
    'carePlan.update',
    { collection: 'carePlans', id },
    { kind: 'contract', change: what },
    now,
  );
  return { ok: true, contract: plain(saved) };
}

const plain = (doc: { toJSON(): unknown }) => doc.toJSON() as CarePlanDoc;

/** Every contract of a resident on this desk. */
export async function contractsOf(db: ClinicDatabase, patientId: string): Promise<CarePlanDoc[]> {
  const found = await db.carePlans.find({ selector: { patientId, kind: 'contract' } }).exec();
  return found.map(plain);
}

/**
 * Signs a contract for `patientId` with `fields` (its agreement number is drawn here), at `now`.
 * Refused when the resident already has an active contract on this desk: that one is renewed or
 * terminated first (one team at a time, DOMAIN.md §4). A renewal passes `renews`: the contract
 * it renews, which then reads as renewed.
 */
export async function signContract(
  db: ClinicDatabase,
  operator: Operator,
  organisationKind: string,
  patientId: string,
  fields: Omit<
    ContractFields,
    'agreementNo' | 'status' | 'renewsContractId' | 'terminatedAt' | 'terminationReason'
  >,
  { renews = null, now = new Date() }: { renews?: string | null; now?: Date } = {},
): Promise<ContractResult> {
  if (!maySignContracts(operator, organisationKind)) return { ok: false, reason: 'forbidden' };
  const today = localDate(now);
  const existing = await contractsOf(db, patientId);
  const renewed = renews ? existing.find((c) => c.id === renews) : null;
  if (renews && !renewed) return { ok: false, reason: 'notFound' };
  const blocking = activeContractsOf(existing, today).filter((c) => c.id !== renews);
  if (blocking.length > 0) return { ok: false, reason: 'alreadyActive' };

  const at = now.toISOString();
  const id = uuidv7();
  const contract: CarePlanDoc = {
    id,
    orgId: operator.orgId,
    sharedWith: [],
    patientId,
    kind: 'contract',
    contract: {
      ...fields,
      agreementNo: agreementNumber(today, id),
      status: 'active',
      renewsContractId: renews,
      terminatedAt: null,
      terminationReason: '',
    },
    createdBy: operator.id,
    createdByName: operator.name,
    createdAt: at,
    updatedAt: at,
  };
  const errors = errorsOf(contract, undefined, operator);
  if (errors.length) return { ok: false, reason: 'invalid', errors };
  await db.carePlans.insert(contract);
  await recordAuditEvent(
    db,
    operator,
    'carePlan.create',
    { collection: 'carePlans', id },
    { kind: 'contract', ...(renews ? { renews } : {}) },
    now,
  );
  if (renewed?.contract && renewed.contract.status === 'active') {
    const marked = await changeContract(
      db,
      operator,
      renewed.id,
      'renewed',
      (c) => ({ ...c, status: 'renewed' }),
      now,
    );
    if (!marked.ok) return marked;
  }
  return { ok: true, contract };
}

/** Terminates an active contract with the reason given (required), at `now`. */
export async function terminateContract(
  db: ClinicDatabase,
  operator: Operator,
  organisationKind: string,
  contractId: string,
  reason: string,
  now: Date = new Date(),
): Promise<ContractResult> {
  if (!maySignContracts(operator, organisationKind)) return { ok: false, reason: 'forbidden' };
  if (!reason.trim()) return { ok: false, reason: 'reasonRequired' };
  return changeContract(
    db,
    operator,
    contractId,
    'terminated',
    (c, at) => ({ ...c, status: 'terminated', terminatedAt: at, terminationReason: reason.trim() }),
    now,
  );
}

/**
 * Settles a collision: keeps contract `keepId` and terminates the resident's other active
 * contracts with `reason` (the screen words it, naming the one kept).
 */
export async function settleContracts(
  db: ClinicDatabase,
  operator: Operator,
  organisationKind: string,
  patientId: string,
  keepId: string,
  reason: string,
  now: Date = new Date(),
): Promise<ContractResult> {
  if (!maySignContracts(operator, organisationKind)) return { ok: false, reason: 'forbidden' };
  const all = await contractsOf(db, patientId);
  const kept = all.find((c) => c.id === keepId);
  if (!kept) return { ok: false, reason: 'notFound' };
  for (const other of activeContractsOf(all, localDate(now)).filter((c) => c.id !== keepId)) {
    const result = await terminateContract(db, operator, organisationKind, other.id, reason, now);
    if (!result.ok) return result;
  }
  return { ok: true, contract: kept };
}
