import { describe, expect, it } from 'vitest';
import { fitBradleyTerry } from '../../../src/core/stats/bradley-terry.ts';
import { buildLeaderboard } from '../../../src/core/stats/leaderboard.ts';

// Strengths 4 : 2 : 1 predict A beats B 2/3, B beats C 2/3, A beats C 4/5. With exactly those
// win shares the likelihood equations hold at γ = (4, 2, 1) (A: 44 wins = 30·4/6 + 30·4/5), so the
// maximum-likelihood ratings are 400·log10(4, 2, 1) centred on 1000: 1120.41, 1000, 879.59.
const consistent = [
  { a: 'A', b: 'B', winsA: 20, winsB: 10, ties: 0 },
  { a: 'B', b: 'C', winsA: 20, winsB: 10, ties: 0 },
  { a: 'A', b: 'C', winsA: 24, winsB: 6, ties: 0 },
];

describe('fitBradleyTerry', () => {
  it('recovers the hand-computed maximum-likelihood ratings of a 3-model fit', () => {
    const { ratings } = fitBradleyTerry(consistent, { prior: 0, iterations: 0 });
    expect(ratings.map((r) => r.model)).toEqual(['A', 'B', 'C']);
    expect(ratings[0]?.rating).toBeCloseTo(1120.41, 1);
    expect(ratings[1]?.rating).toBeCloseTo(1000, 1);
    expect(ratings[2]?.rating).toBeCloseTo(879.59, 1);
  });

  it('keeps the ranking with the default prior, shrinking slightly towards the mean', () => {
    const { ratings } = fitBradleyTerry(consistent);
    expect(ratings.map((r) => r.model)).toEqual(['A', 'B', 'C']);
    const [a, b, c] = ratings;
    expect(a!.rating).toBeLessThan(1120.41);
    expect(a!.rating).toBeGreaterThan(1110);
    expect(c!.rating).toBeGreaterThan(879.59);
    expect(b!.rating).toBeCloseTo(1000, 3);
    for (const r of ratings) {
      expect(r.low).toBeLessThan(r.rating);
      expect(r.high).toBeGreaterThan(r.rating);
    }
    expect(ratings.reduce((s, r) => s + r.rating, 0) / 3).toBeCloseTo(1000, 6);
  });

  it('counts ties as half wins', () => {
    const tiesOnly = fitBradleyTerry([{ a: 'X', b: 'Y', winsA: 0, winsB: 0, ties: 10 }], { iterations: 0 });
    expect(tiesOnly.ratings.map((r) => r.rating)).toEqual([1000, 1000]);
    // 3 wins + 2 ties = 4 of 6 for X, i.e. odds 2 : 1 → 400·log10(2) apart with no prior.
    const { ratings } = fitBradleyTerry([{ a: 'X', b: 'Y', winsA: 3, winsB: 1, ties: 2 }], {
      prior: 0,
      iterations: 0,
    });
    expect(ratings[0]!.rating - ratings[1]!.rating).toBeCloseTo(400 * Math.log10(2), 6);
  });

  it('keeps an undefeated model finite and is reproducible with a seed', () => {
    const games = [
      { a: 'champ', b: 'mid', winsA: 30, winsB: 0, ties: 0 },
      { a: 'mid', b: 'low', winsA: 20, winsB: 10, ties: 0 },
    ];
    const first = fitBradleyTerry(games, { seed: 5 });
    for (const r of first.ratings) {
      expect(Number.isFinite(r.rating)).toBe(true);
      expect(Number.isFinite(r.low)).toBe(true);
      expect(Number.isFinite(r.high)).toBe(true);
    }
    expect(first.ratings[0]?.model).toBe('champ');
    expect(fitBradleyTerry(games, { seed: 5 })).toEqual(first);
  });
});

describe('buildLeaderboard', () => {
  it('turns per-case scores of several runs into ratings and run counts', () => {
    const run = (models: string[], scores: Record<string, number[]>) => ({
      models,
      perCase: Object.entries(scores).flatMap(([model, values]) =>
        values.map((score, i) => ({ caseId: `c${i}`, model, score })),
      ),
    });
    const { ratings } = buildLeaderboard([
      run(['strong', 'weak'], { strong: [1, 1, 1, 0.5, 1, 1], weak: [0, 1, 0, 0.5, 0, 0] }),
      run(['weak', 'newcomer'], { weak: [1, 0, 0, 0], newcomer: [1, 1, 1, 1] }),
      run(['strong', 'absent'], { strong: [1, 1] }),
    ]);
    expect(ratings.map((r) => r.model)).toEqual(['newcomer', 'strong', 'weak']);
    expect(Object.fromEntries(ratings.map((r) => [r.model, r.runs]))).toEqual({ strong: 2, weak: 2, newcomer: 1 });
  });

  it('averages samples of one case before comparing', () => {
    const { ratings } = buildLeaderboard(
      [
        {
          models: ['a', 'b'],
          perCase: [
            { caseId: 'q', model: 'a', score: 1 },
            { caseId: 'q', model: 'a', score: 0 },
            { caseId: 'q', model: 'b', score: 0.5 },
          ],
        },
      ],
      { iterations: 0 },
    );
    expect(ratings.map((r) => r.rating)).toEqual([1000, 1000]);
  });
});
