import type { Assertion, ChatMessage, ModelRef, ResolvedCase, ResolvedDefinition } from '../definition/schema.ts';
import type { Catalog } from './catalog.ts';
import type { ModelEstimate, RunEstimate } from './estimate-schema.ts';
import { DEFAULT_MAX_TOKENS } from './max-tokens.ts';
import { countMessageTokens, countTokens } from './tokens.ts';

export type { ModelEstimate, RunEstimate } from './estimate-schema.ts';
export { ModelEstimateSchema, RunEstimateSchema } from './estimate-schema.ts';

/** What an estimate is made from. */
export interface EstimateInput {
  definition: ResolvedDefinition;
  models: ModelRef[];
  samples: number;
  catalog: Catalog;
  /** Mean completion tokens per call of each model on this benchmark, from earlier runs. */
  completionHistory?: Record<string, number>;
  /** The messages a case sends (the definition's renderer). */
  renderMessages: (testCase: ResolvedCase) => ChatMessage[];
}

export { DEFAULT_MAX_TOKENS };

/** Answers are usually longer than the reference answer: reasoning, phrasing, a trailing period. */
const ANSWER_SAFETY_FACTOR = 1.5;
const ANSWER_SAFETY_TOKENS = 16;
/** Expected answer length of a case with no reference answer (open-ended tasks). */
const OPEN_ANSWER_TOKENS = 256;
/** The judge prompt's fixed instructions and delimiters (measured on the v1 template). */
const JUDGE_TEMPLATE_TOKENS = 200;
/** A verdict is one small JSON object; the judge's `max_tokens` bounds the worst case. */
const JUDGE_EXPECTED_COMPLETION = 80;
const JUDGE_MAX_TOKENS = 512;
/** The judge scorer's rubric when none is written, about this long. */
const DEFAULT_RUBRIC_TOKENS = 40;

interface Usage {
  calls: number;
  promptTokens: number;
  worstPromptTokens: number;
  expectedCompletionTokens: number;
  worstCompletionTokens: number;
}

interface CaseCost {
  promptTokens: number;
  answerTokens: number;
  /** Judge calls one answer of this case causes: judge model and its prompt without the answer. */
  judges: { model: string; baseTokens: number }[];
}

function judgeAssertions(definition: ResolvedDefinition, testCase: ResolvedCase): Assertion[] {
  const own = testCase.assert ?? [];
  const all = testCase.assertMode === 'replace' ? own : [...definition.assert, ...own];
  return all.filter((a) => a.type.replace(/^not-/, '') === 'llm-judge');
}

function judgeModelsOf(assertion: Assertion, definition: ResolvedDefinition): string[] {
  const models = assertion.options?.models;
  if (Array.isArray(models) && models.every((m) => typeof m === 'string')) return models as string[];
  return definition.judge?.models ?? [];
}

function caseCosts(input: EstimateInput, completionCap: number): CaseCost[] {
  const rubricTokens = new Map<string, number>();
  const rubricCost = (rubric: string | undefined) => {
    if (rubric === undefined) return DEFAULT_RUBRIC_TOKENS;
    let tokens = rubricTokens.get(rubric);
    if (tokens === undefined) {
      tokens = countTokens(rubric);
      rubricTokens.set(rubric, tokens);
    }
    return tokens;
  };
  const { definition } = input;
  return definition.cases.map((testCase) => {
    const promptTokens = countMessageTokens(input.renderMessages(testCase));
    const expectedTokens = testCase.expected === undefined ? 0 : countTokens(testCase.expected);
    const answer =
      testCase.expected === undefined
        ? OPEN_ANSWER_TOKENS
        : Math.ceil(expectedTokens * ANSWER_SAFETY_FACTOR + ANSWER_SAFETY_TOKENS);
    const judges = judgeAssertions(definition, testCase).flatMap((assertion) => {
      const rubric = typeof assertion.value === 'string' ? assertion.value : definition.judge?.rubric;
      const baseTokens = JUDGE_TEMPLATE_TOKENS + rubricCost(rubric) + promptTokens + expectedTokens;
      return judgeModelsOf(assertion, definition).map((model) => ({ model, baseTokens }));
    });
    return { promptTokens, answerTokens: Math.min(answer, completionCap), judges };
  });
}

function priced(model: string, usage: Usage, catalog: Catalog): ModelEstimate {
  const price = catalog.price(model);
  const cost = (promptTokens: number, completionTokens: number) =>
    price
      ? promptTokens * price.promptPerToken +
        completionTokens * price.completionPerToken +
        usage.calls * price.perRequest
      : 0;
  return {
    model,
    calls: usage.calls,
    promptTokens: Math.round(usage.promptTokens),
    expectedCompletionTokens: Math.round(usage.expectedCompletionTokens),
    worstCompletionTokens: Math.round(usage.worstCompletionTokens),
    expectedUsd: cost(usage.promptTokens, usage.expectedCompletionTokens),
    worstUsd: cost(usage.worstPromptTokens, usage.worstCompletionTokens),
    priced: price !== undefined,
  };
}

function emptyUsage(): Usage {
  return { calls: 0, promptTokens: 0, worstPromptTokens: 0, expectedCompletionTokens: 0, worstCompletionTokens: 0 };
}

/**
 * Estimates a run before it starts: prompt tokens counted with a real tokenizer on the rendered
 * messages; completion tokens from the model's history on this benchmark when known, else from
 * the reference answers' length with a safety margin, capped by `max_tokens`; the worst case has
 * every call use `max_tokens`. Judge calls are included. A model without a price is listed in
 * `unknownModels` and leaves the estimate incomplete instead of counting as free.
 */
export function estimateRun(input: EstimateInput): RunEstimate {
  const maxTokens = input.definition.params.max_tokens ?? DEFAULT_MAX_TOKENS;
  const samples = input.samples;
  const cases = caseCosts(input, maxTokens);
  const judgeUsage = new Map<string, Usage>();
  const models = [...new Set(input.models)].map((model) => {
    const history = input.completionHistory?.[model];
    const perCallHistory = history !== undefined && history >= 0 ? Math.min(history, maxTokens) : undefined;
    const usage = emptyUsage();
    for (const c of cases) {
      const answer = perCallHistory ?? c.answerTokens;
      usage.calls += samples;
      usage.promptTokens += samples * c.promptTokens;
      usage.expectedCompletionTokens += samples * answer;
      usage.worstCompletionTokens += samples * maxTokens;
      for (const judge of c.judges) {
        const j = judgeUsage.get(judge.model) ?? emptyUsage();
        j.calls += samples;
        j.promptTokens += samples * (judge.baseTokens + answer);
        j.worstPromptTokens += samples * (judge.baseTokens + maxTokens);
        j.expectedCompletionTokens += samples * JUDGE_EXPECTED_COMPLETION;
        j.worstCompletionTokens += samples * JUDGE_MAX_TOKENS;
        judgeUsage.set(judge.model, j);
      }
    }
    usage.worstPromptTokens = usage.promptTokens;
    return priced(model, usage, input.catalog);
  });
  const judge = [...judgeUsage].map(([model, usage]) => priced(model, usage, input.catalog));
  const all = [...models, ...judge];
  const unknownModels = [...new Set(all.filter((entry) => !entry.priced).map((entry) => entry.model))];
  return {
    cases: cases.length,
    samples,
    models,
    judge,
    unknownModels,
    complete: unknownModels.length === 0,
    calls: all.reduce((sum, entry) => sum + entry.calls, 0),
    expectedUsd: all.reduce((sum, entry) => sum + entry.expectedUsd, 0),
    worstUsd: all.reduce((sum, entry) => sum + entry.worstUsd, 0),
    catalogFetchedAt: input.catalog.fetchedAt,
  };
}
