import { z } from 'zod';

/** Expected and worst-case usage and cost of one model (answering, or judging). */
export const ModelEstimateSchema = z.object({
  model: z.string(),
  calls: z.number().int().min(0),
  promptTokens: z.number().int().min(0),
  expectedCompletionTokens: z.number().int().min(0),
  worstCompletionTokens: z.number().int().min(0),
  /** USD; 0 when the model has no known price (`priced` false), which the totals then leave out. */
  expectedUsd: z.number().min(0),
  worstUsd: z.number().min(0),
  priced: z.boolean(),
});
export type ModelEstimate = z.infer<typeof ModelEstimateSchema>;

export const RunEstimateSchema = z.object({
  cases: z.number().int().min(0),
  samples: z.number().int().min(1),
  models: z.array(ModelEstimateSchema),
  /** Judge models, each over every judged answer of every model. */
  judge: z.array(ModelEstimateSchema),
  /** Models (answering or judging) without a price: their cost is not in the totals. */
  unknownModels: z.array(z.string()),
  /** Whether every model is priced, so the totals are the whole cost. */
  complete: z.boolean(),
  calls: z.number().int().min(0),
  expectedUsd: z.number().min(0),
  /** Every call uses `max_tokens`. */
  worstUsd: z.number().min(0),
  catalogFetchedAt: z.string(),
});
export type RunEstimate = z.infer<typeof RunEstimateSchema>;
