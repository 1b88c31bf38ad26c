import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { indexFormulary, parseFormulary } from './formulary';
import {
  administrations,
  allowedDoseUnits,
  computeQuantity,
  quantityInUnits,
  unitsPerDose,
  type QuantityInput,
} from './quantity';
import { administrationsPerDay, frequencies, frequencyDefinitions, type Frequency } from './vocabulary';

const bundled = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../resources/formulary/formulary.json'), 'utf8'),
) as unknown;
const formulary = indexFormulary(parseFormulary(bundled).drugs);
const drug = (code: string) => {
  const found = formulary.get(code);
  if (!found) throw new Error(`no ${code} in the formulary`);
  return found;
};

describe('administrationsPerDay (DOMAIN.md §1.7)', () => {
  it.each<[Frequency, number | null]>([
    ['qd', 1],
    ['bid', 2],
    ['tid', 3],
    ['qid', 4],
    ['qod', 0.5],
    ['qw', 1 / 7],
    ['biw', 2 / 7],
    ['qh', 24],
    ['q4h', 6],
    ['q6h', 4],
    ['q8h', 3],
    ['q12h', 2],
    ['q72h', 1 / 3],
    ['qn', 1],
    ['hs', 1],
    ['st', null],
    ['prn', null],
    ['sos', null],
  ])('%s → %s a day', (frequency, perDay) => {
    expect(administrationsPerDay(frequency)).toBe(perDay);
  });

  it('covers every frequency code', () => {
    expect(frequencies).toHaveLength(Object.keys(frequencyDefinitions).length);
  });
});

describe('administrations over a period', () => {
  it.each<[Frequency, number, number]>([
    ['tid', 7, 21],
    ['qd', 28, 28],
    ['qod', 7, 4],
    ['qod', 8, 4],
    ['qw', 28, 4],
    ['qw', 10, 2],
    ['biw', 7, 2],
    ['biw', 14, 4],
    ['q72h', 7, 3],
    ['q8h', 3, 9],
  ])('%s for %i days → %i doses', (frequency, days, count) => {
    const definition = frequencyDefinitions[frequency];
    if (!definition) throw new Error('not countable');
    expect(administrations(definition, days)).toBe(count);
  });
});

type Row = [
  string,
  string,
  QuantityInput,
  { units: number; packs: number; unit: string; packUnit: string } | null,
];

describe('computeQuantity', () => {
  it.each<Row>([
    [
      'amlodipine 5 mg qd 7 d',
      'amlodipine-5mg-tab',
      { dose: 5, frequency: 'qd', days: 7 },
      { units: 7, packs: 1, unit: 'tablet', packUnit: 'box' },
    ],
    [
      'amlodipine 5 mg qd 28 d',
      'amlodipine-5mg-tab',
      { dose: 5, frequency: 'qd', days: 28 },
      { units: 28, packs: 1, unit: 'tablet', packUnit: 'box' },
    ],
    [
      'amlodipine 5 mg qd 30 d',
      'amlodipine-5mg-tab',
      { dose: 5, frequency: 'qd', days: 30 },
      { units: 30, packs: 2, unit: 'tablet', packUnit: 'box' },
    ],
    [
      'amlodipine written as 1 tablet',
      'amlodipine-5mg-tab',
      { dose: 1, doseUnit: 'tablet', frequency: 'qd', days: 7 },
      { units: 7, packs: 1, unit: 'tablet', packUnit: 'box' },
    ],
    [
      'metformin 0.5 g tid 7 d',
      'metformin-0-5g-tab',
      { dose: 0.5, frequency: 'tid', days: 7 },
      { units: 21, packs: 2, unit: 'tablet', packUnit: 'box' },
    ],
    [
      'half tablets: 2.5 mg of 5 mg qd 7 d',
      'amlodipine-5mg-tab',
      { dose: 2.5, frequency: 'qd', days: 7 },
      { units: 4, packs: 1, unit: 'tablet', packUnit: 'box' },
    ],
    [
      'captopril 12.5 mg tid 7 d (half of 25 mg)',
      'captopril-25mg-tab',
      { dose: 12.5, frequency: 'tid', days: 7 },
      { units: 11, packs: 1, unit: 'tablet', packUnit: 'bottle' },
    ],
    [
      '0.1 g × 3 does not round to 4',
      'allopurinol-0-1g-tab',
      { dose: 0.3, frequency: 'qd', days: 1 },
      { units: 3, packs: 1, unit: 'tablet', packUnit: 'bottle' },
    ],
    [
      'glargine 10 IU qd 28 d (300 IU pen)',
      'insulin-glargine-pen',
      { dose: 10, frequency: 'qd', days: 28 },
      { units: 1, packs: 1, unit: 'pen', packUnit: 'box' },
    ],
    [
      'human insulin 12 IU tid 28 d',
      'insulin-human-regular-cart',
      { dose: 12, frequency: 'tid', days: 28 },
      { units: 4, packs: 4, unit: 'cartridge', packUnit: 'box' },
    ],
    [
      'alendronate 70 mg qw 28 d',
      'alendronate-70mg-tab',
      { dose: 70, frequency: 'qw', days: 28 },
      { units: 4, packs: 1, unit: 'tablet', packUnit: 'box' },
    ],
    [
      'semaglutide 0.25 mg qw 28 d',
      'semaglutide-2mg-pen',
      { dose: 0.25, frequency: 'qw', days: 28 },
      { units: 1, packs: 1, unit: 'pen', packUnit: 'box' },
    ],
    [
      'aspirin 100 mg qod 7 d',
      'aspirin-ec-100mg-tab',
      { dose: 100, frequency: 'qod', days: 7 },
      { units: 4, packs: 1, unit: 'tablet', packUnit: 'box' },
    ],
    [
      'levothyroxine 75 μg qd 14 d',
      'levothyroxine-50ug-tab',
      { dose: 75, frequency: 'qd', days: 14 },
      { units: 21, packs: 1, unit: 'tablet', packUnit: 'bottle' },
    ],
    [
      'montmorillonite 3 g tid 3 d (bags)',
      'montmorillonite-3g-powder',
      { dose: 3, frequency: 'tid', days: 3 },
      { units: 9, packs: 1, unit: 'bag', packUnit: 'box' },
    ],
    [
      'lactulose 15 ml qd 14 d (100 ml bottle)',
      'lactulose-oral-solution',
      { dose: 15, frequency: 'qd', days: 14 },
      { units: 3, packs: 3, unit: 'bottle', packUnit: 'bottle' },
    ],
    [
      'salbutamol 2 puffs qid 30 d (200-puff inhaler)',
      'salbutamol-inhaler',
      { dose: 2, frequency: 'qid', days: 30 },
      { units: 2, packs: 2, unit: 'inhaler', packUnit: 'box' },
    ],
    ['prn cannot be computed', 'paracetamol-0-5g-tab', { dose: 0.5, frequency: 'prn', days: 3 }, null],
    ['st cannot be computed', 'fosfomycin-trometamol-3g', { dose: 3, frequency: 'st', days: 1 }, null],
    ['sos cannot be computed', 'nitroglycerin-0-5mg-tab', { dose: 0.5, frequency: 'sos', days: 1 }, null],
    [
      'an application of cream cannot be computed',
      'mometasone-cream',
      { dose: 1, frequency: 'qd', days: 7 },
      null,
    ],
    [
      'a dose unit that does not fit',
      'amlodipine-5mg-tab',
      { dose: 5, doseUnit: 'ml', frequency: 'qd', days: 7 },
      null,
    ],
    ['zero dose', 'amlodipine-5mg-tab', { dose: 0, frequency: 'qd', days: 7 }, null],
    ['fractional days', 'amlodipine-5mg-tab', { dose: 5, frequency: 'qd', days: 2.5 }, null],
    ['NaN dose', 'amlodipine-5mg-tab', { dose: Number.NaN, frequency: 'qd', days: 7 }, null],
  ])('%s', (_name, code, input, expected) => {
    const result = computeQuantity(input, drug(code));
    if (expected === null) expect(result).toBeNull();
    else expect(result).toMatchObject(expected);
  });

  it('reports administrations, units per dose and the total dose', () => {
    expect(computeQuantity({ dose: 2.5, frequency: 'qd', days: 7 }, drug('amlodipine-5mg-tab'))).toEqual({
      administrations: 7,
      unitsPerDose: 0.5,
      totalDose: 17.5,
      units: 4,
      unit: 'tablet',
      packs: 1,
      packSize: 28,
      packUnit: 'box',
    });
  });
});

describe('dose units and pack conversion', () => {
  it.each<[string, string[]]>([
    ['amlodipine-5mg-tab', ['mg', 'tablet']],
    ['amoxicillin-0-25g-cap', ['g', 'capsule']],
    ['insulin-glargine-pen', ['IU']],
    ['xuezhikang-cap', ['capsule']],
    ['flurbiprofen-cataplasm', ['piece']],
    ['montmorillonite-3g-powder', ['g', 'bag']],
  ])('%s may be dosed in %j', (code, units) => {
    expect(allowedDoseUnits(drug(code))).toEqual(units);
  });

  it('counts dispensing units per dose', () => {
    expect(unitsPerDose(drug('metformin-0-5g-tab'), 1)).toBe(2);
    expect(unitsPerDose(drug('metformin-0-5g-tab'), 1, 'tablet')).toBe(1);
    expect(unitsPerDose(drug('metformin-0-5g-tab'), 1, 'ml')).toBeNull();
  });

  it('turns a quantity in packs into dispensing units', () => {
    expect(quantityInUnits(drug('amlodipine-5mg-tab'), 2, 'box')).toBe(56);
    expect(quantityInUnits(drug('amlodipine-5mg-tab'), 10, 'tablet')).toBe(10);
    expect(quantityInUnits(drug('amlodipine-5mg-tab'), 1, 'bottle')).toBeNull();
  });
});
