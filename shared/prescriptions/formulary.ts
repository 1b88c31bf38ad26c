/**
 * The centre's formulary (药品目录): one entry per stocked product, with what the prescription
 * rules need (dose unit and content per dispensing unit for quantities, control class and
 * antimicrobial flag for limits, allergen groups for warnings). The bundled list lives in
 * resources/formulary/formulary.json; a centre may import its own from CSV
 * (see importFormularyCsv.ts). Both pass {@link formularyDrugSchema}.
 */
import { z } from 'zod';
import {
  allergenGroups,
  controlClasses,
  dispensingUnits,
  dosageForms,
  doseUnits,
  drugCategories,
  frequencies,
  routes,
  type AllergenGroup,
  type ControlClass,
  type DispensingUnit,
  type DosageForm,
  type DoseUnit,
  type DrugCategory,
  type Frequency,
  type Route,
} from './vocabulary';

/** A drug name in both languages, keyed by locale as in the i18n resources. */
export interface LocalizedName {
  'zh-CN': string;
  en: string;
}

export interface FormularyDrug {
  /** Stable slug id (lower case, digits, hyphens). */
  code: string;
  /** NMPA generic name (药品通用名称), including the dosage form as the approved name does. */
  generic: LocalizedName;
  form: DosageForm;
  /** Strength as printed on the slip (规格), e.g. "5 mg", "100 IU/ml×3 ml". */
  strength: string;
  /** The unit a dose is written in. */
  doseUnit: DoseUnit;
  /** How many `doseUnit` one dispensing unit holds (amlodipine 5 mg tablet: 5). */
  dosePerUnit: number;
  /** The unit dispensed (片, 粒, 支 …). */
  unit: DispensingUnit;
  /** Dispensing units per pack, and the pack's unit (28 tablets per box). */
  packSize: number;
  packUnit: DispensingUnit;
  /** Usual single dose, in `doseUnit`. */
  defaultDose: number;
  defaultRoute: Route;
  defaultFrequency: Frequency;
  control: ControlClass;
  /** An antibacterial or antifungal under antimicrobial stewardship (抗菌药物); TB drugs are not. */
  antimicrobial: boolean;
  allergenGroups: AllergenGroup[];
  /** Needs cold chain or other special storage (insulins …); excluded from long prescriptions. */
  specialStorage?: boolean;
  /** Therapeutic group for browsing; every bundled entry has one, an imported one may not. */
  category?: DrugCategory;
  /**
   * Usual adult maxima from the label, in `doseUnit`: one dose, and one day (DOMAIN.md §1.2: a
   * dose above the label dose needs a written reason and a second signature). Absent: no check.
   */
  maxSingleDose?: number;
  maxDailyDose?: number;
  /** Children's maxima per kg of body weight, in `doseUnit`/kg, where the label gives them. */
  maxSingleDosePerKg?: number;
  maxDailyDosePerKg?: number;
  /** Where the maxima come from (label, edition), for the pharmacist who reviews them. */
  doseLimitSource?: string;
  /** Brand (trade) names a doctor may type for this product (络活喜, Norvasc …). */
  brands?: string[];
}

/** Longest text per formulary field, shared by the schema and the CSV importer. */
export const formularyTextLimits = {
  code: 64,
  genericZh: 60,
  genericEn: 120,
  strength: 60,
  doseLimitSource: 300,
  brand: 60,
} as const;

const codePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const name = (max: number) => z.string().trim().min(1).max(max);

/** Validates one formulary entry (bundled JSON, imported CSV row, synced list). */
export const formularyDrugSchema = z
  .object({
    code: z.string().max(formularyTextLimits.code).regex(codePattern),
    generic: z
      .object({ 'zh-CN': name(formularyTextLimits.genericZh), en: name(formularyTextLimits.genericEn) })
      .strict(),
    form: z.enum(dosageForms),
    strength: name(formularyTextLimits.strength),
    doseUnit: z.enum(doseUnits),
    dosePerUnit: z.number().positive().finite(),
    unit: z.enum(dispensingUnits),
    packSize: z.number().int().positive(),
    packUnit: z.enum(dispensingUnits),
    defaultDose: z.number().positive().finite(),
    defaultRoute: z.enum(routes),
    defaultFrequency: z.enum(frequencies as [Frequency, ...Frequency[]]),
    control: z.enum(controlClasses),
    antimicrobial: z.boolean(),
    allergenGroups: z.array(z.enum(allergenGroups)).max(allergenGroups.length),
    specialStorage: z.boolean().optional(),
    category: z.enum(drugCategories).optional(),
    maxSingleDose: z.number().positive().finite().optional(),
    maxDailyDose: z.number().positive().finite().optional(),
    maxSingleDosePerKg: z.number().positive().finite().optional(),
    maxDailyDosePerKg: z.number().positive().finite().optional(),
    doseLimitSource: z.string().trim().max(formularyTextLimits.doseLimitSource).optional(),
    brands: z.array(name(formularyTextLimits.brand)).max(20).optional(),
  })
  .strict() satisfies z.ZodType<FormularyDrug>;

export type FormularyIssue = { index: number; code: string | null; issue: 'invalid' | 'duplicateCode' };

/**
 * Parses a whole formulary (an array of entries). Entries that fail the schema, and second
 * entries with a code already seen, are reported by index and left out of `drugs`.
 */
export function parseFormulary(data: unknown): { drugs: FormularyDrug[]; issues: FormularyIssue[] } {
  const rows: unknown[] = Array.isArray(data) ? data : [];
  const drugs: FormularyDrug[] = [];
  const issues: FormularyIssue[] = [];
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const parsed = formularyDrugSchema.safeParse(row);
    if (!parsed.success) {
      const code = (row as { code?: unknown } | null)?.code;
      issues.push({ index, code: typeof code === 'string' ? code : null, issue: 'invalid' });
    } else if (seen.has(parsed.data.code)) {
      issues.push({ index, code: parsed.data.code, issue: 'duplicateCode' });
    } else {
      seen.add(parsed.data.code);
      drugs.push(parsed.data);
    }
  });
  return { drugs, issues };
}

/** A code → drug lookup for the rules. */
export type Formulary = ReadonlyMap<string, FormularyDrug>;

/** Indexes a list of drugs by code (a later duplicate does not replace the first). */
export function indexFormulary(drugs: readonly FormularyDrug[]): Formulary {
  const map = new Map<string, FormularyDrug>();
  for (const drug of drugs) if (!map.has(drug.code)) map.set(drug.code, drug);
  return map;
}
