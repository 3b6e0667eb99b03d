import { levenshteinDistance } from '../edit-distance.ts';
import {
  broken,
  checkNormaliseOptions,
  checkStringOrExpected,
  expectedText,
  NO_EXPECTED,
  normalise,
  normaliseOptions,
  thresholdOf,
} from '../text.ts';
import type { ScorerSpec } from '../types.ts';

/**
 * Similarity 1 − distance / longer length, after the same normalisation as `equals`. Pairs too long
 * for an exact edit distance score the length-ratio bound (shorter / longer), which no edit can beat.
 */
export const levenshtein: ScorerSpec = {
  type: 'levenshtein',
  description: 'Edit-distance similarity to the expected text, 0..1 (threshold default 0.8)',
  needsExpected: true,
  validate: (assertion) => checkStringOrExpected(assertion) ?? checkNormaliseOptions(assertion),
  score(output, assertion, context) {
    const expectedRaw = expectedText(assertion, context);
    if (expectedRaw === undefined) return broken(NO_EXPECTED);
    const options = normaliseOptions(assertion);
    const actual = normalise(output, options);
    const expected = normalise(expectedRaw, options);
    const threshold = thresholdOf(assertion, 0.8);
    const lengths = [[...actual].length, [...expected].length];
    const longer = Math.max(...lengths);
    if (longer === 0) return { score: 1, pass: true, reason: 'both empty' };
    const distance = levenshteinDistance(actual, expected);
    const score = distance === undefined ? Math.min(...lengths) / longer : 1 - distance / longer;
    const shown = `${distance === undefined ? 'similarity at most' : 'similarity'} ${score.toFixed(3)}`;
    return { score, pass: score >= threshold, reason: `${shown} (threshold ${threshold})` };
  },
};
