import { InputError, type InputIssue } from '../errors.ts';
import { validateAssertion } from '../scoring/registry.ts';
import { assignCaseIds } from './case-id.ts';
import { inspectValue } from './inspect-value.ts';
import {
  type Assertion,
  BenchmarkDefinitionSchema,
  type Case,
  CaseSchema,
  LIMITS,
  type ResolvedDefinition,
} from './schema.ts';
import { caseVariables, scanTemplate } from './template.ts';
import { exceedsBytes, formatBytes } from './text-checks.ts';
import { issueAt, type LineOf, zodInputIssues } from './zod-issues.ts';

export interface ValidateOptions {
  /** Maps a dotted path (`cases.2.expected`) to its line in the source text, for messages. */
  lineOf?: LineOf;
}

/** The definition-wide templates every case is checked against. */
interface Templates {
  prompt: string | undefined;
  system: string | undefined;
}

const INPUT_LIMIT = formatBytes(LIMITS.maxInputBytes);

function assertionIssues(assertions: readonly Assertion[], path: string, lineOf: LineOf | undefined): InputIssue[] {
  return assertions.flatMap((assertion, index) => {
    const problem = validateAssertion(assertion);
    return problem === undefined ? [] : [issueAt(`${path}.${index}`, problem, lineOf)];
  });
}

function missingVariableIssues(
  template: string,
  what: string,
  variables: ReadonlyMap<string, string>,
  path: string,
  lineOf: LineOf | undefined,
): InputIssue[] {
  return scanTemplate(template)
    .names.filter((name) => !variables.has(name))
    .map((name) => issueAt(path, `${what} uses \`{{${name}}}\` but this case has no variable \`${name}\``, lineOf));
}

/** Checks zod cannot express: a case needs something to ask, sizes in bytes, template variables, assertions. */
function caseIssues(testCase: Case, index: number, templates: Templates, lineOf: LineOf | undefined): InputIssue[] {
  const at = (field: string) => `cases.${index}.${field}`;
  const issues: InputIssue[] = [];
  const vars = testCase.vars ?? {};
  if (testCase.input === undefined && Object.keys(vars).length === 0) {
    // Nothing to ask: template checks would only repeat this in other words.
    return [issueAt(at('input'), 'the case needs an `input` or `vars`', lineOf)];
  }
  if (typeof testCase.input === 'string' && exceedsBytes(testCase.input, LIMITS.maxInputBytes)) {
    issues.push(issueAt(at('input'), `is larger than ${INPUT_LIMIT}`, lineOf));
  }
  if (Array.isArray(testCase.input)) {
    const total = testCase.input.map((message) => message.content).join('');
    if (exceedsBytes(total, LIMITS.maxInputBytes)) {
      issues.push(issueAt(at('input'), `the messages together are larger than ${INPUT_LIMIT}`, lineOf));
    }
  }
  for (const [name, value] of Object.entries(vars)) {
    if (exceedsBytes(value, LIMITS.maxInputBytes)) {
      issues.push(issueAt(at(`vars.${name}`), `is larger than ${INPUT_LIMIT}`, lineOf));
    }
  }
  const variables = caseVariables(testCase);
  if (Array.isArray(testCase.input)) {
    testCase.input.forEach((message, messageIndex) => {
      const path = at(`input.${messageIndex}.content`);
      issues.push(...missingVariableIssues(message.content, `message ${messageIndex + 1}`, variables, path, lineOf));
      for (const placeholder of scanTemplate(message.content).unsupported) {
        issues.push(issueAt(path, unsupportedMessage(placeholder), lineOf));
      }
    });
  } else if (templates.prompt !== undefined) {
    issues.push(...missingVariableIssues(templates.prompt, 'the prompt', variables, at('vars'), lineOf));
  }
  if (templates.system !== undefined) {
    issues.push(...missingVariableIssues(templates.system, 'the system prompt', variables, at('vars'), lineOf));
  }
  issues.push(...assertionIssues(testCase.assert ?? [], at('assert'), lineOf));
  return issues;
}

function unsupportedMessage(placeholder: string): string {
  return `\`${placeholder}\` is not supported: placeholders are plain variable names such as \`{{question}}\``;
}

function templateIssues(templates: Templates, lineOf: LineOf | undefined): InputIssue[] {
  return (['prompt', 'system'] as const).flatMap((field) =>
    scanTemplate(templates[field] ?? '').unsupported.map((placeholder) =>
      issueAt(field, unsupportedMessage(placeholder), lineOf),
    ),
  );
}

/** Throws every issue, definition-wide ones first, then case by case. */
function fail(issues: InputIssue[]): never {
  const ordered = issues
    .map((issue, position) => ({ issue, position }))
    .sort((a, b) => (a.issue.caseNumber ?? 0) - (b.issue.caseNumber ?? 0) || a.position - b.position)
    .map(({ issue }) => issue);
  throw new InputError(ordered);
}

/**
 * Validates a definition object (parsed from any format, or built by a caller) and resolves case ids.
 * Collects every problem before throwing one `InputError`, so a user fixes them all in one go.
 */
export function validateDefinition(input: unknown, options: ValidateOptions = {}): ResolvedDefinition {
  const { lineOf } = options;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    fail([{ path: '', message: 'a benchmark definition must be a mapping of fields such as `name` and `cases`' }]);
  }
  const inspection = inspectValue(input, LIMITS.maxDefinitionBytes);
  if (inspection.tooLarge) {
    fail([{ path: '', message: `the definition is larger than ${formatBytes(LIMITS.maxDefinitionBytes)}` }]);
  }
  if (inspection.tooDeep) fail([{ path: '', message: 'the definition is nested too deeply' }]);
  if (inspection.forbidden.length > 0) {
    fail(inspection.forbidden.map((path) => issueAt(path, 'this field name is not allowed', lineOf)));
  }
  const raw = input as Record<string, unknown>;
  if (Array.isArray(raw.cases) && raw.cases.length > LIMITS.maxCases) {
    const count = raw.cases.length.toLocaleString('en-US');
    const limit = LIMITS.maxCases.toLocaleString('en-US');
    fail([issueAt('cases', `has ${count} cases; a benchmark may have at most ${limit}`, lineOf)]);
  }

  const parsed = BenchmarkDefinitionSchema.safeParse(input);
  const issues = parsed.success ? [] : zodInputIssues(parsed.error, input, lineOf);
  // When the whole fails, still check the parts that parse, so one reply lists every problem.
  const shape = BenchmarkDefinitionSchema.shape;
  const prompt = parsed.success ? parsed.data.prompt : shape.prompt.safeParse(raw.prompt).data;
  const system = parsed.success ? parsed.data.system : shape.system.safeParse(raw.system).data;
  const templates: Templates = { prompt, system };
  const defaults = parsed.success ? parsed.data.assert : (shape.assert.safeParse(raw.assert).data ?? []);
  const cases: Array<Case | undefined> = parsed.success
    ? parsed.data.cases
    : (Array.isArray(raw.cases) ? raw.cases : []).map((item) => CaseSchema.safeParse(item).data);

  issues.push(...templateIssues(templates, lineOf), ...assertionIssues(defaults, 'assert', lineOf));
  cases.forEach((testCase, index) => {
    if (testCase !== undefined) issues.push(...caseIssues(testCase, index, templates, lineOf));
  });
  const ids = assignCaseIds(cases.map((testCase) => testCase ?? {}));
  issues.push(...ids.issues.map((issue) => issueAt(issue.path, issue.message, lineOf)));
  if (issues.length > 0 || !parsed.success) fail(issues);
  return { ...parsed.data, cases: parsed.data.cases.map((testCase, index) => ({ ...testCase, id: ids.ids[index]! })) };
}
