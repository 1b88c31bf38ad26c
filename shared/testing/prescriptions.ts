/**
 * Prescription fixtures for tests: a line with the formulary's usual usage, a draft around lines,
 * and a line as it stands on a slip.
 */
import type { Formulary } from '../prescriptions/formulary';
import type { PrescriptionItemDraft } from '../prescriptions/items';
import type { PrescriptionDraft } from '../prescriptions/rules';
import type { PrescriptionItem } from '../prescriptions/schema';

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

/**
 * A slip line as the formulary resolves it (amlodipine 5 mg once daily for 7 days, classified as
 * neither controlled nor antimicrobial), then `changes`.
 */
export function slipItem(changes: Partial<PrescriptionItem> = {}): PrescriptionItem {
  return {
    drugCode: 'amlodipine-5mg-tab',
    generic: { zh: '苯磺酸氨氯地平片', en: 'Amlodipine Besylate Tablets' },
    form: 'tablet',
    strength: '5 mg',
    dose: 5,
    doseUnit: 'mg',
    route: 'po',
    frequency: 'qd',
    days: 7,
    quantity: 7,
    unit: 'tablet',
    offFormulary: false,
    note: '',
    control: 'none',
    antimicrobial: false,
    ...changes,
  };
}
