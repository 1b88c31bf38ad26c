import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../shared/i18n/resources';
import { formatters } from './format';

const i18n = i18next.createInstance();
beforeAll(() => i18n.init({ lng: 'zh-CN', resources, ns: ['common'], defaultNS: 'common' }));
const inLanguage = (locale: 'zh-CN' | 'en') =>
  formatters(locale, i18n.getFixedT(locale, 'common') as unknown as TFunction);

/** US order: month first, in digits (12/07/2026, 03/12/1968). */
const monthDayYear = /\b\d{1,2}\/\d{1,2}\/\d{4}\b/;

describe('dates in English', () => {
  it('reads day-month-year with the month in letters, never month first', () => {
    const { date } = inLanguage('en');
    expect(date('2026-12-07')).toBe('7 Dec 2026');
    expect(date('1968-03-12')).toBe('12 Mar 1968');
    expect(date('1968-03-12')).not.toMatch(monthDayYear);
  });

  it('gives a date and time day first, on the 24-hour clock', () => {
    const { dateTime } = inLanguage('en');
    const text = dateTime(new Date(2026, 11, 7, 14, 5).toISOString());
    expect(text).toBe('7 Dec 2026, 14:05');
    expect(text).not.toMatch(/AM|PM/);
  });
});

describe('dates in Chinese', () => {
  it('keeps the year first', () => {
    const { date, dateTime } = inLanguage('zh-CN');
    expect(date('2026-12-07')).toBe('2026/12/07');
    expect(dateTime(new Date(2026, 11, 7, 14, 5).toISOString())).toBe('2026年12月7日 14:05');
  });
});

describe('ages', () => {
  const on = new Date(2026, 11, 7);
  it('words English ages through the plural rules', () => {
    const { age } = inLanguage('en');
    expect(age('2025-12-07', on)).toBe('1 year');
    expect(age('1968-03-12', on)).toBe('58 years');
    expect(age('2026-11-07', on)).toBe('1 month');
    expect(age('2026-09-01', on)).toBe('3 months');
    expect(age('2026-12-06', on)).toBe('1 day');
    expect(age('2026-11-20', on)).toBe('17 days');
  });

  it('words Chinese ages in one form', () => {
    const { age } = inLanguage('zh-CN');
    expect(age('2025-12-07', on)).toBe('1岁');
    expect(age('1968-03-12', on)).toBe('58岁');
    expect(age('2026-09-01', on)).toBe('3个月');
    expect(age('2026-11-20', on)).toBe('17天');
  });
});
