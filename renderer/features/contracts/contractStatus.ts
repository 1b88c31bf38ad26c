/**
 * How the contract screens read contracts on a given day: the derived status (expired is never
 * stored), the active ones of a resident, and how many days a contract has left.
 */
import type { CarePlanDoc, ContractFields } from '../../../shared/carePlans/schema';

export type ContractDisplayStatus = 'active' | 'upcoming' | 'expired' | 'renewed' | 'terminated';

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Math.round(ms / 86_400_000);
}

/**
 * A contract's status on `today`: renewed or terminated as stored; otherwise active through its
 * last day, expired from the day after, and not yet in force before its first day.
 */
export function contractStatusOn(contract: ContractFields, today: string): ContractDisplayStatus {
  if (contract.status !== 'active') return contract.status;
  if (today > contract.endDate) return 'expired';
  if (today < contract.startDate) return 'upcoming';
  return 'active';
}

/**
 * A resident's contracts that hold them to a team on `today`: stored active and not yet ended
 * (one that starts later counts too: it was signed and binds the resident).
 */
export function activeContractsOf(docs: readonly CarePlanDoc[], today: string): CarePlanDoc[] {
  return docs.filter(
    (d) =>
      d.kind === 'contract' && d.contract && d.contract.status === 'active' && d.contract.endDate >= today,
  );
}

/** Days left to a contract's last day on `today` (0 on the last day itself). */
export function daysLeft(contract: ContractFields, today: string): number {
  return daysBetween(today, contract.endDate);
}

/** Newest first: a resident's contracts as the card lists them. */
export function byStartDesc(a: CarePlanDoc, b: CarePlanDoc): number {
  const sa = a.contract?.startDate ?? '';
  const sb = b.contract?.startDate ?? '';
  return sb.localeCompare(sa) || b.createdAt.localeCompare(a.createdAt);
}
