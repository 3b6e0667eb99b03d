import { checkStringList, quote, stringList, verdict } from '../text.ts';
import type { ScorerSpec } from '../types.ts';

/** The output contains at least one of the texts (case-sensitive). */
export const containsAny: ScorerSpec = {
  type: 'contains-any',
  description: 'Answer contains at least one of the texts',
  needsExpected: false,
  validate: checkStringList,
  score(output, assertion) {
    const needles = stringList(assertion.value) ?? [];
    const found = needles.find((needle) => output.includes(needle));
    return found === undefined
      ? verdict(false, `contains none of ${needles.map((needle) => quote(needle, 30)).join(', ')}`)
      : verdict(true, `contains ${quote(found)}`);
  },
};
