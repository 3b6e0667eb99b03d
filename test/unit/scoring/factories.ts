import {
  type Assertion,
  BenchmarkDefinitionSchema,
  type CaseInput,
  CaseSchema,
  type ResolvedCase,
  type ResolvedDefinition,
} from '../../../src/core/definition/schema.ts';
import { scoreDeterministic } from '../../../src/core/scoring/registry.ts';
import type { ScoreResult } from '../../../src/core/scoring/types.ts';

/** A validated case with defaults filled in. */
export function makeCase(input: CaseInput = {}): ResolvedCase {
  const parsed = CaseSchema.parse({ id: 'c1', input: 'question', ...input });
  return { ...parsed, id: parsed.id ?? 'c1' };
}

/** A validated definition holding `testCase`. */
export function makeDefinition(
  overrides: Record<string, unknown> = {},
  testCase: ResolvedCase = makeCase(),
): ResolvedDefinition {
  const parsed = BenchmarkDefinitionSchema.parse({ name: 'test', cases: [testCase], ...overrides });
  return { ...parsed, cases: [testCase] };
}

/** Scores `output` with one deterministic assertion against a case. */
export function check(output: string, assertion: Assertion, caseInput: CaseInput = {}): ScoreResult {
  const testCase = makeCase(caseInput);
  return scoreDeterministic(output, assertion, { case: testCase, messages: [], vars: testCase.vars ?? {} });
}

const ALPHABET = [...'aAbB zZ09.,!?-_\n\t{}[]":#$%', 'é', 'É', 'ß', '日', '本', '😀', 'Ａ', '\u0301', 'ﬁ'];

/** A random string mixing ASCII, digits, punctuation, JSON characters and awkward Unicode. */
export function randomString(random: () => number, maxLength = 40): string {
  const length = Math.floor(random() * maxLength);
  let text = '';
  for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return text;
}
