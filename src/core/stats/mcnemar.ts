/** log(a + b) from log a and log b without overflow. */
function logAdd(logA: number, logB: number): number {
  if (logA === Number.NEGATIVE_INFINITY) return logB;
  const hi = Math.max(logA, logB);
  return hi + Math.log1p(Math.exp(Math.min(logA, logB) - hi));
}

/**
 * Exact two-sided McNemar test from the discordant pair counts: `b` cases only the first model
 * passed, `c` cases only the second passed. Under the null each discordant case is a fair coin,
 * so p = 2 · P(X ≤ min(b, c)) for X ~ Binomial(b + c, 1/2), capped at 1. The binomial terms are
 * summed in log space so thousands of discordant cases neither overflow nor underflow.
 */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  if (n === 0) return 1;
  const k = Math.min(b, c);
  const logHalfPowN = -n * Math.LN2;
  let logChoose = 0;
  let logSum = logChoose + logHalfPowN;
  for (let i = 0; i < k; i++) {
    logChoose += Math.log(n - i) - Math.log(i + 1);
    logSum = logAdd(logSum, logChoose + logHalfPowN);
  }
  return Math.min(1, 2 * Math.exp(logSum));
}
