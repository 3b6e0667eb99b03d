import { broken, checkStringOrExpected, expectedText, NO_EXPECTED, quote, verdict } from '../text.ts';
import type { ScorerSpec } from '../types.ts';

/** The output contains the text, case-sensitively. */
export const contains: ScorerSpec = {
  type: 'contains',
  description: 'Answer contains the text (case-sensitive)',
  needsExpected: true,
  validate: checkStringOrExpected,
  score(output, assertion, context) {
    const needle = expectedText(assertion, context);
    if (needle === undefined) return broken(NO_EXPECTED);
    const pass = output.includes(needle);
    return verdict(pass, `${pass ? 'contains' : 'does not contain'} ${quote(needle)}`);
  },
};
