import type { Redis } from 'ioredis';
import { workItemKey } from '../core/run/plan.ts';
import { type ResultRow, ResultRowSchema } from '../core/stats/summary.ts';
import type { HistoryStore, ResultRecord } from '../core/use-cases/store-ports.ts';
import { runScript } from '../store/redis-script.ts';
import { toResultRow } from '../store/report-queries.ts';

const TTL_S = 7 * 24 * 3600;
const ResultRowsSchema = ResultRowSchema.array();

// KEYS: the run's rows, its counters. ARGV: ttl s, now ms, then (work item key, row JSON) pairs.
// A row is added only if its work item has none, and counted only then, so a result counts once
// however batches and restores interleave. Counters missing beside rows are derived from the rows.
const ADD_ROWS = `
local function tally(rows)
  local done, errors, cached, cost = 0, 0, 0, 0
  for _, json in ipairs(rows) do
    local row = cjson.decode(json)
    done = done + 1
    if row.error ~= cjson.null then errors = errors + 1 end
    if row.cached then cached = cached + 1 end
    cost = cost + row.costUsd
  end
  return done, errors, cached, cost
end
if redis.call('EXISTS', KEYS[2]) == 0 then
  local done, errors, cached, cost = tally(redis.call('HVALS', KEYS[1]))
  redis.call('HSET', KEYS[2], 'done', done, 'errors', errors, 'cached', cached, 'cost', cost)
end
local added = {}
for i = 3, #ARGV, 2 do
  if redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) == 1 then added[#added + 1] = ARGV[i + 1] end
end
local done, errors, cached, cost = tally(added)
redis.call('HINCRBY', KEYS[2], 'done', done)
redis.call('HINCRBY', KEYS[2], 'errors', errors)
redis.call('HINCRBY', KEYS[2], 'cached', cached)
redis.call('HINCRBYFLOAT', KEYS[2], 'cost', cost)
redis.call('HSET', KEYS[2], 'at', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[2], ARGV[1])
return done`;

export interface RunTotals {
  done: number;
  errors: number;
  cached: number;
  costUsd: number;
}

/**
 * Each run's stored results as Redis keeps them for progress and for ending the run: one statistics
 * row per work item, mirroring MongoDB, and counters derived from those rows in the same script.
 * Only the write that stored a result adds its row, and a work item's row is added and counted once,
 * so the counters never run ahead of MongoDB and a mirror holding every item of a run is exactly
 * MongoDB's; ending a run then reads no results back (on a MongoDB-compatible server without filter
 * pushdown, a scan of the whole collection). What Redis lost is restored from MongoDB through the
 * same script; a mirror still short of MongoDB (a worker died between the two writes) is never used
 * to end a run.
 */
export function createRunTally(options: { redis: Redis; prefix: string; store: Pick<HistoryStore, 'resultRows'> }) {
  const { redis } = options;
  const rowsKey = (runId: string) => `${options.prefix}:rows:${runId}`;
  const countersKey = (runId: string) => `${options.prefix}:stats:${runId}`;

  async function addRows(runId: string, rows: ResultRow[]): Promise<void> {
    const pairs = rows.flatMap((row) => [workItemKey(row), JSON.stringify(row)]);
    await runScript(redis, ADD_ROWS, [rowsKey(runId), countersKey(runId)], [TTL_S, Date.now(), ...pairs]);
  }

  /** Adds what MongoDB holds of the run and Redis does not (after Redis lost data). */
  async function restore(runId: string): Promise<void> {
    await addRows(runId, await options.store.resultRows(runId));
  }

  return {
    /** Counts results that were just stored; returns the runs they belong to. */
    async add(stored: ResultRecord[]): Promise<string[]> {
      const byRun = new Map<string, ResultRow[]>();
      for (const record of stored) {
        const rows = byRun.get(record.runId) ?? [];
        rows.push(toResultRow(record));
        byRun.set(record.runId, rows);
      }
      await Promise.all([...byRun].map(([runId, rows]) => addRows(runId, rows)));
      return [...byRun.keys()];
    },
    restore,
    async totals(runId: string): Promise<RunTotals> {
      let hash = await redis.hgetall(countersKey(runId));
      if (hash.done === undefined) {
        await restore(runId);
        hash = await redis.hgetall(countersKey(runId));
      }
      return {
        done: Number(hash.done ?? 0),
        errors: Number(hash.errors ?? 0),
        cached: Number(hash.cached ?? 0),
        costUsd: Number(hash.cost ?? 0),
      };
    },
    /**
     * The run's rows if the mirror holds all `total` of them and every one reads back as a row,
     * else undefined (read MongoDB instead).
     */
    async complete(runId: string, total: number): Promise<ResultRow[] | undefined> {
      const values = await redis.hvals(rowsKey(runId));
      if (values.length !== total) return undefined;
      let parsed: unknown[];
      try {
        parsed = values.map((value) => JSON.parse(value));
      } catch {
        return undefined;
      }
      const rows = ResultRowsSchema.safeParse(parsed);
      return rows.success ? rows.data : undefined;
    },
    /** Drops a finished run's rows; its counters stay (and expire) for late progress readers. */
    async drop(runId: string): Promise<void> {
      await redis.del(rowsKey(runId));
    },
    /** When a result of the run was last stored (ms), as far as Redis remembers. */
    async lastActivity(runId: string): Promise<number | undefined> {
      const at = await redis.hget(countersKey(runId), 'at');
      return at === null ? undefined : Number(at);
    },
  };
}
export type RunTally = ReturnType<typeof createRunTally>;
