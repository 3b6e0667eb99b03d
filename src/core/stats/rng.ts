/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/**
 * Mulberry32: a tiny, fast 32-bit PRNG. Statistics use it instead of `Math.random` so a bootstrap
 * interval is the same every time the same results are summarised (reports must not flicker).
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
