import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/use-cases/actor.ts';
import { adminOf, startRun, sumsText, waitFor, waitForStatus } from '../../support/engine-runs.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

const big = adminOf('fairness-big');
const small = adminOf('fairness-small');
// A tight provider cap makes the big run queue up: 420 calls at 4 at once and 100 ms each take ~10 s.
const MAX_CONCURRENCY = 4;
const LATENCY_MS = 100;
const BIG_CASES = 210;
const SMALL_CASES = 10;

/** Starts a 10-case run in `actor`'s workspace and returns how long it took from confirm to completed. */
async function timeSmallRun(harness: Harness, actor: Actor, name: string): Promise<number> {
  const started = performance.now();
  const run = await startRun(harness.hub, actor, { name, text: sumsText(SMALL_CASES), models: ['demo:smart'] });
  const finished = await waitFor(
    () => harness.hub.getRun(actor, run.id),
    (view) => view.status === 'completed',
    30_000,
    20,
  );
  expect(finished.status).toBe('completed');
  expect(finished.counts.done).toBe(SMALL_CASES);
  return performance.now() - started;
}

describe('fairness between a big batch and a small run of another workspace', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      simulator: { latencyMs: LATENCY_MS, jitterMs: 0 },
      limits: { demoLimits: { maxConcurrency: MAX_CONCURRENCY } },
    });
  });
  afterAll(() => harness?.close());

  it('finishes the small run in about its own time, not behind the batch', async () => {
    // The first run pays for loading modules and warming connections; the second is the fair yardstick.
    await timeSmallRun(harness, small, 'Warm-up');
    const alone = await timeSmallRun(harness, small, 'Alone');

    const batch = await startRun(harness.hub, big, {
      name: 'Batch',
      text: sumsText(BIG_CASES),
      models: ['demo:smart', 'demo:cheap'],
    });
    // Wait until the batch holds every provider slot and has a backlog of waiting calls.
    const busy = await waitFor(
      () => harness.hub.getRun(big, batch.id),
      (view) => view.counts.done >= 20,
    );
    expect(busy.status).toBe('running');

    const shared = await timeSmallRun(harness, small, 'Beside the batch');
    const during = await harness.hub.getRun(big, batch.id);
    // The batch alone still needs seconds: the small run did not wait for it.
    expect(during.status).toBe('running');
    expect(during.counts.done).toBeLessThan(2 * BIG_CASES * 0.8);
    expect(shared).toBeLessThan(3 * Math.max(alone, 500));

    const finished = await waitForStatus(harness.hub, big, batch.id, ['completed'], 60_000);
    expect(finished.counts).toMatchObject({ total: 2 * BIG_CASES, done: 2 * BIG_CASES });
  }, 90_000);
});
