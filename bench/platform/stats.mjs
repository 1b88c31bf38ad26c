// Small statistics for the platform benchmark: nearest-rank percentiles over milliseconds.

/** `{ n, p50, p95, max, mean }` of `samples` (milliseconds), rounded to 0.1 ms. */
export function summarise(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
  const round = (ms) => Math.round(ms * 10) / 10;
  const mean = sorted.reduce((sum, ms) => sum + ms, 0) / (sorted.length || 1);
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    max: round(at(1)),
    mean: round(mean),
  };
}
