/**
 * What the platform can check on a signed slip from the slip alone (rules version 2 onwards, see
 * shared/clinical/signature.ts): no narcotic or psychotropic class I line; controlled drugs and
 * antimicrobials within their day limits; an over-dose line carries its reason and second
 * signature; an allergy override carries its reason; an off-formulary line carries its
 * classification. A slip signed under version 1 had none of these fields and is not checked
 * here, so an older desk's offline slip still syncs.
 */
import { dayLimits } from './rules';
import type { PrescriptionDoc } from './schema';

/** Codes of {@link signedSlipErrors} (translated as `errors.<code>` like the writing rules). */
export const signedSlipErrorCodes = [
  'specialSlipRequired',
  'classificationRequired',
  'longPrescriptionExcluded',
  'longPrescriptionStorageExcluded',
  'psychotropic2DaysExceeded',
  'emergencyDaysExceeded',
  'daysExceedMaximum',
  'longReasonRequired',
  'psychotropic2ReasonRequired',
  'overdoseReasonRequired',
  'overdoseConfirmationRequired',
  'allergyOverrideRequired',
] as const;
export type SignedSlipErrorCode = (typeof signedSlipErrorCodes)[number];

export interface SlipFieldError {
  field: string;
  code: SignedSlipErrorCode;
}

const blank = (text: string | undefined) => !text || !text.trim();

/** Field errors of one slip (fields `items.<index>.<field>`); [] when it passes. */
export function signedSlipErrors(
  doc: Pick<PrescriptionDoc, 'items' | 'type' | 'longReason'>,
): SlipFieldError[] {
  const errors: SlipFieldError[] = [];
  doc.items.forEach((item, index) => {
    const at = (field: string, code: SignedSlipErrorCode) =>
      errors.push({ field: `items.${index}.${field}`, code });
    if (item.control === undefined || item.antimicrobial === undefined)
      at('control', 'classificationRequired');
    const control = item.control ?? 'none';
    const noReason = blank(doc.longReason);
    if (control === 'narcotic' || control === 'psychotropic1') at('control', 'specialSlipRequired');
    else if (item.days > dayLimits.longMax) at('days', 'daysExceedMaximum');
    else if (doc.type === 'emergency' && item.days > dayLimits.emergency) at('days', 'emergencyDaysExceeded');
    else if (control === 'psychotropic2') {
      if (item.days > dayLimits.psychotropic2Extended) at('days', 'psychotropic2DaysExceeded');
      else if (item.days > dayLimits.psychotropic2 && noReason) at('days', 'psychotropic2ReasonRequired');
    } else if (item.days <= dayLimits.ordinary) {
      // Within the usual supply: nothing more to check.
    } else if (control !== 'none' || item.antimicrobial) at('days', 'longPrescriptionExcluded');
    else if (item.specialStorage && item.days > dayLimits.acknowledgeAbove)
      at('days', 'longPrescriptionStorageExcluded');
    else if (noReason) at('days', 'longReasonRequired');
    if (item.overdose) {
      if (blank(item.overdose.reason)) at('overdose.reason', 'overdoseReasonRequired');
      if (blank(item.overdose.confirmedBy) || blank(item.overdose.confirmedAt))
        at('overdose.confirmedAt', 'overdoseConfirmationRequired');
    }
    if (item.allergyOverride && blank(item.allergyOverride.reason))
      at('allergyOverride.reason', 'allergyOverrideRequired');
  });
  return errors;
}
