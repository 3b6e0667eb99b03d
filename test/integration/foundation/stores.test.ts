import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IllegalTransitionError, type RunStatus } from '../../../src/core/run/status.ts';
import { createModels, type Models } from '../../../src/store/models/index.ts';
import { transitionRun } from '../../../src/store/run-status-store.ts';
import { openRedis, openTestDatabase, uniqueName } from '../../support/services.ts';

describe('Redis', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = openRedis();
  });
  afterAll(() => redis.quit());

  it('round-trips a value', async () => {
    const key = uniqueName('bh:test');
    await redis.set(key, 'héllo ✓', 'EX', 60);
    expect(await redis.get(key)).toBe('héllo ✓');
    await redis.del(key);
    expect(await redis.get(key)).toBeNull();
  });
});

describe('MongoDB models', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let models: Models;
  let redis: Redis;

  beforeAll(async () => {
    db = await openTestDatabase();
    models = await createModels(db.connection);
    redis = openRedis();
  });
  afterAll(async () => {
    await db.drop();
    await redis.quit();
  });

  async function makeRun(status: RunStatus = 'awaiting_confirmation') {
    const workspace = await models.Workspace.create({ platform: 'slack', externalId: uniqueName('T') });
    const benchmark = await models.Benchmark.create({
      workspaceId: workspace._id,
      slug: 'math',
      name: 'Math',
      currentVersion: 1,
    });
    const version = await models.BenchmarkVersion.create({
      benchmarkId: benchmark._id,
      version: 1,
      definition: { name: 'Math', cases: [{ id: 'c1', input: '1+1', expected: '2' }] },
      definitionHash: 'h1',
    });
    return models.Run.create({
      workspaceId: workspace._id,
      benchmarkId: benchmark._id,
      benchmarkVersionId: version._id,
      benchmarkName: 'Math',
      version: 1,
      models: ['demo:fast'],
      status,
      shareId: uniqueName('share'),
    });
  }

  it('stores a result once and rejects a duplicate of the same (run, case, model, sample)', async () => {
    const run = await makeRun('running');
    const result = { runId: run._id, caseId: 'c1', model: 'demo:fast', sample: 0, output: '2', score: 1, pass: true };
    await models.Result.create(result);
    await expect(models.Result.create({ ...result, output: 'again' })).rejects.toMatchObject({ code: 11000 });
    await models.Result.create({ ...result, sample: 1 });
    const stored = await models.Result.find({ runId: run._id }).sort({ sample: 1 }).lean();
    expect(stored.map((r) => [r.sample, r.output])).toEqual([
      [0, '2'],
      [1, '2'],
    ]);
  });

  it('keeps benchmark slugs unique per workspace but not across workspaces', async () => {
    const [a, b] = await models.Workspace.create([
      { platform: 'discord', externalId: uniqueName('G') },
      { platform: 'discord', externalId: uniqueName('G') },
    ]);
    await models.Benchmark.create({ workspaceId: a!._id, slug: 'qa', name: 'QA', currentVersion: 1 });
    await models.Benchmark.create({ workspaceId: b!._id, slug: 'qa', name: 'QA', currentVersion: 1 });
    await expect(
      models.Benchmark.create({ workspaceId: a!._id, slug: 'qa', name: 'QA again', currentVersion: 1 }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it('moves a run through allowed statuses and refuses an illegal transition', async () => {
    const run = await makeRun();
    const id = String(run._id);
    expect((await transitionRun({ Run: models.Run, redis }, id, 'queued')).status).toBe('queued');
    expect((await transitionRun({ Run: models.Run, redis }, id, 'running', { startedAt: new Date() })).status).toBe(
      'running',
    );
    await expect(transitionRun({ Run: models.Run, redis }, id, 'expired')).rejects.toThrow(IllegalTransitionError);
    await expect(transitionRun({ Run: models.Run, redis }, id, 'expired')).rejects.toThrow(
      `Run ${id} cannot go from running to expired.`,
    );
    expect((await transitionRun({ Run: models.Run, redis }, id, 'completed')).status).toBe('completed');
    await expect(transitionRun({ Run: models.Run, redis }, id, 'running')).rejects.toMatchObject({
      code: 'illegal_transition',
    });
    expect((await models.Run.findById(id).lean())?.status).toBe('completed');
  });

  it('lets exactly one of many racing transitions win', async () => {
    const run = await makeRun('running');
    const id = String(run._id);
    const targets = ['completed', 'cancelled', 'failed', 'completed', 'cancelled', 'failed'] as const;
    const outcomes = await Promise.allSettled(targets.map((to) => transitionRun({ Run: models.Run, redis }, id, to)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(targets.length - 1);
  });

  it('refuses to change a stored benchmark version', async () => {
    const run = await makeRun();
    const version = await models.BenchmarkVersion.findById(run.benchmarkVersionId);
    version!.set('definitionHash', 'changed');
    await version!.save();
    expect((await models.BenchmarkVersion.findById(run.benchmarkVersionId).lean())?.definitionHash).toBe('h1');
  });
});
