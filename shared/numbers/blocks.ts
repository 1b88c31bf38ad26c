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
  /**
   * Set when the platform refused a number of this block as already used (the desk was copied or
   * restored from a backup): nothing more is taken from it.
   */
  retiredAt?: string;
}

/** Numbers still available in `block`. */
export const leftIn = (block: NumberBlock): number =>
  block.retiredAt ? 0 : Math.max(0, block.last - block.next + 1);

/** Numbers still available in the blocks of `series`. */
export const remaining = (blocks: readonly NumberBlock[], series: NumberSeries): number =>
  blocks.filter((b) => b.series === series).reduce((sum, b) => sum + leftIn(b), 0);

/** Whether the desk should lease another block of `series` (when online): fewer than its low water left. */
export const needsTopUp = (blocks: readonly NumberBlock[], series: NumberSeries): boolean =>
  remaining(blocks, series) < seriesRules[series].lowWater;

/**
 * The next number of `series`: from the usable block with the lowest values, so numbers go out
 * roughly in order. Returns the block as it is after taking, or null when none is left.
 */
export function takeNext(
  blocks: readonly NumberBlock[],
  series: NumberSeries,
): { number: string; value: number; block: NumberBlock } | null {
  const usable = blocks
    .filter((b) => b.series === series && leftIn(b) > 0)
    .sort((a, b) => a.first - b.first)[0];
  if (!usable) return null;
  const value = usable.next;
  return {
    number: formatNumber(series, usable.prefix, value),
    value,
    block: { ...usable, next: value + 1 },
  };
}

/** The block of `series` that `number` was taken from, if it came from one of these. */
export function blockOf(
  blocks: readonly NumberBlock[],
  series: NumberSeries,
  number: string,
): NumberBlock | undefined {
  const parsed = parseNumber(series, number);
  if (!parsed) return undefined;
  return blocks.find(
    (b) =>
      b.series === series && b.prefix === parsed.prefix && parsed.value >= b.first && parsed.value <= b.last,
  );
}
