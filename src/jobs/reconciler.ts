import type { Logger } from '../core/ports.ts';
import { missingItems, planWorkItems } from '../core/run/plan.ts';
import type { HistoryStore, RunQueue } from '../core/use-cases/store-ports.ts';
import type { RunFinalizer } from './run-finalizer.ts';

/**
 * Rebuilds what Redis lost. MongoDB is the durable record: for every queued or running run it
 * re-queues exactly the work items that have no result (the queue ignores items still queued or
 * active, so this never duplicates live work), ends runs whose results are all in, and expires
 * confirmations nobody gave. Runs that stored a result lately are progressing and are skipped, so a
 * big healthy run is not re-checked item by item. Safe to run at any time, from any number of workers.
 */
export function createReconciler(options: {
  store: HistoryStore;
  queue: RunQueue;
  finalizer: RunFinalizer;
  logger: Logger;
  interactiveLimit?: number;
  now?: () => Date;
  /** When the run last stored a result (ms); runs that progressed lately are left alone. */
  lastActivity: (runId: string) => Promise<number | undefined>;
  /** How long without a stored result before a run is checked for lost items (default 20 s). */
  staleMs?: number;
  /**
   * True once after Redis lost its data (restart, flush) and on the first pass ever. Then every run
   * is checked at once: its jobs are gone even if a result landed lately (an in-flight call that
   * answered after the restart), and waiting for the stale window would stall the run for nothing.
   */
  redisWasReset?: () => Promise<boolean>;
  /** Puts back into Redis what MongoDB holds of a run's results (its progress counters and rows). */
  restoreTally?: (runId: string) => Promise<void>;
}) {
  const { store, logger } = options;
  const now = options.now ?? (() => new Date());

  return {
    async reconcileOnce(): Promise<{ requeued: number; finished: number; expired: number }> {
      const outcome = { requeued: 0, finished: 0, expired: 0 };
      const checkAll = (await options.redisWasReset?.()) ?? false;
      for (const run of await store.runsWithStatus(['queued', 'running'])) {
        // Counters that restarted from nothing would keep the run from ever looking complete.
        if (checkAll) await options.restoreTally?.(run.id);
        const last = checkAll ? undefined : await options.lastActivity(run.id);
        if (last !== undefined && now().getTime() - last < (options.staleMs ?? 20_000)) continue;
        const version = await store.getVersion(run.benchmarkVersionId);
        if (!version) continue;
        const plan = planWorkItems(version.definition, run.models, run.samples);
        const missing = missingItems(plan, await store.resultKeys(run.id));
        if (missing.length === 0) {
          if (await options.finalizer.finalize(run.id)) outcome.finished += 1;
          continue;
        }
        await options.queue.enqueue(run.id, missing, { interactive: plan.length <= (options.interactiveLimit ?? 200) });
        outcome.requeued += missing.length;
      }
      for (const run of await store.runsWithStatus(['awaiting_confirmation'])) {
        if (run.confirmationExpiresAt && run.confirmationExpiresAt.getTime() < now().getTime()) {
          await store
            .transitionRun(run.id, 'expired', { message: 'The confirmation expired.' })
            .catch((error) => logger.warn({ runId: run.id, err: error }, 'could not expire run'));
          outcome.expired += 1;
        }
      }
      // A cancel seen by no live worker leaves the run without statistics of what finished.
      for (const run of await store.runsWithStatus(['cancelled'], { withoutSummary: true })) {
        if (await options.finalizer.finalize(run.id)) outcome.finished += 1;
      }
      if (outcome.finished + outcome.expired > 0 || (checkAll && outcome.requeued > 0)) {
        logger.info({ ...outcome, redisWasReset: checkAll }, 'reconciled runs');
      }
      return outcome;
    },
  };
}
export type Reconciler = ReturnType<typeof createReconciler>;
