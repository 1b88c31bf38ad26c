import { describe, expect, it } from 'vitest';
import { ageOn } from './age';

const on = (y: number, m: number, d: number) => new Date(y, m - 1, d, 15, 30); // local afternoon

describe('ageOn (实足年龄)', () => {
  it('counts completed years on and after the birthday', () => {
    expect(ageOn('1980-06-15', on(2026, 6, 14))).toEqual({ years: 45, months: 11, days: 30 });
    expect(ageOn('1980-06-15', on(2026, 6, 15))).toEqual({ years: 46, months: 0, days: 0 });
    expect(ageOn('1980-06-15', on(2026, 6, 16))).toEqual({ years: 46, months: 0, days: 1 });
  });

  it('counts months and days for infants', () => {
    expect(ageOn('2026-11-23', on(2026, 11, 23))).toEqual({ years: 0, months: 0, days: 0 });
    expect(ageOn('2026-11-01', on(2026, 11, 23))).toEqual({ years: 0, months: 0, days: 22 });
    expect(ageOn('2026-09-10', on(2026, 11, 23))).toEqual({ years: 0, months: 2, days: 13 });
    expect(ageOn('2025-12-24', on(2026, 11, 23))).toEqual({ years: 0, months: 10, days: 30 });
  });

  it('crosses year ends', () => {
    expect(ageOn('2025-12-31', on(2026, 1, 1))).toEqual({ years: 0, months: 0, days: 1 });
    expect(ageOn('2020-12-15', on(2026, 1, 10))).toEqual({ years: 5, months: 0, days: 26 });
  });

  it('moves anniversaries that do not exist to the first of the next month', () => {
    // Born 29 February: one year old on 1 March of a common year, on 29 February of a leap year.
    expect(ageOn('2000-02-29', on(2001, 2, 28))).toEqual({ years: 0, months: 11, days: 30 });
    expect(ageOn('2000-02-29', on(2001, 3, 1))).toEqual({ years: 1, months: 0, days: 0 });
    expect(ageOn('2000-02-29', on(2004, 2, 29))).toEqual({ years: 4, months: 0, days: 0 });
    // Born 31 January: a month old on 1 March (no 31 February), days never negative.
    expect(ageOn('2026-01-31', on(2026, 2, 28))).toEqual({ years: 0, months: 0, days: 28 });
    expect(ageOn('2026-01-31', on(2026, 3, 1))).toEqual({ years: 0, months: 1, days: 0 });
    expect(ageOn('2026-01-31', on(2026, 3, 31))).toEqual({ years: 0, months: 2, days: 0 });
  });

  it('uses the local calendar date of `on`, whatever the time of day', () => {
    expect(ageOn('1960-11-23', new Date(2025, 10, 23, 0, 0))).toEqual({ years: 65, months: 0, days: 0 });
    expect(ageOn('1960-11-23', new Date(2025, 10, 22, 23, 59))).toEqual({ years: 64, months: 11, days: 30 });
  });

  it('gives zeros for a birth date after `on`', () => {
    expect(ageOn('2030-01-01', on(2026, 11, 23))).toEqual({ years: 0, months: 0, days: 0 });
  });

  it('refuses malformed dates', () => {
    expect(() => ageOn('1980-1-1', on(2026, 1, 1))).toThrow(RangeError);
    expect(() => ageOn('1999-02-30', on(2026, 1, 1))).toThrow(RangeError);
    expect(() => ageOn('', on(2026, 1, 1))).toThrow(RangeError);
  });

  it('never gives negative parts and is monotonic over four years of days', () => {
    const birth = '2020-01-31';
    let previous = -1;
    for (let day = 0; day < 4 * 366; day++) {
      const age = ageOn(birth, new Date(2020, 0, 31 + day, 12));
      expect(age.months).toBeGreaterThanOrEqual(0);
      expect(age.months).toBeLessThan(12);
      expect(age.days).toBeGreaterThanOrEqual(0);
      expect(age.days).toBeLessThan(31);
      const ordinal = (age.years * 12 + age.months) * 31 + age.days;
      expect(ordinal).toBeGreaterThan(previous);
      previous = ordinal;
    }
  });
});
