/**
 * Family doctor contracts (家庭医生签约, DOMAIN.md §4) in the local database: signing, renewal,
 * termination with a reason, and settling two active contracts signed for one resident on two
 * desks while apart. Each is a `carePlans` document of kind `contract`, the signing centre's own.
 * Results carry codes; the screens word them (`contracts` namespace).
 */
import { v7 as uuidv7 } from 'uuid';
import { mayWriteCarePlan } from '../../../shared/carePlans/rules';
import type { CarePlanDoc, ContractFields } from '../../../shared/carePlans/schema';
import type { PaperTarget } from '../../../shared/prescriptions/prints';
import type { FieldError } from '../../../shared/sync/collections';
import type { Operator } from '../../app/operator';
import { recordAuditEvent } from '../../db/audit';
import type { ClinicDatabase } from '../../db/database';
import { insertCarePlan, updateCarePlan, type CarePlanResult } from '../carePlans/carePlanRepository';
import { localDate } from '../today/appointmentRepository';
import { agreementNumber } from './contractForm';
import { activeContractsOf } from './contractStatus';

export type ContractRefusal =
  'forbidden' | 'alreadyActive' | 'notFound' | 'notActive' | 'reasonRequired' | 'writeFailed';

export type ContractResult =
  | { ok: true; contract: CarePlanDoc }
  | { ok: false; reason: ContractRefusal }
  | { ok: false; reason: 'invalid'; errors: FieldError[] };

/** Who may sign, renew and terminate: a doctor (carePlan.write) of a community health centre. */
export function maySignContracts(operator: Operator, organisationKind: string): boolean {
  return organisationKind === 'chc' && mayWriteCarePlan(operator, 'contract', 'chc');
}

/** Contracts are a centre's documents: every write is checked as the platform checks a centre's. */
const centre = { orgKind: 'chc' } as const;

/** The care-plan writer's answer in the contract screens' terms. */
function asContract(result: CarePlanResult): ContractResult {
  if (result.ok) return { ok: true, contract: result.carePlan };
  if (result.reason === 'invalid') return result;
  // The operator may sign (checked first): a refusal names a contract of another organisation
  // (not this desk's to change) or one no longer active.
  if (result.reason === 'forbidden' || result.reason === 'notFound') return { ok: false, reason: 'notFound' };
  if (result.reason === 'closed' || result.reason === 'unchanged') return { ok: false, reason: 'notActive' };
  return { ok: false, reason: result.reason };
}

/**
 * Moves stored contract `id` on with `change` through the care-plan writer (checked like a push,
 * audited with `what` changed); refused when the contract is another organisation's or no longer
 * active.
 */
async function changeContract(
  db: ClinicDatabase,
  operator: Operator,
  id: string,
  what: string,
  change: (contract: ContractFields, at: string) => ContractFields,
  now: Date,
): Promise<ContractResult> {
  const at = now.toISOString();
  const result = await updateCarePlan(
    db,
    operator,
    id,
    'contract',
    what,
    (doc) => {
      if (!doc.contract) return 'notFound';
      if (doc.contract.status !== 'active') return 'closed';
      return { ...doc, contract: change(doc.contract, at) };
    },
    now,
    centre,
  );
  return asContract(result);
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
  const signed = await insertCarePlan(db, operator, contract, now, {
    ...centre,
    details: renews ? { renews } : {},
  });
  if (!signed.ok) return asContract(signed);
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

/**
 * Records a print of contract `id`'s agreement that came out on paper (the host reported it, or
 * the person confirmed it after a browser's dialog): an audit event naming the contract, with the
 * page size and where it printed. The contract itself does not change.
 */
export async function recordContractPrint(
  db: ClinicDatabase,
  operator: Operator,
  id: string,
  print: { pageSize: string; target: PaperTarget },
  now: Date = new Date(),
): Promise<ContractResult> {
  const stored = await db.carePlans.findOne(id).exec();
  const contract = stored ? plain(stored) : null;
  if (!contract || contract.kind !== 'contract') return { ok: false, reason: 'notFound' };
  try {
    await recordAuditEvent(
      db,
      operator,
      'carePlan.print',
      { collection: 'carePlans', id },
      { kind: 'contract', pageSize: print.pageSize, target: print.target },
      now,
    );
  } catch {
    return { ok: false, reason: 'writeFailed' };
  }
  return { ok: true, contract };
}
