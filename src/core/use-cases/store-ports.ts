import type { RunEstimate } from '../cost/estimate.ts';
import type { ModelParams, ResolvedDefinition } from '../definition/schema.ts';
import type { WorkItem } from '../run/plan.ts';
import type { RunStatus } from '../run/status.ts';
import type { ResultRow, RunSummary } from '../stats/summary-schema.ts';
import type { ChatRef, WorkspaceRef } from './actor.ts';

export interface WorkspaceSettings {
  monthlyBudgetUsd: number;
  confirmThresholdUsd: number;
  defaultModels: string[];
  admins: string[];
}

export interface WorkspaceRecord extends WorkspaceRef {
  id: string;
  settings: WorkspaceSettings;
}

export interface BenchmarkRecord {
  id: string;
  workspaceId: string;
  slug: string;
  name: string;
  currentVersion: number;
  description: string;
  caseCount: number;
  createdBy: string;
  updatedAt: Date;
}

export interface VersionRecord {
  id: string;
  benchmarkId: string;
  version: number;
  definition: ResolvedDefinition;
  createdBy: string;
  createdAt: Date;
}

/** A version without its definition, for version lists. */
export type VersionSummary = Omit<VersionRecord, 'definition'> & { caseCount: number };

export interface RunRecord {
  id: string;
  workspaceId: string;
  benchmarkId: string;
  benchmarkVersionId: string;
  benchmarkName: string;
  version: number;
  models: string[];
  params: ModelParams;
  samples: number;
  cache: boolean | null;
  status: RunStatus;
  estimate: RunEstimate | null;
  costUsd: number;
  counts: { total: number; done: number; errors: number; cached: number };
  shareId: string;
  shareRevoked: boolean;
  chat: ChatRef | null;
  requestedBy: string;
  simulated: boolean;
  summary: RunSummary | null;
  message: string;
  confirmationExpiresAt: Date | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export type NewRun = Omit<RunRecord, 'id' | 'createdAt' | 'startedAt' | 'finishedAt' | 'summary' | 'shareRevoked'>;

/** One stored answer: the work item, what the model said, and how it scored. */
export interface ResultRecord extends WorkItem {
  runId: string;
  output: string;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  cached: boolean;
  score: number;
  pass: boolean;
  checks: { type: string; score: number; pass: boolean; reason: string; weight: number }[];
  tags: string[];
  error: { kind: string; message: string } | null;
}

/** MongoDB history: workspaces, benchmarks and versions, runs, results. */
export interface HistoryStore {
  ensureWorkspace(ref: WorkspaceRef): Promise<WorkspaceRecord>;
  getWorkspace(id: string): Promise<WorkspaceRecord | null>;
  updateWorkspaceSettings(id: string, patch: Partial<WorkspaceSettings>): Promise<WorkspaceRecord>;

  findBenchmark(workspaceId: string, slug: string): Promise<BenchmarkRecord | null>;
  listBenchmarks(workspaceId: string): Promise<BenchmarkRecord[]>;
  /** Writes the next version (version 1 creates the benchmark); `created` tells which. */
  saveVersion(
    workspaceId: string,
    input: { slug: string; name: string; definition: ResolvedDefinition; hash: string; createdBy: string },
  ): Promise<{ benchmark: BenchmarkRecord; version: VersionRecord; created: boolean }>;
  getVersion(versionId: string): Promise<VersionRecord | null>;
  /** One numbered version of a benchmark (a run needs only the current one, not the whole history). */
  findVersion(benchmarkId: string, version: number): Promise<VersionRecord | null>;
  /** The benchmark's versions, newest first, without their definitions. */
  listVersions(benchmarkId: string): Promise<VersionSummary[]>;
  deleteBenchmark(benchmarkId: string): Promise<void>;

  createRun(run: NewRun): Promise<RunRecord>;
  getRun(runId: string): Promise<RunRecord | null>;
  findRunByShareId(shareId: string): Promise<RunRecord | null>;
  /** Sets fields other than the status. */
  updateRun(runId: string, patch: Partial<Omit<RunRecord, 'id' | 'status'>>): Promise<RunRecord>;
  /**
   * Moves the run to `to` if its current status allows it and is one of `from` (when given), atomic
   * per run; throws IllegalTransitionError otherwise.
   */
  transitionRun(
    runId: string,
    to: RunStatus,
    patch?: Partial<Omit<RunRecord, 'id' | 'status'>>,
    from?: readonly RunStatus[],
  ): Promise<RunRecord>;
  listRuns(query: {
    workspaceId: string;
    benchmarkId?: string;
    statuses?: RunStatus[];
    page?: number;
    pageSize?: number;
  }): Promise<{ items: RunRecord[]; total: number }>;
  /** Runs in these statuses across workspaces (the reconciler). */
  runsWithStatus(statuses: RunStatus[], options?: { withoutSummary?: boolean }): Promise<RunRecord[]>;
  /** What the workspace's runs created since `since` cost, counted from their stored results. */
  spendSince(workspaceId: string, since: Date): Promise<number>;

  /** Inserts results; a result whose work item is already stored is skipped. Returns the ones it stored. */
  insertResults(results: ResultRecord[]): Promise<ResultRecord[]>;
  /** Whether the work item of a run has its result stored. */
  hasResult(runId: string, item: WorkItem): Promise<boolean>;
  /** Keys (`workItemKey`) of the stored results of a run. */
  resultKeys(runId: string): Promise<Set<string>>;
  resultRows(runId: string): Promise<ResultRow[]>;
  /** Every stored result of a run with its output, in case order (exports). */
  listResults(runId: string): Promise<ResultRecord[]>;
  /** Counts and cost of the stored results of a run (the durable truth of progress). */
  resultTotals(runId: string): Promise<{ done: number; errors: number; cached: number; costUsd: number }>;
  /** Mean completion tokens per model on earlier runs of the benchmark, for estimates. */
  completionHistory(benchmarkId: string): Promise<Record<string, number>>;
  deleteWorkspaceData(workspaceId: string): Promise<void>;
  /**
   * Retention: empties the raw output of every result stored before `cutoff` and marks it purged
   * (scores, costs and the runs' summaries stay). Returns how many results were purged now.
   */
  purgeOutputsBefore(cutoff: Date): Promise<number>;
}

/** The work queue (BullMQ). */
export interface RunQueue {
  /**
   * Queues work items. An item still waiting, delayed or active is not queued twice, so re-queueing
   * every item without a result is always safe. Small (interactive) runs go ahead of big batches.
   */
  enqueue(runId: string, items: WorkItem[], options: { interactive: boolean }): Promise<void>;
  /** Tells every worker to abort the run's calls in flight; its items still queued are skipped without a call. */
  cancel(runId: string): Promise<void>;
}

/** The workspaces' monthly spend, reserved before each call and settled after (Redis). */
export interface BudgetLedger {
  spent(workspaceId: string, month: string): Promise<number>;
  /** Forgets every month of a workspace's spending (its data is being deleted). */
  forget(workspaceId: string): Promise<void>;
}
