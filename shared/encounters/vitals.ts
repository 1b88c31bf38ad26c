/**
 * Vital signs of a consultation: derived values (BMI), plausibility checks that catch typing
 * slips (a systolic of 1400, a temperature in °F), and hints from the national guidelines the
 * desk shows next to the numbers (DOMAIN.md §3.1–3.2). Everything returns codes; the UI words them.
 */
import { ageOn } from '../identity/age';
import type { GlucoseKind, VitalField, Vitals } from './schema';

/**
 * Plausible range per measurement, inclusive, in the units of {@link Vitals}. Glucose goes to 100
 * mmol/L: hyperosmolar hyperglycaemic states exceed 40, and a laboratory value that high must be
 * recordable (values above a meter's range are warned about, see {@link vitalsWarnings}).
 */
export const vitalRanges: Readonly<Record<VitalField, { min: number; max: number }>> = {
  systolic: { min: 50, max: 300 },
  diastolic: { min: 30, max: 200 },
  heartRate: { min: 20, max: 250 },
  temperature: { min: 34, max: 43 },
  weight: { min: 0.5, max: 400 },
  height: { min: 30, max: 250 },
  glucose: { min: 1, max: 100 },
  spo2: { min: 50, max: 100 },
};

export const vitalFields = Object.keys(vitalRanges) as VitalField[];

/**
 * - `notANumber`: NaN or infinite;
 * - `outOfRange`: outside {@link vitalRanges};
 * - `notBelowSystolic`: a diastolic pressure not below the systolic one.
 */
export type VitalErrorCode = 'notANumber' | 'outOfRange' | 'notBelowSystolic';

/** Vitals with no measurement taken (glucose kind defaults to fasting, the follow-up routine). */
export const emptyVitals: Vitals = {
  systolic: null,
  diastolic: null,
  heartRate: null,
  temperature: null,
  weight: null,
  height: null,
  glucose: null,
  glucoseKind: 'fasting',
  spo2: null,
};

/** Implausible measurements of `vitals`, in field order; missing values are fine. */
export function vitalsErrors(vitals: Vitals): { field: VitalField; code: VitalErrorCode }[] {
  const errors: { field: VitalField; code: VitalErrorCode }[] = [];
  for (const field of vitalFields) {
    // Absent (a record from before the field existed) is the same as not taken.
    const value = vitals[field] ?? null;
    if (value === null) continue;
    const { min, max } = vitalRanges[field];
    if (!Number.isFinite(value)) errors.push({ field, code: 'notANumber' });
    else if (value < min || value > max) errors.push({ field, code: 'outOfRange' });
  }
  const { systolic, diastolic } = vitals;
  const bad = new Set(errors.map((e) => e.field));
  if (systolic !== null && diastolic !== null && !bad.has('systolic') && !bad.has('diastolic'))
    if (diastolic >= systolic) errors.push({ field: 'diastolic', code: 'notBelowSystolic' });
  return errors;
}

/**
 * Highest glucose most bedside meters read, mmol/L (600 mg/dL); above it a meter shows "HI", so a
 * typed value above it is more likely a laboratory result or a slip and is worth a second look.
 */
export const glucoseMeterMax = 33.3;

/** `aboveMeterRange`: a glucose above {@link glucoseMeterMax} — saved, but to be confirmed. */
export type VitalWarningCode = 'aboveMeterRange';

/** Plausible but unusual measurements to confirm; they never block saving or signing. */
export function vitalsWarnings(vitals: Vitals): { field: VitalField; code: VitalWarningCode }[] {
  const { glucose } = vitals;
  return usable(glucose, 'glucose') && glucose > glucoseMeterMax
    ? [{ field: 'glucose', code: 'aboveMeterRange' }]
    : [];
}

/** Age from which the adult BMI bands and blood-pressure classes apply (DOMAIN.md §3.1). */
export const adultAge = 18;

/**
 * Whether the adult BMI bands and blood-pressure classes apply to a patient born on `birthDate`
 * (YYYY-MM-DD) at the visit `at`: from the 18th birthday on. Children's BMI and blood pressure are
 * judged against age- and sex-specific percentiles, so the desk shows only the value for them. An
 * unknown or malformed birth date keeps the adult categories (nothing better is known).
 */
export function adultCategoriesApply(birthDate: string | null | undefined, at: Date): boolean {
  if (!birthDate) return true;
  try {
    return ageOn(birthDate, at).years >= adultAge;
  } catch {
    return true;
  }
}

const usable = (value: number | null | undefined, field: VitalField): value is number =>
  value !== null &&
  value !== undefined &&
  Number.isFinite(value) &&
  value >= vitalRanges[field].min &&
  value <= vitalRanges[field].max;

/**
 * Body-mass index, kg/m², rounded to one decimal; null when weight or height is missing or
 * implausible.
 */
export function bmi(weightKg: number | null, heightCm: number | null): number | null {
  if (!usable(weightKg, 'weight') || !usable(heightCm, 'height')) return null;
  const metres = heightCm / 100;
  return Math.round((weightKg / (metres * metres)) * 10) / 10;
}

/** BMI bands used in China (DOMAIN.md §3.1): <18.5, 18.5–23.9, 24–27.9, ≥28. */
export type BmiBand = 'underweight' | 'normal' | 'overweight' | 'obese';

/** The band of a BMI value; null when there is none. */
export function bmiBand(value: number | null): BmiBand | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (value < 18.5) return 'underweight';
  if (value < 24) return 'normal';
  if (value < 28) return 'overweight';
  return 'obese';
}

/**
 * Blood-pressure class after the Chinese hypertension guideline (中国高血压防治指南): normal
 * <120/<80; normalHigh 120–139 and/or 80–89; grade1 140–159 and/or 90–99 (≥140/90 is high);
 * grade2 160–179 and/or 100–109; grade3 ≥180 and/or ≥110, which is also the urgent-referral
 * threshold of the hypertension follow-up (DOMAIN.md §3.1). The higher of the two readings'
 * classes wins.
 */
export type BpHint = 'normal' | 'normalHigh' | 'grade1' | 'grade2' | 'grade3';

const bpClasses: readonly { hint: BpHint; systolic: number; diastolic: number }[] = [
  { hint: 'grade3', systolic: 180, diastolic: 110 },
  { hint: 'grade2', systolic: 160, diastolic: 100 },
  { hint: 'grade1', systolic: 140, diastolic: 90 },
  { hint: 'normalHigh', systolic: 120, diastolic: 80 },
];

/** The class of a reading; null when either value is missing or implausible. */
export function bpHint(systolic: number | null, diastolic: number | null): BpHint | null {
  if (!usable(systolic, 'systolic') || !usable(diastolic, 'diastolic')) return null;
  const match = bpClasses.find((c) => systolic >= c.systolic || diastolic >= c.diastolic);
  return match ? match.hint : 'normal';
}

/** Whether a reading is raised (≥140 and/or ≥90 mmHg). */
export const isHighBp = (hint: BpHint | null): boolean =>
  hint === 'grade1' || hint === 'grade2' || hint === 'grade3';

/**
 * Glucose hint for the diabetes follow-up (DOMAIN.md §3.2): `low` ≤3.9 and `urgentHigh` ≥16.7
 * mmol/L are urgent-referral thresholds; `high` is above the control targets of the Chinese type 2
 * diabetes guideline (中国2型糖尿病防治指南 2020): fasting ≥7.0 (target 4.4–7.0), or a random /
 * post-meal value ≥10.0 (non-fasting target <10.0); otherwise `normal`.
 */
export type GlucoseHint = 'low' | 'normal' | 'high' | 'urgentHigh';

/** The hint for one glucose value; null when it is missing or implausible. */
export function glucoseHint(glucose: number | null, kind: GlucoseKind): GlucoseHint | null {
  if (!usable(glucose, 'glucose')) return null;
  if (glucose <= 3.9) return 'low';
  if (glucose >= 16.7) return 'urgentHigh';
  return glucose >= (kind === 'fasting' ? 7.0 : 10.0) ? 'high' : 'normal';
}

/**
 * Oxygen saturation hint at rest, breathing room air: `normal` ≥95 %, `low` 90–94 % (to be
 * looked at), `urgentLow` <90 % (hypoxaemia). Null when the value is missing or implausible.
 */
export type Spo2Hint = 'normal' | 'low' | 'urgentLow';

/** The hint for one SpO₂ value. */
export function spo2Hint(spo2: number | null | undefined): Spo2Hint | null {
  if (!usable(spo2, 'spo2')) return null;
  if (spo2 < 90) return 'urgentLow';
  return spo2 < 95 ? 'low' : 'normal';
}

/** Whether `vitals` holds at least one measurement. */
export const anyVitalTaken = (vitals: Vitals): boolean =>
  vitalFields.some((f) => (vitals[f] ?? null) !== null);
