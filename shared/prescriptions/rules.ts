/**
 * Prescription rules (DOMAIN.md §1.2–1.4): the slip type, supply limits in days (ordinary and
 * paediatric 7, emergency 3; up to 28 with a reason for a chronic disease (处方管理办法 Art. 19)
 * for any drug that is neither controlled nor an antimicrobial; long prescriptions up to 12 weeks
 * with a reason and the patient's confirmation, without the drugs 长期处方管理规范 excludes), dose
 * maxima (a written reason and a second signature above them, refused above ten times), recorded
 * allergies (an override reason per line) and the same drug twice. Everything is pure and returns
 * codes; the UI translates them from the `prescriptions` namespace (`errors.<code>`,
 * `warnings.<code>`).
 */
import { textErrors, type TextErrorCode } from '../validation/text';
import { ageOn } from '../identity/age';
import { matchingAllergies } from './allergy';
import { checkDose, type DoseVerdict } from './doseLimits';
import type { Formulary } from './formulary';
import {
  checkItem,
  parseDecimal,
  type ItemErrorCode,
  type ItemFacts,
  type PrescriptionItemDraft,
  type PrescriptionLine,
} from './items';
import { prescriptionTextLimits, type PrescriptionItem } from './schema';
import { isDoseUnit, isFrequency, type PrescriptionType } from './vocabulary';

/** Supply limits in days. */
export const dayLimits = {
  /** Usual supply of an ordinary or paediatric prescription, and the most without a reason. */
  ordinary: 7,
  /** Usual and greatest supply of an emergency prescription. */
  emergency: 3,
  /** Beyond this a long prescription also needs the patient's confirmation (4 weeks). */
  acknowledgeAbove: 28,
  /** Greatest supply of a long prescription (12 weeks). */
  longMax: 84,
  /** Psychotropic class II: usual limit, and the most with a stated reason for a chronic disease. */
  psychotropic2: 7,
  psychotropic2Extended: 28,
} as const;

/** Children under this exact age get paediatric slips. */
export const paediatricAgeLimit = 14;

/** Errors of the whole prescription beyond its lines (translated as `errors.<code>`). */
export const prescriptionErrorCodes = [
  'noItems',
  'issueDateInvalid',
  'birthDateInvalid',
  'emergencyDaysExceeded',
  'daysExceedMaximum',
  'longPrescriptionExcluded',
  'longReasonRequired',
  'longAcknowledgementRequired',
  'psychotropic2ReasonRequired',
  'psychotropic2DaysExceeded',
  'longPrescriptionStorageExcluded',
  'allergyOverrideRequired',
  'weightRequired',
  'doseImplausible',
  'overdoseReasonRequired',
  'overdoseConfirmationRequired',
] as const;
export type PrescriptionErrorCode = ItemErrorCode | (typeof prescriptionErrorCodes)[number] | TextErrorCode;

/** Warnings (translated as `warnings.<code>`). */
export const prescriptionWarningCodes = ['allergy', 'duplicateDrug', 'quantityExceedsSupply'] as const;
export type PrescriptionWarningCode = (typeof prescriptionWarningCodes)[number];

/** An error on a field: `items.<index>.<field>`, `items`, `longReason`, `longAcknowledged`, … */
export interface PrescriptionError {
  path: string;
  code: PrescriptionErrorCode;
}

/**
 * A warning on a line. `detail` is the patient's allergy entry for `allergy`, and the 0-based
 * index of the earlier line for `duplicateDrug`.
 */
export interface PrescriptionWarning {
  itemIndex: number;
  code: PrescriptionWarningCode;
  detail?: string;
}

/** What the doctor writes at one sitting, before it is split into slips. */
export interface PrescriptionDraft {
  /** The doctor marks the prescription as an emergency one (急诊). */
  emergency: boolean;
  items: PrescriptionItemDraft[];
  /** Written reason for a supply beyond the usual limit (long prescription, 精二 extension). */
  longReason: string;
  /** The patient confirmed a supply beyond four weeks (e.g. signed the record). */
  longAcknowledged: boolean;
}

export interface PrescriptionContext {
  formulary: Formulary;
  /** Today's weight (the encounter's vitals) is needed for a child's per-kg dose maxima. */
  patient: { birthDate: string; allergies: readonly string[]; weightKg?: number | null };
  /** The day the prescription is issued, YYYY-MM-DD (the desk's local date). */
  issueDate: string;
}

export interface PrescriptionCheck {
  errors: PrescriptionError[];
  warnings: PrescriptionWarning[];
  /** The type of the ordinary lines' slips (psychotropic class II lines get `psychotropic2` slips). */
  type: Exclude<PrescriptionType, 'psychotropic2'>;
  /** Each typed line resolved for the slip, or null where it has errors; same order as the draft. */
  lines: (PrescriptionLine | null)[];
  /** Per line: its dose against the maxima (null when the dose could not be read yet). */
  doses: (DoseVerdict | null)[];
  /** Per line: the patient's allergy entries its drug meets. */
  allergies: string[][];
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A YYYY-MM-DD date as a local Date at noon, or null when it is not a real date. */
function localDate(value: string): Date | null {
  const match = isoDate.exec(value);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(y, m - 1, d, 12);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? date : null;
}

/**
 * Whether the patient is a child for prescription purposes: exact age (实足年龄) on the issue
 * date under 14. Null when either date is not a real YYYY-MM-DD date.
 */
export function isPaediatric(birthDate: string, issueDate: string): boolean | null {
  const on = localDate(issueDate);
  if (!on || !localDate(birthDate)) return null;
  return ageOn(birthDate, on).years < paediatricAgeLimit;
}

/**
 * The type of a prescription's ordinary slips. The doctor's emergency choice wins over age: an
 * emergency child gets a 急诊 slip, whose 3-day limit and same-day urgency matter more to the
 * pharmacy than the 儿科 label (DOMAIN.md §1.3 gives one label per slip). Otherwise a patient
 * under 14 on the issue date gets 儿科, everyone else 普通. Unknown dates count as adult.
 */
export function prescriptionType(input: {
  emergency: boolean;
  birthDate: string;
  issueDate: string;
}): Exclude<PrescriptionType, 'psychotropic2'> {
  if (input.emergency) return 'emergency';
  return isPaediatric(input.birthDate, input.issueDate) ? 'paediatric' : 'ordinary';
}

/** The supply in days a new line starts with: 3 for an emergency prescription, else 7. */
export const defaultDays = (emergency: boolean): number =>
  emergency ? dayLimits.emergency : dayLimits.ordinary;

/**
 * Whether a drug may not go on a long prescription (长期处方管理规范): narcotic, psychotropic,
 * toxic, radioactive and precursor drugs, antimicrobials (TB drugs are not flagged as such) and
 * drugs that need special storage.
 */
export const isLongExcluded = (drug: Pick<ItemFacts, 'control' | 'antimicrobial' | 'specialStorage'>) =>
  drug.control !== 'none' || drug.antimicrobial || drug.specialStorage;

/**
 * Supply-limit errors for the lines' days. Per line: more than 84 days is refused; an emergency
 * prescription allows 3; psychotropic class II allows 7, up to 28 with a reason. Other controlled
 * drugs and antimicrobials allow 7. Any other drug may go beyond 7 days with a reason (处方管理办法
 * Art. 19: chronic disease, old age); beyond 28 days it becomes a long prescription (长期处方管理
 * 规范), which also needs the patient's confirmation and excludes drugs that need special storage
 * (insulin: 14 days with a reason is fine, 29 is not).
 */
export function dayErrors(
  facts: readonly ItemFacts[],
  draft: Pick<PrescriptionDraft, 'emergency' | 'longReason' | 'longAcknowledged'>,
): PrescriptionError[] {
  const errors: PrescriptionError[] = [];
  let needReason = false;
  let needPsychotropic2Reason = false;
  let needAcknowledgement = false;
  facts.forEach((line, index) => {
    const days = line.days;
    // Narcotic and psychotropic class I lines are refused whatever their days.
    if (days === null || line.control === 'narcotic' || line.control === 'psychotropic1') return;
    const at = (code: PrescriptionErrorCode) => errors.push({ path: `items.${index}.days`, code });
    if (days > dayLimits.longMax) at('daysExceedMaximum');
    else if (draft.emergency) {
      if (days > dayLimits.emergency) at('emergencyDaysExceeded');
    } else if (line.control === 'psychotropic2') {
      if (days > dayLimits.psychotropic2Extended) at('psychotropic2DaysExceeded');
      else if (days > dayLimits.psychotropic2) needPsychotropic2Reason = true;
    } else if (days > dayLimits.ordinary) {
      if (line.control !== 'none' || line.antimicrobial) at('longPrescriptionExcluded');
      else if (days > dayLimits.acknowledgeAbove && isLongExcluded(line))
        at('longPrescriptionStorageExcluded');
      else {
        needReason = true;
        if (days > dayLimits.acknowledgeAbove) needAcknowledgement = true;
      }
    }
  });
  const reason = draft.longReason.trim();
  if (reason.length > prescriptionTextLimits.longReason) errors.push({ path: 'longReason', code: 'tooLong' });
  else if (!reason && needReason) errors.push({ path: 'longReason', code: 'longReasonRequired' });
  else if (!reason && needPsychotropic2Reason)
    errors.push({ path: 'longReason', code: 'psychotropic2ReasonRequired' });
  if (needAcknowledgement && !draft.longAcknowledged)
    errors.push({ path: 'longAcknowledged', code: 'longAcknowledgementRequired' });
  return errors;
}

const sameName = (a: string | undefined, b: string | undefined) =>
  !!a && !!b && a.normalize('NFKC').trim().toLowerCase() === b.normalize('NFKC').trim().toLowerCase();

/**
 * Warnings on the lines: each allergy entry of the patient that concerns a line's drug
 * (`allergies`, per line, from {@link lineAllergies}), and a drug written twice (same code, or
 * same generic name in either language; the later line is flagged, pointing at the earlier).
 */
export function itemWarnings(
  facts: readonly ItemFacts[],
  allergies: readonly (readonly string[])[],
): PrescriptionWarning[] {
  const warnings: PrescriptionWarning[] = [];
  facts.forEach((line, itemIndex) => {
    for (const allergy of allergies[itemIndex] ?? [])
      warnings.push({ itemIndex, code: 'allergy', detail: allergy });
    const earlier = facts.findIndex(
      (other, j) =>
        j < itemIndex &&
        ((!!line.drugCode && other.drugCode === line.drugCode) ||
          sameName(other.generic?.['zh-CN'], line.generic?.['zh-CN']) ||
          sameName(other.generic?.en, line.generic?.en)),
    );
    if (earlier >= 0) warnings.push({ itemIndex, code: 'duplicateDrug', detail: String(earlier) });
  });
  return warnings;
}

/** The patient's allergy entries a line's drug meets (by name or by class, see allergy.ts). */
export function lineAllergies(line: ItemFacts, allergies: readonly string[]): string[] {
  if (!line.generic) return [];
  return matchingAllergies(allergies, { generic: line.generic, allergenGroups: line.allergenGroups });
}

/**
 * Whether a typed quantity gives more than the days need, allowing rounding up to whole packs
 * (28 tablets for a 7-day supply from a box of 28 is fine; 56 is not).
 */
export function exceedsSupply(line: PrescriptionLine): boolean {
  if (line.typedUnits === null || !line.computed) return false;
  const { units, packSize } = line.computed;
  return line.typedUnits > Math.ceil(units / packSize) * packSize;
}

/**
 * Checks a whole draft: every line (see items.ts), the issue and birth dates, the supply limits,
 * and the warnings. The draft can be signed only when `errors` is empty; warnings are shown and
 * need no action.
 */
export function validatePrescription(
  draft: PrescriptionDraft,
  context: PrescriptionContext,
): PrescriptionCheck {
  const errors: PrescriptionError[] = [];
  if (!localDate(context.issueDate)) errors.push({ path: 'issueDate', code: 'issueDateInvalid' });
  if (!localDate(context.patient.birthDate))
    errors.push({ path: 'patient.birthDate', code: 'birthDateInvalid' });
  if (draft.items.length === 0) errors.push({ path: 'items', code: 'noItems' });
  // Text no database can store is refused as it is typed (shared/validation/text.ts).
  errors.push(...textErrors(draft).map(({ field, code }) => ({ path: field, code })));

  const checks = draft.items.map((item, index) => checkItem(item, index, context.formulary));
  for (const check of checks) errors.push(...check.errors);
  const facts = checks.map((check) => check.facts);
  errors.push(...dayErrors(facts, draft));

  const allergies = facts.map((line) => lineAllergies(line, context.patient.allergies));
  const warnings = itemWarnings(facts, allergies);
  checks.forEach((check, itemIndex) => {
    if (check.line && exceedsSupply(check.line)) warnings.push({ itemIndex, code: 'quantityExceedsSupply' });
  });
  warnings.sort((a, b) => a.itemIndex - b.itemIndex);

  const child = isPaediatric(context.patient.birthDate, context.issueDate) === true;
  const patient = { child, weightKg: context.patient.weightKg ?? null };
  const doses = draft.items.map((item, index) => lineDose(item, facts[index]!, patient));
  const lines = checks.map((check) => check.line);
  draft.items.forEach((item, index) => {
    const found = safetyErrors(item, index, doses[index]!, allergies[index]!);
    errors.push(...found.errors);
    const line = lines[index];
    if (line && found.errors.length === 0)
      lines[index] = { ...line, item: { ...line.item, ...found.fields } };
    else if (found.errors.length > 0) lines[index] = null;
  });

  return {
    errors,
    warnings,
    type: prescriptionType({
      emergency: draft.emergency,
      birthDate: context.patient.birthDate,
      issueDate: context.issueDate,
    }),
    lines,
    doses,
    allergies,
  };
}

/** The dose verdict of a formulary line whose dose, unit and frequency can be read. */
function lineDose(
  item: PrescriptionItemDraft,
  facts: ItemFacts,
  patient: { child: boolean; weightKg: number | null },
): DoseVerdict | null {
  const dose = parseDecimal(item.dose);
  if (!facts.drug || !dose.ok || dose.value === null || !(dose.value > 0)) return null;
  if (!isDoseUnit(item.doseUnit) || !isFrequency(item.frequency)) return null;
  return checkDose(
    facts.drug,
    { dose: dose.value, doseUnit: item.doseUnit, frequency: item.frequency },
    patient,
  );
}

/**
 * Errors of the dose maxima and recorded allergies on one line, and the fields they add to its
 * slip line: the over-dose reason with its second signature, the allergy override reason.
 */
function safetyErrors(
  item: PrescriptionItemDraft,
  index: number,
  dose: DoseVerdict | null,
  allergies: readonly string[],
): { errors: PrescriptionError[]; fields: Pick<PrescriptionItem, 'overdose' | 'allergyOverride'> } {
  const errors: PrescriptionError[] = [];
  const fields: Pick<PrescriptionItem, 'overdose' | 'allergyOverride'> = {};
  const at = (field: string, code: PrescriptionErrorCode) =>
    errors.push({ path: `items.${index}.${field}`, code });
  const L = prescriptionTextLimits;
  if (dose?.status === 'weightRequired') at('dose', 'weightRequired');
  else if (dose?.status === 'implausible') at('dose', 'doseImplausible');
  else if (dose?.status === 'over') {
    const reason = (item.overdoseReason ?? '').trim();
    const confirmation = item.overdoseConfirmation;
    if (!reason) at('overdoseReason', 'overdoseReasonRequired');
    else if (reason.length > L.overdoseReason) at('overdoseReason', 'tooLong');
    else if (!confirmation?.by || !confirmation.at)
      at('overdoseConfirmation', 'overdoseConfirmationRequired');
    else fields.overdose = { reason, confirmedBy: confirmation.by, confirmedAt: confirmation.at };
  }
  if (allergies.length > 0) {
    const reason = (item.allergyOverrideReason ?? '').trim();
    if (!reason) at('allergyOverrideReason', 'allergyOverrideRequired');
    else if (reason.length > L.allergyReason) at('allergyOverrideReason', 'tooLong');
    else
      fields.allergyOverride = {
        allergies: allergies.slice(0, 30).map((a) => a.slice(0, L.allergy)),
        reason,
      };
  }
  return { errors, fields };
}
