import type { Assertion } from '../../definition/schema.ts';
import { extractJson } from '../json-extract.ts';
import { jsonEqual, parseJsonPath, resolveJsonPath } from '../json-path.ts';
import { quote, verdict } from '../text.ts';
import type { ScorerSpec } from '../types.ts';

interface JsonPathValue {
  path: string;
  equals?: unknown;
  hasEquals: boolean;
}

function readValue(assertion: Assertion): JsonPathValue | string {
  const value = assertion.value;
  if (typeof value === 'string') return { path: value, hasEquals: false };
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return '`value` must be `{path: "$.a.b[0]", equals?: …}` or a path string';
  const record = value as Record<string, unknown>;
  if (typeof record.path !== 'string') return '`value.path` must be a JSONPath string such as `$.a.b[0]`';
  const unknown = Object.keys(record).filter((key) => key !== 'path' && key !== 'equals');
  if (unknown.length > 0) return `\`value\` has unknown field \`${unknown[0]}\` (use path and equals)`;
  return { path: record.path, equals: record.equals, hasEquals: Object.hasOwn(record, 'equals') };
}

/** A field of the answer's JSON exists at a path and, when `equals` is given, has that value. */
export const jsonPath: ScorerSpec = {
  type: 'json-path',
  description: 'A field of the answer’s JSON exists at `value.path` (e.g. `$.a[0]`) and equals `value.equals`',
  needsExpected: false,
  validate(assertion) {
    const value = readValue(assertion);
    if (typeof value === 'string') return value;
    try {
      parseJsonPath(value.path);
      return undefined;
    } catch (error) {
      return `invalid path ${quote(value.path)}: ${error instanceof Error ? error.message : String(error)}`;
    }
  },
  score(output, assertion) {
    const value = readValue(assertion) as JsonPathValue;
    const json = extractJson(output);
    if (!json.ok) return verdict(false, json.reason);
    const found = resolveJsonPath(json.value, parseJsonPath(value.path));
    if (!found.found) return verdict(false, `nothing at ${value.path}`);
    if (!value.hasEquals) return verdict(true, `${value.path} exists`);
    const shown = JSON.stringify(found.value) ?? 'undefined';
    return jsonEqual(found.value, value.equals)
      ? verdict(true, `${value.path} = ${quote(shown)}`)
      : verdict(false, `${value.path} is ${quote(shown)}, expected ${quote(JSON.stringify(value.equals) ?? '')}`);
  },
};
