import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarizeRun } from '../../../src/core/stats/summary.ts';
import type { Actor } from '../../../src/core/use-cases/actor.ts';
import type { HistoryStore, ResultRecord } from '../../../src/core/use-cases/store-ports.ts';
import { createRunFinalizer } from '../../../src/jobs/run-finalizer.ts';
import { createRunTally } from '../../../src/jobs/run-tally.ts';
import { createLogger } from '../../../src/logger.ts';
import { type Harness, startHarness } from '../../support/harness.ts';

const actor: Actor = {
  workspace: { platform: 'local', externalId: 'finalizer', name: 'Finalizer' },
  userId: 'u1',
  userName: 'Ada',
  platformAdmin: true,
};
const CASES = 6;
const MODELS = ['demo:smart', 'demo:cheap'];

function result(runId: string, caseId: string, model: string, pass: boolean): ResultRecord {
  return {
    runId,
    caseId,
    model,
    sample: 0,
    output: pass ? 'right' : 'wrong',
    latencyMs: 120,
    promptTokens: 10,
    completionTokens: 3,
    costUsd: 0.001,
    cached: false,
    score: pass ? 1 : 0,
    pass,
    checks: [{ type: 'contains', score: pass ? 1 : 0, pass, reason: '', weight: 1 }],
    tags: ['sums'],
    error: null,
  };
}

describe("a run's tally and its end", () => {
  let harness: Harness;
  beforeAll(async () => {
    // No worker: the test stores the results itself, as a worker's batch writer would.
    harness = await startHarness({ worker: false });
  });
  afterAll(() => harness?.close());

  /** A queued run of CASES sums on both models, and every one of its results. */
  async function queuedRun(name: string) {
    const text = Array.from({ length: CASES }, (_, i) => `What is ${i} + ${i}? => ${2 * i}`).join('\n');
    await harness.hub.saveBenchmark(actor, { text, name });
    const requested = await harness.hub.requestRun(actor, { benchmark: name, models: MODELS });
    const run = requested.needsConfirmation ? await harness.hub.confirmRun(actor, requested.run.id) : requested.run;
    const version = await harness.services.store.getVersion(
      (await harness.services.store.getRun(run.id))?.benchmarkVersionId ?? '',
    );
    const caseIds = version?.definition.cases.map((testCase) => testCase.id) ?? [];
    const results = MODELS.flatMap((model) =>
      caseIds.map((caseId, i) => result(run.id, caseId, model, model === 'demo:smart' || i % 2 === 0)),
    );
    return { runId: run.id, results };
  }

  /** The finalizer as a worker builds it, over a store that counts its reads of a run's results. */
  function finalizerWith(tally: ReturnType<typeof createRunTally>) {
    const { services } = harness;
    const reads = { resultRows: 0 };
    const store: HistoryStore = {
      ...services.store,
      resultRows: (runId) => {
        reads.resultRows += 1;
        return services.store.resultRows(runId);
      },
    };
    const finalizer = createRunFinalizer({
      store,
      redis: services.runtime.redis,
      prefix: services.prefix,
      logger: createLogger({ level: 'silent', pretty: false, secrets: [] }),
      rows: tally,
      onFinished: async () => {},
    });
    return { finalizer, reads };
  }

  it('counts each result once, whether it is added again or restored from MongoDB', async () => {
    const { runId, results } = await queuedRun('Counted once');
    const { store, prefix } = harness.services;
    const { redis } = harness.services.runtime;
    const tally = createRunTally({ redis, prefix, store });
    const stored = await store.insertResults(results);
    await tally.add(stored.slice(0, 5));
    await tally.add(stored.slice(0, 7));
    expect(await tally.totals(runId)).toMatchObject({ done: 7 });
    // Redis lost the counters but kept the rows: the next batch counts from the rows.
    await redis.del(`${prefix}:stats:${runId}`);
    await tally.add(stored.slice(7, 9));
    expect(await tally.totals(runId)).toMatchObject({ done: 9 });
    // A restore from MongoDB adds only what Redis lacks, however it interleaves with batches.
    await tally.restore(runId);
    await tally.add(stored.slice(9));
    const totals = await tally.totals(runId);
    expect(totals).toMatchObject({ done: 12, errors: 0, cached: 0 });
    expect(totals.costUsd).toBeCloseTo(0.012, 10);
  });

  it('restores counters Redis lost entirely from MongoDB when they are read', async () => {
    const { runId, results } = await queuedRun('Lost counters');
    const { store, prefix } = harness.services;
    const { redis } = harness.services.runtime;
    const tally = createRunTally({ redis, prefix, store });
    const errored = { ...(results[0] as ResultRecord), error: { kind: 'timeout', message: 'slow' }, cached: true };
    await tally.add(await store.insertResults([errored, ...results.slice(1, 4)]));
    await redis.del(`${prefix}:stats:${runId}`, `${prefix}:rows:${runId}`);
    expect(await tally.totals(runId)).toMatchObject({ done: 4, errors: 1, cached: 1 });
    expect(await tally.lastActivity(runId)).toBeGreaterThan(0);
  });

  it('stores a duplicate once and reports only what the write stored', async () => {
    const { runId, results } = await queuedRun('Duplicates');
    const [first, second] = results as [ResultRecord, ResultRecord];
    expect(await harness.services.store.insertResults([first])).toEqual([first]);
    const stored = await harness.services.store.insertResults([{ ...first, output: 'again' }, second]);
    expect(stored).toEqual([second]);
    expect((await harness.services.store.resultRows(runId)).length).toBe(2);
  });

  it('completes the run from the Redis mirror when it holds every result, with the same summary as MongoDB', async () => {
    const { runId, results } = await queuedRun('Mirrored');
    const tally = createRunTally({
      redis: harness.services.runtime.redis,
      prefix: harness.services.prefix,
      store: harness.services.store,
    });
    await tally.add(await harness.services.store.insertResults(results));
    const { finalizer, reads } = finalizerWith(tally);

    const finished = await finalizer.finalize(runId);

    expect(finished?.status).toBe('completed');
    expect(reads.resultRows).toBe(0);
    const fromMongo = await harness.services.store.resultRows(runId);
    expect(finished?.summary).toEqual(summarizeRun({ models: MODELS, samples: 1, results: fromMongo, seed: 1 }));
    expect(finished?.counts).toMatchObject({ total: 12, done: 12, errors: 0 });
    expect(finished?.costUsd).toBeCloseTo(0.012, 10);
    // A finished run's mirror is gone.
    expect(await tally.complete(runId, 0)).toEqual([]);
  });

  it('reads MongoDB when a mirrored row does not read back as a row', async () => {
    const { runId, results } = await queuedRun('Damaged mirror');
    const { redis } = harness.services.runtime;
    const tally = createRunTally({ redis, prefix: harness.services.prefix, store: harness.services.store });
    await tally.add(await harness.services.store.insertResults(results));
    const [field] = await redis.hkeys(`${harness.services.prefix}:rows:${runId}`);
    await redis.hset(`${harness.services.prefix}:rows:${runId}`, field ?? '', '{"caseId":');
    const { finalizer, reads } = finalizerWith(tally);

    const finished = await finalizer.finalize(runId);

    expect(reads.resultRows).toBe(1);
    expect(finished?.counts).toMatchObject({ total: 12, done: 12 });
  });

  it('reads MongoDB when the mirror misses a result (a worker died between the two writes)', async () => {
    const { runId, results } = await queuedRun('Half mirrored');
    const tally = createRunTally({
      redis: harness.services.runtime.redis,
      prefix: harness.services.prefix,
      store: harness.services.store,
    });
    const stored = await harness.services.store.insertResults(results);
    await tally.add(stored.slice(1));
    const { finalizer, reads } = finalizerWith(tally);

    const finished = await finalizer.finalize(runId);

    expect(finished?.status).toBe('completed');
    expect(reads.resultRows).toBe(1);
    expect(finished?.counts).toMatchObject({ total: 12, done: 12 });
    const smart = finished?.summary?.models.find((model) => model.model === 'demo:smart');
    expect(smart?.n).toBe(CASES);
  });
});
