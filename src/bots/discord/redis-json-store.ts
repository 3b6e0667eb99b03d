import type { Redis } from 'ioredis';
import type { z } from 'zod';

/** Values that wait in Redis for a click that any bot process may take. */
export interface JsonStore<T> {
  save(key: string, value: T): Promise<void>;
  /** The value under `key`; undefined when it expired, never existed or no longer reads as one. */
  load(key: string): Promise<T | undefined>;
}

/**
 * Values as JSON strings under `keyOf(key)`, each expiring `ttlMs` after it was saved. What is read
 * back is checked against `schema`: an entry an older version wrote, or a damaged one, reads as
 * expired, so the user starts that step again instead of meeting a crash.
 */
export function createRedisJsonStore<S extends z.ZodType>(options: {
  redis: Redis;
  keyOf: (key: string) => string;
  schema: S;
  ttlMs: number;
}): JsonStore<z.infer<S>> {
  return {
    async save(key, value) {
      await options.redis.set(options.keyOf(key), JSON.stringify(value), 'PX', options.ttlMs);
    },
    async load(key) {
      const raw = await options.redis.get(options.keyOf(key));
      if (raw === null) return undefined;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return undefined;
      }
      const parsed = options.schema.safeParse(json);
      return parsed.success ? parsed.data : undefined;
    },
  };
}
