/**
 * Urgent-referral triggers of a follow-up visit (紧急转诊, DOMAIN.md §3.1–3.2): any one of them
 * stops the form with a prompt to refer now. Measured triggers come from the visit's vitals and
 * glucose; danger signs are ticked by the doctor from the programme's checklist. Returns codes;
 * the UI words them and fills the referral reason from them.
 */
import type { Programme } from '../carePlans/schema';

/** Danger signs of the hypertension form (DOMAIN.md §3.1). */
const hypertensionSigns = [
  'consciousness',
  'severeHeadacheDizziness',
  'nauseaVomiting',
  'blurredVision',
  'eyePain',
  'palpitations',
  'chestTightness',
  'orthopnoea',
  'pregnancyLactation',
  'beyondCapability',
] as const;

/** Danger signs of the type 2 diabetes form (DOMAIN.md §3.2). */
const diabetesSigns = [
  'consciousness',
  'acetoneBreath',
  'palpitations',
  'sweating',
  'appetiteLoss',
  'nauseaVomiting',
  'polydipsiaPolyuria',
  'abdominalPain',
  'deepBreathing',
  'flushedSkin',
  'suddenVisionLoss',
  'pregnancyLactation',
  'beyondCapability',
] as const;

/**
 * The danger-sign checklist per programme. Programmes without a national urgent list keep only
 * "a condition the centre cannot manage"; their measured triggers are in {@link urgentTriggers}.
 */
export const urgentSignCodes: Readonly<Record<Programme, readonly string[]>> = {
  hypertension: hypertensionSigns,
  diabetes: diabetesSigns,
  transplant: ['beyondCapability'],
  elderly: ['beyondCapability'],
  pregnancy: ['beyondCapability'],
  child: ['beyondCapability'],
};

/** Measured trigger codes, in the order they are listed. */
export const measuredTriggerCodes = [
  'systolicHigh',
  'diastolicHigh',
  'glucoseHigh',
  'glucoseLow',
  'tachycardia',
  'fever',
] as const;
export type MeasuredTrigger = (typeof measuredTriggerCodes)[number];

/** Thresholds, inclusive where the guideline says ≥ / ≤, exclusive where it says >. */
export const urgentThresholds = {
  /** SBP ≥ 180 mmHg */
  systolic: 180,
  /** DBP ≥ 110 mmHg */
  diastolic: 110,
  /** glucose ≥ 16.7 mmol/L */
  glucoseHigh: 16.7,
  /** glucose ≤ 3.9 mmol/L */
  glucoseLow: 3.9,
  /** heart rate > 100 / min at rest */
  heartRate: 100,
  /** temperature > 39 °C */
  temperature: 39,
} as const;

export interface UrgentInput {
  programme: Programme;
  systolic: number | null;
  diastolic: number | null;
  heartRate: number | null;
  temperature: number | null;
  /** Every glucose value of the visit, mmol/L (the vitals' glucose, the form's FBG). */
  glucose: readonly (number | null)[];
  /** Danger signs ticked (codes of {@link urgentSignCodes}). */
  signs: readonly string[];
}

const has = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && Number.isFinite(v);

/** Programmes whose visits are judged by the adult blood-pressure crisis threshold. */
const bpProgrammes: readonly Programme[] = ['hypertension', 'diabetes', 'elderly', 'transplant'];

/**
 * The urgent-referral triggers that fire for a visit, measured ones first, then the ticked signs
 * of the programme's checklist (unknown codes are ignored). Hypertension and diabetes: SBP ≥ 180
 * or DBP ≥ 110; diabetes also glucose ≥ 16.7 or ≤ 3.9, heart rate > 100, temperature > 39 °C.
 * The elderly and post-transplant visits use the blood-pressure threshold of adults; pregnancy
 * and child visits have no measured triggers here (adult cut-offs do not apply, DOMAIN.md §3.8).
 */
export function urgentTriggers(input: UrgentInput): string[] {
  const t = urgentThresholds;
  const fired: string[] = [];
  if (bpProgrammes.includes(input.programme)) {
    if (has(input.systolic) && input.systolic >= t.systolic) fired.push('systolicHigh');
    if (has(input.diastolic) && input.diastolic >= t.diastolic) fired.push('diastolicHigh');
  }
  if (input.programme === 'diabetes') {
    const glucose = input.glucose.filter(has);
    if (glucose.some((g) => g >= t.glucoseHigh)) fired.push('glucoseHigh');
    if (glucose.some((g) => g <= t.glucoseLow)) fired.push('glucoseLow');
    if (has(input.heartRate) && input.heartRate > t.heartRate) fired.push('tachycardia');
    if (has(input.temperature) && input.temperature > t.temperature) fired.push('fever');
  }
  const checklist = urgentSignCodes[input.programme];
  for (const sign of checklist) if (input.signs.includes(sign)) fired.push(sign);
  return fired;
}

/** Whether a visit must stop for an urgent referral. */
export const isUrgent = (input: UrgentInput): boolean => urgentTriggers(input).length > 0;
