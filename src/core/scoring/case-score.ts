import { z } from 'zod';

/** The outcome of one assertion on one output. */
export const CheckSchema = z.object({
  type: z.string(),
  score: z.number().min(0).max(1),
  pass: z.boolean(),
  reason: z.string(),
  weight: z.number().min(0),
});
export type Check = z.infer<typeof CheckSchema>;

/** One judge model's verdict on one output. */
export const JudgeVerdictEntrySchema = z.object({
  model: z.string(),
  score: z.number().min(0).max(1),
  pass: z.boolean(),
  reason: z.string(),
});
export type JudgeVerdictEntry = z.infer<typeof JudgeVerdictEntrySchema>;

/** One judge model call, reported so the engine charges it to the run's budget. */
export const JudgeCallSchema = z.object({
  model: z.string(),
  costUsd: z.number().min(0),
  promptTokens: z.number().int().min(0),
  completionTokens: z.number().int().min(0),
  latencyMs: z.number().min(0),
  error: z.string().optional(),
});
export type JudgeCall = z.infer<typeof JudgeCallSchema>;

/** The score of one case's output: every check, the judges' verdicts and what judging cost. */
export const CaseScoreSchema = z.object({
  score: z.number().min(0).max(1),
  pass: z.boolean(),
  checks: z.array(CheckSchema),
  judge: z
    .object({
      verdicts: z.array(JudgeVerdictEntrySchema),
      /** Share of judges whose pass agrees with the combined pass (0..1). */
      agreement: z.number().min(0).max(1),
    })
    .optional(),
  judgeCalls: z.array(JudgeCallSchema),
});
export type CaseScore = z.infer<typeof CaseScoreSchema>;
