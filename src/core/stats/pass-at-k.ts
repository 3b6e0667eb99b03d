/**
 * Unbiased pass@k (Chen et al. 2021): the chance that at least one of k samples drawn without
 * replacement from n attempts with c passes passes, 1 − C(n−c, k)/C(n, k). Computed as a
 * product of ratios, which stays exact-ish where the binomials themselves would overflow.
 */
export function passAtK(n: number, c: number, k: number): number {
  if (k <= 0 || n <= 0 || k > n) return Number.NaN;
  if (n - c < k) return 1;
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i++) allFail *= 1 - k / i;
  return 1 - allFail;
}

/** pass^k: the chance that all k samples drawn without replacement pass, C(c, k)/C(n, k). */
export function passHatK(n: number, c: number, k: number): number {
  if (k <= 0 || n <= 0 || k > n) return Number.NaN;
  if (c < k) return 0;
  let all = 1;
  for (let i = 0; i < k; i++) all *= (c - i) / (n - i);
  return all;
}
