import { percentileSorted } from './percentile.ts';
import { createRandom } from './rng.ts';

/** Aggregated head-to-head outcomes of two models. */
export interface Comparison {
  a: string;
  b: string;
  winsA: number;
  winsB: number;
  ties: number;
}

/** Options of {@link fitBradleyTerry}. */
export interface BradleyTerryOptions {
  /**
   * Weight of the prior: every model is taken to have played this many games against an average
   * (strength 1) opponent and won half of them. It keeps an undefeated or winless model finite and
   * pulls thinly compared models towards the middle. 0 gives the plain maximum-likelihood fit.
   * Default 1.
   */
  prior?: number;
  /** Bootstrap resamples for the intervals (default 200; 0 skips them and gives low = high = rating). */
  iterations?: number;
  /** PRNG seed of the bootstrap (default 1). */
  seed?: number;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
  /** Models to rate even if they appear in no comparison (they get the prior's average rating). */
  models?: string[];
}

export interface Rating {
  model: string;
  rating: number;
  low: number;
  high: number;
}

const MAX_ITERATIONS = 5000;
const TOLERANCE = 1e-9;

interface PairTable {
  first: Int32Array;
  second: Int32Array;
  /** Wins of `first` with ties as half wins. */
  winsFirst: Float64Array;
  winsSecond: Float64Array;
}

/**
 * Minorisation–maximisation (Hunter 2004): γᵢ ← Wᵢ / Σⱼ nᵢⱼ / (γᵢ + γⱼ), which increases the
 * likelihood at every step. The prior is a virtual opponent of fixed strength 1, which also pins
 * the scale; without it the strengths are renormalised to geometric mean 1 every step.
 */
function fitStrengths(table: PairTable, modelCount: number, prior: number, start?: Float64Array): Float64Array {
  const wins = new Float64Array(modelCount).fill(prior / 2);
  for (let p = 0; p < table.first.length; p++) {
    wins[table.first[p] as number]! += table.winsFirst[p] as number;
    wins[table.second[p] as number]! += table.winsSecond[p] as number;
  }
  let gamma = start ? Float64Array.from(start) : new Float64Array(modelCount).fill(1);
  const denominators = new Float64Array(modelCount);
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    for (let i = 0; i < modelCount; i++) denominators[i] = prior / ((gamma[i] as number) + 1);
    for (let p = 0; p < table.first.length; p++) {
      const i = table.first[p] as number;
      const j = table.second[p] as number;
      const games = (table.winsFirst[p] as number) + (table.winsSecond[p] as number);
      const share = games / ((gamma[i] as number) + (gamma[j] as number));
      denominators[i]! += share;
      denominators[j]! += share;
    }
    const next = new Float64Array(modelCount);
    let logSum = 0;
    for (let i = 0; i < modelCount; i++) {
      const d = denominators[i] as number;
      next[i] = d > 0 ? (wins[i] as number) / d : (gamma[i] as number);
      logSum += Math.log(next[i] as number);
    }
    if (prior === 0) {
      const scale = Math.exp(-logSum / modelCount);
      if (Number.isFinite(scale)) for (let i = 0; i < modelCount; i++) next[i]! *= scale;
    }
    let change = 0;
    for (let i = 0; i < modelCount; i++) {
      change = Math.max(change, Math.abs(Math.log((next[i] as number) / (gamma[i] as number))));
    }
    gamma = next;
    if (!(change > TOLERANCE)) break;
  }
  return gamma;
}

/** Elo-like scale: 400 points = 10× the odds; shifted so the models' mean rating is 1000. */
function toRatings(gamma: Float64Array): Float64Array {
  const ratings = gamma.map((g) => 400 * Math.log10(g));
  const mean = ratings.reduce((sum, r) => sum + r, 0) / Math.max(1, ratings.length);
  return ratings.map((r) => r - mean + 1000);
}

function buildTable(comparisons: Comparison[], index: Map<string, number>): PairTable {
  const n = comparisons.length;
  const table: PairTable = {
    first: new Int32Array(n),
    second: new Int32Array(n),
    winsFirst: new Float64Array(n),
    winsSecond: new Float64Array(n),
  };
  comparisons.forEach((c, p) => {
    table.first[p] = index.get(c.a) as number;
    table.second[p] = index.get(c.b) as number;
    table.winsFirst[p] = c.winsA + c.ties / 2;
    table.winsSecond[p] = c.winsB + c.ties / 2;
  });
  return table;
}

/**
 * Bootstrap by resampling individual games (a win, a loss or a tie of one pair) with replacement
 * and refitting; each refit starts from the point estimate, so it converges in a few steps.
 * Returns, per model, the sorted bootstrap ratings.
 */
function bootstrapRatings(
  comparisons: Comparison[],
  table: PairTable,
  prior: number,
  start: Float64Array,
  options: { iterations: number; seed: number },
): Float64Array[] {
  const modelCount = start.length;
  const pairOf: number[] = [];
  const outcome: number[] = [];
  comparisons.forEach((c, p) => {
    [c.winsA, c.winsB, c.ties].forEach((count, kind) => {
      for (let g = 0; g < Math.round(count); g++) {
        pairOf.push(p);
        outcome.push(kind);
      }
    });
  });
  const games = pairOf.length;
  const perModel = Array.from({ length: modelCount }, () => new Float64Array(options.iterations));
  if (games === 0) {
    const ratings = toRatings(start);
    return perModel.map((values, i) => values.fill(ratings[i] as number));
  }
  const random = createRandom(options.seed);
  const sample: PairTable = {
    first: table.first,
    second: table.second,
    winsFirst: new Float64Array(comparisons.length),
    winsSecond: new Float64Array(comparisons.length),
  };
  for (let it = 0; it < options.iterations; it++) {
    sample.winsFirst.fill(0);
    sample.winsSecond.fill(0);
    for (let g = 0; g < games; g++) {
      const k = (random() * games) | 0;
      const p = pairOf[k] as number;
      const kind = outcome[k];
      if (kind === 0) sample.winsFirst[p]! += 1;
      else if (kind === 1) sample.winsSecond[p]! += 1;
      else {
        sample.winsFirst[p]! += 0.5;
        sample.winsSecond[p]! += 0.5;
      }
    }
    const ratings = toRatings(fitStrengths(sample, modelCount, prior, start));
    for (let i = 0; i < modelCount; i++) perModel[i]![it] = ratings[i] as number;
  }
  for (const values of perModel) values.sort();
  return perModel;
}

/**
 * Fits Bradley–Terry strengths by maximum likelihood from pairwise outcomes (ties count as half a
 * win for each side) and reports them on an Elo-like scale (400·log10 strength, mean 1000), with
 * percentile bootstrap intervals. Sorted best first.
 */
export function fitBradleyTerry(comparisons: Comparison[], options: BradleyTerryOptions = {}): { ratings: Rating[] } {
  const prior = options.prior ?? 1;
  const iterations = Math.max(0, Math.floor(options.iterations ?? 200));
  const alpha = (1 - (options.level ?? 0.95)) / 2;
  const index = new Map<string, number>();
  for (const model of [...(options.models ?? []), ...comparisons.flatMap((c) => [c.a, c.b])]) {
    if (!index.has(model)) index.set(model, index.size);
  }
  const usable = comparisons.filter((c) => c.a !== c.b);
  const table = buildTable(usable, index);
  const gamma = fitStrengths(table, index.size, prior);
  const ratings = toRatings(gamma);
  const samples =
    iterations > 0 ? bootstrapRatings(usable, table, prior, gamma, { iterations, seed: options.seed ?? 1 }) : undefined;
  return {
    ratings: [...index.keys()]
      .map((model, i) => {
        const rating = ratings[i] as number;
        const sorted = samples?.[i];
        return sorted
          ? { model, rating, low: percentileSorted(sorted, alpha), high: percentileSorted(sorted, 1 - alpha) }
          : { model, rating, low: rating, high: rating };
      })
      .sort((x, y) => y.rating - x.rating || x.model.localeCompare(y.model)),
  };
}
