import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheKey, createResponseCache, type ResponseCache } from '../../../src/llm/response-cache.ts';
import { type Simulator, startSimulator } from '../../../src/llm/simulator/server.ts';
import { responseCacheModel } from '../../../src/store/models/response-cache.ts';
import { openRedis, openTestDatabase, uniqueName } from '../../support/services.ts';
import { API_KEY, ask, makeGateway, TEST_MODELS } from './gateway-support.ts';

describe('response cache', () => {
  let redis: Redis;
  let sim: Simulator;
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let cache: ResponseCache;

  beforeAll(async () => {
    redis = openRedis();
    db = await openTestDatabase();
    const model = responseCacheModel(db.connection);
    await model.init();
    cache = createResponseCache(model);
    sim = await startSimulator({ models: TEST_MODELS, behaviour: { apiKey: API_KEY, reply: 'cached answer' } });
  });
  afterAll(async () => {
    await sim.close();
    await db.drop();
    await redis.quit();
  });

  it('answers a repeated temperature-0 request from the cache, at cost 0 and without a request', async () => {
    const { gateway } = makeGateway(redis, uniqueName('bh:gw'), sim.url, { cache });
    const request = {
      ...ask('acme/model-a', 'cache me'),
      params: { temperature: 0, max_tokens: 50 },
      cacheScope: 'ws-a',
    };
    const first = await gateway.complete(request);
    expect(first).toMatchObject({ output: 'cached answer', cached: false });
    expect(first.costUsd).toBeGreaterThan(0);
    const sent = sim.requests.length;
    const second = await gateway.complete(request);
    expect(second).toMatchObject({ output: 'cached answer', cached: true, costUsd: 0, usage: first.usage });
    expect(sim.requests).toHaveLength(sent);
  });

  it('skips the cache when asked, and by default when the temperature is not 0', async () => {
    const { gateway } = makeGateway(redis, uniqueName('bh:gw'), sim.url, { cache });
    const zero = { ...ask('acme/model-a', 'no cache'), params: { temperature: 0 }, cacheScope: 'ws-a' };
    await gateway.complete({ ...zero, cache: false });
    expect((await gateway.complete({ ...zero, cache: false })).cached).toBe(false);
    const warm = { ...ask('acme/model-a', 'warm'), params: { temperature: 0.7 }, cacheScope: 'ws-a' };
    await gateway.complete(warm);
    expect((await gateway.complete(warm)).cached).toBe(false);
    const unset = { ...ask('acme/model-a', 'unset'), cacheScope: 'ws-a' };
    await gateway.complete(unset);
    expect((await gateway.complete(unset)).cached).toBe(false);
    // An explicit request caches even at a higher temperature.
    const forced = { ...warm, cache: true };
    await gateway.complete(forced);
    expect((await gateway.complete(forced)).cached).toBe(true);
  });

  it("keeps each scope's answers to itself, and caches nothing without a scope", async () => {
    const { gateway } = makeGateway(redis, uniqueName('bh:gw'), sim.url, { cache });
    const request = { ...ask('acme/model-a', 'whose answer'), params: { temperature: 0 } };
    await gateway.complete({ ...request, cacheScope: 'ws-a' });
    expect((await gateway.complete({ ...request, cacheScope: 'ws-a' })).cached).toBe(true);
    const other = await gateway.complete({ ...request, cacheScope: 'ws-b' });
    expect(other.cached).toBe(false);
    expect(other.costUsd).toBeGreaterThan(0);
    await gateway.complete(request);
    expect((await gateway.complete(request)).cached).toBe(false);
  });

  it('never caches a failed call', async () => {
    const { gateway } = makeGateway(redis, uniqueName('bh:gw'), sim.url, { cache, retry: { maxAttempts: 1 } });
    const request = { ...ask('acme/model-a', 'fails once'), params: { temperature: 0 }, cacheScope: 'ws-a' };
    sim.setBehaviour({ script: ['out_of_credits'] });
    expect((await gateway.complete(request)).error?.kind).toBe('out_of_credits');
    const retried = await gateway.complete(request);
    expect(retried).toMatchObject({ cached: false, output: 'cached answer' });
    expect(retried.error).toBeUndefined();
  });

  it('reuses demo answers across simulator restarts, per expected answer', async () => {
    const request = {
      ...ask('demo:fast', 'demo question'),
      params: { temperature: 0 },
      expected: '7',
      cacheScope: 'ws-a',
    };
    const before = await startSimulator({ behaviour: { latencyMs: 1 } });
    const first = await makeGateway(redis, uniqueName('bh:gw'), before.url, { cache }).gateway.complete(request);
    await before.close();
    expect(first.error).toBeUndefined();
    expect(first.cached).toBe(false);
    const restarted = await startSimulator({ behaviour: { latencyMs: 1 } });
    try {
      const { gateway } = makeGateway(redis, uniqueName('bh:gw'), restarted.url, { cache });
      expect(await gateway.complete(request)).toMatchObject({ cached: true, output: first.output, costUsd: 0 });
      expect(restarted.requests).toHaveLength(0);
      expect((await gateway.complete({ ...request, expected: '8' })).cached).toBe(false);
    } finally {
      await restarted.close();
    }
  });

  it('keys on scope, endpoint, model, messages and params, not on param order', () => {
    const base = {
      scope: 'ws-a',
      baseUrl: 'http://x/v1',
      model: 'm',
      messages: [{ role: 'user' as const, content: 'hi' }],
    };
    const a = cacheKey({ ...base, params: { temperature: 0, max_tokens: 5 } });
    expect(cacheKey({ ...base, params: { max_tokens: 5, temperature: 0 } })).toBe(a);
    expect(cacheKey({ ...base, baseUrl: 'http://x/v1/', params: { temperature: 0, max_tokens: 5 } })).toBe(a);
    expect(cacheKey({ ...base, params: { temperature: 0, max_tokens: 6 } })).not.toBe(a);
    expect(cacheKey({ ...base, model: 'n', params: { temperature: 0, max_tokens: 5 } })).not.toBe(a);
    expect(cacheKey({ ...base, baseUrl: 'http://y/v1', params: { temperature: 0, max_tokens: 5 } })).not.toBe(a);
    expect(cacheKey({ ...base, scope: 'ws-b', params: { temperature: 0, max_tokens: 5 } })).not.toBe(a);
  });
});
