import { describe, expect, it } from 'vitest';
import type { Vitals } from './schema';
import {
  adultCategoriesApply,
  bmi,
  bmiBand,
  bpHint,
  emptyVitals,
  glucoseHint,
  isHighBp,
  vitalsErrors,
  vitalsWarnings,
} from './vitals';

const v = (over: Partial<Vitals>): Vitals => ({ ...emptyVitals, ...over });

describe('vitalsErrors', () => {
  it.each<[string, Partial<Vitals>, { field: string; code: string }[]]>([
    ['nothing measured', {}, []],
    [
      'a normal set',
      {
        systolic: 128,
        diastolic: 82,
        heartRate: 72,
        temperature: 36.6,
        weight: 65,
        height: 170,
        glucose: 5.6,
      },
      [],
    ],
    [
      'lower bounds are plausible',
      { systolic: 50, diastolic: 30, heartRate: 20, temperature: 34, weight: 0.5, height: 30, glucose: 1 },
      [],
    ],
    [
      'upper bounds are plausible',
      {
        systolic: 300,
        diastolic: 200,
        heartRate: 250,
        temperature: 43,
        weight: 400,
        height: 250,
        glucose: 100,
      },
      [],
    ],
    ['systolic typed with an extra digit', { systolic: 1400 }, [{ field: 'systolic', code: 'outOfRange' }]],
    ['systolic too low', { systolic: 49 }, [{ field: 'systolic', code: 'outOfRange' }]],
    ['diastolic too high', { systolic: 300, diastolic: 201 }, [{ field: 'diastolic', code: 'outOfRange' }]],
    ['diastolic too low', { diastolic: 29 }, [{ field: 'diastolic', code: 'outOfRange' }]],
    ['heart rate', { heartRate: 260 }, [{ field: 'heartRate', code: 'outOfRange' }]],
    ['temperature in Fahrenheit', { temperature: 98.6 }, [{ field: 'temperature', code: 'outOfRange' }]],
    ['temperature too low', { temperature: 33.9 }, [{ field: 'temperature', code: 'outOfRange' }]],
    ['weight in grams', { weight: 65000 }, [{ field: 'weight', code: 'outOfRange' }]],
    ['weight zero', { weight: 0 }, [{ field: 'weight', code: 'outOfRange' }]],
    ['height in metres', { height: 1.7 }, [{ field: 'height', code: 'outOfRange' }]],
    ['glucose in mg/dL', { glucose: 126 }, [{ field: 'glucose', code: 'outOfRange' }]],
    ['glucose of a hyperosmolar state', { glucose: 45.2 }, []],
    ['glucose at 33.3', { glucose: 33.3 }, []],
    ['glucose at 33.4 saves (with a warning)', { glucose: 33.4 }, []],
    ['glucose at 100', { glucose: 100 }, []],
    ['glucose at 100.1', { glucose: 100.1 }, [{ field: 'glucose', code: 'outOfRange' }]],
    ['not a number', { heartRate: Number.NaN }, [{ field: 'heartRate', code: 'notANumber' }]],
    ['infinite', { weight: Number.POSITIVE_INFINITY }, [{ field: 'weight', code: 'notANumber' }]],
    [
      'diastolic equal to systolic',
      { systolic: 90, diastolic: 90 },
      [{ field: 'diastolic', code: 'notBelowSystolic' }],
    ],
    [
      'pressures swapped',
      { systolic: 80, diastolic: 120 },
      [{ field: 'diastolic', code: 'notBelowSystolic' }],
    ],
    [
      'no order check when a pressure is already implausible',
      { systolic: 40, diastolic: 45 },
      [{ field: 'systolic', code: 'outOfRange' }],
    ],
    [
      'several problems in field order',
      { glucose: 0.5, systolic: 400, temperature: 20 },
      [
        { field: 'systolic', code: 'outOfRange' },
        { field: 'temperature', code: 'outOfRange' },
        { field: 'glucose', code: 'outOfRange' },
      ],
    ],
  ])('%s', (_name, over, errors) => {
    expect(vitalsErrors(v(over))).toEqual(errors);
  });
});

describe('bmi', () => {
  it.each<[number | null, number | null, number | null]>([
    [70, 175, 22.9],
    [65, 170, 22.5],
    [90, 165, 33.1],
    [50, 160, 19.5],
    [72, 180, 22.2],
    [null, 170, null],
    [70, null, null],
    [70, 0, null],
    [70, 1.75, null],
    [Number.NaN, 170, null],
  ])('%s kg, %s cm → %s', (weight, height, expected) => {
    expect(bmi(weight, height)).toBe(expected);
  });
});

describe('bmiBand', () => {
  it.each<[number | null, string | null]>([
    [18.4, 'underweight'],
    [18.5, 'normal'],
    [23.9, 'normal'],
    [24, 'overweight'],
    [27.9, 'overweight'],
    [28, 'obese'],
    [null, null],
  ])('%s → %s', (value, band) => {
    expect(bmiBand(value)).toBe(band);
  });
});

describe('bpHint', () => {
  it.each<[number | null, number | null, string | null, boolean]>([
    [118, 78, 'normal', false],
    [120, 70, 'normalHigh', false],
    [110, 80, 'normalHigh', false],
    [139, 89, 'normalHigh', false],
    [140, 70, 'grade1', true],
    [130, 90, 'grade1', true],
    [159, 99, 'grade1', true],
    [160, 85, 'grade2', true],
    [150, 100, 'grade2', true],
    [180, 90, 'grade3', true],
    [150, 110, 'grade3', true],
    [200, 120, 'grade3', true],
    [null, 80, null, false],
    [120, null, null, false],
    [1200, 80, null, false],
  ])('%s/%s → %s', (systolic, diastolic, hint, high) => {
    expect(bpHint(systolic, diastolic)).toBe(hint);
    expect(isHighBp(bpHint(systolic, diastolic))).toBe(high);
  });
});

describe('glucoseHint', () => {
  it.each<[number | null, Vitals['glucoseKind'], string | null]>([
    [5.6, 'fasting', 'normal'],
    [6.9, 'fasting', 'normal'],
    [7.0, 'fasting', 'high'],
    [9.9, 'postprandial', 'normal'],
    [10.0, 'postprandial', 'high'],
    [9.9, 'random', 'normal'],
    [10.0, 'random', 'high'],
    [11.1, 'postprandial', 'high'],
    [16.6, 'postprandial', 'high'],
    [16.7, 'postprandial', 'urgentHigh'],
    [3.9, 'postprandial', 'low'],
    [33.4, 'random', 'urgentHigh'],
    [100, 'fasting', 'urgentHigh'],
    [100.1, 'fasting', null],
    [3.9, 'fasting', 'low'],
    [4.0, 'random', 'normal'],
    [16.7, 'random', 'urgentHigh'],
    [16.6, 'fasting', 'high'],
    [null, 'fasting', null],
    [126, 'fasting', null],
  ])('%s (%s) → %s', (glucose, kind, hint) => {
    expect(glucoseHint(glucose, kind)).toBe(hint);
  });
});

describe('vitalsWarnings', () => {
  it.each<[number | null, { field: string; code: string }[]]>([
    [null, []],
    [16.7, []],
    [33.3, []],
    [33.4, [{ field: 'glucose', code: 'aboveMeterRange' }]],
    [100, [{ field: 'glucose', code: 'aboveMeterRange' }]],
    // Out of range is an error, not a warning.
    [100.1, []],
  ])('glucose %s → %j', (glucose, warnings) => {
    expect(vitalsWarnings(v({ glucose }))).toEqual(warnings);
  });
});

describe('adultCategoriesApply', () => {
  const visit = new Date(2026, 4, 10, 9, 0);
  it.each<[string, string | null, boolean]>([
    ['17, the day before the 18th birthday', '2008-05-11', false],
    ['18 on the birthday', '2008-05-10', true],
    ['18 and a day', '2008-05-09', true],
    ['a child of 8', '2018-03-15', false],
    ['an adult of 70', '1956-01-01', true],
    ['no birth date known', null, true],
    ['a malformed birth date', '2008-13-40', true],
  ])('%s → %s', (_name, birthDate, adult) => {
    expect(adultCategoriesApply(birthDate, visit)).toBe(adult);
  });
});
