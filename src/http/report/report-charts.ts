import type { ChartConfiguration } from 'chart.js';
import {
  costScoreChart,
  type HistoryPoint,
  historyChart,
  latencyChart,
  scoresChart,
  tagChart,
} from '../../charts/configs.ts';
import type { RunSummary } from '../../core/stats/summary.ts';

/** One chart of a report: `id` names its canvas, `title` is its accessible label. */
export interface ReportChart {
  id: string;
  title: string;
  config: ChartConfiguration;
}

/**
 * The charts drawn from one run's own results: what a live report redraws while the run goes.
 * The tag chart appears once some result carries a tag.
 */
export function summaryCharts(summary: RunSummary): ReportChart[] {
  const charts: ReportChart[] = [
    {
      id: 'scores',
      title: 'Pass rate by model with 95% confidence intervals',
      config: scoresChart(summary) as ChartConfiguration,
    },
    { id: 'cost', title: 'Cost against pass rate', config: costScoreChart(summary) as ChartConfiguration },
    { id: 'latency', title: 'Latency from p50 to p95', config: latencyChart(summary) as ChartConfiguration },
  ];
  if (summary.models.some((stats) => stats.byTag.length > 0)) {
    charts.push({ id: 'tags', title: 'Pass rate by tag', config: tagChart(summary) as ChartConfiguration });
  }
  return charts;
}

/** The report's charts: the run's own, then its benchmark's finished runs when there are two or more. */
export function reportCharts(summary: RunSummary, history: readonly HistoryPoint[]): ReportChart[] {
  const charts = summaryCharts(summary);
  if (new Set(history.map((point) => point.label)).size >= 2) {
    charts.push({ id: 'history', title: 'Pass rate over runs', config: historyChart(history) as ChartConfiguration });
  }
  return charts;
}
