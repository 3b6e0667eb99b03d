import { type Assertion, type JudgeSettings, ModelRefSchema } from '../../definition/schema.ts';
import type { ModelGateway } from '../../ports.ts';
import type { JudgeCall, JudgeVerdictEntry } from '../case-score.ts';
import { buildJudgeMessages, DEFAULT_RUBRIC } from '../judge-prompt.ts';
import { parseJudgeVerdict } from '../judge-verdict.ts';
import { broken } from '../text.ts';
import type { ScoreResult, ScoringContext } from '../types.ts';

/** What one llm-judge assertion needs to run. */
export interface JudgeInput {
  output: string;
  assertion: Assertion;
  context: ScoringContext;
  settings?: JudgeSettings;
  gateway?: ModelGateway;
  signal?: AbortSignal;
}

/** The combined check plus every verdict and call, for the report and the budget. */
export interface JudgeOutcome {
  result: ScoreResult;
  verdicts: JudgeVerdictEntry[];
  agreement: number;
  calls: JudgeCall[];
}

// Room for a short reason; a verdict is one small JSON object.
const JUDGE_MAX_TOKENS = 512;

/** Checks an llm-judge assertion's rubric (`value`) and options (`models`, `combine`). */
export function validateJudge(assertion: Assertion): string | undefined {
  const rubric = assertion.value;
  if (rubric !== undefined && (typeof rubric !== 'string' || rubric.trim() === '' || rubric.length > 8000))
    return '`value` must be the rubric text (1–8000 characters)';
  const models = assertion.options?.models;
  if (models !== undefined) {
    if (!Array.isArray(models) || models.length === 0 || models.length > 5)
      return 'option `models` must list 1–5 judge models';
    const bad = models.find((model) => !ModelRefSchema.safeParse(model).success);
    if (bad !== undefined) return `option \`models\`: ${JSON.stringify(bad)} is not a model reference`;
  }
  const combine = assertion.options?.combine;
  if (combine !== undefined && combine !== 'mean' && combine !== 'majority')
    return 'option `combine` must be `mean` or `majority`';
  return undefined;
}

type JudgeRun = { call: JudgeCall; verdict: JudgeVerdictEntry; valid: boolean };

async function askJudge(model: string, input: JudgeInput, threshold: number): Promise<JudgeRun> {
  const rubric = typeof input.assertion.value === 'string' ? input.assertion.value : input.settings?.rubric;
  const messages = buildJudgeMessages({
    rubric: rubric ?? DEFAULT_RUBRIC,
    messages: input.context.messages,
    expected: input.context.case.expected,
    output: input.output,
  });
  const failed = (call: JudgeCall, reason: string): JudgeRun => ({
    call,
    verdict: { model, score: 0, pass: false, reason: `judge failed: ${reason}` },
    valid: false,
  });
  const empty = { model, costUsd: 0, promptTokens: 0, completionTokens: 0, latencyMs: 0 };
  let completion: Awaited<ReturnType<ModelGateway['complete']>>;
  try {
    completion = await (input.gateway as ModelGateway).complete({
      model,
      messages,
      params: { temperature: 0, max_tokens: JUDGE_MAX_TOKENS },
      signal: input.signal,
      cache: true,
    });
  } catch (error) {
    // The port promises failures as values; a throwing adapter still must not sink the whole case.
    const message = error instanceof Error ? error.message : String(error);
    return failed({ ...empty, error: message }, message);
  }
  const call: JudgeCall = {
    model,
    costUsd: completion.costUsd,
    promptTokens: completion.usage.promptTokens,
    completionTokens: completion.usage.completionTokens,
    latencyMs: completion.latencyMs,
  };
  if (completion.error) {
    const message = `${completion.error.kind}: ${completion.error.message}`;
    return failed({ ...call, error: message }, message);
  }
  const parsed = parseJudgeVerdict(completion.output);
  if (!parsed.ok) return failed({ ...call, error: parsed.reason }, parsed.reason);
  const { score, pass, reason } = parsed.verdict;
  return { call, verdict: { model, score, pass: pass ?? score >= threshold, reason }, valid: true };
}

/**
 * Asks every judge model (`options.models`, else the benchmark's `judge.models`) for a verdict
 * and combines them: `mean` passes when the mean score reaches the threshold, `majority` when
 * more than half of the judges pass. Failed or unreadable judges are reported but not counted.
 */
export async function runJudge(input: JudgeInput): Promise<JudgeOutcome> {
  const options = input.assertion.options ?? {};
  const models = (options.models as string[] | undefined) ?? input.settings?.models ?? [];
  const combine = (options.combine as 'mean' | 'majority' | undefined) ?? input.settings?.combine ?? 'mean';
  const threshold = input.assertion.threshold ?? input.settings?.threshold ?? 0.5;
  if (models.length === 0)
    return {
      result: broken('no judge models: set `judge.models` or the option `models`'),
      verdicts: [],
      agreement: 0,
      calls: [],
    };
  if (!input.gateway)
    return { result: broken('no model gateway to call the judges'), verdicts: [], agreement: 0, calls: [] };

  const runs = await Promise.all(models.map((model) => askJudge(model, input, threshold)));
  const calls = runs.map((run) => run.call);
  const verdicts = runs.map((run) => run.verdict);
  const valid = runs.filter((run) => run.valid).map((run) => run.verdict);
  if (valid.length === 0) {
    const reasons = verdicts.map((verdict) => `${verdict.model}: ${verdict.reason}`).join('; ');
    return { result: broken(reasons), verdicts, agreement: 0, calls };
  }
  const score = valid.reduce((sum, verdict) => sum + verdict.score, 0) / valid.length;
  const passes = valid.filter((verdict) => verdict.pass).length;
  const pass = combine === 'majority' ? passes * 2 > valid.length : score >= threshold;
  const agreement = valid.filter((verdict) => verdict.pass === pass).length / valid.length;
  const reason =
    valid.length === 1 && verdicts.length === 1
      ? (valid[0]?.reason ?? '')
      : `${combine} of ${valid.length}/${verdicts.length} judges: ${valid.map((verdict) => `${verdict.model} ${verdict.score.toFixed(2)} (${verdict.reason})`).join('; ')}`;
  return { result: { score, pass, reason }, verdicts, agreement, calls };
}
