import { broken, checkStringOrExpected, expectedText, NO_EXPECTED, quote, verdict } from '../text.ts';
import type { ScorerSpec } from '../types.ts';

/** The output, with leading whitespace ignored, starts with the text. */
export const startsWith: ScorerSpec = {
  type: 'starts-with',
  description: 'Answer starts with the text (leading spaces ignored)',
  needsExpected: true,
  validate: checkStringOrExpected,
  score(output, assertion, context) {
    const prefix = expectedText(assertion, context);
    if (prefix === undefined) return broken(NO_EXPECTED);
    const pass = output.trimStart().startsWith(prefix);
    return verdict(pass, `${pass ? 'starts' : 'does not start'} with ${quote(prefix)}`);
  },
};
