import {
  broken,
  checkNormaliseOptions,
  checkStringOrExpected,
  expectedText,
  NO_EXPECTED,
  normalise,
  normaliseOptions,
  quote,
  verdict,
} from '../text.ts';
import type { ScorerSpec } from '../types.ts';

/** The output equals the expected text after normalisation (trim, NFKC, case, whitespace, final period). */
export const equals: ScorerSpec = {
  type: 'equals',
  description: 'Answer equals the expected text (ignoring case, spacing and a final period by default)',
  needsExpected: true,
  validate: (assertion) => checkStringOrExpected(assertion) ?? checkNormaliseOptions(assertion),
  score(output, assertion, context) {
    const expected = expectedText(assertion, context);
    if (expected === undefined) return broken(NO_EXPECTED);
    const options = normaliseOptions(assertion);
    const pass = normalise(output, options) === normalise(expected, options);
    return verdict(pass, pass ? `equals ${quote(expected)}` : `expected ${quote(expected)}, got ${quote(output)}`);
  },
};
