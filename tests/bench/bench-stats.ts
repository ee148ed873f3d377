/**
 * Summaries of timing samples, shared by the benchmarks. Quantiles are nearest-rank: every reported figure is
 * a time that was actually measured, never an interpolation between two.
 */

/** A distribution of samples, in the samples' unit. */
export interface Distribution {
  n: number;
  median: number;
  p99: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile (0 < p ≤ 100) of samples sorted in ascending order; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Rounds to `digits` decimals, for printing and JSON (the samples keep their precision). */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** n, median, p99, min and max of the samples (unsorted is fine). */
export function summarize(samples: readonly number[]): Distribution {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** The distribution with every figure rounded to `digits` decimals. */
export function roundDistribution(d: Distribution, digits = 2): Distribution {
  return { n: d.n, median: round(d.median, digits), p99: round(d.p99, digits), min: round(d.min, digits), max: round(d.max, digits) };
}

/** Milliseconds elapsed since `start` (a performance.now() reading). */
export function elapsedMs(start: number): number {
  return performance.now() - start;
}
