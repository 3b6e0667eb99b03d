import { Writable } from 'node:stream';
import type { Redis } from 'ioredis';
import { createCatalog, parseCatalog } from '../../../src/core/cost/catalog.ts';
import { DEMO_MODELS } from '../../../src/core/cost/demo-models.ts';
import type { ModelGateway } from '../../../src/core/ports.ts';
import { createProviderLimiter } from '../../../src/llm/limiter.ts';
import { createOpenAiGateway, type OpenAiGatewayOptions } from '../../../src/llm/openai-gateway.ts';
import type { ProviderConfig } from '../../../src/llm/providers.ts';
import type { SimulatedModel } from '../../../src/llm/simulator/answers.ts';
import { createLogger } from '../../../src/logger.ts';

export const API_KEY = 'sk-or-v1-test-0123456789abcdef0123456789abcdef';

/** Two cheap, quick models next to the demo ones. */
export const TEST_MODELS: SimulatedModel[] = [
  { id: 'acme/model-a', accuracy: 1, latencyMs: 5, promptPerToken: 0.000001, completionPerToken: 0.000002 },
  { id: 'acme/unpriced', accuracy: 1, latencyMs: 5, promptPerToken: 0.000001, completionPerToken: 0.000002 },
  ...DEMO_MODELS,
];

/** The catalog prices `acme/model-a` at ten times the simulator's own price, so tests tell them apart. */
export const catalog = createCatalog(
  parseCatalog({ data: [{ id: 'acme/model-a', pricing: { prompt: '0.00001', completion: '0.00002' } }] }).models,
  { fetchedAt: '2026-12-01T00:00:00Z', source: 'snapshot' },
);

/** A real (pino) logger whose lines the test can read; no secret scrubbing, to test the gateway itself. */
export function captureLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  return { logger: createLogger({ level: 'debug', pretty: false, secrets: [], destination }), lines };
}

export function testProviders(simulatorUrl: string, limits: ProviderConfig['limits'] = { maxConcurrency: 16 }) {
  return [
    { name: 'openrouter', baseUrl: simulatorUrl, apiKeyEnv: 'BH_TEST_KEY', limits },
    { name: 'demo', baseUrl: simulatorUrl, limits },
  ] satisfies ProviderConfig[];
}

/** A gateway as one worker would build it, with its own limiter instance on a shared prefix. */
export function makeGateway(
  redis: Redis,
  prefix: string,
  simulatorUrl: string,
  overrides: Partial<OpenAiGatewayOptions> & { limits?: ProviderConfig['limits']; windowMs?: number } = {},
): { gateway: ModelGateway; lines: string[] } {
  const { limits, windowMs, ...rest } = overrides;
  const providers = testProviders(simulatorUrl, limits);
  const { logger, lines } = captureLogger();
  const limiter = createProviderLimiter(redis, {
    prefix,
    limits: Object.fromEntries(providers.map((p) => [p.name, p.limits])),
    ...(windowMs ? { windowMs } : {}),
  });
  const gateway = createOpenAiGateway({
    providers,
    catalog,
    limiter,
    logger,
    env: { BH_TEST_KEY: API_KEY },
    retry: { baseDelayMs: 20, maxDelayMs: 200 },
    timeoutMs: 5000,
    ...rest,
  });
  return { gateway, lines };
}

export const ask = (model: string, content = 'What is 2 + 2?') => ({
  model,
  messages: [{ role: 'user' as const, content }],
  params: {},
});
