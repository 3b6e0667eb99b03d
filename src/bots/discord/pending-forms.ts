import type { Redis } from 'ioredis';
import { z } from 'zod';
import { FormSchema } from '../../core/commands/reply.ts';
import { createRedisJsonStore, type JsonStore } from './redis-json-store.ts';

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
export type PendingForms = JsonStore<PendingForm>;

export const PENDING_FORM_TTL_MS = 30 * 60_000;

export const pendingFormKey = (prefix: string, key: string) => `${prefix}:discord:form:${key}`;

/** Pending forms in Redis, each expiring half an hour after it was stored. */
export function createRedisPendingForms(options: { redis: Redis; prefix: string }): PendingForms {
  return createRedisJsonStore({
    redis: options.redis,
    keyOf: (key) => pendingFormKey(options.prefix, key),
    schema: PendingFormSchema,
    ttlMs: PENDING_FORM_TTL_MS,
  });
}
