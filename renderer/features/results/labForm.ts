/**
 * The lab result form (检验结果录入) as plain values a draft keeps, and its rules (pure): a panel
 * starts with its analytes in their usual unit and the default reference range for the
 * resident's sex; switching a unit converts what was typed (value and range) so nothing is typed
 * twice; each value is flagged against its range by the shared rule; a result from another
 * hospital names it.
 */
import { isIsoDate } from '../../../shared/followups/dates';
import {
  analytes,
  convertUnit,
  defaultRange,
  flagOf,
  panelAnalytes,
  type AnalyteCode,
  type LabFlag,
  type PanelCode,
} from '../../../shared/observations/analytes';
import type { LabResult } from '../../../shared/observations/schema';

export type LabItemDraft = {
  analyte: AnalyteCode;
  /** As typed; '' when not measured (the row is left out). */
  value: string;
  unit: string;
  refLow: string;
  refHigh: string;
};

export type LabDraft = {
  panel: PanelCode;
  items: LabItemDraft[];
  testedOn: string;
  source: 'here' | 'external';
  sourceName: string;
  /** The programme enrolment it is recorded for; '' for none. */
  enrolmentId: string;
};

export type Sex = 'male' | 'female' | null;

export const sexForRanges = (sex: string): Sex => (sex === 'male' || sex === 'female' ? sex : null);

const numberText = (n: number | null) => (n === null ? '' : String(n));

/** A row for `analyte` in its canonical unit with the default range for `sex`. */
export function itemDraft(analyte: AnalyteCode, sex: Sex): LabItemDraft {
  const unit = analytes[analyte].canonicalUnit;
  const range = defaultRange(analyte, unit, sex);
  return { analyte, value: '', unit, refLow: numberText(range.low), refHigh: numberText(range.high) };
}

/** The panel's rows; values already typed for an analyte that stays are kept. */
export function withPanel(draft: LabDraft, panel: PanelCode, sex: Sex): LabDraft {
  const kept = new Map(draft.items.map((i) => [i.analyte, i]));
  return { ...draft, panel, items: panelAnalytes(panel).map((a) => kept.get(a) ?? itemDraft(a, sex)) };
}

export function emptyLabDraft(today: string, sex: Sex, enrolmentId = '', panel: PanelCode = 'cbc'): LabDraft {
  return withPanel(
    { panel, items: [], testedOn: today, source: 'here', sourceName: '', enrolmentId },
    panel,
    sex,
  );
}

/** A number as typed ('' and anything not a plain decimal: null). Full-width digits are accepted. */
export function parseNumber(text: string): number | null {
  const t = text
    .trim()
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace('。', '.');
  if (!/^-?\d+(\.\d+)?$|^-?\.\d+$/.test(t)) return null;
  return Number(t);
}

/**
 * The row in another unit: the value and the range are converted (rounded to the new unit's
 * decimals) when they are numbers; text that is not a number stays as typed.
 */
export function withUnit(item: LabItemDraft, unit: string): LabItemDraft {
  if (unit === item.unit) return item;
  const convert = (text: string) => {
    const n = parseNumber(text);
    return n === null ? text : String(convertUnit(item.analyte, n, item.unit, unit));
  };
  return {
    ...item,
    unit,
    value: convert(item.value),
    refLow: convert(item.refLow),
    refHigh: convert(item.refHigh),
  };
}

/** The row's flag as the person types (null while the value is not a number). */
export function itemFlag(item: LabItemDraft): LabFlag | null {
  return flagOf(parseNumber(item.value), parseNumber(item.refLow), parseNumber(item.refHigh));
}

export type LabErrorCode =
  'required' | 'afterToday' | 'notNumber' | 'negative' | 'rangeOrder' | 'noValues' | 'sourceName';
/** Keys: `testedOn`, `sourceName`, `items` and `items.<analyte>.{value,refLow,refHigh}`. */
export type LabErrors = Record<string, LabErrorCode>;

const isDate = isIsoDate;

/** What stops the result from being saved; an empty object when it can be. */
export function labErrors(draft: LabDraft, today: string): LabErrors {
  const errors: LabErrors = {};
  if (!isDate(draft.testedOn)) errors.testedOn = 'required';
  else if (draft.testedOn > today) errors.testedOn = 'afterToday';
  if (draft.source === 'external' && !draft.sourceName.trim()) errors.sourceName = 'sourceName';
  let filled = 0;
  for (const item of draft.items) {
    const key = `items.${item.analyte}`;
    const value = parseNumber(item.value);
    if (item.value.trim() === '') continue;
    filled += 1;
    if (value === null) errors[`${key}.value`] = 'notNumber';
    else if (value < 0) errors[`${key}.value`] = 'negative';
    const low = parseNumber(item.refLow);
    const high = parseNumber(item.refHigh);
    if (item.refLow.trim() && low === null) errors[`${key}.refLow`] = 'notNumber';
    if (item.refHigh.trim() && high === null) errors[`${key}.refHigh`] = 'notNumber';
    if (low !== null && high !== null && low > high) errors[`${key}.refHigh`] = 'rangeOrder';
  }
  if (filled === 0) errors.items = 'noValues';
  return errors;
}

/** The result to save: the rows with a value, each flagged. Call only when {@link labErrors} is empty. */
export function toLabResult(draft: LabDraft): LabResult {
  return {
    panel: draft.panel,
    items: draft.items
      .filter((i) => i.value.trim() !== '')
      .map((i) => {
        const value = parseNumber(i.value) as number;
        const refLow = parseNumber(i.refLow);
        const refHigh = parseNumber(i.refHigh);
        return {
          analyte: i.analyte,
          value,
          unit: i.unit,
          refLow,
          refHigh,
          flag: flagOf(value, refLow, refHigh),
        };
      }),
    testedOn: draft.testedOn,
    source: draft.source,
    sourceName: draft.source === 'external' ? draft.sourceName.trim() : '',
  };
}
