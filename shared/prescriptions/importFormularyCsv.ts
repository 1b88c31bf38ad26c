/**
 * Importer for a centre's own formulary exported from its HIS or pharmacy system as CSV. Headings
 * may be Chinese or English (通用名 / generic name, 英文名, 剂型, 规格, 单位, 包装数量 …; see
 * csvVocabulary.ts), values may be codes or their Chinese words. Only the generic name, form,
 * strength and unit are needed; the rest is derived where it safely can be (dose unit and content
 * from a simple strength such as "5 mg", the route from the form) and defaulted otherwise. Rows
 * that cannot be used are reported with the field at fault, never silently dropped.
 */
import Papa from 'papaparse';
import { pinyin } from 'pinyin-pro';
import { allergenGroupsOf } from './allergy';
import {
  booleanOf,
  categoryOf,
  controlOf,
  csvColumnNames,
  csvKey,
  doseUnitOf,
  formOf,
  frequencyOf,
  routeOf,
  unitOf,
  type CsvField,
} from './csvVocabulary';
import { formularyDrugSchema, type FormularyDrug } from './formulary';
import { doseUnitOfDispensingUnit } from './quantity';
import { allergenGroups, type AllergenGroup, type DosageForm, type DoseUnit, type Route } from './vocabulary';

/** Import errors (translated as `importErrors.<code>`). */
export const csvImportErrorCodes = [
  'parseError',
  'missingColumns',
  'genericRequired',
  'codeInvalid',
  'duplicateCode',
  'unknownForm',
  'strengthRequired',
  'unknownDoseUnit',
  'dosePerUnitInvalid',
  'unknownUnit',
  'packSizeInvalid',
  'unknownPackUnit',
  'defaultDoseInvalid',
  'unknownRoute',
  'routeRequired',
  'unknownFrequency',
  'unknownControl',
  'booleanInvalid',
  'unknownAllergenGroup',
  'unknownCategory',
  'maxDoseInvalid',
  'invalidRow',
] as const;
export type CsvImportErrorCode = (typeof csvImportErrorCodes)[number];

/** `row` counts records from 1, the heading row included, as a spreadsheet numbers its rows. */
export interface CsvImportError {
  row: number;
  code: CsvImportErrorCode;
  field?: CsvField;
}

export interface CsvImportResult {
  drugs: FormularyDrug[];
  errors: CsvImportError[];
}

/** How many rows may precede the heading row (title lines). */
const headingSearchRows = 10;

type Columns = Partial<Record<CsvField, number>>;

function findColumns(rows: readonly string[][]): { at: number; columns: Columns } | null {
  for (let at = 0; at < Math.min(rows.length, headingSearchRows); at++) {
    const keys = rows[at]!.map(csvKey);
    const columns: Columns = {};
    for (const field of Object.keys(csvColumnNames) as CsvField[]) {
      const column = csvColumnNames[field].map((name) => keys.indexOf(csvKey(name))).find((c) => c >= 0);
      if (column !== undefined) columns[field] = column;
    }
    if (columns.zh !== undefined) return { at, columns };
  }
  return null;
}

/** Route implied by a dosage form; null for injections, whose route the sheet must give. */
function routeOfForm(form: DosageForm): Route | null {
  if (form === 'injection' || form === 'powderInjection') return null;
  if (form === 'infusion') return 'ivgtt';
  const byForm: Partial<Record<DosageForm, Route>> = {
    ointment: 'ext',
    cream: 'ext',
    gel: 'ext',
    lotion: 'ext',
    solution: 'ext',
    patch: 'ext',
    plaster: 'ext',
    spray: 'ext',
    eyeDrops: 'eye',
    eyeOintment: 'eye',
    eyeGel: 'eye',
    earDrops: 'ear',
    nasalDrops: 'nasal',
    nasalSpray: 'nasal',
    inhaler: 'inhal',
    inhalationPowder: 'inhal',
    nebuliserSolution: 'neb',
    suppository: 'pr',
    vaginalTablet: 'vaginal',
    lozenge: 'buccal',
  };
  return byForm[form] ?? 'po';
}

/** Reads "5 mg", "0.5g", "80万单位" as an amount and dose unit; null for anything else. */
export function parseStrength(strength: string): { amount: number; unit: DoseUnit } | null {
  const match = /^(\d+(?:\.\d+)?)\s*(万)?\s*([^\d\s]+)$/u.exec(strength.normalize('NFKC').trim());
  if (!match) return null;
  const unit = doseUnitOf(match[3]!);
  if (!unit || !['mg', 'g', 'μg', 'ml', 'IU', 'U'].includes(unit)) return null;
  return { amount: Number(match[1]) * (match[2] ? 10_000 : 1), unit };
}

/** A stable code from the English name (or the pinyin of the Chinese one) and the strength. */
export function codeFor(zh: string, en: string, strength: string): string {
  const base =
    /^[\x20-\x7e]+$/.test(en) && en ? en : pinyin(zh, { toneType: 'none', type: 'array' }).join(' ');
  return `${base} ${strength}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

const number = (text: string) => {
  const value = text.normalize('NFKC').trim();
  return /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
};

const maxDoseFields = ['maxSingleDose', 'maxDailyDose', 'maxSingleDosePerKg', 'maxDailyDosePerKg'] as const;

/** Reads one data row; errors name the field at fault. */
function readRow(cell: (field: CsvField) => string): {
  drug: FormularyDrug | null;
  errors: { field?: CsvField; code: CsvImportErrorCode }[];
} {
  const errors: { field?: CsvField; code: CsvImportErrorCode }[] = [];
  const fail = (field: CsvField, code: CsvImportErrorCode) => errors.push({ field, code });
  const zh = cell('zh');
  const en = cell('en') || zh;
  if (!zh) fail('zh', 'genericRequired');
  const form = formOf(cell('form'));
  if (!form) fail('form', 'unknownForm');
  const strength = cell('strength');
  if (!strength) fail('strength', 'strengthRequired');

  const unit = unitOf(cell('unit'));
  if (!unit) fail('unit', 'unknownUnit');
  const parsedStrength = parseStrength(strength);
  const countable = unit ? doseUnitOfDispensingUnit[unit] : undefined;
  let doseUnit: DoseUnit | null = cell('doseUnit')
    ? doseUnitOf(cell('doseUnit'))
    : (parsedStrength?.unit ?? countable ?? null);
  if (!doseUnit && unit) fail('doseUnit', 'unknownDoseUnit');
  let dosePerUnit = cell('dosePerUnit')
    ? number(cell('dosePerUnit'))
    : doseUnit && doseUnit === parsedStrength?.unit
      ? parsedStrength.amount
      : doseUnit && doseUnit === countable
        ? 1
        : NaN;
  if (doseUnit && !(dosePerUnit > 0)) fail('dosePerUnit', 'dosePerUnitInvalid');
  if (!doseUnit) [doseUnit, dosePerUnit] = ['tablet', 1];

  const packSize = cell('packSize') ? number(cell('packSize')) : 1;
  if (!(Number.isInteger(packSize) && packSize > 0)) fail('packSize', 'packSizeInvalid');
  const packUnit = cell('packUnit') ? unitOf(cell('packUnit')) : packSize > 1 ? 'box' : unit;
  if (unit && !packUnit) fail('packUnit', 'unknownPackUnit');
  const defaultDose = cell('defaultDose') ? number(cell('defaultDose')) : dosePerUnit;
  if (cell('defaultDose') && !(defaultDose > 0)) fail('defaultDose', 'defaultDoseInvalid');

  const route = cell('defaultRoute') ? routeOf(cell('defaultRoute')) : form ? routeOfForm(form) : 'po';
  if (!route) fail('defaultRoute', cell('defaultRoute') ? 'unknownRoute' : 'routeRequired');
  const frequency = cell('defaultFrequency') ? frequencyOf(cell('defaultFrequency')) : 'qd';
  if (!frequency) fail('defaultFrequency', 'unknownFrequency');
  const control = cell('control') ? controlOf(cell('control')) : 'none';
  if (!control) fail('control', 'unknownControl');
  const antimicrobial = booleanOf(cell('antimicrobial'));
  if (antimicrobial === null) fail('antimicrobial', 'booleanInvalid');
  const specialStorage = booleanOf(cell('specialStorage'));
  if (specialStorage === null) fail('specialStorage', 'booleanInvalid');

  const groups = new Set<AllergenGroup>();
  for (const token of cell('allergenGroups')
    .split(/[;；,，、|/]+/)
    .map((t) => t.trim())
    .filter(Boolean)) {
    const byCode = allergenGroups.find((g) => csvKey(g) === csvKey(token));
    const named = byCode ? [byCode] : allergenGroupsOf(token);
    if (named.length === 0) fail('allergenGroups', 'unknownAllergenGroup');
    for (const group of named) groups.add(group);
  }
  const category = cell('category') ? categoryOf(cell('category')) : undefined;
  if (category === null) fail('category', 'unknownCategory');

  // Dose maxima, in the dose unit, optional; a value that is there must be a positive number.
  const maxima: Partial<Record<(typeof maxDoseFields)[number], number>> = {};
  for (const field of maxDoseFields) {
    if (!cell(field)) continue;
    const value = number(cell(field));
    if (value > 0) maxima[field] = value;
    else fail(field, 'maxDoseInvalid');
  }
  const source = cell('doseLimitSource');
  const brands = cell('brands')
    .split(/[;；,，、|/]+/)
    .map((b) => b.trim())
    .filter(Boolean);

  const code = cell('code') || codeFor(zh, cell('en'), strength);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(code) || code.length > 64) fail('code', 'codeInvalid');
  if (errors.length > 0) return { drug: null, errors };

  const candidate = {
    code,
    generic: { 'zh-CN': zh, en },
    form,
    strength,
    doseUnit,
    dosePerUnit,
    unit,
    packSize,
    packUnit,
    defaultDose,
    defaultRoute: route,
    defaultFrequency: frequency,
    control,
    antimicrobial,
    allergenGroups: [...groups],
    ...(specialStorage ? { specialStorage: true } : {}),
    ...(category ? { category } : {}),
    ...maxima,
    ...(source ? { doseLimitSource: source } : {}),
    ...(brands.length > 0 ? { brands } : {}),
  };
  const parsed = formularyDrugSchema.safeParse(candidate);
  return parsed.success
    ? { drug: parsed.data, errors: [] }
    : { drug: null, errors: [{ code: 'invalidRow' }] };
}

/**
 * Reads a formulary CSV (comma, tab or semicolon separated; a UTF-8 byte-order mark and title
 * rows above the headings are ignored; blank rows are skipped). Each usable row becomes a
 * {@link FormularyDrug}; each unusable one is reported once per field at fault. A second row
 * with a code already imported is reported as `duplicateCode` (the first is kept).
 */
export function importFormularyCsv(text: string): CsvImportResult {
  const body = text.replace(/^\uFEFF/, '');
  const { delimiter } = Papa.parse<string[]>(body, { preview: 20, skipEmptyLines: 'greedy' }).meta;
  const parsed = Papa.parse<string[]>(body, { delimiter, header: false, skipEmptyLines: false });
  const rows = parsed.data;
  const malformed = new Set(
    parsed.errors.map((e) => e.row).filter((r): r is number => typeof r === 'number'),
  );

  const heading = findColumns(rows);
  if (!heading) return { drugs: [], errors: [{ row: 1, code: 'missingColumns', field: 'zh' }] };

  const drugs: FormularyDrug[] = [];
  const errors: CsvImportError[] = [];
  const seen = new Set<string>();
  for (let i = heading.at + 1; i < rows.length; i++) {
    const row = rows[i]!;
    const rowNumber = i + 1;
    if (malformed.has(i)) {
      errors.push({ row: rowNumber, code: 'parseError' });
      continue;
    }
    if (row.every((c) => !c.trim())) continue;
    const cell = (field: CsvField) => {
      const column = heading.columns[field];
      return column === undefined ? '' : (row[column] ?? '').trim();
    };
    const result = readRow(cell);
    for (const error of result.errors) errors.push({ row: rowNumber, ...error });
    if (!result.drug) continue;
    if (seen.has(result.drug.code)) errors.push({ row: rowNumber, code: 'duplicateCode', field: 'code' });
    else {
      seen.add(result.drug.code);
      drugs.push(result.drug);
    }
  }
  return { drugs, errors };
}
