import type { Redis } from 'ioredis';
import type { HistoryStore, ResultRecord } from '../core/use-cases/store-ports.ts';

export interface RunTotals {
  done: number;
  errors: number;
  cached: number;
  costUsd: number;
}

/**
 * Live counters of each run in Redis, so progress needs no MongoDB scan per batch. They are only
 * ever a cache of MongoDB: when a batch held duplicates, or the counters are gone (Redis restarted),
 * they are rebuilt from the stored results.
 */
export function createRunStats(options: { redis: Redis; prefix: string; store: HistoryStore }) {
  const { redis, store } = options;
  const key = (runId: string) => `${options.prefix}:stats:${runId}`;

  async function rebuild(runId: string): Promise<RunTotals> {
    const totals = await store.resultTotals(runId);
    await redis
      .multi()
      .hset(key(runId), {
        done: totals.done,
        errors: totals.errors,
        cached: totals.cached,
        cost: totals.costUsd,
        at: Date.now(),
      })
      .expire(key(runId), 7 * 24 * 3600)
      .exec();
    return totals;
  }

  return {
    /** Counts a stored batch: increments when all of it was new, else recounts the runs it touched. */
    async record(records: ResultRecord[], inserted: number): Promise<string[]> {
      const runs = [...new Set(records.map((record) => record.runId))];
      if (inserted !== records.length) {
        await Promise.all(runs.map(rebuild));
        return runs;
      }
      const pipeline = redis.multi();
      for (const runId of runs) {
        const mine = records.filter((record) => record.runId === runId);
        // A missing hash must be rebuilt in full, not started from this batch.
        if ((await redis.exists(key(runId))) === 0) {
          await rebuild(runId);
          continue;
        }
        pipeline.hincrby(key(runId), 'done', mine.length);
        pipeline.hincrby(key(runId), 'errors', mine.filter((record) => record.error).length);
        pipeline.hincrby(key(runId), 'cached', mine.filter((record) => record.cached).length);
        pipeline.hincrbyfloat(
          key(runId),
          'cost',
          mine.reduce((sum, record) => sum + record.costUsd, 0),
        );
        pipeline.hset(key(runId), 'at', Date.now());
      }
      await pipeline.exec();
      return runs;
    },
    async totals(runId: string): Promise<RunTotals> {
      const hash = await redis.hgetall(key(runId));
      if (hash.done === undefined) return rebuild(runId);
      return {
        done: Number(hash.done),
        errors: Number(hash.errors ?? 0),
        cached: Number(hash.cached ?? 0),
        costUsd: Number(hash.cost ?? 0),
      };
    },
    rebuild,
    /** When a result of the run was last stored (ms), as far as Redis remembers. */
    async lastActivity(runId: string): Promise<number | undefined> {
      const at = await redis.hget(key(runId), 'at');
      return at === null ? undefined : Number(at);
    },
  };
}
export type RunStats = ReturnType<typeof createRunStats>;
