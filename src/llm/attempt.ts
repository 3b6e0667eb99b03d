import type { OpenAI } from 'openai';
import type { ChatMessage, ModelParams } from '../core/definition/schema.ts';
import { type CallFailure, classifyError } from './classify-error.ts';

/** What one successful attempt returned. */
export interface AttemptSuccess {
  output: string;
  promptTokens: number;
  completionTokens: number;
  /** OpenRouter's `usage.cost` (USD), when the provider reported it. */
  reportedCostUsd: number | undefined;
  /** Whether the usage came from the provider (else estimated from text length). */
  usageReported: boolean;
  latencyMs: number;
}

export type AttemptResult = { ok: true; value: AttemptSuccess } | { ok: false; failure: CallFailure };

export interface AttemptInput {
  client: OpenAI;
  provider: string;
  model: string;
  messages: ChatMessage[];
  params: ModelParams;
  /** Extra body fields (the demo provider's `metadata`). */
  extraBody: Record<string, unknown>;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  secrets: readonly string[];
  now: () => number;
}

const estimateTokens = (text: string) => Math.ceil(text.length / 4);

interface RawCompletion {
  choices?: unknown;
  usage?: { prompt_tokens?: unknown; completion_tokens?: unknown; cost?: unknown } | null;
  error?: { message?: unknown } | null;
}

function parseBody(raw: RawCompletion, input: AttemptInput, latencyMs: number): AttemptResult {
  const who = `${input.provider} (${input.model})`;
  if (raw.error && typeof raw.error === 'object') {
    // OpenRouter reports some upstream failures inside a 200 answer.
    return {
      ok: false,
      failure: { kind: 'server_error', message: `${who} reported an upstream error.`, retryable: true },
    };
  }
  const choice = Array.isArray(raw.choices) ? raw.choices[0] : undefined;
  const message = (choice as { message?: { content?: unknown } } | undefined)?.message;
  if (!message || typeof message !== 'object' || (message.content != null && typeof message.content !== 'string')) {
    return {
      ok: false,
      failure: { kind: 'malformed_response', message: `${who} sent an answer without a message.`, retryable: true },
    };
  }
  if ((choice as { finish_reason?: unknown }).finish_reason === 'content_filter') {
    return {
      ok: false,
      failure: { kind: 'content_filtered', message: `${who} withheld its answer (content filter).`, retryable: false },
    };
  }
  const output = typeof message.content === 'string' ? message.content : '';
  const usage = raw.usage ?? undefined;
  const reported = typeof usage?.prompt_tokens === 'number' && typeof usage.completion_tokens === 'number';
  const promptText = input.messages.map((m) => m.content).join('\n');
  return {
    ok: true,
    value: {
      output,
      promptTokens: reported ? (usage?.prompt_tokens as number) : estimateTokens(promptText),
      completionTokens: reported ? (usage?.completion_tokens as number) : estimateTokens(output),
      reportedCostUsd: typeof usage?.cost === 'number' && usage.cost >= 0 ? usage.cost : undefined,
      usageReported: reported,
      latencyMs,
    },
  };
}

/**
 * One chat-completion request with its own timeout, joined to the caller's signal. Never throws:
 * every failure comes back classified.
 */
export async function attemptCompletion(input: AttemptInput): Promise<AttemptResult> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, input.timeoutMs);
  const onAbort = () => controller.abort();
  input.signal?.addEventListener('abort', onAbort, { once: true });
  const started = input.now();
  try {
    const raw = (await input.client.chat.completions.create(
      { model: input.model, messages: input.messages, ...input.params, ...input.extraBody, stream: false },
      { signal: controller.signal, maxRetries: 0 },
    )) as unknown as RawCompletion;
    return parseBody(raw, input, Math.max(0, input.now() - started));
  } catch (error) {
    return {
      ok: false,
      failure: classifyError(error, {
        provider: input.provider,
        model: input.model,
        secrets: input.secrets,
        timedOut,
        cancelled: input.signal?.aborted === true,
      }),
    };
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', onAbort);
  }
}
