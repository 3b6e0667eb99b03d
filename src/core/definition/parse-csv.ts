import { InputError, type InputIssue } from '../errors.ts';
import { type CsvRecord, readCsvRecords } from './csv-records.ts';
import type { ParserOutput } from './import-report.ts';
import { lineLookup } from './line-lookup.ts';

const INPUT_COLUMNS = ['input', 'question', 'prompt'];
const EXPECTED_COLUMNS = ['expected', 'answer'];

type Column =
  | { role: 'input' | 'expected' | 'id' | 'tags' | 'weight' | 'assert' }
  | { role: 'typed-assert'; type: string }
  | { role: 'var'; name: string }
  | { role: 'ignored' };

/** Decides what each header cell means; reports ambiguous or duplicate columns. */
function readHeader(header: CsvRecord, ignored: string[]): { columns: Column[]; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  const seen = new Map<string, string>();
  const columns = header.cells.map((cell, index): Column => {
    const name = cell.trim();
    const lower = name.toLowerCase();
    const claim = (role: string): boolean => {
      const earlier = seen.get(role);
      if (earlier !== undefined) {
        issues.push({
          path: '',
          line: header.line,
          message: `columns \`${earlier}\` and \`${name}\` mean the same; keep one`,
        });
        return false;
      }
      seen.set(role, name);
      return true;
    };
    if (name === '') {
      ignored.push(`column ${index + 1} (it has no header)`);
      return { role: 'ignored' };
    }
    if (INPUT_COLUMNS.includes(lower)) return claim('input') ? { role: 'input' } : { role: 'ignored' };
    if (EXPECTED_COLUMNS.includes(lower)) return claim('expected') ? { role: 'expected' } : { role: 'ignored' };
    if (lower === 'id' || lower === 'tags' || lower === 'weight') {
      return claim(lower) ? { role: lower } : { role: 'ignored' };
    }
    if (/^__assert\d*$/.test(lower)) return { role: 'assert' };
    if (lower.startsWith('__assert:') && lower.length > '__assert:'.length) {
      return { role: 'typed-assert', type: name.slice('__assert:'.length).trim() };
    }
    if (name.startsWith('__')) {
      ignored.push(`column \`${name}\``);
      return { role: 'ignored' };
    }
    return claim(`var:${name}`) ? { role: 'var', name } : { role: 'ignored' };
  });
  if (!seen.has('input')) {
    issues.push({
      path: '',
      line: header.line,
      message: 'the header needs an `input` column (or `question`/`prompt`), e.g. `input,expected`',
    });
  }
  return { columns, issues };
}

/** An `__assert` cell: `type:value`, a bare `type`, or JSON (one assertion object or a list of them). */
function parseAssertCell(cell: string): { assertions: unknown[] } | { error: string } {
  if (cell.startsWith('{') || cell.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(cell);
      return { assertions: Array.isArray(parsed) ? parsed : [parsed] };
    } catch {
      return { error: 'the assertion looks like JSON but is not valid JSON' };
    }
  }
  const colon = cell.indexOf(':');
  if (colon === -1) return { assertions: [{ type: cell }] };
  return { assertions: [{ type: cell.slice(0, colon).trim(), value: cell.slice(colon + 1).trim() }] };
}

function numberOrText(cell: string): number | string {
  const number = Number(cell);
  return Number.isFinite(number) ? number : cell;
}

/**
 * Reads a CSV or TSV table with a header row into definition fields: one case per non-empty row.
 * The definition name is left to the caller (a table carries none).
 */
export function parseCsv(text: string, delimiter: ',' | '\t'): ParserOutput {
  const ignored: string[] = [];
  const records = readCsvRecords(text, delimiter).filter((record) => record.cells.some((cell) => cell.trim() !== ''));
  const [header, ...rows] = records;
  if (header === undefined) {
    throw new InputError([
      { path: '', message: 'the table is empty; its first row must be a header such as `input,expected`' },
    ]);
  }
  const { columns, issues } = readHeader(header, ignored);
  const lines = new Map<string, number>([['', header.line]]);
  const cases = rows.map((row, index) => {
    lines.set(`cases.${index}`, row.line);
    const extra = row.cells.slice(columns.length).filter((cell) => cell.trim() !== '');
    if (extra.length > 0) {
      issues.push({
        path: `cases.${index}`,
        caseNumber: index + 1,
        line: row.line,
        message: `the row has ${row.cells.length} cells but the header has ${columns.length}; quote cells that contain \`${delimiter === ',' ? ',' : 'tabs'}\``,
      });
    }
    const testCase: Record<string, unknown> = {};
    const vars: Record<string, string> = {};
    const assertions: unknown[] = [];
    columns.forEach((column, columnIndex) => {
      const cell = (row.cells[columnIndex] ?? '').trim();
      if (column.role === 'var') vars[column.name] = cell;
      if (cell === '') return;
      switch (column.role) {
        case 'input':
        case 'expected':
        case 'id':
          testCase[column.role] = cell;
          break;
        case 'tags':
          testCase.tags = cell
            .split(/[,;]/)
            .map((tag) => tag.trim())
            .filter((tag) => tag !== '');
          break;
        case 'weight':
          testCase.weight = numberOrText(cell);
          break;
        case 'typed-assert':
          assertions.push({ type: column.type, value: cell });
          break;
        case 'assert': {
          const parsed = parseAssertCell(cell);
          if ('error' in parsed) {
            issues.push({
              path: `cases.${index}.assert`,
              caseNumber: index + 1,
              line: row.line,
              message: parsed.error,
            });
          } else assertions.push(...parsed.assertions);
          break;
        }
      }
    });
    if (Object.keys(vars).length > 0) testCase.vars = vars;
    if (assertions.length > 0) testCase.assert = assertions;
    return testCase;
  });
  if (issues.length > 0) throw new InputError(issues);
  return { input: { cases }, lineOf: lineLookup(lines), ignored, warnings: [] };
}
