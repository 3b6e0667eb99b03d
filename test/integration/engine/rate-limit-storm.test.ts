import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatedFault } from '../../../src/llm/simulator/behaviour.ts';
import { adminOf, startRun, storedResults, sumsText, waitForStatus } from '../../support/engine-runs.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

const actor = adminOf('storm');
const STORM = 40;

describe('a 429 storm', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ simulator: { latencyMs: 20, jitterMs: 5, retryAfterMs: 300 } });
  });
  afterAll(() => harness?.close());

  it('is waited out: the run completes with every result and none of them an error', async () => {
    const simulator = harness.services.llm.simulator;
    simulator?.setBehaviour({ script: Array.from({ length: STORM }, (): SimulatedFault => 'rate_limited') });
    const run = await startRun(harness.hub, actor, {
      name: 'Stormy sums',
      text: sumsText(12),
      models: ['demo:fast', 'demo:cheap'],
    });
    const finished = await waitForStatus(harness.hub, actor, run.id, ['completed', 'failed']);
    expect(finished.status).toBe('completed');
    expect(finished.counts).toMatchObject({ total: 24, done: 24, errors: 0 });

    const stored = await storedResults(harness.services, run.id);
    expect(stored).toMatchObject({ count: 24, unique: 24 });
    expect(stored.errors).toEqual([]);
    // Every 429 was answered and then retried: the storm plus one good answer per item.
    expect(simulator?.requests.length).toBe(STORM + 24);
    expect(finished.costUsd).toBeCloseTo(stored.costUsd, 12);
  });
});
