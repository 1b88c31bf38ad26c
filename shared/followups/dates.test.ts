import { describe, expect, it } from 'vitest';
import { addDays, addMonths, ageInYears, daysBetween, isIsoDate, localDateOf } from './dates';

describe('calendar arithmetic on clinical dates', () => {
  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('%s + %d days = %s', (date, days, result) => {
    expect(addDays(date, days)).toBe(result);
  });
  it.each([
    ['2026-01-31', 1, '2026-03-01'],
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-11-30', 3, '2027-03-01'],
    ['2026-05-31', -1, '2026-05-01'],
    ['2028-02-29', 12, '2029-03-01'],
  ])('%s + %d months = %s', (date, months, result) => {
    expect(addMonths(date, months)).toBe(result);
  });
  it('counts days between two dates across a leap day', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-12-01')).toBe(-30);
  });
  it.each([
    ['1961-12-07', 65],
    ['1961-12-08', 64],
    [null, null],
    ['bad', null],
  ])('born %s: %s on 2026-12-07', (birthDate, age) => {
    expect(ageInYears(birthDate, '2026-12-07')).toBe(age);
  });
  it('refuses dates that are not calendar dates', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(() => addDays('2026-13-01', 1)).toThrow(RangeError);
  });
  it('takes the local calendar day of a time', () => {
    expect(localDateOf(new Date(2026, 11, 7, 23, 59))).toBe('2026-12-07');
  });
});
