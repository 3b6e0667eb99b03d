import { describe, expect, it } from 'vitest';
import { DEMO_MODELS } from '../../../src/core/cost/demo-models.ts';
import { simulatedAnswer, wrongAnswer } from '../../../src/llm/simulator/answers.ts';

describe('simulated answers', () => {
  it('answers correctly about as often as each demo model’s accuracy, the same way every time', () => {
    for (const model of DEMO_MODELS) {
      let correct = 0;
      for (let i = 0; i < 2000; i++) {
        const answer = simulatedAnswer(model, `What is ${i} + ${i}?`, String(2 * i));
        expect(simulatedAnswer(model, `What is ${i} + ${i}?`, String(2 * i))).toBe(answer);
        if (answer === String(2 * i)) correct++;
      }
      expect(correct / 2000).toBeGreaterThan(model.accuracy - 0.04);
      expect(correct / 2000).toBeLessThan(model.accuracy + 0.04);
    }
  });

  it('gives wrong answers of the expected kind', () => {
    for (let h = 0; h < 50; h++) {
      const number = Number(wrongAnswer('42', h));
      expect(Number.isInteger(number) && number !== 42).toBe(true);
      expect(['A', 'C', 'D']).toContain(wrongAnswer('B', h));
      expect(wrongAnswer('yes', h)).toBe('no');
      expect(wrongAnswer('Paris', h)).not.toBe('Paris');
    }
  });
});
