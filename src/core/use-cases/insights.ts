import { buildLeaderboard } from '../stats/leaderboard.ts';
import type { Actor } from './actor.ts';
import { compareResults } from './compare-runs.ts';
import { exportResults } from './export-results.ts';
import type { ExportFile, ExportFormat, Leaderboard, RunComparison } from './hub.ts';
import type { HubDeps } from './hub-deps.ts';
import { toRunView } from './views.ts';
import { runOf, workspaceOf } from './workspace-access.ts';

/** How many finished runs feed the workspace leaderboard (the most recent ones). */
const LEADERBOARD_RUNS = 50;

export async function compareRuns(deps: HubDeps, actor: Actor, runA: string, runB: string): Promise<RunComparison> {
  const workspace = await workspaceOf(deps, actor);
  const [a, b] = await Promise.all([runOf(deps, workspace, runA), runOf(deps, workspace, runB)]);
  const [rowsA, rowsB] = await Promise.all([deps.store.resultRows(a.id), deps.store.resultRows(b.id)]);
  return {
    a: toRunView(a, deps.publicUrl),
    b: toRunView(b, deps.publicUrl),
    ...compareResults(rowsA, rowsB, a.models, b.models),
  };
}

export async function leaderboard(deps: HubDeps, actor: Actor): Promise<Leaderboard> {
  const workspace = await workspaceOf(deps, actor);
  const { items } = await deps.store.listRuns({
    workspaceId: workspace.id,
    statuses: ['completed'],
    pageSize: LEADERBOARD_RUNS,
  });
  const runs = await Promise.all(
    items.map(async (run) => ({ models: run.models, perCase: await deps.store.resultRows(run.id) })),
  );
  const { ratings } = buildLeaderboard(runs.filter((run) => run.models.length > 1));
  return { ratings, benchmarks: new Set(items.map((run) => run.benchmarkId)).size };
}

export async function exportRun(deps: HubDeps, actor: Actor, runId: string, format: ExportFormat): Promise<ExportFile> {
  const workspace = await workspaceOf(deps, actor);
  const run = await runOf(deps, workspace, runId);
  const version = await deps.store.getVersion(run.benchmarkVersionId);
  const expected = new Map(version?.definition.cases.map((testCase) => [testCase.id, testCase.expected ?? '']));
  return exportResults(run, await deps.store.listResults(run.id), format, (caseId) => expected.get(caseId) ?? '');
}
