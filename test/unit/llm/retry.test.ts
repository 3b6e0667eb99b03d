import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../../src/llm/classify-error.ts';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from '../../../src/llm/retry.ts';

describe('retry timing', () => {
  it('draws full-jitter delays under an exponential, capped ceiling', () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, undefined, () => 0.999)).toBeCloseTo(499.5);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 3, undefined, () => 0.5)).toBe(1000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 20, undefined, () => 1)).toBe(30_000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, undefined, () => 0)).toBe(0);
  });

  it('never waits less than the provider asked for', () => {
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 1, 2000, () => 0.5)).toBe(2000);
    expect(retryDelayMs(DEFAULT_RETRY_POLICY, 8, 2000, () => 0.5)).toBe(15_000);
  });

  it('reads retry-after-ms, Retry-After seconds and Retry-After dates', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2026-12-04T10:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Fri, 04 Dec 2026 10:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterMs(new Headers())).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
