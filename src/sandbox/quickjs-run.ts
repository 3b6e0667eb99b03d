import {
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSWASMModule,
  shouldInterruptAfterDeadline,
} from 'quickjs-emscripten';
import type { ScriptInput, ScriptLimits } from '../core/ports.ts';
import type { ScoreResult } from '../core/scoring/types.ts';
import { interpretScriptValue } from './script-result.ts';

// Room for ordinary recursion; deeper stacks are a runaway script, not a scorer.
const MAX_STACK_BYTES = 128 * 1024;

export function failure(reason: string): ScoreResult {
  return { score: 0, pass: false, reason, error: true };
}

/** Turns a thrown QuickJS error into a reason the benchmark author can act on. */
function describeError(dumped: unknown, timedOut: boolean, limits: ScriptLimits): string {
  const message =
    dumped && typeof dumped === 'object' && 'message' in dumped
      ? `${(dumped as { name?: string }).name ?? 'Error'}: ${String((dumped as { message: unknown }).message)}`
      : String(dumped);
  if (timedOut || /interrupted/i.test(message)) return `script timed out after ${limits.timeoutMs} ms`;
  if (/out of memory/i.test(message))
    return `script ran out of memory (limit ${Math.round(limits.memoryBytes / 1024 / 1024)} MB)`;
  if (/stack overflow/i.test(message)) return 'script overflowed its stack (runaway recursion?)';
  return `script threw ${message}`;
}

/** Compiles the script as an expression (`output.length < 5`), else as a function body with `return`. */
function compile(context: QuickJSContext, code: string): { fn: QuickJSHandle } | { error: unknown } {
  const expression = context.evalCode(`(function (output, expected, vars) { return (\n${code}\n); })`, 'scorer.js');
  if (!expression.error) return { fn: expression.value };
  expression.error.dispose();
  const body = context.evalCode(`(function (output, expected, vars) {\n${code}\n})`, 'scorer.js');
  if (!body.error) return { fn: body.value };
  const dumped = context.dump(body.error);
  body.error.dispose();
  return { error: dumped };
}

// Runs inside the VM so the result crosses the boundary as one JSON string: no live handles to
// objects, getters or promises the host would have to walk.
const DRIVER = `(function (fn, output, expected, vars) {
  const value = fn(output, expected, vars);
  if (value !== null && typeof value === 'object' && typeof value.then === 'function') return '{"type":"promise"}';
  return JSON.stringify({ type: typeof value, value: value });
})`;

export type Outcome = { result: ScoreResult; clean: boolean };

function evaluateIn(
  context: QuickJSContext,
  code: string,
  input: ScriptInput,
  limits: ScriptLimits,
  timedOut: () => boolean,
) {
  const handles: QuickJSHandle[] = [];
  try {
    const compiled = compile(context, code);
    if ('error' in compiled)
      return failure(`script does not compile: ${describeError(compiled.error, timedOut(), limits)}`);
    handles.push(compiled.fn);
    const driver = context.evalCode(DRIVER, 'driver.js');
    if (driver.error) {
      driver.error.dispose();
      return failure('script sandbox could not start its driver');
    }
    handles.push(driver.value);
    const output = context.newString(input.output);
    handles.push(output);
    const expected = input.expected === undefined ? context.undefined : context.newString(input.expected);
    if (input.expected !== undefined) handles.push(expected);
    const vars = context.newObject();
    handles.push(vars);
    for (const [name, value] of Object.entries(input.vars)) {
      const handle = context.newString(value);
      context.setProp(vars, name, handle);
      handle.dispose();
    }
    const result = context.callFunction(driver.value, context.undefined, compiled.fn, output, expected, vars);
    if (result.error) {
      const dumped = context.dump(result.error);
      result.error.dispose();
      return failure(describeError(dumped, timedOut(), limits));
    }
    const json = context.getString(result.value);
    result.value.dispose();
    const { type, value } = JSON.parse(json) as { type: string; value?: unknown };
    return interpretScriptValue(type, value);
  } finally {
    for (const handle of handles) if (handle.alive) handle.dispose();
  }
}

/**
 * Evaluates one script in a fresh QuickJS runtime and context with a memory cap, a stack cap and an
 * interrupt deadline. `clean` is false when QuickJS could not free the runtime afterwards.
 */
export function runScript(module: QuickJSWASMModule, code: string, input: ScriptInput, limits: ScriptLimits): Outcome {
  const deadlinePassed = shouldInterruptAfterDeadline(Date.now() + limits.timeoutMs);
  let timedOut = false;
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(limits.memoryBytes);
  runtime.setMaxStackSize(MAX_STACK_BYTES);
  runtime.setInterruptHandler((rt) => {
    timedOut = deadlinePassed(rt) === true;
    return timedOut;
  });
  const context = runtime.newContext();
  const result = evaluateIn(context, code, input, limits, () => timedOut);
  try {
    context.dispose();
    runtime.dispose();
    return { result, clean: true };
  } catch {
    // QuickJS can refuse to free a runtime an out-of-memory or stack-overflow abort left behind;
    // the verdict stands, but the module is suspect and gets replaced.
    return { result, clean: false };
  }
}
