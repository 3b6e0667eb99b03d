import { RE2JS } from 're2js';
import { quote, verdict } from '../text.ts';
import type { ScorerSpec } from '../types.ts';

const FLAG_BITS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  // JavaScript's `g`, `u` and `y` change nothing about whether a match exists.
  g: 0,
  u: 0,
  y: 0,
};

const cache = new Map<string, RE2JS>();
const CACHE_LIMIT = 500;

/**
 * Compiles `pattern` or `/pattern/flags` with RE2 semantics, which match in linear time so no
 * pattern/output pair can stall a worker. Throws with RE2's message on an invalid pattern.
 */
export function compileRegex(value: string): RE2JS {
  const cached = cache.get(value);
  if (cached) return cached;
  let source = value;
  let flags = 0;
  const literal = /^\/([\s\S]*)\/([a-z]*)$/.exec(value);
  if (literal) {
    source = literal[1] ?? '';
    for (const flag of literal[2] ?? '') {
      const bit = FLAG_BITS[flag];
      if (bit === undefined) throw new Error(`unknown flag \`${flag}\` (use i, m or s)`);
      flags |= bit;
    }
  }
  const compiled = RE2JS.compile(source, flags);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(value, compiled);
  return compiled;
}

function validate(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '')
    return '`value` must be a regular expression, e.g. `^\\d+$` or `/yes/i`';
  try {
    compileRegex(value);
    return undefined;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return `invalid regular expression ${quote(value)}: ${detail} (RE2 syntax: no lookarounds or backreferences)`;
  }
}

/** Some part of the output matches the regular expression (RE2 syntax, linear time). */
export const regex: ScorerSpec = {
  type: 'regex',
  description: 'Answer matches a regular expression (`pattern` or `/pattern/flags`, RE2 syntax)',
  needsExpected: false,
  validate: (assertion) => validate(assertion.value),
  score(output, assertion) {
    const pattern = String(assertion.value);
    const pass = compileRegex(pattern).test(output);
    return verdict(pass, `${pass ? 'matches' : 'does not match'} ${quote(pattern)}`);
  },
};
