import { percentileSorted } from './percentile.ts';
import { createRandom } from './rng.ts';
import type { Interval } from './wilson.ts';

/** How a bootstrap resamples. */
export interface BootstrapOptions {
  /** Resamples drawn (default 1000). */
  iterations?: number;
  /** PRNG seed, so the same data always gives the same interval (default 1). */
  seed?: number;
  /** Confidence level of the interval (default 0.95). */
  level?: number;
}

/** Result of a paired bootstrap of `a − b`. */
export interface PairedBootstrap extends Interval {
  meanDiff: number;
  /** Two-sided p-value of "no difference": how often resampled differences fall on the other side of 0. */
  p: number;
}

function settings(options: BootstrapOptions) {
  const iterations = Math.max(1, Math.floor(options.iterations ?? 1000));
  const level = options.level ?? 0.95;
  return { iterations, alpha: (1 - level) / 2, random: createRandom(options.seed ?? 1) };
}

function intervalOf(stats: Float64Array, alpha: number): Interval {
  stats.sort();
  return { low: percentileSorted(stats, alpha), high: percentileSorted(stats, 1 - alpha) };
}

/**
 * Percentile bootstrap interval of a ratio of sums, resampling whole units: unit i contributes
 * `sums[i]` to the numerator and `counts[i]` to the denominator. With counts of 1 this is the
 * mean; with per-case sums over samples it is the cluster bootstrap of the overall mean, which
 * respects that samples of one case are not independent. Empty input gives [NaN, NaN].
 */
export function bootstrapRatioInterval(
  sums: ArrayLike<number>,
  counts: ArrayLike<number>,
  options: BootstrapOptions = {},
): Interval {
  const n = sums.length;
  if (n === 0) return { low: Number.NaN, high: Number.NaN };
  const { iterations, alpha, random } = settings(options);
  const stats = new Float64Array(iterations);
  for (let it = 0; it < iterations; it++) {
    let numerator = 0;
    let denominator = 0;
    for (let j = 0; j < n; j++) {
      const i = (random() * n) | 0;
      numerator += sums[i] as number;
      denominator += counts[i] as number;
    }
    stats[it] = denominator > 0 ? numerator / denominator : 0;
  }
  return intervalOf(stats, alpha);
}

/** Percentile bootstrap interval of the mean of `values`. Empty input gives [NaN, NaN]. */
export function bootstrapMeanInterval(values: ArrayLike<number>, options: BootstrapOptions = {}): Interval {
  return bootstrapRatioInterval(values, new Float64Array(values.length).fill(1), options);
}

/**
 * Paired bootstrap of the mean difference `a[i] − b[i]` (same cases, same order): resamples
 * cases, not models, so case difficulty cancels out. The p-value is two-sided with the usual
 * +1 correction, so it is never reported as exactly 0 from a finite number of resamples.
 */
export function pairedBootstrap(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: BootstrapOptions = {},
): PairedBootstrap {
  const n = Math.min(a.length, b.length);
  if (n === 0) return { meanDiff: 0, low: 0, high: 0, p: 1 };
  const diffs = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    diffs[i] = d;
    total += d;
  }
  const { iterations, alpha, random } = settings(options);
  const stats = new Float64Array(iterations);
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let it = 0; it < iterations; it++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += diffs[(random() * n) | 0] as number;
    const mean = sum / n;
    stats[it] = mean;
    if (mean <= 0) atOrBelow++;
    if (mean >= 0) atOrAbove++;
  }
  const p = Math.min(1, (2 * (Math.min(atOrBelow, atOrAbove) + 1)) / (iterations + 1));
  return { meanDiff: total / n, ...intervalOf(stats, alpha), p };
}
