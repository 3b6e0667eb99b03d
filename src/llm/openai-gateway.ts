import { OpenAI } from 'openai';
import type { Catalog } from '../core/cost/catalog.ts';
import type { Completion, CompletionRequest, Logger, ModelGateway } from '../core/ports.ts';
import { type AttemptSuccess, attemptCompletion } from './attempt.ts';
import type { CallFailure } from './classify-error.ts';
import { createHttpFetch } from './http-fetch.ts';
import type { Lease, ProviderLimiter } from './limiter.ts';
import { DEMO_PROVIDER, type ProviderConfig, parseModelRef } from './providers.ts';
import { cacheKey, type ResponseCache } from './response-cache.ts';
import { DEFAULT_RETRY_POLICY, pause, type RetryPolicy, retryDelayMs } from './retry.ts';

export interface OpenAiGatewayOptions {
  providers: readonly ProviderConfig[];
  /** Prices for usage × price when the provider reports no cost; may change when the catalog refreshes. */
  catalog: Pick<Catalog, 'price'>;
  limiter: ProviderLimiter;
  /** Response cache; without it every call goes to the provider. */
  cache?: ResponseCache;
  logger: Logger;
  /** Monotonic clock in ms for latencies (default `performance.now`). */
  now?: () => number;
  /** Where API keys are read, at call time (default `process.env`). */
  env?: Record<string, string | undefined>;
  retry?: Partial<RetryPolicy>;
  /** Timeout of one attempt (default 60 s); a provider's `timeoutMs` wins. */
  timeoutMs?: number;
  /** Source of randomness for backoff jitter. */
  random?: () => number;
}

/** Completion tokens reserved against tokens/min before the actual count is known. */
const DEFAULT_COMPLETION_RESERVE = 256;

function failed(failure: CallFailure, latencyMs = 0): Completion {
  return {
    output: '',
    usage: { promptTokens: 0, completionTokens: 0 },
    costUsd: 0,
    latencyMs,
    cached: false,
    error: { kind: failure.kind, message: failure.message, retryable: failure.retryable },
  };
}

/**
 * The model gateway over the `openai` SDK: one client per provider, our own retry loop (the SDK's
 * is off so that a 429 backs off the whole provider through the shared limiter), the response
 * cache, and costs from the provider's report or the catalog.
 */
export function createOpenAiGateway(options: OpenAiGatewayOptions): ModelGateway {
  const env = options.env ?? process.env;
  const now = options.now ?? (() => performance.now());
  const random = options.random ?? Math.random;
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const providers = new Map(options.providers.map((provider) => [provider.name, provider]));
  const clients = new Map<string, OpenAI>();
  const httpFetch = createHttpFetch();
  const unpriced = new Set<string>();

  const keyOf = (provider: ProviderConfig) => (provider.apiKeyEnv ? env[provider.apiKeyEnv] : undefined);

  const clientOf = (provider: ProviderConfig): OpenAI => {
    let client = clients.get(provider.name);
    if (!client) {
      client = new OpenAI({
        baseURL: provider.baseUrl,
        // A function, so the key is read from the environment at each call and never kept here.
        apiKey: async () => keyOf(provider) || 'not-needed',
        organization: null,
        project: null,
        maxRetries: 0,
        timeout: (provider.timeoutMs ?? options.timeoutMs ?? 60_000) + 5000,
        defaultHeaders: provider.headers ?? {},
        logLevel: 'off',
        fetch: httpFetch,
      });
      clients.set(provider.name, client);
    }
    return client;
  };

  const costOf = (ref: string, value: AttemptSuccess): number => {
    if (value.reportedCostUsd !== undefined) return value.reportedCostUsd;
    const price = options.catalog.price(ref);
    if (!price) {
      if (!unpriced.has(ref)) {
        unpriced.add(ref);
        options.logger.warn({ model: ref }, 'no price known for this model; its calls are recorded at cost 0');
      }
      return 0;
    }
    return (
      value.promptTokens * price.promptPerToken + value.completionTokens * price.completionPerToken + price.perRequest
    );
  };

  /** The provider of a reference and its key, or why it cannot be called. */
  const resolveProvider = (
    ref: string,
  ): { provider: ProviderConfig; model: string; key: string | undefined } | CallFailure => {
    if (ref.startsWith(`${DEMO_PROVIDER}:`) && !providers.has(DEMO_PROVIDER)) {
      const message = `${ref} is a demo model; demo models run only in demo mode (no provider key configured).`;
      return { kind: 'unknown_model', message, retryable: false };
    }
    const { provider: name, model } = parseModelRef(ref, providers.keys());
    const provider = providers.get(name);
    if (!provider) return { kind: 'unknown_model', message: `No provider is configured for ${ref}.`, retryable: false };
    const key = keyOf(provider);
    if (provider.apiKeyEnv && !key) {
      const message = `${provider.apiKeyEnv} is not set, so ${provider.name} models cannot be called.`;
      return { kind: 'auth', message, retryable: false };
    }
    return { provider, model, key };
  };

  async function complete(request: CompletionRequest): Promise<Completion> {
    const started = now();
    const resolved = resolveProvider(request.model);
    if ('kind' in resolved) return failed(resolved);
    const { provider, model, key } = resolved;
    const secrets = key ? [key] : [];
    const scope = request.cacheScope;
    const useCache =
      options.cache !== undefined && scope !== undefined && (request.cache ?? request.params.temperature === 0);
    const demo = provider.name === DEMO_PROVIDER;
    const cacheId = useCache
      ? cacheKey({
          scope,
          // The simulator's port changes with every start; its answers depend on the expected answer.
          baseUrl: demo ? 'builtin:demo-simulator' : provider.baseUrl,
          model,
          messages: request.messages,
          params: request.params,
          ...(demo && request.expected !== undefined ? { expected: request.expected } : {}),
        })
      : undefined;
    if (cacheId && options.cache) {
      const hit = await options.cache.get(cacheId).catch((error: unknown) => {
        options.logger.warn({ err: error, model: request.model }, 'response cache read failed; calling the model');
        return undefined;
      });
      if (hit) return hit;
    }

    // Only the simulator reads the expected answer; real providers never see it.
    const extraBody = demo && request.expected !== undefined ? { metadata: { bh_expected: request.expected } } : {};
    const reserve =
      Math.ceil(request.messages.reduce((sum, m) => sum + m.content.length, 0) / 4) +
      (request.params.max_tokens ?? DEFAULT_COMPLETION_RESERVE);
    let failure: CallFailure = { kind: 'network', message: 'The call was not attempted.', retryable: false };
    for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
      let lease: Lease;
      try {
        lease = await options.limiter.acquire(provider.name, {
          tokens: reserve,
          priority: request.priority ?? 'batch',
          ...(request.signal ? { signal: request.signal } : {}),
        });
      } catch (error) {
        if (request.signal?.aborted)
          return failed({ kind: 'cancelled', message: 'The call was cancelled.', retryable: false });
        options.logger.error({ err: error, provider: provider.name }, 'rate limiter unavailable');
        return failed({ kind: 'network', message: 'The rate limiter (Redis) is unavailable.', retryable: true });
      }
      const result = await attemptCompletion({
        client: clientOf(provider),
        provider: provider.name,
        model,
        messages: request.messages,
        params: request.params,
        extraBody,
        timeoutMs: provider.timeoutMs ?? options.timeoutMs ?? 60_000,
        signal: request.signal,
        secrets,
        now,
      });
      const used = result.ok ? result.value.promptTokens + result.value.completionTokens : undefined;
      // The answer is here: the caller need not wait for Redis to hear the slot is free.
      void lease.release(used).catch((error: unknown) => {
        options.logger.warn({ err: error, provider: provider.name }, 'releasing a limiter lease failed');
      });
      if (result.ok) {
        const completion: Completion = {
          output: result.value.output,
          usage: { promptTokens: result.value.promptTokens, completionTokens: result.value.completionTokens },
          costUsd: costOf(request.model, result.value),
          latencyMs: result.value.latencyMs,
          cached: false,
        };
        if (cacheId && options.cache && scope !== undefined) {
          await options.cache.put(cacheId, request.model, completion, scope).catch((error: unknown) => {
            options.logger.warn({ err: error, model: request.model }, 'response cache write failed');
          });
        }
        return completion;
      }
      failure = result.failure;
      const log = { provider: provider.name, model, attempt, kind: failure.kind, reason: failure.message };
      const delay = retryDelayMs(policy, attempt, failure.retryAfterMs, random);
      if (failure.kind === 'rate_limited') {
        // Every worker's calls to this provider wait, not just this one: the quota is shared. This
        // holds even when this call gives up, since the others would hit the same limit.
        await options.limiter
          .backoff(provider.name, Math.min(failure.retryAfterMs ?? delay, policy.maxRetryAfterMs))
          .catch((error: unknown) => {
            options.logger.warn({ err: error, provider: provider.name }, 'provider backoff not recorded');
          });
      }
      const giveUp =
        !failure.retryable ||
        attempt === policy.maxAttempts ||
        (failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.maxRetryAfterMs);
      if (giveUp) {
        options.logger.debug(log, 'model call failed');
        break;
      }
      options.logger.debug({ ...log, delayMs: Math.round(delay) }, 'model call failed; retrying');
      if (!(await pause(delay, request.signal))) {
        return failed({ kind: 'cancelled', message: 'The call was cancelled.', retryable: false });
      }
    }
    // Time spent on a failed call, retries included, so slow failures show in latency charts.
    return failed(failure, Math.max(0, now() - started));
  }

  return { complete };
}
