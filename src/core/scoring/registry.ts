import type { Assertion, ChatMessage, ResolvedCase, ResolvedDefinition } from '../definition/schema.ts';
import type { ModelGateway, ScriptSandbox } from '../ports.ts';
import type { CaseScore, Check, JudgeCall, JudgeVerdictEntry } from './case-score.ts';
import { choice } from './scorers/choice.ts';
import { contains } from './scorers/contains.ts';
import { containsAll } from './scorers/contains-all.ts';
import { containsAny } from './scorers/contains-any.ts';
import { equals } from './scorers/equals.ts';
import { icontains } from './scorers/icontains.ts';
import { isJson } from './scorers/is-json.ts';
import { runJavascript, validateJavascript } from './scorers/javascript.ts';
import { jsonPath } from './scorers/json-path.ts';
import { jsonSchema } from './scorers/json-schema.ts';
import { length } from './scorers/length.ts';
import { levenshtein } from './scorers/levenshtein.ts';
import { runJudge, validateJudge } from './scorers/llm-judge.ts';
import { numeric } from './scorers/numeric.ts';
import { regex } from './scorers/regex.ts';
import { rougeL } from './scorers/rouge-l.ts';
import { startsWith } from './scorers/starts-with.ts';
import { broken } from './text.ts';
import type { ScoreResult, ScorerSpec, ScoringContext } from './types.ts';

const DETERMINISTIC: readonly ScorerSpec[] = [
  equals,
  contains,
  icontains,
  containsAny,
  containsAll,
  startsWith,
  regex,
  isJson,
  jsonSchema,
  jsonPath,
  numeric,
  choice,
  levenshtein,
  length,
  rougeL,
];
const BY_TYPE = new Map(DETERMINISTIC.map((spec) => [spec.type, spec]));

/** What help texts and menus show about a scorer. */
export interface ScorerInfo {
  type: string;
  description: string;
  needsExpected: boolean;
  /** Runs outside the pure core (a judge model or the script sandbox). */
  async: boolean;
  /** Whether `not-<type>` is allowed. */
  negatable: boolean;
}

/** Every scorer type; any negatable one also works as `not-<type>`. */
export const SCORERS: readonly ScorerInfo[] = [
  ...DETERMINISTIC.map(({ type, description, needsExpected }) => ({
    type,
    description,
    needsExpected,
    async: false,
    negatable: true,
  })),
  {
    type: 'javascript',
    description: 'Custom JavaScript check in a sandbox; gets `output`, `expected`, `vars`',
    needsExpected: false,
    async: true,
    negatable: true,
  },
  {
    type: 'llm-judge',
    description: 'A judge model grades the answer against a rubric (`value`)',
    needsExpected: false,
    async: true,
    negatable: false,
  },
];

function splitType(type: string): { base: string; negated: boolean } {
  return type.startsWith('not-') ? { base: type.slice(4), negated: true } : { base: type, negated: false };
}

/**
 * Checks one assertion before any run: known type (with optional `not-`), and a `value`/`options`
 * the scorer understands. Returns a user-facing message, or undefined when the assertion is fine.
 */
export function validateAssertion(assertion: Assertion): string | undefined {
  const { base, negated } = splitType(assertion.type);
  if (base === 'llm-judge') {
    if (negated) return '`not-llm-judge` is not supported: phrase the rubric the other way round';
    return validateJudge(assertion);
  }
  if (base === 'javascript') return validateJavascript(assertion);
  const spec = BY_TYPE.get(base);
  if (!spec) {
    const known = SCORERS.map((scorer) => scorer.type).join(', ');
    return `unknown assertion type \`${assertion.type}\` (known: ${known}; prefix \`not-\` to negate)`;
  }
  return spec.validate(assertion);
}

// Definitions are validated once but scored up to 100,000 times; assertion objects are reused,
// so their verdict is remembered per object.
const validated = new WeakMap<Assertion, string | undefined>();

function validateOnce(assertion: Assertion): string | undefined {
  if (validated.has(assertion)) return validated.get(assertion);
  const message = validateAssertion(assertion);
  validated.set(assertion, message);
  return message;
}

/** Turns a result around; a check that could not be evaluated stays failing. */
function negate(result: ScoreResult): ScoreResult {
  if (result.error) return result;
  return { score: 1 - result.score, pass: !result.pass, reason: `negated: ${result.reason}` };
}

/** Scores one output with one deterministic assertion (pure, synchronous); `not-` prefixes work. */
export function scoreDeterministic(output: string, assertion: Assertion, context: ScoringContext): ScoreResult {
  const { base, negated } = splitType(assertion.type);
  const invalid = validateOnce(assertion);
  if (invalid) return broken(invalid);
  const spec = BY_TYPE.get(base) as ScorerSpec;
  const result = spec.score(output, assertion, context);
  return negated ? negate(result) : result;
}

/** The I/O a case's scoring may need; absent ports make the checks needing them fail with a reason. */
export interface ScoringPorts {
  gateway?: ModelGateway;
  sandbox?: ScriptSandbox;
  signal?: AbortSignal;
}

/** One model output of one case, ready to score. */
export interface ScoreCaseInput {
  definition: ResolvedDefinition;
  testCase: ResolvedCase;
  output: string;
  messages: ChatMessage[];
  /** The model call failed: the case scores 0 and no judge is asked. */
  failed?: { kind: string; message: string };
}

const DEFAULT_ASSERTIONS: Assertion[] = [{ type: 'equals' }];

/** The assertions that apply to a case; `equals` on the expected answer when none are written. */
export function effectiveAssertions(definition: ResolvedDefinition, testCase: ResolvedCase): Assertion[] {
  const own = testCase.assert ?? [];
  const all = testCase.assertMode === 'replace' ? own : [...definition.assert, ...own];
  if (all.length === 0 && testCase.expected !== undefined) return DEFAULT_ASSERTIONS;
  return all;
}

interface Scored {
  result: ScoreResult;
  verdicts?: JudgeVerdictEntry[];
  agreement?: number;
  calls?: JudgeCall[];
}

async function scoreOne(assertion: Assertion, input: ScoreCaseInput, context: ScoringContext, ports: ScoringPorts) {
  const { base, negated } = splitType(assertion.type);
  if (base === 'llm-judge' || base === 'javascript') {
    const invalid = validateOnce(assertion);
    if (invalid) return { result: broken(invalid) };
  }
  if (base === 'llm-judge') {
    const { result, verdicts, agreement, calls } = await runJudge({
      output: input.output,
      assertion,
      context,
      settings: input.definition.judge,
      gateway: ports.gateway,
      signal: ports.signal,
    });
    return { result, verdicts, agreement, calls } satisfies Scored;
  }
  if (base === 'javascript') {
    const result = await runJavascript(input.output, assertion, context, ports.sandbox);
    return { result: negated ? negate(result) : result } satisfies Scored;
  }
  return { result: scoreDeterministic(input.output, assertion, context) } satisfies Scored;
}

function combine(checks: Check[], threshold: number | undefined): { score: number; pass: boolean } {
  const totalWeight = checks.reduce((sum, check) => sum + check.weight, 0);
  // All-zero weights would divide by zero; the checks then count equally.
  const score =
    totalWeight > 0
      ? checks.reduce((sum, check) => sum + check.score * check.weight, 0) / totalWeight
      : checks.reduce((sum, check) => sum + check.score, 0) / checks.length;
  const pass = threshold === undefined ? checks.every((check) => check.pass) : score >= threshold;
  return { score: Math.min(1, Math.max(0, score)), pass };
}

/**
 * Scores one output of one case: every effective assertion (weighted mean; pass when all pass, or
 * when the score reaches the case's `threshold`), with judge verdicts and judge call costs.
 */
export async function scoreCase(input: ScoreCaseInput, ports: ScoringPorts): Promise<CaseScore> {
  if (input.failed) {
    const reason = `model call failed (${input.failed.kind}): ${input.failed.message}`;
    return {
      score: 0,
      pass: false,
      checks: [{ type: 'model-call', score: 0, pass: false, reason, weight: 1 }],
      judgeCalls: [],
    };
  }
  const assertions = effectiveAssertions(input.definition, input.testCase);
  if (assertions.length === 0) {
    return {
      score: 1,
      pass: true,
      checks: [{ type: 'none', score: 1, pass: true, reason: 'no assertions', weight: 1 }],
      judgeCalls: [],
    };
  }
  const context: ScoringContext = { case: input.testCase, messages: input.messages, vars: input.testCase.vars ?? {} };
  const scored: Scored[] = await Promise.all(assertions.map((assertion) => scoreOne(assertion, input, context, ports)));
  const checks: Check[] = scored.map(({ result }, i) => ({
    type: assertions[i]?.type ?? '',
    score: result.score,
    pass: result.pass,
    reason: result.reason,
    weight: assertions[i]?.weight ?? 1,
  }));
  const judged = scored.filter((entry) => entry.verdicts !== undefined && entry.verdicts.length > 0);
  const { score, pass } = combine(checks, input.testCase.threshold);
  return {
    score,
    pass,
    checks,
    ...(judged.length > 0 && {
      judge: {
        verdicts: judged.flatMap((entry) => entry.verdicts ?? []),
        agreement: judged.reduce((sum, entry) => sum + (entry.agreement ?? 0), 0) / judged.length,
      },
    }),
    judgeCalls: scored.flatMap((entry) => entry.calls ?? []),
  };
}
