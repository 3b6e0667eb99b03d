import type { RunEstimate } from '../core/cost/estimate.ts';
import { formatUsd } from '../core/run/budget.ts';
import type { RunView } from '../core/use-cases/hub.ts';

/** A plain text table with aligned columns. */
export function table(columns: string[], rows: string[][]): string {
  const widths = columns.map((column, i) => Math.max(column.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

export function estimateText(estimate: RunEstimate): string {
  const rows = [...estimate.models, ...estimate.judge].map((model) => [
    model.model,
    String(model.calls),
    model.priced ? formatUsd(model.expectedUsd) : 'unknown price',
    model.priced ? formatUsd(model.worstUsd) : '',
  ]);
  const lines = [
    table(['model', 'calls', 'expected', 'worst case'], rows),
    `total: ${formatUsd(estimate.expectedUsd)} expected, ${formatUsd(estimate.worstUsd)} worst case, ${estimate.calls} calls`,
  ];
  if (estimate.unknownModels.length > 0) {
    lines.push(`not priced (missing from the catalog): ${estimate.unknownModels.join(', ')}`);
  }
  return lines.join('\n');
}

export function resultsText(run: RunView): string {
  const summary = run.summary;
  if (!summary) return `run ${run.id}: ${run.status}${run.message ? ` — ${run.message}` : ''}`;
  const byModel = new Map(summary.models.map((model) => [model.model, model]));
  const rows = summary.ranking.flatMap((id) => {
    const model = byModel.get(id);
    if (!model) return [];
    return [
      [
        model.model,
        `${percent(model.passRate)} [${percent(model.passCi.low)}–${percent(model.passCi.high)}]`,
        model.meanScore.toFixed(3),
        formatUsd(model.costUsd),
        model.latencyP50 === null ? '–' : `${Math.round(model.latencyP50)} ms`,
        String(model.errors),
      ],
    ];
  });
  const significant = summary.pairwise.filter((pair) => pair.significant);
  return [
    table(['model', 'pass rate [95% CI]', 'mean score', 'cost', 'p50 latency', 'errors'], rows),
    ...significant.map(
      (pair) =>
        `significant: ${pair.a} vs ${pair.b} (McNemar p=${pair.mcnemarP.toFixed(3)}, ${pair.wins}/${pair.ties}/${pair.losses} W/T/L)`,
    ),
    `${run.simulated ? 'simulated run (demo models) · ' : ''}status ${run.status} · cost ${formatUsd(run.costUsd)} · report ${run.reportUrl}`,
  ].join('\n');
}

/** One line of progress for a terminal, redrawn in place. */
export function progressLine(done: number, total: number, errors: number, costUsd: number): string {
  const width = 30;
  const filled = total > 0 ? Math.round((done / total) * width) : 0;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}  errors ${errors}  ${formatUsd(costUsd)}`;
}
