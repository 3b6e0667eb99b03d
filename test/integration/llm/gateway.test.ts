import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/llm/simulator/server.ts';
import { openRedis, uniqueName } from '../../support/services.ts';
import { API_KEY, ask, makeGateway, TEST_MODELS } from './gateway-support.ts';

describe('OpenAI gateway', () => {
  let redis: Redis;
  let sim: Simulator;
  let prefix: string;
  beforeAll(() => {
    redis = openRedis();
  });
  afterAll(() => redis.quit());
  beforeEach(async () => {
    sim = await startSimulator({ models: TEST_MODELS, behaviour: { apiKey: API_KEY } });
    prefix = uniqueName('bh:gw');
  });
  afterEach(() => sim.close());

  it('answers with usage, latency and the cost the provider reported', async () => {
    const { gateway } = makeGateway(redis, prefix, sim.url);
    sim.setBehaviour({ reply: 'four', latencyMs: 60 });
    const completion = await gateway.complete(ask('acme/model-a'));
    expect(completion.error).toBeUndefined();
    expect(completion.output).toBe('four');
    const { promptTokens, completionTokens } = completion.usage;
    expect(promptTokens).toBeGreaterThan(0);
    expect(completion.costUsd).toBeCloseTo(promptTokens * 0.000001 + completionTokens * 0.000002, 12);
    expect(completion.latencyMs).toBeGreaterThanOrEqual(55);
    expect(completion.cached).toBe(false);
    expect(sim.requests[0]?.model).toBe('acme/model-a');
  });

  it('prices usage with the catalog when the provider reports no cost, and logs an unknown price once', async () => {
    const { gateway, lines } = makeGateway(redis, prefix, sim.url);
    sim.setBehaviour({ cost: false });
    const priced = await gateway.complete(ask('acme/model-a'));
    const { promptTokens, completionTokens } = priced.usage;
    expect(priced.costUsd).toBeCloseTo(promptTokens * 0.00001 + completionTokens * 0.00002, 12);
    await gateway.complete(ask('acme/unpriced'));
    const unpriced = await gateway.complete(ask('acme/unpriced'));
    expect(unpriced.error).toBeUndefined();
    expect(unpriced.costUsd).toBe(0);
    expect(lines.filter((line) => line.includes('no price known')).length).toBe(1);
  });

  it('sends the expected answer only to the demo provider', async () => {
    const { gateway } = makeGateway(redis, prefix, sim.url);
    sim.setBehaviour({ latencyMs: 1 });
    await gateway.complete({ ...ask('demo:smart'), expected: '4' });
    await gateway.complete({ ...ask('acme/model-a'), expected: '4' });
    expect(sim.requests.map((r) => [r.model, r.body.metadata])).toEqual([
      ['smart', { bh_expected: '4' }],
      ['acme/model-a', undefined],
    ]);
  });

  it('classifies a refused key as auth without echoing the key in the error or any log line', async () => {
    const { gateway, lines } = makeGateway(redis, prefix, sim.url);
    sim.setBehaviour({ apiKey: 'sk-a-different-key-that-the-server-wants' });
    const completion = await gateway.complete(ask('acme/model-a'));
    expect(completion.error).toMatchObject({ kind: 'auth', retryable: false });
    expect(completion.error?.message).toContain('refused the API key (HTTP 401)');
    expect(completion.error?.message).not.toContain(API_KEY);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(API_KEY);
    expect(sim.requests).toHaveLength(1);
  });

  it('says which variable is missing when a provider has no key, without calling it', async () => {
    const { gateway } = makeGateway(redis, prefix, sim.url, { env: {} });
    const completion = await gateway.complete(ask('acme/model-a'));
    expect(completion.error).toEqual({
      kind: 'auth',
      message: 'BH_TEST_KEY is not set, so openrouter models cannot be called.',
      retryable: false,
    });
    expect(sim.requests).toHaveLength(0);
  });

  it.each([
    ['out_of_credits', 'out_of_credits', false],
    ['context_too_long', 'context_too_long', false],
    ['content_filtered', 'content_filtered', false],
  ] as const)('classifies a %s answer', async (fault, kind, retryable) => {
    const { gateway } = makeGateway(redis, prefix, sim.url);
    sim.setBehaviour({ script: [fault] });
    const completion = await gateway.complete(ask('acme/model-a'));
    expect(completion.error).toMatchObject({ kind, retryable });
    expect(completion.output).toBe('');
    expect(completion.costUsd).toBe(0);
    expect(sim.requests).toHaveLength(1);
  });

  it('classifies an unknown model', async () => {
    const { gateway } = makeGateway(redis, prefix, sim.url);
    const completion = await gateway.complete(ask('acme/nope'));
    expect(completion.error).toMatchObject({ kind: 'unknown_model', retryable: false });
    expect(completion.error?.message).toContain('does not exist');
  });

  it('retries transient 5xx answers and then succeeds', async () => {
    const { gateway } = makeGateway(redis, prefix, sim.url);
    sim.setBehaviour({ script: ['server_error', 'server_error'], reply: 'ok' });
    const completion = await gateway.complete(ask('acme/model-a'));
    expect(completion.error).toBeUndefined();
    expect(completion.output).toBe('ok');
    expect(sim.requests).toHaveLength(3);
  });

  it('gives up after the configured attempts with the last error', async () => {
    const { gateway } = makeGateway(redis, prefix, sim.url, { retry: { maxAttempts: 2, baseDelayMs: 5 } });
    sim.setBehaviour({ errorRate5xx: 1 });
    const completion = await gateway.complete(ask('acme/model-a'));
    expect(completion.error).toMatchObject({ kind: 'server_error', retryable: true });
    expect(sim.requests).toHaveLength(2);
  });

  it.each([
    ['malformed', 'malformed_response'],
    ['no_choices', 'malformed_response'],
    ['network', 'network'],
  ] as const)('classifies a %s answer and retries it', async (fault, kind) => {
    const { gateway } = makeGateway(redis, prefix, sim.url, { retry: { maxAttempts: 2, baseDelayMs: 5 } });
    sim.setBehaviour({ script: [fault, fault] });
    const completion = await gateway.complete(ask('acme/model-a'));
    expect(completion.error).toMatchObject({ kind, retryable: true });
    expect(sim.requests).toHaveLength(2);
  });

  it('times out an attempt that never answers', async () => {
    const { gateway } = makeGateway(redis, prefix, sim.url, { timeoutMs: 300, retry: { maxAttempts: 1 } });
    sim.setBehaviour({ script: ['timeout'] });
    const started = Date.now();
    const completion = await gateway.complete(ask('acme/model-a'));
    expect(completion.error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('honours Retry-After on a 429 and then succeeds', async () => {
    const { gateway } = makeGateway(redis, prefix, sim.url);
    sim.setBehaviour({ script: ['rate_limited'], retryAfterMs: 700 });
    const completion = await gateway.complete(ask('acme/model-a'));
    expect(completion.error).toBeUndefined();
    const [first, second] = sim.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(690);
  });

  it('backs off the whole provider after a 429, in every worker', async () => {
    const workerA = makeGateway(redis, prefix, sim.url);
    const workerB = makeGateway(redis, prefix, sim.url);
    sim.setBehaviour({ script: ['rate_limited'], retryAfterMs: 800, latencyMs: 1 });
    const first = workerA.gateway.complete(ask('acme/model-a', 'first'));
    while (sim.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const limitedAt = sim.requests[0]!.at;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await workerB.gateway.complete(ask('acme/model-a', 'second'));
    expect(second.error).toBeUndefined();
    expect((await first).error).toBeUndefined();
    const secondArrived = sim.requests.find((r) => JSON.stringify(r.body).includes('second'))!.at;
    expect(secondArrived - limitedAt).toBeGreaterThanOrEqual(780);
  });

  it('recovers every call from a 429 storm', async () => {
    const { gateway } = makeGateway(redis, prefix, sim.url);
    sim.setBehaviour({ script: Array(10).fill('rate_limited'), retryAfterMs: 200, latencyMs: 20 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => gateway.complete(ask('acme/model-a', `storm ${i}`))),
    );
    expect(results.filter((r) => r.error !== undefined)).toEqual([]);
    expect(sim.requests).toHaveLength(30);
  });

  it('ends a call that stays rate-limited with a retryable rate_limited error', async () => {
    const { gateway } = makeGateway(redis, prefix, sim.url, { retry: { maxAttempts: 2 } });
    sim.setBehaviour({ script: ['rate_limited', 'rate_limited'], retryAfterMs: 100 });
    const completion = await gateway.complete(ask('acme/model-a'));
    expect(completion.error).toMatchObject({ kind: 'rate_limited', retryable: true });
    expect(completion.latencyMs).toBeGreaterThanOrEqual(90);
  });

  it('cancels an in-flight call when the caller aborts', async () => {
    const { gateway } = makeGateway(redis, prefix, sim.url);
    sim.setBehaviour({ latencyMs: 5000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const completion = await gateway.complete({ ...ask('acme/model-a'), signal: controller.signal });
    expect(completion.error).toMatchObject({ kind: 'cancelled', retryable: false });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('cancels a call still waiting for a concurrency slot', async () => {
    const { gateway } = makeGateway(redis, prefix, sim.url, { limits: { maxConcurrency: 1 } });
    sim.setBehaviour({ latencyMs: 1500 });
    const holder = gateway.complete(ask('acme/model-a', 'holder'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const waiting = await gateway.complete({ ...ask('acme/model-a', 'waiter'), signal: controller.signal });
    expect(waiting.error).toMatchObject({ kind: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(600);
    expect((await holder).error).toBeUndefined();
    expect(sim.requests).toHaveLength(1);
  });

  it('never sends more requests per window than the provider limit, across two workers', async () => {
    const options = { limits: { maxConcurrency: 50, requestsPerMinute: 4 }, windowMs: 500 };
    const workers = [makeGateway(redis, prefix, sim.url, options), makeGateway(redis, prefix, sim.url, options)];
    sim.setBehaviour({ latencyMs: 1 });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => workers[i % 2]!.gateway.complete(ask('acme/model-a', `q${i}`))),
    );
    expect(results.every((r) => r.error === undefined)).toBe(true);
    const times = sim.requests.map((r) => r.at).sort((a, b) => a - b);
    expect(times).toHaveLength(12);
    // Window entries count from each call's end, so arrivals keep the limit whatever the network delay.
    for (let i = 4; i < times.length; i++) expect(times[i]! - times[i - 4]!).toBeGreaterThanOrEqual(498);
  });
});
