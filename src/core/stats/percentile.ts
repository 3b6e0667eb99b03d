/**
 * Percentile `p` (0..1) of values already sorted ascending, by linear interpolation between the
 * closest ranks (the common "type 7" definition used by NumPy and spreadsheets). NaN when empty.
 */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/** Percentile `p` (0..1) of unsorted values; see {@link percentileSorted}. */
export function percentile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  return percentileSorted(sorted, p);
}
