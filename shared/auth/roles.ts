/**
 * Roles and the permission matrix. The platform enforces it on every request; the UI uses it
 * only to decide what to show.
 */
export const roles = ['registrar', 'nurse', 'doctor', 'specialist', 'admin'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'patient.read',
  'patient.register',
  'patient.edit',
  /** See identity numbers and mobile numbers unmasked. */
  'patient.viewIdentifiers',
] as const;
export type Permission = (typeof permissions)[number];

const matrix: Readonly<Record<Role, readonly Permission[]>> = {
  registrar: ['patient.read', 'patient.register', 'patient.edit', 'patient.viewIdentifiers'],
  nurse: ['patient.read', 'patient.register', 'patient.edit', 'patient.viewIdentifiers'],
  doctor: ['patient.read', 'patient.register', 'patient.edit', 'patient.viewIdentifiers'],
  // A hospital specialist reads what is shared with the hospital but does not keep the registry.
  specialist: ['patient.read'],
  admin: ['patient.read', 'patient.viewIdentifiers'],
};

/** Whether `role` holds `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return matrix[role].includes(permission);
}
