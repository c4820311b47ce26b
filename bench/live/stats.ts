/** Percentiles, medians and a seeded random source for bench/live. */
import { mulberry32 } from '../../src/content/mulberry32.ts';

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles (q in 0..1) of the finite samples; NaN when there are none. */
export function summarise(samples: readonly number[]): Summary {
  const sorted = samples.filter(Number.isFinite).sort((a, b) => a - b);
  const at = (q: number) =>
    sorted.length === 0
      ? Number.NaN
      : (sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** Per index, `end[i] - start[i]`: NaN where either time is missing (NaN). */
export function differences(end: Float64Array, start: Float64Array): number[] {
  return Array.from(end, (x, i) => x - (start[i] ?? Number.NaN));
}

/** The median of the finite values; NaN when there are none. */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Mulberry32: a small seeded generator, so each run's schedule can be reproduced. */
export const seededRandom = mulberry32;

/** `n` send times spread uniformly at random over `windowMs`, in participant order (not sorted). */
export function schedule(n: number, windowMs: number, random: () => number): number[] {
  return Array.from({ length: n }, () => random() * windowMs);
}
