import type { RunEstimate } from '../../../src/core/cost/estimate-schema.ts';
import type { RunSummary } from '../../../src/core/stats/summary-schema.ts';
import type { BudgetView, RunView } from '../../../src/core/use-cases/hub.ts';

/** A run as the hub returns it; override what a test is about. */
export function runView(overrides: Partial<RunView> = {}): RunView {
  return {
    id: 'run123',
    shareId: 'share123',
    reportUrl: 'https://bench.example.com/r/share123',
    benchmark: 'arithmetic',
    version: 2,
    status: 'running',
    models: ['demo:smart', 'demo:fast'],
    samples: 1,
    counts: { total: 40, done: 10, errors: 1, cached: 0 },
    costUsd: 0.0123,
    estimate: null,
    summary: null,
    simulated: false,
    message: '',
    requestedBy: 'U1',
    chat: null,
    createdAt: new Date('2026-12-04T10:00:00Z'),
    startedAt: new Date('2026-12-04T10:00:05Z'),
    finishedAt: null,
    confirmationExpiresAt: null,
    ...overrides,
  };
}

function model(name: string, passRate: number, meanScore: number, costUsd: number): RunSummary['models'][number] {
  return {
    model: name,
    n: 20,
    cases: 20,
    passes: Math.round(passRate * 20),
    passRate,
    passCi: { low: passRate - 0.2, high: Math.min(1, passRate + 0.1) },
    meanScore,
    scoreCi: { low: meanScore - 0.1, high: meanScore + 0.1 },
    errors: 0,
    cached: 0,
    costUsd,
    costPerPass: costUsd / 20,
    latencyP50: 312,
    latencyP95: 700,
    promptTokens: 1000,
    completionTokens: 200,
    byTag: [],
  };
}

/** Two models, the first clearly better. */
export function summary(significant = true): RunSummary {
  return {
    models: [model('demo:fast', 0.65, 0.65, 0.002), model('demo:smart', 0.9, 0.9, 0.01)],
    ranking: ['demo:smart', 'demo:fast'],
    pairwise: [
      {
        a: 'demo:smart',
        b: 'demo:fast',
        wins: 6,
        ties: 13,
        losses: 1,
        mcnemarP: significant ? 0.0125 : 0.4,
        scoreDiff: 0.25,
        scoreDiffLow: 0.05,
        scoreDiffHigh: 0.45,
        bootstrapP: significant ? 0.02 : 0.3,
        significant,
      },
    ],
    totals: { results: 40, errors: 0, costUsd: 0.012, cached: 0 },
  };
}

/** An estimate of `run` with one priced and one unknown model. */
export function estimate(): RunEstimate {
  const priced = {
    model: 'openai/gpt-4o-mini',
    calls: 20,
    promptTokens: 2000,
    expectedCompletionTokens: 400,
    worstCompletionTokens: 20480,
    expectedUsd: 0.00054,
    worstUsd: 0.0126,
    priced: true,
  };
  return {
    cases: 20,
    samples: 1,
    models: [priced, { ...priced, model: 'acme/secret', expectedUsd: 0, worstUsd: 0, priced: false }],
    judge: [],
    unknownModels: ['acme/secret'],
    complete: false,
    calls: 40,
    expectedUsd: 0.00054,
    worstUsd: 0.0126,
    catalogFetchedAt: '2026-12-01T00:00:00Z',
  };
}

export function budget(overrides: Partial<BudgetView> = {}): BudgetView {
  return {
    month: '2026-12',
    monthlyBudgetUsd: 10,
    spentUsd: 9.995,
    remainingUsd: 0.005,
    confirmThresholdUsd: 0.5,
    defaultModels: [],
    isAdmin: false,
    ...overrides,
  };
}
