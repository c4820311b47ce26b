/**
 * Wall-clock timing for the benches in bench/ (check, export, import, records): how long a call takes,
 * samples of many calls, and their quantiles. bench/live has its own statistics (bench/live/stats.ts:
 * nearest-rank percentiles of latencies, and a median that averages the two middle values).
 */
import { performance } from 'node:perf_hooks';

/** Milliseconds one call of `fn` takes; a promise it returns is awaited (a synchronous call never yields). */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = performance.now();
  const result = fn();
  if (result instanceof Promise) await result;
  return performance.now() - start;
}

/** `runs` timings of `fn` in milliseconds, after `warmup` calls left untimed; sorted ascending. */
export async function samples(fn: () => unknown, runs: number, warmup = 0): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await timeMs(fn));
  return times.sort((a, b) => a - b);
}

/**
 * The value at quantile `q` (0..1) of ascending `sorted`: index ⌊q·n⌋, so with an even count the median
 * is the upper of the two middle values; 0 when there are none.
 */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** The median of `values` in any order, as `quantile` takes it. */
export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}
