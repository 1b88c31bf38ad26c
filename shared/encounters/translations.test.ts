import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en/encounters.json';
import zh from '../i18n/locales/zh-CN/encounters.json';
import type { LockErrorCode } from '../clinical/lock';
import type { CodeImportErrorCode } from '../diagnoses/importCodeCsv';
import type { EncounterErrorCode } from './rules';
import { glucoseKinds, recordStatuses, visitTypes } from './schema';
import type { BmiBand, BpHint, GlucoseHint, VitalWarningCode } from './vitals';

/** Every member of a union, enforced by the compiler through the record's keys. */
const all = <K extends string>(members: Record<K, true>) => Object.keys(members);

const encounterErrors = all<EncounterErrorCode>({
  notANumber: true,
  outOfRange: true,
  notBelowSystolic: true,
  tooLong: true,
  tooMany: true,
  required: true,
  codeFormat: true,
  freeTextCode: true,
  duplicate: true,
  primaryMissing: true,
  primaryMultiple: true,
  invalidCharacter: true,
  dateOutOfRange: true,
  tooDeep: true,
  unknownSymptom: true,
  noneWithOthers: true,
  reasonRequired: true,
  reasonNotExpected: true,
  kindMismatch: true,
  dateFormat: true,
});
const lockErrors = all<LockErrorCode>({
  fieldChanged: true,
  notAppended: true,
  alreadySet: true,
  unsign: true,
  deleteSigned: true,
  signatureMissing: true,
  hashMismatch: true,
  signatureOnDraft: true,
});
const importErrors = all<CodeImportErrorCode>({
  noHeader: true,
  malformed: true,
  codeMissing: true,
  codeFormat: true,
  nameMissing: true,
  duplicate: true,
});
const bpHints = all<BpHint>({ normal: true, normalHigh: true, grade1: true, grade2: true, grade3: true });
const glucoseHints = all<GlucoseHint>({ low: true, normal: true, high: true, urgentHigh: true });
const bmiBands = all<BmiBand>({ underweight: true, normal: true, overweight: true, obese: true });
const vitalWarnings = all<VitalWarningCode>({ aboveMeterRange: true });

describe('encounters translations', () => {
  it.each([
    ['errors', encounterErrors],
    ['lock', lockErrors],
    ['codeImport.errors', importErrors],
    ['bpHint', bpHints],
    ['glucoseHint', glucoseHints],
    ['bmiBand', bmiBands],
    ['warnings', vitalWarnings],
    ['visitTypes', [...visitTypes]],
    ['glucoseKinds', [...glucoseKinds]],
    ['statuses', [...recordStatuses]],
  ])('word every code of %s in both languages', (group, codes) => {
    for (const tree of [zh, en]) {
      const node = group.split('.').reduce<unknown>((t, k) => (t as Record<string, unknown>)[k], tree);
      expect(Object.keys(node as object).sort()).toEqual([...codes].sort());
    }
  });
});
