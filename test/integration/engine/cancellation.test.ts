import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminOf, sleep, startRun, storedResults, sumsText, waitFor } from '../../support/engine-runs.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

const actor = adminOf('cancel');

describe('cancelling a running run', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      simulator: { latencyMs: 1200, jitterMs: 0 },
      workerOptions: { concurrency: 4 },
    });
  });
  afterAll(() => harness?.close());

  it('starts no new call within 2 s, keeps what finished and summarises it', async () => {
    const { hub, services } = harness;
    const run = await startRun(hub, actor, { name: 'Slow sums', text: sumsText(20), models: ['demo:fast'] });
    await waitFor(
      () => storedResults(services, run.id),
      (stored) => stored.count >= 4,
      20_000,
      50,
    );
    // Let the next calls get under way so there is something in flight to abort.
    await sleep(300);
    const cancelledAt = Date.now();
    const storedAtCancel = (await storedResults(services, run.id)).count;
    const cancelled = await hub.cancelRun(actor, run.id);
    expect(cancelled.status).toBe('cancelled');
    await sleep(4000);

    const late = (services.llm.simulator?.requests ?? []).filter((request) => request.at > cancelledAt + 2000);
    expect(late).toEqual([]);
    const finished = await waitFor(
      () => hub.getRun(actor, run.id),
      (view) => view.summary !== null,
      10_000,
    );
    expect(finished.status).toBe('cancelled');
    const stored = await storedResults(services, run.id);
    // The calls in flight at the cancel were aborted, not stored when they would have answered.
    expect(stored.count).toBe(storedAtCancel);
    expect(stored.count).toBeGreaterThanOrEqual(4);
    expect(stored.unique).toBe(stored.count);
    expect(stored.errors).toEqual([]);
    expect(finished.counts.done).toBe(stored.count);
    expect(finished.costUsd).toBeCloseTo(stored.costUsd, 12);
    expect(finished.summary?.models[0]?.n).toBe(stored.count);
    // Still cancelled a while later: nothing (reconciler, late jobs) brings it back.
    await sleep(2500);
    expect((await hub.getRun(actor, run.id)).status).toBe('cancelled');
    expect((await storedResults(services, run.id)).count).toBe(stored.count);
  });
});
