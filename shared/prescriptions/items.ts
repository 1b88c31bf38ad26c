/**
 * One line of a prescription as the doctor typed it, checked and resolved against the formulary:
 * the drug exists (or is a confirmed off-formulary drug with its details), the dose is a positive
 * number in a unit that fits the drug, frequency and route are known codes, days are whole, the
 * quantity is computed or typed, and the usage note is not vague.
 */
import type { Formulary, FormularyDrug, LocalizedName } from './formulary';
import { resolveTypedDrug } from './nameMatch';
import { allowedDoseUnits, computeQuantity, quantityInUnits, type QuantityResult } from './quantity';
import { prescriptionTextLimits, type PrescriptionItem } from './schema';
import {
  dosageForms,
  isDispensingUnit,
  isDoseUnit,
  isFrequency,
  isRoute,
  controlClasses,
  type AllergenGroup,
  type ControlClass,
  type DispensingUnit,
  type DosageForm,
} from './vocabulary';

/**
 * What the doctor enters for a drug that is not in the formulary, including its classification:
 * the legal control class and whether it is an antimicrobial (null until the prescriber says).
 */
export interface OffFormularyDrug {
  generic: LocalizedName;
  form: DosageForm;
  strength: string;
  unit: DispensingUnit;
  control?: ControlClass | null;
  antimicrobial?: boolean | null;
}

/** The doctor's second signature for a dose above the maximum: who confirmed, and when. */
export interface DoseConfirmation {
  by: string;
  at: string;
}

/** A line as typed: numbers may still be text from an input box. */
export interface PrescriptionItemDraft {
  drugCode: string;
  /** Details of a drug not in the formulary; used only with `offFormularyConfirmed`. */
  offFormularyDrug?: OffFormularyDrug | null;
  /** The doctor confirmed prescribing a drug that is not in the formulary. */
  offFormularyConfirmed?: boolean;
  dose: number | string | null;
  doseUnit: string;
  route: string;
  frequency: string;
  days: number | string | null;
  /** Typed quantity; empty to compute it (required when it cannot be computed). */
  quantity?: number | string | null;
  /** Unit of a typed quantity: the dispensing unit (default) or the pack unit. */
  unit?: string | null;
  note?: string;
  /** Why a dose above the maximum is needed (see doseLimits.ts). */
  overdoseReason?: string;
  /** The password confirmation of that dose; null until given. */
  overdoseConfirmation?: DoseConfirmation | null;
  /** Why the drug is prescribed despite a recorded allergy it meets. */
  allergyOverrideReason?: string;
}

/** Errors on one line (translated as `errors.<code>`). */
export const itemErrorCodes = [
  'drugRequired',
  'notInFormulary',
  'offFormularyDetailsRequired',
  'classificationRequired',
  'inFormulary',
  'specialSlipRequired',
  'doseNotNumeric',
  'doseNotPositive',
  'unknownDoseUnit',
  'doseUnitMismatch',
  'unknownFrequency',
  'unknownRoute',
  'daysInvalid',
  'quantityRequired',
  'quantityInvalid',
  'unitMismatch',
  'vagueUsage',
  'tooLong',
] as const;
export type ItemErrorCode = (typeof itemErrorCodes)[number];

/** An error on one field, addressed as `items.<index>.<field>`. */
export interface ItemError {
  path: string;
  code: ItemErrorCode;
}

/** The facts about a line's drug that limits and warnings need, known even when a field is wrong. */
export interface ItemFacts {
  drugCode: string;
  /** The formulary entry; null for an off-formulary drug. */
  drug: FormularyDrug | null;
  generic: LocalizedName | null;
  control: ControlClass;
  antimicrobial: boolean;
  specialStorage: boolean;
  allergenGroups: readonly AllergenGroup[];
  /** Whole days, or null when not valid. */
  days: number | null;
}

/** A line that passed every item check: the slip line, and what the rules need. */
export interface PrescriptionLine extends ItemFacts {
  index: number;
  item: PrescriptionItem;
  /** The computed quantity (null when it could not be computed and was typed). */
  computed: QuantityResult | null;
  /** The typed quantity in dispensing units, or null when none was typed. */
  typedUnits: number | null;
}

export interface ItemCheck {
  errors: ItemError[];
  facts: ItemFacts;
  /** Null when the line has errors. */
  line: PrescriptionLine | null;
}

type Parsed = { ok: true; value: number | null } | { ok: false };

/**
 * Reads a number from an input: a finite number, or text of a plain decimal (full-width digits
 * allowed). Empty text and null are "no value"; anything else is not a number.
 */
export function parseDecimal(value: number | string | null | undefined): Parsed {
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : { ok: false };
  const text = value.normalize('NFKC').trim();
  if (!text) return { ok: true, value: null };
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? { ok: true, value: Number(text) } : { ok: false };
}

/**
 * Usage that the rules forbid (处方管理办法 Art. 6: no "遵医嘱", "自用" or the like): the usage
 * must be written out.
 */
const vagueUsage =
  /遵医嘱|按医嘱|遵嘱|医嘱用|自用|as directed|as instructed|ut dict|(^|[^a-z])u\.?d\.?($|[^a-z])/iu;

/** Whether a usage note is vague ("遵医嘱", "自用", "as directed", "u.d."). */
export const isVagueUsage = (note: string): boolean => vagueUsage.test(note.normalize('NFKC'));

const blank = (text: string | undefined) => !text || !text.trim();

function offFormularyDetailsValid(drug: OffFormularyDrug | null | undefined): drug is OffFormularyDrug {
  const L = prescriptionTextLimits;
  return (
    !!drug &&
    !blank(drug.generic?.['zh-CN']) &&
    drug.generic['zh-CN'].trim().length <= L.genericZh &&
    (drug.generic.en ?? '').trim().length <= L.genericEn &&
    (dosageForms as readonly string[]).includes(drug.form) &&
    !blank(drug.strength) &&
    drug.strength.trim().length <= L.strength &&
    isDispensingUnit(drug.unit)
  );
}

/** Control classes strictest first: the vocabulary's order, with `none` moved last. */
const controlStrictness: readonly ControlClass[] = [...controlClasses.filter((c) => c !== 'none'), 'none'];

/**
 * The formulary entries an off-formulary name stands for, strictest class first (吗啡 is a
 * narcotic whichever product was meant).
 */
function formularyMatches(drug: OffFormularyDrug | null | undefined, formulary: Formulary): FormularyDrug[] {
  if (!drug) return [];
  const names = [drug.generic?.['zh-CN'] ?? '', drug.generic?.en ?? ''].filter((n) => n.trim());
  const found = [...new Set(names.flatMap((name) => resolveTypedDrug(name, formulary)))];
  return found.sort((a, b) => controlStrictness.indexOf(a.control) - controlStrictness.indexOf(b.control));
}

/**
 * Checks one typed line against the formulary. Narcotic and psychotropic class I drugs are
 * refused outright (`specialSlipRequired`): they need the special paper slip process and are not
 * issued from this workstation. That holds for a drug typed by hand too: a typed name that is a
 * formulary drug (see nameMatch.ts) is refused as `inFormulary` and judged with that drug's class,
 * so morphine typed as text is still a narcotic. A truly off-formulary drug needs the prescriber's
 * classification (control class, antimicrobial or not), and is then judged by it.
 */
export function checkItem(draft: PrescriptionItemDraft, index: number, formulary: Formulary): ItemCheck {
  const errors: ItemError[] = [];
  const at = (field: string, code: ItemErrorCode) => errors.push({ path: `items.${index}.${field}`, code });
  const code = draft.drugCode.trim();
  const drug = formulary.get(code) ?? null;
  const off = !drug && draft.offFormularyConfirmed && offFormularyDetailsValid(draft.offFormularyDrug);
  const offDrug = off ? (draft.offFormularyDrug as OffFormularyDrug) : null;
  const matched = drug ? null : (formularyMatches(draft.offFormularyDrug, formulary)[0] ?? null);
  const typedDrug = draft.offFormularyDrug;
  const classified =
    !!typedDrug &&
    (controlClasses as readonly string[]).includes(typedDrug.control ?? '') &&
    typeof typedDrug.antimicrobial === 'boolean';
  const rulesDrug = drug ?? matched;

  const daysParsed = parseDecimal(draft.days);
  const days =
    daysParsed.ok && daysParsed.value !== null && Number.isInteger(daysParsed.value) && daysParsed.value > 0
      ? daysParsed.value
      : null;
  const facts: ItemFacts = {
    drugCode: code,
    drug,
    generic: drug?.generic ?? offDrug?.generic ?? null,
    control: rulesDrug?.control ?? (classified ? typedDrug!.control! : 'none'),
    antimicrobial: rulesDrug?.antimicrobial ?? (classified ? typedDrug!.antimicrobial! : false),
    specialStorage: rulesDrug?.specialStorage ?? false,
    allergenGroups: rulesDrug?.allergenGroups ?? [],
    days,
  };

  if (!drug) {
    if (!code && !draft.offFormularyDrug) at('drugCode', 'drugRequired');
    else if (matched) at('offFormularyDrug', 'inFormulary');
    else if (!draft.offFormularyConfirmed) at('drugCode', 'notInFormulary');
    else if (!offDrug) at('offFormularyDrug', 'offFormularyDetailsRequired');
  }
  if (facts.control === 'narcotic' || facts.control === 'psychotropic1') {
    at('drugCode', 'specialSlipRequired');
    return { errors, facts, line: null };
  }

  const doseParsed = parseDecimal(draft.dose);
  const dose = doseParsed.ok && doseParsed.value !== null && doseParsed.value > 0 ? doseParsed.value : null;
  if (!doseParsed.ok || doseParsed.value === null) at('dose', 'doseNotNumeric');
  else if (dose === null) at('dose', 'doseNotPositive');

  const doseUnit = isDoseUnit(draft.doseUnit) ? draft.doseUnit : null;
  if (!doseUnit) at('doseUnit', 'unknownDoseUnit');
  else if (drug && !allowedDoseUnits(drug).includes(doseUnit)) at('doseUnit', 'doseUnitMismatch');
  const frequency = isFrequency(draft.frequency) ? draft.frequency : null;
  if (!frequency) at('frequency', 'unknownFrequency');
  const route = isRoute(draft.route) ? draft.route : null;
  if (!route) at('route', 'unknownRoute');
  if (days === null) at('days', 'daysInvalid');
  const usageValid = errors.length === 0;

  const typedUnit = (draft.unit ?? '').trim();
  const unit = typedUnit || drug?.unit || offDrug?.unit || null;
  const unitValid =
    unit !== null && isDispensingUnit(unit) && (!drug || unit === drug.unit || unit === drug.packUnit);
  if (typedUnit && !unitValid) at('unit', 'unitMismatch');

  const quantityParsed = parseDecimal(draft.quantity);
  const typed = quantityParsed.ok ? quantityParsed.value : null;
  if (!quantityParsed.ok || (typed !== null && !(Number.isInteger(typed) && typed > 0)))
    at('quantity', 'quantityInvalid');

  const note = (draft.note ?? '').trim();
  if (note.length > prescriptionTextLimits.note) at('note', 'tooLong');
  else if (isVagueUsage(note)) at('note', 'vagueUsage');

  const computed =
    drug && usageValid && dose !== null && doseUnit && frequency && days !== null
      ? computeQuantity({ dose, doseUnit, frequency, days }, drug)
      : null;
  // Only a usage that is itself valid can say the quantity must be typed.
  if (usageValid && quantityParsed.ok && typed === null && !computed) at('quantity', 'quantityRequired');

  // Asked last, so that the usage errors above still show while the doctor classifies.
  if (offDrug && !matched && !classified) at('offFormularyDrug', 'classificationRequired');
  if (errors.length > 0 || (!drug && !offDrug) || !unitValid) return { errors, facts, line: null };
  const generic = drug?.generic ?? offDrug!.generic;
  const quantityUnit = unit as DispensingUnit;
  const byPack = !!drug && quantityUnit === drug.packUnit && quantityUnit !== drug.unit;
  const typedUnits = typed === null ? null : drug ? quantityInUnits(drug, typed, quantityUnit) : typed;
  const item: PrescriptionItem = {
    drugCode: code,
    generic: { zh: generic['zh-CN'].trim(), en: (generic.en ?? '').trim() || generic['zh-CN'].trim() },
    form: drug?.form ?? offDrug!.form,
    strength: (drug?.strength ?? offDrug!.strength).trim(),
    dose: dose!,
    doseUnit: doseUnit!,
    route: route!,
    frequency: frequency!,
    days: days!,
    // A computed quantity is given in whole packs when the doctor chose the pack unit.
    quantity: typed ?? (byPack ? computed!.packs : computed!.units),
    unit: quantityUnit,
    offFormulary: !drug,
    note,
    control: facts.control,
    antimicrobial: facts.antimicrobial,
    ...(facts.specialStorage ? { specialStorage: true } : {}),
  };
  return { errors, facts, line: { ...facts, index, item, computed, typedUnits } };
}
