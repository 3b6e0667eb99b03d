import { extractJson } from '../json-extract.ts';
import { checkSchema, compileSchema, describeErrors } from '../json-schema-cache.ts';
import { verdict } from '../text.ts';
import type { ScorerSpec } from '../types.ts';

/** The answer is JSON (or holds it in a fenced block); an optional `value` schema must match too. */
export const isJson: ScorerSpec = {
  type: 'is-json',
  description: 'Answer is valid JSON (a ```json block counts); `value` may give a schema it must match',
  needsExpected: false,
  validate: (assertion) => (assertion.value === undefined ? undefined : checkSchema(assertion.value)),
  score(output, assertion) {
    const json = extractJson(output);
    if (!json.ok) return verdict(false, json.reason);
    const where = json.fenced ? 'valid JSON in a fenced block' : 'valid JSON';
    if (assertion.value === undefined) return verdict(true, where);
    const validate = compileSchema(assertion.value);
    return validate(json.value)
      ? verdict(true, `${where}, matches the schema`)
      : verdict(false, describeErrors(validate));
  },
};
