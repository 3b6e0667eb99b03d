import type { ResolvedCase, ResolvedDefinition } from '../core/definition/schema.ts';
import type { HistoryStore, RunRecord, WorkspaceRecord } from '../core/use-cases/store-ports.ts';

/** What a worker needs to process the items of one run, loaded once per run and process. */
export interface RunContext {
  run: RunRecord;
  definition: ResolvedDefinition;
  cases: Map<string, ResolvedCase>;
  workspace: WorkspaceRecord;
  loadedAt: number;
}

/** How long a cached run (its status, the workspace budget) is trusted before it is read again. */
const FRESH_MS = 1000;

/** Caches run contexts; concurrent jobs of one run share one load. */
export function createRunContexts(store: HistoryStore, now: () => number = Date.now) {
  const contexts = new Map<string, Promise<RunContext | null>>();

  async function load(runId: string, previous?: RunContext): Promise<RunContext | null> {
    // Stamped before the reads: the context is as fresh as its oldest read, not its last.
    const loadedAt = now();
    const run = await store.getRun(runId);
    if (!run) return null;
    const sameVersion = previous?.run.benchmarkVersionId === run.benchmarkVersionId;
    const [workspace, version] = await Promise.all([
      store.getWorkspace(run.workspaceId),
      sameVersion ? null : store.getVersion(run.benchmarkVersionId),
    ]);
    if (!workspace) return null;
    if (previous && sameVersion) return { ...previous, run, workspace, loadedAt };
    if (!version) return null;
    const cases = new Map(version.definition.cases.map((testCase) => [testCase.id, testCase]));
    return { run, definition: version.definition, cases, workspace, loadedAt };
  }

  return {
    /** The run's context; `loadedAfter` (ms) refuses a cached one read before that moment. */
    async get(runId: string, options: { loadedAfter?: number } = {}): Promise<RunContext | null> {
      const cached = contexts.get(runId);
      const context = cached ? await cached : undefined;
      const fresh = context && now() - context.loadedAt < FRESH_MS && context.loadedAt >= (options.loadedAfter ?? 0);
      if (context && fresh) return context;
      const next = load(runId, context ?? undefined);
      contexts.set(runId, next);
      next.catch(() => contexts.delete(runId));
      return next;
    },
    forget(runId: string) {
      contexts.delete(runId);
    },
  };
}
export type RunContexts = ReturnType<typeof createRunContexts>;
