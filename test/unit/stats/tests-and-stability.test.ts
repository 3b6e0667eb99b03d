import { describe, expect, it } from 'vitest';
import { mcnemarExact } from '../../../src/core/stats/mcnemar.ts';
import { passAtK, passHatK } from '../../../src/core/stats/pass-at-k.ts';

describe('mcnemarExact', () => {
  it('matches the hand-computed exact p-value for b=1, c=9', () => {
    // 2 · (C(10,0) + C(10,1)) / 2^10 = 22 / 1024
    expect(mcnemarExact(1, 9)).toBeCloseTo(22 / 1024, 10);
    expect(mcnemarExact(9, 1)).toBeCloseTo(0.02148, 5);
  });

  it('gives 1 without discordant cases or with a balanced split', () => {
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(5, 5)).toBe(1);
  });

  it('stays finite and accurate for thousands of discordant cases', () => {
    const balanced = mcnemarExact(5000, 5000);
    expect(balanced).toBe(1);
    const lopsided = mcnemarExact(4000, 6000);
    expect(lopsided).toBeGreaterThan(0);
    expect(lopsided).toBeLessThan(1e-80);
    // Normal approximation for 4,950 vs 5,050: z = 100 / sqrt(10,000) = 1, two-sided p ≈ 0.32.
    const mild = mcnemarExact(4950, 5050);
    expect(mild).toBeGreaterThan(0.3);
    expect(mild).toBeLessThan(0.35);
  });
});

describe('pass@k and pass^k', () => {
  it('matches the hand-computed values for n=5, c=2, k=2', () => {
    // 1 − C(3,2)/C(5,2) = 1 − 3/10
    expect(passAtK(5, 2, 2)).toBeCloseTo(0.7, 12);
    // C(2,2)/C(5,2) = 1/10
    expect(passHatK(5, 2, 2)).toBeCloseTo(0.1, 12);
  });

  it('reduces to c/n at k = 1', () => {
    for (let n = 1; n <= 20; n++) {
      for (let c = 0; c <= n; c++) {
        expect(passAtK(n, c, 1)).toBeCloseTo(c / n, 12);
        expect(passHatK(n, c, 1)).toBeCloseTo(c / n, 12);
      }
    }
  });

  it('handles the edges: everything passes, nothing passes, k = n, large n', () => {
    expect(passAtK(10, 10, 3)).toBe(1);
    expect(passAtK(10, 0, 3)).toBe(0);
    expect(passHatK(10, 2, 3)).toBe(0);
    expect(passAtK(5, 1, 5)).toBe(1);
    expect(passHatK(5, 5, 5)).toBe(1);
    expect(passAtK(2000, 1000, 100)).toBeCloseTo(1, 12);
    expect(passAtK(3, 1, 4)).toBeNaN();
  });

  it('is monotone in k: pass@k grows and pass^k shrinks', () => {
    for (let k = 1; k < 10; k++) {
      expect(passAtK(10, 3, k + 1)).toBeGreaterThanOrEqual(passAtK(10, 3, k));
      expect(passHatK(10, 7, k + 1)).toBeLessThanOrEqual(passHatK(10, 7, k));
    }
  });
});
