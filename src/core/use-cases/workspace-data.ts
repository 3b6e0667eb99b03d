import type { Actor } from './actor.ts';
import { ForbiddenError } from './errors.ts';
import type { HubDeps } from './hub-deps.ts';
import { isAdmin, workspaceOf } from './workspace-access.ts';

const UNFINISHED = ['awaiting_confirmation', 'queued', 'running', 'paused_budget'] as const;

/**
 * Deletes every benchmark, version, run and result of the actor's workspace, its spending record
 * and the workspace itself (admins only). Unfinished runs are cancelled first so workers stop calling models for them.
 */
export async function deleteWorkspace(deps: HubDeps, actor: Actor): Promise<void> {
  const workspace = await workspaceOf(deps, actor);
  if (!isAdmin(actor, workspace)) throw new ForbiddenError('delete all data of this workspace');
  for (let page = 1; ; page += 1) {
    const runs = await deps.store.listRuns({
      workspaceId: workspace.id,
      statuses: [...UNFINISHED],
      page,
      pageSize: 100,
    });
    for (const run of runs.items) await deps.queue.cancel(run.id);
    if (page * 100 >= runs.total) break;
  }
  await deps.store.deleteWorkspaceData(workspace.id);
  await deps.ledger.forget(workspace.id);
}
