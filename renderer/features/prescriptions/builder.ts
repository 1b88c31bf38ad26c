/**
 * The prescription builder's state, without React: lines as the doctor edits them (numbers still
 * text), drug search over the formulary (Chinese and English names, pinyin initials, code), the
 * draft handed to the shared rules, and the quantity shown live on each line.
 */
import type { Formulary, FormularyDrug } from '../../../shared/prescriptions/formulary';
import {
  parseDecimal,
  type DoseConfirmation,
  type OffFormularyDrug,
} from '../../../shared/prescriptions/items';
import { resolveTypedDrug } from '../../../shared/prescriptions/nameMatch';
import { computeQuantity, type QuantityResult } from '../../../shared/prescriptions/quantity';
import { defaultDays, type PrescriptionDraft } from '../../../shared/prescriptions/rules';
import type { PrescriptionItem } from '../../../shared/prescriptions/schema';
import { isDoseUnit, isFrequency, type ControlClass } from '../../../shared/prescriptions/vocabulary';
import { termInitials } from '../../../shared/search/termInitials';

/** One line as edited on screen. */
export interface BuilderLine {
  /** Stable React key. */
  key: string;
  drugCode: string;
  /** Set for a line typed by hand: a drug not in the formulary. */
  offFormularyDrug: OffFormularyDrug | null;
  offFormularyConfirmed: boolean;
  dose: string;
  doseUnit: string;
  route: string;
  frequency: string;
  days: number | null;
  /** Typed quantity ('' to compute it). */
  quantity: string;
  /** Unit of a typed quantity ('' for the dispensing unit). */
  unit: string;
  note: string;
  /** Why a dose above the maximum is needed, and the doctor's password confirmation of it. */
  overdoseReason: string;
  overdoseConfirmation: DoseConfirmation | null;
  /** Why the drug is prescribed despite a recorded allergy. */
  allergyOverrideReason: string;
}

/** The builder's whole state. */
export interface BuilderState {
  lines: BuilderLine[];
  emergency: boolean;
  longReason: string;
  longAcknowledged: boolean;
}

export const emptyBuilder: BuilderState = {
  lines: [],
  emergency: false,
  longReason: '',
  longAcknowledged: false,
};

let keyCounter = 0;
const nextKey = () => `line-${++keyCounter}`;

const noReasons = { overdoseReason: '', overdoseConfirmation: null, allergyOverrideReason: '' };

/** A new line for a formulary drug, with its usual dose, route and frequency. */
export function lineFromDrug(drug: FormularyDrug, emergency: boolean): BuilderLine {
  return {
    key: nextKey(),
    drugCode: drug.code,
    offFormularyDrug: null,
    offFormularyConfirmed: false,
    dose: String(drug.defaultDose),
    doseUnit: drug.doseUnit,
    route: drug.defaultRoute,
    frequency: drug.defaultFrequency,
    days: defaultDays(emergency),
    quantity: '',
    unit: '',
    note: '',
    ...noReasons,
  };
}

/**
 * The line for a name typed by hand: the formulary entry it names (generic or brand name, salt and
 * form words ignored, see shared/prescriptions/nameMatch.ts), with all its rules; only a name the
 * formulary does not know becomes an off-formulary line for the doctor to classify.
 */
export function lineFromTypedName(name: string, formulary: Formulary, emergency: boolean): BuilderLine {
  const [match] = resolveTypedDrug(name, formulary);
  return match ? lineFromDrug(match, emergency) : offFormularyLine(name, emergency);
}

/**
 * A line changed by the doctor. The second signature of an over-dose confirms one dose: changing
 * the dose, its unit, the frequency or the drug asks for it again.
 */
export function patchLine(line: BuilderLine, patch: Partial<BuilderLine>): BuilderLine {
  const next = { ...line, ...patch };
  const doseChanged = (['dose', 'doseUnit', 'frequency', 'drugCode'] as const).some(
    (field) => field in patch && patch[field] !== line[field],
  );
  return doseChanged && !('overdoseConfirmation' in patch) ? { ...next, overdoseConfirmation: null } : next;
}

/**
 * Builder lines again from the lines of a slip (a reissue after the diagnosis was amended): the
 * same drugs, usage, quantities and reasons; an over-dose needs its second signature again.
 */
export function linesFromItems(items: readonly PrescriptionItem[], formulary: Formulary): BuilderLine[] {
  return items.map((item) => {
    const drug = formulary.get(item.drugCode);
    const typedQuantity = !drug;
    return {
      key: nextKey(),
      drugCode: drug ? item.drugCode : '',
      offFormularyDrug: drug
        ? null
        : {
            generic: {
              'zh-CN': item.generic.zh,
              en: item.generic.en === item.generic.zh ? '' : item.generic.en,
            },
            form: item.form,
            strength: item.strength,
            unit: item.unit,
            control: item.control ?? null,
            antimicrobial: item.antimicrobial ?? null,
          },
      offFormularyConfirmed: !drug,
      dose: String(item.dose),
      doseUnit: item.doseUnit,
      route: item.route,
      frequency: item.frequency,
      days: item.days,
      quantity: typedQuantity ? String(item.quantity) : '',
      unit: typedQuantity ? item.unit : '',
      note: item.note,
      overdoseReason: item.overdose?.reason ?? '',
      overdoseConfirmation: null,
      allergyOverrideReason: item.allergyOverride?.reason ?? '',
    };
  });
}

/** The control class a line's slip is chosen by: the formulary's, or the doctor's classification. */
export function lineControl(line: BuilderLine, formulary: Formulary): ControlClass {
  return formulary.get(line.drugCode)?.control ?? line.offFormularyDrug?.control ?? 'none';
}

/** A new line for a drug the doctor types by hand (not in the formulary), seeded with `name`. */
export function offFormularyLine(name: string, emergency: boolean): BuilderLine {
  return {
    key: nextKey(),
    drugCode: '',
    offFormularyDrug: {
      generic: { 'zh-CN': name.trim(), en: '' },
      form: 'tablet',
      strength: '',
      unit: 'tablet',
      // The prescriber classifies the drug before it can be signed.
      control: null,
      antimicrobial: null,
    },
    offFormularyConfirmed: false,
    dose: '',
    doseUnit: 'mg',
    route: 'po',
    frequency: 'qd',
    days: defaultDays(emergency),
    quantity: '',
    unit: '',
    note: '',
    ...noReasons,
  };
}

/**
 * Switches the emergency flag; lines still on the old usual supply (7 or 3 days) move to the new
 * one, lines the doctor changed keep their days.
 */
export function setEmergency(state: BuilderState, emergency: boolean): BuilderState {
  const from = defaultDays(state.emergency);
  const to = defaultDays(emergency);
  return {
    ...state,
    emergency,
    lines: state.lines.map((line) => (line.days === from ? { ...line, days: to } : line)),
  };
}

/** The draft the shared rules check (see shared/prescriptions/rules.ts). */
export function toDraft(state: BuilderState): PrescriptionDraft {
  return {
    emergency: state.emergency,
    longReason: state.longReason,
    longAcknowledged: state.longAcknowledged,
    items: state.lines.map((line) => ({
      drugCode: line.drugCode,
      offFormularyDrug: line.offFormularyDrug,
      offFormularyConfirmed: line.offFormularyConfirmed,
      dose: line.dose,
      doseUnit: line.doseUnit,
      route: line.route,
      frequency: line.frequency,
      days: line.days,
      quantity: line.quantity,
      unit: line.unit || null,
      note: line.note,
      overdoseReason: line.overdoseReason,
      overdoseConfirmation: line.overdoseConfirmation,
      allergyOverrideReason: line.allergyOverrideReason,
    })),
  };
}

/** The quantity a formulary line works out to, or null when it cannot be computed (type it). */
export function lineQuantity(line: BuilderLine, formulary: Formulary): QuantityResult | null {
  const drug = formulary.get(line.drugCode);
  const dose = parseDecimal(line.dose);
  if (!drug || !dose.ok || dose.value === null || !isDoseUnit(line.doseUnit) || !isFrequency(line.frequency))
    return null;
  if (line.days === null) return null;
  return computeQuantity(
    { dose: dose.value, doseUnit: line.doseUnit, frequency: line.frequency, days: line.days },
    drug,
  );
}

const initialsCache = new WeakMap<FormularyDrug, string>();

/** Pinyin initials of a drug's Chinese name, lower case (苯磺酸氨氯地平片 → bhsaldpp). */
export function pinyinInitials(drug: FormularyDrug): string {
  let initials = initialsCache.get(drug);
  if (initials === undefined) {
    initials = termInitials(drug.generic['zh-CN']).join(' ');
    initialsCache.set(drug, initials);
  }
  return initials;
}

/**
 * Drugs matching `query`: by Chinese or English name (substring), code, or pinyin initials.
 * Name-start matches come first; at most `limit`.
 */
export function searchDrugs(drugs: readonly FormularyDrug[], query: string, limit = 8): FormularyDrug[] {
  const q = query.normalize('NFKC').trim().toLowerCase();
  if (!q) return [];
  const scored: { drug: FormularyDrug; score: number }[] = [];
  for (const drug of drugs) {
    const zh = drug.generic['zh-CN'].toLowerCase();
    const en = drug.generic.en.toLowerCase();
    let score = -1;
    if (zh.startsWith(q) || en.startsWith(q)) score = 0;
    else if (zh.includes(q) || en.includes(q)) score = 1;
    else if (drug.code.includes(q)) score = 2;
    else if (/^[a-z]+$/.test(q) && pinyinInitials(drug).includes(q)) score = 3;
    if (score >= 0) scored.push({ drug, score });
  }
  return scored
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map((s) => s.drug);
}

/** The 1-based line number of an error or warning path `items.<index>.…`, or null. */
export function lineOfPath(path: string): number | null {
  const match = /^items\.(\d+)(\.|$)/.exec(path);
  return match ? Number(match[1]) + 1 : null;
}
