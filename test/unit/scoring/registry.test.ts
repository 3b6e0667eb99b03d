import { describe, expect, it } from 'vitest';
import type { Assertion, CaseInput } from '../../../src/core/definition/schema.ts';
import type { ScriptSandbox } from '../../../src/core/ports.ts';
import { CaseScoreSchema } from '../../../src/core/scoring/case-score.ts';
import { SCORERS, type ScoringPorts, scoreCase, validateAssertion } from '../../../src/core/scoring/registry.ts';
import { makeCase, makeDefinition } from './factories.ts';

async function score(output: string, caseInput: CaseInput, defaults: Assertion[] = [], ports: ScoringPorts = {}) {
  const testCase = makeCase(caseInput);
  const definition = makeDefinition({ assert: defaults }, testCase);
  const result = await scoreCase({ definition, testCase, output, messages: [] }, ports);
  expect(CaseScoreSchema.parse(result)).toEqual(result);
  return result;
}

describe('validateAssertion', () => {
  it.each([
    [{ type: 'equals' }],
    [{ type: 'not-contains', value: 'x' }],
    [{ type: 'regex', value: '/^a/i' }],
    [{ type: 'json-path', value: { path: "$.a['b'][0]", equals: 1 } }],
    [{ type: 'llm-judge', value: 'Be right', options: { models: ['openai/gpt-4o-mini'], combine: 'majority' } }],
    [{ type: 'javascript', value: 'output.length < 10', options: { timeoutMs: 50 } }],
  ])('accepts %j', (assertion) => {
    expect(validateAssertion(assertion as Assertion)).toBeUndefined();
  });
  it.each([
    [{ type: 'bogus' }, /unknown assertion type `bogus`/],
    [{ type: 'regex', value: '(a' }, /invalid regular expression.*missing closing/],
    [{ type: 'regex', value: '(?=a)b' }, /no lookarounds/],
    [{ type: 'regex', value: '/a/x' }, /unknown flag/],
    [{ type: 'json-schema', value: { type: 'nope' } }, /invalid JSON Schema/],
    [{ type: 'json-schema' }, /must be a JSON Schema/],
    [{ type: 'json-path', value: { path: '$..a' } }, /invalid path/],
    [{ type: 'json-path', value: { path: '$.a', other: 1 } }, /unknown field `other`/],
    [{ type: 'numeric', value: 'lots' }, /must contain a number/],
    [{ type: 'numeric', value: 1, options: { absTol: -1 } }, /absTol/],
    [{ type: 'choice', value: 'Z?' }, /choice letter/],
    [{ type: 'contains-any', value: [] }, /non-empty list/],
    [{ type: 'contains', value: { a: 1 } }, /must be a string/],
    [{ type: 'length' }, /at least one/],
    [{ type: 'length', options: { minWords: 5, maxWords: 2 } }, /larger than/],
    [{ type: 'equals', options: { ignoreCase: 'yes' } }, /ignoreCase/],
    [{ type: 'not-llm-judge', value: 'x' }, /not supported/],
    [{ type: 'llm-judge', options: { models: ['has space'] } }, /not a model reference/],
    [{ type: 'llm-judge', options: { combine: 'max' } }, /mean` or `majority/],
    [{ type: 'javascript' }, /JavaScript code/],
    [{ type: 'javascript', value: 'true', options: { timeoutMs: 60_000 } }, /timeoutMs/],
  ])('rejects %j', (assertion, message) => {
    expect(validateAssertion(assertion as Assertion)).toMatch(message);
  });
  it('lists every scorer for help texts', () => {
    expect(SCORERS.map((scorer) => scorer.type)).toContain('llm-judge');
    expect(SCORERS.find((scorer) => scorer.type === 'numeric')).toMatchObject({ needsExpected: true, async: false });
  });
});

describe('scoreCase', () => {
  it('uses equals on the expected answer when no assertions are written', async () => {
    const result = await score(' paris. ', { expected: 'Paris' });
    expect(result).toMatchObject({ score: 1, pass: true, checks: [{ type: 'equals', pass: true }] });
  });

  it('passes with "no assertions" when there is nothing to check', async () => {
    expect(await score('anything', {})).toMatchObject({ score: 1, pass: true, checks: [{ reason: 'no assertions' }] });
  });

  it('extends the defaults, or replaces them with assertMode replace', async () => {
    const defaults: Assertion[] = [{ type: 'contains', value: 'Paris' }];
    const own: Assertion[] = [{ type: 'length', options: { maxWords: 1 } }];
    const extended = await score('Paris is nice', { assert: own }, defaults);
    expect(extended.checks.map((check) => check.type)).toEqual(['contains', 'length']);
    expect(extended.pass).toBe(false);
    const replaced = await score('Rome', { assert: own, assertMode: 'replace' }, defaults);
    expect(replaced.checks.map((check) => check.type)).toEqual(['length']);
    expect(replaced.pass).toBe(true);
  });

  it('weights the mean and lets a case threshold decide the pass', async () => {
    const assert: Assertion[] = [
      { type: 'contains', value: 'a', weight: 3 },
      { type: 'contains', value: 'z', weight: 1 },
    ];
    const strict = await score('abc', { assert });
    expect(strict.score).toBeCloseTo(0.75);
    expect(strict.pass).toBe(false);
    expect((await score('abc', { assert, threshold: 0.7 })).pass).toBe(true);
    const zero = await score('abc', { assert: assert.map((item) => ({ ...item, weight: 0 })) });
    expect(zero.score).toBeCloseTo(0.5);
  });

  it('reports an invalid stored assertion as a failing check instead of throwing', async () => {
    const result = await score('x', { assert: [{ type: 'regex', value: '(' }] });
    expect(result.pass).toBe(false);
    expect(result.checks[0]?.reason).toMatch(/invalid regular expression/);
  });

  it('fails judge and script checks clearly when their ports are missing', async () => {
    const result = await score('x', {
      assert: [
        { type: 'llm-judge', options: { models: ['a/j'] } },
        { type: 'javascript', value: 'true' },
      ],
    });
    expect(result.checks.map((check) => check.reason)).toEqual([
      'no model gateway to call the judges',
      'no script sandbox is available to run JavaScript scorers',
    ]);
    expect((await score('x', { assert: [{ type: 'llm-judge' }] })).checks[0]?.reason).toMatch(/no judge models/);
  });

  it('runs javascript checks through the sandbox port, negated and thresholded', async () => {
    const calls: { code: string; expected?: string; vars: Record<string, string> }[] = [];
    const sandbox: ScriptSandbox = {
      async evaluate(code, input) {
        calls.push({ code, expected: input.expected, vars: input.vars });
        return { score: 0.6, pass: true, reason: 'script returned 0.6' };
      },
    };
    const result = await score(
      'out',
      {
        expected: 'exp',
        vars: { city: 'Oslo' },
        assert: [
          { type: 'javascript', value: 'return 0.6' },
          { type: 'not-javascript', value: 'return 0.6' },
          { type: 'javascript', value: 'return 0.6', threshold: 0.9 },
        ],
      },
      [],
      { sandbox },
    );
    expect(result.checks.map((check) => check.pass)).toEqual([true, false, false]);
    expect(result.checks[1]?.score).toBeCloseTo(0.4);
    expect(calls[0]).toEqual({ code: 'return 0.6', expected: 'exp', vars: { city: 'Oslo' } });
  });
});
