import { describe, expect, it } from 'vitest';
import { createCatalog, parseCatalog } from '../../../src/core/cost/catalog.ts';
import { estimateRun, RunEstimateSchema } from '../../../src/core/cost/estimate.ts';
import { countTokens } from '../../../src/core/cost/tokens.ts';
import {
  type BenchmarkDefinitionInput,
  BenchmarkDefinitionSchema,
  type ChatMessage,
  type ResolvedCase,
  type ResolvedDefinition,
} from '../../../src/core/definition/schema.ts';

// Prices chosen so costs are easy to check by hand: $1 per million prompt tokens, $2 per million
// completion tokens for the answering model; $10 / $20 for the judge.
const catalog = createCatalog(
  parseCatalog({
    data: [
      {
        id: 'vendor/answerer',
        name: 'Answerer',
        context_length: 8000,
        pricing: { prompt: '0.000001', completion: '0.000002' },
      },
      {
        id: 'vendor/judge',
        name: 'Judge',
        context_length: 8000,
        pricing: { prompt: '0.00001', completion: '0.00002' },
      },
      { id: 'vendor/per-call', pricing: { prompt: '0', completion: '0', request: '0.01' } },
    ],
  }).models,
  { fetchedAt: '2026-12-01T00:00:00Z', source: 'snapshot' },
);

function definition(input: Partial<BenchmarkDefinitionInput>): ResolvedDefinition {
  const parsed = BenchmarkDefinitionSchema.parse({ name: 'test', cases: [{ input: 'x' }], ...input });
  return { ...parsed, cases: parsed.cases.map((c, i) => ({ ...c, id: c.id ?? `case-${i + 1}` })) };
}

// 'hello world' is 2 tokens; as one user message that is 3 (reply) + 3 (message) + 1 (role) + 2 = 9.
const render = (testCase: ResolvedCase): ChatMessage[] => [{ role: 'user', content: String(testCase.input) }];

describe('estimateRun', () => {
  it('prices prompts, expected answers and the worst case with known token counts', () => {
    const def = definition({
      params: { max_tokens: 100 },
      cases: [
        { input: 'hello world', expected: '4' },
        { input: 'hello world', expected: '4' },
      ],
    });
    const estimate = estimateRun({
      definition: def,
      models: ['vendor/answerer'],
      samples: 3,
      catalog,
      renderMessages: render,
    });
    expect(RunEstimateSchema.parse(estimate)).toEqual(estimate);
    // '4' is 1 token → ceil(1 × 1.5 + 16) = 18 expected completion tokens per call.
    expect(countTokens('4')).toBe(1);
    expect(estimate.models).toEqual([
      {
        model: 'vendor/answerer',
        calls: 6,
        promptTokens: 6 * 9,
        expectedCompletionTokens: 6 * 18,
        worstCompletionTokens: 6 * 100,
        expectedUsd: expect.closeTo((54 * 1 + 108 * 2) / 1e6, 12),
        worstUsd: expect.closeTo((54 * 1 + 600 * 2) / 1e6, 12),
        priced: true,
      },
    ]);
    expect(estimate).toMatchObject({ cases: 2, samples: 3, calls: 6, unknownModels: [], complete: true, judge: [] });
    expect(estimate.expectedUsd).toBeCloseTo(270e-6, 12);
    expect(estimate.worstUsd).toBeCloseTo(1254e-6, 12);
  });

  it('uses the completion history when given, capped by max_tokens, and 1024 when max_tokens is unset', () => {
    const def = definition({ cases: [{ input: 'hello world', expected: 'a long reference answer' }] });
    const estimate = estimateRun({
      definition: def,
      models: ['vendor/answerer', 'openai:nothing-like-this'],
      samples: 1,
      catalog,
      completionHistory: { 'vendor/answerer': 5000 },
      renderMessages: render,
    });
    expect(estimate.models[0]).toMatchObject({ expectedCompletionTokens: 1024, worstCompletionTokens: 1024 });
    const capped = estimateRun({
      definition: definition({ params: { max_tokens: 50 }, cases: [{ input: 'hello world' }] }),
      models: ['vendor/answerer'],
      samples: 1,
      catalog,
      completionHistory: { 'vendor/answerer': 12.5 },
      renderMessages: render,
    });
    expect(capped.models[0]?.expectedCompletionTokens).toBe(13);
  });

  it('never prices an unknown model at 0 silently: it is listed and the estimate is incomplete', () => {
    const def = definition({ cases: [{ input: 'hello world', expected: '4' }] });
    const estimate = estimateRun({
      definition: def,
      models: ['vendor/answerer', 'mystery/model', 'local:llama3'],
      samples: 1,
      catalog,
      renderMessages: render,
    });
    expect(estimate.unknownModels).toEqual(['mystery/model', 'local:llama3']);
    expect(estimate.complete).toBe(false);
    expect(estimate.models.map((m) => m.priced)).toEqual([true, false, false]);
    expect(estimate.calls).toBe(3);
    expect(estimate.expectedUsd).toBeCloseTo(estimate.models[0]!.expectedUsd, 15);
  });

  it('charges per-request prices on every call', () => {
    const estimate = estimateRun({
      definition: definition({ cases: [{ input: 'a' }, { input: 'b' }] }),
      models: ['vendor/per-call'],
      samples: 2,
      catalog,
      renderMessages: render,
    });
    expect(estimate.expectedUsd).toBeCloseTo(0.04, 12);
    expect(estimate.worstUsd).toBeCloseTo(0.04, 12);
  });

  it('includes judge calls for every judged answer of every model', () => {
    const rubric = 'hello world';
    const def = definition({
      params: { max_tokens: 100 },
      judge: { models: ['vendor/judge'], rubric },
      assert: [{ type: 'llm-judge' }],
      cases: [
        { input: 'hello world', expected: '4' },
        // Replaces the default assertions: no judge call for this case.
        { input: 'hello world', expected: '4', assert: [{ type: 'equals' }], assertMode: 'replace' },
      ],
    });
    const estimate = estimateRun({
      definition: def,
      models: ['vendor/answerer', 'demo:fast'],
      samples: 2,
      catalog,
      renderMessages: render,
    });
    expect(estimate.judge).toHaveLength(1);
    const judge = estimate.judge[0]!;
    // One judged case × 2 samples × 2 models.
    expect(judge.calls).toBe(4);
    // Prompt per call: 200 template + 2 rubric + 9 case prompt + 1 expected + 18 answer = 230.
    expect(judge.promptTokens).toBe(4 * 230);
    expect(judge.expectedCompletionTokens).toBe(4 * 80);
    expect(judge.worstCompletionTokens).toBe(4 * 512);
    expect(judge.expectedUsd).toBeCloseTo((4 * 230 * 10 + 4 * 80 * 20) / 1e6, 12);
    // Worst case: the judged answer is max_tokens long.
    expect(judge.worstUsd).toBeCloseTo((4 * (212 + 100) * 10 + 4 * 512 * 20) / 1e6, 12);
    expect(estimate.calls).toBe(4 + 4 + 4);
    expect(estimate.complete).toBe(true);
  });

  it('flags an unknown judge model too', () => {
    const def = definition({
      cases: [{ input: 'hello world', assert: [{ type: 'llm-judge', options: { models: ['secret/judge'] } }] }],
    });
    const estimate = estimateRun({
      definition: def,
      models: ['vendor/answerer'],
      samples: 1,
      catalog,
      renderMessages: render,
    });
    expect(estimate.judge.map((j) => [j.model, j.priced])).toEqual([['secret/judge', false]]);
    expect(estimate.unknownModels).toEqual(['secret/judge']);
    // No reference answer: an open-ended answer of 256 tokens is assumed.
    expect(estimate.models[0]?.expectedCompletionTokens).toBe(256);
  });
});
