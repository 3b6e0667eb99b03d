import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ButtonSchema } from '../../core/commands/reply.ts';

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
export interface ButtonValues {
  save(key: string, button: StoredButton): Promise<void>;
  /** The button under `key`; undefined when it expired, never existed or no longer reads as one. */
  load(key: string): Promise<StoredButton | undefined>;
}

// A day: time enough to act on a listing or a result; older messages answer that the button expired.
export const BUTTON_VALUE_TTL_MS = 24 * 3600_000;

export const buttonValueKey = (prefix: string, key: string) => `${prefix}:discord:button:${key}`;

/** Button values as JSON strings in Redis, each expiring a day after it was last rendered. */
export function createRedisButtonValues(options: { redis: Redis; prefix: string }): ButtonValues {
  return {
    async save(key, button) {
      await options.redis.set(buttonValueKey(options.prefix, key), JSON.stringify(button), 'PX', BUTTON_VALUE_TTL_MS);
    },
    async load(key) {
      const raw = await options.redis.get(buttonValueKey(options.prefix, key));
      if (raw === null) return undefined;
      // A damaged entry, or one an older version wrote, reads as an expired button.
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return undefined;
      }
      const parsed = StoredButtonSchema.safeParse(json);
      return parsed.success ? parsed.data : undefined;
    },
  };
}
