import { describe, expect, it } from 'vitest';
import { fnv1a64 } from '../../../src/core/definition/case-id.ts';
import { parseDefinition, validateDefinition } from '../../../src/core/definition/parse.ts';
import { renderMessages } from '../../../src/core/definition/render.ts';

describe('renderMessages', () => {
  it('sends the system prompt, then the filled prompt as the user message', () => {
    const definition = validateDefinition({
      name: 'R',
      system: 'You answer in {{lang}}.',
      prompt: 'Q: {{ input }}\nHint: {{hint}} {{"json": {"kept": true}}}',
      cases: [{ input: 'What is $1 & $& ?', vars: { lang: 'Deutsch', hint: '{{lang}}' } }],
    });
    const [testCase] = definition.cases;
    expect(renderMessages(definition, testCase!)).toEqual([
      { role: 'system', content: 'You answer in Deutsch.' },
      // Values are inserted literally: no `$` replacement patterns, no second round of placeholders.
      { role: 'user', content: 'Q: What is $1 & $& ?\nHint: {{lang}} {{"json": {"kept": true}}}' },
    ]);
  });

  it('uses a case’s chat messages instead of the prompt, with placeholders filled', () => {
    const definition = validateDefinition({
      name: 'R',
      prompt: 'unused {{input}}',
      cases: [
        {
          vars: { name: 'Zoë' },
          input: [
            { role: 'user', content: 'Hi, I am {{name}}' },
            { role: 'assistant', content: 'Hello!' },
            { role: 'user', content: 'What is my name?' },
          ],
        },
      ],
    });
    expect(renderMessages(definition, definition.cases[0]!)).toEqual([
      { role: 'user', content: 'Hi, I am Zoë' },
      { role: 'assistant', content: 'Hello!' },
      { role: 'user', content: 'What is my name?' },
    ]);
  });

  it('renders every case of a parsed table', () => {
    const { definition } = parseDefinition('question,expected\n2+2,4\n"say ""hi""",hi\n');
    expect(definition.cases.map((testCase) => renderMessages(definition, testCase))).toEqual([
      [{ role: 'user', content: '2+2' }],
      [{ role: 'user', content: 'say "hi"' }],
    ]);
  });
});

describe('content-derived case ids', () => {
  it('uses FNV-1a 64-bit', () => {
    expect([fnv1a64(''), fnv1a64('a'), fnv1a64('foobar')]).toEqual([
      'cbf29ce484222325',
      'af63dc4c8601ec8c',
      '85944171f73967e8',
    ]);
  });

  it('keeps ids stable across formats and key order', () => {
    const fromLines = parseDefinition('Capital of Peru? => Lima').definition.cases[0]?.id;
    const fromJson = parseDefinition('[{"expected": "Lima", "input": "Capital of Peru?"}]').definition.cases[0]?.id;
    expect(fromLines).toBe(fromJson);
    expect(fromLines).toMatch(/^c-[0-9a-z]{1,13}$/);
  });
});

describe('format detection', () => {
  const formatOf = (text: string) => parseDefinition(text, { name: 'D' }).report.format;

  it('tells the formats apart', () => {
    expect(formatOf('{"name": "x", "cases": [{"input": "a"}]}')).toBe('json');
    expect(formatOf('# comment\nname: x\ncases:\n  - input: a')).toBe('yaml');
    expect(formatOf('---\ncases: [{input: a}]')).toBe('yaml');
    expect(formatOf('prompts: ["{{q}}"]\ntests: [{vars: {q: a}}]')).toBe('promptfoo');
    expect(formatOf('"Question","Answer"\na,b')).toBe('csv');
    expect(formatOf('prompt\tcity\n{{x}}\tRome')).toBe('tsv');
    expect(formatOf('Q: a\nA: b')).toBe('lines');
    expect(formatOf('Translate: cat => Katze')).toBe('lines');
    expect(formatOf('[easy] 2+2 => 4\n[hard] 17*23 => 391')).toBe('lines');
    expect(() => formatOf('[{"input": "a"},\n')).toThrow(/line 2: JSON syntax error/);
  });

  it('honours an explicit format', () => {
    const parsed = parseDefinition('input,expected\na,b', { format: 'lines', name: 'D' });
    expect(parsed.report.format).toBe('lines');
    expect(parsed.definition.cases.map((c) => c.input)).toEqual(['input,expected', 'a,b']);
  });
});
