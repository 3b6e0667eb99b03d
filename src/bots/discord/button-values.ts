import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ButtonSchema } from '../../core/commands/reply.ts';
import { createRedisJsonStore, type JsonStore } from './redis-json-store.ts';

/** A button's action and a value too long for its custom id (a benchmark name may take 100 characters). */
export const StoredButtonSchema = z.object({
  action: ButtonSchema.shape.action,
  // Required here: an entry without its value is damaged, not a button with an empty value.
  value: ButtonSchema.shape.value.removeDefault(),
});
export type StoredButton = z.infer<typeof StoredButtonSchema>;

/**
 * Where button values that do not fit in a custom id wait for the click. Shared by every bot and
 * worker process, so a button posted by one can be clicked through another, or after a restart.
 */
export type ButtonValues = JsonStore<StoredButton>;

// A day: time enough to act on a listing or a result; older messages answer that the button expired.
export const BUTTON_VALUE_TTL_MS = 24 * 3600_000;

export const buttonValueKey = (prefix: string, key: string) => `${prefix}:discord:button:${key}`;

/** Button values in Redis, each expiring a day after it was last rendered. */
export function createRedisButtonValues(options: { redis: Redis; prefix: string }): ButtonValues {
  return createRedisJsonStore({
    redis: options.redis,
    keyOf: (key) => buttonValueKey(options.prefix, key),
    schema: StoredButtonSchema,
    ttlMs: BUTTON_VALUE_TTL_MS,
  });
}
