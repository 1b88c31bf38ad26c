/**
 * The `directory` collection (pull-only): the district's organisations, their departments and
 * their staff, so a desk can show names of people and places — and pick a hospital to refer a
 * patient to — without a network. The platform writes every entry from its own tables; a desk
 * never pushes one. Sign-in secrets never travel here: the schema has no field for them and
 * refuses unknown fields.
 *
 * Visibility follows the ordinary scope rule (own organisation, or `sharedWith` names it): staff
 * and departments belong to their organisation, and an organisation's own entry is shared with
 * every other organisation of the district by name, so all desks see all places.
 */
import { roles, type Role } from '../auth/roles';
import { organisationKinds, type OrganisationKind } from '../platform/auth';
import { text } from '../json/schemaParts';

export const directoryKinds = ['organisation', 'department', 'staff'] as const;
export type DirectoryKind = (typeof directoryKinds)[number];

/** Hospital grades (一级, 二级, 三级). */
export const hospitalLevels = [1, 2, 3] as const;

/**
 * The most organisations an organisation entry can be shared with: a district's centres,
 * hospitals and stations, with room to spare.
 */
export const maxDistrictOrganisations = 1000;

export interface DirectoryEntry {
  id: string;
  kind: DirectoryKind;
  /** What lists show: the organisation's or department's name, the staff member's name. */
  name: string;
  /** The owning organisation: for an organisation entry, the organisation itself. */
  orgId: string;
  sharedWith: string[];
  /** Organisation: community health centre or hospital. */
  organisationKind?: OrganisationKind;
  /** Organisation, hospitals only: grade 1–3. */
  level?: number;
  /**
   * The organisation this entry sits under in the district's tree: a department's own
   * organisation (always its `orgId`); for an organisation, the body above it, if any.
   */
  parentOrg?: string;
  /** Staff: role, name as shown on slips, and sign-in name (for offline sign-in). */
  role?: Role;
  displayName?: string;
  username?: string;
}

export const directorySchemaVersion = 0;

export const directorySchema = {
  title: 'directory',
  description: 'Organisations, departments and staff of the district (written by the platform)',
  version: directorySchemaVersion,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: text(64),
    kind: { type: 'string', enum: [...directoryKinds], maxLength: 12 },
    name: text(100),
    orgId: text(64),
    sharedWith: {
      type: 'array',
      maxItems: maxDistrictOrganisations,
      items: { type: 'string', maxLength: 64 },
    },
    organisationKind: { type: 'string', enum: [...organisationKinds] },
    level: { type: 'integer', minimum: 1, maximum: 3 },
    parentOrg: text(64),
    role: { type: 'string', enum: [...roles] },
    displayName: text(50),
    username: text(64),
  },
  required: ['id', 'kind', 'name', 'orgId', 'sharedWith'],
  indexes: ['kind'],
  additionalProperties: false,
} as const;

/** Fields each kind may carry besides the common ones; any other is refused. */
export const directoryKindFields: Readonly<
  Record<
    DirectoryKind,
    { required: readonly (keyof DirectoryEntry)[]; optional: readonly (keyof DirectoryEntry)[] }
  >
> = {
  organisation: { required: ['organisationKind'], optional: ['level', 'parentOrg'] },
  department: { required: ['parentOrg'], optional: [] },
  staff: { required: ['role', 'displayName', 'username'], optional: [] },
};
