/**
 * Retries back off with jitter: after a platform restart, 200 desks failing at the same moment
 * must not come back at the same moment, and none waits longer than the ceiling.
 */
import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff';

const desks = 200;
const options = { initialMs: 1000, maxMs: 60_000 };

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The largest share of `delays` that falls in any one window of `windowMs`. */
function crowding(delays: number[], windowMs: number): number {
  const sorted = [...delays].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! > windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most / sorted.length;
}

describe('retry back-off', () => {
  it('spreads 200 desks that fail together, failure after failure, within the bounds', () => {
    const engines = Array.from(
      { length: desks },
      (_, i) => new Backoff({ ...options, random: seeded(i + 1) }),
    );
    for (let failure = 1; failure <= 10; failure++) {
      const delays = engines.map((e) => e.fail());
      for (const delay of delays) {
        expect(delay).toBeGreaterThanOrEqual(options.initialMs);
        expect(delay).toBeLessThanOrEqual(options.maxMs);
      }
      // Not in step: nearly every desk waits a different time, and no 100 ms holds a crowd.
      expect(new Set(delays).size, `failure ${failure}`).toBeGreaterThan(desks * 0.9);
      expect(crowding(delays, 100), `failure ${failure}`).toBeLessThan(0.15);
    }
  });

  it('spreads desks with the default random source too', () => {
    const delays = Array.from({ length: desks }, () => {
      const backoff = new Backoff(options);
      backoff.fail();
      return backoff.fail();
    });
    expect(new Set(delays).size).toBeGreaterThan(desks * 0.9);
    expect(Math.max(...delays) - Math.min(...delays)).toBeGreaterThan(3000);
  });

  it('grows after repeated failures and stays under the ceiling', () => {
    const backoff = new Backoff({ ...options, random: () => 0.999 });
    const delays = Array.from({ length: 12 }, () => backoff.fail());
    expect(delays[0]).toBeLessThanOrEqual(3 * options.initialMs);
    expect(delays[3]).toBeGreaterThan(10 * options.initialMs);
    expect(Math.max(...delays)).toBeLessThanOrEqual(options.maxMs);
    expect(Math.max(...delays)).toBeGreaterThan(options.maxMs * 0.9);
  });

  it('waits nothing until a failure, and nothing again after a success', () => {
    const backoff = new Backoff({ ...options, random: seeded(7) });
    expect(backoff.delayMs).toBe(0);
    for (let i = 0; i < 6; i++) backoff.fail();
    expect(backoff.delayMs).toBeGreaterThan(options.initialMs);
    backoff.reset();
    expect(backoff.delayMs).toBe(0);
    expect(backoff.fail()).toBeLessThanOrEqual(3 * options.initialMs);
  });
});
