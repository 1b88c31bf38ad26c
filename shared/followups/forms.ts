/**
 * Code lists of the follow-up forms (DOMAIN.md §3.1, §3.2, §3.7) and the rule for overriding a
 * computed value: a doctor may change the computed classification or next step/date, and must
 * then give a reason; a kept value carries none. Checked at the desk and by the platform.
 */
import type { Programme } from '../carePlans/schema';
import type { FollowUpForm } from '../encounters/followUp';

/** Symptoms of the hypertension form (高血压患者随访服务记录表), 'none' first. */
export const hypertensionSymptoms = [
  'none',
  'headacheDizziness',
  'nauseaVomiting',
  'blurredVisionTinnitus',
  'dyspnoea',
  'palpitationsChestTightness',
  'nosebleed',
  'numbLimbs',
  'legOedema',
] as const;

/** Symptoms of the type 2 diabetes form, 'none' first. */
export const diabetesSymptoms = [
  'none',
  'polydipsia',
  'polyphagia',
  'polyuria',
  'blurredVision',
  'infection',
  'numbHandsFeet',
  'legOedema',
  'weightLoss',
] as const;

/** Signs after a stem-cell transplant the patient reports (GVHD, infection, fever; §3.7). */
export const gvhdCodes = ['rash', 'diarrhoea', 'jaundice', 'dryEyesMouth', 'infection', 'fever'] as const;

/** The symptom checklist per programme; 'none' alone means no symptoms. */
export const symptomCodes: Readonly<Record<Programme, readonly string[]>> = {
  hypertension: hypertensionSymptoms,
  diabetes: diabetesSymptoms,
  transplant: ['none', ...gvhdCodes],
  elderly: hypertensionSymptoms,
  pregnancy: ['none'],
  child: ['none'],
};

/**
 * - `unknownSymptom`: a code not on the programme's list;
 * - `noneWithOthers`: 'none' ticked together with a symptom;
 * - `duplicate`: a code listed twice.
 */
export type SymptomErrorCode = 'unknownSymptom' | 'noneWithOthers' | 'duplicate';

/** Problems of a symptom selection; an empty selection is fine (not asked, e.g. by phone). */
export function symptomErrors(programme: Programme, symptoms: readonly string[]): SymptomErrorCode[] {
  const errors: SymptomErrorCode[] = [];
  const list = symptomCodes[programme];
  if (symptoms.some((s) => !list.includes(s))) errors.push('unknownSymptom');
  if (symptoms.includes('none') && symptoms.length > 1) errors.push('noneWithOthers');
  if (new Set(symptoms).size !== symptoms.length) errors.push('duplicate');
  return errors;
}

/** Whether the doctor's `chosen` value differs from the `computed` one, so a reason is needed. */
export const reasonRequired = <T>(computed: T | null, chosen: T): boolean =>
  computed !== null && computed !== chosen;

/**
 * - `reasonRequired`: the value differs from the computed one and the reason is blank;
 * - `reasonNotExpected`: the computed value was kept but a reason is written.
 */
export type OverrideErrorCode = 'reasonRequired' | 'reasonNotExpected';

type OverrideFields = Pick<
  FollowUpForm,
  | 'classification'
  | 'computedClassification'
  | 'classificationReason'
  | 'nextStep'
  | 'computedNextStep'
  | 'nextDate'
  | 'computedNextDate'
  | 'nextReason'
>;

/** The reason-required rule over a form's computed and chosen values. */
export function overrideErrors(
  form: OverrideFields,
): { field: 'classificationReason' | 'nextReason'; code: OverrideErrorCode }[] {
  const errors: { field: 'classificationReason' | 'nextReason'; code: OverrideErrorCode }[] = [];
  const check = (field: 'classificationReason' | 'nextReason', differs: boolean, reason: string) => {
    const blank = reason.trim() === '';
    if (differs && blank) errors.push({ field, code: 'reasonRequired' });
    if (!differs && !blank) errors.push({ field, code: 'reasonNotExpected' });
  };
  check(
    'classificationReason',
    form.classification !== form.computedClassification,
    form.classificationReason,
  );
  check(
    'nextReason',
    form.nextStep !== form.computedNextStep || form.nextDate !== form.computedNextDate,
    form.nextReason,
  );
  return errors;
}
