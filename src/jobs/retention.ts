import { Queue, Worker } from 'bullmq';
import type { Model } from 'mongoose';
import type { Logger } from '../core/ports.ts';
import type { HistoryStore } from '../core/use-cases/store-ports.ts';
import type { ResponseCacheDoc } from '../store/models/response-cache.ts';
import { createRedis } from '../store/redis.ts';

export const MAINTENANCE_QUEUE = 'maintenance';
const SCHEDULER_ID = 'retention';
const DAY_MS = 24 * 3600 * 1000;

export interface RetentionOptions {
  redisUrl: string;
  /** Key prefix of the BullMQ keys (the work queue's). */
  prefix: string;
  store: HistoryStore;
  /** Cached answers are raw outputs too; they expire with the results. */
  responseCache: Model<ResponseCacheDoc>;
  retentionDays: number;
  logger: Logger;
  /** How often the purge runs (default daily). */
  everyMs?: number;
  now?: () => Date;
}

/**
 * Retention as a BullMQ repeatable job: whichever worker takes it empties the raw outputs of results
 * (and drops cached answers) older than `retentionDays`; runs keep their statistics. The schedule is
 * upserted at start and hourly, since a Redis that restarted without persistence forgot it.
 */
export async function startRetention(options: RetentionOptions) {
  const now = options.now ?? (() => new Date());
  const everyMs = options.everyMs ?? DAY_MS;
  const connection = createRedis(options.redisUrl, {}, options.logger);
  const queue = new Queue(MAINTENANCE_QUEUE, { connection, prefix: options.prefix });

  async function purgeOnce(): Promise<{ results: number; cached: number }> {
    const cutoff = new Date(now().getTime() - options.retentionDays * DAY_MS);
    const results = await options.store.purgeOutputsBefore(cutoff);
    const cached = (await options.responseCache.deleteMany({ createdAt: { $lt: cutoff } })).deletedCount;
    if (results + cached > 0) options.logger.info({ results, cached, cutoff }, 'retention purged raw outputs');
    return { results, cached };
  }

  const schedule = () =>
    queue
      .upsertJobScheduler(SCHEDULER_ID, { every: everyMs }, { name: 'purge-outputs', opts: { removeOnFail: 10 } })
      .catch((error: unknown) => options.logger.warn({ err: error }, 'could not schedule retention'));
  await schedule();
  const timer = setInterval(schedule, Math.min(everyMs, 3600 * 1000));
  timer.unref();
  // BullMQ leaves a connection it was given open on close; this one is ours to close.
  const workerConnection = createRedis(options.redisUrl, {}, options.logger);
  const worker = new Worker(MAINTENANCE_QUEUE, async () => purgeOnce(), {
    connection: workerConnection,
    prefix: options.prefix,
    concurrency: 1,
  });
  worker.on('error', (error) => options.logger.warn({ err: error.message }, 'retention worker error'));

  return {
    purgeOnce,
    async stop() {
      clearInterval(timer);
      await worker.close();
      await queue.close();
      workerConnection.disconnect();
      connection.disconnect();
    },
  };
}
