import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLError } from 'yaml';
import { InputError, type InputIssue } from '../errors.ts';
import { FORBIDDEN_KEYS } from './inspect-value.ts';
import { scanJson } from './json-syntax.ts';
import { lineLookup } from './line-lookup.ts';
import { issueAt, type LineOf } from './zod-issues.ts';

/** A YAML or JSON document as plain data, with the line of every field and list item. */
export interface ParsedDocument {
  value: unknown;
  lineOf: LineOf;
  warnings: string[];
}

/**
 * Each alias may be expanded at most this many times in total. The yaml package counts expansions
 * of nested aliases too, so a "billion laughs" document fails in milliseconds.
 */
const MAX_ALIAS_COUNT = 100;

/** Records the line of every map key and sequence item; reports prototype-polluting keys. */
function mapLines(root: Node | null, lineCounter: LineCounter): { lines: Map<string, number>; issues: InputIssue[] } {
  const lines = new Map<string, number>();
  const issues: InputIssue[] = [];
  const lineOfOffset = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;
  const stack: Array<{ node: unknown; path: string }> = [{ node: root, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop()!;
    const join = (key: string) => (path === '' ? key : `${path}.${key}`);
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const childPath = join(key);
        const line = lineOfOffset(isScalar(pair.key) ? pair.key.range?.[0] : undefined);
        if (line !== undefined) lines.set(childPath, line);
        if (FORBIDDEN_KEYS.has(key)) {
          issues.push({
            ...issueAt(childPath, 'this field name is not allowed'),
            ...(line === undefined ? {} : { line }),
          });
        } else stack.push({ node: pair.value, path: childPath });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        const childPath = join(String(index));
        const line = lineOfOffset((item as Node | null)?.range?.[0]);
        if (line !== undefined) lines.set(childPath, line);
        stack.push({ node: item, path: childPath });
      });
    }
  }
  return { lines, issues };
}

/** `Map keys must be unique at line 2, column 1:\n\n…` → `Map keys must be unique (column 1)`. */
function yamlIssue(error: YAMLError, prefix: string): InputIssue {
  const position = error.linePos?.[0];
  const first = error.message.split('\n')[0] ?? error.message;
  const text = first.replace(/ at line \d+, column \d+:?$/, '');
  const issue: InputIssue = {
    path: '',
    message: `${prefix}${text.charAt(0).toLowerCase()}${text.slice(1)}${position ? ` (column ${position.col})` : ''}`,
  };
  if (position) issue.line = position.line;
  return issue;
}

/** JSON: a strict scan for errors, lines and repeated keys, then `JSON.parse` for the value (fast on megabytes). */
function parseJson(text: string): ParsedDocument {
  const scan = scanJson(text);
  if (scan.error) {
    const { line, column, message } = scan.error;
    throw new InputError([{ path: '', line, message: `JSON syntax error: ${message} (column ${column})` }]);
  }
  const issues = scan.duplicates.map(({ path, line }) => ({ ...issueAt(path, 'this field appears twice'), line }));
  for (const [path, line] of scan.lines) {
    const key = path.slice(path.lastIndexOf('.') + 1);
    if (FORBIDDEN_KEYS.has(key)) issues.push({ ...issueAt(path, 'this field name is not allowed'), line });
  }
  if (issues.length > 0) throw new InputError(issues);
  return { value: JSON.parse(text), lineOf: lineLookup(scan.lines), warnings: [] };
}

/**
 * Parses a YAML 1.2 or JSON text into plain data. Duplicate keys, alias bombs, prototype-polluting
 * keys and syntax errors become `InputError`s that name the line.
 */
export function parseDocumentText(text: string, syntax: 'yaml' | 'json'): ParsedDocument {
  if (syntax === 'json') return parseJson(text);
  const prefix = 'YAML syntax error: ';
  const lineCounter = new LineCounter();
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, version: '1.2' });
  } catch (cause) {
    throw new InputError([{ path: '', message: 'the document is nested too deeply' }], { cause });
  }
  // The yaml parser recurses per nesting level and reports a stack overflow as an ordinary error.
  if (document.errors.some((error) => /call stack/i.test(error.message))) {
    throw new InputError([{ path: '', message: 'the document is nested too deeply' }]);
  }
  if (document.errors.length > 0) throw new InputError(document.errors.map((error) => yamlIssue(error, prefix)));
  const { lines, issues } = mapLines(document.contents, lineCounter);
  if (issues.length > 0) throw new InputError(issues);
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : '';
    const message = reason.includes('Excessive alias count')
      ? 'the document expands aliases (`*name`) too often; write the repeated values out'
      : cause instanceof ReferenceError
        ? `${prefix}${reason}`
        : 'the document is nested too deeply';
    throw new InputError([{ path: '', message }], { cause });
  }
  const warnings = document.warnings.map((warning) => {
    const issue = yamlIssue(warning, '');
    return issue.line === undefined ? issue.message : `line ${issue.line}: ${issue.message}`;
  });
  return { value, lineOf: lineLookup(lines), warnings };
}
