import { bootstrapPValue, bootstrapRatios, percentileInterval, type RatioSeries } from './bootstrap.ts';
import { mcnemarExact } from './mcnemar.ts';
import { passAtK, passHatK } from './pass-at-k.ts';
import { percentileSorted } from './percentile.ts';
import type { ModelSummary, Pairwise, ResultRow, RunSummary } from './summary-schema.ts';
import { wilsonInterval } from './wilson.ts';

export type { ModelSummary, Pairwise, ResultRow, RunSummary } from './summary-schema.ts';
export { ModelSummarySchema, PairwiseSchema, ResultRowSchema, RunSummarySchema } from './summary-schema.ts';

/** Input of {@link summarizeRun}. */
export interface SummarizeInput {
  /** Models of the run, in the order to report them; models seen only in results are appended. */
  models: string[];
  /** Samples per case the run asked for (the k of pass@k). */
  samples: number;
  results: readonly ResultRow[];
  /** Bootstrap seed (default 1): the same results always give the same intervals. */
  seed?: number;
  /** Bootstrap resamples per interval (default 1000). */
  bootstrapIterations?: number;
}

/** Per-model accumulators over a shared case index, in typed arrays so 100,000 rows stay cheap. */
interface Tally {
  n: number;
  passes: number;
  scoreSum: number;
  errors: number;
  cached: number;
  costUsd: number;
  promptTokens: number;
  completionTokens: number;
  latencies: number[];
  caseScore: Float64Array;
  caseCount: Int32Array;
  casePasses: Int32Array;
  tags: Map<string, { n: number; passes: number; scoreSum: number }>;
}

function newTally(caseCount: number): Tally {
  return {
    n: 0,
    passes: 0,
    scoreSum: 0,
    errors: 0,
    cached: 0,
    costUsd: 0,
    promptTokens: 0,
    completionTokens: 0,
    latencies: [],
    caseScore: new Float64Array(caseCount),
    caseCount: new Int32Array(caseCount),
    casePasses: new Int32Array(caseCount),
    tags: new Map(),
  };
}

function indexCases(results: readonly ResultRow[]): Map<string, number> {
  const index = new Map<string, number>();
  for (const row of results) if (!index.has(row.caseId)) index.set(row.caseId, index.size);
  return index;
}

function tallyResults(models: string[], results: readonly ResultRow[]) {
  const caseIndex = indexCases(results);
  const modelIndex = new Map<string, number>();
  for (const model of models) if (!modelIndex.has(model)) modelIndex.set(model, modelIndex.size);
  for (const row of results) if (!modelIndex.has(row.model)) modelIndex.set(row.model, modelIndex.size);
  const tallies = [...modelIndex.keys()].map(() => newTally(caseIndex.size));
  for (const row of results) {
    const t = tallies[modelIndex.get(row.model) as number] as Tally;
    t.costUsd += row.costUsd;
    t.promptTokens += row.promptTokens;
    t.completionTokens += row.completionTokens;
    if (row.cached) t.cached++;
    // A failed call has no answer: it is counted as an error, not scored as a wrong answer.
    if (row.error !== null) {
      t.errors++;
      continue;
    }
    if (!row.cached) t.latencies.push(row.latencyMs);
    const c = caseIndex.get(row.caseId) as number;
    t.n++;
    t.scoreSum += row.score;
    t.caseScore[c]! += row.score;
    t.caseCount[c]!++;
    if (row.pass) {
      t.passes++;
      t.casePasses[c]!++;
    }
    for (const tag of row.tags) {
      const entry = t.tags.get(tag) ?? { n: 0, passes: 0, scoreSum: 0 };
      entry.n++;
      entry.scoreSum += row.score;
      if (row.pass) entry.passes++;
      t.tags.set(tag, entry);
    }
  }
  return { models: [...modelIndex.keys()], tallies };
}

function stabilityOf(t: Tally, k: number): ModelSummary['passAtK'] {
  let cases = 0;
  let atK = 0;
  let hatK = 0;
  for (let c = 0; c < t.caseCount.length; c++) {
    const n = t.caseCount[c] as number;
    if (n < k) continue;
    cases++;
    atK += passAtK(n, t.casePasses[c] as number, k);
    hatK += passHatK(n, t.casePasses[c] as number, k);
  }
  return cases > 0 ? { k, passAtK: atK / cases, passHatK: hatK / cases } : undefined;
}

function summarizeModel(model: string, t: Tally, samples: number, scoreStats: Float64Array) {
  let answered = 0;
  for (let c = 0; c < t.caseCount.length; c++) if ((t.caseCount[c] as number) > 0) answered++;
  // With no answer nothing is known about the score: the whole range, like Wilson at n = 0.
  const scoreCi = t.n > 0 ? percentileInterval(scoreStats) : { low: 0, high: 1 };
  const latencies = Float64Array.from(t.latencies).sort();
  const passAtKEntry = samples > 1 ? stabilityOf(t, samples) : undefined;
  const summary: ModelSummary = {
    model,
    n: t.n,
    cases: answered,
    passes: t.passes,
    passRate: t.n > 0 ? t.passes / t.n : 0,
    passCi: wilsonInterval(t.passes, t.n),
    meanScore: t.n > 0 ? t.scoreSum / t.n : 0,
    scoreCi,
    errors: t.errors,
    cached: t.cached,
    costUsd: t.costUsd,
    costPerPass: t.passes > 0 ? t.costUsd / t.passes : null,
    latencyP50: latencies.length > 0 ? percentileSorted(latencies, 0.5) : null,
    latencyP95: latencies.length > 0 ? percentileSorted(latencies, 0.95) : null,
    promptTokens: t.promptTokens,
    completionTokens: t.completionTokens,
    byTag: [...t.tags.entries()]
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([tag, e]) => ({ tag, n: e.n, passRate: e.passes / e.n, meanScore: e.scoreSum / e.n })),
  };
  if (passAtKEntry) summary.passAtK = passAtKEntry;
  return summary;
}

/**
 * Per-case outcomes of two models on the cases both answered (samples averaged per case), and the
 * per-case score differences as a bootstrap series (count 0 where either did not answer).
 */
function comparePair(a: Tally, b: Tally) {
  const caseCount = a.caseCount.length;
  const sums = new Float64Array(caseCount);
  const counts = new Float64Array(caseCount);
  const diff: RatioSeries = { sums, counts };
  let wins = 0;
  let ties = 0;
  let losses = 0;
  let onlyA = 0;
  let onlyB = 0;
  let common = 0;
  let total = 0;
  for (let c = 0; c < caseCount; c++) {
    const na = a.caseCount[c] as number;
    const nb = b.caseCount[c] as number;
    if (na === 0 || nb === 0) continue;
    const d = (a.caseScore[c] as number) / na - (b.caseScore[c] as number) / nb;
    sums[c] = d;
    counts[c] = 1;
    common++;
    total += d;
    // Averages of equal scores can differ in the last bit; that is a tie, not a win.
    if (Math.abs(d) <= 1e-9) ties++;
    else if (d > 0) wins++;
    else losses++;
    const passA = 2 * (a.casePasses[c] as number) >= na;
    const passB = 2 * (b.casePasses[c] as number) >= nb;
    if (passA && !passB) onlyA++;
    else if (passB && !passA) onlyB++;
  }
  return {
    wins,
    ties,
    losses,
    mcnemarP: mcnemarExact(onlyA, onlyB),
    common,
    scoreDiff: common > 0 ? total / common : 0,
    diff,
  };
}

/** Shared cases below which the paired bootstrap gives no p-value (reported as 1). */
export const MIN_CASES_FOR_BOOTSTRAP_P = 10;

/**
 * Statistics of a run for result cards and reports: per-model pass rates with Wilson intervals,
 * mean scores with case-level bootstrap intervals, cost, latency, tokens, stability and tags;
 * a ranking; and, for every pair of models, wins/ties/losses with exact McNemar and paired
 * bootstrap significance on the cases both answered. Results of failed calls count as errors
 * and are left out of pass rates and scores. Deterministic for a given seed.
 */
export function summarizeRun(input: SummarizeInput): RunSummary {
  const { models, tallies } = tallyResults(input.models, input.results);
  const pairs: { i: number; j: number; outcome: ReturnType<typeof comparePair> }[] = [];
  for (let i = 0; i < models.length; i++) {
    for (let j = i + 1; j < models.length; j++) {
      pairs.push({ i, j, outcome: comparePair(tallies[i] as Tally, tallies[j] as Tally) });
    }
  }
  // One shared case resample per iteration serves every model interval and every pair.
  const stats = bootstrapRatios(
    [...tallies.map((t) => ({ sums: t.caseScore, counts: t.caseCount })), ...pairs.map((p) => p.outcome.diff)],
    { iterations: input.bootstrapIterations ?? 1000, seed: input.seed ?? 1 },
  );
  const summaries = models.map((model, i) =>
    summarizeModel(model, tallies[i] as Tally, input.samples, stats[i] as Float64Array),
  );
  const pairwise: Pairwise[] = pairs.map(({ i, j, outcome }, p) => {
    const diffStats = stats[models.length + p] as Float64Array;
    const { low, high } = outcome.common > 0 ? percentileInterval(diffStats) : { low: 0, high: 0 };
    // With few shared cases every resample is alike and the bootstrap claims certainty it lacks.
    const bootstrapP = outcome.common >= MIN_CASES_FOR_BOOTSTRAP_P ? bootstrapPValue(diffStats) : 1;
    return {
      a: models[i] as string,
      b: models[j] as string,
      wins: outcome.wins,
      ties: outcome.ties,
      losses: outcome.losses,
      mcnemarP: outcome.mcnemarP,
      scoreDiff: outcome.scoreDiff,
      scoreDiffLow: low,
      scoreDiffHigh: high,
      bootstrapP,
      significant: outcome.mcnemarP < 0.05 || bootstrapP < 0.05,
    };
  });
  const ranking = summaries
    .map((s, order) => ({ s, order }))
    .sort((x, y) => y.s.passRate - x.s.passRate || y.s.meanScore - x.s.meanScore || x.order - y.order)
    .map(({ s }) => s.model);
  return {
    models: summaries,
    ranking,
    pairwise,
    totals: {
      results: input.results.length,
      errors: summaries.reduce((sum, s) => sum + s.errors, 0),
      costUsd: summaries.reduce((sum, s) => sum + s.costUsd, 0),
      cached: summaries.reduce((sum, s) => sum + s.cached, 0),
    },
  };
}
