import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { runScript } from '../store/redis-script.ts';
import { ACQUIRE, BACKOFF, RELEASE, RENEW } from './limiter-scripts.ts';
import type { ProviderLimits } from './providers.ts';

/** A granted slot of a provider; release it exactly once when the call is over. */
export interface Lease {
  /** Frees the concurrency slot; `actualTokens` corrects the tokens-per-minute reservation. */
  release(actualTokens?: number): Promise<void>;
}

export interface AcquireOptions {
  /** Tokens the call may use (prompt and completion), reserved against tokens per minute. */
  tokens?: number;
  signal?: AbortSignal;
  /** Interactive calls take freed capacity before batch calls (the default). */
  priority?: 'interactive' | 'batch';
}

/** Per-provider limits shared by every worker through Redis. */
export interface ProviderLimiter {
  /**
   * Waits until the provider's backoff has passed, a concurrency slot is free and the request and
   * token windows have room, then takes a lease. Rejects with the signal's reason when aborted.
   */
  acquire(provider: string, options?: AcquireOptions): Promise<Lease>;
  /** Makes every acquire of the provider, in every worker, wait `ms` from now (after a 429). */
  backoff(provider: string, ms: number): Promise<void>;
}

export interface ProviderLimiterOptions {
  /** Key prefix, so tests and deployments sharing a Redis do not collide. */
  prefix: string;
  /** Limits by provider name; a provider not listed gets a concurrency cap of 16. */
  limits: Record<string, ProviderLimits>;
  /** Length of the rate windows (default one minute: the limits are per minute). */
  windowMs?: number;
  /** How long a lease lives without renewal; a killed holder's slot frees after this (default 15 s). */
  leaseMs?: number;
}

/** Runs a limiter script; every limiter script answers a number. */
async function runNumberScript(
  redis: Redis,
  script: string,
  keys: string[],
  args: (string | number)[],
): Promise<number> {
  return Number(await runScript(redis, script, keys, args));
}

const DEFAULT_LIMITS: ProviderLimits = { maxConcurrency: 16 };
const MAX_SLEEP_MS = 1000;

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Sleeps `ms` or until `wake` is called; rejects when the signal aborts. Holds no CPU. */
function sleep(ms: number, signal: AbortSignal | undefined, onWaker: (wake: () => void) => () => void) {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const done = () => {
      clearTimeout(timer);
      unregister();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      done();
      reject(abortReason(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    const unregister = onWaker(() => {
      done();
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Creates the limiter. Rate windows are sliding logs (exact: never more than the limit in any
 * window, each call counted from its release), concurrency is a semaphore of expiring leases renewed
 * while held, and a provider-wide backoff deadline follows 429s. Waiting interactive calls go before
 * batch calls. Waiters poll with growing, jittered sleeps; a release in this process wakes one local
 * waiter at once.
 */
export function createProviderLimiter(redis: Redis, options: ProviderLimiterOptions): ProviderLimiter {
  const windowMs = options.windowMs ?? 60_000;
  const leaseMs = options.leaseMs ?? 15_000;
  const waiters = new Map<string, Set<() => void>>();

  const keys = (provider: string) => {
    // The hash tag keeps one provider's keys in one slot, as Lua scripts on a cluster require.
    const base = `${options.prefix}:{${provider}}`;
    return [
      `${base}:leases`,
      `${base}:requests`,
      `${base}:tokens`,
      `${base}:amounts`,
      `${base}:backoff`,
      `${base}:interactive`,
    ];
  };

  const registerWaiter = (provider: string) => (wake: () => void) => {
    let set = waiters.get(provider);
    if (!set) {
      set = new Set();
      waiters.set(provider, set);
    }
    set.add(wake);
    return () => set.delete(wake);
  };

  const wakeOne = (provider: string) => {
    const set = waiters.get(provider);
    const first = set?.values().next();
    if (first && !first.done) first.value();
  };

  async function acquire(provider: string, opts: AcquireOptions = {}): Promise<Lease> {
    const limits = options.limits[provider] ?? DEFAULT_LIMITS;
    const id = randomUUID();
    const providerKeys = keys(provider);
    const tokens = Math.max(0, Math.ceil(opts.tokens ?? 0));
    let pollMs = 5;
    for (;;) {
      if (opts.signal?.aborted) throw abortReason(opts.signal);
      const answer = await runNumberScript(redis, ACQUIRE, providerKeys, [
        id,
        limits.maxConcurrency,
        limits.requestsPerMinute ?? 0,
        limits.tokensPerMinute ?? 0,
        tokens,
        windowMs,
        leaseMs,
        opts.priority === 'interactive' ? 1 : 0,
      ]);
      if (answer === 0) break;
      // Jitter spreads waiters of many workers so they do not all retry in the same millisecond.
      const wait = answer > 0 ? answer + Math.random() * 10 : pollMs * (0.5 + Math.random());
      if (answer < 0) pollMs = Math.min(pollMs * 2, 50);
      await sleep(Math.min(wait, MAX_SLEEP_MS), opts.signal, registerWaiter(provider));
    }
    if (opts.signal?.aborted) {
      await runNumberScript(redis, RELEASE, providerKeys, [id, -1]);
      throw abortReason(opts.signal);
    }
    const renewal = setInterval(() => {
      runNumberScript(redis, RENEW, providerKeys, [id, leaseMs]).catch(() => {
        // A failed renewal only shortens the lease; the next one (or the release) still runs.
      });
    }, leaseMs / 3);
    renewal.unref();
    let released = false;
    return {
      async release(actualTokens?: number) {
        if (released) return;
        released = true;
        clearInterval(renewal);
        const actual = actualTokens === undefined ? -1 : Math.max(0, Math.ceil(actualTokens));
        await runNumberScript(redis, RELEASE, providerKeys, [id, actual]);
        wakeOne(provider);
      },
    };
  }

  return {
    acquire,
    async backoff(provider, ms) {
      if (ms <= 0) return;
      const providerKeys = keys(provider);
      await runNumberScript(redis, BACKOFF, providerKeys, [Math.ceil(ms)]);
    },
  };
}
