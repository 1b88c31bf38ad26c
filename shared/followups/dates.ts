/**
 * Calendar arithmetic on clinical dates (`YYYY-MM-DD`, a local calendar day). Every schedule rule
 * works on these strings, never on the machine's clock: callers pass `today`.
 */

const monthDays = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (year: number, month0: number) =>
  month0 === 1 && isLeap(year) ? 29 : monthDays[month0]!;

// Schedules of a whole centre make millions of these calls: plain integer arithmetic (no Date,
// no regular expression) and a cache of formatted days keep them cheap.
const digits = (s: string, from: number, to: number) => {
  let n = 0;
  for (let i = from; i < to; i += 1) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
};

function parse(date: string): { y: number; m: number; d: number } {
  const y = date.length === 10 && date[4] === '-' && date[7] === '-' ? digits(date, 0, 4) : -1;
  const m = digits(date, 5, 7) - 1;
  const d = digits(date, 8, 10);
  if (y < 0 || m < 0 || m > 11 || d < 1 || d > daysInMonth(y, m))
    throw new RangeError(`not a calendar date: ${date}`);
  return { y, m, d };
}

/** Days since 1970-01-01 of a civil date (proleptic Gregorian). */
function dayNumber(y: number, m0: number, d: number): number {
  const yy = m0 < 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m0 + 10) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const formatted = new Map<number, string>();
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The date of a day number, formatted once and reused. */
function format(day: number): string {
  const cached = formatted.get(day);
  if (cached !== undefined) return cached;
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const text = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
  if (formatted.size > 100_000) formatted.clear();
  formatted.set(day, text);
  return text;
}

// Read straight from the characters: the dates a desk reads are fresh strings each time, and
// looking one up in a cache costs more (hashing it) than reading its ten characters.
function utc(date: string): number {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const y = digits(date, 0, 4);
    const m = digits(date, 5, 7) - 1;
    const d = digits(date, 8, 10);
    if (y >= 0 && m >= 0 && m <= 11 && d >= 1 && d <= daysInMonth(y, m)) return dayNumber(y, m, d);
  }
  throw new RangeError(`not a calendar date: ${date}`);
}

/** Whether `value` is a real `YYYY-MM-DD` calendar date. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
}

/** The date `days` days after `date` (negative: before). Throws a RangeError for a bad date. */
export const addDays = (date: string, days: number): string => format(utc(date) + days);

/** Day number (days since 1970-01-01) of a date and back: for loops that step through many days. */
export const dayOf = (date: string): number => utc(date);
export const dateOfDay = (day: number): string => format(day);

const parsed = new Map<string, { y: number; m: number; d: number }>();

/**
 * The date `months` calendar months after `date`. When that month lacks the day (31st, 29
 * February) it falls on the first day of the next month, as ages do (shared/identity/age.ts): a
 * child born on 31 January is one month old on 1 March.
 */
export const addMonths = (date: string, months: number): string => format(addMonthsDay(date, months));

/** {@link addMonths} as a day number ({@link dayOf}). */
export function addMonthsDay(date: string, months: number): number {
  let ymd = parsed.get(date);
  if (!ymd) {
    ymd = parse(date);
    if (parsed.size > 100_000) parsed.clear();
    parsed.set(date, ymd);
  }
  const { y, m, d } = ymd;
  const total = m + months;
  const year = y + Math.floor(total / 12);
  const month = total - Math.floor(total / 12) * 12;
  const last = daysInMonth(year, month);
  return d > last ? dayNumber(year, month, last) + 1 : dayNumber(year, month, d);
}

export const addYears = (date: string, years: number): string => addMonths(date, years * 12);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => utc(to) - utc(from);

/** The later / earlier of two dates (string order is date order for YYYY-MM-DD). */
export const maxDate = (a: string, b: string): string => (a > b ? a : b);
export const minDate = (a: string, b: string): string => (a < b ? a : b);

/** The local calendar day of an ISO 8601 time or a Date, as the desk shows it. */
export function localDateOf(time: string | Date): string {
  const at = typeof time === 'string' ? new Date(time) : time;
  if (Number.isNaN(at.getTime())) throw new RangeError('localDateOf expects a valid time');
  return `${pad(at.getFullYear(), 4)}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** Whole years between a birth date and a day (completed birthdays), or null when unknown. */
export function ageInYears(birthDate: string | null | undefined, on: string): number | null {
  if (!birthDate || !isIsoDate(birthDate)) return null;
  let years = parse(on).y - parse(birthDate).y;
  if (addYears(birthDate, years) > on) years -= 1;
  return Math.max(0, years);
}
