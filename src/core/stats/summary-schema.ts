import { z } from 'zod';

/** One scored answer, as the statistics need it (a projection of a stored result). */
export const ResultRowSchema = z.object({
  caseId: z.string(),
  model: z.string(),
  sample: z.number().int().min(0),
  score: z.number().min(0).max(1),
  pass: z.boolean(),
  costUsd: z.number().min(0),
  latencyMs: z.number().min(0),
  cached: z.boolean(),
  /** The call's error kind when the model call failed; such a result has no answer to score. */
  error: z.string().nullable(),
  tags: z.array(z.string()),
  promptTokens: z.number().int().min(0),
  completionTokens: z.number().int().min(0),
});
export type ResultRow = z.infer<typeof ResultRowSchema>;

export const IntervalSchema = z.object({ low: z.number(), high: z.number() });

export const TagSummarySchema = z.object({
  tag: z.string(),
  n: z.number().int(),
  passRate: z.number(),
  meanScore: z.number(),
});

export const ModelSummarySchema = z.object({
  model: z.string(),
  /** Scored answers (cases × samples without errors). */
  n: z.number().int(),
  /** Cases with at least one scored answer. */
  cases: z.number().int(),
  passes: z.number().int(),
  passRate: z.number(),
  /** Wilson 95% interval of the pass rate. */
  passCi: IntervalSchema,
  meanScore: z.number(),
  /** Percentile bootstrap 95% interval of the mean score, resampling cases. */
  scoreCi: IntervalSchema,
  errors: z.number().int(),
  cached: z.number().int(),
  costUsd: z.number(),
  /** Cost divided by passed answers; null when nothing passed. */
  costPerPass: z.number().nullable(),
  /** Latency percentiles of answered, uncached calls (ms); null when there are none. */
  latencyP50: z.number().nullable(),
  latencyP95: z.number().nullable(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  /** Stability with k = samples, averaged over cases that have k scored samples. */
  passAtK: z.object({ k: z.number().int(), passAtK: z.number(), passHatK: z.number() }).optional(),
  byTag: z.array(TagSummarySchema),
});
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

export const PairwiseSchema = z.object({
  a: z.string(),
  b: z.string(),
  /** Cases (answered by both) where a scored higher / the same / lower than b. */
  wins: z.number().int(),
  ties: z.number().int(),
  losses: z.number().int(),
  /** Exact McNemar p-value on per-case pass (at least half the samples pass). */
  mcnemarP: z.number(),
  /** Mean per-case score of a minus b, with its paired bootstrap 95% interval and p-value. */
  scoreDiff: z.number(),
  scoreDiffLow: z.number(),
  scoreDiffHigh: z.number(),
  bootstrapP: z.number(),
  /** Either test gives p < 0.05. */
  significant: z.boolean(),
});
export type Pairwise = z.infer<typeof PairwiseSchema>;

export const RunSummarySchema = z.object({
  models: z.array(ModelSummarySchema),
  /** Model ids, best first: by pass rate, then mean score. */
  ranking: z.array(z.string()),
  pairwise: z.array(PairwiseSchema),
  totals: z.object({
    results: z.number().int(),
    errors: z.number().int(),
    costUsd: z.number(),
    cached: z.number().int(),
  }),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;
