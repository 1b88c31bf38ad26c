/**
 * Number series a centre hands out (DOMAIN.md §7.4: a unique identity for every patient): the
 * outpatient number (门诊号) now, queue tickets later. Every series works the same way: the
 * platform keeps one counter per organisation and series and leases each desk blocks of it, so
 * desks hand numbers out offline without ever colliding (see ./blocks.ts and platform/numbers).
 *
 * Format: the organisation's number code (1–6 capital letters or digits, set by the platform for
 * the organisation; empty when none is set) followed by the sequence, zero-padded to the series'
 * digits. The demo centre's code is `SQ`, so its first outpatient number is `SQ00000001`. A number
 * is unique within its organisation and series and never reused, not even after the resident is
 * deleted or the desk that held its block is cleared.
 */
import type { Permission } from '../auth/roles';

export const numberSeriesNames = ['outpatient', 'ticket'] as const;
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
}

export const seriesRules: Readonly<Record<NumberSeries, SeriesRule>> = {
  outpatient: { digits: 8, permission: 'patient.register', blockSize: 100, lowWater: 100 },
  ticket: { digits: 6, permission: 'queue.manage', blockSize: 100, lowWater: 50 },
};

/** The largest block a desk may ask for: a lost desk wastes at most this many numbers. */
export const maxBlockSize = 1000;

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
