/**
 * Wording of consultation records for the screens: field labels of rule errors, and values as a
 * reader wants them (revision differences, read-only view). Pure functions over a translate
 * function, so they are tested without React.
 */
import type { TFunction } from 'i18next';
import { localizedDiagnosisName } from '../../../shared/diagnoses/codes';
import type { EncounterFieldError } from '../../../shared/encounters/rules';
import { punctuationOf } from '../../ui/punctuation';
import type {
  EncounterDiagnosis,
  GlucoseKind,
  VisitType,
  VitalField,
} from '../../../shared/encounters/schema';

type T = TFunction<'encounters'>;

const vitalUnits: Record<VitalField, string> = {
  systolic: 'mmHg',
  diastolic: 'mmHg',
  heartRate: 'perMinute',
  temperature: 'celsius',
  weight: 'kg',
  height: 'cm',
  glucose: 'mmolPerL',
  spo2: 'percent',
};

const isVitalField = (name: string): name is VitalField => Object.hasOwn(vitalUnits, name);

/** The unit shown after a vital sign's value. */
export function vitalUnit(field: VitalField, t: T): string {
  return t(`units.${vitalUnits[field]}` as 'units.mmHg');
}

/** The label of an error's field path: `vitals.systolic` → 收缩压, `diagnoses.1.code` → 诊断 2. */
export function fieldLabel(path: string, t: T): string {
  const [head = '', sub] = path.split('.');
  if (head === 'vitals' && sub) return t(`vitals.${sub}` as 'vitals.systolic', { defaultValue: sub });
  if ((head === 'diagnoses' || head === 'allergies') && sub !== undefined && /^\d+$/.test(sub))
    return `${t(`fields.${head}`)} ${Number(sub) + 1}`;
  return t(`fields.${head}` as 'fields.plan', { defaultValue: head });
}

/** "收缩压：数值超出合理范围，请核对" for a list of rule errors. */
export function errorLine(error: EncounterFieldError, t: T): string {
  return `${fieldLabel(error.field, t)}${punctuationOf(t).colon}${t(`errors.${error.code}`)}`;
}

/**
 * The labels of the fields still to be filled before signing (the `required` errors), in form
 * order and each once: "主诉、现病史、体格检查". '' when nothing is missing.
 */
export function missingFieldsText(errors: readonly EncounterFieldError[], t: T): string {
  const labels = errors.filter((e) => e.code === 'required').map((e) => fieldLabel(e.field, t));
  return [...new Set(labels)].join(t('page.listSeparator'));
}

/** Errors keyed by field path, the first per path, for showing beside each input. */
export function errorsByField(errors: readonly EncounterFieldError[]): Map<string, EncounterFieldError> {
  const map = new Map<string, EncounterFieldError>();
  for (const e of errors) if (!map.has(e.field)) map.set(e.field, e);
  return map;
}

/** One diagnosis as a line: code, name in the interface language, primary marker. */
export function diagnosisText(d: EncounterDiagnosis, locale: string, t: T): string {
  const name = localizedDiagnosisName(d.name, locale);
  const label = d.code ? `${d.code} ${name}` : name;
  return d.primary ? `${label}${punctuationOf(t).aside(t('diagnosis.primary'))}` : label;
}

/**
 * A field's value as text, for the revision differences and the read-only view. `path` is a
 * content field or a vitals sub-field (`vitals.weight`); empty values read "（空）".
 */
export function valueText(path: string, value: unknown, locale: string, t: T): string {
  const empty = t('revisions.empty');
  if (value === null || value === undefined || value === '') return empty;
  const [head, sub] = path.split('.');
  if (head === 'visitType') return t(`visitTypes.${value as VisitType}`);
  if (head === 'vitals' && sub === 'glucoseKind') return t(`glucoseKinds.${value as GlucoseKind}`);
  if (head === 'vitals' && sub && isVitalField(sub)) return `${String(value)} ${vitalUnit(sub, t)}`;
  if (head === 'allergies' && Array.isArray(value))
    return value.length ? (value as string[]).join(punctuationOf(t).list) : empty;
  if (head === 'diagnoses' && Array.isArray(value))
    return value.length
      ? (value as EncounterDiagnosis[]).map((d) => diagnosisText(d, locale, t)).join(punctuationOf(t).clauses)
      : empty;
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}
