import { percentileSorted } from './percentile.ts';
import { createRandom, type Random } from './rng.ts';
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

/** A ratio statistic over units: unit i adds `sums[i]` to the numerator and `counts[i]` to the denominator. */
export interface RatioSeries {
  sums: ArrayLike<number>;
  counts: ArrayLike<number>;
}

/** Draws n of n units with replacement, as how many times each unit was drawn. */
function drawWeights(random: Random, weights: Int32Array): void {
  const n = weights.length;
  weights.fill(0);
  for (let j = 0; j < n; j++) weights[(random() * n) | 0]!++;
}

function ratioOf(series: RatioSeries): number {
  const { sums, counts } = series;
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < sums.length; i++) {
    numerator += sums[i] as number;
    denominator += counts[i] as number;
  }
  return denominator > 0 ? numerator / denominator : Number.NaN;
}

/**
 * Bootstrap distributions of several ratio statistics over the same n units, all computed from
 * one shared resample per iteration (common random numbers): resampling whole cases keeps the
 * samples of a case together, and sharing the draws makes one pass serve every model and pair.
 * A unit with count 0 (a case a model did not answer) simply adds nothing when drawn. Each
 * returned array holds the iteration statistics of one series, unsorted; a resample whose
 * denominator is 0 repeats the full-data value.
 */
export function bootstrapRatios(series: readonly RatioSeries[], options: BootstrapOptions = {}): Float64Array[] {
  const iterations = Math.max(1, Math.floor(options.iterations ?? 1000));
  const n = series[0]?.sums.length ?? 0;
  const count = series.length;
  // One flat, monomorphic matrix per side keeps the hot loop free of polymorphic array access.
  const sums = new Float64Array(count * n);
  const counts = new Float64Array(count * n);
  series.forEach((s, k) => {
    sums.set(s.sums, k * n);
    counts.set(s.counts, k * n);
  });
  const full = series.map((s) => ratioOf(s));
  const stats = series.map(() => new Float64Array(iterations));
  const random = createRandom(options.seed ?? 1);
  const weights = new Int32Array(n);
  for (let it = 0; it < iterations; it++) {
    drawWeights(random, weights);
    for (let k = 0; k < count; k++) {
      const base = k * n;
      let numerator = 0;
      let denominator = 0;
      for (let i = 0; i < n; i++) {
        const w = weights[i] as number;
        numerator += w * (sums[base + i] as number);
        denominator += w * (counts[base + i] as number);
      }
      stats[k]![it] = denominator > 0 ? numerator / denominator : (full[k] as number);
    }
  }
  return stats;
}

/** The percentile interval of bootstrap statistics at a confidence level (sorts `stats` in place). */
export function percentileInterval(stats: Float64Array, level = 0.95): Interval {
  const alpha = (1 - level) / 2;
  stats.sort();
  return { low: percentileSorted(stats, alpha), high: percentileSorted(stats, 1 - alpha) };
}

/**
 * Two-sided bootstrap p-value of "the statistic is 0": twice the share of resamples on the far
 * side of 0, with the usual +1 correction so a finite bootstrap never reports exactly 0.
 */
export function bootstrapPValue(stats: ArrayLike<number>): number {
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (let i = 0; i < stats.length; i++) {
    const value = stats[i] as number;
    if (value <= 0) atOrBelow++;
    if (value >= 0) atOrAbove++;
  }
  return Math.min(1, (2 * (Math.min(atOrBelow, atOrAbove) + 1)) / (stats.length + 1));
}

/**
 * Percentile bootstrap interval of a ratio of sums over resampled units; with per-case sums and
 * sample counts this is the cluster bootstrap of the overall mean. Empty input gives [NaN, NaN].
 */
export function bootstrapRatioInterval(
  sums: ArrayLike<number>,
  counts: ArrayLike<number>,
  options: BootstrapOptions = {},
): Interval {
  if (sums.length === 0) return { low: Number.NaN, high: Number.NaN };
  const [stats] = bootstrapRatios([{ sums, counts }], options);
  return percentileInterval(stats as Float64Array, options.level);
}

/** Percentile bootstrap interval of the mean of `values`. Empty input gives [NaN, NaN]. */
export function bootstrapMeanInterval(values: ArrayLike<number>, options: BootstrapOptions = {}): Interval {
  return bootstrapRatioInterval(values, new Float64Array(values.length).fill(1), options);
}

/**
 * Paired bootstrap of the mean difference `a[i] − b[i]` (same cases, same order): resamples
 * cases, not models, so case difficulty cancels out.
 */
export function pairedBootstrap(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  options: BootstrapOptions = {},
): PairedBootstrap {
  const n = Math.min(a.length, b.length);
  if (n === 0) return { meanDiff: 0, low: 0, high: 0, p: 1 };
  const diffs = Float64Array.from({ length: n }, (_, i) => (a[i] as number) - (b[i] as number));
  const series = { sums: diffs, counts: new Float64Array(n).fill(1) };
  const [stats] = bootstrapRatios([series], options);
  return {
    meanDiff: ratioOf(series),
    ...percentileInterval(stats as Float64Array, options.level),
    p: bootstrapPValue(stats as Float64Array),
  };
}
