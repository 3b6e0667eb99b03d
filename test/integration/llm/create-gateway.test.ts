import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../../src/llm/create-gateway.ts';
import { startSimulator } from '../../../src/llm/simulator/server.ts';
import { openRedis, uniqueName } from '../../support/services.ts';
import { API_KEY, captureLogger, TEST_MODELS } from './gateway-support.ts';

const baseEnv = { LLM_MAX_ATTEMPTS: 4, LLM_TIMEOUT_MS: 10_000 };

describe('createGateway', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = openRedis();
  });
  afterAll(() => redis.quit());

  it('runs demo models against the in-process simulator when no provider key is set', async () => {
    const { logger } = captureLogger();
    const handle = await createGateway({
      env: baseEnv,
      redis,
      logger,
      keyPrefix: uniqueName('bh:llm'),
      keySource: {},
      simulator: { latencyMs: 1, jitterMs: 0 },
    });
    try {
      expect(handle.demoMode).toBe(true);
      expect(handle.catalog.source).toBe('snapshot');
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          handle.gateway.complete({
            model: 'demo:smart',
            messages: [{ role: 'user', content: `Question ${i}` }],
            params: { temperature: 0 },
            expected: `answer ${i}`,
          }),
        ),
      );
      expect(answers.every((a) => a.error === undefined && a.costUsd > 0)).toBe(true);
      const correct = answers.filter((a, i) => a.output === `answer ${i}`).length;
      expect(correct).toBeGreaterThanOrEqual(30);
      expect(correct).toBeLessThan(40);
      const real = await handle.gateway.complete({
        model: 'openai/gpt-5-mini',
        messages: [{ role: 'user', content: 'hi' }],
        params: {},
      });
      expect(real.error).toMatchObject({ kind: 'auth', message: expect.stringContaining('OPENROUTER_API_KEY') });
    } finally {
      await handle.close();
    }
  });

  it('calls declared providers and refuses demo models outside demo mode', async () => {
    const sim = await startSimulator({ models: TEST_MODELS, behaviour: { apiKey: API_KEY, reply: 'hello' } });
    const { logger } = captureLogger();
    const handle = await createGateway({
      env: {
        ...baseEnv,
        OPENROUTER_BASE_URL: sim.openRouterUrl,
        BENCHMARKHUB_PROVIDERS: JSON.stringify([
          { name: 'local', baseUrl: sim.url, apiKeyEnv: 'LOCAL_KEY', limits: { maxConcurrency: 2 } },
        ]),
      },
      redis,
      logger,
      keyPrefix: uniqueName('bh:llm'),
      keySource: { LOCAL_KEY: API_KEY },
    });
    try {
      expect(handle.demoMode).toBe(false);
      // The catalog came from the (simulated) OpenRouter models endpoint.
      expect(handle.catalog.source).toBe('live');
      const completion = await handle.gateway.complete({
        model: 'local:acme/model-a',
        messages: [{ role: 'user', content: 'hi' }],
        params: {},
      });
      expect(completion).toMatchObject({ output: 'hello', cached: false });
      expect(sim.requests.at(-1)?.model).toBe('acme/model-a');
      const demo = await handle.gateway.complete({
        model: 'demo:smart',
        messages: [{ role: 'user', content: 'hi' }],
        params: {},
      });
      expect(demo.error).toMatchObject({ kind: 'unknown_model', message: expect.stringContaining('demo mode') });
    } finally {
      await handle.close();
      await sim.close();
    }
  });
});
