/**
 * Number series a centre hands out (DOMAIN.md §7.4: a unique identity for every patient): the
 * outpatient number (门诊号) and queue tickets (排队号). Every series works the same way: the
 * platform keeps one counter per organisation and series and leases each desk blocks of it, so
 * desks hand numbers out offline without ever colliding (see ./blocks.ts and platform/numbers).
 *
 * Format: the organisation's number code (1–6 capital letters or digits, set by the platform for
 * the organisation; empty when none is set) followed by the sequence, zero-padded to the series'
 * digits. The demo centre's code is `SQ`, so its first outpatient number is `SQ00000001`. A number
 * is unique within its organisation and series and never reused, not even after the resident is
 * deleted or the desk that held its block is cleared.
 *
 * Queue tickets (排队号) are called out loud in the waiting room, so they are short and start again
 * every day: a ticket series is *daily* (the platform keeps one counter per organisation, series
 * and day, and a lease names its day) and printed with the series' own letter instead of the
 * organisation's code: W001 for walk-ins, A001 for bookings. Desks lease small blocks for today
 * and the next days while online ({@link ticketDaysAhead}), so a desk that goes offline overnight
 * still draws tickets of its own the next morning. A desk that holds no block for the day (offline
 * for longer, or the day's series is full) draws a spare ticket instead: one series that never
 * restarts, so its values are unique across all days (WX000001), longer but never a duplicate.
 * Which ticket is drawn from where is renderer/numbers/tickets.ts.
 */
import type { Permission } from '../auth/roles';

export const numberSeriesNames = ['outpatient', 'walkInTicket', 'bookingTicket', 'spareTicket'] as const;
export type NumberSeries = (typeof numberSeriesNames)[number];

export interface SeriesRule {
  /** Digits of the zero-padded sequence; the series ends at 10^digits − 1. */
  digits: number;
  /** What a staff member needs to lease a block of the series. */
  permission: Permission;
  /** Numbers per block the platform leases by default. */
  blockSize: number;
  /** A desk tops its blocks up (when online) once fewer than this many numbers are left. */
  lowWater: number;
  /** The series starts again every day: its counter, leases and blocks each belong to one day. */
  daily?: true;
  /** Printed before the sequence instead of the organisation's number code. */
  letter?: string;
}

/**
 * Ticket blocks are small (20 walk-ins, 10 bookings): every desk holds one per day ahead of time,
 * and the next desk's block starts after it, so small blocks keep the day's tickets short (with
 * three desks the first tickets of the day are W001, W021 and W041). 999 a day per kind is far
 * above a centre's day; should a day's series fill up, desks fall back to spare tickets.
 */
export const seriesRules: Readonly<Record<NumberSeries, SeriesRule>> = {
  outpatient: { digits: 8, permission: 'patient.register', blockSize: 100, lowWater: 100 },
  walkInTicket: {
    digits: 3,
    permission: 'queue.manage',
    blockSize: 20,
    lowWater: 5,
    daily: true,
    letter: 'W',
  },
  bookingTicket: {
    digits: 3,
    permission: 'queue.manage',
    blockSize: 10,
    lowWater: 3,
    daily: true,
    letter: 'A',
  },
  // Spare tickets are drawn only when a desk has no block for the day (offline for longer than the
  // days ahead, or its day blocks used up offline on a busy morning): a desk keeps 50–150 of them,
  // so a morning's outage never stops the queue. Six digits last a centre for many years even at a
  // block a day per desk.
  spareTicket: { digits: 6, permission: 'queue.manage', blockSize: 100, lowWater: 50, letter: 'X' },
};

/**
 * Days after today a desk leases ticket blocks for while online: a desk that goes offline on a
 * Friday evening still has tickets of its own on Monday morning.
 */
export const ticketDaysAhead = 3;

/** Whether `day` is a calendar date, YYYY-MM-DD (the day of a daily series' counter). */
export function isSeriesDay(day: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === day;
}

/** The calendar day `days` after `day` (both YYYY-MM-DD). */
export function dayAfter(day: string, days = 1): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The largest block a desk may ask for: a lost desk wastes at most this many numbers. */
export const maxBlockSize = 1000;

/**
 * The largest block of `series` a desk may ask for. Ticket series are short (999 a day, or the
 * spare series for years): one desk asking for a block far above the usual size would use up the
 * day's tickets, or the spares, of every desk of the centre.
 */
export const maxBlockSizeOf = (series: NumberSeries): number =>
  series === 'outpatient' ? maxBlockSize : seriesRules[series].blockSize;

/**
 * How far from the platform's own day a daily series' block may be leased: from the day before (a
 * desk whose clock or time zone is behind) to a booking made a quarter of a year ahead. A far-off
 * day's block would only fill the tables with counters.
 */
export const leaseDayWindow = { before: 1, after: 92 } as const;

/** An organisation's number code: 1–6 capital letters or digits. */
export const numberCodePattern = /^[A-Z0-9]{1,6}$/;

/** The last sequence value of `series`. */
export const seriesMax = (series: NumberSeries): number => 10 ** seriesRules[series].digits - 1;

/** The printed number of sequence value `value` with the organisation's `prefix` (its number code). */
export function formatNumber(series: NumberSeries, prefix: string, value: number): string {
  return `${prefix}${String(value).padStart(seriesRules[series].digits, '0')}`;
}

/**
 * The prefix and sequence value of a printed number of `series`, or null when it is not one:
 * up to 6 capital letters or digits, then exactly the series' digits.
 */
export function parseNumber(series: NumberSeries, text: string): { prefix: string; value: number } | null {
  const { digits } = seriesRules[series];
  const match = new RegExp(`^([A-Z0-9]{0,6}?)(\\d{${digits}})$`).exec(text);
  if (!match) return null;
  const value = Number(match[2]);
  return value >= 1 ? { prefix: match[1]!, value } : null;
}
