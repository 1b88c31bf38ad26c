/**
 * Locale-aware formatting of dates, times, ages and sizes, following the interface language.
 */
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ageOn } from '../../shared/identity/age';

/**
 * The date and date-time formats of each locale, made once: building an Intl.DateTimeFormat takes
 * about a millisecond, and a list screen asks for formatters in every row.
 */
const formats = new Map<string, { dateFormat: Intl.DateTimeFormat; dateTimeFormat: Intl.DateTimeFormat }>();

/**
 * English dates read day-month-year with the month in letters (7 Dec 2026; 7 Dec 2026, 14:05):
 * plain `en` would write the US month-first 12/07/2026, which a reader outside the US takes for
 * 12 July. Chinese keeps its year-first forms (2026/12/07, 2026年12月7日 14:05).
 */
function makeFormats(locale: string) {
  if (locale.startsWith('en'))
    return {
      dateFormat: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }),
      dateTimeFormat: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
    };
  return {
    dateFormat: new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' }),
    dateTimeFormat: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  };
}

function formatsOf(locale: string) {
  let kept = formats.get(locale);
  if (!kept) {
    kept = makeFormats(locale);
    formats.set(locale, kept);
  }
  return kept;
}

export function useFormatters() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => formatters(locale, t), [locale, t]);
}

/** The formatters of `locale`, translating words (ages) with `t` of the `common` namespace. */
export function formatters(locale: string, t: TFunction) {
  const { dateFormat, dateTimeFormat } = formatsOf(locale);
  return {
    /** A YYYY-MM-DD calendar date, e.g. 1980/01/01 or 1 Jan 1980. */
    date: (iso: string) => (iso ? dateFormat.format(new Date(`${iso}T00:00:00`)) : ''),
    dateTime: (iso: string) => dateTimeFormat.format(new Date(iso)),
    /** Exact age (实足年龄): years from age 1, months under one, days under a month. */
    age: (birthDate: string, on = new Date()) => {
      if (!birthDate) return '';
      const { years, months, days } = ageOn(birthDate, on);
      if (years >= 1) return t('age.years', { count: years });
      if (months >= 1) return t('age.months', { count: months });
      return t('age.days', { count: days });
    },
    bytes: (n: number) => {
      const units = ['B', 'KB', 'MB', 'GB', 'TB'];
      let value = n;
      let unit = 0;
      while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit += 1;
      }
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
    },
  };
}
