import { isTerminal, type RunStatus } from '../../core/run/status.ts';
import { type RunSummary, RunSummarySchema, summarizeRun } from '../../core/stats/summary.ts';
import type { Models } from '../../store/models/index.ts';
import { resultRowsOfRun, type SharedRun } from '../../store/report-queries.ts';

/**
 * The statistics a report shows: the stored summary of a finished run, or, while the run is
 * going (or when an old summary no longer matches the schema), a summary of the results so far.
 */
async function summaryOfRun(models: Models, run: SharedRun): Promise<RunSummary> {
  const stored = storedSummary(run);
  if (stored) return stored;
  const results = await resultRowsOfRun(models, run._id);
  return summarizeRun({ models: run.models, samples: run.samples ?? 1, results });
}

function storedSummary(run: SharedRun): RunSummary | null {
  if (!run.summary || !isTerminal(run.status as RunStatus)) return null;
  const stored = RunSummarySchema.safeParse(run.summary);
  return stored.success ? stored.data : null;
}

export interface RunSummariesOptions {
  /** How long a summary computed from the results is shared once ready (default 2 s). */
  reuseMs?: number;
  now?: () => number;
}

// A read that hangs is not waited on by every later reader: past this, the next one starts anew.
const IN_FLIGHT_MAX_MS = 60_000;

/**
 * `summaryOfRun` for many readers at once. A live report page polls the summary of a running
 * run, and computing it reads every result and bootstraps intervals (10,000 results: 100 ms of
 * CPU, and 2 s of reading on a server that scans): one computation per run is shared by every
 * request while it runs and for `reuseMs` after, or as long as it took if that is longer, so
 * however many pages watch, a run's results are read at most half the time. Only computed
 * summaries are shared, keyed by status, so a running run's figures are never served as its
 * final ones; a finished run's stored summary is read from the run itself.
 */
export function createRunSummaries(models: Models, options: RunSummariesOptions = {}) {
  const reuseMs = options.reuseMs ?? 2000;
  const now = options.now ?? Date.now;
  const recent = new Map<string, { summary: Promise<RunSummary>; expires: number }>();

  return {
    of(run: SharedRun): Promise<RunSummary> {
      const stored = storedSummary(run);
      if (stored) return Promise.resolve(stored);
      const started = now();
      // One entry per run watched in the last seconds: a full sweep is cheap.
      for (const [key, entry] of recent) if (entry.expires <= started) recent.delete(key);
      const key = `${String(run._id)}|${run.status}`;
      const hit = recent.get(key);
      if (hit) return hit.summary;
      const entry = { summary: summaryOfRun(models, run), expires: started + IN_FLIGHT_MAX_MS };
      recent.set(key, entry);
      entry.summary.then(
        () => {
          const ready = now();
          entry.expires = ready + Math.max(reuseMs, ready - started);
        },
        () => {
          if (recent.get(key) === entry) recent.delete(key);
        },
      );
      return entry.summary;
    },
  };
}

export type RunSummaries = ReturnType<typeof createRunSummaries>;
