import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminOf,
  expectEveryItemOnce,
  sleep,
  startRun,
  storedResults,
  sumsText,
  waitFor,
  waitForStatus,
} from '../../support/engine-runs.ts';
import { type Harness, startHarness } from '../../support/harness.ts';
import { startPrivateRedis } from '../../support/private-redis.ts';

const actor = adminOf('redis-restart');
const TOTAL = 40;

describe('Redis restarted mid-run (everything in it lost)', () => {
  let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
  let harness: Harness;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    harness = await startHarness({
      env: { REDIS_URL: redis.url },
      simulator: { latencyMs: 200, jitterMs: 50 },
      workerOptions: { concurrency: 4 },
    });
  });
  afterAll(async () => {
    await harness?.close();
    await redis?.stop();
  });

  it('ends with the run complete, one result per work item and its cost counted once', async () => {
    const { hub, services } = harness;
    const run = await startRun(hub, actor, {
      name: 'Restart sums',
      text: sumsText(TOTAL / 2),
      models: ['demo:fast', 'demo:cheap'],
    });
    await waitFor(
      () => storedResults(services, run.id),
      (stored) => stored.count >= 0.4 * TOTAL,
      30_000,
      25,
    );
    await redis.stop();
    await sleep(1000);
    await redis.start();
    const restartedAt = Date.now();

    const finished = await waitForStatus(hub, actor, run.id, ['completed', 'failed'], 50_000);
    // The reconciler notices the reset at once rather than after the 20 s it leaves a busy run alone.
    expect(Date.now() - restartedAt).toBeLessThan(15_000);
    const { stored, dearest, spent } = await expectEveryItemOnce(services, actor, finished, TOTAL);
    // The budget ledger, lost with Redis, is rebuilt from the stored results. It may differ from them
    // only by the calls in flight at the restart (4 at a time here): a lost job re-queued while its
    // call was still running is paid twice, and a call settled before the rebuild may land after it.
    expect(Math.abs(spent - stored.costUsd)).toBeLessThanOrEqual(4 * dearest + 1e-12);
  });
});
