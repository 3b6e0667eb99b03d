/** A two-sided confidence interval. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson score interval for a binomial proportion. Unlike the normal approximation it stays
 * inside [0, 1] and behaves at 0 and n successes, which small benchmarks hit all the time.
 * With no trials nothing is known, so the interval is the whole range.
 */
export function wilsonInterval(successes: number, n: number, z = 1.96): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
