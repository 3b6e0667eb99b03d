import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Types } from 'mongoose';
import { createCanvasRenderer } from '../../src/charts/canvas-renderer.ts';
import type { RunStatus } from '../../src/core/run/status.ts';
import { summarizeRun } from '../../src/core/stats/summary.ts';
import { buildHttpApp, type HttpApp } from '../../src/http/app.ts';
import type { RateLimitOptions } from '../../src/http/rate-limit.ts';
import { createRedisProgressBus } from '../../src/jobs/progress-bus.ts';
import { createLogger } from '../../src/logger.ts';
import { createModels, type Models } from '../../src/store/models/index.ts';
import { resultRowsOfRun, type SharedRun } from '../../src/store/report-queries.ts';

/** A report app on a real database and Redis, listening on 127.0.0.1 at a free port. */
export interface ReportApp {
  app: HttpApp;
  models: Models;
  bus: ReturnType<typeof createRedisProgressBus>;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startReportApp(options: {
  connection: Parameters<typeof createModels>[0];
  openRedis: () => Redis;
  rateLimit?: RateLimitOptions;
  listen?: boolean;
}): Promise<ReportApp> {
  const models = await createModels(options.connection);
  const publisher = options.openRedis();
  const bus = createRedisProgressBus(publisher, options.openRedis);
  const app = await buildHttpApp({
    logger: createLogger({ level: 'silent', pretty: false, secrets: [] }),
    readiness: {},
    report: {
      models,
      progressBus: bus,
      renderer: createCanvasRenderer(),
      publicUrl: 'http://reports.example',
      rateLimit: options.rateLimit ?? { capacity: 10_000, refillPerSecond: 1000 },
    },
  });
  const baseUrl = options.listen === false ? '' : await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    models,
    bus,
    baseUrl,
    async close() {
      await app.close();
      await bus.close();
      await publisher.quit();
    },
  };
}

/** A share id like the real ones: 128 random bits, base64url. */
export function newShareId(): string {
  return randomBytes(16).toString('base64url');
}

export interface SeedOptions {
  models?: string[];
  cases?: number;
  status?: RunStatus;
  /** Results to insert now (default: every case × model); a running run may have fewer. */
  results?: number;
  simulated?: boolean;
  shareRevoked?: boolean;
  shareExpiresAt?: Date | null;
  /** Output of a result; default: a deterministic answer that passes two times out of three. */
  output?: (caseIndex: number, model: string) => { output: string; pass: boolean };
  /** Store the run's summary (as the engine does when a run ends); default: when completed. */
  withSummary?: boolean;
  benchmarkName?: string;
  /** Add the run to this earlier run's benchmark and version instead of a new one. */
  sameBenchmarkAs?: { workspaceId: Types.ObjectId; benchmarkId: Types.ObjectId; benchmarkVersionId: Types.ObjectId };
}

export function resultDoc(runId: unknown, caseIndex: number, model: string, modelIndex: number, seed: SeedOptions) {
  const fallback = () => {
    const pass = (caseIndex + modelIndex) % 3 !== 0;
    return { output: `answer ${caseIndex} from ${model}: ${pass ? 'right' : 'wrong'}`, pass };
  };
  const { output, pass } = (seed.output ?? fallback)(caseIndex, model);
  return {
    runId,
    caseId: `case-${String(caseIndex + 1).padStart(5, '0')}`,
    model,
    sample: 0,
    output,
    pass,
    score: pass ? 1 : 0.25,
    latencyMs: 300 + ((caseIndex * 37 + modelIndex * 500) % 900),
    promptTokens: 40,
    completionTokens: 12,
    costUsd: 0.0001 * (modelIndex + 1),
    cached: false,
    tags: [caseIndex % 2 === 0 ? 'even' : 'odd', caseIndex % 5 === 0 ? 'fives' : 'rest'],
    checks: [
      { type: 'equals', score: pass ? 1 : 0, pass, reason: pass ? 'matches' : 'differs from expected', weight: 1 },
    ],
    error: null,
  };
}

/**
 * Results `from` to `to` (exclusive) of a run in the order a run stores them: each case's answers
 * from every model, case after case.
 */
export function resultDocs(
  runId: unknown,
  runModels: readonly string[],
  from: number,
  to: number,
  seed: SeedOptions = {},
) {
  const docs = [];
  for (let i = from; i < to; i++) {
    const modelIndex = i % runModels.length;
    docs.push(resultDoc(runId, Math.floor(i / runModels.length), runModels[modelIndex] as string, modelIndex, seed));
  }
  return docs;
}

async function newBenchmark(models: Models, name: string, cases: object[]) {
  const workspace = await models.Workspace.create({ platform: 'local', externalId: randomBytes(6).toString('hex') });
  const benchmark = await models.Benchmark.create({
    workspaceId: workspace._id,
    slug: `bench-${randomBytes(4).toString('hex')}`,
    name,
    currentVersion: 1,
  });
  const version = await models.BenchmarkVersion.create({
    benchmarkId: benchmark._id,
    version: 1,
    definition: { name, prompt: '{{input}}', cases },
    definitionHash: randomBytes(8).toString('hex'),
  });
  return { workspaceId: workspace._id, benchmarkId: benchmark._id, benchmarkVersionId: version._id };
}

/** Inserts a workspace, benchmark, version, run and results through the models. */
export async function seedRun(models: Models, seed: SeedOptions = {}) {
  const runModels = seed.models ?? ['demo:fast', 'openrouter:anthropic/claude-sonnet-4.5-extended-thinking-preview'];
  const caseCount = seed.cases ?? 120;
  const status = seed.status ?? 'completed';
  const cases = Array.from({ length: caseCount }, (_, i) => ({
    id: `case-${String(i + 1).padStart(5, '0')}`,
    input: `What is ${i} + ${i}?`,
    expected: String(2 * i),
    tags: [i % 2 === 0 ? 'even' : 'odd', i % 5 === 0 ? 'fives' : 'rest'],
  }));
  const owner = seed.sameBenchmarkAs ?? (await newBenchmark(models, seed.benchmarkName ?? 'Arithmetic', cases));
  const shareId = newShareId();
  const total = caseCount * runModels.length;
  const run = await models.Run.create({
    workspaceId: owner.workspaceId,
    benchmarkId: owner.benchmarkId,
    benchmarkVersionId: owner.benchmarkVersionId,
    benchmarkName: seed.benchmarkName ?? 'Arithmetic',
    version: 1,
    models: runModels,
    params: { temperature: 0, max_tokens: 256 },
    status,
    shareId,
    shareRevoked: seed.shareRevoked ?? false,
    shareExpiresAt: seed.shareExpiresAt ?? null,
    simulated: seed.simulated ?? false,
    counts: { total, done: 0, errors: 0, cached: 0 },
  });
  const count = Math.min(seed.results ?? total, total);
  const docs = resultDocs(run._id, runModels, 0, count, seed);
  for (let i = 0; i < docs.length; i += 1000) await models.Result.insertMany(docs.slice(i, i + 1000));
  const patch: Record<string, unknown> = { 'counts.done': count, costUsd: docs.reduce((sum, d) => sum + d.costUsd, 0) };
  if (seed.withSummary ?? status === 'completed') {
    const shared = run.toObject() as unknown as SharedRun;
    patch.summary = summarizeRun({ models: runModels, samples: 1, results: await resultRowsOfRun(models, shared._id) });
    patch.finishedAt = new Date();
  }
  await models.Run.updateOne({ _id: run._id }, { $set: patch });
  return { run, shareId, runId: String(run._id), cases, total, owner };
}

/** Ends a running run as the engine does: completed, with the counts and summary of its stored results. */
export async function completeRun(models: Models, runId: Types.ObjectId, runModels: string[]) {
  const results = await resultRowsOfRun(models, runId);
  const summary = summarizeRun({ models: runModels, samples: 1, results });
  await models.Run.updateOne(
    { _id: runId },
    { $set: { status: 'completed', 'counts.done': results.length, summary, finishedAt: new Date() } },
  );
  return summary;
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const buffer = Buffer.from(bytes);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!buffer.subarray(0, 8).equals(signature)) throw new Error('not a PNG: bad signature');
  if (buffer.subarray(12, 16).toString('ascii') !== 'IHDR') throw new Error('not a PNG: no IHDR chunk first');
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}
