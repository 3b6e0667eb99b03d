import type { Redis } from 'ioredis';
import { workItemKey } from '../core/run/plan.ts';
import { type ResultRow, ResultRowSchema } from '../core/stats/summary.ts';
import type { ResultRecord } from '../core/use-cases/store-ports.ts';
import { toResultRow } from '../store/report-queries.ts';

const TTL_S = 7 * 24 * 3600;
const ResultRowsSchema = ResultRowSchema.array();

/**
 * The statistics rows of each run's stored results, mirrored in Redis so that ending a run does not
 * read all its results back (a scan MongoDB-compatible servers without filter pushdown pay per
 * document in the collection). Only the write that stored a result adds its row, under the work
 * item's key, so a complete mirror holds exactly what MongoDB holds; an incomplete one (Redis lost
 * it, or a worker died between the two writes) is never used.
 */
export function createRunRows(options: { redis: Redis; prefix: string }) {
  const key = (runId: string) => `${options.prefix}:rows:${runId}`;
  return {
    /** Mirrors results that were just stored. */
    async add(stored: ResultRecord[]): Promise<void> {
      const byRun = new Map<string, string[]>();
      for (const record of stored) {
        const fields = byRun.get(record.runId) ?? [];
        fields.push(workItemKey(record), JSON.stringify(toResultRow(record)));
        byRun.set(record.runId, fields);
      }
      await Promise.all(
        [...byRun].flatMap(([runId, fields]) => [
          options.redis.hset(key(runId), ...fields),
          options.redis.expire(key(runId), TTL_S),
        ]),
      );
    },
    /**
     * The run's rows if the mirror holds all `total` of them and every one reads back as a row,
     * else undefined (read MongoDB instead).
     */
    async complete(runId: string, total: number): Promise<ResultRow[] | undefined> {
      const values = await options.redis.hvals(key(runId));
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
    async drop(runId: string): Promise<void> {
      await options.redis.del(key(runId));
    },
  };
}
export type RunRows = ReturnType<typeof createRunRows>;
