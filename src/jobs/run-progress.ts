import type { ProgressBus } from '../core/ports.ts';
import { estimateEtaMs } from '../core/run/progress.ts';
import type { HistoryStore, RunRecord } from '../core/use-cases/store-ports.ts';
import type { RunFinalizer } from './run-finalizer.ts';
import type { RunNotifications } from './run-notifications.ts';
import type { RunTally, RunTotals } from './run-tally.ts';

/** Progress events per run and process, at most this often (the last batch is always reported). */
const PUBLISH_EVERY_MS = 250;
/** The run document's counters are refreshed this often (MongoDB is not the bottleneck). */
const PERSIST_EVERY_MS = 2000;

export function progressEvent(run: RunRecord, totals: RunTotals, nowMs: number) {
  const elapsed = run.startedAt ? nowMs - run.startedAt.getTime() : 0;
  return {
    runId: run.id,
    status: run.status,
    done: totals.done,
    total: run.counts.total,
    errors: totals.errors,
    cached: totals.cached,
    costUsd: totals.costUsd,
    etaMs: estimateEtaMs(totals.done, run.counts.total, elapsed),
    message: run.message,
    at: new Date(nowMs).toISOString(),
  };
}

/** After each stored batch: publish progress, keep the run's counters, and end the run when it is done. */
export function createProgressReporter(options: {
  store: HistoryStore;
  tally: Pick<RunTally, 'totals'>;
  bus: ProgressBus;
  finalizer: RunFinalizer;
  notifications: RunNotifications;
  getRun: (runId: string) => Promise<RunRecord | null>;
}) {
  const lastPublished = new Map<string, number>();
  const lastPersisted = new Map<string, number>();

  async function report(runId: string): Promise<void> {
    const totals = await options.tally.totals(runId);
    const cachedRun = await options.getRun(runId);
    if (!cachedRun) return;
    const complete = totals.done >= cachedRun.counts.total;
    if (complete) {
      // The finalizer publishes nothing itself; the finished run's event goes out from here.
      const finished = await options.finalizer.finalize(runId);
      if (finished) await options.bus.publish(progressEvent(finished, totals, Date.now()));
      return;
    }
    const now = Date.now();
    if (now - (lastPublished.get(runId) ?? 0) < PUBLISH_EVERY_MS) return;
    lastPublished.set(runId, now);
    const run = { ...cachedRun, counts: { ...cachedRun.counts, ...totals }, costUsd: totals.costUsd };
    await options.bus.publish(progressEvent(run, totals, now));
    if (now - (lastPersisted.get(runId) ?? 0) >= PERSIST_EVERY_MS) {
      lastPersisted.set(runId, now);
      await options.store.updateRun(runId, { counts: run.counts, costUsd: totals.costUsd });
    }
    await options.notifications.progress(run);
  }

  return {
    async afterStored(runIds: string[]): Promise<void> {
      await Promise.all(runIds.map(report));
    },
    forget(runId: string) {
      lastPublished.delete(runId);
      lastPersisted.delete(runId);
    },
  };
}
