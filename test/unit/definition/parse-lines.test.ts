import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../../src/core/definition/parse.ts';
import { issuesOf, messageOf } from './support.ts';

const cases = (text: string) => parseDefinition(text, { format: 'lines', name: 'Quick' }).definition.cases;

describe('quick line format', () => {
  it('reads one case per line, with or without an expected answer', () => {
    const parsed = parseDefinition('What is 2+2? => 4\n\n# a comment\nName a colour', { name: 'Quick' });
    expect(parsed.report.format).toBe('lines');
    expect(parsed.definition.name).toBe('Quick');
    expect(parsed.definition.cases.map(({ input, expected }) => ({ input, expected }))).toEqual([
      { input: 'What is 2+2?', expected: '4' },
      { input: 'Name a colour', expected: undefined },
    ]);
  });

  it('strips list numbering and bullets, and splits on the last arrow', () => {
    expect(
      cases('1. Capital of France => Paris\n2) x => y => z\n- bullet => b').map((c) => [c.input, c.expected]),
    ).toEqual([
      ['Capital of France', 'Paris'],
      ['x => y', 'z'],
      ['bullet', 'b'],
    ]);
  });

  it('handles CRLF, a BOM and unicode', () => {
    const parsed = parseDefinition('\uFEFFÜbersetze „Haus“ => house\r\n日本の首都は？ => 東京\r\n🙂? => 🙃\r\n');
    expect(parsed.report.format).toBe('lines');
    expect(parsed.definition.cases.map((c) => c.expected)).toEqual(['house', '東京', '🙃']);
  });

  it('reads Q:/A: blocks whose question and answer span lines', () => {
    const text =
      'Q: Write a haiku\nabout rain\n\nA: soft rain\nfalls\nq: second question\nA: second answer\nQ: open question';
    expect(cases(text).map((c) => [c.input, c.expected])).toEqual([
      ['Write a haiku\nabout rain', 'soft rain\nfalls'],
      ['second question', 'second answer'],
      ['open question', undefined],
    ]);
  });

  it('names the line of a block problem', () => {
    const issues = issuesOf(() => cases('intro text\nQ: real question\nA: one\nA: two'));
    expect(issues).toEqual([
      { path: '', line: 1, message: 'expected a line starting with `Q:`' },
      { path: 'cases.0.expected', caseNumber: 1, line: 4, message: 'the case has a second `A:`' },
    ]);
  });

  it('warns about an empty answer and refuses an empty question', () => {
    const parsed = parseDefinition('ok => \nfine => yes', { format: 'lines', name: 'Q' });
    expect(parsed.definition.cases[0]?.expected).toBeUndefined();
    expect(parsed.report.warnings).toContain('case 1 (line 1): nothing after `=>`, so it has no expected answer');
    expect(messageOf(() => cases('ok => 1\n => 2'))).toBe(
      'case 2, line 2, field `input`: the question before `=>` is empty',
    );
  });

  it('names the case and line of an input over 32 KB', () => {
    const text = `short => 1\n\n${'x'.repeat(40 * 1024)} => 2`;
    expect(messageOf(() => cases(text))).toBe('case 2, line 3, field `input`: is larger than 32 KB');
  });

  it('refuses a text with no cases', () => {
    expect(messageOf(() => cases('# only a comment\n\n'))).toContain('no cases found');
    expect(messageOf(() => parseDefinition('   \n'))).toBe('the definition is empty');
  });

  it('calls a nameless benchmark "Untitled benchmark" and says so', () => {
    const parsed = parseDefinition('a => b');
    expect(parsed.definition.name).toBe('Untitled benchmark');
    expect(parsed.report.warnings.join('\n')).toContain('Untitled benchmark');
  });
});
