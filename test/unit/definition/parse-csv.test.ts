import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../../../src/core/definition/parse.ts';
import { issuesOf, messageOf } from './support.ts';

describe('CSV and TSV tables', () => {
  it('maps the known columns and turns every other column into a variable', () => {
    const text = [
      'question,answer,id,tags,weight,country',
      '"Capital of France, please",Paris,fr,"geo; europe",2,France',
      'Capital of Japan,Tokyo,,geo,,Japan',
    ].join('\n');
    const parsed = parseDefinition(text, { name: 'Capitals' });
    expect(parsed.report).toEqual({ format: 'csv', caseCount: 2, ignored: [], warnings: [] });
    const [first, second] = parsed.definition.cases;
    expect(first).toMatchObject({
      id: 'fr',
      input: 'Capital of France, please',
      expected: 'Paris',
      tags: ['geo', 'europe'],
      weight: 2,
      vars: { country: 'France' },
    });
    expect(second).toMatchObject({ input: 'Capital of Japan', expected: 'Tokyo', tags: ['geo'], weight: 1 });
    expect(second?.id).toMatch(/^c-[0-9a-z]+$/);
  });

  it('reads quoted fields with quotes, line breaks and CRLF, a BOM, and skips empty rows', () => {
    const text = '\uFEFFinput,expected\r\n"He said ""hi""\r\nthen left",ok\r\n,\r\n\r\nnaïve café 🙂,✓\r\n';
    const { definition } = parseDefinition(text);
    expect(definition.cases.map((c) => [c.input, c.expected])).toEqual([
      ['He said "hi"\nthen left', 'ok'],
      ['naïve café 🙂', '✓'],
    ]);
  });

  it('reads TSV, keeping commas inside cells', () => {
    const parsed = parseDefinition('input\texpected\tcity\n2, 3 and 4\t9\tRome\n');
    expect(parsed.report.format).toBe('tsv');
    expect(parsed.definition.cases[0]).toMatchObject({ input: '2, 3 and 4', expected: '9', vars: { city: 'Rome' } });
  });

  it('builds assertions from __assert columns', () => {
    const text = [
      'input,__assert:contains,__assert,__assert2',
      'a,Paris,regex:^\\d+$,is-json',
      'b,,"[{""type"":""icontains"",""value"":""x""}]",',
    ].join('\n');
    const { definition } = parseDefinition(text, { format: 'csv', name: 'A' });
    expect(definition.cases[0]?.assert).toEqual([
      { type: 'contains', value: 'Paris' },
      { type: 'regex', value: '^\\d+$' },
      { type: 'is-json' },
    ]);
    expect(definition.cases[1]?.assert).toEqual([{ type: 'icontains', value: 'x' }]);
  });

  it('reports other double-underscore columns as ignored', () => {
    const { report } = parseDefinition('input,__description\nx,y', { format: 'csv', name: 'A' });
    expect(report.ignored).toEqual(['column `__description`']);
  });

  it('names the line of an unclosed quote and of text after a closing quote', () => {
    expect(issuesOf(() => parseDefinition('input,expected\na,b\n"never closed,c\nd,e', { format: 'csv' }))).toEqual([
      { path: '', line: 3, message: 'a quoted field is never closed with `"`' },
    ]);
    expect(messageOf(() => parseDefinition('input,expected\n"a"b,c', { format: 'csv' }))).toBe(
      'line 2: unexpected text after a closing quote; write a quote inside quotes as `""`',
    );
  });

  it('maps rows to case numbers and lines even after multi-line cells and skipped rows', () => {
    const text = 'input,weight,__assert\n"two\nlines",1,\n\nb,heavy,\nc,1,"{bad json"\n';
    const issues = issuesOf(() => parseDefinition(text, { format: 'csv', name: 'A' }));
    expect(issues).toEqual([
      {
        path: 'cases.2.assert',
        caseNumber: 3,
        line: 6,
        message: 'the assertion looks like JSON but is not valid JSON',
      },
    ]);
    const weights = issuesOf(() => parseDefinition(text.replace(',"{bad json"', ','), { format: 'csv', name: 'A' }));
    expect(weights).toEqual([
      { path: 'cases.1.weight', caseNumber: 2, line: 5, message: 'must be a number, not text' },
    ]);
  });

  it('refuses rows with more cells than the header, a missing input column and duplicate columns', () => {
    expect(messageOf(() => parseDefinition('input,expected\na,b,c', { format: 'csv' }))).toBe(
      'case 1, line 2: the row has 3 cells but the header has 2; quote cells that contain `,`',
    );
    expect(messageOf(() => parseDefinition('expected,city\n1,2', { format: 'csv' }))).toContain(
      'line 1: the header needs an `input` column',
    );
    expect(messageOf(() => parseDefinition('input,question\n1,2', { format: 'csv' }))).toBe(
      'line 1: columns `input` and `question` mean the same; keep one',
    );
  });

  it('refuses an empty table', () => {
    expect(messageOf(() => parseDefinition('\n,\n', { format: 'csv' }))).toContain('the table is empty');
  });

  it('checks template variables against the columns', () => {
    const issues = issuesOf(() => parseDefinition('input,city\n,Rome\n', { format: 'csv', name: 'A' }));
    expect(issues.map((issue) => [issue.caseNumber, issue.line, issue.message])).toEqual([
      [1, 2, 'the prompt uses `{{input}}` but this case has no variable `input`'],
    ]);
  });
});
