import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { BUDGET_ALERT_SHARE } from '../core/run/budget.ts';
import type { BudgetLedger } from '../core/use-cases/store-ports.ts';
import { deleteKeysMatching } from '../store/redis.ts';
import { runScript } from '../store/redis-script.ts';

// Keys of one workspace month: 1 ledger hash (`spent`, `alerted`), 2 holds hash (reservation id →
// amount), 3 hold expiries (zset id → ms). Holds expire unless renewed, so a killed worker's
// reservations free themselves. A ledger without `spent` was lost (Redis restarted or flushed).
const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

// ARGV: amount, limit, id, hold ms. Returns {1} granted, {0, left} refused, {-1} ledger lost.
const RESERVE = `${NOW}
if redis.call('HEXISTS', KEYS[1], 'spent') == 0 then return {-1, '0'} end
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
if #expired > 0 then
  redis.call('HDEL', KEYS[2], unpack(expired))
  redis.call('ZREM', KEYS[3], unpack(expired))
end
local reserved = 0
for _, amount in ipairs(redis.call('HVALS', KEYS[2])) do reserved = reserved + tonumber(amount) end
local spent = tonumber(redis.call('HGET', KEYS[1], 'spent'))
local amount, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
if spent + reserved + amount > limit + 1e-12 then
  return {0, tostring(limit - spent - reserved)}
end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[4]), ARGV[3])
redis.call('PEXPIRE', KEYS[2], 40 * 24 * 3600 * 1000)
redis.call('PEXPIRE', KEYS[3], 40 * 24 * 3600 * 1000)
return {1, '0'}`;

// ARGV: id, hold ms. Keeps a hold alive while its call runs.
const RENEW = `${NOW}
return redis.call('ZADD', KEYS[3], 'XX', now + tonumber(ARGV[2]), ARGV[1])`;

// ARGV: id, actual cost, limit, alert share. Returns 1 the first time spend crosses the alert share.
// A lost ledger is not started from this one call: it is rebuilt from the stored results, this one's included.
const SETTLE = `
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
if redis.call('HEXISTS', KEYS[1], 'spent') == 0 then return 0 end
local spent = tonumber(redis.call('HINCRBYFLOAT', KEYS[1], 'spent', ARGV[2]))
local limit = tonumber(ARGV[3])
if limit > 0 and spent >= limit * tonumber(ARGV[4]) then
  return redis.call('HSETNX', KEYS[1], 'alerted', '1')
end
return 0`;

export interface Reservation {
  granted: boolean;
  /** What was left when refused. */
  remainingUsd: number;
  /** Settles the reservation with the actual cost; true when this crossed the alert share. */
  settle(actualUsd: number): Promise<boolean>;
}

/**
 * The monthly spend of each workspace in Redis, reserved before each call (worst case) and settled
 * after (actual), atomically, so concurrent runs on any number of workers cannot overspend. Redis
 * keeps nothing on disk here: a missing ledger is rebuilt from MongoDB (`spentInStore`) first, and
 * the reservations of a worker that died expire after `holdMs` without renewal.
 */
export function createBudgetLedger(options: {
  redis: Redis;
  prefix: string;
  spentInStore: (workspaceId: string, month: string) => Promise<number>;
  /** How long a reservation lives without renewal (default 30 s; renewed every third of it). */
  holdMs?: number;
}): BudgetLedger & {
  reserve(workspaceId: string, month: string, amountUsd: number, limitUsd: number): Promise<Reservation>;
} {
  const { redis } = options;
  const holdMs = options.holdMs ?? 30_000;
  const keys = (workspaceId: string, month: string) => {
    // The hash tag keeps the three keys in one cluster slot, as a script over all of them requires.
    const ledger = `${options.prefix}:budget:{${workspaceId}:${month}}`;
    return [ledger, `${ledger}:holds`, `${ledger}:expiry`];
  };

  async function ensure(workspaceId: string, month: string): Promise<string[]> {
    const ledgerKeys = keys(workspaceId, month);
    const [ledger] = ledgerKeys as [string];
    if ((await redis.hexists(ledger, 'spent')) === 0) {
      const spent = await options.spentInStore(workspaceId, month);
      await redis.hsetnx(ledger, 'spent', String(spent));
      await redis.expire(ledger, 40 * 24 * 3600);
    }
    return ledgerKeys;
  }

  return {
    forget: (workspaceId) => deleteKeysMatching(redis, `${options.prefix}:budget:{${workspaceId}:*`),
    async spent(workspaceId, month) {
      const [ledger] = (await ensure(workspaceId, month)) as [string];
      return Number((await redis.hget(ledger, 'spent')) ?? 0);
    },
    async reserve(workspaceId, month, amountUsd, limitUsd) {
      const id = randomUUID();
      let answer: [number, string];
      const ledgerKeys = keys(workspaceId, month);
      for (;;) {
        const args = [String(amountUsd), String(limitUsd), id, holdMs];
        answer = (await runScript(redis, RESERVE, ledgerKeys, args)) as [number, string];
        // The script answers -1 when the ledger is missing (first use this month, or Redis lost it).
        if (answer[0] !== -1) break;
        await ensure(workspaceId, month);
      }
      const granted = answer[0] === 1;
      const renewal = granted
        ? setInterval(() => {
            runScript(redis, RENEW, ledgerKeys, [id, holdMs]).catch(() => {
              // A missed renewal only brings the expiry closer; the next one or the settle follows.
            });
          }, holdMs / 3)
        : undefined;
      renewal?.unref();
      let settled = false;
      return {
        granted,
        remainingUsd: Math.max(0, Number(answer[1])),
        async settle(actualUsd) {
          if (!granted || settled) return false;
          settled = true;
          clearInterval(renewal);
          const args = [id, String(actualUsd), String(limitUsd), String(BUDGET_ALERT_SHARE)];
          return (await runScript(redis, SETTLE, ledgerKeys, args)) === 1;
        },
      };
    },
  };
}
export type RedisBudgetLedger = ReturnType<typeof createBudgetLedger>;
