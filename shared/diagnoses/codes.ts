/**
 * Diagnosis codes (DOMAIN.md §6): ICD-10 categories and subcategories, and the 国家临床版 /
 * 医保版 extensions built on them (`E14.900x001`: subcategory, 2-digit extension, `x`, 3-digit
 * serial; `I10.x00x002` where the category has no subdivision). Combination codes of a cause and a
 * manifestation (`A18.001+M49.0*`, dagger and asterisk) are accepted as written.
 */
import type { DiagnosisName, EncounterDiagnosis } from '../encounters/schema';

/** One row of a diagnosis code list (the GP favourites, an imported 临床版 sheet). */
export interface DiagnosisEntry {
  code: string;
  'zh-CN': string;
  en: string;
  /** Body system or purpose, a key of the `encounters:diagnosisCategories` translations. */
  category: string;
  /**
   * Common names doctors type for it (高血压 for 原发性高血压, 冠心病, 慢阻肺): found by name and
   * initials like the name itself, an exact match of one ranking first.
   */
  aliases?: string[];
}

const single = String.raw`[A-Z]\d{2}(?:\.[0-9x]\d{0,2}(?:x\d{3})?)?`;
const codePattern = new RegExp(String.raw`^${single}(?:(?:†|\+|†\+)${single}\*)?$`);

/** Whether `code` (already normalised) is a well-formed ICD-10 or 临床版 code. */
export function isDiagnosisCode(code: string): boolean {
  return codePattern.test(code);
}

/**
 * A code as stored: white space removed, letters upper-case except the `x` of a 临床版
 * extension (`e14.900X001` → `E14.900x001`, `i10` → `I10`).
 */
export function normalizeDiagnosisCode(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/\.[0-9X]+/g, (part) => part.toLowerCase());
}

/** The name of a code-list row as an encounter stores it. */
export function diagnosisName(entry: DiagnosisEntry): DiagnosisName {
  return { zh: entry['zh-CN'], en: entry.en };
}

/** A coded diagnosis for an encounter, picked from a code list. */
export function codedDiagnosis(entry: DiagnosisEntry, primary: boolean): EncounterDiagnosis {
  return { code: entry.code, name: diagnosisName(entry), freeText: false, primary };
}

/** A diagnosis typed by the doctor, without a code. */
export function freeTextDiagnosis(name: DiagnosisName, primary: boolean): EncounterDiagnosis {
  return { code: '', name, freeText: true, primary };
}

/** The name to show in `locale` ('zh-CN' or 'en'), falling back to the other language. */
export function localizedDiagnosisName(name: DiagnosisName, locale: string): string {
  const preferred = locale.startsWith('zh') ? name.zh : name.en;
  return preferred || name.zh || name.en;
}
