/** Above this many DP cells an exact answer costs too much for a scorer on a worker's hot path. */
export const MAX_DP_CELLS = 40_000_000;

/** Levenshtein distance over code points, two rows of memory; undefined when too costly. */
export function levenshteinDistance(a: string, b: string): number | undefined {
  const left = Array.from(a);
  const right = Array.from(b);
  if (left.length === 0) return right.length;
  if (right.length === 0) return left.length;
  const [long, short] = left.length >= right.length ? [left, right] : [right, left];
  if (long.length * short.length > MAX_DP_CELLS) return undefined;
  let previous = new Uint32Array(short.length + 1).map((_, i) => i);
  let current = new Uint32Array(short.length + 1);
  for (let i = 1; i <= long.length; i++) {
    current[0] = i;
    const char = long[i - 1];
    for (let j = 1; j <= short.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (short[j - 1] === char ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[short.length] ?? 0;
}

/** Length of the longest common subsequence of two token lists; undefined when too costly. */
export function lcsLength(a: readonly string[], b: readonly string[]): number | undefined {
  if (a.length === 0 || b.length === 0) return 0;
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  if (long.length * short.length > MAX_DP_CELLS) return undefined;
  let previous = new Uint32Array(short.length + 1);
  let current = new Uint32Array(short.length + 1);
  for (const token of long) {
    for (let j = 1; j <= short.length; j++) {
      current[j] =
        short[j - 1] === token ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, current[j - 1] ?? 0);
    }
    [previous, current] = [current, previous];
  }
  return previous[short.length] ?? 0;
}
