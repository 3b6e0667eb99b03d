import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../../../src/jobs/start-worker.ts';
import { adminOf, maxInWindow, startRun, storedResults, sumsText, waitForStatus } from '../../support/engine-runs.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

const actor = adminOf('rate-limits');
// A per-"minute" limit on a 1 s window, so several windows pass within the test.
const WINDOW_MS = 1000;
const PER_WINDOW = 8;
const MAX_CONCURRENCY = 3;
const LATENCY_MS = 150;

describe('provider limits across two workers', () => {
  let harness: Harness;
  let second: Awaited<ReturnType<typeof startWorker>>;
  beforeAll(async () => {
    harness = await startHarness({
      simulator: { latencyMs: LATENCY_MS, jitterMs: 0 },
      limits: {
        demoLimits: { requestsPerMinute: PER_WINDOW, maxConcurrency: MAX_CONCURRENCY },
        rateWindowMs: WINDOW_MS,
      },
    });
    second = await startWorker(harness.services, { notifiers: {} });
  });
  afterAll(async () => {
    await second?.stop();
    await harness?.close();
  });

  it('never sends more requests per window, nor more at once, than the provider allows', async () => {
    const run = await startRun(harness.hub, actor, {
      name: 'Limited sums',
      text: sumsText(15),
      models: ['demo:smart', 'demo:cheap'],
    });
    const finished = await waitForStatus(harness.hub, actor, run.id, ['completed']);
    expect(finished.status).toBe('completed');

    const arrivals = harness.services.llm.simulator?.requests.map((request) => request.at) ?? [];
    expect(arrivals).toHaveLength(30);
    // Arrival times at the simulator lag the grant in Redis by a few ms; a 50 ms margin absorbs that.
    expect(maxInWindow(arrivals, WINDOW_MS - 50)).toBeLessThanOrEqual(PER_WINDOW);
    // With a fixed latency, a new call can start only when one of the capped calls has answered.
    expect(maxInWindow(arrivals, LATENCY_MS - 20)).toBeLessThanOrEqual(MAX_CONCURRENCY);
    // The limit really was binding: 30 calls at 8 per second need more than three windows.
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeGreaterThanOrEqual(3 * WINDOW_MS - 50);

    const stored = await storedResults(harness.services, run.id);
    expect(stored).toMatchObject({ count: 30, unique: 30 });
    expect(stored.errors).toEqual([]);
  });
});
