import { describe, expect, it } from 'vitest';
import {
  analyteCodes,
  analytes,
  convertUnit,
  defaultFlagOf,
  defaultRange,
  flagOf,
  fromCanonical,
  panelAnalytes,
  toCanonical,
  unitsOf,
} from './analytes';

describe('the analyte catalogue', () => {
  it('lists every analyte the results form offers, each with its canonical unit first', () => {
    expect(analyteCodes).toEqual([
      'wbc',
      'hb',
      'plt',
      'neut',
      'fbg',
      'pg2h',
      'hba1c',
      'tc',
      'tg',
      'ldl',
      'hdl',
      'creatinine',
      'egfr',
      'alt',
      'ast',
      'tbil',
      'tacrolimus',
      'ciclosporin',
    ]);
    for (const code of analyteCodes) {
      expect(unitsOf(code)[0]).toBe(analytes[code].canonicalUnit);
      expect(analytes[code].labelKey).toBe(`analytes.${code}`);
    }
  });
  it.each([
    ['cbc', ['wbc', 'hb', 'plt', 'neut']],
    ['glucose', ['fbg', 'pg2h']],
    ['lipids', ['tc', 'tg', 'ldl', 'hdl']],
    ['renal', ['creatinine', 'egfr']],
    ['liver', ['alt', 'ast', 'tbil']],
    ['drugLevel', ['tacrolimus', 'ciclosporin']],
  ] as const)('panel %s holds %j', (panel, codes) => {
    expect(panelAnalytes(panel)).toEqual(codes);
  });
  it('offers every analyte under "other"', () => {
    expect(panelAnalytes('other')).toHaveLength(analyteCodes.length);
  });
});

describe('unit conversion', () => {
  it.each([
    ['fbg', 126, 'mg/dL', 7.0],
    ['fbg', 7.0, 'mmol/L', 7.0],
    ['pg2h', 200, 'mg/dL', 11.11],
    ['creatinine', 1.2, 'mg/dL', 106.1],
    ['tc', 200, 'mg/dL', 5.172],
    ['ldl', 130, 'mg/dL', 3.362],
    ['hdl', 40, 'mg/dL', 1.034],
    ['tg', 150, 'mg/dL', 1.694],
    ['hb', 13.5, 'g/dL', 135],
    ['tbil', 1.0, 'mg/dL', 17.1],
  ] as const)('%s %d %s is %d in the canonical unit', (analyte, value, unit, canonical) => {
    expect(toCanonical(analyte, value, unit)).toBeCloseTo(canonical, 3);
  });
  it.each([
    ['fbg', 7.0, 'mg/dL', 126],
    ['creatinine', 88.4, 'mg/dL', 1.0],
    ['tc', 5.2, 'mg/dL', 201],
    ['tg', 1.7, 'mg/dL', 151],
  ] as const)('%s %d canonical shows as %d %s', (analyte, value, unit, shown) => {
    expect(fromCanonical(analyte, value, unit)).toBe(shown);
  });
  it('converts between two accepted units with the target’s decimals', () => {
    expect(convertUnit('fbg', 5.6, 'mmol/L', 'mg/dL')).toBe(101);
    expect(convertUnit('fbg', 101, 'mg/dL', 'mmol/L')).toBe(5.6);
  });
  it('refuses a unit the analyte is not reported in', () => {
    expect(() => toCanonical('hb', 130, 'mmol/L')).toThrow(RangeError);
    expect(() => fromCanonical('alt', 30, 'mg/dL')).toThrow(RangeError);
  });
});

describe('out-of-range flags', () => {
  it.each([
    [3.8, 3.9, 6.1, 'low'],
    [3.9, 3.9, 6.1, null],
    [6.1, 3.9, 6.1, null],
    [6.2, 3.9, 6.1, 'high'],
    [999, null, null, null],
    [0.9, 1.0, null, 'low'],
    [12, null, 7.8, 'high'],
    [Number.NaN, 1, 2, null],
    [null, 1, 2, null],
  ] as const)('%d against %s–%s is %s', (value, low, high, flag) => {
    expect(flagOf(value, low, high)).toBe(flag);
  });
  it('flags against the default range in whatever unit was entered', () => {
    expect(defaultFlagOf('fbg', 110, 'mg/dL')).toBe('high'); // 6.11 mmol/L
    expect(defaultFlagOf('fbg', 109.8, 'mg/dL')).toBeNull(); // 6.1 mmol/L
    expect(defaultFlagOf('plt', 80)).toBe('low');
    expect(defaultFlagOf('tacrolimus', 16)).toBe('high');
  });
  it('uses the sex-specific adult range where it differs', () => {
    expect(defaultRange('hb', 'g/L', 'male')).toEqual({ low: 130, high: 175 });
    expect(defaultRange('hb', 'g/L', 'female')).toEqual({ low: 115, high: 150 });
    expect(defaultFlagOf('hb', 125, 'g/L', 'male')).toBe('low');
    expect(defaultFlagOf('hb', 125, 'g/L', 'female')).toBeNull();
    expect(defaultRange('creatinine', 'mg/dL', 'male')).toEqual({ low: 0.64, high: 1.26 });
  });
  it('gives the default range in the unit chosen', () => {
    expect(defaultRange('fbg', 'mg/dL')).toEqual({ low: 70, high: 110 });
    expect(defaultRange('hdl')).toEqual({ low: 1.0, high: null });
  });
});
