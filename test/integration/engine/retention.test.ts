import { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/use-cases/actor.ts';
import { adminOf, startRun, storedResults, sumsText, waitFor, waitForStatus } from '../../support/engine-runs.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

const DAY_MS = 24 * 3600 * 1000;
const actor = adminOf('retention');

const CAPITALS = `name: Capitals
params:
  temperature: 0
cases:
  - input: What is the capital of France?
    expected: Paris
  - input: What is the capital of Italy?
    expected: Rome
  - input: What is the capital of Spain?
    expected: Madrid
  - input: What is the capital of Peru?
    expected: Lima
`;

describe('retention', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      env: { RETENTION_DAYS: '30' },
      simulator: { latencyMs: 10, jitterMs: 0 },
      // The repeatable job runs every half second here instead of daily.
      workerOptions: { retentionEveryMs: 500 },
    });
  });
  afterAll(() => harness?.close());

  it('empties raw outputs (results and cached answers) older than RETENTION_DAYS and keeps the statistics', async () => {
    const { hub, services } = harness;
    const { Result, ResponseCache } = services.runtime.models;
    const oldRun = await startRun(hub, actor, { name: 'Capitals', text: CAPITALS, models: ['demo:smart'] });
    const newRun = await startRun(hub, actor, { name: 'Sums', text: sumsText(4), models: ['demo:smart'] });
    const before = await waitForStatus(hub, actor, oldRun.id, ['completed']);
    await waitForStatus(hub, actor, newRun.id, ['completed']);
    expect(await ResponseCache.countDocuments()).toBe(4);

    // Age the first run's results and its cached answers past the retention period.
    const aged = new Date(Date.now() - 31 * DAY_MS);
    await Result.collection.updateMany({ runId: new Types.ObjectId(oldRun.id) }, { $set: { createdAt: aged } });
    await ResponseCache.collection.updateMany({}, { $set: { createdAt: aged } });

    // One purge empties results first, then cached answers: wait for both.
    const { purged, cachedLeft } = await waitFor(
      async () => ({
        purged: await Result.find({ runId: oldRun.id }).lean(),
        cachedLeft: await ResponseCache.countDocuments(),
      }),
      (state) => state.cachedLeft === 0 && state.purged.every((doc) => doc.outputPurgedAt instanceof Date),
      10_000,
    );
    expect(purged).toHaveLength(4);
    for (const doc of purged) expect(doc.output).toBe('');
    expect(cachedLeft).toBe(0);

    const recent = await Result.find({ runId: newRun.id }).lean();
    expect(recent).toHaveLength(4);
    for (const doc of recent) {
      expect(doc.output).not.toBe('');
      expect(doc.outputPurgedAt ?? null).toBeNull();
    }
    // The run keeps its statistics, counts and cost; its results keep their scores.
    const after = await hub.getRun(actor, oldRun.id);
    expect(after.summary).toEqual(before.summary);
    expect(after.counts).toEqual(before.counts);
    expect(after.costUsd).toBe(before.costUsd);
    const rows = await storedResults(services, oldRun.id);
    expect(rows.count).toBe(4);
    // Purging again finds nothing new.
    expect(await harness.worker?.retention.purgeOnce()).toEqual({ results: 0, cached: 0 });
  });

  it('deletes all data of a workspace for its admin, and only that workspace', async () => {
    const { hub, services } = harness;
    const other = adminOf('retention-other');
    const member: Actor = { ...adminOf('retention-gone'), userId: 'member-1', platformAdmin: false };
    const gone = adminOf('retention-gone');
    const goneRun = await startRun(hub, gone, { name: 'Sums', text: sumsText(3), models: ['demo:cheap'] });
    const keptRun = await startRun(hub, other, { name: 'Sums', text: sumsText(3), models: ['demo:cheap'] });
    await waitForStatus(hub, gone, goneRun.id, ['completed']);
    await waitForStatus(hub, other, keptRun.id, ['completed']);

    await expect(hub.deleteWorkspace(member)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await hub.listBenchmarks(gone)).map((b) => b.name)).toEqual(['Sums']);
    const budgetKeys = async (actor: Actor) => {
      const workspace = await services.store.ensureWorkspace(actor.workspace);
      return services.runtime.redis.keys(`${services.prefix}:budget:{${workspace.id}:*`);
    };
    const goneSpending = await budgetKeys(gone);
    expect(goneSpending).not.toHaveLength(0);

    await hub.deleteWorkspace(gone);
    for (const key of goneSpending) expect(await services.runtime.redis.exists(key)).toBe(0);
    expect(await budgetKeys(other)).not.toHaveLength(0);
    expect(await services.store.getRun(goneRun.id)).toBeNull();
    expect((await storedResults(services, goneRun.id)).count).toBe(0);
    // Asking again finds a fresh, empty workspace.
    expect(await hub.listBenchmarks(gone)).toEqual([]);
    await expect(hub.getRun(gone, goneRun.id)).rejects.toMatchObject({ code: 'not_found' });

    expect((await hub.getRun(other, keptRun.id)).status).toBe('completed');
    expect((await storedResults(services, keptRun.id)).count).toBe(3);
  });
});
