import type { Redis } from 'ioredis';
import type { Logger } from '../core/ports.ts';
import { type ResultRow, summarizeRun } from '../core/stats/summary.ts';
import type { HistoryStore, RunRecord } from '../core/use-cases/store-ports.ts';
import { withRedisLock } from '../store/redis-lock.ts';
import type { RunTally } from './run-tally.ts';

/**
 * Ends runs: a queued or running run whose every work item has a stored result becomes `completed`
 * with its statistics; a cancelled run gets the statistics of what finished. Counts and cost are
 * recomputed from the stored rows here (MongoDB's, or their complete mirror in Redis), so they are
 * exact whatever happened to Redis or the workers.
 */
export function createRunFinalizer(options: {
  store: HistoryStore;
  redis: Redis;
  prefix: string;
  logger: Logger;
  /** The Redis mirror of the runs' result rows, read instead of MongoDB when it is complete. */
  rows: Pick<RunTally, 'complete' | 'drop'>;
  onFinished: (run: RunRecord) => Promise<void>;
}) {
  const { store } = options;

  /** Counts and cost of the stored rows: one read of the run's results serves these and the summary. */
  function totalsOf(rows: ResultRow[]) {
    const totals = { done: rows.length, errors: 0, cached: 0, costUsd: 0 };
    for (const row of rows) {
      if (row.error) totals.errors += 1;
      if (row.cached) totals.cached += 1;
      totals.costUsd += row.costUsd;
    }
    return totals;
  }

  return {
    /** Completes the run if all its results are stored; returns the finished run, if it finished now. */
    async finalize(runId: string): Promise<RunRecord | null> {
      const finished = await withRedisLock(options.redis, `${options.prefix}:lock:finalize:${runId}`, async () => {
        const run = await store.getRun(runId);
        if (!run) return null;
        const active = run.status === 'running' || run.status === 'queued';
        const cancelledWithoutSummary = run.status === 'cancelled' && run.summary === null;
        if (!active && !cancelledWithoutSummary) return null;
        const mirrored = active ? await options.rows.complete(runId, run.counts.total) : undefined;
        const rows = mirrored ?? (await store.resultRows(runId));
        const totals = totalsOf(rows);
        if (active && totals.done < run.counts.total) return null;
        const fields = {
          summary: summarizeRun({ models: run.models, samples: run.samples, results: rows, seed: 1 }),
          costUsd: totals.costUsd,
          counts: { total: run.counts.total, done: totals.done, errors: totals.errors, cached: totals.cached },
        };
        if (!active) return store.updateRun(runId, fields);
        if (run.status === 'queued') await store.transitionRun(runId, 'running');
        return store.transitionRun(runId, 'completed', { ...fields, finishedAt: new Date() });
      });
      if (finished) {
        // The mirror expires on its own; failing to drop it must not keep the run's news from chat.
        await options.rows.drop(runId).catch((error: unknown) => {
          options.logger.warn({ err: error, runId }, 'could not drop the run-rows mirror');
        });
        options.logger.info({ runId, status: finished.status, costUsd: finished.costUsd }, 'run finished');
        await options.onFinished(finished);
      }
      return finished;
    },
  };
}
export type RunFinalizer = ReturnType<typeof createRunFinalizer>;
