import { checkStringList, quote, stringList, verdict } from '../text.ts';
import type { ScorerSpec } from '../types.ts';

/** The output contains every one of the texts (case-sensitive). */
export const containsAll: ScorerSpec = {
  type: 'contains-all',
  description: 'Answer contains every one of the texts',
  needsExpected: false,
  validate: checkStringList,
  score(output, assertion) {
    const needles = stringList(assertion.value) ?? [];
    const missing = needles.filter((needle) => !output.includes(needle));
    return missing.length === 0
      ? verdict(true, `contains all ${needles.length}`)
      : verdict(false, `missing ${missing.map((needle) => quote(needle, 30)).join(', ')}`);
  },
};
