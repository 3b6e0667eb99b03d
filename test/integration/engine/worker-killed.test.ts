import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminOf,
  expectEveryItemOnce,
  startRun,
  storedResults,
  sumsText,
  waitFor,
  waitForStatus,
} from '../../support/engine-runs.ts';
import { type Harness, startHarness } from '../../support/harness.ts';
import { killWorker, spawnWorker } from '../../support/worker-child.ts';

const actor = adminOf('sigkill');
const TOTAL = 40;
// Short job locks, so the killed worker's jobs are noticed as stalled in seconds rather than 30 s.
const WORKER = { concurrency: 4, lockDurationMs: 2000, stalledIntervalMs: 1000 };

describe('a worker killed with SIGKILL mid-run', () => {
  let harness: Harness;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    harness = await startHarness({ worker: false });
  });
  afterAll(async () => {
    for (const child of children) await killWorker(child, 'SIGKILL');
    await harness?.close();
  });

  it('ends with the run complete, one result per work item and its cost counted once', async () => {
    const { hub, services } = harness;
    children.push(await spawnWorker(harness, { simulator: { latencyMs: 250, jitterMs: 50 }, worker: WORKER }));
    const run = await startRun(hub, actor, {
      name: 'Killed sums',
      text: sumsText(TOTAL / 2),
      models: ['demo:fast', 'demo:cheap'],
    });
    const atKill = await waitFor(
      () => storedResults(services, run.id),
      (stored) => stored.count >= 0.4 * TOTAL,
      30_000,
      25,
    );
    expect(atKill.count).toBeLessThan(TOTAL);
    await killWorker(children[0] as ChildProcess, 'SIGKILL');

    children.push(await spawnWorker(harness, { simulator: { latencyMs: 50, jitterMs: 10 }, worker: WORKER }));
    const finished = await waitForStatus(hub, actor, run.id, ['completed', 'failed'], 45_000);
    const { stored, dearest, spent } = await expectEveryItemOnce(services, actor, finished, TOTAL);
    // The ledger counts what was really paid: it may exceed the results only by the killed worker's
    // calls that had answered (4 at most) but whose results were not yet stored, and are made again.
    expect(spent).toBeGreaterThanOrEqual(stored.costUsd - 1e-12);
    expect(spent - stored.costUsd).toBeLessThanOrEqual(4 * dearest + 1e-12);
    expect(finished.summary?.models.reduce((sum, model) => sum + model.n, 0)).toBe(TOTAL);
  });
});
