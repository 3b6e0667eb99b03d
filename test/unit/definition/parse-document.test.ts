import { describe, expect, it } from 'vitest';
import { parseDefinition, validateDefinition } from '../../../src/core/definition/parse.ts';
import { issuesOf, messageOf } from './support.ts';

const yaml = (...lines: string[]) => lines.join('\n');

describe('YAML and JSON definitions', () => {
  it('reads a YAML definition with defaults filled in', () => {
    const parsed = parseDefinition(
      yaml(
        '# Arithmetic',
        'name: Sums',
        'prompt: "Compute {{ a }} + {{b}}"',
        'params: {temperature: 0}',
        'cases:',
        '  - vars: {a: 1, b: 2}',
        '    expected: 3',
        '  - vars: {a: 10, b: 20}',
        '    expected: 30',
        '    id: big',
      ),
    );
    expect(parsed.report).toEqual({ format: 'yaml', caseCount: 2, ignored: [], warnings: [] });
    expect(parsed.definition).toMatchObject({ name: 'Sums', samples: 1, models: [], params: { temperature: 0 } });
    expect(parsed.definition.cases[0]).toMatchObject({ vars: { a: '1', b: '2' }, expected: '3', weight: 1 });
    expect(parsed.definition.cases[1]?.id).toBe('big');
  });

  it('reads JSON objects and bare JSON lists of cases', () => {
    const object = parseDefinition('{"name": "J", "cases": [{"input": "héllo", "expected": "hi"}]}');
    expect(object.report.format).toBe('json');
    expect(object.definition.cases[0]?.input).toBe('héllo');
    const list = parseDefinition('[{"input": "a"}, {"input": "b"}]', { name: 'List' });
    expect(list.definition.name).toBe('List');
    expect(list.report.caseCount).toBe(2);
  });

  it('names the line and field of every schema problem at once', () => {
    const text = yaml(
      'name: Broken',
      'samples: 50',
      'cases:',
      '  - input: fine',
      '  - input: 2',
      '    colour: red',
      '  - expected: nothing to ask',
    );
    expect(issuesOf(() => parseDefinition(text))).toEqual([
      { path: 'samples', line: 2, message: 'must be at most 20' },
      { path: 'cases.1.input', caseNumber: 2, line: 5, message: 'must be text or a list, not a number' },
      { path: 'cases.1.colour', caseNumber: 2, line: 6, message: 'is not a known field' },
      { path: 'cases.2.input', caseNumber: 3, line: 7, message: 'the case needs an `input` or `vars`' },
    ]);
    expect(messageOf(() => parseDefinition(text))).toContain('case 2, line 6, field `colour`: is not a known field');
  });

  it('reports YAML syntax errors with line and column', () => {
    expect(issuesOf(() => parseDefinition('name: x\ncases: [1, 2\nother: 3', { format: 'yaml' }))).toEqual([
      expect.objectContaining({ line: 3, message: expect.stringMatching(/^YAML syntax error: .*\(column 1\)$/) }),
    ]);
  });

  it('reports JSON syntax errors with line and column', () => {
    expect(issuesOf(() => parseDefinition('{\n  "name": "x",\n  "cases": [{"input": "a"},]\n}'))).toEqual([
      { path: '', line: 3, message: 'JSON syntax error: a comma before `]` is not allowed in JSON (column 28)' },
    ]);
    expect(messageOf(() => parseDefinition('{"name": "x",\n "cases": [\n'))).toBe(
      'line 3: JSON syntax error: expected a value, found the text ends too early (column 1)',
    );
    expect(messageOf(() => parseDefinition('{"name": "x" "cases": []}'))).toBe(
      'line 1: JSON syntax error: expected `,` or `}`, found unexpected `"` (column 14)',
    );
    expect(messageOf(() => parseDefinition('{"a": "line\nbreak"}'))).toContain(
      'line 1: JSON syntax error: a line break',
    );
  });

  it('refuses duplicate keys in YAML and JSON', () => {
    expect(messageOf(() => parseDefinition('name: a\nname: b\ncases: [{input: x}]'))).toMatch(
      /^line 2: YAML syntax error: map keys must be unique/,
    );
    expect(messageOf(() => parseDefinition('{"name": "a",\n"cases": [{"input": "x", "input": "y"}]}'))).toBe(
      'case 1, line 2, field `input`: this field appears twice',
    );
  });

  it('refuses prototype-polluting keys anywhere, in YAML, JSON and objects', () => {
    const yamlIssues = issuesOf(() =>
      parseDefinition('name: a\ncases:\n  - input: x\n    vars:\n      __proto__: {polluted: 1}'),
    );
    expect(yamlIssues).toEqual([
      { path: 'cases.0.vars.__proto__', caseNumber: 1, line: 5, message: 'this field name is not allowed' },
    ]);
    expect(messageOf(() => parseDefinition('{"name": "a", "constructor": {"prototype": 1}, "cases": []}'))).toBe(
      'line 1, field `constructor`: this field name is not allowed\nline 1, field `constructor.prototype`: this field name is not allowed',
    );
    const object = JSON.parse('{"name": "a", "cases": [{"input": "x", "vars": {"__proto__": {"y": 1}}}]}');
    expect(issuesOf(() => validateDefinition(object))).toEqual([
      { path: 'cases.0.vars.__proto__', caseNumber: 1, message: 'this field name is not allowed' },
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stops alias bombs quickly', () => {
    let bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
    const names = 'bcdefghi';
    for (let i = 0; i < names.length; i++) {
      const previous = i === 0 ? 'a' : names[i - 1];
      bomb += `${names[i]}: &${names[i]} [${Array(9).fill(`*${previous}`).join(',')}]\n`;
    }
    const started = performance.now();
    expect(messageOf(() => parseDefinition(bomb, { format: 'yaml' }))).toContain('expands aliases');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses aliases that blow a small text past the size limit', () => {
    const big = 'x'.repeat(1024 * 1024);
    const text = `name: big\nblob: &b "${big}"\ncases:\n${Array.from({ length: 8 }, () => '  - input: *b').join('\n')}\n`;
    expect(messageOf(() => parseDefinition(text))).toBe('the definition is larger than 5 MB');
  });

  it('refuses binary junk with a clear message', () => {
    expect(messageOf(() => parseDefinition('name: x\ncases:\n  - input: "a\u0000b"'))).toBe(
      'line 3: the text contains a control character (0x00); this looks like a binary file, not a text definition',
    );
    expect(messageOf(() => parseDefinition('\u0089PNG\r\n\u001a\n\u0000\u0000'))).toContain('binary file');
  });

  it('refuses a text over 5 MB before parsing it', () => {
    const text = `name: x\ncases:\n  - input: "${'é'.repeat(3 * 1024 * 1024)}"`;
    const started = performance.now();
    expect(messageOf(() => parseDefinition(text))).toBe(
      'the definition is larger than 5 MB; split it into smaller benchmarks',
    );
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('survives deeply nested documents', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(messageOf(() => parseDefinition(deep))).toBe(
      'line 1: JSON syntax error: the JSON is nested more than 512 levels deep (column 514)',
    );
    const deepYaml = `name: x\ncases: ${'['.repeat(5_000)}${']'.repeat(5_000)}`;
    expect(messageOf(() => parseDefinition(deepYaml))).toBe('the document is nested too deeply');
  });

  it('reports YAML warnings such as unknown tags', () => {
    const parsed = parseDefinition('name: x\ncases:\n  - input: !!js/function "f"');
    expect(parsed.report.warnings).toEqual([expect.stringMatching(/^line 3: unresolved tag/)]);
    expect(parsed.definition.cases[0]?.input).toBe('f');
  });
});
