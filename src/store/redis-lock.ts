import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../core/errors.ts';

// Deletes the lock only if we still own it, so an expired lock taken over by someone else survives.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Runs `fn` while holding a Redis mutex on `key`. Our MongoDB-compatible test server does not make
 * conditional updates atomic (FerretDB's SQLite backend loses concurrent `$inc`s and lets two
 * `findOneAndUpdate`s on the same filter both win), so read-check-write sequences take this lock.
 */
export async function withRedisLock<T>(
  redis: Redis,
  key: string,
  fn: () => Promise<T>,
  options: { ttlMs?: number; waitMs?: number } = {},
): Promise<T> {
  const ttlMs = options.ttlMs ?? 10_000;
  const deadline = Date.now() + (options.waitMs ?? 15_000);
  const token = randomBytes(12).toString('hex');
  let delay = 5;
  while ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') {
    if (Date.now() > deadline) throw new AppError('busy', 'That item is busy; try again in a moment.');
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 100);
  }
  try {
    return await fn();
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}
