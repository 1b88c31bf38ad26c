import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prescriptionLine } from '../testing/prescriptions';
import { indexFormulary, parseFormulary } from './formulary';
import { checkItem, isVagueUsage, parseDecimal, type PrescriptionItemDraft } from './items';

const formulary = indexFormulary(
  parseFormulary(
    JSON.parse(readFileSync(join(import.meta.dirname, '../../resources/formulary/formulary.json'), 'utf8')),
  ).drugs,
);

const line = (code: string, changes: Partial<PrescriptionItemDraft> = {}) =>
  prescriptionLine(formulary, code, changes);
const codes = (draft: PrescriptionItemDraft) =>
  checkItem(draft, 0, formulary).errors.map((e) => `${e.path}:${e.code}`);

const offFormulary = {
  generic: { 'zh-CN': '某进口药片', en: '' },
  form: 'tablet' as const,
  strength: '10 mg',
  unit: 'tablet' as const,
  control: 'none' as const,
  antimicrobial: false,
};

describe('parseDecimal', () => {
  it.each<[number | string | null, ReturnType<typeof parseDecimal>]>([
    [5, { ok: true, value: 5 }],
    ['2.5', { ok: true, value: 2.5 }],
    [' 0.5 ', { ok: true, value: 0.5 }],
    ['５', { ok: true, value: 5 }],
    ['', { ok: true, value: null }],
    [null, { ok: true, value: null }],
    ['two', { ok: false }],
    ['1/2', { ok: false }],
    ['5mg', { ok: false }],
    [Number.NaN, { ok: false }],
    [Number.POSITIVE_INFINITY, { ok: false }],
  ])('%j → %j', (value, expected) => {
    expect(parseDecimal(value)).toEqual(expected);
  });
});

describe('isVagueUsage (no "遵医嘱" or "自用")', () => {
  it.each([
    ['遵医嘱', true],
    ['按医嘱服用', true],
    ['自用', true],
    ['as directed', true],
    ['Use as instructed', true],
    ['u.d.', true],
    ['UD', true],
    ['饭后服', false],
    ['睡前服用，皮试阴性后使用', false],
    ['studied dose', false],
    ['', false],
  ])('%j → %s', (note, vague) => {
    expect(isVagueUsage(note)).toBe(vague);
  });
});

describe('checkItem: one error per wrong field', () => {
  it.each<[string, PrescriptionItemDraft, string[]]>([
    ['a valid line', line('amlodipine-5mg-tab'), []],
    ['dose "two"', line('amlodipine-5mg-tab', { dose: 'two' }), ['items.0.dose:doseNotNumeric']],
    ['dose ""', line('amlodipine-5mg-tab', { dose: '' }), ['items.0.dose:doseNotNumeric']],
    ['dose null', line('amlodipine-5mg-tab', { dose: null }), ['items.0.dose:doseNotNumeric']],
    ['dose NaN', line('amlodipine-5mg-tab', { dose: Number.NaN }), ['items.0.dose:doseNotNumeric']],
    [
      'dose Infinity',
      line('amlodipine-5mg-tab', { dose: Number.POSITIVE_INFINITY }),
      ['items.0.dose:doseNotNumeric'],
    ],
    ['dose 0', line('amlodipine-5mg-tab', { dose: 0 }), ['items.0.dose:doseNotPositive']],
    ['dose -5', line('amlodipine-5mg-tab', { dose: -5 }), ['items.0.dose:doseNotPositive']],
    ['dose typed as text "5"', line('amlodipine-5mg-tab', { dose: '5' }), []],
    [
      'dose unit not a code',
      line('amlodipine-5mg-tab', { doseUnit: 'mL' }),
      ['items.0.doseUnit:unknownDoseUnit'],
    ],
    [
      'dose unit not for this drug',
      line('amlodipine-5mg-tab', { doseUnit: 'ml' }),
      ['items.0.doseUnit:doseUnitMismatch'],
    ],
    ['dose in tablets', line('amlodipine-5mg-tab', { dose: 1, doseUnit: 'tablet' }), []],
    [
      'unknown frequency',
      line('amlodipine-5mg-tab', { frequency: 'BID' }),
      ['items.0.frequency:unknownFrequency'],
    ],
    ['unknown route', line('amlodipine-5mg-tab', { route: 'mouth' }), ['items.0.route:unknownRoute']],
    ['0 days', line('amlodipine-5mg-tab', { days: 0 }), ['items.0.days:daysInvalid']],
    ['2.5 days', line('amlodipine-5mg-tab', { days: 2.5 }), ['items.0.days:daysInvalid']],
    ['days "x"', line('amlodipine-5mg-tab', { days: 'x' }), ['items.0.days:daysInvalid']],
    ['quantity -1', line('amlodipine-5mg-tab', { quantity: -1 }), ['items.0.quantity:quantityInvalid']],
    ['quantity 1.5', line('amlodipine-5mg-tab', { quantity: 1.5 }), ['items.0.quantity:quantityInvalid']],
    ['quantity "abc"', line('amlodipine-5mg-tab', { quantity: 'abc' }), ['items.0.quantity:quantityInvalid']],
    [
      'prn without a quantity',
      line('paracetamol-0-5g-tab', { frequency: 'prn' }),
      ['items.0.quantity:quantityRequired'],
    ],
    ['prn with a quantity', line('paracetamol-0-5g-tab', { frequency: 'prn', quantity: 6 }), []],
    ['st without a quantity', line('fosfomycin-trometamol-3g'), ['items.0.quantity:quantityRequired']],
    ['cream without a quantity', line('mometasone-cream'), ['items.0.quantity:quantityRequired']],
    ['cream with a quantity', line('mometasone-cream', { quantity: 1 }), []],
    [
      'quantity unit not for this drug',
      line('amlodipine-5mg-tab', { unit: 'bottle' }),
      ['items.0.unit:unitMismatch'],
    ],
    ['quantity unit not a code', line('amlodipine-5mg-tab', { unit: '片' }), ['items.0.unit:unitMismatch']],
    ['quantity in boxes', line('amlodipine-5mg-tab', { unit: 'box' }), []],
    ['vague usage', line('amlodipine-5mg-tab', { note: '遵医嘱' }), ['items.0.note:vagueUsage']],
    ['note too long', line('amlodipine-5mg-tab', { note: '饭后'.repeat(60) }), ['items.0.note:tooLong']],
    ['no drug', line('', {}), ['items.0.drugCode:drugRequired']],
    ['not in the formulary', line('no-such-drug'), ['items.0.drugCode:notInFormulary']],
    [
      'off-formulary confirmed without details',
      line('no-such-drug', { offFormularyConfirmed: true }),
      ['items.0.offFormularyDrug:offFormularyDetailsRequired'],
    ],
    [
      'off-formulary confirmed with details, no quantity',
      line('', { offFormularyConfirmed: true, offFormularyDrug: offFormulary, dose: 10, doseUnit: 'mg' }),
      ['items.0.quantity:quantityRequired'],
    ],
    [
      'off-formulary confirmed with details and quantity',
      line('', {
        offFormularyConfirmed: true,
        offFormularyDrug: offFormulary,
        dose: 10,
        doseUnit: 'mg',
        quantity: 14,
      }),
      [],
    ],
    [
      'off-formulary details given but not confirmed',
      line('', { offFormularyDrug: offFormulary, dose: 10, doseUnit: 'mg', quantity: 14 }),
      ['items.0.drugCode:notInFormulary'],
    ],
    ['narcotic refused', line('morphine-sr-30mg-tab'), ['items.0.drugCode:specialSlipRequired']],
    ['narcotic patch refused', line('fentanyl-4-2mg-patch'), ['items.0.drugCode:specialSlipRequired']],
    ['psychotropic I refused', line('methylphenidate-er-18mg-tab'), ['items.0.drugCode:specialSlipRequired']],
    [
      'psychotropic I refused whatever else is wrong',
      line('triazolam-0-25mg-tab', { dose: 'x' }),
      ['items.0.drugCode:specialSlipRequired'],
    ],
    ['psychotropic II allowed', line('diazepam-2-5mg-tab'), []],
    [
      'several fields wrong at once',
      line('amlodipine-5mg-tab', { dose: '', frequency: '', route: '' }),
      ['items.0.dose:doseNotNumeric', 'items.0.frequency:unknownFrequency', 'items.0.route:unknownRoute'],
    ],
  ])('%s', (_name, draft, expected) => {
    expect(codes(draft)).toEqual(expected);
  });
});

describe('checkItem: the resolved slip line', () => {
  it('copies the formulary names and computes the quantity', () => {
    const { line: resolved } = checkItem(
      line('amlodipine-5mg-tab', { dose: '2.5', note: ' 晨起服 ' }),
      3,
      formulary,
    );
    expect(resolved?.index).toBe(3);
    expect(resolved?.item).toEqual({
      drugCode: 'amlodipine-5mg-tab',
      generic: { zh: '苯磺酸氨氯地平片', en: 'Amlodipine Besylate Tablets' },
      form: 'tablet',
      strength: '5 mg',
      dose: 2.5,
      doseUnit: 'mg',
      route: 'po',
      frequency: 'qd',
      days: 7,
      quantity: 4,
      unit: 'tablet',
      offFormulary: false,
      note: '晨起服',
      control: 'none',
      antimicrobial: false,
    });
    expect(resolved?.computed?.units).toBe(4);
  });

  it('gives the computed quantity in whole packs when the pack unit is chosen', () => {
    const { line: resolved } = checkItem(line('amlodipine-5mg-tab', { days: 30, unit: 'box' }), 0, formulary);
    expect(resolved?.item).toMatchObject({ quantity: 2, unit: 'box' });
  });

  it('keeps a typed quantity and counts it in dispensing units', () => {
    const { line: resolved } = checkItem(
      line('amlodipine-5mg-tab', { quantity: 2, unit: 'box' }),
      0,
      formulary,
    );
    expect(resolved?.item).toMatchObject({ quantity: 2, unit: 'box' });
    expect(resolved?.typedUnits).toBe(56);
  });

  it('marks an off-formulary line and falls back to the Chinese name in English', () => {
    const draft = line('', {
      offFormularyConfirmed: true,
      offFormularyDrug: offFormulary,
      dose: 10,
      doseUnit: 'mg',
      quantity: 14,
    });
    const { line: resolved } = checkItem(draft, 0, formulary);
    expect(resolved?.item).toMatchObject({
      drugCode: '',
      generic: { zh: '某进口药片', en: '某进口药片' },
      offFormulary: true,
      quantity: 14,
      unit: 'tablet',
    });
  });

  it('knows the facts of a drug even when a field is wrong', () => {
    const { facts, line: resolved } = checkItem(
      line('amoxicillin-0-25g-cap', { dose: 'x', days: 10 }),
      0,
      formulary,
    );
    expect(resolved).toBeNull();
    expect(facts).toMatchObject({
      antimicrobial: true,
      allergenGroups: ['penicillin'],
      days: 10,
      control: 'none',
    });
  });
});
