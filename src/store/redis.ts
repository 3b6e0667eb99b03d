import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../core/ports.ts';
import { withTimeout } from '../util/with-timeout.ts';

/**
 * A Redis connection for BullMQ workers and blocking commands: BullMQ requires
 * `maxRetriesPerRequest: null` so a blocked worker survives a Redis restart.
 */
export function createRedis(url: string, options: RedisOptions = {}, logger?: Pick<Logger, 'warn'>): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, ...options });
  // While Redis is down ioredis reconnects on its own; without a listener it would also print every
  // failed attempt to stderr, past the logger and its redaction.
  redis.on('error', (error: Error) => logger?.warn({ err: error.message }, 'redis connection error'));
  return redis;
}

/** Round-trips a PING within `timeoutMs`; throws with the reason otherwise. */
export async function pingRedis(redis: Redis, timeoutMs = 1000): Promise<void> {
  const reply = await withTimeout(redis.ping(), timeoutMs, 'Redis did not answer PING');
  if (reply !== 'PONG') throw new Error(`Redis answered PING with ${reply}`);
}

/**
 * A Redis connection for the hot path's many small commands (limiter, ledger, counters): commands
 * issued in the same tick leave in one write, so 64 concurrent calls cost a few syscalls, not 64.
 * Not for blocking commands, which would hold up everything pipelined behind them.
 */
export function createCommandRedis(url: string, logger?: Pick<Logger, 'warn'>): Redis {
  return createRedis(url, { enableAutoPipelining: true }, logger);
}

/** Deletes every key matching a glob `pattern`, a page at a time (SCAN, never KEYS, which blocks Redis). */
export async function deleteKeysMatching(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
