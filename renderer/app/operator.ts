/**
 * The person working at this desk, as every screen stamps records with: the signed-in staff
 * member (renderer/auth) in the shape the features use.
 */
import type { Role } from '../../shared/auth/roles';
import type { OrganisationSummary, StaffSummary } from '../../shared/platform/auth';

export interface Operator {
  /** The staff member's id on the platform. */
  id: string;
  /** Display name, as records and their history show it. */
  name: string;
  role: Role;
  /** The organisation the staff member signed in to; new records belong to it. */
  orgId: string;
}

/** The operator of a signed-in staff member. */
export function operatorOf(staff: StaffSummary, organisation: OrganisationSummary): Operator {
  return { id: staff.id, name: staff.displayName, role: staff.role, orgId: organisation.id };
}
