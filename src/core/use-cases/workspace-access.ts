import type { Actor } from './actor.ts';
import { NotFoundError } from './errors.ts';
import type { HubDeps } from './hub-deps.ts';
import { slugify } from './slug.ts';
import type { BenchmarkRecord, RunRecord, WorkspaceRecord } from './store-ports.ts';

/** The actor's workspace, created on first use. Every query below is scoped by it. */
export function workspaceOf(deps: HubDeps, actor: Actor): Promise<WorkspaceRecord> {
  return deps.store.ensureWorkspace(actor.workspace);
}

export function isAdmin(actor: Actor, workspace: WorkspaceRecord): boolean {
  return actor.platformAdmin || workspace.settings.admins.includes(actor.userId);
}

export async function benchmarkNamed(
  deps: HubDeps,
  workspace: WorkspaceRecord,
  name: string,
): Promise<BenchmarkRecord> {
  const benchmark = await deps.store.findBenchmark(workspace.id, slugify(name));
  if (!benchmark)
    throw new NotFoundError(`Benchmark "${name}"`, 'See `/bench list` for the benchmarks of this workspace.');
  return benchmark;
}

/** A run of the actor's workspace; another workspace's run is reported as not found. */
export async function runOf(deps: HubDeps, workspace: WorkspaceRecord, runId: string): Promise<RunRecord> {
  const run = /^[0-9a-f]{24}$/i.test(runId) ? await deps.store.getRun(runId) : null;
  if (!run || run.workspaceId !== workspace.id) {
    throw new NotFoundError(`Run ${runId}`, 'See `/bench status` for the runs of this workspace.');
  }
  return run;
}
