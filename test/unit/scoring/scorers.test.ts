import { describe, expect, it } from 'vitest';
import { check } from './factories.ts';

describe('equals', () => {
  it('normalises case, whitespace, NFKC and a final period by default', () => {
    expect(check('  The  ANSWER\nis Paris. ', { type: 'equals', value: 'the answer is paris' }).pass).toBe(true);
    expect(check('ＰＡＲＩＳ', { type: 'equals', value: 'paris' }).pass).toBe(true);
    expect(check('Paris!', { type: 'equals', value: 'Paris' }).pass).toBe(false);
  });
  it('honours options and falls back to the case’s expected answer', () => {
    expect(check('Paris', { type: 'equals', value: 'paris', options: { ignoreCase: false } }).pass).toBe(false);
    expect(check('Paris!!', { type: 'equals', value: 'paris', options: { ignorePunctuation: true } }).pass).toBe(true);
    expect(check('ＰＡＲＩＳ', { type: 'equals', value: 'PARIS', options: { nfkc: false } }).pass).toBe(false);
    expect(check('42', { type: 'equals' }, { expected: 42 }).pass).toBe(true);
  });
  it('fails as an error without anything to compare to, and handles empty output', () => {
    const result = check('x', { type: 'equals' });
    expect(result).toMatchObject({ pass: false, error: true });
    expect(result.reason).toMatch(/no expected answer/);
    expect(check('', { type: 'equals', value: 'x' }).pass).toBe(false);
  });
  it('keeps reasons short for a 1 MB output', () => {
    const result = check('x'.repeat(1_000_000), { type: 'equals', value: 'x' });
    expect(result.pass).toBe(false);
    expect(result.reason.length).toBeLessThan(200);
  });
});

describe('contains family', () => {
  it('contains is case-sensitive, icontains is not', () => {
    expect(check('Hello World', { type: 'contains', value: 'World' }).pass).toBe(true);
    expect(check('Hello World', { type: 'contains', value: 'world' }).pass).toBe(false);
    expect(check('Hello WÖRLD', { type: 'icontains', value: 'wörld' }).pass).toBe(true);
    expect(check('STRASSE', { type: 'icontains', value: 'straße' }).pass).toBe(true);
    expect(check('Hello', { type: 'not-contains', value: 'bye' }).pass).toBe(true);
  });
  it('contains-any and contains-all take a string or a list', () => {
    expect(check('red and blue', { type: 'contains-any', value: ['green', 'blue'] }).pass).toBe(true);
    expect(check('red and blue', { type: 'contains-any', value: 'green' }).pass).toBe(false);
    expect(check('red and blue', { type: 'contains-all', value: ['red', 'blue'] }).pass).toBe(true);
    const missing = check('red', { type: 'contains-all', value: ['red', 'blue'] });
    expect(missing.pass).toBe(false);
    expect(missing.reason).toContain('blue');
  });
  it('starts-with ignores leading whitespace', () => {
    expect(check('\n  Yes, because', { type: 'starts-with', value: 'Yes' }).pass).toBe(true);
    expect(check('Well, yes', { type: 'starts-with', value: 'Yes' }).pass).toBe(false);
  });
  it('finds text in a 1 MB output', () => {
    expect(check(`${'a'.repeat(1_000_000)}needle`, { type: 'contains', value: 'needle' }).pass).toBe(true);
  });
});

describe('regex', () => {
  it('accepts a bare pattern or /pattern/flags', () => {
    expect(check('Order 1234', { type: 'regex', value: '\\d{4}' }).pass).toBe(true);
    expect(check('YES', { type: 'regex', value: '/^yes$/i' }).pass).toBe(true);
    expect(check('YES', { type: 'regex', value: '^yes$' }).pass).toBe(false);
    expect(check('a\nb', { type: 'regex', value: '/^b$/m' }).pass).toBe(true);
    expect(check('日本語', { type: 'regex', value: '^\\p{Han}+$' }).pass).toBe(true);
  });
  it('stays linear on a catastrophic pattern', () => {
    const started = performance.now();
    const result = check(`${'a'.repeat(50_000)}!`, { type: 'regex', value: '^(a+)+$' });
    expect(result.pass).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('is-json and json-schema', () => {
  it('accepts plain JSON and JSON in a fenced block with prose around', () => {
    expect(check(' {"a": 1} ', { type: 'is-json' }).pass).toBe(true);
    expect(check('Here you go:\n```json\n{"a": [1, 2]}\n```\nDone.', { type: 'is-json' })).toMatchObject({
      pass: true,
      reason: expect.stringContaining('fenced'),
    });
    expect(check('{"a": 1,}', { type: 'is-json' }).pass).toBe(false);
    expect(check('', { type: 'is-json' }).reason).toMatch(/empty/);
  });
  it('validates against a draft 2020-12 schema', () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, tags: { type: 'array', prefixItems: [{ type: 'string' }] } },
      required: ['name'],
    };
    expect(check('{"name": "Ada", "tags": ["x"]}', { type: 'json-schema', value: schema }).pass).toBe(true);
    const wrong = check('{"tags": [1]}', { type: 'json-schema', value: schema });
    expect(wrong.pass).toBe(false);
    expect(wrong.reason).toMatch(/name|tags/);
    expect(check('not json', { type: 'json-schema', value: schema }).pass).toBe(false);
    expect(check('{"n": 1}', { type: 'is-json', value: { required: ['m'] } }).pass).toBe(false);
  });
  it('keeps schema patterns linear', () => {
    const schema = { type: 'string', pattern: '^(a+)+$' };
    const started = performance.now();
    expect(check(JSON.stringify(`${'a'.repeat(50_000)}!`), { type: 'json-schema', value: schema }).pass).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('json-path', () => {
  const answer = '```json\n{"user": {"name": "Ada", "roles": ["admin", "dev"], "odd key": 3}}\n```';
  it("finds fields with .key, [n], ['key'] and negative indexes", () => {
    expect(check(answer, { type: 'json-path', value: { path: '$.user.name', equals: 'Ada' } }).pass).toBe(true);
    expect(check(answer, { type: 'json-path', value: { path: '$.user.roles[1]', equals: 'dev' } }).pass).toBe(true);
    expect(check(answer, { type: 'json-path', value: { path: "$.user['odd key']", equals: 3 } }).pass).toBe(true);
    expect(check(answer, { type: 'json-path', value: { path: '$.user.roles[-1]' } }).pass).toBe(true);
    expect(check(answer, { type: 'json-path', value: { path: '$.user.roles', equals: ['admin', 'dev'] } }).pass).toBe(
      true,
    );
  });
  it('fails on missing fields, other values and prototype keys', () => {
    expect(check(answer, { type: 'json-path', value: { path: '$.user.age' } }).reason).toMatch(/nothing at/);
    expect(check(answer, { type: 'json-path', value: { path: '$.user.name', equals: 'Bob' } }).pass).toBe(false);
    expect(check('{}', { type: 'json-path', value: { path: '$.constructor' } }).pass).toBe(false);
    expect(check('{}', { type: 'json-path', value: { path: "$['__proto__']" } }).pass).toBe(false);
  });
});

describe('numeric', () => {
  it.each([
    ['The total is 1,234.5 dollars.', 1234.5],
    ['It drops to -3 degrees', -3],
    ['She paid $12.', 12],
    ['Growth was 45%', 45],
    ['About 1e3 items', 1000],
    ['3 + 4 = 7\n#### 42', 42],
    ['so \\boxed{42} and then 7 more words', 42],
    ['The answer is 17, since 3 + 4 = 7.', 17],
    ['Answer: $1,000,000', 1_000_000],
  ])('reads %j as %d', (output, expected) => {
    expect(check(output, { type: 'numeric', value: expected }).pass).toBe(true);
  });
  it('applies tolerances and reads expected numbers from the case', () => {
    expect(check('2.49', { type: 'numeric', value: 2.5 }).pass).toBe(false);
    expect(check('2.49', { type: 'numeric', value: 2.5, options: { absTol: 0.01 } }).pass).toBe(true);
    expect(check('1010', { type: 'numeric', value: 1000, options: { relTol: 0.02 } }).pass).toBe(true);
    expect(check('0.30000000000000004', { type: 'numeric', value: 0.3 }).pass).toBe(true);
    expect(check('It is 72', { type: 'numeric' }, { expected: '#### 72' }).pass).toBe(true);
  });
  it('fails clearly without a number', () => {
    expect(check('no idea', { type: 'numeric', value: 5 }).reason).toMatch(/no number/);
    expect(check('', { type: 'numeric', value: 5 }).pass).toBe(false);
    expect(check('5', { type: 'numeric' }, { expected: 'five' })).toMatchObject({ pass: false, error: true });
  });
});

describe('choice', () => {
  it.each([
    ['The answer is (B)', 'B'],
    ['B) Paris', 'B'],
    ['I would say **C**.', 'C'],
    ['Answer: d', 'D'],
    ['c', 'C'],
    ['The answer is a bit tricky, but (C) fits', 'C'],
    ['Option A looks wrong; the answer is E', 'E'],
  ])('reads %j as %s', (output, expected) => {
    expect(check(output, { type: 'choice' }, { expected }).pass).toBe(true);
  });
  it('compares against a labelled expected answer and reports no choice', () => {
    expect(check('(A)', { type: 'choice', value: 'A) Berlin' }).pass).toBe(true);
    expect(check('B', { type: 'choice', value: 'A' }).reason).toBe('picked B, expected A');
    expect(check('I am not sure', { type: 'choice', value: 'A' }).reason).toMatch(/no choice/);
  });
});

describe('levenshtein', () => {
  it('scores normalised similarity against a threshold', () => {
    const result = check('kitten', { type: 'levenshtein', value: 'sitting' });
    expect(result.score).toBeCloseTo(1 - 3 / 7);
    expect(result.pass).toBe(false);
    expect(check('Colour', { type: 'levenshtein', value: 'color' }).pass).toBe(true);
    expect(check('kitten', { type: 'levenshtein', value: 'sitting', threshold: 0.5 }).pass).toBe(true);
    expect(check('😀😀', { type: 'levenshtein', value: '😀' }).score).toBeCloseTo(0.5);
  });
  it('answers quickly for a 1 MB output', () => {
    const started = performance.now();
    const result = check('x'.repeat(1_000_000), { type: 'levenshtein', value: 'x'.repeat(100) });
    expect(result.score).toBeLessThan(0.01);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('length', () => {
  it('bounds words and characters', () => {
    expect(check('one two three', { type: 'length', options: { minWords: 2, maxWords: 3 } }).pass).toBe(true);
    expect(check('one two three four', { type: 'length', options: { maxWords: 3 } }).reason).toBe('4 words > 3');
    expect(check('日本語', { type: 'length', options: { maxChars: 3 } }).pass).toBe(true);
    expect(check('', { type: 'length', options: { minChars: 1 } }).pass).toBe(false);
  });
});

describe('rouge-l', () => {
  it('computes the LCS F-measure over words', () => {
    const result = check('the cat sat on the mat', { type: 'rouge-l', value: 'the cat is on the mat' });
    expect(result.score).toBeCloseTo(5 / 6);
    expect(result.pass).toBe(true);
    expect(check('completely different words', { type: 'rouge-l', value: 'the cat' }).pass).toBe(false);
    expect(check('', { type: 'rouge-l', value: 'the cat' }).score).toBe(0);
  });
  it('uses the case’s expected answer as reference', () => {
    expect(
      check('Rain is expected tomorrow.', { type: 'rouge-l' }, { expected: 'Tomorrow rain is expected' }).pass,
    ).toBe(true);
  });
});
