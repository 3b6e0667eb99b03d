import type { Assertion } from '../../definition/schema.ts';
import type { ScriptLimits, ScriptSandbox } from '../../ports.ts';
import { broken } from '../text.ts';
import type { ScoreResult, ScoringContext } from '../types.ts';

/** Limits of a scoring script unless its options lower or raise them within the bounds below. */
export const DEFAULT_SCRIPT_LIMITS: ScriptLimits = { timeoutMs: 100, memoryBytes: 16 * 1024 * 1024 };
const MAX_TIMEOUT_MS = 2000;
const MIN_MEMORY_BYTES = 1024 * 1024;
const MAX_MEMORY_BYTES = 64 * 1024 * 1024;
const MAX_CODE_LENGTH = 20_000;

/** Checks the script (`value`) and its `timeoutMs`/`memoryBytes` options. */
export function validateJavascript(assertion: Assertion): string | undefined {
  const code = assertion.value;
  if (typeof code !== 'string' || code.trim() === '')
    return '`value` must be JavaScript code, e.g. `output.length < 100` or `return {pass: …, score: …}`';
  if (code.length > MAX_CODE_LENGTH) return `the script is longer than ${MAX_CODE_LENGTH} characters`;
  const timeout = assertion.options?.timeoutMs;
  if (timeout !== undefined && (typeof timeout !== 'number' || !(timeout >= 1 && timeout <= MAX_TIMEOUT_MS)))
    return `option \`timeoutMs\` must be between 1 and ${MAX_TIMEOUT_MS}`;
  const memory = assertion.options?.memoryBytes;
  if (
    memory !== undefined &&
    (typeof memory !== 'number' || !(memory >= MIN_MEMORY_BYTES && memory <= MAX_MEMORY_BYTES))
  )
    return `option \`memoryBytes\` must be between ${MIN_MEMORY_BYTES} and ${MAX_MEMORY_BYTES}`;
  return undefined;
}

/**
 * Runs the script in the sandbox with `output`, `expected` and `vars`. A numeric result passes
 * at the assertion's threshold when one is set, otherwise as the sandbox decided.
 */
export async function runJavascript(
  output: string,
  assertion: Assertion,
  context: ScoringContext,
  sandbox: ScriptSandbox | undefined,
): Promise<ScoreResult> {
  if (!sandbox) return broken('no script sandbox is available to run JavaScript scorers');
  const limits: ScriptLimits = {
    timeoutMs: (assertion.options?.timeoutMs as number | undefined) ?? DEFAULT_SCRIPT_LIMITS.timeoutMs,
    memoryBytes: (assertion.options?.memoryBytes as number | undefined) ?? DEFAULT_SCRIPT_LIMITS.memoryBytes,
  };
  const result = await sandbox.evaluate(
    String(assertion.value),
    { output, expected: context.case.expected, vars: context.vars },
    limits,
  );
  if (result.error || assertion.threshold === undefined) return result;
  return { ...result, pass: result.score >= assertion.threshold };
}
