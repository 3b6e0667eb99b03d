import { type Job, UnrecoverableError } from 'bullmq';
import type { Catalog } from '../core/cost/catalog.ts';
import { renderMessages } from '../core/definition/render.ts';
import type { Completion, Logger, ModelGateway, ScriptSandbox } from '../core/ports.ts';
import { formatUsd } from '../core/run/budget.ts';
import { IllegalTransitionError } from '../core/run/status.ts';
import { scoreCase } from '../core/scoring/registry.ts';
import type { HistoryStore, ResultRecord, RunRecord } from '../core/use-cases/store-ports.ts';
import type { RedisBudgetLedger } from './budget-ledger.ts';
import { BudgetDeniedError, budgetedGateway } from './budgeted-gateway.ts';
import type { CallSlots } from './call-slots.ts';
import type { CancellationWatch } from './cancellation.ts';
import type { RunContexts } from './run-contexts.ts';
import { isInteractiveJob, WorkJobSchema } from './work-queue.ts';

export interface ProcessorDeps {
  store: HistoryStore;
  contexts: RunContexts;
  cancellation: CancellationWatch;
  gateway: ModelGateway;
  /** Bounds the model calls this process has in flight. */
  callSlots: CallSlots;
  ledger: RedisBudgetLedger;
  catalog: () => Catalog;
  sandbox?: ScriptSandbox;
  storeResult: (record: ResultRecord) => Promise<void>;
  /** A run ran out of budget (paused), or crossed the alert share of it. */
  onBudget: (run: RunRecord, event: 'paused' | 'alert') => Promise<void>;
  logger: Logger;
  now?: () => Date;
}

/** Transient failures worth another attempt of the job before they are recorded as the result. */
const RETRY_LATER = new Set(['rate_limited', 'server_error', 'timeout', 'network']);

async function ignoreIllegal(transition: Promise<unknown>): Promise<void> {
  try {
    await transition;
  } catch (error) {
    // Another job of the run got there first.
    if (!(error instanceof IllegalTransitionError)) throw error;
  }
}

/** Processes one work item: budget, model call, scoring, and its result handed to the batch writer. */
export function createWorkItemProcessor(deps: ProcessorDeps) {
  const now = deps.now ?? (() => new Date());
  // Every job of a run that starts at once reads it queued. One transition per run and process is
  // enough: 64 of them would queue on the run's lock for seconds. The shared promise outlives the
  // cached context (1 s) so stale readers join it too; the context is not dropped, since its next
  // refresh reads the new status anyway and a drop would reload the whole definition (5,000 cases).
  const starting = new Map<string, Promise<void>>();
  function markRunning(runId: string): Promise<void> {
    let transition = starting.get(runId);
    if (!transition) {
      transition = ignoreIllegal(deps.store.transitionRun(runId, 'running', {}, ['queued'])).finally(() => {
        setTimeout(() => starting.delete(runId), 5000).unref();
      });
      starting.set(runId, transition);
    }
    return transition;
  }

  // Every in-flight job of a run is refused at once when the budget runs out. One pause per run and
  // process: the others queued on the run's lock would land late, after an admin raised the budget
  // and confirmed the run again, and pause the resumed run on the old figure.
  const pausing = new Map<string, Promise<void>>();
  function pause(run: RunRecord, remainingUsd: number): Promise<void> {
    let paused = pausing.get(run.id);
    if (!paused) {
      const message = `Paused: the monthly budget is reached (${formatUsd(remainingUsd)} left). Raise it with \`/bench budget set\`, then confirm the run again.`;
      paused = ignoreIllegal(deps.store.transitionRun(run.id, 'paused_budget', { message }, ['running']))
        .then(() => deps.onBudget({ ...run, status: 'paused_budget', message }, 'paused'))
        .finally(() => {
          deps.contexts.forget(run.id);
          pausing.delete(run.id);
        });
      pausing.set(run.id, paused);
    }
    return paused;
  }

  return async function processWorkItem(job: Job): Promise<void> {
    const parsed = WorkJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`malformed work item: ${parsed.error.message}`);
    const item = parsed.data;
    let context = await deps.contexts.get(item.runId);
    if (context?.run.status === 'paused_budget') {
      // The run may have been confirmed again (which queued this job) after that status was read:
      // only a status read since the job was queued may drop it, or the resumed run loses the item.
      context = await deps.contexts.get(item.runId, { loadedAfter: job.timestamp });
    }
    if (!context) return;
    const { run, definition } = context;
    if (run.status !== 'queued' && run.status !== 'running') return;
    if (await deps.cancellation.isCancelled(run.id)) return;
    if (run.status === 'queued') {
      // Only from queued: this status may be a second old, and the run paused since (which may also
      // become running, but only when confirmed again).
      await markRunning(run.id);
    }
    const testCase = context.cases.get(item.caseId);
    if (!testCase) throw new UnrecoverableError(`case ${item.caseId} is not in run ${run.id}`);
    // A retry may follow an attempt whose result was written before the job failed (progress
    // counters in Redis unreachable): calling again would pay the model twice for one result.
    if (job.attemptsMade > 0 && (await deps.store.hasResult(run.id, item))) return;

    const messages = renderMessages(definition, testCase);
    const signal = deps.cancellation.signalFor(run.id);
    // The job's queue priority says whether the run is small (interactive); its calls, judge calls
    // included, take provider capacity in the same class, or a big batch would still hold every slot.
    const priority = isInteractiveJob(job) ? 'interactive' : 'batch';
    const slotted = budgetedGateway({
      gateway: deps.gateway,
      slots: deps.callSlots,
      ledger: deps.ledger,
      catalog: deps.catalog,
      workspaceId: run.workspaceId,
      monthlyBudgetUsd: context.workspace.settings.monthlyBudgetUsd,
      now,
      onAlert: () => void deps.onBudget(run, 'alert'),
    });
    const gateway: ModelGateway = {
      complete: (request) => slotted.complete({ ...request, priority, cacheScope: run.workspaceId }),
    };
    let completion: Completion;
    let score: Awaited<ReturnType<typeof scoreCase>>;
    try {
      completion = await gateway.complete({
        model: item.model,
        messages,
        params: definition.params,
        signal,
        ...(run.cache === null ? {} : { cache: run.cache }),
        ...(testCase.expected === undefined ? {} : { expected: testCase.expected }),
      });
      if (completion.error?.kind === 'cancelled' || signal.aborted) return;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (completion.error && RETRY_LATER.has(completion.error.kind) && !lastAttempt) {
        throw new Error(`${completion.error.kind}: ${completion.error.message}`);
      }
      score = await scoreCase(
        {
          definition,
          testCase,
          output: completion.output,
          messages,
          ...(completion.error ? { failed: completion.error } : {}),
        },
        { gateway, signal, ...(deps.sandbox ? { sandbox: deps.sandbox } : {}) },
      );
    } catch (error) {
      if (!(error instanceof BudgetDeniedError)) throw error;
      // The run and budget were read up to a second ago. Read them again: a run an admin resumed
      // since (new start) or whose budget was raised tries the item again rather than pause on old figures.
      const fresh = await deps.contexts.get(run.id, { loadedAfter: Date.now() });
      if (!fresh) return;
      const resumed = fresh.run.status === 'queued' || fresh.run.startedAt?.getTime() !== run.startedAt?.getTime();
      const raised = fresh.workspace.settings.monthlyBudgetUsd > context.workspace.settings.monthlyBudgetUsd;
      if (fresh.run.status !== 'queued' && fresh.run.status !== 'running') return;
      if (resumed || raised) return processWorkItem(job);
      return pause(fresh.run, error.remainingUsd);
    }
    if (signal.aborted) return;
    const judgeCost = score.judgeCalls.reduce((sum, call) => sum + call.costUsd, 0);
    await deps.storeResult({
      runId: run.id,
      caseId: item.caseId,
      model: item.model,
      sample: item.sample,
      output: completion.output,
      latencyMs: completion.latencyMs,
      promptTokens: completion.usage.promptTokens,
      completionTokens: completion.usage.completionTokens,
      costUsd: completion.costUsd + judgeCost,
      cached: completion.cached,
      score: score.score,
      pass: score.pass,
      checks: score.checks,
      tags: testCase.tags,
      error: completion.error ? { kind: completion.error.kind, message: completion.error.message } : null,
    });
  };
}
