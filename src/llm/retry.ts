/** Retry timing of model calls. */
export interface RetryPolicy {
  /** Attempts per call, the first included (default 4). */
  maxAttempts: number;
  /** Base of the exponential backoff (default 500 ms). */
  baseDelayMs: number;
  /** Cap of one backoff delay (default 30 s). */
  maxDelayMs: number;
  /** A Retry-After longer than this ends the call instead of waiting (default 60 s). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

/**
 * Delay before attempt `attempt + 1`: exponential backoff with full jitter (uniform in
 * [0, base·2^(attempt-1)], capped), but never shorter than what the provider asked for.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.max(retryAfterMs ?? 0, random() * ceiling);
}

/** Resolves after `ms`; resolves `false` early if the signal aborts (the caller then stops). */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
