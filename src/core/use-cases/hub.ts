import { z } from 'zod';
import type { RunEstimate } from '../cost/estimate.ts';
import type { DefinitionFormat, ImportReport } from '../definition/index.ts';
import type { ModelParams, ResolvedDefinition } from '../definition/schema.ts';
import type { RunStatus } from '../run/status.ts';
import type { RunSummary } from '../stats/summary-schema.ts';
import type { TemplateInfo } from '../templates/catalog.ts';
import type { Actor, ChatRef } from './actor.ts';

/**
 * The use cases every surface calls (Slack, Discord, CLI, report pages). Implemented once in
 * `create-hub.ts` over the ports; surfaces never touch storage, queues or models directly.
 * Every method throws `AppError` (or `InputError`) with a user-facing message on refusal.
 */
export interface BenchmarkHub {
  /** Creates a benchmark, or a new version when one of that name exists. */
  saveBenchmark(actor: Actor, input: SaveBenchmarkInput): Promise<SavedBenchmark>;
  listBenchmarks(actor: Actor): Promise<BenchmarkListItem[]>;
  showBenchmark(actor: Actor, name: string): Promise<BenchmarkDetail>;
  deleteBenchmark(actor: Actor, name: string): Promise<void>;
  listTemplates(): Promise<TemplateInfo[]>;
  forkTemplate(actor: Actor, template: string, asName?: string): Promise<SavedBenchmark>;
  /** Models of the pricing catalog matching `query` (all when empty), for pickers and autocomplete. */
  searchModels(query: string, limit?: number): Promise<ModelInfo[]>;

  /** Estimates a run; starts it at once when below the workspace threshold, else waits for `confirmRun`. */
  requestRun(actor: Actor, input: RunRequest): Promise<RunRequested>;
  confirmRun(actor: Actor, runId: string): Promise<RunView>;
  cancelRun(actor: Actor, runId: string): Promise<RunView>;
  rerun(actor: Actor, runId: string, chat?: ChatRef): Promise<RunRequested>;
  getRun(actor: Actor, runId: string): Promise<RunView>;
  /** Runs of the workspace that are waiting, queued, running or paused. */
  activeRuns(actor: Actor): Promise<RunView[]>;
  history(actor: Actor, name: string, page?: number): Promise<Page<RunView>>;
  compareRuns(actor: Actor, runA: string, runB: string): Promise<RunComparison>;
  leaderboard(actor: Actor): Promise<Leaderboard>;
  exportRun(actor: Actor, runId: string, format: ExportFormat): Promise<ExportFile>;
  /** Remembers the chat message that shows a run's progress. */
  attachChat(actor: Actor, runId: string, chat: ChatRef): Promise<void>;
  revokeShare(actor: Actor, runId: string): Promise<RunView>;

  getBudget(actor: Actor): Promise<BudgetView>;
  /** Admins only. */
  setBudget(actor: Actor, monthlyUsd: number): Promise<BudgetView>;
  /** Admins only. */
  setThreshold(actor: Actor, usd: number): Promise<BudgetView>;
  /** Admins only: the models a run uses when neither the command nor the benchmark names any. */
  setDefaultModels(actor: Actor, models: string[]): Promise<BudgetView>;
  /** Admins only: deletes all data of the workspace (benchmarks, versions, runs, results), on request. */
  deleteWorkspace(actor: Actor): Promise<void>;
}

export interface SaveBenchmarkInput {
  /** Definition text in any supported format (YAML, JSON, CSV/TSV, quick lines, promptfoo). */
  text: string;
  format?: DefinitionFormat;
  /** Name for formats that carry none; overrides the document's name when given. */
  name?: string;
  /** Form fields that override the document (chat builders). */
  overrides?: {
    description?: string;
    system?: string;
    models?: string[];
    params?: ModelParams;
    /** A default scorer type applied when the definition has no assertions. */
    scorer?: string;
  };
}

export interface SavedBenchmark {
  benchmark: BenchmarkListItem;
  version: number;
  created: boolean;
  report: ImportReport;
}

export const ExportFormatSchema = z.enum(['csv', 'json', 'jsonl']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export interface ExportFile {
  filename: string;
  contentType: string;
  body: string;
}

export interface BenchmarkListItem {
  name: string;
  slug: string;
  version: number;
  caseCount: number;
  description: string;
  updatedAt: Date;
  lastRun?: { id: string; status: RunStatus; at: Date };
}

export interface BenchmarkDetail {
  benchmark: BenchmarkListItem;
  definition: ResolvedDefinition;
  versions: { version: number; createdAt: Date; createdBy: string; caseCount: number }[];
  runs: RunView[];
}

export interface ModelInfo {
  id: string;
  name: string;
  contextLength: number | null;
  /** USD per million tokens; null when the catalog has no price. */
  promptPerMillion: number | null;
  completionPerMillion: number | null;
}

export interface RunRequest {
  benchmark: string;
  /** Overrides the benchmark's models (and the workspace defaults). */
  models?: string[];
  samples?: number;
  /** Response cache on/off; default on when temperature is 0. */
  cache?: boolean;
  chat?: ChatRef;
}

export interface RunRequested {
  run: RunView;
  estimate: RunEstimate;
  budget: BudgetView;
  /** True when the run waits for `confirmRun` (above the threshold); false when it was queued. */
  needsConfirmation: boolean;
}

export interface RunView {
  id: string;
  shareId: string;
  reportUrl: string;
  benchmark: string;
  version: number;
  status: RunStatus;
  models: string[];
  samples: number;
  counts: { total: number; done: number; errors: number; cached: number };
  costUsd: number;
  estimate: RunEstimate | null;
  summary: RunSummary | null;
  simulated: boolean;
  message: string;
  requestedBy: string;
  chat: ChatRef | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  confirmationExpiresAt: Date | null;
}

export interface Page<T> {
  items: T[];
  page: number;
  pages: number;
  total: number;
}

export interface RunComparison {
  a: RunView;
  b: RunView;
  /** Per model present in both runs: pass rates and how many cases flipped. */
  models: { model: string; passRateA: number; passRateB: number; fixed: number; broken: number; same: number }[];
  /** Cases whose result changed, first 50. */
  changed: { caseId: string; model: string; passA: boolean; passB: boolean; scoreA: number; scoreB: number }[];
}

export interface Leaderboard {
  ratings: { model: string; rating: number; low: number; high: number; runs: number }[];
  benchmarks: number;
}

export interface BudgetView {
  month: string;
  monthlyBudgetUsd: number;
  spentUsd: number;
  remainingUsd: number;
  confirmThresholdUsd: number;
  defaultModels: string[];
  isAdmin: boolean;
}
