import { ModelRefSchema } from '../definition/schema.ts';
import { InputError } from '../errors.ts';
import { budgetMonth } from '../run/budget.ts';
import type { Actor } from './actor.ts';
import { ForbiddenError } from './errors.ts';
import type { BudgetView } from './hub.ts';
import type { HubDeps } from './hub-deps.ts';
import type { WorkspaceRecord, WorkspaceSettings } from './store-ports.ts';
import { isAdmin, workspaceOf } from './workspace-access.ts';

export async function budgetView(deps: HubDeps, actor: Actor, workspace: WorkspaceRecord): Promise<BudgetView> {
  const month = budgetMonth(deps.clock.now());
  const spentUsd = await deps.ledger.spent(workspace.id, month);
  return {
    month,
    monthlyBudgetUsd: workspace.settings.monthlyBudgetUsd,
    spentUsd,
    remainingUsd: Math.max(0, workspace.settings.monthlyBudgetUsd - spentUsd),
    confirmThresholdUsd: workspace.settings.confirmThresholdUsd,
    defaultModels: workspace.settings.defaultModels,
    isAdmin: isAdmin(actor, workspace),
  };
}

export async function getBudget(deps: HubDeps, actor: Actor): Promise<BudgetView> {
  return budgetView(deps, actor, await workspaceOf(deps, actor));
}

async function updateSettings(
  deps: HubDeps,
  actor: Actor,
  action: string,
  patch: Partial<WorkspaceSettings>,
): Promise<BudgetView> {
  const workspace = await workspaceOf(deps, actor);
  if (!isAdmin(actor, workspace)) throw new ForbiddenError(action);
  return budgetView(deps, actor, await deps.store.updateWorkspaceSettings(workspace.id, patch));
}

function checkUsd(usd: number, field: string): void {
  if (!Number.isFinite(usd) || usd < 0 || usd > 1_000_000) {
    throw new InputError([{ path: field, message: 'must be an amount in dollars between 0 and 1,000,000' }]);
  }
}

export function setBudget(deps: HubDeps, actor: Actor, monthlyUsd: number): Promise<BudgetView> {
  checkUsd(monthlyUsd, 'budget');
  return updateSettings(deps, actor, 'change the budget', { monthlyBudgetUsd: monthlyUsd });
}

export function setThreshold(deps: HubDeps, actor: Actor, usd: number): Promise<BudgetView> {
  checkUsd(usd, 'threshold');
  return updateSettings(deps, actor, 'change the confirmation threshold', { confirmThresholdUsd: usd });
}

export function setDefaultModels(deps: HubDeps, actor: Actor, models: string[]): Promise<BudgetView> {
  const issues = models.flatMap((model, index) =>
    ModelRefSchema.safeParse(model).success
      ? []
      : [{ path: `models.${index}`, message: `"${model}" is not a model id` }],
  );
  if (issues.length > 0) throw new InputError(issues);
  return updateSettings(deps, actor, 'change the default models', { defaultModels: models });
}
