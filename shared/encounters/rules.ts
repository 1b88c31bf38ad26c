/**
 * Rules of a consultation record: what a draft may hold (checked on every save), what a record
 * needs before the doctor can sign it, and the defaults a new record starts from. Errors are
 * `{ field, code }` with field paths such as `vitals.systolic` or `diagnoses.1.code`; the UI
 * translates the codes (`encounters:errors.<code>`).
 */
import type { PatientDoc } from '../patients/schema';
import { isDiagnosisCode } from '../diagnoses/codes';
import {
  encounterTextLimits,
  maxAllergies,
  maxDiagnoses,
  type EncounterContent,
  type EncounterDoc,
  type VisitType,
} from './schema';
import { textErrors, type TextErrorCode } from '../validation/text';
import { isIsoDate } from '../followups/dates';
import {
  overrideErrors,
  symptomErrors,
  type OverrideErrorCode,
  type SymptomErrorCode,
} from '../followups/forms';
import { vitalsErrors, type VitalErrorCode } from './vitals';

/** A record's rules version, re-exported for the callers of {@link validateForSigning}. */
export { rulesVersionOf } from '../clinical/signature';

/**
 * - vitals: {@link VitalErrorCode};
 * - `tooLong`, `tooMany`: text or list over the schema's limits;
 * - `required`: missing for signing (see {@link validateForSigning}), or a diagnosis without a name;
 * - `codeFormat`: a coded diagnosis whose code is not ICD-10 / 临床版 shaped;
 * - `freeTextCode`: a free-text diagnosis that carries a code;
 * - `duplicate`: the same code listed twice;
 * - `primaryMissing`, `primaryMultiple`: signing needs exactly one primary diagnosis;
 * - `invalidCharacter`, `dateOutOfRange`: text no database can store (shared/validation/text.ts);
 * - follow-up visits (`kind: 'followUp'`, shared/encounters/followUp.ts): `kindMismatch` (a
 *   follow-up without its form, or a form on a consultation), `dateFormat` (a date of the form that
 *   is not YYYY-MM-DD), the symptom codes of shared/followups/forms.ts (`unknownSymptom`,
 *   `noneWithOthers`, `duplicate`) and, for signing, its override reasons (`reasonRequired`,
 *   `reasonNotExpected`).
 */
export type EncounterErrorCode =
  | VitalErrorCode
  | TextErrorCode
  | 'tooLong'
  | 'tooMany'
  | 'required'
  | 'codeFormat'
  | 'freeTextCode'
  | 'duplicate'
  | 'primaryMissing'
  | 'primaryMultiple'
  | SymptomErrorCode
  | OverrideErrorCode
  | 'kindMismatch'
  | 'dateFormat';

export interface EncounterFieldError {
  field: string;
  code: EncounterErrorCode;
}

/** What the rules read: the clinical content and, for amendments, the revision and its reason. */
export type EncounterDraftInput = EncounterContent & Pick<EncounterDoc, 'revisionNo' | 'amendReason'>;

const longTextFields = [
  'chiefComplaint',
  'presentHistory',
  'pastHistory',
  'physicalExam',
  'auxiliaryExams',
  'plan',
  'advice',
  'amendReason',
] as const;

/**
 * Problems a draft may not be saved with: implausible vitals, text and lists over their limits,
 * malformed or repeated diagnosis codes, diagnoses without a name. Incomplete content is fine in a
 * draft; [] when the draft may be saved.
 */
export function validateEncounterDraft(doc: EncounterDraftInput): EncounterFieldError[] {
  const errors: EncounterFieldError[] = [];
  for (const field of longTextFields)
    if ((doc[field] ?? '').length > encounterTextLimits[field]) errors.push({ field, code: 'tooLong' });

  if (doc.allergies.length > maxAllergies) errors.push({ field: 'allergies', code: 'tooMany' });
  doc.allergies.forEach((allergy, i) => {
    if (allergy.length > encounterTextLimits.allergy)
      errors.push({ field: `allergies.${i}`, code: 'tooLong' });
  });

  for (const { field, code } of vitalsErrors(doc.vitals)) errors.push({ field: `vitals.${field}`, code });

  if (doc.diagnoses.length > maxDiagnoses) errors.push({ field: 'diagnoses', code: 'tooMany' });
  const seen = new Set<string>();
  doc.diagnoses.forEach((d, i) => {
    const at = `diagnoses.${i}`;
    if (!d.name.zh.trim() && !d.name.en.trim()) errors.push({ field: `${at}.name`, code: 'required' });
    else if (
      d.name.zh.length > encounterTextLimits.diagnosisName ||
      d.name.en.length > encounterTextLimits.diagnosisName
    )
      errors.push({ field: `${at}.name`, code: 'tooLong' });
    if (d.freeText) {
      if (d.code !== '') errors.push({ field: `${at}.code`, code: 'freeTextCode' });
    } else if (!isDiagnosisCode(d.code)) errors.push({ field: `${at}.code`, code: 'codeFormat' });
    else if (seen.has(d.code)) errors.push({ field: `${at}.code`, code: 'duplicate' });
    else seen.add(d.code);
  });
  errors.push(...followUpDraftErrors(doc));
  // Text no database can store is refused as it is typed (shared/validation/text.ts).
  errors.push(...textErrors(doc));
  return errors;
}

/** Whether `doc` is a programme's follow-up visit (shared/encounters/followUp.ts). */
export const isFollowUpVisit = (doc: Pick<EncounterContent, 'kind'>): boolean => doc.kind === 'followUp';

/**
 * Problems of a follow-up visit's form a draft may not be saved with: a follow-up needs its form
 * and only a follow-up has one; symptom codes from the programme's list ('none' alone); dates as
 * YYYY-MM-DD where given. [] for a consultation.
 */
function followUpDraftErrors(doc: EncounterDraftInput): EncounterFieldError[] {
  const form = doc.followUp;
  if (!isFollowUpVisit(doc)) return form === undefined ? [] : [{ field: 'followUp', code: 'kindMismatch' }];
  if (!form) return [{ field: 'followUp', code: 'kindMismatch' }];
  const errors: EncounterFieldError[] = symptomErrors(form.programme, form.symptoms).map((code) => ({
    field: 'followUp.symptoms',
    code,
  }));
  for (const field of ['nextDate', 'computedNextDate', 'hba1cDate'] as const) {
    const value = form[field];
    if (value && !isIsoDate(value)) errors.push({ field: `followUp.${field}`, code: 'dateFormat' });
  }
  return errors;
}

/**
 * What a follow-up visit needs before it is signed: the next visit's date (unless the visit
 * records the patient as lost, 失访), and a reason wherever the doctor changed the computed
 * classification or next step and date — and none where they kept them.
 */
function followUpSigningErrors(doc: EncounterDraftInput): EncounterFieldError[] {
  const form = doc.followUp;
  if (!form) return [];
  const errors: EncounterFieldError[] = overrideErrors(form).map(({ field, code }) => ({
    field: `followUp.${field}`,
    code,
  }));
  if (!form.lostReason.trim() && !form.nextDate)
    errors.push({ field: 'followUp.nextDate', code: 'required' });
  return errors;
}

/**
 * The text fields a record must have before it is signed, per rules version and visit type.
 * Version 1 (records without `rulesVersion`) asked only for the chief complaint. Version 2 follows
 * 病历书写基本规范 for outpatient records: a first visit needs the chief complaint, present history,
 * physical examination and plan; a follow-up the chief complaint and plan (its history and
 * examination may be brief and are often unchanged). Diagnoses are checked separately.
 */
export function requiredTextFields(
  visitType: VisitType,
  rulesVersion: number,
): readonly ('chiefComplaint' | 'presentHistory' | 'physicalExam' | 'plan')[] {
  if (rulesVersion < 2) return ['chiefComplaint'];
  return visitType === 'first'
    ? ['chiefComplaint', 'presentHistory', 'physicalExam', 'plan']
    : ['chiefComplaint', 'plan'];
}

/**
 * Problems that keep a record from being signed under the rules of `rulesVersion` (the record's
 * own, `rulesVersionOf(doc)`, when the platform checks a pushed record; the current
 * `clinicalRulesVersion` when a desk signs): everything {@link validateEncounterDraft} reports,
 * the text fields of {@link requiredTextFields} (`required`, in form order), at least one diagnosis
 * with exactly one primary, and (for an amendment, `revisionNo` > 1) the reason for it. A record
 * signed under version 1 is judged by version 1, so it is never refused after an upgrade.
 * A follow-up visit (`kind: 'followUp'`) is the programme's visit: it needs no chief complaint,
 * plan or diagnosis (a diagnosis it lists still needs exactly one primary), but its form's next
 * date and override reasons. [] when it may be signed.
 */
export function validateForSigning(doc: EncounterDraftInput, rulesVersion: number): EncounterFieldError[] {
  if (isFollowUpVisit(doc)) {
    const errors = [...validateEncounterDraft(doc), ...followUpSigningErrors(doc)];
    const primaries = doc.diagnoses.filter((d) => d.primary).length;
    if (doc.diagnoses.length && primaries === 0) errors.push({ field: 'diagnoses', code: 'primaryMissing' });
    if (primaries > 1) errors.push({ field: 'diagnoses', code: 'primaryMultiple' });
    if (doc.revisionNo > 1 && !doc.amendReason.trim())
      errors.push({ field: 'amendReason', code: 'required' });
    return errors;
  }
  const errors = validateEncounterDraft(doc);
  const required = requiredTextFields(doc.visitType, rulesVersion);
  for (const field of ['chiefComplaint', 'presentHistory', 'physicalExam'] as const)
    if (required.includes(field) && !(doc[field] ?? '').trim()) errors.push({ field, code: 'required' });
  if (!doc.diagnoses.length) errors.push({ field: 'diagnoses', code: 'required' });
  else {
    const primaries = doc.diagnoses.filter((d) => d.primary).length;
    if (primaries === 0) errors.push({ field: 'diagnoses', code: 'primaryMissing' });
    if (primaries > 1) errors.push({ field: 'diagnoses', code: 'primaryMultiple' });
  }
  if (required.includes('plan') && !doc.plan.trim()) errors.push({ field: 'plan', code: 'required' });
  if (doc.revisionNo > 1 && !doc.amendReason.trim()) errors.push({ field: 'amendReason', code: 'required' });
  return errors;
}

/** Key-population tags that are conditions worth showing beside past history. */
const conditionTags = ['hypertension', 'diabetes', 'postTransplant', 'severeMental'] as const;
export type ConditionTag = (typeof conditionTags)[number];

export interface EncounterPrefill {
  /** The patient's recorded allergies (as on the resident record). */
  allergies: string[];
  /** Past history of the patient's latest signed encounter, '' when there is none. */
  pastHistory: string;
  /** The patient's chronic-condition tags, for the UI to show (translated) beside past history. */
  conditions: ConditionTag[];
}

/**
 * What a new encounter starts with from what is already known: the resident record's allergies
 * and chronic-condition tags, and the past history written at the patient's latest signed
 * encounter (latest by signing time) among `previous`. The resident record has no free-text past
 * history of its own.
 */
export function prefillFromPatient(
  patient: Pick<PatientDoc, 'id' | 'allergies' | 'tags'>,
  previous: readonly Pick<EncounterDoc, 'patientId' | 'status' | 'signature' | 'pastHistory'>[] = [],
): EncounterPrefill {
  let latest: (typeof previous)[number] | undefined;
  for (const e of previous) {
    if (e.patientId !== patient.id || e.status !== 'signed' || !e.signature) continue;
    if (!latest || Date.parse(e.signature.at) > Date.parse(latest.signature?.at ?? '')) latest = e;
  }
  return {
    allergies: [...patient.allergies],
    pastHistory: latest?.pastHistory ?? '',
    conditions: conditionTags.filter((t) => patient.tags.includes(t)),
  };
}

/**
 * First visit unless the patient already has a signed encounter at `orgId` (DOMAIN.md §1.8:
 * internet care is for follow-ups only, so the flag matters). Drafts and other organisations'
 * records shared with this one do not count. `previous` are the patient's encounters.
 */
export function defaultVisitType(
  previous: readonly Pick<EncounterDoc, 'orgId' | 'status'>[],
  orgId: string,
): VisitType {
  return previous.some((e) => e.orgId === orgId && e.status === 'signed') ? 'followUp' : 'first';
}
