import type { Redis } from 'ioredis';
import { Types } from 'mongoose';
import { workItemKey } from '../core/run/plan.ts';
import type { HistoryStore, RunRecord } from '../core/use-cases/store-ports.ts';
import type { Models } from './models/index.ts';
import { toBenchmark, toResult, toRun, toVersion, toWorkspace } from './record-mappers.ts';
import { withRedisLock } from './redis-lock.ts';
import { resultRowsOfRun } from './report-queries.ts';
import { createResultWriter } from './result-writer.ts';
import { transitionRun } from './run-status-store.ts';

/**
 * HistoryStore on MongoDB (mongoose). Read-check-write sequences take a Redis lock because the
 * MongoDB-compatible test server does not make conditional updates atomic.
 */
export function createHistoryStore({ models, redis }: { models: Models; redis: Redis }): HistoryStore {
  const { Workspace, Benchmark, BenchmarkVersion, Run, Result, ResponseCache } = models;
  const oid = (id: string) => new Types.ObjectId(id);
  const requireRun = (doc: Parameters<typeof toRun>[0] | null, runId: string): RunRecord => {
    if (!doc) throw new Error(`run ${runId} vanished`);
    return toRun(doc);
  };
  const results = createResultWriter(Result);

  return {
    async ensureWorkspace(ref) {
      const filter = { platform: ref.platform, externalId: ref.externalId };
      const found = await Workspace.findOne(filter).lean();
      if (found) return toWorkspace(found);
      try {
        return toWorkspace((await Workspace.create({ ...filter, name: ref.name })).toObject());
      } catch (error) {
        // Another request created it first: the unique index decided.
        const raced = await Workspace.findOne(filter).lean();
        if (raced) return toWorkspace(raced);
        throw error;
      }
    },

    async getWorkspace(id) {
      const doc = Types.ObjectId.isValid(id) ? await Workspace.findById(id).lean() : null;
      return doc ? toWorkspace(doc) : null;
    },

    async updateWorkspaceSettings(id, patch) {
      const set = Object.fromEntries(Object.entries(patch).map(([key, value]) => [`settings.${key}`, value]));
      const updated = await Workspace.findByIdAndUpdate(id, { $set: set }, { returnDocument: 'after' }).lean();
      if (!updated) throw new Error(`workspace ${id} vanished`);
      return toWorkspace(updated);
    },

    async findBenchmark(workspaceId, slug) {
      const doc = await Benchmark.findOne({ workspaceId: oid(workspaceId), slug, deletedAt: null }).lean();
      return doc ? toBenchmark(doc) : null;
    },

    async listBenchmarks(workspaceId) {
      const docs = await Benchmark.find({ workspaceId: oid(workspaceId), deletedAt: null })
        .sort({ slug: 1 })
        .lean();
      return docs.map(toBenchmark);
    },

    saveVersion(workspaceId, input) {
      return withRedisLock(redis, `bh:lock:benchmark:${workspaceId}:${input.slug}`, async () => {
        const existing = await Benchmark.findOne({ workspaceId: oid(workspaceId), slug: input.slug }).lean();
        const live = existing && !existing.deletedAt ? existing : null;
        if (live) {
          const current = await BenchmarkVersion.findOne({
            benchmarkId: live._id,
            version: live.currentVersion,
          }).lean();
          if (current && current.definitionHash === input.hash) {
            return { benchmark: toBenchmark(live), version: toVersion(current), created: false };
          }
        }
        const benchmarkId = existing?._id ?? new Types.ObjectId();
        const number = (existing?.currentVersion ?? 0) + 1;
        const version = await BenchmarkVersion.create({
          benchmarkId,
          version: number,
          definition: input.definition,
          definitionHash: input.hash,
          caseCount: input.definition.cases.length,
          createdBy: input.createdBy,
        });
        const fields = {
          name: input.name,
          currentVersion: number,
          description: input.definition.description,
          caseCount: input.definition.cases.length,
          deletedAt: null,
        };
        const benchmark = existing
          ? await Benchmark.findByIdAndUpdate(benchmarkId, { $set: fields }, { returnDocument: 'after' }).lean()
          : (
              await Benchmark.create({
                _id: benchmarkId,
                workspaceId: oid(workspaceId),
                slug: input.slug,
                createdBy: input.createdBy,
                ...fields,
              })
            ).toObject();
        if (!benchmark) throw new Error(`benchmark ${input.slug} vanished`);
        return { benchmark: toBenchmark(benchmark), version: toVersion(version.toObject()), created: !live };
      });
    },

    async getVersion(versionId) {
      const doc = Types.ObjectId.isValid(versionId) ? await BenchmarkVersion.findById(versionId).lean() : null;
      return doc ? toVersion(doc) : null;
    },

    async findVersion(benchmarkId, version) {
      const doc = await BenchmarkVersion.findOne({ benchmarkId: oid(benchmarkId), version }).lean();
      return doc ? toVersion(doc) : null;
    },

    async listVersions(benchmarkId) {
      // Definitions stay behind (up to 5 MB each); a version saved before case counts were stored
      // reads its own definition once to count.
      const docs = await BenchmarkVersion.find({ benchmarkId: oid(benchmarkId) }, { definition: 0 })
        .sort({ version: -1 })
        .lean();
      return Promise.all(
        docs.map(async (doc) => ({
          id: doc._id.toString(),
          benchmarkId: doc.benchmarkId.toString(),
          version: doc.version,
          createdBy: doc.createdBy ?? '',
          createdAt: doc.createdAt ?? new Date(0),
          caseCount: doc.caseCount ?? (await BenchmarkVersion.findById(doc._id).lean())?.definition.cases.length ?? 0,
        })),
      );
    },

    async deleteBenchmark(benchmarkId) {
      // Soft delete: past runs keep their benchmark; the name becomes free again.
      await Benchmark.updateOne({ _id: oid(benchmarkId) }, { $set: { deletedAt: new Date() } });
    },

    async createRun(run) {
      const doc = await Run.create({
        ...run,
        workspaceId: oid(run.workspaceId),
        benchmarkId: oid(run.benchmarkId),
        benchmarkVersionId: oid(run.benchmarkVersionId),
      });
      return toRun(doc.toObject());
    },

    async getRun(runId) {
      const doc = Types.ObjectId.isValid(runId) ? await Run.findById(runId).lean() : null;
      return doc ? toRun(doc) : null;
    },

    async findRunByShareId(shareId) {
      const doc = await Run.findOne({ shareId }).lean();
      return doc ? toRun(doc) : null;
    },

    async updateRun(runId, patch) {
      return requireRun(await Run.findByIdAndUpdate(runId, { $set: patch }, { returnDocument: 'after' }).lean(), runId);
    },

    async transitionRun(runId, to, patch = {}, from) {
      const fields = to === 'running' && !patch.startedAt ? { ...patch, startedAt: new Date() } : patch;
      const updated = await transitionRun({ Run, redis }, runId, to, fields as never, from);
      return toRun(updated as Parameters<typeof toRun>[0]);
    },

    async listRuns({ workspaceId, benchmarkId, statuses, page = 1, pageSize = 20 }) {
      const filter = {
        workspaceId: oid(workspaceId),
        ...(benchmarkId ? { benchmarkId: oid(benchmarkId) } : {}),
        ...(statuses ? { status: { $in: statuses } } : {}),
      };
      const [docs, total] = await Promise.all([
        Run.find(filter)
          .sort({ createdAt: -1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .lean(),
        Run.countDocuments(filter),
      ]);
      return { items: docs.map(toRun), total };
    },

    async runsWithStatus(statuses, options = {}) {
      const filter = { status: { $in: statuses }, ...(options.withoutSummary ? { summary: null } : {}) };
      const docs = await Run.find(filter, { summary: 0 }).lean();
      return docs.map(toRun);
    },

    async spendSince(workspaceId, since) {
      const docs = await Run.find(
        { workspaceId: oid(workspaceId), createdAt: { $gte: since } },
        { costUsd: 1, status: 1 },
      ).lean();
      // A completed run's cost was recomputed from its results when it finished. Any other run's
      // recorded cost can lag its results by seconds (or forever, after a crash), and the ledger is
      // rebuilt from this after Redis lost it, so those runs are summed from their results.
      const completed = docs.filter((doc) => doc.status === 'completed');
      const others = docs.filter((doc) => doc.status !== 'completed').map((doc) => doc._id);
      const fromResults =
        others.length === 0
          ? []
          : await Result.aggregate<{ cost: number }>([
              { $match: { runId: { $in: others } } },
              { $group: { _id: null, cost: { $sum: '$costUsd' } } },
            ]);
      return completed.reduce((sum, doc) => sum + (doc.costUsd ?? 0), 0) + (fromResults[0]?.cost ?? 0);
    },

    insertResults: (records) => results.insert(records),

    async hasResult(runId, item) {
      const filter = { runId: oid(runId), caseId: item.caseId, model: item.model, sample: item.sample };
      return (await Result.exists(filter)) !== null;
    },

    async resultKeys(runId) {
      const docs = await Result.find({ runId: oid(runId) }, { caseId: 1, model: 1, sample: 1 }).lean();
      return new Set(docs.map((doc) => workItemKey(doc)));
    },

    resultRows: (runId) => resultRowsOfRun(models, oid(runId)),

    async listResults(runId) {
      const docs = await Result.find({ runId: oid(runId) })
        .sort({ caseId: 1, model: 1, sample: 1 })
        .lean();
      return docs.map(toResult);
    },

    async resultTotals(runId) {
      const docs = await Result.find({ runId: oid(runId) }, { error: 1, cached: 1, costUsd: 1 }).lean();
      const totals = { done: docs.length, errors: 0, cached: 0, costUsd: 0 };
      for (const doc of docs) {
        if (doc.error?.kind) totals.errors += 1;
        if (doc.cached) totals.cached += 1;
        totals.costUsd += doc.costUsd ?? 0;
      }
      return totals;
    },

    async completionHistory(benchmarkId) {
      const runs = await Run.find({ benchmarkId: oid(benchmarkId), status: 'completed' }, { summary: 1 })
        .sort({ createdAt: -1 })
        .limit(5)
        .lean();
      const sums = new Map<string, { tokens: number; n: number }>();
      for (const run of runs) {
        const summary = run.summary as { models?: { model: string; n: number; completionTokens: number }[] } | null;
        for (const model of summary?.models ?? []) {
          const sum = sums.get(model.model) ?? { tokens: 0, n: 0 };
          sum.tokens += model.completionTokens;
          sum.n += model.n;
          sums.set(model.model, sum);
        }
      }
      return Object.fromEntries([...sums].filter(([, s]) => s.n > 0).map(([model, s]) => [model, s.tokens / s.n]));
    },

    async deleteWorkspaceData(workspaceId) {
      const id = oid(workspaceId);
      const runIds = (await Run.find({ workspaceId: id }, { _id: 1 }).lean()).map((run) => run._id);
      const benchmarkIds = (await Benchmark.find({ workspaceId: id }, { _id: 1 }).lean()).map((b) => b._id);
      await Result.deleteMany({ runId: { $in: runIds } });
      await Run.deleteMany({ workspaceId: id });
      await BenchmarkVersion.deleteMany({ benchmarkId: { $in: benchmarkIds } });
      await Benchmark.deleteMany({ workspaceId: id });
      await ResponseCache.deleteMany({ scope: workspaceId });
      await Workspace.deleteOne({ _id: id });
    },

    async purgeOutputsBefore(cutoff) {
      // Results are inserted through the driver, so a never-purged one has no `outputPurgedAt` at all.
      const outcome = await Result.updateMany(
        { createdAt: { $lt: cutoff }, outputPurgedAt: null },
        { $set: { output: '', outputPurgedAt: new Date() } },
      );
      return outcome.modifiedCount;
    },
  };
}
