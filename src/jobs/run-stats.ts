import type { Redis } from 'ioredis';
import type { HistoryStore, ResultRecord } from '../core/use-cases/store-ports.ts';
import { runScript } from '../store/redis-script.ts';

const TTL_S = 7 * 24 * 3600;

// KEYS: the run's counters. ARGV: a batch's done, errors, cached, cost, at, ttl s, and a recount
// ('done errors cached cost') or ''. Adds the batch to existing counters and returns 1; without
// counters, creates them from the recount (returns 2) or, with none given, returns 0.
const ADD_OR_CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HINCRBY', KEYS[1], 'done', ARGV[1])
  redis.call('HINCRBY', KEYS[1], 'errors', ARGV[2])
  redis.call('HINCRBY', KEYS[1], 'cached', ARGV[3])
  redis.call('HINCRBYFLOAT', KEYS[1], 'cost', ARGV[4])
  redis.call('HSET', KEYS[1], 'at', ARGV[5])
  return 1
end
if ARGV[7] == '' then return 0 end
local n = {}
for value in string.gmatch(ARGV[7], '%S+') do n[#n + 1] = value end
redis.call('HSET', KEYS[1], 'done', n[1], 'errors', n[2], 'cached', n[3], 'cost', n[4], 'at', ARGV[5])
redis.call('EXPIRE', KEYS[1], ARGV[6])
return 2`;

// KEYS: the run's counters. ARGV: done, errors, cached, cost, at, ttl s, and the done count the
// caller read before counting MongoDB, or '' to keep counters already higher instead.
const SET_COUNTS = `
local done = tonumber(redis.call('HGET', KEYS[1], 'done') or '-1')
local write = tonumber(ARGV[1]) >= done
if ARGV[7] ~= '' then write = done == tonumber(ARGV[7]) end
if write then
  redis.call('HSET', KEYS[1], 'done', ARGV[1], 'errors', ARGV[2], 'cached', ARGV[3], 'cost', ARGV[4], 'at', ARGV[5])
end
redis.call('EXPIRE', KEYS[1], ARGV[6])
return 0`;

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

  /**
   * Recounts from MongoDB. Two batches of a new run may both find no counters and count MongoDB, the
   * later count written first; counts only grow, so the larger wins (a smaller one would lose a
   * batch for good, and the run would wait for the reconciler to finish it). `correct` lowers
   * counters that ran ahead (a batch counted twice), but only if no batch was counted meanwhile.
   */
  async function rebuild(runId: string, options: { correct?: boolean } = {}): Promise<RunTotals> {
    const before = options.correct ? await redis.hget(key(runId), 'done') : null;
    const totals = await store.resultTotals(runId);
    await redis.eval(
      SET_COUNTS,
      1,
      key(runId),
      totals.done,
      totals.errors,
      totals.cached,
      totals.costUsd,
      Date.now(),
      TTL_S,
      before ?? '',
    );
    return totals;
  }

  return {
    /**
     * Counts a stored batch: adds it to the run's counters, or, when they are missing (a new run, or
     * Redis lost them), creates them from a recount of MongoDB that already includes the batch. A
     * batch with duplicates recounts the runs it touched.
     */
    async record(records: ResultRecord[], inserted: number): Promise<string[]> {
      const runs = [...new Set(records.map((record) => record.runId))];
      if (inserted !== records.length) {
        await Promise.all(runs.map((runId) => rebuild(runId)));
        return runs;
      }
      for (const runId of runs) {
        const mine = records.filter((record) => record.runId === runId);
        const batch = [
          mine.length,
          mine.filter((record) => record.error).length,
          mine.filter((record) => record.cached).length,
          mine.reduce((sum, record) => sum + record.costUsd, 0),
        ];
        const added = await runScript(redis, ADD_OR_CREATE, [key(runId)], [...batch, Date.now(), TTL_S, '']);
        if (Number(added) === 1) continue;
        // Another batch may create the counters while this one counts: then this one only adds itself.
        // That can count a batch twice (the recount saw it), never lose one; the reporter corrects excess.
        const totals = await store.resultTotals(runId);
        const recount = [totals.done, totals.errors, totals.cached, totals.costUsd];
        await runScript(redis, ADD_OR_CREATE, [key(runId)], [...batch, Date.now(), TTL_S, recount.join(' ')]);
      }
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
