import { verdict } from '../text.ts';
import type { ScorerSpec } from '../types.ts';

const BOUNDS = ['minWords', 'maxWords', 'minChars', 'maxChars'] as const;

function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

/** The answer's length in words and characters (code points, trimmed) lies within the bounds. */
export const length: ScorerSpec = {
  type: 'length',
  description: 'Answer length within bounds (options minWords, maxWords, minChars, maxChars)',
  needsExpected: false,
  validate(assertion) {
    const options = assertion.options ?? {};
    const given = BOUNDS.filter((bound) => options[bound] !== undefined);
    if (given.length === 0) return 'give at least one of the options minWords, maxWords, minChars, maxChars';
    for (const bound of given) {
      const value = options[bound];
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        return `option \`${bound}\` must be a whole number ≥ 0`;
    }
    for (const unit of ['Words', 'Chars'] as const) {
      const min = options[`min${unit}`];
      const max = options[`max${unit}`];
      if (typeof min === 'number' && typeof max === 'number' && min > max)
        return `option \`min${unit}\` is larger than \`max${unit}\``;
    }
    return undefined;
  },
  score(output, assertion) {
    const options = assertion.options ?? {};
    const trimmed = output.trim();
    const measured = { Words: wordCount(trimmed), Chars: Array.from(trimmed).length };
    const problems: string[] = [];
    for (const unit of ['Words', 'Chars'] as const) {
      const min = options[`min${unit}`];
      const max = options[`max${unit}`];
      const name = unit.toLowerCase();
      if (typeof min === 'number' && measured[unit] < min) problems.push(`${measured[unit]} ${name} < ${min}`);
      if (typeof max === 'number' && measured[unit] > max) problems.push(`${measured[unit]} ${name} > ${max}`);
    }
    return problems.length === 0
      ? verdict(true, `${measured.Words} words, ${measured.Chars} characters`)
      : verdict(false, problems.join('; '));
  },
};
