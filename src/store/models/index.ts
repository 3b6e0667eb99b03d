import type { Connection } from 'mongoose';
import { benchmarkModel, benchmarkVersionModel } from './benchmark.ts';
import { responseCacheModel } from './response-cache.ts';
import { resultModel } from './result.ts';
import { runModel } from './run.ts';
import { workspaceModel } from './workspace.ts';

/** Binds every model to one connection and builds their indexes. */
export async function createModels(connection: Connection) {
  const models = {
    Workspace: workspaceModel(connection),
    Benchmark: benchmarkModel(connection),
    BenchmarkVersion: benchmarkVersionModel(connection),
    Run: runModel(connection),
    Result: resultModel(connection),
    ResponseCache: responseCacheModel(connection),
  };
  await Promise.all(Object.values(models).map((model) => model.init()));
  return models;
}

export type Models = Awaited<ReturnType<typeof createModels>>;
