import { afterAll, describe, expect, it } from 'vitest';
import type { ScriptInput } from '../../../src/core/ports.ts';
import { createQuickJsSandbox } from '../../../src/sandbox/quickjs-sandbox.ts';

const sandbox = createQuickJsSandbox();
afterAll(() => sandbox.close());

const LIMITS = { timeoutMs: 100, memoryBytes: 16 * 1024 * 1024 };
const INPUT: ScriptInput = { output: 'The capital is Paris.', expected: 'Paris', vars: { country: 'France' } };

function evaluate(code: string, input: ScriptInput = INPUT) {
  return sandbox.evaluate(code, input, LIMITS);
}

async function timed(code: string) {
  const started = performance.now();
  const result = await evaluate(code);
  return { result, ms: performance.now() - started };
}

describe('QuickJS sandbox', () => {
  it('runs expressions and function bodies over output, expected and vars', async () => {
    expect(await evaluate('output.includes(expected)')).toEqual({
      score: 1,
      pass: true,
      reason: 'script returned true',
    });
    expect(await evaluate('return vars.country === "France" ? 0.25 : 1')).toMatchObject({ score: 0.25, pass: false });
    expect(await evaluate('return { pass: true, score: 0.9, reason: "found " + expected }')).toEqual({
      score: 0.9,
      pass: true,
      reason: 'found Paris',
    });
    expect(await evaluate('expected === undefined', { output: '', vars: {} })).toMatchObject({ pass: true });
  });

  it('handles unicode and a 1 MB output', async () => {
    expect(await evaluate('output === "日本😀"', { output: '日本😀', vars: {} })).toMatchObject({ pass: true });
    expect(await evaluate('output.length === 1000000', { output: 'x'.repeat(1_000_000), vars: {} })).toMatchObject({
      pass: true,
    });
  });

  it('rejects wrong return values with a reason', async () => {
    expect(await evaluate('"yes"')).toMatchObject({
      pass: false,
      error: true,
      reason: expect.stringMatching(/a string/),
    });
    expect(await evaluate('return 3')).toMatchObject({ pass: false, reason: 'script returned 3, outside 0..1' });
    expect(await evaluate('return {}')).toMatchObject({ pass: false, error: true });
    expect(await evaluate('Promise.resolve(true)')).toMatchObject({
      pass: false,
      reason: expect.stringMatching(/promise/),
    });
    expect(await evaluate('return (')).toMatchObject({
      pass: false,
      reason: expect.stringMatching(/does not compile/),
    });
  });

  it('reports thrown errors', async () => {
    expect(await evaluate('throw new TypeError("bad input")')).toMatchObject({
      pass: false,
      error: true,
      reason: 'script threw TypeError: bad input',
    });
  });

  it('stops an endless loop near the time limit', async () => {
    const { result, ms } = await timed('while (true) {}');
    expect(result).toMatchObject({ pass: false, error: true, reason: 'script timed out after 100 ms' });
    expect(ms).toBeLessThan(1000);
  });

  it('stops memory bombs', async () => {
    expect(await evaluate('new ArrayBuffer(64 * 1024 * 1024)')).toMatchObject({
      pass: false,
      reason: expect.stringMatching(/out of memory/),
    });
    const { result, ms } = await timed('const a = []; for (;;) a.push("y".repeat(100000) + a.length);');
    expect(result).toMatchObject({ pass: false, error: true, reason: expect.stringMatching(/memory|timed out/) });
    expect(ms).toBeLessThan(2000);
  });

  it('stops runaway recursion', async () => {
    expect(await evaluate('function f(n) { return f(n + 1) + 1 } return f(0)')).toMatchObject({
      pass: false,
      reason: expect.stringMatching(/stack/),
    });
  });

  it('gives no access to process, require, fetch or the host', async () => {
    const probe =
      'typeof process === "undefined" && typeof require === "undefined" && typeof globalThis.fetch === "undefined" && typeof setTimeout === "undefined"';
    expect(await evaluate(probe)).toMatchObject({ pass: true });
    expect(await evaluate('return process.exit(1)')).toMatchObject({
      pass: false,
      reason: expect.stringMatching(/ReferenceError/),
    });
  });

  it('keeps working after a killed script, and scripts do not share state', async () => {
    await evaluate('const a = []; for (;;) a.push("y".repeat(100000) + a.length);');
    expect(await evaluate('globalThis.leak = 1; return true')).toMatchObject({ pass: true });
    expect(await evaluate('typeof leak === "undefined"')).toMatchObject({ pass: true });
  });
});
