import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en/prescriptions.json';
import zh from '../i18n/locales/zh-CN/prescriptions.json';
import { csvImportErrorCodes } from './importFormularyCsv';
import { itemErrorCodes } from './items';
import { prescriptionErrorCodes, prescriptionWarningCodes } from './rules';
import { headerErrorCodes } from './slips';
import {
  allergenGroups,
  controlClasses,
  dispensingUnits,
  dosageForms,
  doseUnits,
  drugCategories,
  feeCategories,
  frequencies,
  isDispensingUnit,
  isDoseUnit,
  isFrequency,
  isRoute,
  prescriptionTypes,
  routes,
  slipStyles,
} from './vocabulary';

type Table = Record<string, string>;
const sections: [keyof typeof zh, readonly string[]][] = [
  ['frequencies', frequencies],
  ['routes', routes],
  ['forms', dosageForms],
  ['doseUnits', doseUnits],
  ['units', dispensingUnits],
  ['control', controlClasses],
  ['allergenGroups', allergenGroups],
  ['categories', drugCategories],
  ['types', [...prescriptionTypes, 'narcoticPsychotropic1']],
  ['paper', Object.values(slipStyles).map((s) => s.paper)],
  ['feeCategories', feeCategories],
  ['errors', [...itemErrorCodes, ...prescriptionErrorCodes, ...headerErrorCodes]],
  ['warnings', prescriptionWarningCodes],
  ['importErrors', csvImportErrorCodes],
];

describe('prescriptions i18n namespace', () => {
  it.each(sections)('%s has a display string for every code in both languages', (section, codes) => {
    for (const locale of [zh, en]) {
      const table = locale[section] as Table;
      // A counted unit is worded per plural form; `other` is the form every language has.
      expect(codes.filter((code) => !table[code] && !table[`${code}_other`])).toEqual([]);
    }
  });

  it('shows frequencies and slip labels as DOMAIN.md §1.3 and §1.7 write them', () => {
    expect(zh.frequencies.qd).toBe('每日1次');
    expect(en.frequencies.qd).toBe('once daily');
    expect(zh.units.tablet_other).toBe('片');
    expect(en.units).toMatchObject({ tablet_one: 'tablet', tablet_other: 'tablets' });
    expect(zh.types).toMatchObject({
      emergency: '急诊',
      paediatric: '儿科',
      psychotropic2: '精二',
      narcoticPsychotropic1: '麻、精一',
    });
    expect(en.types).toMatchObject({
      ordinary: 'Ordinary',
      emergency: 'Emergency',
      paediatric: 'Paediatric',
      psychotropic2: 'Psychotropic II',
      narcoticPsychotropic1: 'Narcotic & psychotropic I',
    });
  });
});

describe('slip styles (DOMAIN.md §1.3)', () => {
  it.each([
    ['ordinary', false, 'white'],
    ['emergency', true, 'lightYellow'],
    ['paediatric', true, 'lightGreen'],
    ['psychotropic2', true, 'white'],
  ] as const)('%s: corner label %s, %s paper', (type, cornerLabel, paper) => {
    expect(slipStyles[type]).toEqual({ cornerLabel, paper });
  });
});

describe('code guards', () => {
  it.each([
    [isFrequency, 'bid', true],
    [isFrequency, 'BID', false],
    [isFrequency, 'toString', false],
    [isRoute, 'ivgtt', true],
    [isRoute, 'iv drip', false],
    [isDoseUnit, 'μg', true],
    [isDoseUnit, 'ug', false],
    [isDispensingUnit, 'box', true],
    [isDispensingUnit, 3, false],
  ] as const)('%o(%j) → %s', (guard, value, expected) => {
    expect((guard as (v: unknown) => boolean)(value)).toBe(expected);
  });
});
