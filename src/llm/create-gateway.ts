import type { Redis } from 'ioredis';
import type { Env } from '../config.ts';
import { bundledCatalog } from '../core/cost/bundled-catalog.ts';
import type { Catalog } from '../core/cost/catalog.ts';
import { DEMO_MODELS } from '../core/cost/demo-models.ts';
import type { Logger, ModelGateway } from '../core/ports.ts';
import { startCatalogRefresh } from './catalog-refresh.ts';
import { createProviderLimiter } from './limiter.ts';
import { createOpenAiGateway } from './openai-gateway.ts';
import {
  DEFAULT_PROVIDER,
  DEMO_PROVIDER,
  loadProviders,
  type ProviderConfig,
  type ProviderLimits,
} from './providers.ts';
import type { ResponseCache } from './response-cache.ts';
import type { SimulatorBehaviour } from './simulator/behaviour.ts';
import { type Simulator, startSimulator } from './simulator/server.ts';

export interface CreateGatewayOptions {
  env: Pick<
    Env,
    | 'OPENROUTER_API_KEY'
    | 'OPENAI_API_KEY'
    | 'OPENROUTER_BASE_URL'
    | 'OPENAI_BASE_URL'
    | 'PROVIDERS_FILE'
    | 'BENCHMARKHUB_PROVIDERS'
    | 'LLM_MAX_ATTEMPTS'
    | 'LLM_TIMEOUT_MS'
  >;
  redis: Redis;
  logger: Logger;
  cache?: ResponseCache;
  /** Where API keys are read at call time (default `process.env`). */
  keySource?: Record<string, string | undefined>;
  /** Prefix of the limiter's Redis keys (default `bh:llm`). */
  keyPrefix?: string;
  fetch?: typeof fetch;
  /** How the demo simulator behaves (tests and benches tune latency and faults). */
  simulator?: Partial<SimulatorBehaviour>;
  /**
   * In demo mode, use a simulator already running at this base URL (`…/v1`) instead of starting one
   * in this process, as a real provider lives outside the worker (the runner bench does this).
   */
  demoBaseUrl?: string;
  /** Keep the simulator's request log (tests measure request rates with it). */
  recordSimulatorRequests?: boolean;
  /**
   * Limits of the demo provider instead of its generous default, so tests and benches can watch a
   * provider limit being kept end to end (a declared provider would turn demo mode off).
   */
  demoLimits?: ProviderLimits;
  /** Length of the limiter's rate windows (default one minute); tests shorten it to see several windows. */
  rateWindowMs?: number;
}

export interface GatewayHandle {
  gateway: ModelGateway;
  /** The pricing catalog, kept fresh from OpenRouter (or the bundled snapshot). */
  catalog: Catalog;
  providers: readonly ProviderConfig[];
  /** No provider key is configured: `demo:` models run against the built-in simulator. */
  demoMode: boolean;
  /** The in-process simulator of demo mode. */
  simulator?: Simulator;
  close(): Promise<void>;
}

/**
 * Builds the gateway from configuration. With no provider key and no declared provider, it runs in
 * demo mode: the simulator starts in-process and serves the `demo:` models, and the catalog is the
 * bundled snapshot (no network needed).
 */
export async function createGateway(options: CreateGatewayOptions): Promise<GatewayHandle> {
  const { env, logger } = options;
  const declared = Boolean(env.PROVIDERS_FILE || env.BENCHMARKHUB_PROVIDERS);
  const demoMode = !env.OPENROUTER_API_KEY && !env.OPENAI_API_KEY && !declared;
  const simulator =
    demoMode && !options.demoBaseUrl
      ? await startSimulator({
          behaviour: { jitterMs: 20, ...options.simulator },
          record: options.recordSimulatorRequests ?? false,
        })
      : undefined;
  const demoBaseUrl = options.demoBaseUrl ?? simulator?.url;
  const providers = loadProviders(env, demoMode && demoBaseUrl ? { demoBaseUrl } : {}).map((provider) =>
    provider.name === DEMO_PROVIDER && options.demoLimits ? { ...provider, limits: options.demoLimits } : provider,
  );
  const refresher = demoMode
    ? undefined
    : await startCatalogRefresh({
        logger,
        baseUrl: providers.find((p) => p.name === DEFAULT_PROVIDER)?.baseUrl,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
  const catalog = refresher?.catalog ?? bundledCatalog();
  const limiter = createProviderLimiter(options.redis, {
    prefix: options.keyPrefix ?? 'bh:llm',
    limits: Object.fromEntries(providers.map((provider) => [provider.name, provider.limits])),
    ...(options.rateWindowMs ? { windowMs: options.rateWindowMs } : {}),
  });
  const gateway = createOpenAiGateway({
    providers,
    catalog,
    limiter,
    logger,
    env: options.keySource ?? process.env,
    retry: { maxAttempts: env.LLM_MAX_ATTEMPTS },
    timeoutMs: env.LLM_TIMEOUT_MS,
    ...(options.cache ? { cache: options.cache } : {}),
  });
  if (demoMode) {
    logger.info(
      { models: DEMO_MODELS.map((model) => model.id) },
      'demo mode: no provider key set, using simulated models',
    );
  }
  return {
    gateway,
    catalog,
    providers,
    demoMode,
    ...(simulator ? { simulator } : {}),
    async close() {
      refresher?.stop();
      await simulator?.close();
    },
  };
}
