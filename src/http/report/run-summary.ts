import { isTerminal, type RunStatus } from '../../core/run/status.ts';
import { type RunSummary, RunSummarySchema, summarizeRun } from '../../core/stats/summary.ts';
import type { Models } from '../../store/models/index.ts';
import { resultRowsOfRun, type SharedRun } from '../../store/report-queries.ts';

/**
 * The statistics a report shows: the stored summary of a finished run, or, while the run is
 * going (or when an old summary no longer matches the schema), a summary of the results so far.
 */
export async function summaryOfRun(models: Models, run: SharedRun): Promise<RunSummary> {
  if (run.summary && isTerminal(run.status as RunStatus)) {
    const stored = RunSummarySchema.safeParse(run.summary);
    if (stored.success) return stored.data;
  }
  const results = await resultRowsOfRun(models, run._id);
  return summarizeRun({ models: run.models, samples: run.samples ?? 1, results });
}
