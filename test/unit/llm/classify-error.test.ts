import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { classifyError } from '../../../src/llm/classify-error.ts';

const context = {
  provider: 'openrouter',
  model: 'acme/m',
  secrets: ['sk-secret-value-123'],
  timedOut: false,
  cancelled: false,
};
const http = (status: number, message: string, headers: Record<string, string> = {}) =>
  APIError.generate(status, { error: { message } }, undefined, new Headers(headers));

describe('classifyError', () => {
  it.each([
    [401, 'bad key', 'auth', false],
    [403, 'forbidden', 'auth', false],
    [402, 'no credits', 'out_of_credits', false],
    [429, 'slow down', 'rate_limited', true],
    [404, 'no such model', 'unknown_model', false],
    [400, "This model's maximum context length is 8192 tokens", 'context_too_long', false],
    [413, 'payload too large', 'context_too_long', false],
    [400, 'Your request was flagged by our content filter', 'content_filtered', false],
    [400, 'temperature must be at most 2', 'bad_request', false],
    [500, 'boom', 'server_error', true],
    [503, 'overloaded', 'server_error', true],
    [408, 'request timeout', 'timeout', true],
  ] as const)('maps HTTP %i "%s" to %s', (status, message, kind, retryable) => {
    expect(classifyError(http(status, message), context)).toMatchObject({ kind, retryable });
  });

  it('carries the wait a 429 asked for', () => {
    expect(classifyError(http(429, 'slow', { 'retry-after': '3' }), context).retryAfterMs).toBe(3000);
  });

  it('tells timeouts, cancellations and network failures apart', () => {
    expect(classifyError(new APIConnectionTimeoutError(), context).kind).toBe('timeout');
    expect(classifyError(new APIUserAbortError(), { ...context, timedOut: true }).kind).toBe('timeout');
    expect(classifyError(new APIUserAbortError(), { ...context, cancelled: true }).kind).toBe('cancelled');
    expect(classifyError(new APIConnectionError({ message: 'ECONNREFUSED' }), context)).toMatchObject({
      kind: 'network',
      retryable: true,
    });
    expect(classifyError(new SyntaxError('Unexpected end of JSON input'), context).kind).toBe('malformed_response');
  });

  it('cuts the key and key-shaped strings out of what the provider said', () => {
    const failure = classifyError(
      http(401, 'Incorrect API key provided: sk-secret-value-123 (Bearer sk-secret-value-123)'),
      context,
    );
    expect(failure.message).not.toContain('sk-secret-value-123');
    expect(failure.message).toContain('[REDACTED]');
  });
});
