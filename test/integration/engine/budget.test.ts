import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminOf, storedResults, waitFor, waitForStatus } from '../../support/engine-runs.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

const actor = adminOf('budget');
/** Each run really costs about $0.0013 (25 short calls to demo:smart); two of them do not fit in $0.002. */
const BUDGET_USD = 0.002;

const definition = (name: string, offset: number) => `name: ${name}
params:
  max_tokens: 20
cases:
${Array.from({ length: 25 }, (_, i) => `  - input: What is ${i + offset} + ${i + offset}?\n    expected: "${2 * (i + offset)}"`).join('\n')}
`;

describe('the monthly budget under two concurrent runs', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ simulator: { latencyMs: 40, jitterMs: 20 } });
  });
  afterAll(() => harness?.close());

  it('is never overspent; a run that hits it pauses saying what is left, and resumes once raised', async () => {
    const { hub, services } = harness;
    // Every run waits for its confirmation, so both can be started at the same moment below.
    await hub.setThreshold(actor, 0);
    const requested = [];
    for (const [name, offset] of [
      ['Budget A', 0],
      ['Budget B', 100],
    ] as const) {
      await hub.saveBenchmark(actor, { text: definition(name, offset), name });
      requested.push(await hub.requestRun(actor, { benchmark: name, models: ['demo:smart'] }));
    }
    await hub.setBudget(actor, BUDGET_USD);
    const runs = await Promise.all(requested.map(({ run }) => hub.confirmRun(actor, run.id)));

    const ended = await Promise.all(
      runs.map((run) => waitForStatus(hub, actor, run.id, ['completed', 'paused_budget'])),
    );
    // Calls already granted when the run paused still land; wait until the ledger and the results agree.
    const costOfResults = async () => {
      const stored = await Promise.all(runs.map((run) => storedResults(services, run.id)));
      return stored.reduce((sum, s) => sum + s.costUsd, 0);
    };
    const settled = await waitFor(
      async () => ({ ledger: (await hub.getBudget(actor)).spentUsd, results: await costOfResults() }),
      ({ ledger, results }) => Math.abs(ledger - results) < 1e-12,
      5000,
    );
    expect(settled.ledger).toBeLessThanOrEqual(BUDGET_USD + 1e-12);
    expect(settled.results).toBeCloseTo(settled.ledger, 12);
    const stored = await Promise.all(runs.map((run) => storedResults(services, run.id)));

    const paused = ended.filter((run) => run.status === 'paused_budget');
    expect(paused.length).toBeGreaterThanOrEqual(1);
    for (const run of paused) {
      expect(run.message).toMatch(/budget is reached \(\$0\.\d{4} left\)/);
      expect(stored[ended.indexOf(run)]?.errors).toEqual([]);
    }

    await hub.setBudget(actor, 1);
    for (const run of paused) await hub.confirmRun(actor, run.id);
    const finished = await Promise.all(runs.map((run) => waitForStatus(hub, actor, run.id, ['completed'])));
    for (const [index, run] of finished.entries()) {
      expect(run.status, run.message).toBe('completed');
      const final = await storedResults(services, runs[index]?.id ?? '');
      expect(final).toMatchObject({ count: 25, unique: 25 });
      expect(run.costUsd).toBeCloseTo(final.costUsd, 12);
    }
  });
});
