import { z } from 'zod';
import { ExportFormatSchema } from '../use-cases/hub.ts';

const name = z.string().trim().min(1).max(100);
const runId = z.string().trim().min(1).max(64);
const usd = z.number().min(0).max(1_000_000);

/**
 * Every `/bench` subcommand as data. Slack parses it from the command text (`parse-command-text.ts`);
 * Discord builds it from slash-command options. Both hand it to `handleCommand`.
 */
export const CommandSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('help'), topic: z.string().optional() }),
  z.object({ name: z.literal('new') }),
  z.object({ name: z.literal('edit'), benchmark: name }),
  z.object({ name: z.literal('list') }),
  z.object({ name: z.literal('show'), benchmark: name }),
  z.object({ name: z.literal('templates') }),
  z.object({ name: z.literal('fork'), template: name, as: name.optional() }),
  z.object({ name: z.literal('delete'), benchmark: name }),
  z.object({
    name: z.literal('run'),
    benchmark: name,
    models: z.array(z.string().min(1).max(200)).max(20).default([]),
    samples: z.number().int().min(1).max(20).optional(),
    cache: z.boolean().optional(),
  }),
  z.object({ name: z.literal('cancel'), run: runId }),
  z.object({ name: z.literal('status'), run: runId.optional() }),
  z.object({ name: z.literal('history'), benchmark: name, page: z.number().int().min(1).default(1) }),
  z.object({ name: z.literal('compare'), runA: runId, runB: runId }),
  z.object({ name: z.literal('leaderboard') }),
  z.object({ name: z.literal('export'), run: runId, format: ExportFormatSchema.default('csv') }),
  z.object({ name: z.literal('models'), search: z.string().max(100).default('') }),
  z.object({ name: z.literal('budget'), set: usd.optional() }),
  z.object({ name: z.literal('threshold'), set: usd }),
  z.object({ name: z.literal('unshare'), run: runId }),
]);
export type Command = z.infer<typeof CommandSchema>;
export type CommandName = Command['name'];
