import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/core/use-cases/actor.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

const actor: Actor = {
  workspace: { platform: 'local', externalId: 'team-a', name: 'Team A' },
  userId: 'u1',
  userName: 'Ada',
  platformAdmin: true,
};

const LINES = Array.from({ length: 12 }, (_, i) => `What is ${i} + ${i}? => ${2 * i}`).join('\n');

async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a full run on the demo simulator', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ simulator: { latencyMs: 20, jitterMs: 5 } });
  });
  afterAll(() => harness?.close());

  it('runs every case on every model, scores, stores each result once and summarises', async () => {
    const { hub } = harness;
    await hub.saveBenchmark(actor, { text: LINES, name: 'Sums' });
    const requested = await hub.requestRun(actor, { benchmark: 'Sums', models: ['demo:smart', 'demo:cheap'] });
    expect(requested.estimate.calls).toBe(24);
    const run = requested.needsConfirmation ? await hub.confirmRun(actor, requested.run.id) : requested.run;
    const finished = await waitFor(
      () => hub.getRun(actor, run.id),
      (view) => view.status === 'completed',
    );
    expect(finished.status).toBe('completed');
    expect(finished.simulated).toBe(true);
    expect(finished.counts).toMatchObject({ total: 24, done: 24 });
    const summary = finished.summary;
    expect(summary?.models.map((m) => m.model).sort()).toEqual(['demo:cheap', 'demo:smart']);
    const smart = summary?.models.find((m) => m.model === 'demo:smart');
    const cheap = summary?.models.find((m) => m.model === 'demo:cheap');
    expect(smart?.n).toBe(12);
    expect(smart?.passRate).toBeGreaterThan(cheap?.passRate ?? 1);
    expect(finished.costUsd).toBeGreaterThan(0);
    const rows = await harness.services.store.resultRows(run.id);
    expect(rows).toHaveLength(24);
    const exported = await hub.exportRun(actor, run.id, 'csv');
    expect(exported.body.split('\r\n').filter(Boolean)).toHaveLength(25);
    const history = await hub.history(actor, 'Sums');
    expect(history.items[0]?.id).toBe(run.id);
  });
});
