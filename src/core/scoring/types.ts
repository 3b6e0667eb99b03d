import { z } from 'zod';
import type { Assertion, ChatMessage, ResolvedCase } from '../definition/schema.ts';

/** What one scorer says about one output. */
export const ScoreResultSchema = z.object({
  score: z.number().min(0).max(1),
  pass: z.boolean(),
  reason: z.string(),
  /**
   * The check could not be evaluated (missing expected answer, crashed script, failed judge).
   * Negation keeps such a result failing, so `not-X` never passes because X broke.
   */
  error: z.boolean().optional(),
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

/** A deterministic scorer with what the registry needs to know about it. */
export interface ScorerSpec {
  type: string;
  description: string;
  /** Whether the scorer compares against the case's `expected` answer when `value` is absent. */
  needsExpected: boolean;
  /** Checks `value`/`options` ahead of any run; returns a user-facing message or undefined. */
  validate: (assertion: Assertion) => string | undefined;
  score: Scorer;
}
