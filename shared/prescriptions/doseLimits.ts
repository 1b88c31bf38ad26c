/**
 * Dose ranges (DOMAIN.md §1.2: a dose above the label dose needs a written reason and a second
 * signature). The formulary carries the usual adult maxima per dose and per day, and children's
 * maxima per kg where the label gives them; the bundled values live in
 * resources/formulary/dose-limits.json, one entry per active ingredient with its source, and are
 * merged into the formulary by {@link withDoseLimits}. A dose above ten times the maximum is taken
 * for a typing error (mg for g, an extra zero) and refused outright.
 */
import type { FormularyDrug } from './formulary';
import { doseUnitOfDispensingUnit } from './quantity';
import { frequencyDefinitions, type DoseUnit, type Frequency, type FrequencyDefinition } from './vocabulary';

/** Above this many times the maximum a dose is refused as a likely typing error. */
export const implausibleDoseFactor = 10;

/** Mass units in micrograms, for comparing a dose with a maximum written in another unit. */
const massInMicrograms: Partial<Record<DoseUnit, number>> = { μg: 1, mg: 1000, g: 1_000_000 };

/** `amount` of `from` expressed in `to`, or null when the units do not convert. */
export function convertDose(amount: number, from: DoseUnit, to: DoseUnit): number | null {
  if (from === to) return amount;
  const a = massInMicrograms[from];
  const b = massInMicrograms[to];
  return a !== undefined && b !== undefined ? (amount * a) / b : null;
}

/** One entry of the dose-limit data file: the maxima of the products listed in `codes`. */
export interface DoseLimitEntry {
  codes: string[];
  /** The unit the maxima below are written in (converted to each product's dose unit). */
  unit: DoseUnit;
  maxSingle?: number;
  maxDaily?: number;
  maxSinglePerKg?: number;
  maxDailyPerKg?: number;
  /** Where the figures come from (label and edition). */
  source: string;
}

export interface DoseLimitIssue {
  code: string;
  issue: 'unknownCode' | 'unitMismatch';
}

const round = (value: number) => Math.round(value * 1e9) / 1e9;

/**
 * The formulary with the maxima of `entries` filled in (converted to each product's dose unit).
 * A code not in the formulary, or a unit that does not convert, is reported and skipped.
 */
export function withDoseLimits(
  drugs: readonly FormularyDrug[],
  entries: readonly DoseLimitEntry[],
): { drugs: FormularyDrug[]; issues: DoseLimitIssue[] } {
  const byCode = new Map<string, DoseLimitEntry>();
  const issues: DoseLimitIssue[] = [];
  const known = new Set(drugs.map((d) => d.code));
  for (const entry of entries)
    for (const code of entry.codes) {
      if (!known.has(code)) issues.push({ code, issue: 'unknownCode' });
      else byCode.set(code, entry);
    }
  const merged = drugs.map((drug) => {
    const entry = byCode.get(drug.code);
    if (!entry) return drug;
    const factor = convertDose(1, entry.unit, drug.doseUnit);
    if (factor === null) {
      issues.push({ code: drug.code, issue: 'unitMismatch' });
      return drug;
    }
    const scaled = (value: number | undefined) => (value === undefined ? undefined : round(value * factor));
    const limits = {
      maxSingleDose: scaled(entry.maxSingle),
      maxDailyDose: scaled(entry.maxDaily),
      maxSingleDosePerKg: scaled(entry.maxSinglePerKg),
      maxDailyDosePerKg: scaled(entry.maxDailyPerKg),
    };
    const defined = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
    return { ...drug, ...defined, doseLimitSource: entry.source };
  });
  return { drugs: merged, issues };
}

/** The limits that apply to one patient, in the drug's dose unit; null where there is none. */
export interface AppliedLimits {
  single: number | null;
  daily: number | null;
}

/**
 * The maxima for this patient: the adult ones, and for a child the per-kg ones times today's
 * weight, never above the adult ones. `weightRequired` when the drug has per-kg maxima, the patient
 * is a child and no weight was measured.
 */
export function limitsFor(
  drug: Pick<FormularyDrug, 'maxSingleDose' | 'maxDailyDose' | 'maxSingleDosePerKg' | 'maxDailyDosePerKg'>,
  patient: { child: boolean; weightKg: number | null },
): AppliedLimits | 'weightRequired' {
  const adult = { single: drug.maxSingleDose ?? null, daily: drug.maxDailyDose ?? null };
  const perKg = drug.maxSingleDosePerKg !== undefined || drug.maxDailyDosePerKg !== undefined;
  if (!patient.child || !perKg) return adult;
  const weight = patient.weightKg;
  if (weight === null || !(weight > 0)) return 'weightRequired';
  const min = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
  const byWeight = (value: number | undefined) => (value === undefined ? null : value * weight);
  return {
    single: min(adult.single, byWeight(drug.maxSingleDosePerKg)),
    daily: min(adult.daily, byWeight(drug.maxDailyDosePerKg)),
  };
}

/**
 * Doses on one dosing day: the daily count for daily frequencies, one for intermittent ones
 * (qod, qw, biw, q72h); null for st, prn and sos, whose day total is not known ahead.
 */
export function dosesPerDosingDay(frequency: Frequency): number | null {
  const definition: FrequencyDefinition | null = frequencyDefinitions[frequency];
  if (!definition) return null;
  return Math.ceil(definition.times / definition.everyDays);
}

export type DoseVerdict =
  | { status: 'ok' }
  | { status: 'weightRequired' }
  /** Above a maximum: allowed with a written reason and a second signature. */
  | { status: 'over'; limit: 'single' | 'daily'; max: number }
  /** Above ten times a maximum: refused as a likely typing error. */
  | { status: 'implausible'; limit: 'single' | 'daily'; max: number };

/**
 * Compares one dose (in `doseUnit`: the drug's dose unit or its countable dispensing unit) and
 * its frequency with the drug's maxima for this patient. Exactly the maximum is fine; above it is
 * `over`; above ten times it is `implausible`. A drug without maxima always passes.
 */
export function checkDose(
  drug: FormularyDrug,
  input: { dose: number; doseUnit: DoseUnit; frequency: Frequency },
  patient: { child: boolean; weightKg: number | null },
): DoseVerdict {
  const limits = limitsFor(drug, patient);
  if (limits === 'weightRequired') return { status: 'weightRequired' };
  const single =
    input.doseUnit === drug.doseUnit
      ? input.dose
      : doseUnitOfDispensingUnit[drug.unit] === input.doseUnit
        ? input.dose * drug.dosePerUnit
        : convertDose(input.dose, input.doseUnit, drug.doseUnit);
  if (single === null) return { status: 'ok' };
  const perDay = dosesPerDosingDay(input.frequency);
  const amounts: { limit: 'single' | 'daily'; amount: number | null; max: number | null }[] = [
    { limit: 'single', amount: single, max: limits.single },
    { limit: 'daily', amount: perDay === null ? null : single * perDay, max: limits.daily },
  ];
  // Slack for floating point: 3 × 0.85 g is exactly the 2.55 g maximum.
  const above = (amount: number, max: number) => amount > max * (1 + 1e-9);
  for (const { limit, amount, max } of amounts)
    if (amount !== null && max !== null && above(amount, max * implausibleDoseFactor))
      return { status: 'implausible', limit, max };
  for (const { limit, amount, max } of amounts)
    if (amount !== null && max !== null && above(amount, max)) return { status: 'over', limit, max };
  return { status: 'ok' };
}
