import { renderMessages } from '../definition/render.ts';
import { ModelRefSchema, type ResolvedDefinition } from '../definition/schema.ts';
import { AppError, InputError } from '../errors.ts';
import { CONFIRMATION_TTL_MS, formatUsd } from '../run/budget.ts';
import { planWorkItems } from '../run/plan.ts';
import type { Actor, ChatRef } from './actor.ts';
import { budgetView } from './budget.ts';
import { BudgetError, ForbiddenError, NotFoundError } from './errors.ts';
import type { Page, RunRequest, RunRequested, RunView } from './hub.ts';
import type { HubDeps } from './hub-deps.ts';
import type { RunRecord, WorkspaceRecord } from './store-ports.ts';
import { toRunView } from './views.ts';
import { benchmarkNamed, isAdmin, runOf, workspaceOf } from './workspace-access.ts';

const ACTIVE = ['awaiting_confirmation', 'queued', 'running', 'paused_budget'] as const;

function chooseModels(request: RunRequest, definition: ResolvedDefinition, workspace: WorkspaceRecord, deps: HubDeps) {
  const candidates = [request.models, definition.models, workspace.settings.defaultModels, deps.fallbackModels];
  const models = [...new Set(candidates.find((list) => list && list.length > 0) ?? [])];
  if (models.length === 0) {
    throw new InputError([{ path: 'models', message: 'no models: name some in the command or the benchmark' }]);
  }
  const issues = models.flatMap((model, index) =>
    ModelRefSchema.safeParse(model).success
      ? []
      : [{ path: `models.${index}`, message: `"${model}" is not a model id` }],
  );
  if (issues.length > 0) throw new InputError(issues);
  return models;
}

/** Queues every work item of a run that has none stored yet. */
async function enqueueMissing(
  deps: HubDeps,
  run: RunRecord,
  definition: ResolvedDefinition,
  { fresh }: { fresh: boolean },
): Promise<void> {
  const plan = planWorkItems(definition, run.models, run.samples);
  // A run that never started has no results to skip (reading them back is a scan of every result).
  const done = fresh ? new Set<string>() : await deps.store.resultKeys(run.id);
  const missing = plan.filter((item) => !done.has(`${item.caseId}|${item.model}|${item.sample}`));
  await deps.queue.enqueue(run.id, missing, { interactive: plan.length <= (deps.interactiveLimit ?? 200) });
}

async function definitionOf(deps: HubDeps, run: RunRecord): Promise<ResolvedDefinition> {
  const version = await deps.store.getVersion(run.benchmarkVersionId);
  if (!version) throw new NotFoundError(`The benchmark version of run ${run.id}`);
  return version.definition;
}

/** Queues a run's missing items; `definition` is the run's own when the caller already read it. */
async function start(deps: HubDeps, run: RunRecord, definition?: ResolvedDefinition): Promise<RunRecord> {
  const queued = await deps.store.transitionRun(run.id, 'queued', { confirmationExpiresAt: null });
  await enqueueMissing(deps, queued, definition ?? (await definitionOf(deps, queued)), {
    fresh: run.status === 'awaiting_confirmation',
  });
  return queued;
}

export async function requestRun(deps: HubDeps, actor: Actor, request: RunRequest): Promise<RunRequested> {
  const workspace = await workspaceOf(deps, actor);
  const benchmark = await benchmarkNamed(deps, workspace, request.benchmark);
  const version = await deps.store.findVersion(benchmark.id, benchmark.currentVersion);
  if (!version) throw new NotFoundError(`Version ${benchmark.currentVersion} of "${benchmark.name}"`);
  const definition = version.definition;
  const models = chooseModels(request, definition, workspace, deps);
  const samples = request.samples ?? definition.samples;
  const estimate = await deps.estimate({
    definition,
    models,
    samples,
    catalog: deps.catalog(),
    completionHistory: await deps.store.completionHistory(benchmark.id),
    renderMessages: (testCase) => renderMessages(definition, testCase),
  });
  const budget = await budgetView(deps, actor, workspace);
  if (budget.remainingUsd <= 0 || estimate.expectedUsd > budget.remainingUsd) {
    throw new BudgetError(
      `This run is expected to cost ${formatUsd(estimate.expectedUsd)} but only ${formatUsd(budget.remainingUsd)} of this month's ${formatUsd(budget.monthlyBudgetUsd)} budget is left.`,
    );
  }
  const needsConfirmation =
    estimate.worstUsd >= workspace.settings.confirmThresholdUsd || estimate.unknownModels.length > 0;
  const now = deps.clock.now();
  const run = await deps.store.createRun({
    workspaceId: workspace.id,
    benchmarkId: benchmark.id,
    benchmarkVersionId: version.id,
    benchmarkName: benchmark.name,
    version: version.version,
    models,
    params: definition.params,
    samples,
    cache: request.cache ?? null,
    status: 'awaiting_confirmation',
    estimate,
    costUsd: 0,
    counts: { total: definition.cases.length * models.length * samples, done: 0, errors: 0, cached: 0 },
    shareId: deps.newShareId(),
    chat: request.chat ?? null,
    requestedBy: actor.userId,
    simulated: models.every(deps.isSimulated),
    message: '',
    confirmationExpiresAt: needsConfirmation ? new Date(now.getTime() + CONFIRMATION_TTL_MS) : null,
  });
  const current = needsConfirmation ? run : await start(deps, run, definition);
  return { run: toRunView(current, deps.publicUrl), estimate, budget, needsConfirmation };
}

export async function confirmRun(deps: HubDeps, actor: Actor, runId: string): Promise<RunView> {
  const workspace = await workspaceOf(deps, actor);
  const run = await runOf(deps, workspace, runId);
  if (run.requestedBy !== actor.userId && !isAdmin(actor, workspace)) {
    throw new ForbiddenError('confirm a run somebody else requested');
  }
  if (run.status === 'paused_budget') return toRunView(await start(deps, run), deps.publicUrl);
  if (run.status !== 'awaiting_confirmation') {
    throw new AppError(
      'not_awaiting_confirmation',
      `Run ${run.id} is ${run.status.replace('_', ' ')}; nothing to confirm.`,
    );
  }
  if (run.confirmationExpiresAt && run.confirmationExpiresAt.getTime() < deps.clock.now().getTime()) {
    await deps.store.transitionRun(run.id, 'expired', { message: 'The confirmation expired.' });
    throw new AppError('confirmation_expired', 'This estimate expired; run the benchmark again for a fresh one.');
  }
  return toRunView(await start(deps, run), deps.publicUrl);
}

export async function cancelRun(deps: HubDeps, actor: Actor, runId: string): Promise<RunView> {
  const workspace = await workspaceOf(deps, actor);
  const run = await runOf(deps, workspace, runId);
  if (!(ACTIVE as readonly string[]).includes(run.status)) {
    throw new AppError('not_active', `Run ${run.id} is already ${run.status}.`);
  }
  const cancelled = await deps.store.transitionRun(run.id, 'cancelled', {
    message: `Cancelled by ${actor.userName || actor.userId}.`,
    finishedAt: deps.clock.now(),
  });
  await deps.queue.cancel(run.id);
  return toRunView(cancelled, deps.publicUrl);
}

export async function rerun(deps: HubDeps, actor: Actor, runId: string, chat?: ChatRef): Promise<RunRequested> {
  const workspace = await workspaceOf(deps, actor);
  const run = await runOf(deps, workspace, runId);
  return requestRun(deps, actor, {
    benchmark: run.benchmarkName,
    models: run.models,
    samples: run.samples,
    ...(run.cache === null ? {} : { cache: run.cache }),
    ...(chat ? { chat } : run.chat ? { chat: run.chat } : {}),
  });
}

export async function getRun(deps: HubDeps, actor: Actor, runId: string): Promise<RunView> {
  const workspace = await workspaceOf(deps, actor);
  return toRunView(await runOf(deps, workspace, runId), deps.publicUrl);
}

export async function activeRuns(deps: HubDeps, actor: Actor): Promise<RunView[]> {
  const workspace = await workspaceOf(deps, actor);
  const runs = await deps.store.listRuns({ workspaceId: workspace.id, statuses: [...ACTIVE], pageSize: 20 });
  return runs.items.map((run) => toRunView(run, deps.publicUrl));
}

export async function history(deps: HubDeps, actor: Actor, name: string, page = 1): Promise<Page<RunView>> {
  const workspace = await workspaceOf(deps, actor);
  const benchmark = await benchmarkNamed(deps, workspace, name);
  const pageSize = 10;
  const runs = await deps.store.listRuns({ workspaceId: workspace.id, benchmarkId: benchmark.id, page, pageSize });
  return {
    items: runs.items.map((run) => toRunView(run, deps.publicUrl)),
    page,
    pages: Math.max(1, Math.ceil(runs.total / pageSize)),
    total: runs.total,
  };
}

export async function attachChat(deps: HubDeps, actor: Actor, runId: string, chat: ChatRef): Promise<void> {
  const workspace = await workspaceOf(deps, actor);
  const run = await runOf(deps, workspace, runId);
  await deps.store.updateRun(run.id, { chat });
}

export async function revokeShare(deps: HubDeps, actor: Actor, runId: string): Promise<RunView> {
  const workspace = await workspaceOf(deps, actor);
  const run = await runOf(deps, workspace, runId);
  const updated = await deps.store.updateRun(run.id, { shareRevoked: true });
  return toRunView(updated, deps.publicUrl);
}
