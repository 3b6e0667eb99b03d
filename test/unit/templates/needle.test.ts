import { describe, expect, it } from 'vitest';
import { validateDefinition } from '../../../src/core/definition/parse.ts';
import { LIMITS } from '../../../src/core/definition/schema.ts';
import { InputError } from '../../../src/core/errors.ts';
import { scoreCase } from '../../../src/core/scoring/registry.ts';
import { generateNeedleBenchmark } from '../../../src/core/templates/needle.ts';

const bytes = (text: string) => new TextEncoder().encode(text).length;
const occurrences = (text: string, needle: string) => text.split(needle).length - 1;

describe('generateNeedleBenchmark', () => {
  it('gives the same benchmark for the same options and a different one for another seed', () => {
    expect(generateNeedleBenchmark({ seed: 7 })).toEqual(generateNeedleBenchmark({ seed: 7 }));
    expect(generateNeedleBenchmark({ seed: 8 }).cases).not.toEqual(generateNeedleBenchmark({ seed: 7 }).cases);
  });

  it('makes 15 valid cases of about 3,000 words by default, each under the input limit', () => {
    const definition = validateDefinition(generateNeedleBenchmark());
    expect(definition.cases).toHaveLength(15);
    for (const testCase of definition.cases) {
      const input = String(testCase.input);
      expect(bytes(input)).toBeLessThan(LIMITS.maxInputBytes);
      expect(input.split(/\s+/).length).toBeGreaterThanOrEqual(3000);
    }
  });

  it('states each code exactly once and asks for the vault it belongs to', () => {
    for (const testCase of generateNeedleBenchmark({ seed: 3 }).cases) {
      const input = String(testCase.input);
      const code = String(testCase.expected);
      expect(code).toMatch(/^\d{4}$/);
      expect(occurrences(input, code)).toBe(1);
      const vault = /access code for vault (\d+) is (\d{4})\./.exec(input);
      expect(vault?.[2]).toBe(code);
      expect(input).toContain(`what is the access code for vault ${vault?.[1]}?`);
    }
  });

  it('moves the needle from the start of the notes to the end', () => {
    const cases = generateNeedleBenchmark({ cases: 5, haystackWords: 400 }).cases;
    const positions = cases.map((testCase) => {
      const input = String(testCase.input);
      const notes = input.slice(input.indexOf('<notes>'), input.indexOf('</notes>'));
      return notes.indexOf(String(testCase.expected)) / notes.length;
    });
    expect(cases.map((testCase) => testCase.tags)).toEqual([
      ['depth-0'],
      ['depth-25'],
      ['depth-50'],
      ['depth-75'],
      ['depth-100'],
    ]);
    expect(positions[0]).toBeLessThan(0.05);
    expect(positions[4]).toBeGreaterThan(0.95);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('passes an answer with the code and fails one with another code', async () => {
    const definition = validateDefinition(generateNeedleBenchmark({ cases: 2, haystackWords: 200 }));
    const [testCase] = definition.cases;
    if (!testCase) throw new Error('no case generated');
    const score = (output: string) => scoreCase({ definition, testCase, output, messages: [] }, {});
    expect((await score(`The code is ${testCase.expected}.`)).pass).toBe(true);
    const wrong = testCase.expected === '1234' ? '4321' : '1234';
    expect((await score(wrong)).pass).toBe(false);
  });

  it('refuses out-of-range options with InputError naming the option', () => {
    expect(() => generateNeedleBenchmark({ cases: 0 })).toThrow(InputError);
    expect(() => generateNeedleBenchmark({ haystackWords: 50_000 })).toThrow(/haystackWords/);
    expect(() => generateNeedleBenchmark({ seed: 1.5 })).toThrow(/seed/);
  });
});
