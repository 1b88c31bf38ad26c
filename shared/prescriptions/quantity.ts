/**
 * How much to dispense (数量) for a dose, frequency and number of days: whole dispensing units
 * (tablets, capsules, pens …) and whole packs. Frequencies that cannot be counted ahead (st, prn,
 * sos) and doses without a fixed size (an application of cream) give null: the doctor types the
 * quantity.
 */
import type { FormularyDrug } from './formulary';
import {
  frequencyDefinitions,
  uncountableDoseUnits,
  type DispensingUnit,
  type DoseUnit,
  type Frequency,
  type FrequencyDefinition,
} from './vocabulary';

export interface QuantityInput {
  /** One dose, in `doseUnit`. */
  dose: number;
  /**
   * The unit the dose is written in: the drug's `doseUnit` (5 mg), or its dispensing unit when
   * that is countable (1 tablet). Defaults to the drug's `doseUnit`.
   */
  doseUnit?: DoseUnit;
  frequency: Frequency;
  days: number;
}

export interface QuantityResult {
  /** Doses given over the days (qod over 7 days: 4, on days 1, 3, 5 and 7). */
  administrations: number;
  /** Dispensing units one dose takes; may be a fraction (half a tablet: 0.5). */
  unitsPerDose: number;
  /** The total amount in the dose unit the dose was written in. */
  totalDose: number;
  /** Whole dispensing units to hand out (rounded up), and their unit. */
  units: number;
  unit: DispensingUnit;
  /** Whole packs that hold `units` (rounded up), the pack size and the pack's unit. */
  packs: number;
  packSize: number;
  packUnit: DispensingUnit;
}

/** Floating-point slack when rounding up (0.1 × 3 must not become 4 units). */
const epsilon = 1e-9;
const ceil = (value: number) => Math.ceil(value - epsilon);

/** The dose unit that counts one dispensing unit (1 片 is one tablet; a plaster is one piece). */
export const doseUnitOfDispensingUnit: Readonly<Partial<Record<DispensingUnit, DoseUnit>>> = {
  tablet: 'tablet',
  capsule: 'capsule',
  pill: 'pill',
  bag: 'bag',
  suppository: 'suppository',
  patch: 'piece',
  piece: 'piece',
};

/** The dose units a dose of `drug` may be written in: its own, and its countable dispensing unit. */
export function allowedDoseUnits(drug: FormularyDrug): DoseUnit[] {
  const counted = doseUnitOfDispensingUnit[drug.unit];
  return counted && counted !== drug.doseUnit ? [drug.doseUnit, counted] : [drug.doseUnit];
}

/**
 * Dispensing units in one dose written in `doseUnit`, or null when the unit does not fit the
 * drug: the drug's own dose unit divides by `dosePerUnit` (2.5 mg of a 5 mg tablet: 0.5); the
 * dispensing unit itself counts one for one (1 tablet: 1).
 */
export function unitsPerDose(
  drug: FormularyDrug,
  dose: number,
  doseUnit: DoseUnit = drug.doseUnit,
): number | null {
  if (doseUnit === drug.doseUnit) return dose / drug.dosePerUnit;
  if (doseUnitOfDispensingUnit[drug.unit] === doseUnit) return dose;
  return null;
}

/**
 * Administrations over `days` days, counting the first day: `times` a day for daily frequencies
 * (tid × 7 = 21); for intermittent ones the dosing days within the period (qod × 7 = 4 on days
 * 1, 3, 5, 7; qw × 28 = 4; qw × 10 = 2; q72h × 7 = 3).
 */
export function administrations(definition: FrequencyDefinition, days: number): number {
  return ceil((days * definition.times) / definition.everyDays);
}

/**
 * The quantity to dispense, or null when it cannot be computed: the frequency is st, prn or sos;
 * the dose unit has no fixed size (application) or does not fit the drug; or the dose or days
 * are not positive numbers.
 */
export function computeQuantity(input: QuantityInput, drug: FormularyDrug): QuantityResult | null {
  const doseUnit = input.doseUnit ?? drug.doseUnit;
  const definition: FrequencyDefinition | null = frequencyDefinitions[input.frequency] ?? null;
  if (!definition) return null;
  if (uncountableDoseUnits.includes(doseUnit)) return null;
  if (!(Number.isFinite(input.dose) && input.dose > 0)) return null;
  if (!(Number.isInteger(input.days) && input.days > 0)) return null;
  const perDose = unitsPerDose(drug, input.dose, doseUnit);
  if (perDose === null) return null;
  const count = administrations(definition, input.days);
  const units = ceil(perDose * count);
  return {
    administrations: count,
    unitsPerDose: perDose,
    totalDose: input.dose * count,
    units,
    unit: drug.unit,
    packs: ceil(units / drug.packSize),
    packSize: drug.packSize,
    packUnit: drug.packUnit,
  };
}

/**
 * Dispensing units a typed quantity stands for: the quantity itself when given in the
 * dispensing unit, times the pack size when given in packs; null for any other unit.
 */
export function quantityInUnits(drug: FormularyDrug, quantity: number, unit: DispensingUnit): number | null {
  if (unit === drug.unit) return quantity;
  if (unit === drug.packUnit) return quantity * drug.packSize;
  return null;
}
