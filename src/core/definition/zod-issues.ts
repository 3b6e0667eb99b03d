import type { z } from 'zod';
import type { InputIssue } from '../errors.ts';

/** Finds the source line of a dotted path, when the input came from text. */
export type LineOf = (path: string) => number | undefined;

function typeName(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return 'text';
  return `a ${typeof value}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
  record: 'a mapping of fields',
};

/** Walks `path` into `root` to show what was actually given. */
function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.hasOwn(value, key) ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return value;
}

/** Rewrites zod's messages in words a chat user understands. */
function describe(issue: z.core.$ZodIssue, root: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const given = valueAt(root, issue.path);
      if (given === undefined) return 'is required';
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${typeName(given)}`;
    }
    case 'invalid_union': {
      const expected = issue.errors
        .map((branch) => branch[0])
        .filter((first) => first?.code === 'invalid_type' && first.path.length === 0)
        .map((first) => (first?.code === 'invalid_type' ? (EXPECTED[first.expected] ?? first.expected) : ''));
      const given = valueAt(root, issue.path);
      if (expected.length === issue.errors.length && given !== undefined) {
        const choices = expected.length > 1 ? `${expected.slice(0, -1).join(', ')} or ${expected.at(-1)}` : expected[0];
        return `must be ${choices}, not ${typeName(given)}`;
      }
      return 'has an unexpected shape';
    }
    case 'too_big':
      if (issue.origin === 'array') return `has too many entries (at most ${issue.maximum})`;
      if (issue.origin === 'string') return `is too long (at most ${issue.maximum} characters)`;
      return `must be at most ${issue.maximum}`;
    case 'too_small':
      if (issue.origin === 'array')
        return `needs at least ${issue.minimum} ${issue.minimum === 1 ? 'entry' : 'entries'}`;
      if (issue.origin === 'string') return issue.minimum === 1 ? 'must not be empty' : `is too short`;
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => `\`${String(value)}\``).join(', ')}`;
    case 'invalid_format':
      return issue.message;
    default:
      return issue.message;
  }
}

function toIssue(path: ReadonlyArray<PropertyKey>, message: string, lineOf: LineOf | undefined): InputIssue {
  const dotted = path.map(String).join('.');
  const issue: InputIssue = { path: dotted, message };
  if (path[0] === 'cases' && typeof path[1] === 'number') issue.caseNumber = path[1] + 1;
  const line = lineOf?.(dotted);
  if (line !== undefined) issue.line = line;
  return issue;
}

/** Turns a zod error into located input issues; `root` is the validated value, to name what was given. */
export function zodInputIssues(error: z.ZodError, root: unknown, lineOf?: LineOf): InputIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => toIssue([...issue.path, key], 'is not a known field', lineOf));
    }
    return [toIssue(issue.path, describe(issue, root), lineOf)];
  });
}

/** Builds one located issue for a dotted path. */
export function issueAt(path: string, message: string, lineOf?: LineOf): InputIssue {
  const parts = path === '' ? [] : path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  return toIssue(parts, message, lineOf);
}
