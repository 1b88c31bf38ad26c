/**
 * The laboratory analytes a desk records as results (检验结果, observations of `kind: 'lab'`):
 * each with its canonical unit, the other units it is commonly reported in (with the factor to
 * the canonical one), a default adult reference range in the canonical unit and the number of
 * decimals it is shown with. Reference ranges follow the Chinese adult reference intervals
 * (WS/T 405-2012 blood count, WS/T 404 biochemistry) where they exist; drug levels are common
 * trough targets after a transplant. A laboratory's own range, when the report gives one, wins:
 * these are only defaults the form starts with.
 */

export const analyteCodes = [
  'wbc',
  'hb',
  'plt',
  'neut',
  'fbg',
  'pg2h',
  'hba1c',
  'tc',
  'tg',
  'ldl',
  'hdl',
  'creatinine',
  'egfr',
  'alt',
  'ast',
  'tbil',
  'tacrolimus',
  'ciclosporin',
] as const;
export type AnalyteCode = (typeof analyteCodes)[number];

/** The panels a result is entered as; `other` holds any analyte. */
export const panelCodes = [
  'cbc',
  'glucose',
  'hba1c',
  'lipids',
  'renal',
  'liver',
  'drugLevel',
  'other',
] as const;
export type PanelCode = (typeof panelCodes)[number];

/** Out-of-range flag of one value: below / above its reference range, or null when inside. */
export type LabFlag = 'low' | 'high' | null;

/** A reference range; either bound may be open (null). Bounds are inside the range. */
export interface ReferenceRange {
  low: number | null;
  high: number | null;
}

export interface AnalyteUnit {
  /** The unit as written on reports, e.g. 'mg/dL'. */
  unit: string;
  /** canonical value = value in this unit × factor */
  factor: number;
  /** Decimals a value in this unit is shown and rounded with. */
  decimals: number;
}

export interface Analyte {
  code: AnalyteCode;
  /** Translation key of the analyte's name in the `results` namespace. */
  labelKey: `analytes.${AnalyteCode}`;
  /** The panel it is entered with by default. */
  panel: Exclude<PanelCode, 'other'>;
  /** The unit values are compared and charted in; `units[0]` is always this one. */
  canonicalUnit: string;
  units: readonly AnalyteUnit[];
  /** Default adult reference range, canonical unit. */
  range: ReferenceRange;
  /** Sex-specific ranges where the adult intervals differ by sex. */
  rangeBySex?: { male: ReferenceRange; female: ReferenceRange };
}

const mmolGlucose = [
  { unit: 'mmol/L', factor: 1, decimals: 1 },
  { unit: 'mg/dL', factor: 1 / 18.0, decimals: 0 },
] as const;
const mmolCholesterol = [
  { unit: 'mmol/L', factor: 1, decimals: 2 },
  { unit: 'mg/dL', factor: 1 / 38.67, decimals: 0 },
] as const;
const cellsPerLitre = [
  { unit: '10^9/L', factor: 1, decimals: 2 },
  { unit: '10^3/µL', factor: 1, decimals: 2 },
] as const;

const analyteList: readonly Omit<Analyte, 'labelKey'>[] = [
  {
    code: 'wbc',
    panel: 'cbc',
    canonicalUnit: '10^9/L',
    units: cellsPerLitre,
    range: { low: 3.5, high: 9.5 },
  },
  {
    code: 'hb',
    panel: 'cbc',
    canonicalUnit: 'g/L',
    units: [
      { unit: 'g/L', factor: 1, decimals: 0 },
      { unit: 'g/dL', factor: 10, decimals: 1 },
    ],
    range: { low: 115, high: 175 },
    rangeBySex: { male: { low: 130, high: 175 }, female: { low: 115, high: 150 } },
  },
  {
    code: 'plt',
    panel: 'cbc',
    canonicalUnit: '10^9/L',
    units: [
      { unit: '10^9/L', factor: 1, decimals: 0 },
      { unit: '10^3/µL', factor: 1, decimals: 0 },
    ],
    range: { low: 125, high: 350 },
  },
  {
    code: 'neut',
    panel: 'cbc',
    canonicalUnit: '10^9/L',
    units: cellsPerLitre,
    range: { low: 1.8, high: 6.3 },
  },
  {
    code: 'fbg',
    panel: 'glucose',
    canonicalUnit: 'mmol/L',
    units: mmolGlucose,
    range: { low: 3.9, high: 6.1 },
  },
  {
    code: 'pg2h',
    panel: 'glucose',
    canonicalUnit: 'mmol/L',
    units: mmolGlucose,
    range: { low: null, high: 7.8 },
  },
  {
    code: 'hba1c',
    panel: 'hba1c',
    canonicalUnit: '%',
    units: [{ unit: '%', factor: 1, decimals: 1 }],
    range: { low: 4.0, high: 6.0 },
  },
  {
    code: 'tc',
    panel: 'lipids',
    canonicalUnit: 'mmol/L',
    units: mmolCholesterol,
    range: { low: null, high: 5.2 },
  },
  {
    code: 'tg',
    panel: 'lipids',
    canonicalUnit: 'mmol/L',
    units: [
      { unit: 'mmol/L', factor: 1, decimals: 2 },
      { unit: 'mg/dL', factor: 1 / 88.57, decimals: 0 },
    ],
    range: { low: null, high: 1.7 },
  },
  {
    code: 'ldl',
    panel: 'lipids',
    canonicalUnit: 'mmol/L',
    units: mmolCholesterol,
    range: { low: null, high: 3.4 },
  },
  {
    code: 'hdl',
    panel: 'lipids',
    canonicalUnit: 'mmol/L',
    units: mmolCholesterol,
    range: { low: 1.0, high: null },
  },
  {
    code: 'creatinine',
    panel: 'renal',
    canonicalUnit: 'µmol/L',
    units: [
      { unit: 'µmol/L', factor: 1, decimals: 0 },
      { unit: 'mg/dL', factor: 88.4, decimals: 2 },
    ],
    range: { low: 41, high: 111 },
    rangeBySex: { male: { low: 57, high: 111 }, female: { low: 41, high: 81 } },
  },
  {
    code: 'egfr',
    panel: 'renal',
    canonicalUnit: 'mL/min/1.73m²',
    units: [{ unit: 'mL/min/1.73m²', factor: 1, decimals: 0 }],
    range: { low: 90, high: null },
  },
  {
    code: 'alt',
    panel: 'liver',
    canonicalUnit: 'U/L',
    units: [{ unit: 'U/L', factor: 1, decimals: 0 }],
    range: { low: 7, high: 50 },
    rangeBySex: { male: { low: 9, high: 50 }, female: { low: 7, high: 40 } },
  },
  {
    code: 'ast',
    panel: 'liver',
    canonicalUnit: 'U/L',
    units: [{ unit: 'U/L', factor: 1, decimals: 0 }],
    range: { low: 13, high: 40 },
    rangeBySex: { male: { low: 15, high: 40 }, female: { low: 13, high: 35 } },
  },
  {
    code: 'tbil',
    panel: 'liver',
    canonicalUnit: 'µmol/L',
    units: [
      { unit: 'µmol/L', factor: 1, decimals: 1 },
      { unit: 'mg/dL', factor: 17.1, decimals: 2 },
    ],
    range: { low: null, high: 26 },
  },
  {
    code: 'tacrolimus',
    panel: 'drugLevel',
    canonicalUnit: 'ng/mL',
    units: [
      { unit: 'ng/mL', factor: 1, decimals: 1 },
      { unit: 'µg/L', factor: 1, decimals: 1 },
    ],
    range: { low: 5, high: 15 },
  },
  {
    code: 'ciclosporin',
    panel: 'drugLevel',
    canonicalUnit: 'ng/mL',
    units: [
      { unit: 'ng/mL', factor: 1, decimals: 0 },
      { unit: 'µg/L', factor: 1, decimals: 0 },
    ],
    range: { low: 100, high: 300 },
  },
];

/** Every analyte by code. */
export const analytes: Readonly<Record<AnalyteCode, Analyte>> = Object.fromEntries(
  analyteList.map((a) => [a.code, { ...a, labelKey: `analytes.${a.code}` }]),
) as Record<AnalyteCode, Analyte>;

export const isAnalyteCode = (code: string): code is AnalyteCode => Object.hasOwn(analytes, code);

/** The analytes of a panel in display order; every analyte for `other`. */
export function panelAnalytes(panel: PanelCode): AnalyteCode[] {
  return panel === 'other' ? [...analyteCodes] : analyteCodes.filter((c) => analytes[c].panel === panel);
}

/** The units an analyte may be entered in, canonical first. */
export const unitsOf = (analyte: AnalyteCode): string[] => analytes[analyte].units.map((u) => u.unit);

function unitOf(analyte: AnalyteCode, unit: string): AnalyteUnit {
  const found = analytes[analyte].units.find((u) => u.unit === unit);
  if (!found) throw new RangeError(`unit ${unit} is not accepted for ${analyte}`);
  return found;
}

const roundTo = (value: number, decimals: number) => {
  const p = 10 ** decimals;
  return Math.round(value * p) / p;
};

/**
 * `value` (in `unit`) in the analyte's canonical unit, rounded to one decimal more than the
 * canonical unit is shown with, so flags at a bound do not move by rounding (glucose 126 mg/dL →
 * 7.0 mmol/L; creatinine 1.2 mg/dL → 106.1 µmol/L). Throws a RangeError for a unit not accepted.
 */
export function toCanonical(analyte: AnalyteCode, value: number, unit: string): number {
  const canonical = unitOf(analyte, analytes[analyte].canonicalUnit);
  return roundTo(value * unitOf(analyte, unit).factor, canonical.decimals + 1);
}

/**
 * `value` in the canonical unit converted to `unit`, rounded to that unit's decimals (what the
 * unit picker shows when the person switches units). Throws a RangeError for a unit not accepted.
 */
export function fromCanonical(analyte: AnalyteCode, value: number, unit: string): number {
  const u = unitOf(analyte, unit);
  return roundTo(value / u.factor, u.decimals);
}

/** `value` from one accepted unit to another, rounded to the target unit's decimals. */
export function convertUnit(analyte: AnalyteCode, value: number, from: string, to: string): number {
  return roundTo(
    (value * unitOf(analyte, from).factor) / unitOf(analyte, to).factor,
    unitOf(analyte, to).decimals,
  );
}

/**
 * The default reference range of an analyte expressed in `unit` (rounded to its decimals), for
 * the patient's sex when the intervals differ by sex (`null`/unknown: the combined range).
 */
export function defaultRange(
  analyte: AnalyteCode,
  unit: string = analytes[analyte].canonicalUnit,
  sex: 'male' | 'female' | null = null,
): ReferenceRange {
  const a = analytes[analyte];
  const range = (sex && a.rangeBySex?.[sex]) || a.range;
  const u = unitOf(analyte, unit);
  const convert = (bound: number | null) => (bound === null ? null : roundTo(bound / u.factor, u.decimals));
  return { low: convert(range.low), high: convert(range.high) };
}

/**
 * The out-of-range flag of a value against a range in the same unit: `low` strictly below the low
 * bound, `high` strictly above the high bound, null inside (bounds included) or when there is no
 * range or no finite value.
 */
export function flagOf(value: number | null, refLow: number | null, refHigh: number | null): LabFlag {
  if (value === null || !Number.isFinite(value)) return null;
  if (refLow !== null && value < refLow) return 'low';
  if (refHigh !== null && value > refHigh) return 'high';
  return null;
}

/** {@link flagOf} against the analyte's default range, for a value in any accepted unit. */
export function defaultFlagOf(
  analyte: AnalyteCode,
  value: number,
  unit: string = analytes[analyte].canonicalUnit,
  sex: 'male' | 'female' | null = null,
): LabFlag {
  const range = defaultRange(analyte, analytes[analyte].canonicalUnit, sex);
  return flagOf(toCanonical(analyte, value, unit), range.low, range.high);
}
