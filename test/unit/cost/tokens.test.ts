import { describe, expect, it } from 'vitest';
import { countMessageTokens, countTokens } from '../../../src/core/cost/tokens.ts';

describe('token counting (o200k_base)', () => {
  it('counts text tokens', () => {
    expect(countTokens('')).toBe(0);
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('a'.repeat(1000))).toBeLessThan(200);
    expect(countTokens('日本語のテキスト')).toBeGreaterThan(1);
  });

  it('counts special-token look-alikes in user text as ordinary text', () => {
    expect(countTokens('<|endoftext|>')).toBeGreaterThan(1);
  });

  it("adds OpenAI's chat overhead: 3 per message, 1 for the role, 3 to prime the reply", () => {
    const system = 'You are a helpful assistant.';
    const user = 'What is 2+2?';
    expect(
      countMessageTokens([
        { role: 'system', content: system },
        { role: 'user', content: user },
      ]),
    ).toBe(3 + (3 + 1 + countTokens(system)) + (3 + 1 + countTokens(user)));
    expect(countMessageTokens([])).toBe(3);
  });

  it('counts 5,000 cases quickly', () => {
    const started = performance.now();
    for (let i = 0; i < 5000; i++) {
      countMessageTokens([
        { role: 'system', content: 'Answer with the final number only.' },
        { role: 'user', content: `Question ${i}: what is ${i} plus ${i * 7}? Think about carrying digits.` },
      ]);
    }
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
