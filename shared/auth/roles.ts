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
  /** Keep the day's queue: add walk-ins, mark arrivals, call patients in. */
  'queue.manage',
  /** Read consultation records and prescriptions. */
  'clinical.read',
  /** Write and sign consultation records and prescriptions (a registered physician). */
  'clinical.write',
  /**
   * Record observations (shared/observations): vitals and the chief complaint at triage, vitals
   * outside a visit. Each is the recorder's own record; it writes nothing of the doctor's.
   */
  'observation.write',
  /**
   * Write care plans (shared/carePlans): at a community health centre a doctor signs family
   * doctor contracts and enrols residents in programmes; at a hospital a specialist (or doctor)
   * sets the post-transplant plan of a patient shared with it. Which kinds an organisation writes
   * is the collection's rule; reading them is `clinical.read`.
   */
  'carePlan.write',
  /**
   * Void another prescriber's slip (a prescriber always voids their own). Held by no role today:
   * none of the roles that write prescriptions answers for a colleague's slips; a medical-affairs
   * role (医务科) would hold it with `clinical.write`.
   */
  'prescription.void',
  /**
   * Remove a resident from the registry, with a reason, and bring one back (platform endpoints,
   * audited). A push cannot remove a resident: a registrar's mistake or a stolen desk session
   * would otherwise erase a resident from every desk without a trace.
   */
  'patient.delete',
  /** Walk the platform's audit chain and see whether it is intact. */
  'audit.verify',
  /**
   * Disable a staff account of the organisation (it can no longer sign in, and every session of
   * it ends at once) and enable it again.
   */
  'staff.manage',
  /**
   * Configure this desk itself: which platform it signs in and syncs against (Settings, in
   * Electron; shared/platform/address.ts).
   */
  'desk.configure',
] as const;
export type Permission = (typeof permissions)[number];

const desk = ['patient.read', 'patient.register', 'patient.edit', 'patient.viewIdentifiers'] as const;
const matrix: Readonly<Record<Role, readonly Permission[]>> = {
  registrar: [...desk, 'queue.manage'],
  // A nurse keeps the queue and records vitals as observations of her own (triage); the
  // consultation copies them in, but she neither writes nor signs the doctor's record.
  nurse: [...desk, 'queue.manage', 'clinical.read', 'observation.write'],
  doctor: [...desk, 'queue.manage', 'clinical.read', 'clinical.write', 'observation.write', 'carePlan.write'],
  // A hospital specialist reads what is shared with the hospital but does not keep the registry;
  // they set the post-transplant plan of a patient the centre shares with the hospital.
  specialist: ['patient.read', 'clinical.read', 'carePlan.write'],
  admin: [
    'patient.read',
    'patient.viewIdentifiers',
    'patient.delete',
    'audit.verify',
    'staff.manage',
    'desk.configure',
  ],
};

/** Whether `role` holds `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return matrix[role].includes(permission);
}
