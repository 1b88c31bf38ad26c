/**
 * The arithmetic of a desk's number blocks, pure so that it is tested without a database: how many
 * numbers are left, which block the next one comes from, when to top up. The desk keeps its blocks
 * in a plain Dexie database (renderer/numbers) and runs these inside one IndexedDB transaction, so
 * two screens taking numbers at once never get the same one.
 */
import { formatNumber, parseNumber, seriesRules, type NumberSeries } from './series';

/** A block of numbers the platform leased to this desk, and how far the desk has used it. */
export interface NumberBlock {
  /** The platform's id of the lease. */
  leaseId: string;
  series: NumberSeries;
  /** The organisation's number code when the block was leased. */
  prefix: string;
  /** First and last sequence value of the block (inclusive). */
  first: number;
  last: number;
  /** The next value to hand out; `last + 1` once the block is used up. */
  next: number;
  /** When the platform leased it (ISO time). */
  leasedAt: string;
  /** The day (YYYY-MM-DD) a block of a daily series belongs to; absent for other series. */
  day?: string;
  /**
   * Set when the platform refused a number of this block as already used (the desk was copied or
   * restored from a backup): nothing more is taken from it.
   */
  retiredAt?: string;
}

/** Numbers still available in `block`. */
export const leftIn = (block: NumberBlock): number =>
  block.retiredAt ? 0 : Math.max(0, block.last - block.next + 1);

/**
 * Whether `block` belongs to `series` and, for a daily series, to `day`: a block of another day
 * never gives a number (yesterday's W001 is today's W001 too).
 */
const belongs = (block: NumberBlock, series: NumberSeries, day: string | undefined): boolean =>
  block.series === series && (block.day ?? '') === (day ?? '');

/** Numbers still available in the blocks of `series` (of `day`, for a daily series). */
export const remaining = (blocks: readonly NumberBlock[], series: NumberSeries, day?: string): number =>
  blocks.filter((b) => belongs(b, series, day)).reduce((sum, b) => sum + leftIn(b), 0);

/** Whether the desk should lease another block of `series` (when online): fewer than its low water left. */
export const needsTopUp = (blocks: readonly NumberBlock[], series: NumberSeries, day?: string): boolean =>
  remaining(blocks, series, day) < seriesRules[series].lowWater;

export interface TakeOptions {
  /** The day of a daily series to take from. */
  day?: string;
  /**
   * Numbers already held by records this desk knows of (tickets given before tickets came from
   * blocks, or by a desk copied from this one): skipped, and used up with the block.
   */
  taken?: ReadonlySet<string>;
}

/**
 * The next number of `series`: from the usable block with the lowest values, so numbers go out
 * roughly in order, skipping those in `taken`. Returns the block as it is after taking (its `next`
 * past the skipped values too), or null when none is left.
 */
export function takeNext(
  blocks: readonly NumberBlock[],
  series: NumberSeries,
  { day, taken }: TakeOptions = {},
): { number: string; value: number; block: NumberBlock } | null {
  const usable = blocks
    .filter((b) => belongs(b, series, day) && leftIn(b) > 0)
    .sort((a, b) => a.first - b.first);
  for (const block of usable) {
    for (let value = block.next; value <= block.last; value += 1) {
      const number = formatNumber(series, block.prefix, value);
      if (!taken?.has(number)) return { number, value, block: { ...block, next: value + 1 } };
    }
  }
  return null;
}

/** The block of `series` (of `day`, for a daily one) that `number` was taken from, if one of these. */
export function blockOf(
  blocks: readonly NumberBlock[],
  series: NumberSeries,
  number: string,
  day?: string,
): NumberBlock | undefined {
  const parsed = parseNumber(series, number);
  if (!parsed) return undefined;
  return blocks.find(
    (b) =>
      belongs(b, series, day) &&
      b.prefix === parsed.prefix &&
      parsed.value >= b.first &&
      parsed.value <= b.last,
  );
}
