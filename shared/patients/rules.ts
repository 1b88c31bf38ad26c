/**
 * Rules a patient record must satisfy before it is saved, on the workstation and (from the sync
 * issue on) on the platform. Errors are codes per field; the UI translates them.
 */
import { canonicalJson } from '../json/canonicalJson';
import { parseIdNumber, type IdErrorCode } from '../identity/idNumber';
import { normalizeMobile } from '../identity/phone';
import { textErrorsByField, type TextErrorCode } from '../validation/text';
import { patientFieldNames, type FieldChange, type PatientFields } from './schema';

export type PatientErrorCode =
  | IdErrorCode
  | 'required'
  | 'tooLong'
  | 'nameCharacters'
  | 'mobileFormat'
  | 'birthDateInvalid'
  | 'birthDateFuture'
  | 'birthDateMismatch'
  | 'sexMismatch'
  | TextErrorCode;

export type PatientErrors = Partial<Record<keyof PatientFields, PatientErrorCode>>;

export type PatientValidation = { ok: true; value: PatientFields } | { ok: false; errors: PatientErrors };

/**
 * Letters of any script, combining marks, the interpunct used in transliterated names (·, •),
 * spaces, apostrophes, hyphens and full stops. Digits and markup characters are not names.
 */
const namePattern = /^[\p{L}\p{M}·•'’\-. ]+$/u;

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const match = isoDate.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1890 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** Today's date in the desk's local time zone, as YYYY-MM-DD. */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Why `birthDate` (YYYY-MM-DD) cannot be a birth date, if it cannot: empty, not a real calendar
 * date, or after today in the desk's time zone. Date pickers use it on what was typed, so a date
 * the picker refuses is explained in the same words as a refused save.
 */
export function checkBirthDate(
  birthDate: string,
  now: Date,
): 'required' | 'birthDateInvalid' | 'birthDateFuture' | undefined {
  if (!birthDate) return 'required';
  if (!isCalendarDate(birthDate)) return 'birthDateInvalid';
  if (birthDate > localIsoDate(now)) return 'birthDateFuture';
  return undefined;
}

/**
 * Checks and normalises what a person typed: the identity number is parsed for its type (15-digit
 * numbers upgraded), birth date and sex are cross-checked against it (or filled from it when left
 * empty), the mobile number is normalised, text is trimmed.
 */
export function validatePatient(input: PatientFields, now: Date = new Date()): PatientValidation {
  const errors: PatientErrors = {};
  const value: PatientFields = {
    ...input,
    name: input.name.trim().replace(/\s+/g, ' '),
    familyDoctor: input.familyDoctor.trim(),
    allergies: [...new Set(input.allergies.map((a) => a.trim()).filter(Boolean))],
    tags: [...new Set(input.tags)],
    address: {
      ...input.address,
      community: input.address.community.trim(),
      detail: input.address.detail.trim(),
    },
    household: { ...input.household, number: input.household.number.trim() },
  };

  if (!value.name) errors.name = 'required';
  else if (value.name.length > 50) errors.name = 'tooLong';
  else if (!namePattern.test(value.name)) errors.name = 'nameCharacters';

  const id = parseIdNumber(value.idType, input.idNumber, now);
  if (!id.ok) errors.idNumber = id.error;
  else {
    value.idNumber = id.value.normalized;
    if (id.value.birthDate) {
      if (!value.birthDate) value.birthDate = id.value.birthDate;
      else if (value.birthDate !== id.value.birthDate) errors.birthDate = 'birthDateMismatch';
    }
    if (id.value.sex) {
      if (value.sex === 'unknown') value.sex = id.value.sex;
      else if (value.sex !== id.value.sex) errors.sex = 'sexMismatch';
    }
  }

  if (!errors.birthDate) {
    const birthDateError = checkBirthDate(value.birthDate, now);
    if (birthDateError) errors.birthDate = birthDateError;
  }

  if (input.mobile.trim()) {
    const mobile = normalizeMobile(input.mobile);
    if (mobile.ok) value.mobile = mobile.value;
    else errors.mobile = 'mobileFormat';
  } else value.mobile = '';

  if (value.address.detail.length > 200) errors.address = 'tooLong';
  if (value.familyDoctor.length > 50) errors.familyDoctor = 'tooLong';
  // Text no database can store is refused as it is typed (shared/validation/text.ts).
  for (const [field, code] of textErrorsByField(input)) errors[field as keyof PatientFields] ??= code;

  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value };
}

/** The fields whose values differ between two versions of a patient, as canonical JSON text pairs. */
export function diffPatient(before: PatientFields, after: PatientFields): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of patientFieldNames) {
    const from = canonicalJson(before[field]);
    const to = canonicalJson(after[field]);
    if (from !== to) changes.push({ field, from, to });
  }
  return changes;
}

/**
 * What the rules say about one field when the person leaves it, judged on the whole form (a
 * birth date is checked against the identity number typed above it). Emptiness is not reported
 * here: tabbing through a form must not paint it red; a save reports what is still missing.
 */
export function fieldErrorOnLeave(
  field: keyof PatientFields,
  input: PatientFields,
  now: Date = new Date(),
): PatientErrorCode | undefined {
  const result = validatePatient(input, now);
  if (result.ok) return undefined;
  const code = result.errors[field];
  return code === 'required' ? undefined : code;
}
