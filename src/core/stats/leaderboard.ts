import { type Comparison, fitBradleyTerry } from './bradley-terry.ts';

/** One run's per-case scores, as the leaderboard needs them. */
export interface LeaderboardRun {
  models: string[];
  /** Scores per (case, model); several samples of one case are averaged. */
  perCase: Iterable<{ caseId: string; model: string; score: number }>;
}

export interface LeaderboardEntry {
  model: string;
  rating: number;
  low: number;
  high: number;
  /** Runs in which the model answered at least one case. */
  runs: number;
}

/** Options of {@link buildLeaderboard}: bootstrap resamples and seed of the rating intervals. */
export interface LeaderboardOptions {
  iterations?: number;
  seed?: number;
}

function meanScores(run: LeaderboardRun): Map<string, Map<string, number>> {
  const sums = new Map<string, Map<string, { sum: number; count: number }>>();
  for (const row of run.perCase) {
    let byCase = sums.get(row.model);
    if (!byCase) {
      byCase = new Map();
      sums.set(row.model, byCase);
    }
    const entry = byCase.get(row.caseId) ?? { sum: 0, count: 0 };
    entry.sum += row.score;
    entry.count++;
    byCase.set(row.caseId, entry);
  }
  return new Map(
    [...sums].map(([model, byCase]) => [model, new Map([...byCase].map(([id, e]) => [id, e.sum / e.count]))]),
  );
}

/**
 * Workspace leaderboard: every case two models both answered in the same run is one game (the
 * higher score wins, equal scores tie); games from all runs feed one Bradley–Terry fit, so models
 * that never met in a run are still placed through common opponents.
 */
export function buildLeaderboard(
  runs: LeaderboardRun[],
  options: LeaderboardOptions = {},
): { ratings: LeaderboardEntry[] } {
  const games = new Map<string, Comparison>();
  const runCount = new Map<string, number>();
  for (const run of runs) {
    const scores = meanScores(run);
    const models = [...new Set([...run.models, ...scores.keys()])].filter((m) => scores.has(m));
    for (const model of models) runCount.set(model, (runCount.get(model) ?? 0) + 1);
    for (let i = 0; i < models.length; i++) {
      for (let j = i + 1; j < models.length; j++) {
        // A stable key order so the same pair from different runs lands in one comparison.
        const [a, b] = [models[i] as string, models[j] as string].sort() as [string, string];
        const key = JSON.stringify([a, b]);
        const game = games.get(key) ?? { a, b, winsA: 0, winsB: 0, ties: 0 };
        const scoresA = scores.get(a) as Map<string, number>;
        const scoresB = scores.get(b) as Map<string, number>;
        for (const [caseId, sa] of scoresA) {
          const sb = scoresB.get(caseId);
          if (sb === undefined) continue;
          if (Math.abs(sa - sb) <= 1e-9) game.ties++;
          else if (sa > sb) game.winsA++;
          else game.winsB++;
        }
        games.set(key, game);
      }
    }
  }
  const { ratings } = fitBradleyTerry([...games.values()], {
    models: [...runCount.keys()],
    iterations: options.iterations ?? 200,
    seed: options.seed ?? 1,
  });
  return { ratings: ratings.map((r) => ({ ...r, runs: runCount.get(r.model) ?? 0 })) };
}
