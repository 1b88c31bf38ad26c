import { describe, expect, it } from 'vitest';
import {
  isPrescriptionNumber,
  normalizePrescriptionNumber,
  prescriptionNumber,
  prescriptionNumberAlphabet,
  prescriptionNumberDate,
} from './prescriptionNumber';

/** A repeatable source of numbers in [0, 1). */
const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

describe('prescriptionNumber', () => {
  it.each([
    ['2026-11-23', [0], 'RX20261123-000000'],
    ['2026-11-23', [0.999999], 'RX20261123-ZZZZZZ'],
    ['2026-01-05', [0, 1 / 32, 2 / 32, 10 / 32, 18 / 32, 31 / 32], 'RX20260105-012AJZ'],
    ['2026-01-05', [1], 'RX20260105-ZZZZZZ'],
  ])('%s with %j → %s', (date, values, expected) => {
    expect(prescriptionNumber(date, sequence(...values))).toBe(expected);
  });

  it('uses Crockford base32 without I, L, O or U', () => {
    expect(prescriptionNumberAlphabet).toHaveLength(32);
    expect(prescriptionNumberAlphabet).not.toMatch(/[ILOU]/);
  });

  it('makes well-formed, varied numbers from Math.random', () => {
    const numbers = Array.from({ length: 200 }, () => prescriptionNumber('2026-11-23', Math.random));
    expect(numbers.every(isPrescriptionNumber)).toBe(true);
    expect(new Set(numbers).size).toBe(200);
  });

  it('refuses a malformed issue date', () => {
    expect(() => prescriptionNumber('20261123', Math.random)).toThrow(RangeError);
  });
});

describe('reading numbers back', () => {
  it.each([
    ['RX20261123-7K2QXM', true, '2026-11-23'],
    ['RX20261123-7K2QX', false, null],
    ['RX20261123-7K2QXI', false, null],
    ['rx20261123-7k2qxm', false, null],
    ['RX2026112-7K2QXM0', false, null],
  ])('%s valid %s, date %s', (value, valid, date) => {
    expect(isPrescriptionNumber(value)).toBe(valid);
    expect(prescriptionNumberDate(value)).toBe(date);
  });

  it.each([
    [' rx20261123-7k2qxm ', 'RX20261123-7K2QXM'],
    ['RX20261123-7K2QXO', 'RX20261123-7K2QX0'],
    ['RX20261123-IL0000', 'RX20261123-110000'],
    ['RX20261123', null],
    ['nonsense', null],
  ])('normalizes %j → %j', (typed, expected) => {
    expect(normalizePrescriptionNumber(typed)).toBe(expected);
  });
});
