/**
 * The targets the panorama draws as the patient's bands, from the follow-up rules
 * (shared/followups/chronic.ts): BP below 140/90 mmHg, below 150/90 from age 65, and none for
 * children, whose BP is judged by percentiles; fasting glucose below 7.0 mmol/L.
 */
import { adultAge } from '../../../shared/encounters/vitals';
import { bpTargetOn as ruleTarget, fbgTarget, type BpTarget } from '../../../shared/followups/chronic';
import { ageInYears } from '../../../shared/followups/dates';

export type { BpTarget };
export { fbgTarget };

/** The BP target of a patient born on `birthDate` on `today` (both YYYY-MM-DD); null under 18. */
export function bpTargetOn(birthDate: string, today: string): BpTarget | null {
  const years = ageInYears(birthDate, today);
  if (years !== null && years < adultAge) return null;
  return ruleTarget(birthDate, today);
}
