import { z } from 'zod';
import type { Assertion, ChatMessage, ResolvedCase } from '../definition/schema.ts';

/** What one scorer says about one output. */
export const ScoreResultSchema = z.object({
  score: z.number().min(0).max(1),
  pass: z.boolean(),
  reason: z.string(),
});
export type ScoreResult = z.infer<typeof ScoreResultSchema>;

/** Everything a scorer may look at besides the output. */
export interface ScoringContext {
  case: ResolvedCase;
  /** The messages the model was sent, for judges. */
  messages: ChatMessage[];
  vars: Record<string, string>;
}

/** A deterministic scorer: pure and synchronous. */
export type Scorer = (output: string, assertion: Assertion, context: ScoringContext) => ScoreResult;
