/**
 * Family doctor contracts (家庭医生签约, DOMAIN.md §4): the status a contract has on a given day
 * (`expired` is derived from its end date, never stored), terms, renewal, expiry reminders, the
 * one-active-contract rule and a doctor's panel. Pure: the day is a parameter.
 */
import type { ContractDoc, ContractFields } from '../carePlans/schema';
import { addDays, addYears, daysBetween } from './dates';

export type DerivedContractStatus = 'active' | 'expired' | 'renewed' | 'terminated';

type Term = Pick<ContractFields, 'status' | 'startDate' | 'endDate'>;

/**
 * The status on `day`: a terminated or renewed contract stays so; an active one is `expired` from
 * the day after its last day (`endDate` is inclusive). A contract whose term has not started yet
 * is `active` (signed; see {@link inForceOn}).
 */
export function contractStatusOn(contract: Term, day: string): DerivedContractStatus {
  if (contract.status !== 'active') return contract.status;
  return day > contract.endDate ? 'expired' : 'active';
}

/** Whether the contract binds the resident on `day`: active and `day` within its term. */
export const inForceOn = (contract: Term, day: string): boolean =>
  contract.status === 'active' && contract.startDate <= day && day <= contract.endDate;

/** The usual term: one year, ending the day before the anniversary (2026-12-07 → 2027-12-06). */
export const defaultContractEnd = (startDate: string): string => addDays(addYears(startDate, 1), -1);

/** A renewal starts the day after the renewed contract's last day (or today when it has expired). */
export const renewalStart = (contract: Pick<ContractFields, 'endDate'>, today: string): string => {
  const next = addDays(contract.endDate, 1);
  return next > today ? next : today;
};

/** Days before the end from which a contract is listed as expiring. */
export const expiringDays = 30;

/**
 * Whether an active contract ends within `days` days of `today` (its last day from today to
 * today + days, both included) and has no renewal among `others`.
 */
export function expiringWithin(
  contract: ContractDoc,
  today: string,
  days: number = expiringDays,
  others: readonly ContractDoc[] = [],
): boolean {
  if (contractStatusOn(contract.contract, today) !== 'active') return false;
  const left = daysBetween(today, contract.contract.endDate);
  if (left < 0 || left > days) return false;
  return !others.some(
    (o) => o.contract.renewsContractId === contract.id && o.contract.status !== 'terminated',
  );
}

/** 'QY-20261207-0001': the agreement number of the `seq`-th contract a desk signs on `day`. */
export function formatAgreementNo(day: string, seq: number, prefix = 'QY'): string {
  return `${prefix}-${day.replaceAll('-', '')}-${String(seq).padStart(4, '0')}`;
}

const overlap = (a: Term, b: Term) => a.startDate <= b.endDate && b.startDate <= a.endDate;

/**
 * Residents with more than one active contract whose terms overlap, not yet expired on `today`
 * (signed offline on two desks, say): a person settles which one stands. Each group lists the
 * contract ids oldest first (by `createdAt`, then id).
 */
export function contractCollisions(
  contracts: readonly ContractDoc[],
  today: string,
): { patientId: string; contractIds: string[] }[] {
  const byPatient = new Map<string, ContractDoc[]>();
  for (const c of contracts) {
    if (contractStatusOn(c.contract, today) !== 'active') continue;
    const list = byPatient.get(c.patientId);
    if (list) list.push(c);
    else byPatient.set(c.patientId, [c]);
  }
  const groups: { patientId: string; contractIds: string[] }[] = [];
  for (const [patientId, list] of byPatient) {
    if (list.length < 2) continue;
    const clashing = list.filter((c) => list.some((o) => o !== c && overlap(c.contract, o.contract)));
    if (clashing.length < 2) continue;
    clashing.sort((a, b) =>
      a.createdAt === b.createdAt ? a.id.localeCompare(b.id) : a.createdAt < b.createdAt ? -1 : 1,
    );
    groups.push({ patientId, contractIds: clashing.map((c) => c.id) });
  }
  return groups.sort((a, b) => a.patientId.localeCompare(b.patientId));
}

/** The resident's contract in force on `day` (the latest signed when several collide); null when none. */
export function activeContractOf(
  contracts: readonly ContractDoc[],
  patientId: string,
  day: string,
): ContractDoc | null {
  let found: ContractDoc | null = null;
  for (const c of contracts)
    if (c.patientId === patientId && inForceOn(c.contract, day) && (!found || c.createdAt > found.createdAt))
      found = c;
  return found;
}

/** A doctor's panel: the residents with a contract in force on `day` with a team they lead. */
export function panelOf(contracts: readonly ContractDoc[], doctorId: string, day: string): string[] {
  const ids = new Set<string>();
  for (const c of contracts)
    if (c.contract.team.doctorId === doctorId && inForceOn(c.contract, day)) ids.add(c.patientId);
  return [...ids];
}
