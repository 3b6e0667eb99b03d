import { Worker } from 'bullmq';
import { scoresChart } from '../charts/configs.ts';
import type { ChartRenderer, ChatNotifier, ScriptSandbox } from '../core/ports.ts';
import type { Platform } from '../core/use-cases/actor.ts';
import type { RunRecord } from '../core/use-cases/store-ports.ts';
import type { Services } from '../services.ts';
import { createCommandRedis, createRedis } from '../store/redis.ts';
import { createCallSlots } from './call-slots.ts';
import { createCancellationWatch } from './cancellation.ts';
import { createReconciler } from './reconciler.ts';
import { createResultBatcher } from './result-batcher.ts';
import { startRetention } from './retention.ts';
import { createRunContexts } from './run-contexts.ts';
import { createRunFinalizer } from './run-finalizer.ts';
import { createRunNotifications } from './run-notifications.ts';
import { createProgressReporter, progressEvent } from './run-progress.ts';
import { createRunTally } from './run-tally.ts';
import { createWorkItemProcessor } from './work-item-processor.ts';
import { WORK_QUEUE } from './work-queue.ts';

export interface WorkerOptions {
  /** Posts progress and results back to chat, per platform. */
  notifiers?: Partial<Record<Platform, ChatNotifier>>;
  renderer?: ChartRenderer;
  sandbox?: ScriptSandbox;
  /** Model calls in flight at once (default WORKER_CONCURRENCY); the worker holds twice as many jobs. */
  concurrency?: number;
  reconcileEveryMs?: number;
  /**
   * How long a job's lock lives without renewal (BullMQ default 30 s). A killed worker's jobs go back
   * to the queue only after their locks expire, so tests shorten it.
   */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose lock expired (BullMQ default 30 s). */
  stalledIntervalMs?: number;
  /** How often the retention job purges old raw outputs (default daily). */
  retentionEveryMs?: number;
}

/** The worker role: takes work items from the queue, and reconciles runs that lost some. */
export async function startWorker(services: Services, options: WorkerOptions = {}) {
  const { store, logger, prefix, runtime } = services;
  const redis = createCommandRedis(runtime.redisUrl, logger);
  const subscriber = createRedis(runtime.redisUrl, {}, logger);
  const contexts = createRunContexts(store);
  const cancellation = createCancellationWatch({ redis, subscriber, prefix });
  const tally = createRunTally({ redis, prefix, store });
  const notifications = createRunNotifications({
    notifiers: options.notifiers ?? {},
    redis,
    prefix,
    publicUrl: services.config.publicUrl,
    logger,
    chartOf: async (run: RunRecord) =>
      run.summary && options.renderer
        ? options.renderer.render(scoresChart(run.summary, `${run.benchmarkName} v${run.version}`), {
            width: 900,
            height: 500,
          })
        : undefined,
    saveChat: async (run, chat) => void (await store.updateRun(run.id, { chat })),
  });
  const finalizer = createRunFinalizer({
    store,
    redis,
    prefix,
    logger,
    rows: tally,
    onFinished: async (run) => {
      contexts.forget(run.id);
      cancellation.forget(run.id);
      await notifications.finished(run);
    },
  });
  const reporter = createProgressReporter({
    store,
    tally,
    bus: services.progressBus,
    finalizer,
    notifications,
    getRun: async (runId) => (await contexts.get(runId))?.run ?? null,
  });
  const batcher = createResultBatcher({
    insert: (records) => store.insertResults(records),
    onStored: async (stored) => reporter.afterStored(await tally.add(stored)),
  });
  const calls = options.concurrency ?? services.config.env.WORKER_CONCURRENCY;
  const processor = createWorkItemProcessor({
    store,
    contexts,
    cancellation,
    gateway: services.llm.gateway,
    callSlots: createCallSlots(calls),
    ledger: services.ledger,
    catalog: () => services.llm.catalog,
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    storeResult: (record) => batcher.add(record),
    logger,
    onBudget: async (run, event) => {
      const totals = await tally.totals(run.id);
      const message =
        event === 'alert' ? 'More than 80% of this month’s budget is spent.' : run.message || 'Paused: budget reached.';
      logger.warn({ runId: run.id, workspaceId: run.workspaceId, event }, message);
      await services.progressBus.publish({ ...progressEvent(run, totals, Date.now()), message });
      if (event === 'paused') await notifications.progress({ ...run, message }, true);
    },
  });
  const reconciler = createReconciler({
    store,
    queue: services.queue,
    finalizer,
    logger,
    lastActivity: (runId) => tally.lastActivity(runId),
    restoreTally: (runId) => tally.restore(runId),
    // The marker lives as long as Redis keeps its data; finding it gone means everything else is gone too.
    redisWasReset: async () => (await redis.set(`${prefix}:reconciler:marker`, '1', 'NX')) === 'OK',
  });

  await cancellation.start();
  // A cancelled run's in-flight calls are aborted; once they settled, what finished gets its statistics.
  cancellation.onCancel((runId) => setTimeout(() => void finalizer.finalize(runId).catch(() => {}), 1000).unref());
  // BullMQ leaves a connection it was given open on close; this one is ours to close.
  const workerConnection = createRedis(runtime.redisUrl, {}, logger);
  const worker = new Worker(WORK_QUEUE, processor, {
    connection: workerConnection,
    prefix,
    // Twice as many jobs as calls: a job reads its run before the call and stores its result after
    // it, and with one job per call slot those steps left the slot idle for about a third of the time.
    concurrency: 2 * calls,
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
  });
  worker.on('failed', (job, error) => logger.warn({ jobId: job?.id, err: error.message }, 'work item failed'));
  worker.on('error', (error) => logger.warn({ err: error.message }, 'worker error'));

  let reconciling = false;
  const reconcile = async () => {
    if (reconciling) return;
    reconciling = true;
    try {
      await reconciler.reconcileOnce();
    } catch (error) {
      logger.warn({ err: error }, 'reconcile failed');
    } finally {
      reconciling = false;
    }
  };
  void reconcile();
  const timer = setInterval(reconcile, options.reconcileEveryMs ?? services.config.env.RECONCILE_INTERVAL_MS);
  timer.unref();
  logger.info({ calls, jobs: worker.opts.concurrency }, 'worker started');

  const retention = await startRetention({
    redisUrl: runtime.redisUrl,
    prefix,
    store,
    responseCache: runtime.models.ResponseCache,
    retentionDays: services.config.env.RETENTION_DAYS,
    logger,
    ...(options.retentionEveryMs ? { everyMs: options.retentionEveryMs } : {}),
  });

  return {
    worker,
    reconciler,
    retention,
    async stop() {
      clearInterval(timer);
      await retention.stop();
      await worker.close();
      await batcher.flush();
      while (reconciling) await new Promise((resolve) => setTimeout(resolve, 50));
      await cancellation.stop();
      workerConnection.disconnect();
      redis.disconnect();
    },
  };
}
