import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/core/definition/parse.ts';
import { LIMITS } from '../../../src/core/definition/schema.ts';
import { issuesOf, messageOf } from './support.ts';

/** A minimal valid definition with the given cases and extra fields. */
const definition = (cases: unknown[], extra: Record<string, unknown> = {}) => ({ name: 'Test', cases, ...extra });

describe('validateDefinition', () => {
  it('accepts an object and fills defaults and ids', () => {
    const resolved = validateDefinition(definition([{ input: 'hi', expected: 1 }]));
    expect(resolved).toMatchObject({ schema: 1, prompt: '{{input}}', samples: 1, assert: [], params: {} });
    expect(resolved.cases[0]).toMatchObject({ input: 'hi', expected: '1', assertMode: 'extend', tags: [], weight: 1 });
    expect(resolved.cases[0]?.id).toMatch(/^c-[0-9a-z]+$/);
  });

  it('names case and variable for every missing template variable', () => {
    const input = definition(
      [
        { vars: { city: 'Rome' } },
        { vars: { city: 'Oslo', country: 'Norway' } },
        { input: 'x', vars: { city: 'Lima' } },
      ],
      { prompt: 'Is {{city}} in {{ country }}?', system: 'Answer about {{city}}.' },
    );
    expect(issuesOf(() => validateDefinition(input))).toEqual([
      {
        path: 'cases.0.vars',
        caseNumber: 1,
        message: 'the prompt uses `{{country}}` but this case has no variable `country`',
      },
      {
        path: 'cases.2.vars',
        caseNumber: 3,
        message: 'the prompt uses `{{country}}` but this case has no variable `country`',
      },
    ]);
  });

  it('lets `{{input}}` and `{{expected}}` come from the case fields', () => {
    const resolved = validateDefinition(
      definition([{ input: 'q', expected: 'a' }], { prompt: '{{input}} / {{expected}}' }),
    );
    expect(resolved.cases).toHaveLength(1);
    expect(messageOf(() => validateDefinition(definition([{ input: 'q' }], { prompt: '{{expected}}' })))).toBe(
      'case 1, field `vars`: the prompt uses `{{expected}}` but this case has no variable `expected`',
    );
  });

  it('checks placeholders inside chat-message inputs', () => {
    const input = definition([
      {
        input: [
          { role: 'user', content: 'Hi {{name}}' },
          { role: 'assistant', content: 'ok' },
        ],
      },
    ]);
    expect(messageOf(() => validateDefinition(input))).toBe(
      'case 1, field `input.0.content`: message 1 uses `{{name}}` but this case has no variable `name`',
    );
  });

  it('does not treat names of object members as variables', () => {
    expect(
      messageOf(() => validateDefinition(definition([{ input: 'x' }], { prompt: '{{toString}} {{input}}' }))),
    ).toContain('no variable `toString`');
  });

  it('needs an input or vars in every case', () => {
    expect(issuesOf(() => validateDefinition(definition([{ expected: 'x' }, { vars: {} }])))).toEqual([
      { path: 'cases.0.input', caseNumber: 1, message: 'the case needs an `input` or `vars`' },
      { path: 'cases.1.input', caseNumber: 2, message: 'the case needs an `input` or `vars`' },
    ]);
  });

  it('refuses duplicate ids and derives the same ids from the same content', () => {
    expect(
      messageOf(() =>
        validateDefinition(
          definition([
            { id: 'a', input: 'x' },
            { id: 'a', input: 'y' },
          ]),
        ),
      ),
    ).toBe('case 2, field `id`: id `a` is already used by case 1; ids must be unique');
    const first = validateDefinition(
      definition([{ input: 'same' }, { input: 'other' }, { input: 'same' }, { input: 'same' }]),
    );
    const [a, b, c, d] = first.cases.map((testCase) => testCase.id);
    expect([c, d]).toEqual([`${a}-2`, `${a}-3`]);
    expect(b).not.toBe(a);
    const again = validateDefinition(definition([{ input: 'same', tags: ['t'] }]));
    expect(again.cases[0]?.id).toBe(a);
  });

  it('validates assertions through the scorer registry', () => {
    const input = definition([{ input: 'x', assert: [{ type: 'contains', value: 'a' }, { type: 'nonsense' }] }], {
      assert: [{ type: 'regex', value: '(' }],
    });
    const issues = issuesOf(() => validateDefinition(input));
    expect(issues.map((issue) => [issue.path, issue.caseNumber])).toEqual([
      ['assert.0', undefined],
      ['cases.0.assert.1', 1],
    ]);
    expect(issues[1]?.message).toContain('unknown assertion type `nonsense`');
  });

  it('enforces the limits with readable messages', () => {
    const many = Array.from({ length: LIMITS.maxCases + 1 }, (_, i) => ({ input: `q${i}` }));
    expect(messageOf(() => validateDefinition(definition(many)))).toBe(
      'field `cases`: has 5,001 cases; a benchmark may have at most 5,000',
    );
    const huge = 'ü'.repeat(LIMITS.maxInputBytes / 2 + 1);
    expect(issuesOf(() => validateDefinition(definition([{ input: huge }, { vars: { text: huge } }])))).toEqual([
      { path: 'cases.0.input', caseNumber: 1, message: 'is larger than 32 KB' },
      { path: 'cases.1.vars.text', caseNumber: 2, message: 'is larger than 32 KB' },
      {
        path: 'cases.1.vars',
        caseNumber: 2,
        message: 'the prompt uses `{{input}}` but this case has no variable `input`',
      },
    ]);
    expect(validateDefinition(definition([{ input: 'a'.repeat(LIMITS.maxInputBytes) }])).cases).toHaveLength(1);
  });

  it('refuses a value that is not a mapping, and a self-referencing one', () => {
    expect(messageOf(() => validateDefinition('cases'))).toContain('must be a mapping');
    const looping: Record<string, unknown> = { name: 'x' };
    looping.cases = [looping];
    expect(messageOf(() => validateDefinition(looping))).toBe('the definition is nested too deeply');
  });

  it('lists top-level problems before case problems', () => {
    const issues = issuesOf(() => validateDefinition({ cases: [{ input: 2 }], samples: 0 }));
    expect(issues.map((issue) => issue.path)).toEqual(['name', 'samples', 'cases.0.input']);
    expect(issues[0]?.message).toBe('is required');
  });
});
