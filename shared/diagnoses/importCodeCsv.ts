/**
 * Importer for the official diagnosis code sheets (DOMAIN.md §6): the 疾病分类与代码国家临床版 2.0
 * or the 医保版 ICD-10 spreadsheet, saved as CSV. They are not bundled (their redistribution terms
 * are not stated); a centre loads its copy at deployment time. Headers differ between editions
 * and exports, so the code and name columns are found by their header text, in the first rows
 * (title rows above the header are skipped). Rows that cannot be used are reported, not guessed.
 */
import Papa from 'papaparse';
import { isDiagnosisCode, normalizeDiagnosisCode, type DiagnosisEntry } from './codes';

/**
 * - `noHeader`: no row within the first ten names both a code and a name column (row 0);
 * - `malformed`: the CSV itself is broken at this row (an unclosed quote);
 * - `codeMissing`, `codeFormat`: no code, or not an ICD-10 / 临床版 code;
 * - `nameMissing`: no name in either language;
 * - `duplicate`: a code already imported from an earlier row (the earlier row is kept).
 */
export type CodeImportErrorCode =
  'noHeader' | 'malformed' | 'codeMissing' | 'codeFormat' | 'nameMissing' | 'duplicate';

export interface CodeImportResult {
  entries: DiagnosisEntry[];
  /** `row` counts records from 1, the header included, as a spreadsheet numbers its rows. */
  errors: { row: number; code: CodeImportErrorCode }[];
}

/** Header texts per column, most specific first; compared without spaces, case-insensitive. */
const headers = {
  code: [
    '诊断编码',
    '疾病编码',
    '主要编码',
    '诊断代码',
    '疾病代码',
    '编码',
    '代码',
    'icd10',
    'icd-10',
    'icd10code',
    'diagnosiscode',
    'code',
  ],
  zh: ['诊断名称', '疾病名称', '中文名称', '名称'],
  en: ['英文名称', 'englishname', 'nameen', 'name_en', 'en'],
  name: ['name', 'diagnosisname', 'description', 'title'],
} as const;

/** How many rows may precede the header (title lines of the official sheets). */
const headerSearchRows = 10;

const headerKey = (cell: string) =>
  cell
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .toLowerCase();

/** The column whose header is the earliest in `names`, or -1. */
function columnOf(row: readonly string[], names: readonly string[]): number {
  const keys = row.map(headerKey);
  for (const name of names) {
    const column = keys.indexOf(name);
    if (column >= 0) return column;
  }
  return -1;
}

interface Columns {
  code: number;
  zh: number;
  en: number;
}

function findHeader(rows: readonly string[][]): { at: number; columns: Columns } | null {
  for (let at = 0; at < Math.min(rows.length, headerSearchRows); at++) {
    const row = rows[at]!;
    const code = columnOf(row, headers.code);
    const zh = columnOf(row, headers.zh);
    const en = columnOf(row, headers.en);
    const name = columnOf(row, headers.name);
    if (code < 0 || (zh < 0 && en < 0 && name < 0)) continue;
    // An English-only sheet ("code,name") carries its names in the generic column.
    return { at, columns: { code, zh, en: en >= 0 ? en : name } };
  }
  return null;
}

/**
 * Reads a code sheet exported as CSV (comma, tab or semicolon separated; a UTF-8 byte-order mark
 * is ignored). Codes are normalised (`e14.900X001` → `E14.900x001`) and checked for shape; every
 * entry gets `category` (default `imported`). Blank rows are skipped silently.
 */
export function importCodeCsv(text: string, options: { category?: string } = {}): CodeImportResult {
  const category = options.category ?? 'imported';
  const body = text.replace(/^\uFEFF/, '');
  // Papa's delimiter guess counts blank lines against a delimiter, so guess on the non-blank
  // ones, then parse everything with blank lines kept so that row numbers stay true.
  const { delimiter } = Papa.parse<string[]>(body, { preview: 20, skipEmptyLines: 'greedy' }).meta;
  const parsed = Papa.parse<string[]>(body, { delimiter, header: false, skipEmptyLines: false });
  const rows = parsed.data;
  const errors: CodeImportResult['errors'] = [];
  const malformed = new Set(
    parsed.errors.map((e) => e.row).filter((r): r is number => typeof r === 'number'),
  );

  const header = findHeader(rows);
  if (!header) return { entries: [], errors: [{ row: 0, code: 'noHeader' }] };

  const entries: DiagnosisEntry[] = [];
  const seen = new Set<string>();
  const cell = (row: readonly string[], column: number) => (column >= 0 ? (row[column] ?? '').trim() : '');
  for (let i = header.at + 1; i < rows.length; i++) {
    const row = rows[i]!;
    const rowNumber = i + 1;
    if (malformed.has(i)) {
      errors.push({ row: rowNumber, code: 'malformed' });
      continue;
    }
    if (row.every((c) => !c.trim())) continue;
    const raw = cell(row, header.columns.code);
    const zh = cell(row, header.columns.zh);
    const en = cell(row, header.columns.en);
    const code = normalizeDiagnosisCode(raw);
    if (!code) errors.push({ row: rowNumber, code: 'codeMissing' });
    else if (!isDiagnosisCode(code)) errors.push({ row: rowNumber, code: 'codeFormat' });
    else if (!zh && !en) errors.push({ row: rowNumber, code: 'nameMissing' });
    else if (seen.has(code)) errors.push({ row: rowNumber, code: 'duplicate' });
    else {
      seen.add(code);
      entries.push({ code, 'zh-CN': zh, en, category });
    }
  }
  return { entries, errors };
}
