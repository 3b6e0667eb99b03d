import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { ModelSummary, RunSummary } from '../core/stats/summary.ts';
import { seriesColour, seriesPointStyle, shortLabel, withAlpha } from './style.ts';

/**
 * Chart.js configurations built from run statistics. They are plain JSON (no functions), so the
 * same object renders in our canvas renderer, in the report page and on a hosted QuickChart.
 * Each model is its own dataset: the legend and tooltips carry the full model id while axis
 * labels are shortened, and colours stay the same for a model across every chart of a run.
 */

/** One model's pass rate in one earlier run, for the run-over-run history. */
export interface HistoryPoint {
  /** What the x axis shows for the run, e.g. `v3 · 12-01`; points sharing a label share a column. */
  label: string;
  model: string;
  /** 0..1 */
  passRate: number;
}

const percent = (value: number) => Math.round(value * 1000) / 10;

function title(text: string) {
  return { display: true, text, font: { size: 16, weight: 'bold' as const } };
}

/** Models in ranking order (best first), keeping each model's colour index from the run's order. */
function ranked(summary: RunSummary): { stats: ModelSummary; colour: number }[] {
  const order = summary.ranking.length > 0 ? summary.ranking : summary.models.map((m) => m.model);
  return order.flatMap((model) => {
    const colour = summary.models.findIndex((m) => m.model === model);
    const stats = summary.models[colour];
    return stats ? [{ stats, colour }] : [];
  });
}

/** A bar per model at its own column; `grouped: false` lets each use the full column width. */
function columnData<T>(count: number, index: number, value: T): (T | null)[] {
  return Array.from({ length: count }, (_, i) => (i === index ? value : null));
}

/** Pass rate per model with its Wilson 95% interval drawn as a thin floating bar on top. */
export function scoresChart(summary: RunSummary, heading = 'Pass rate by model'): ChartConfiguration<'bar'> {
  const rows = ranked(summary);
  const bars: ChartDataset<'bar', (number | [number, number] | null)[]>[] = rows.map(({ stats, colour }, i) => ({
    label: stats.model,
    data: columnData(rows.length, i, percent(stats.passRate)),
    backgroundColor: seriesColour(colour),
    grouped: false,
    order: 1,
  }));
  bars.push({
    label: '95% confidence interval',
    data: rows.map(({ stats }) => [percent(stats.passCi.low), percent(stats.passCi.high)] as [number, number]),
    backgroundColor: '#000000',
    grouped: false,
    barPercentage: 0.06,
    minBarLength: 2,
    order: 0,
  });
  return {
    type: 'bar',
    data: { labels: rows.map(({ stats }) => shortLabel(stats.model)), datasets: bars },
    options: {
      plugins: { title: title(heading), legend: { position: 'bottom' } },
      scales: {
        y: { min: 0, max: 100, title: { display: true, text: 'cases passed (%)' } },
        x: { ticks: { autoSkip: false } },
      },
    },
  };
}

/** Cost against pass rate: each model one labelled point; up and to the left is better. */
export function costScoreChart(summary: RunSummary, heading = 'Cost vs pass rate'): ChartConfiguration<'scatter'> {
  return {
    type: 'scatter',
    data: {
      datasets: summary.models.map((stats, i) => ({
        label: stats.model,
        data: [{ x: stats.costUsd, y: percent(stats.passRate) }],
        backgroundColor: seriesColour(i),
        borderColor: '#000000',
        pointStyle: seriesPointStyle(i),
        pointRadius: 9,
        pointHoverRadius: 11,
      })),
    },
    options: {
      plugins: { title: title(heading), legend: { position: 'bottom' } },
      scales: {
        // Room on the right for the label of the most expensive model.
        x: { beginAtZero: true, grace: '20%', title: { display: true, text: 'cost of the run (USD)' } },
        y: { min: 0, max: 100, title: { display: true, text: 'cases passed (%)' } },
      },
    },
  };
}

/** Latency per model as a box from the median (p50) to the slow tail (p95). */
export function latencyChart(summary: RunSummary, heading = 'Latency (p50 to p95)'): ChartConfiguration<'bar'> {
  const rows = summary.models;
  return {
    type: 'bar',
    data: {
      labels: rows.map((stats) => shortLabel(stats.model)),
      datasets: rows.map((stats, i) => ({
        label: stats.model,
        data: columnData(
          rows.length,
          i,
          stats.latencyP50 === null || stats.latencyP95 === null
            ? null
            : ([Math.round(stats.latencyP50), Math.round(stats.latencyP95)] as [number, number]),
        ),
        backgroundColor: withAlpha(seriesColour(i), 0.75),
        borderColor: seriesColour(i),
        borderWidth: 2,
        grouped: false,
        minBarLength: 3,
      })),
    },
    options: {
      plugins: { title: title(heading), legend: { position: 'bottom' } },
      scales: {
        y: { beginAtZero: true, title: { display: true, text: 'milliseconds (bar spans p50 to p95)' } },
        x: { ticks: { autoSkip: false } },
      },
    },
  };
}

/** Pass rate per tag, one bar per model in each tag group; the most used tags first. */
export function tagChart(summary: RunSummary, heading = 'Pass rate by tag', maxTags = 15): ChartConfiguration<'bar'> {
  const counts = new Map<string, number>();
  for (const stats of summary.models) {
    for (const tag of stats.byTag) counts.set(tag.tag, Math.max(counts.get(tag.tag) ?? 0, tag.n));
  }
  const tags = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, maxTags)
    .map(([tag]) => tag);
  return {
    type: 'bar',
    data: {
      labels: tags.map((tag) => shortLabel(tag, 18)),
      datasets: summary.models.map((stats, i) => {
        const byTag = new Map(stats.byTag.map((tag) => [tag.tag, tag]));
        return {
          label: stats.model,
          data: tags.map((tag) => {
            const found = byTag.get(tag);
            return found ? percent(found.passRate) : null;
          }),
          backgroundColor: seriesColour(i),
        };
      }),
    },
    options: {
      plugins: { title: title(heading), legend: { position: 'bottom' } },
      scales: {
        y: { min: 0, max: 100, title: { display: true, text: 'cases passed (%)' } },
        x: { ticks: { autoSkip: false } },
      },
    },
  };
}

/** Pass rate of each model over a benchmark's runs, oldest first as given. */
export function historyChart(
  points: readonly HistoryPoint[],
  heading = 'Pass rate over runs',
): ChartConfiguration<'line'> {
  const labels = [...new Set(points.map((point) => point.label))];
  const models = [...new Set(points.map((point) => point.model))];
  return {
    type: 'line',
    data: {
      labels: labels.map((label) => shortLabel(label, 20)),
      datasets: models.map((model, i) => {
        const byLabel = new Map(points.filter((p) => p.model === model).map((p) => [p.label, p.passRate]));
        return {
          label: model,
          data: labels.map((label) => {
            const value = byLabel.get(label);
            return value === undefined ? null : percent(value);
          }),
          borderColor: seriesColour(i),
          backgroundColor: seriesColour(i),
          pointStyle: seriesPointStyle(i),
          pointRadius: 5,
          borderWidth: 3,
          spanGaps: true,
        };
      }),
    },
    options: {
      plugins: { title: title(heading), legend: { position: 'bottom' } },
      scales: { y: { min: 0, max: 100, title: { display: true, text: 'cases passed (%)' } } },
    },
  };
}
