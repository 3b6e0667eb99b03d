import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderLimiter } from '../../../src/llm/limiter.ts';
import { openRedis, uniqueName } from '../../support/services.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The largest number of timestamps falling in any half-open window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

describe('provider limiter', () => {
  let redisA: Redis;
  let redisB: Redis;
  beforeAll(() => {
    redisA = openRedis();
    redisB = openRedis();
  });
  afterAll(async () => {
    await redisA.quit();
    await redisB.quit();
  });

  it('never lets two workers together exceed the concurrency cap', async () => {
    const prefix = uniqueName('bh:lim');
    const limits = { p: { maxConcurrency: 3 } };
    const workers = [
      createProviderLimiter(redisA, { prefix, limits }),
      createProviderLimiter(redisB, { prefix, limits }),
    ];
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 24 }, async (_, i) => {
        const lease = await workers[i % 2]!.acquire('p');
        inFlight++;
        peak = Math.max(peak, inFlight);
        await sleep(15);
        inFlight--;
        await lease.release();
      }),
    );
    expect(peak).toBe(3);
  });

  it('never grants more requests per window than the limit, across workers', async () => {
    const prefix = uniqueName('bh:lim');
    const limits = { p: { maxConcurrency: 100, requestsPerMinute: 5 } };
    const options = { prefix, limits, windowMs: 400 };
    const workers = [createProviderLimiter(redisA, options), createProviderLimiter(redisB, options)];
    const granted: number[] = [];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 15 }, async (_, i) => {
        const lease = await workers[i % 2]!.acquire('p');
        granted.push(Date.now());
        await lease.release();
      }),
    );
    // 15 grants at 5 per 400 ms need at least two full windows.
    expect(Date.now() - started).toBeGreaterThanOrEqual(780);
    expect(maxInWindow(granted, 400 - 20)).toBeLessThanOrEqual(5);
  });

  it('holds tokens per window and credits unused tokens back on release', async () => {
    const prefix = uniqueName('bh:lim');
    const limiter = createProviderLimiter(redisA, {
      prefix,
      limits: { p: { maxConcurrency: 10, tokensPerMinute: 1000 } },
      windowMs: 60_000,
    });
    const first = await limiter.acquire('p', { tokens: 800 });
    await first.release(100);
    // 100 used + 800 asked fits in 1000 only because the release corrected the reservation.
    const second = await limiter.acquire('p', { tokens: 800 });
    const controller = new AbortController();
    const third = limiter.acquire('p', { tokens: 800, signal: controller.signal });
    await sleep(100);
    controller.abort(new Error('stop waiting'));
    await expect(third).rejects.toThrow('stop waiting');
    await second.release();
  });

  it('frees the slot of a holder that died without releasing once its lease expires', async () => {
    const prefix = uniqueName('bh:lim');
    const options = { prefix, limits: { p: { maxConcurrency: 1 } }, leaseMs: 600 };
    // The "dead" worker's connection goes away without a release, as after a SIGKILL.
    const dying = openRedis();
    await createProviderLimiter(dying, options).acquire('p');
    dying.disconnect();
    const started = Date.now();
    const lease = await createProviderLimiter(redisB, options).acquire('p');
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(400);
    expect(waited).toBeLessThan(2000);
    await lease.release();
  });

  it('keeps a long call’s lease alive by renewing it', async () => {
    const prefix = uniqueName('bh:lim');
    const options = { prefix, limits: { p: { maxConcurrency: 1 } }, leaseMs: 300 };
    const holder = await createProviderLimiter(redisA, options).acquire('p');
    const controller = new AbortController();
    const other = createProviderLimiter(redisB, options).acquire('p', { signal: controller.signal });
    let granted = false;
    void other.then(() => {
      granted = true;
    });
    await sleep(900);
    expect(granted).toBe(false);
    await holder.release();
    const lease = await other;
    await lease.release();
  });

  it('makes every acquire of a provider wait out a backoff, but not other providers', async () => {
    const prefix = uniqueName('bh:lim');
    const limits = { p: { maxConcurrency: 5 }, q: { maxConcurrency: 5 } };
    const a = createProviderLimiter(redisA, { prefix, limits });
    const b = createProviderLimiter(redisB, { prefix, limits });
    await a.backoff('p', 500);
    const started = Date.now();
    const other = await b.acquire('q');
    expect(Date.now() - started).toBeLessThan(200);
    await other.release();
    const lease = await b.acquire('p');
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    await lease.release();
  });

  it('gives a freed slot to a waiting interactive call before earlier batch calls', async () => {
    const prefix = uniqueName('bh:lim');
    const options = { prefix, limits: { p: { maxConcurrency: 1 } } };
    const batchWorker = createProviderLimiter(redisA, options);
    const interactiveWorker = createProviderLimiter(redisB, options);
    const holder = await batchWorker.acquire('p');
    const order: string[] = [];
    const take = async (limiter: typeof batchWorker, name: string, priority: 'batch' | 'interactive') => {
      const lease = await limiter.acquire('p', { priority });
      order.push(name);
      await sleep(20);
      await lease.release();
    };
    const batch = [take(batchWorker, 'batch-1', 'batch'), take(batchWorker, 'batch-2', 'batch')];
    await sleep(30);
    const interactive = take(interactiveWorker, 'interactive', 'interactive');
    await sleep(30);
    await holder.release();
    await Promise.all([...batch, interactive]);
    expect(order[0]).toBe('interactive');
    expect(order).toHaveLength(3);
  });

  it('cancels a waiting acquire when its signal aborts', async () => {
    const prefix = uniqueName('bh:lim');
    const limiter = createProviderLimiter(redisA, { prefix, limits: { p: { maxConcurrency: 1 } } });
    const held = await limiter.acquire('p');
    const controller = new AbortController();
    const waiting = limiter.acquire('p', { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(200);
    await held.release();
    // The aborted waiter took nothing: the slot is free again.
    const next = await limiter.acquire('p');
    await next.release();
  });
});
