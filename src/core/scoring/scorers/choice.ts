import { extractChoice } from '../extract-choice.ts';
import { broken, checkStringOrExpected, expectedText, NO_EXPECTED, verdict } from '../text.ts';
import type { ScorerSpec } from '../types.ts';

/** The multiple-choice label picked in the answer equals the expected label. */
export const choice: ScorerSpec = {
  type: 'choice',
  description: 'Multiple choice: the letter picked in the answer (A–J) equals the expected one',
  needsExpected: true,
  validate(assertion) {
    const message = checkStringOrExpected(assertion);
    if (message) return message;
    if (typeof assertion.value === 'string' && extractChoice(assertion.value) === undefined)
      return '`value` must be a choice letter A–J, e.g. `B`';
    return undefined;
  },
  score(output, assertion, context) {
    const expectedRaw = expectedText(assertion, context);
    if (expectedRaw === undefined) return broken(NO_EXPECTED);
    const expected = extractChoice(expectedRaw);
    if (expected === undefined) return broken(`the expected answer is not a choice letter A–J`);
    const picked = extractChoice(output);
    if (picked === undefined) return verdict(false, `no choice found in the answer (expected ${expected})`);
    return verdict(
      picked === expected,
      picked === expected ? `picked ${picked}` : `picked ${picked}, expected ${expected}`,
    );
  },
};
