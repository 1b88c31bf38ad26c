/**
 * The person working at this desk. Every registration and edit is stamped with them. It lives in
 * sessionStorage, so closing the app or the tab forgets it.
 */
import { roles, type Role } from '../../shared/auth/roles';

export interface Operator {
  id: string;
  name: string;
  role: Role;
  /** The organisation this desk belongs to. */
  orgId: string;
}

const operatorKey = 'clinicdesk.operator';
const deskOrgKey = 'clinicdesk.deskOrg';

/** This desk's organisation id, made once per installation. */
export function deskOrgId(): string {
  let orgId = localStorage.getItem(deskOrgKey);
  if (!orgId) {
    orgId = `desk-${crypto.randomUUID()}`;
    localStorage.setItem(deskOrgKey, orgId);
  }
  return orgId;
}

export function loadOperator(): Operator | undefined {
  try {
    const raw = sessionStorage.getItem(operatorKey);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<Operator>;
    if (typeof value.id !== 'string' || typeof value.name !== 'string' || typeof value.orgId !== 'string')
      return undefined;
    const role = roles.find((r) => r === value.role);
    return role ? { id: value.id, name: value.name, role, orgId: value.orgId } : undefined;
  } catch {
    return undefined;
  }
}

export function saveOperator(operator: Operator | undefined): void {
  if (operator) sessionStorage.setItem(operatorKey, JSON.stringify(operator));
  else sessionStorage.removeItem(operatorKey);
}
