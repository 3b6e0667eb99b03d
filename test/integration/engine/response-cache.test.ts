import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminOf, startRun, storedResults, waitForStatus } from '../../support/engine-runs.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

const actor = adminOf('cache');
const otherTeam = adminOf('cache-other');

const DEFINITION = `name: Capitals
params:
  temperature: 0
cases:
${['France => Paris', 'Italy => Rome', 'Spain => Madrid', 'Peru => Lima', 'Japan => Tokyo', 'Chile => Santiago']
  .map((pair) => {
    const [country, capital] = pair.split(' => ');
    return `  - input: What is the capital of ${country}?\n    expected: ${capital}`;
  })
  .join('\n')}
`;

describe('the response cache', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ simulator: { latencyMs: 20, jitterMs: 5 } });
  });
  afterAll(() => harness?.close());

  it('answers a rerun of a temperature-0 benchmark from the cache, at no cost and with no calls', async () => {
    const { hub } = harness;
    const requests = () => harness.services.llm.simulator?.requests.length ?? 0;
    const first = await startRun(hub, actor, {
      name: 'Capitals',
      text: DEFINITION,
      models: ['demo:smart', 'demo:fast'],
    });
    const done = await waitForStatus(hub, actor, first.id, ['completed']);
    expect(done.status).toBe('completed');
    expect(done.costUsd).toBeGreaterThan(0);
    expect(done.counts.cached).toBe(0);
    expect(requests()).toBe(12);

    const again = await hub.rerun(actor, first.id);
    const rerun = again.needsConfirmation ? await hub.confirmRun(actor, again.run.id) : again.run;
    const finished = await waitForStatus(hub, actor, rerun.id, ['completed']);
    expect(finished.status).toBe('completed');
    expect(finished.counts).toMatchObject({ total: 12, done: 12, cached: 12, errors: 0 });
    expect(finished.costUsd).toBe(0);
    expect(requests()).toBe(12);

    const stored = await storedResults(harness.services, rerun.id);
    expect(stored).toMatchObject({ count: 12, cached: 12, costUsd: 0 });
    // Same answers, so the same scores as the first run.
    const passes = (runId: string) =>
      harness.services.store
        .resultRows(runId)
        .then((rows) => rows.map((row) => `${row.caseId}|${row.model}|${row.pass}`).sort());
    expect(await passes(rerun.id)).toEqual(await passes(first.id));
  });

  it("gives another workspace none of this workspace's answers, and deleting a workspace deletes its cache", async () => {
    const { hub } = harness;
    const cache = harness.services.runtime.models.ResponseCache;
    const requests = () => harness.services.llm.simulator?.requests.length ?? 0;
    const before = requests();
    const theirs = await startRun(hub, otherTeam, { name: 'Capitals', text: DEFINITION, models: ['demo:smart'] });
    const done = await waitForStatus(hub, otherTeam, theirs.id, ['completed']);
    // The first workspace has all six answers cached; the other one still pays for every call.
    expect(done.counts).toMatchObject({ done: 6, cached: 0 });
    expect(done.costUsd).toBeGreaterThan(0);
    expect(requests()).toBe(before + 6);

    const ours = await harness.services.store.ensureWorkspace(actor.workspace);
    const mine = () => cache.countDocuments({ scope: ours.id });
    expect(await mine()).toBe(12);
    const total = await cache.countDocuments({});
    await hub.deleteWorkspace(actor);
    expect(await mine()).toBe(0);
    expect(await cache.countDocuments({})).toBe(total - 12);
  });
});
