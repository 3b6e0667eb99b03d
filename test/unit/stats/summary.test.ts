import { describe, expect, it } from 'vitest';
import { type ResultRow, RunSummarySchema, summarizeRun } from '../../../src/core/stats/summary.ts';

function row(overrides: Partial<ResultRow> & Pick<ResultRow, 'caseId' | 'model'>): ResultRow {
  return {
    sample: 0,
    score: 0,
    pass: false,
    costUsd: 0,
    latencyMs: 100,
    cached: false,
    error: null,
    tags: [],
    promptTokens: 10,
    completionTokens: 5,
    ...overrides,
  };
}

/** `marks` per case: one letter per sample, P = pass (score 1), F = fail (score 0), E = call error. */
function rows(model: string, marks: string[], extra: Partial<ResultRow> = {}): ResultRow[] {
  return marks.flatMap((samples, c) =>
    [...samples].map((mark, sample) =>
      row({
        caseId: `case-${c}`,
        model,
        sample,
        score: mark === 'P' ? 1 : 0,
        pass: mark === 'P',
        error: mark === 'E' ? 'timeout' : null,
        costUsd: 0.001,
        tags: [c % 2 === 0 ? 'even' : 'odd'],
        ...extra,
      }),
    ),
  );
}

describe('summarizeRun', () => {
  it('reports per-model counts, rates, intervals, cost, tokens and tags', () => {
    const results = [...rows('m1', ['PP', 'PF', 'FF', 'PE']), ...rows('m2', ['FF', 'FF', 'FF', 'FF'])];
    const summary = summarizeRun({ models: ['m1', 'm2'], samples: 2, results });
    expect(RunSummarySchema.parse(summary)).toEqual(summary);
    const m1 = summary.models[0]!;
    expect(m1).toMatchObject({
      model: 'm1',
      n: 7,
      cases: 4,
      passes: 4,
      errors: 1,
      cached: 0,
      promptTokens: 80,
      completionTokens: 40,
    });
    expect(m1.passRate).toBeCloseTo(4 / 7, 12);
    expect(m1.meanScore).toBeCloseTo(4 / 7, 12);
    expect(m1.costUsd).toBeCloseTo(0.008, 12);
    expect(m1.costPerPass).toBeCloseTo(0.002, 12);
    expect(m1.passCi.low).toBeLessThan(m1.passRate);
    expect(m1.passCi.high).toBeGreaterThan(m1.passRate);
    expect(m1.scoreCi.low).toBeLessThanOrEqual(m1.meanScore);
    expect(m1.scoreCi.high).toBeGreaterThanOrEqual(m1.meanScore);
    expect(m1.latencyP50).toBe(100);
    // Stability over the three cases with both samples scored: pass@2 = 2/3, pass^2 = 1/3.
    expect(m1.passAtK?.k).toBe(2);
    expect(m1.passAtK?.passAtK).toBeCloseTo(2 / 3, 12);
    expect(m1.passAtK?.passHatK).toBeCloseTo(1 / 3, 12);
    expect(m1.byTag).toEqual([
      { tag: 'even', n: 4, passRate: 0.5, meanScore: 0.5 },
      { tag: 'odd', n: 3, passRate: 2 / 3, meanScore: 2 / 3 },
    ]);
    const m2 = summary.models[1]!;
    expect(m2.costPerPass).toBeNull();
    expect(m2.passRate).toBe(0);
    expect(summary.ranking).toEqual(['m1', 'm2']);
    expect(summary.totals).toEqual({ results: 16, errors: 1, costUsd: expect.closeTo(0.016, 12), cached: 0 });
  });

  it('compares models on the cases both answered, with McNemar and a paired bootstrap', () => {
    // a passes 12 cases b fails, b passes 1 case a fails, 7 cases tie.
    const marksA = [...'P'.repeat(12), 'F', ...'PPPFFFF'];
    const marksB = [...'F'.repeat(12), 'P', ...'PPPFFFF'];
    const summary = summarizeRun({
      models: ['a', 'b'],
      samples: 1,
      results: [
        ...rows('a', marksA),
        ...rows('b', marksB),
        row({ caseId: 'only-a', model: 'a', score: 1, pass: true }),
      ],
    });
    const [pair] = summary.pairwise;
    expect(pair).toMatchObject({ a: 'a', b: 'b', wins: 12, ties: 7, losses: 1, significant: true });
    // Exact McNemar, b = 12, c = 1: 2 · (1 + 13) / 2^13.
    expect(pair!.mcnemarP).toBeCloseTo(28 / 8192, 10);
    expect(pair!.scoreDiff).toBeCloseTo(11 / 20, 12);
    expect(pair!.scoreDiffLow).toBeGreaterThan(0);
    expect(pair!.bootstrapP).toBeLessThan(0.05);
    expect(summary.models[0]?.cases).toBe(21);
    expect(summary.models[0]?.passAtK).toBeUndefined();
  });

  it('does not call a difference significant between identical models', () => {
    const marks = ['P', 'F', 'P', 'P', 'F', 'P'];
    const summary = summarizeRun({
      models: ['x', 'y'],
      samples: 1,
      results: [...rows('x', marks), ...rows('y', marks)],
    });
    expect(summary.pairwise[0]).toMatchObject({ wins: 0, ties: 6, losses: 0, mcnemarP: 1, bootstrapP: 1 });
    expect(summary.pairwise[0]?.significant).toBe(false);
  });

  it('leaves cached and failed calls out of latency, and reports models without answers', () => {
    const results = [
      row({ caseId: 'c1', model: 'm', latencyMs: 200 }),
      row({ caseId: 'c2', model: 'm', latencyMs: 400 }),
      row({ caseId: 'c3', model: 'm', latencyMs: 0, cached: true }),
      row({ caseId: 'c4', model: 'm', latencyMs: 60_000, error: 'timeout' }),
      row({ caseId: 'c1', model: 'broken', error: 'auth' }),
    ];
    const summary = summarizeRun({ models: ['m', 'broken', 'idle'], samples: 1, results });
    const [m, broken, idle] = summary.models;
    expect(m?.latencyP50).toBe(300);
    expect(m?.latencyP95).toBe(390);
    expect(m?.cached).toBe(1);
    expect(broken).toMatchObject({ n: 0, errors: 1, passRate: 0, passCi: { low: 0, high: 1 }, latencyP50: null });
    expect(idle).toMatchObject({ n: 0, cases: 0, errors: 0, scoreCi: { low: 0, high: 1 } });
    expect(summary.pairwise).toHaveLength(3);
    expect(RunSummarySchema.safeParse(summary).success).toBe(true);
  });

  it('ranks by pass rate, then mean score, and appends models seen only in results', () => {
    const results = [
      row({ caseId: 'c', model: 'low', score: 0.2 }),
      row({ caseId: 'c', model: 'high', score: 0.9 }),
      row({ caseId: 'c', model: 'winner', score: 1, pass: true }),
      row({ caseId: 'c', model: 'stray', score: 0.5 }),
    ];
    const summary = summarizeRun({ models: ['low', 'high', 'winner'], samples: 1, results });
    expect(summary.models.map((m) => m.model)).toEqual(['low', 'high', 'winner', 'stray']);
    expect(summary.ranking).toEqual(['winner', 'high', 'stray', 'low']);
  });

  it('gives the same intervals for the same seed', () => {
    const results = rows('m', ['PF', 'PP', 'FF', 'PF', 'PP']);
    const one = summarizeRun({ models: ['m'], samples: 2, results, seed: 9 });
    expect(summarizeRun({ models: ['m'], samples: 2, results, seed: 9 })).toEqual(one);
  });
});

describe('significance with few cases', () => {
  it('does not call a two-case difference significant', () => {
    const row = (caseId: string, model: string, pass: boolean) => ({
      caseId,
      model,
      sample: 0,
      score: pass ? 1 : 0,
      pass,
      costUsd: 0,
      latencyMs: 10,
      cached: false,
      error: null,
      tags: [],
      promptTokens: 1,
      completionTokens: 1,
    });
    const results = ['c1', 'c2'].flatMap((id) => [row(id, 'a', true), row(id, 'b', false)]);
    const summary = summarizeRun({ models: ['a', 'b'], samples: 1, results });
    expect(summary.pairwise[0]).toMatchObject({ wins: 2, bootstrapP: 1, significant: false });
  });
});
