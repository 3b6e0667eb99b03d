import type { Redis } from 'ioredis';
import { BUDGET_ALERT_SHARE } from '../core/run/budget.ts';
import type { BudgetLedger } from '../core/use-cases/store-ports.ts';

// KEYS[1] ledger hash; ARGV: amount, limit. Refuses when spent + reserved + amount would pass the limit.
const RESERVE = `
local spent = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
local reserved = tonumber(redis.call('HGET', KEYS[1], 'reserved') or '0')
local amount = tonumber(ARGV[1])
if spent + reserved + amount > tonumber(ARGV[2]) + 1e-12 then
  return {0, tostring(tonumber(ARGV[2]) - spent - reserved)}
end
redis.call('HINCRBYFLOAT', KEYS[1], 'reserved', amount)
return {1, '0'}`;

// ARGV: reserved amount, actual cost, limit, alert share. Returns 1 the first time spend crosses the alert share.
const SETTLE = `
redis.call('HINCRBYFLOAT', KEYS[1], 'reserved', -tonumber(ARGV[1]))
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
 * keeps nothing on disk here: a missing ledger is rebuilt from MongoDB (`spentInStore`) first.
 */
export function createBudgetLedger(options: {
  redis: Redis;
  prefix: string;
  spentInStore: (workspaceId: string, month: string) => Promise<number>;
}): BudgetLedger & {
  reserve(workspaceId: string, month: string, amountUsd: number, limitUsd: number): Promise<Reservation>;
} {
  const { redis } = options;
  const key = (workspaceId: string, month: string) => `${options.prefix}:budget:${workspaceId}:${month}`;

  async function ensure(workspaceId: string, month: string): Promise<string> {
    const ledger = key(workspaceId, month);
    if ((await redis.hexists(ledger, 'spent')) === 0) {
      const spent = await options.spentInStore(workspaceId, month);
      await redis.hsetnx(ledger, 'spent', String(spent));
      await redis.expire(ledger, 40 * 24 * 3600);
    }
    return ledger;
  }

  return {
    async spent(workspaceId, month) {
      return Number((await redis.hget(await ensure(workspaceId, month), 'spent')) ?? 0);
    },
    async reserve(workspaceId, month, amountUsd, limitUsd) {
      const ledger = await ensure(workspaceId, month);
      const [granted, remaining] = (await redis.eval(RESERVE, 1, ledger, String(amountUsd), String(limitUsd))) as [
        number,
        string,
      ];
      let settled = false;
      return {
        granted: granted === 1,
        remainingUsd: Math.max(0, Number(remaining)),
        async settle(actualUsd) {
          if (granted !== 1 || settled) return false;
          settled = true;
          const args = [String(amountUsd), String(actualUsd), String(limitUsd), String(BUDGET_ALERT_SHARE)];
          return (await redis.eval(SETTLE, 1, ledger, ...args)) === 1;
        },
      };
    },
  };
}
export type RedisBudgetLedger = ReturnType<typeof createBudgetLedger>;
