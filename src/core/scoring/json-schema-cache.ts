import type { ValidateFunction } from 'ajv';
import Ajv2020Module from 'ajv/dist/2020.js';
import { RE2JS } from 're2js';

// ajv ships CommonJS; Node's ESM loader hands over `module.exports`, whose `default` is the class.
const Ajv2020 = Ajv2020Module.default;

/**
 * Schema `pattern`s run through RE2 (linear time) instead of JavaScript's backtracking RegExp,
 * so a schema from a user cannot stall a worker.
 */
const re2Engine = Object.assign(
  (pattern: string) => {
    const compiled = RE2JS.compile(pattern);
    return { test: (text: string) => compiled.test(text), toString: () => pattern };
  },
  { code: 're2' },
);

const ajv = new Ajv2020({
  strict: false,
  allErrors: false,
  validateFormats: false,
  logger: false,
  code: { regExp: re2Engine },
});

const cache = new Map<string, ValidateFunction>();
const CACHE_LIMIT = 200;

/** Compiles a JSON Schema (draft 2020-12), cached by its JSON text. Throws when the schema is invalid. */
export function compileSchema(schema: unknown): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = cache.get(key);
  if (cached) return cached;
  if (typeof schema !== 'object' && typeof schema !== 'boolean') throw new Error('a schema must be an object');
  const validate = ajv.compile(schema as object);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, validate);
  return validate;
}

/** A user-facing message for a schema that does not compile, or undefined. */
export function checkSchema(schema: unknown): string | undefined {
  try {
    compileSchema(schema);
    return undefined;
  } catch (error) {
    return `invalid JSON Schema: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The first validation error of the last call, readable. */
export function describeErrors(validate: ValidateFunction): string {
  const first = validate.errors?.[0];
  if (!first) return 'does not match the schema';
  const where = first.instancePath === '' ? 'the value' : `\`${first.instancePath}\``;
  return `${where} ${first.message ?? 'is invalid'}`;
}
