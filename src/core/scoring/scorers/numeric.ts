import type { Assertion } from '../../definition/schema.ts';
import { extractFinalNumber } from '../extract-number.ts';
import { broken, verdict } from '../text.ts';
import type { ScorerSpec, ScoringContext } from '../types.ts';

function expectedNumber(assertion: Assertion, context: ScoringContext): number | undefined {
  const value = assertion.value;
  if (typeof value === 'number') return value;
  const text = typeof value === 'string' ? value : context.case.expected;
  return text === undefined ? undefined : extractFinalNumber(text);
}

function tolerance(assertion: Assertion, name: 'absTol' | 'relTol'): number {
  const value = assertion.options?.[name];
  return typeof value === 'number' ? value : 0;
}

// Below this, two numbers are the same answer: 0.1 + 0.2 must equal 0.3.
const FLOAT_NOISE = 1e-9;

/** The final number in the answer equals the expected number within `absTol`/`relTol`. */
export const numeric: ScorerSpec = {
  type: 'numeric',
  description: 'Final number in the answer equals the expected number (options absTol, relTol)',
  needsExpected: true,
  validate(assertion) {
    const value = assertion.value;
    if (typeof value === 'string' && extractFinalNumber(value) === undefined) return '`value` must contain a number';
    if (value !== undefined && typeof value !== 'string' && (typeof value !== 'number' || !Number.isFinite(value)))
      return '`value` must be a number (or leave it out to use the case’s expected answer)';
    for (const name of ['absTol', 'relTol'] as const) {
      const option = assertion.options?.[name];
      if (option !== undefined && (typeof option !== 'number' || !(option >= 0) || !Number.isFinite(option)))
        return `option \`${name}\` must be a number ≥ 0`;
    }
    return undefined;
  },
  score(output, assertion, context) {
    const expected = expectedNumber(assertion, context);
    if (expected === undefined) return broken('no expected number: give `value` or a numeric `expected`');
    const actual = extractFinalNumber(output);
    if (actual === undefined) return verdict(false, `no number in the answer (expected ${expected})`);
    const allowed = Math.max(tolerance(assertion, 'absTol'), tolerance(assertion, 'relTol') * Math.abs(expected));
    const pass = Math.abs(actual - expected) <= allowed + FLOAT_NOISE * Math.max(1, Math.abs(expected));
    return verdict(pass, pass ? `${actual} matches ${expected}` : `${actual} ≠ ${expected}`);
  },
};
