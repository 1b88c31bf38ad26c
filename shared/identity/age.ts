/**
 * Exact age (实足年龄 / 周岁) for display and for age-based rules (elderly ≥ 65, child ≤ 6).
 */

/** Whole years, then whole months, then days since the last monthly anniversary. */
export interface ExactAge {
  years: number;
  months: number;
  days: number;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayMs = 86_400_000;

const daysInMonth = (year: number, month0: number) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/**
 * The `monthsLater`-th monthly anniversary of a birth date, as a UTC timestamp. When the
 * anniversary day does not exist in that month (31st, 29 February) it falls on the first day of
 * the next month, so someone born on 29 February turns one on 1 March in a common year.
 */
function anniversary(year: number, month0: number, day: number, monthsLater: number): number {
  const total = month0 + monthsLater;
  const y = year + Math.floor(total / 12);
  const m = total - Math.floor(total / 12) * 12;
  return day > daysInMonth(y, m) ? Date.UTC(y, m + 1, 1) : Date.UTC(y, m, day);
}

/**
 * Exact age on the calendar date of `on` (its local date, as the desk sees it) of someone born on
 * `birthDate` (YYYY-MM-DD): completed years, completed months since the last birthday and days
 * since the last monthly anniversary. A birth date after `on` gives all zeros (a clock set wrong
 * should not break a screen). Throws a RangeError when `birthDate` is not a YYYY-MM-DD date.
 */
export function ageOn(birthDate: string, on: Date): ExactAge {
  const match = isoDate.exec(birthDate);
  if (!match) throw new RangeError('ageOn expects a YYYY-MM-DD birth date');
  const by = Number(match[1]);
  const bm = Number(match[2]) - 1;
  const bd = Number(match[3]);
  if (bm < 0 || bm > 11 || bd < 1 || bd > daysInMonth(by, bm)) {
    throw new RangeError('ageOn expects a real calendar date');
  }
  const today = Date.UTC(on.getFullYear(), on.getMonth(), on.getDate());
  if (Date.UTC(by, bm, bd) > today) return { years: 0, months: 0, days: 0 };

  let months = (on.getFullYear() - by) * 12 + (on.getMonth() - bm);
  if (anniversary(by, bm, bd, months) > today) months -= 1;
  const days = Math.round((today - anniversary(by, bm, bd, months)) / dayMs);
  return { years: Math.floor(months / 12), months: months % 12, days };
}
