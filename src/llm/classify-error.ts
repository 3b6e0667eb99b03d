import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { CallErrorKind } from '../core/ports.ts';
import { scrubSecrets } from '../logger.ts';

/** A failed attempt, as stored on a result: what went wrong, readable, and whether to try again. */
export interface CallFailure {
  kind: CallErrorKind;
  message: string;
  retryable: boolean;
  /** The wait the provider asked for (Retry-After), in ms. */
  retryAfterMs?: number;
}

const CONTEXT_WORDING =
  /context length|context_length|context window|maximum context|too many tokens|prompt is too long|token limit|reduce the length/i;
const FILTER_WORDING = /content[ _-]?filter|content policy|content management policy|safety system|flagged|moderation/i;

/** Reads `retry-after-ms` (OpenAI) or `Retry-After` (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

function providerMessage(error: APIError, secrets: readonly string[]): string {
  const body = error.error as { message?: unknown } | undefined;
  const raw = typeof body?.message === 'string' ? body.message : '';
  const scrubbed = scrubSecrets(raw, secrets).replace(/\s+/g, ' ').trim();
  return scrubbed.length > 300 ? `${scrubbed.slice(0, 300)}…` : scrubbed;
}

/**
 * Maps an error thrown by the OpenAI SDK to a CallFailure. `secrets` (the provider's key) are cut
 * out of any text the provider sent back, since some providers echo the key they received.
 */
export function classifyError(
  error: unknown,
  context: { provider: string; model: string; secrets: readonly string[]; timedOut: boolean; cancelled: boolean },
): CallFailure {
  const who = `${context.provider} (${context.model})`;
  if (context.cancelled) return { kind: 'cancelled', message: 'The call was cancelled.', retryable: false };
  if (error instanceof APIConnectionTimeoutError || (error instanceof APIUserAbortError && context.timedOut)) {
    return { kind: 'timeout', message: `${who} did not answer in time.`, retryable: true };
  }
  if (error instanceof APIUserAbortError) {
    return { kind: 'cancelled', message: 'The call was cancelled.', retryable: false };
  }
  if (error instanceof APIConnectionError) {
    return { kind: 'network', message: `Could not reach ${context.provider}: connection failed.`, retryable: true };
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const detail = providerMessage(error, context.secrets);
    const said = detail ? `: ${detail}` : '.';
    if (status === 401 || status === 403) {
      return {
        kind: 'auth',
        message: `${context.provider} refused the API key (HTTP ${status})${said}`,
        retryable: false,
      };
    }
    if (status === 402) {
      return {
        kind: 'out_of_credits',
        message: `${context.provider} says the account is out of credits${said}`,
        retryable: false,
      };
    }
    if (status === 429) {
      const wait = retryAfterMs(error.headers);
      return {
        kind: 'rate_limited',
        message: `${context.provider} rate-limited the call (HTTP 429)${said}`,
        retryable: true,
        ...(wait === undefined ? {} : { retryAfterMs: wait }),
      };
    }
    if (status === 404)
      return { kind: 'unknown_model', message: `${who} is not a known model${said}`, retryable: false };
    if (status === 408) return { kind: 'timeout', message: `${who} timed out (HTTP 408).`, retryable: true };
    if (status === 413 || CONTEXT_WORDING.test(detail)) {
      return { kind: 'context_too_long', message: `The prompt is too long for ${who}${said}`, retryable: false };
    }
    if (FILTER_WORDING.test(detail)) {
      return { kind: 'content_filtered', message: `${who} refused the content${said}`, retryable: false };
    }
    if (status >= 500)
      return { kind: 'server_error', message: `${who} failed (HTTP ${status})${said}`, retryable: true };
    return { kind: 'bad_request', message: `${who} rejected the request (HTTP ${status})${said}`, retryable: false };
  }
  // The SDK throws a SyntaxError (or similar) when a 200 answer is not JSON.
  return {
    kind: 'malformed_response',
    message: `${who} sent an answer that is not a chat completion.`,
    retryable: true,
  };
}
