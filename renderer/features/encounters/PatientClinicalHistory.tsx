import type { PatientDoc } from '../../../shared/patients/schema';

/** Placeholder until the screen is built. */
export function PatientClinicalHistory(_props: { patient: PatientDoc }) {
  return null;
}
