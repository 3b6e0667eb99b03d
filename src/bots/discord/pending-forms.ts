import type { Redis } from 'ioredis';
import { z } from 'zod';
import { FormSchema } from '../../core/commands/reply.ts';

/** A form waiting to be shown or resubmitted, with what the user already gave. No tokens: nothing secret. */
export const PendingFormSchema = z.object({
  form: FormSchema,
  userId: z.string().min(1),
  /** Text of a definition file attached to the command. */
  file: z.string().optional(),
});
export type PendingForm = z.infer<typeof PendingFormSchema>;

/**
 * Where forms wait for "Open form" or "Fix and resubmit" (Discord modals cannot stay open, and a
 * custom id holds 100 characters). Shared by every bot process, so any of them can take the click.
 */
export interface PendingForms {
  save(key: string, pending: PendingForm): Promise<void>;
  /** The form under `key`; undefined when it expired, never existed or no longer reads as a form. */
  load(key: string): Promise<PendingForm | undefined>;
}

export const PENDING_FORM_TTL_MS = 30 * 60_000;

export const pendingFormKey = (prefix: string, key: string) => `${prefix}:discord:form:${key}`;

/** Pending forms as JSON strings in Redis, each expiring half an hour after it was stored. */
export function createRedisPendingForms(options: { redis: Redis; prefix: string }): PendingForms {
  return {
    async save(key, pending) {
      await options.redis.set(pendingFormKey(options.prefix, key), JSON.stringify(pending), 'PX', PENDING_FORM_TTL_MS);
    },
    async load(key) {
      const raw = await options.redis.get(pendingFormKey(options.prefix, key));
      if (raw === null) return undefined;
      // An entry written by an older version, or damaged, reads as expired: the user opens the form again.
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch {
        return undefined;
      }
      const parsed = PendingFormSchema.safeParse(json);
      return parsed.success ? parsed.data : undefined;
    },
  };
}
