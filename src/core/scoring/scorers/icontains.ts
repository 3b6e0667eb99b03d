import { broken, checkStringOrExpected, expectedText, foldCase, NO_EXPECTED, quote, verdict } from '../text.ts';
import type { ScorerSpec } from '../types.ts';

/** Case-insensitive containment; both sides are NFKC-normalised so full-width letters match. */
export function includesFolded(haystack: string, needle: string): boolean {
  return foldCase(haystack.normalize('NFKC')).includes(foldCase(needle.normalize('NFKC')));
}

/** The output contains the text, ignoring case. */
export const icontains: ScorerSpec = {
  type: 'icontains',
  description: 'Answer contains the text, ignoring case',
  needsExpected: true,
  validate: checkStringOrExpected,
  score(output, assertion, context) {
    const needle = expectedText(assertion, context);
    if (needle === undefined) return broken(NO_EXPECTED);
    const pass = includesFolded(output, needle);
    return verdict(pass, `${pass ? 'contains' : 'does not contain'} ${quote(needle)} (ignoring case)`);
  },
};
