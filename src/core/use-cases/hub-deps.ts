import type { Catalog } from '../cost/catalog.ts';
import type { EstimateInput, RunEstimate } from '../cost/estimate.ts';
import type { ParsedDefinition } from '../definition/index.ts';
import type { Clock } from '../ports.ts';
import type { TemplateInfo } from '../templates/catalog.ts';
import type { BudgetLedger, HistoryStore, RunQueue } from './store-ports.ts';

/** The benchmark templates shipped in `templates/`. */
export interface TemplateSource {
  list(): TemplateInfo[];
  get(slug: string): ParsedDefinition | undefined;
}

/** What the use cases need from the outside world; built once by the composition root. */
export interface HubDeps {
  store: HistoryStore;
  queue: RunQueue;
  ledger: BudgetLedger;
  templates: TemplateSource;
  /**
   * Estimates a run (core `estimateRun`). Injected so that processes that never estimate, such as
   * workers, do not load the tokenizer's tables (about 100 MB).
   */
  estimate: (input: EstimateInput) => Promise<RunEstimate>;
  /** The current pricing catalog (refreshed in the background). */
  catalog: () => Catalog;
  clock: Clock;
  /** Base URL of report links. */
  publicUrl: string;
  /** A new unguessable share id (≥ 128 random bits). */
  newShareId: () => string;
  /** Content hash of a definition, to tell unchanged edits apart. */
  hash: (text: string) => string;
  /** Models used when neither the command, the benchmark nor the workspace names any. */
  fallbackModels: string[];
  /** Whether a model is served by the built-in simulator (its runs are marked simulated). */
  isSimulated: (model: string) => boolean;
  /** Runs with at most this many calls are interactive and go ahead of big batches. */
  interactiveLimit?: number;
}
