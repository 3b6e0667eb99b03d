import { z } from 'zod';
import { RunStatusSchema } from './status.ts';

/**
 * What a run tells the surfaces that watch it (chat progress messages, report pages, the CLI).
 * Published on every batch of results and on every status change; consumers throttle themselves.
 */
export const RunProgressEventSchema = z.object({
  runId: z.string(),
  status: RunStatusSchema,
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  errors: z.number().int().min(0),
  cached: z.number().int().min(0),
  costUsd: z.number().min(0),
  /** Milliseconds left at the current pace; null until the pace is known. */
  etaMs: z.number().min(0).nullable(),
  /** Human-readable note for pauses and failures (budget left, error cause). */
  message: z.string().default(''),
  at: z.string(),
});
export type RunProgressEvent = z.infer<typeof RunProgressEventSchema>;

/** Estimated time left, from the pace so far. */
export function estimateEtaMs(done: number, total: number, elapsedMs: number): number | null {
  if (done <= 0 || elapsedMs <= 0) return null;
  return Math.max(0, Math.round(((total - done) * elapsedMs) / done));
}
