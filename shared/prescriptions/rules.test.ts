import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prescriptionDraft, prescriptionLine } from '../testing/prescriptions';
import { indexFormulary, parseFormulary } from './formulary';
import type { PrescriptionItemDraft } from './items';
import {
  dayLimits,
  defaultDays,
  isLongExcluded,
  isPaediatric,
  prescriptionType,
  validatePrescription,
  type PrescriptionContext,
  type PrescriptionDraft,
} from './rules';

const formulary = indexFormulary(
  parseFormulary(
    JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/formulary/formulary.json'), 'utf8')),
  ).drugs,
);
const issueDate = '2026-11-23';
const adult = { birthDate: '1960-05-01', allergies: [] as string[] };
const context = (
  patient: Partial<PrescriptionContext['patient']> = {},
  date = issueDate,
): PrescriptionContext => ({
  formulary,
  patient: { ...adult, ...patient },
  issueDate: date,
});
const line = (code: string, changes: Partial<PrescriptionItemDraft> = {}) =>
  prescriptionLine(formulary, code, changes);
const draft = prescriptionDraft;
const errorsOf = (d: PrescriptionDraft, c: PrescriptionContext = context()) =>
  validatePrescription(d, c).errors.map((e) => `${e.path}:${e.code}`);

describe('paediatric age (exact age under 14 on the issue date)', () => {
  it.each<[string, string, boolean | null]>([
    ['2012-11-24', '2026-11-23', true],
    ['2012-11-23', '2026-11-23', false],
    ['2012-11-22', '2026-11-23', false],
    ['2026-11-01', '2026-11-23', true],
    ['2012-02-29', '2026-02-28', true],
    ['2012-02-29', '2026-03-01', false],
    ['1960-05-01', '2026-11-23', false],
    ['2012-13-01', '2026-11-23', null],
    ['2012-11-23', '23/11/2026', null],
  ])('born %s, issued %s → %s', (birthDate, date, expected) => {
    expect(isPaediatric(birthDate, date)).toBe(expected);
  });
});

describe('prescriptionType', () => {
  it.each([
    [false, '1960-05-01', 'ordinary'],
    [false, '2020-01-01', 'paediatric'],
    [true, '1960-05-01', 'emergency'],
    // The doctor's emergency choice wins over age (one label per slip; the 3-day limit applies).
    [true, '2020-01-01', 'emergency'],
    [false, 'unknown', 'ordinary'],
  ] as const)('emergency %s, born %s → %s', (emergency, birthDate, type) => {
    expect(prescriptionType({ emergency, birthDate, issueDate })).toBe(type);
  });

  it('is reported by validatePrescription', () => {
    expect(
      validatePrescription(draft([line('amlodipine-5mg-tab')]), context({ birthDate: '2016-01-01' })).type,
    ).toBe('paediatric');
  });
});

describe('default days', () => {
  it.each([
    [false, 7],
    [true, 3],
  ])('emergency %s → %i days', (emergency, days) => {
    expect(defaultDays(emergency)).toBe(days);
  });
});

describe('long-prescription exclusions', () => {
  it.each([
    ['amlodipine-5mg-tab', false],
    ['isoniazid-0-1g-tab', false],
    ['amoxicillin-0-25g-cap', true],
    ['insulin-glargine-pen', true],
    ['latanoprost-eye-drops', true],
    ['diazepam-2-5mg-tab', true],
    ['morphine-sr-30mg-tab', true],
    ['methylphenidate-er-18mg-tab', true],
    ['atropine-0-5mg-inj', true],
    ['ephedrine-nasal-drops', true],
  ])('%s excluded: %s', (code, excluded) => {
    const drug = formulary.get(code)!;
    expect(isLongExcluded({ ...drug, specialStorage: drug.specialStorage ?? false })).toBe(excluded);
  });
});

const reason = { longReason: '高血压病情稳定，长期规律服药' };
const confirmed = { ...reason, longAcknowledged: true };

describe('supply limits in days', () => {
  it.each<[string, PrescriptionDraft, string[]]>([
    ['ordinary 7 days', draft([line('amlodipine-5mg-tab')]), []],
    [
      'ordinary 8 days without a reason',
      draft([line('amlodipine-5mg-tab', { days: 8 })]),
      ['longReason:longReasonRequired'],
    ],
    [
      'a blank reason is no reason',
      draft([line('amlodipine-5mg-tab', { days: 14 })], { longReason: '  ' }),
      ['longReason:longReasonRequired'],
    ],
    ['ordinary 28 days with a reason', draft([line('amlodipine-5mg-tab', { days: 28 })], reason), []],
    [
      '29 days without confirmation',
      draft([line('amlodipine-5mg-tab', { days: 29 })], reason),
      ['longAcknowledged:longAcknowledgementRequired'],
    ],
    [
      '29 days with neither',
      draft([line('amlodipine-5mg-tab', { days: 29 })]),
      ['longReason:longReasonRequired', 'longAcknowledged:longAcknowledgementRequired'],
    ],
    [
      'confirmation alone is not a reason',
      draft([line('amlodipine-5mg-tab', { days: 10 })], { longAcknowledged: true }),
      ['longReason:longReasonRequired'],
    ],
    [
      '84 days with reason and confirmation',
      draft([line('amlodipine-5mg-tab', { days: 84 })], confirmed),
      [],
    ],
    [
      '85 days refused',
      draft([line('amlodipine-5mg-tab', { days: 85 })], confirmed),
      ['items.0.days:daysExceedMaximum'],
    ],
    [
      'a long line beside a short antibiotic',
      draft([line('amlodipine-5mg-tab', { days: 28 }), line('amoxicillin-0-25g-cap', { days: 5 })], reason),
      [],
    ],
    [
      'antimicrobial on a long prescription',
      draft([line('amoxicillin-0-25g-cap', { days: 8 })], reason),
      ['items.0.days:longPrescriptionExcluded'],
    ],
    [
      'insulin (special storage) for 28 days with a reason (Art. 19)',
      draft([line('insulin-glargine-pen', { days: 28 })], reason),
      [],
    ],
    [
      'insulin (special storage) on a long prescription of 29 days',
      draft([line('insulin-glargine-pen', { days: 29 })], { ...reason, longAcknowledged: true }),
      ['items.0.days:longPrescriptionStorageExcluded'],
    ],
    [
      'toxic drug on a long prescription',
      draft([line('pilocarpine-eye-drops', { days: 14 })], reason),
      ['items.0.days:longPrescriptionExcluded'],
    ],
    [
      'precursor drug on a long prescription',
      draft([line('ephedrine-nasal-drops', { days: 14 })], reason),
      ['items.0.days:longPrescriptionExcluded'],
    ],
    ['TB drug on a long prescription', draft([line('isoniazid-0-1g-tab', { days: 28 })], reason), []],
    ['emergency 3 days', draft([line('amoxicillin-0-25g-cap', { days: 3 })], { emergency: true }), []],
    [
      'emergency 4 days',
      draft([line('amoxicillin-0-25g-cap', { days: 4 })], { emergency: true }),
      ['items.0.days:emergencyDaysExceeded'],
    ],
    [
      'emergency 7 days even with a reason',
      draft([line('amlodipine-5mg-tab', { days: 7 })], { emergency: true, ...confirmed }),
      ['items.0.days:emergencyDaysExceeded'],
    ],
    [
      'emergency psychotropic II beyond 3 days',
      draft([line('diazepam-2-5mg-tab', { days: 5 })], { emergency: true }),
      ['items.0.days:emergencyDaysExceeded'],
    ],
    ['psychotropic II 7 days', draft([line('estazolam-1mg-tab', { days: 7 })]), []],
    [
      'psychotropic II 8 days without a reason',
      draft([line('estazolam-1mg-tab', { days: 8 })]),
      ['longReason:psychotropic2ReasonRequired'],
    ],
    ['psychotropic II 14 days with a reason', draft([line('estazolam-1mg-tab', { days: 14 })], reason), []],
    [
      'psychotropic II 28 days with a reason',
      draft([line('tramadol-sr-0-1g-tab', { days: 28 })], reason),
      [],
    ],
    [
      'psychotropic II 29 days',
      draft([line('alprazolam-0-4mg-tab', { days: 29 })], confirmed),
      ['items.0.days:psychotropic2DaysExceeded'],
    ],
    [
      'narcotic refused whatever its days',
      draft([line('morphine-sr-30mg-tab', { days: 30 })]),
      ['items.0.drugCode:specialSlipRequired'],
    ],
    [
      'reason too long',
      draft([line('amlodipine-5mg-tab', { days: 28 })], { longReason: '稳'.repeat(301) }),
      ['longReason:tooLong'],
    ],
    ['no items', draft([]), ['items:noItems']],
  ])('%s', (_name, d, expected) => {
    expect(errorsOf(d)).toEqual(expected);
  });

  it.each<[string, PrescriptionDraft, string[]]>([
    ['7 days', draft([line('montelukast-4mg-chew')]), []],
    ['28 days with a reason', draft([line('montelukast-4mg-chew', { days: 28 })], reason), []],
    [
      '28 days without',
      draft([line('montelukast-4mg-chew', { days: 28 })]),
      ['longReason:longReasonRequired'],
    ],
  ])('paediatric: %s (same limits as ordinary)', (_name, d, expected) => {
    const child = context({ birthDate: '2021-06-01' });
    expect(validatePrescription(d, child).type).toBe('paediatric');
    expect(errorsOf(d, child)).toEqual(expected);
  });

  it('uses the documented limits', () => {
    expect(dayLimits).toEqual({
      ordinary: 7,
      emergency: 3,
      acknowledgeAbove: 28,
      longMax: 84,
      psychotropic2: 7,
      psychotropic2Extended: 28,
    });
  });
});

describe('dates', () => {
  it.each<[Partial<PrescriptionContext['patient']>, string, string[]]>([
    [{}, issueDate, []],
    [{ birthDate: '1960-02-30' }, issueDate, ['patient.birthDate:birthDateInvalid']],
    [{ birthDate: '' }, issueDate, ['patient.birthDate:birthDateInvalid']],
    [{}, '2026-11-31', ['issueDate:issueDateInvalid']],
  ])('patient %j issued %s', (patient, date, expected) => {
    expect(errorsOf(draft([line('amlodipine-5mg-tab')]), context(patient, date))).toEqual(expected);
  });
});

describe('warnings', () => {
  const warningsOf = (d: PrescriptionDraft, allergies: string[] = []) =>
    validatePrescription(d, context({ allergies })).warnings;
  /** An allergy match needs the doctor's override reason before the line may be signed. */
  const overridden = { allergyOverrideReason: '皮试阴性，既往用药无反应' };

  it.each<[string, PrescriptionDraft, string[], ReturnType<typeof warningsOf>]>([
    [
      '青霉素 allergy, amoxicillin',
      draft([line('amoxicillin-0-25g-cap', overridden)]),
      ['青霉素'],
      [{ itemIndex: 0, code: 'allergy', detail: '青霉素' }],
    ],
    [
      'penicillin allergy, amoxicillin',
      draft([line('amoxicillin-0-25g-cap', overridden)]),
      ['penicillin'],
      [{ itemIndex: 0, code: 'allergy', detail: 'penicillin' }],
    ],
    [
      '头孢类 allergy, cefuroxime on line 2',
      draft([line('amlodipine-5mg-tab'), line('cefuroxime-axetil-0-25g-tab', overridden)]),
      ['头孢类'],
      [{ itemIndex: 1, code: 'allergy', detail: '头孢类' }],
    ],
    [
      '磺胺 allergy, co-trimoxazole',
      draft([line('co-trimoxazole-tab', overridden)]),
      ['磺胺'],
      [{ itemIndex: 0, code: 'allergy', detail: '磺胺' }],
    ],
    [
      '阿司匹林 allergy, ibuprofen',
      draft([line('ibuprofen-sr-0-3g-cap', overridden)]),
      ['阿司匹林'],
      [{ itemIndex: 0, code: 'allergy', detail: '阿司匹林' }],
    ],
    ['allergy to something else', draft([line('amoxicillin-0-25g-cap')]), ['花粉', '海鲜'], []],
    [
      'a warning, and with a reason no error',
      draft([line('amoxicillin-0-25g-cap', overridden)]),
      ['青霉素', '阿莫西林'],
      [
        { itemIndex: 0, code: 'allergy', detail: '青霉素' },
        { itemIndex: 0, code: 'allergy', detail: '阿莫西林' },
      ],
    ],
    [
      'the same code twice',
      draft([line('amlodipine-5mg-tab'), line('metformin-0-5g-tab'), line('amlodipine-5mg-tab')]),
      [],
      [{ itemIndex: 2, code: 'duplicateDrug', detail: '0' }],
    ],
    [
      'the same generic name in two strengths',
      draft([line('atorvastatin-20mg-tab'), line('atorvastatin-10mg-tab')]),
      [],
      [{ itemIndex: 1, code: 'duplicateDrug', detail: '0' }],
    ],
    ['different drugs', draft([line('atorvastatin-20mg-tab'), line('rosuvastatin-10mg-tab')]), [], []],
    [
      'a quantity beyond the days and the pack',
      draft([line('amlodipine-5mg-tab', { quantity: 56 })]),
      [],
      [{ itemIndex: 0, code: 'quantityExceedsSupply' }],
    ],
    ['a whole box for 7 days is fine', draft([line('amlodipine-5mg-tab', { quantity: 28 })]), [], []],
    [
      'one box typed in boxes is fine',
      draft([line('amlodipine-5mg-tab', { quantity: 1, unit: 'box' })]),
      [],
      [],
    ],
  ])('%s', (_name, d, allergies, expected) => {
    expect(warningsOf(d, allergies)).toEqual(expected);
    expect(validatePrescription(d, context({ allergies })).errors).toEqual([]);
  });
});

describe('validatePrescription', () => {
  it('returns a line per draft item, null where the item has errors', () => {
    const result = validatePrescription(
      draft([line('amlodipine-5mg-tab'), line('metformin-0-5g-tab', { dose: 'two' })]),
      context(),
    );
    expect(result.errors).toEqual([{ path: 'items.1.dose', code: 'doseNotNumeric' }]);
    expect(result.lines[0]?.item.quantity).toBe(7);
    expect(result.lines[1]).toBeNull();
  });

  it('checks the examples of the brief end to end', () => {
    const result = validatePrescription(
      draft([line('amlodipine-5mg-tab'), line('metformin-0-5g-tab', { dose: 0.5, frequency: 'tid' })]),
      context(),
    );
    expect(result.errors).toEqual([]);
    expect(result.lines.map((l) => l?.item.quantity)).toEqual([7, 21]);
  });
});
