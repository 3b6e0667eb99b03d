import { lcsLength } from '../edit-distance.ts';
import { broken, checkStringOrExpected, expectedText, NO_EXPECTED, thresholdOf } from '../text.ts';
import type { ScorerSpec } from '../types.ts';

/** Lower-cased word tokens (letters and digits in any script), punctuation dropped. */
export function tokenize(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * ROUGE-L F1: the longest common token subsequence against the reference (value or expected).
 * Pairs too long for an exact LCS score the bound LCS ≤ shorter length.
 */
export const rougeL: ScorerSpec = {
  type: 'rouge-l',
  description: 'ROUGE-L F-measure (longest common word subsequence) against the reference, 0..1 (threshold 0.5)',
  needsExpected: true,
  validate: checkStringOrExpected,
  score(output, assertion, context) {
    const reference = expectedText(assertion, context);
    if (reference === undefined) return broken(NO_EXPECTED);
    const candidate = tokenize(output);
    const target = tokenize(reference);
    const threshold = thresholdOf(assertion, 0.5);
    if (candidate.length === 0 || target.length === 0) {
      const score = candidate.length === target.length ? 1 : 0;
      return { score, pass: score >= threshold, reason: score === 1 ? 'both empty' : 'no words to compare' };
    }
    const exact = lcsLength(candidate, target);
    const lcs = exact ?? Math.min(candidate.length, target.length);
    const precision = lcs / candidate.length;
    const recall = lcs / target.length;
    const score = lcs === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    const shown = `${exact === undefined ? 'ROUGE-L at most' : 'ROUGE-L'} ${score.toFixed(3)}`;
    return { score, pass: score >= threshold, reason: `${shown} (threshold ${threshold})` };
  },
};
