import { extractJson } from '../json-extract.ts';
import { checkSchema, compileSchema, describeErrors } from '../json-schema-cache.ts';
import { verdict } from '../text.ts';
import type { ScorerSpec } from '../types.ts';

/** The answer's JSON matches a JSON Schema (draft 2020-12) given as `value`. */
export const jsonSchema: ScorerSpec = {
  type: 'json-schema',
  description: 'Answer is JSON matching the JSON Schema (draft 2020-12) in `value`',
  needsExpected: false,
  validate: (assertion) =>
    assertion.value === undefined ? '`value` must be a JSON Schema object' : checkSchema(assertion.value),
  score(output, assertion) {
    const json = extractJson(output);
    if (!json.ok) return verdict(false, json.reason);
    const validate = compileSchema(assertion.value);
    return validate(json.value) ? verdict(true, 'matches the schema') : verdict(false, describeErrors(validate));
  },
};
