import type { RunSummary } from '../../stats/summary-schema.ts';
import type { RunView } from '../../use-cases/hub.ts';
import { bold, code, milliseconds, percent, usd } from '../format.ts';
import type { ReplyBlock } from '../reply.ts';
import { type MessageReply, message } from './message.ts';

/** The chart PNG posted with the result card. */
export interface ChartImage {
  filename: string;
  data: Uint8Array;
}

function rankingRows(summary: RunSummary): string[][] {
  const byModel = new Map(summary.models.map((model) => [model.model, model]));
  return summary.ranking.flatMap((id, index) => {
    const m = byModel.get(id);
    if (!m) return [];
    return [
      [
        String(index + 1),
        id,
        `${percent(m.passRate)} [${percent(m.passCi.low)}–${percent(m.passCi.high)}]`,
        m.meanScore.toFixed(2),
        usd(m.costUsd),
        m.latencyP50 === null ? '—' : milliseconds(m.latencyP50),
      ],
    ];
  });
}

function differences(summary: RunSummary): string {
  const significant = summary.pairwise.filter((pair) => pair.significant);
  if (summary.pairwise.length === 0) return 'One model only: nothing to compare.';
  if (significant.length === 0) {
    return 'No significant differences between models (p ≥ 0.05): more cases or samples would tell them apart.';
  }
  return significant
    .slice(0, 6)
    .map((pair) => {
      const [better, worse] = pair.scoreDiff >= 0 ? [pair.a, pair.b] : [pair.b, pair.a];
      const p = Math.min(pair.mcnemarP, pair.bootstrapP);
      return `${bold(better)} beats ${bold(worse)} by ${Math.abs(pair.scoreDiff).toFixed(2)} mean score (p = ${p < 0.001 ? '< 0.001' : p.toFixed(3)})`;
    })
    .join('\n');
}

/**
 * The result card posted in the run's thread: models ranked with pass rate and 95% interval,
 * mean score, cost and p50 latency, the significant differences, the chart, and the buttons
 * Open report, Rerun and Export CSV.
 */
export function runResultReply(run: RunView, chart?: ChartImage): MessageReply {
  const blocks: ReplyBlock[] = [{ type: 'header', text: `Results: ${run.benchmark} v${run.version}` }];
  if (run.simulated) {
    blocks.push({
      type: 'notice',
      text: 'Simulated run: demo models answered, not real ones. Use it to try the workflow.',
    });
  }
  if (run.status !== 'completed') {
    blocks.push({ type: 'error', text: `Run ${run.status}${run.message ? `: ${run.message}` : '.'}` });
  }
  const summary = run.summary;
  if (summary) {
    blocks.push({
      type: 'table',
      columns: ['#', 'model', 'pass rate [95% CI]', 'mean', 'cost', 'p50'],
      rows: rankingRows(summary),
    });
    blocks.push({ type: 'text', text: differences(summary) });
  }
  blocks.push({
    type: 'fields',
    fields: [
      { label: 'Answers', value: `${run.counts.done} / ${run.counts.total}` },
      { label: 'Errors', value: String(run.counts.errors) },
      { label: 'Total cost', value: usd(run.costUsd) },
      { label: 'Run', value: code(run.id) },
    ],
  });
  if (chart) blocks.push({ type: 'image', attachment: chart.filename, alt: `Scores of ${run.benchmark} by model` });
  blocks.push({
    type: 'buttons',
    buttons: [
      { action: 'report.open', label: 'Open report', value: run.id, style: 'primary', url: run.reportUrl },
      { action: 'run.rerun', label: 'Rerun', value: run.id, style: 'default' },
      { action: 'run.export', label: 'Export CSV', value: run.id, style: 'default' },
    ],
  });
  const best = summary?.ranking[0];
  const text = best
    ? `${run.benchmark}: ${best} ranks first. Report: ${run.reportUrl}`
    : `${run.benchmark}: run ${run.status}. Report: ${run.reportUrl}`;
  return {
    ...message(text, blocks, { private: false }),
    ...(chart ? { attachments: [{ filename: chart.filename, contentType: 'image/png', data: chart.data }] } : {}),
  };
}
