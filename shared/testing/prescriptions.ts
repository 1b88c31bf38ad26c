/** Prescription fixtures for tests: a line with the formulary's usual usage, and a draft around lines. */
import type { Formulary } from '../prescriptions/formulary';
import type { PrescriptionItemDraft } from '../prescriptions/items';
import type { PrescriptionDraft } from '../prescriptions/rules';

/** A line for `code` with the formulary's usual usage for 7 days, then `changes`. */
export function prescriptionLine(
  formulary: Formulary,
  code: string,
  changes: Partial<PrescriptionItemDraft> = {},
): PrescriptionItemDraft {
  const drug = formulary.get(code);
  return {
    drugCode: code,
    dose: drug?.defaultDose ?? 1,
    doseUnit: drug?.doseUnit ?? 'tablet',
    route: drug?.defaultRoute ?? 'po',
    frequency: drug?.defaultFrequency ?? 'qd',
    days: 7,
    ...changes,
  };
}

/** An ordinary prescription of `items`, then `changes`. */
export function prescriptionDraft(
  items: PrescriptionItemDraft[],
  changes: Partial<PrescriptionDraft> = {},
): PrescriptionDraft {
  return { emergency: false, items, longReason: '', longAcknowledged: false, ...changes };
}
