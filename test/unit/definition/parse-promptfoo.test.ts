import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../../src/core/definition/parse.ts';
import { issuesOf } from './support.ts';

const CONFIG = `
description: Customer support tone
prompts:
  - "You are helpful. Answer: {{question}} in {{lang}}"
  - file://prompts/other.txt
  - "A second inline prompt {{question}}"
providers:
  - openrouter:anthropic/claude-3.5-sonnet
  - id: openai:chat:gpt-4o-mini
    config: {temperature: 0.2}
  - ollama:llama3
defaultTest:
  vars: {lang: English}
  assert:
    - type: not-icontains
      value: sorry
  options: {provider: openai:gpt-4o}
tests:
  - description: greeting
    vars: {question: Hello there}
    assert:
      - type: llm-rubric
        value: is friendly
      - type: similar
        value: Hi! How can I help?
        threshold: 0.8
      - type: perplexity
  - vars: {question: Refund please, lang: French}
    assert:
      - type: contains-json
      - type: levenshtein
        value: Bonjour
        threshold: 5
      - type: not-llm-rubric
        value: rude
  - vars: {question: [a, b]}
scenarios: []
nunjucksFilters: {upper: ./upper.js}
transform: output.trim()
`;

describe('promptfoo import', () => {
  it('maps what has a meaning here and lists what was ignored', () => {
    const text = CONFIG.replace('  - vars: {question: [a, b]}\n', '');
    const { definition, report } = parseDefinition(text);
    expect(report.format).toBe('promptfoo');
    expect(definition).toMatchObject({
      name: 'Customer support tone',
      description: 'Customer support tone',
      prompt: 'You are helpful. Answer: {{question}} in {{lang}}',
      models: ['anthropic/claude-3.5-sonnet', 'openai:gpt-4o-mini'],
      assert: [{ type: 'not-icontains', value: 'sorry' }],
    });
    expect(definition.cases.map((c) => [c.vars, c.assert])).toEqual([
      [
        { lang: 'English', question: 'Hello there' },
        [
          { type: 'llm-judge', value: 'is friendly' },
          { type: 'levenshtein', value: 'Hi! How can I help?', threshold: 0.8 },
        ],
      ],
      [{ lang: 'French', question: 'Refund please' }, [{ type: 'is-json' }, { type: 'levenshtein', value: 'Bonjour' }]],
    ]);
    expect(report.ignored).toEqual([
      '`scenarios`',
      '`nunjucksFilters`',
      '`transform`',
      'prompt file `file://prompts/other.txt`',
      'prompts.2: only the first prompt is used',
      'providers: `config` of `openai:chat:gpt-4o-mini`',
      'provider `ollama:llama3`',
      'defaultTest.options',
      'tests[].assert: type `perplexity`',
      'tests[].description',
      'tests[].assert: `threshold` 5 of `levenshtein` (must be 0..1 here)',
      'tests[].assert: `not-llm-rubric` (a judge cannot be negated here; phrase the rubric the other way round)',
    ]);
    expect(report.warnings).toEqual([
      '`similar` (embedding similarity) became `levenshtein` (edit-distance similarity)',
      '`contains-json` became `is-json`: the whole answer must be JSON',
    ]);
  });

  it('reads promptfoo configs written as JSON, with a chat prompt', () => {
    const config = {
      prompts: [
        JSON.stringify([
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: '{{topic}}' },
        ]),
      ],
      providers: 'openai:gpt-4o',
      tests: [{ vars: { topic: 'tides' } }, { vars: { topic: 'moons' } }],
    };
    const { definition, report } = parseDefinition(JSON.stringify(config), { name: 'Brief' });
    expect(report.format).toBe('promptfoo');
    expect(definition).toMatchObject({
      name: 'Brief',
      system: 'Be brief.',
      prompt: '{{topic}}',
      models: ['openai:gpt-4o'],
    });
    expect(report.caseCount).toBe(2);
  });

  it('names the test and line of a variable the prompt needs but a test lacks', () => {
    const issues = issuesOf(() => parseDefinition(CONFIG));
    expect(issues).toEqual([
      {
        path: 'cases.2.vars',
        caseNumber: 3,
        line: 36,
        message: 'the prompt uses `{{question}}` but this case has no variable `question`',
      },
    ]);
  });

  it('refuses prompts with template expressions instead of rendering them wrongly', () => {
    const issues = issuesOf(() => parseDefinition('prompts: ["Say {{ name | upper }}"]\ntests: [{vars: {name: x}}]'));
    expect(issues).toEqual([
      {
        path: 'prompt',
        line: 1,
        message: '`{{ name | upper }}` is not supported: placeholders are plain variable names such as `{{question}}`',
      },
    ]);
  });
});
