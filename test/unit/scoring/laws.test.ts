import { describe, expect, it } from 'vitest';
import type { Assertion } from '../../../src/core/definition/schema.ts';
import { SCORERS, validateAssertion } from '../../../src/core/scoring/registry.ts';
import { createRandom } from '../../../src/core/stats/rng.ts';
import { check, randomString } from './factories.ts';

/** One valid assertion per deterministic scorer, each checked by the laws below. */
const SAMPLES: Assertion[] = [
  { type: 'equals' },
  { type: 'contains', value: 'a' },
  { type: 'icontains', value: 'É' },
  { type: 'contains-any', value: ['z', '日'] },
  { type: 'contains-all', value: ['a', 'b'] },
  { type: 'starts-with', value: 'a' },
  { type: 'regex', value: '/^[a-z ]+$/i' },
  { type: 'is-json' },
  { type: 'json-schema', value: { type: 'array' } },
  { type: 'json-path', value: { path: '$[0]' } },
  { type: 'numeric', value: 9 },
  { type: 'choice', value: 'B' },
  { type: 'levenshtein' },
  { type: 'length', options: { minChars: 5, maxWords: 3 } },
  { type: 'rouge-l' },
];

describe('scorer laws (500 seeded random strings)', () => {
  const random = createRandom(20261204);
  const outputs = Array.from({ length: 500 }, () => randomString(random));
  const expected = Array.from({ length: 500 }, () => randomString(random, 12));

  it('covers every deterministic scorer', () => {
    const covered = new Set(SAMPLES.map((sample) => sample.type));
    expect(SCORERS.filter((scorer) => !scorer.async).map((scorer) => scorer.type)).toEqual([...covered]);
    for (const sample of SAMPLES) expect(validateAssertion(sample)).toBeUndefined();
  });

  it.each(SAMPLES.map((sample) => [sample.type, sample] as const))('not-%s is the negation of %s', (_, assertion) => {
    outputs.forEach((output, i) => {
      const caseInput = { expected: expected[i] ?? '' };
      const plain = check(output, assertion, caseInput);
      const negated = check(output, { ...assertion, type: `not-${assertion.type}` }, caseInput);
      expect(negated.pass).toBe(!plain.pass);
      expect(negated.score).toBeCloseTo(1 - plain.score, 12);
      expect(negated.reason.startsWith('negated: ')).toBe(true);
    });
  });

  it('equals is symmetric under normalisation', () => {
    const mixed = [...outputs, ...outputs.map((output) => ` ${output.toUpperCase()}. `)];
    mixed.forEach((a, i) => {
      const b = mixed[(i * 7 + 3) % mixed.length] ?? '';
      expect(check(a, { type: 'equals', value: b }).pass).toBe(check(b, { type: 'equals', value: a }).pass);
      expect(check(a, { type: 'equals', value: a.toUpperCase() }).pass).toBe(true);
    });
  });

  it('scores stay within 0..1 for every scorer', () => {
    for (const assertion of SAMPLES) {
      outputs.slice(0, 100).forEach((output, i) => {
        const { score } = check(output, assertion, { expected: expected[i] ?? '' });
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(1);
      });
    }
  });

  it('a check that cannot run stays failing when negated', () => {
    expect(check('x', { type: 'not-equals' })).toMatchObject({ pass: false, error: true });
  });
});
