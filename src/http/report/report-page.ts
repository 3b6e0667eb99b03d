import type { RunSummary } from '../../core/stats/summary.ts';
import type { SharedRun } from '../../store/report-queries.ts';
import { pct, usd } from './format.ts';
import { html, jsonScript, layout, type SafeHtml } from './html.ts';
import type { ReportChart } from './report-charts.ts';
import { summaryTables } from './summary-tables.ts';

export interface ReportPageView {
  run: SharedRun;
  shareId: string;
  benchmarkName: string;
  summary: RunSummary;
  charts: ReportChart[];
  tags: string[];
  publicUrl: string;
  terminal: boolean;
}

function params(run: SharedRun): SafeHtml {
  const entries = Object.entries((run.params ?? {}) as Record<string, unknown>);
  const items = entries.map(
    ([key, value]) => html`<li><code>${key}</code> = <code>${JSON.stringify(value)}</code></li>`,
  );
  return html`<ul class="params">${items}<li><code>samples</code> = <code>${run.samples}</code></li></ul>`;
}

/** The report of one run: header, ranking, significance, charts, the per-case browser. */
export function renderReportPage(view: ReportPageView): string {
  const { run, summary, shareId } = view;
  const base = `/r/${encodeURIComponent(shareId)}`;
  const title = `${view.benchmarkName} · v${run.version}`;
  const leader = summary.ranking[0];
  const leaderStats = summary.models.find((m) => m.model === leader);
  const description = leaderStats
    ? `${run.models.length} models, ${run.counts?.done ?? 0}/${run.counts?.total ?? 0} answers, ${run.status}. Best: ${leaderStats.model} (${pct(leaderStats.passRate)} passed).`
    : `${run.models.length} models, ${run.status}.`;
  const imageUrl = `${view.publicUrl}${base}/chart.png`;
  const head = html`<meta name="description" content="${description}">
<meta property="og:type" content="website">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${view.publicUrl}${base}">
<meta property="og:image" content="${imageUrl}">
<meta property="og:image:width" content="1200">
<meta property="og:image:height" content="630">
<meta name="twitter:card" content="summary_large_image">`;
  const done = run.counts?.done ?? 0;
  const total = run.counts?.total ?? 0;
  const body = html`<header>
<h1>${title}</h1>
<p class="status">Status: <strong id="status" class="status-${run.status}">${run.status}</strong>
· created ${run.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC
· cost <span id="cost">${usd(run.costUsd)}</span></p>
${run.simulated ? html`<p class="banner" role="note">Simulated run: the answers come from the built-in demo models, not from real LLMs.</p>` : ''}
${run.message ? html`<p class="message">${run.message}</p>` : ''}
<div class="progress"><progress id="progress" max="${Math.max(total, 1)}" value="${done}"></progress>
<span id="progress-text">${done} / ${total} answers</span></div>
</header>
<main>
<section><h2>Models and parameters</h2>
<ul class="models">${run.models.map((model) => html`<li class="model">${model}</li>`)}</ul>
${params(run)}</section>
<div id="summary-tables" data-answers="${summary.totals.results}">${summaryTables(summary)}</div>
<section><h2>Charts</h2><div class="charts" id="charts">
${view.charts.map((chart) => html`<figure class="chart"><canvas id="chart-${chart.id}" data-chart="${chart.id}" role="img" aria-label="${chart.title}"></canvas></figure>`)}
</div></section>
<section><h2>Cases</h2>
<form id="filters" class="filters">
<label>Model <select name="model"><option value="">all</option>${run.models.map((model) => html`<option value="${model}">${model}</option>`)}</select></label>
<label>Result <select name="pass"><option value="">all</option><option value="pass">passed</option><option value="fail">failed</option></select></label>
<label>Tag <select name="tag"><option value="">all</option>${view.tags.map((tag) => html`<option value="${tag}">${tag}</option>`)}</select></label>
<label>Search <input type="search" name="q" placeholder="case id, input or output"></label>
<button type="submit">Apply</button>
</form>
<p id="cases-summary" class="muted"></p>
<div id="cases" class="cases"></div>
<nav class="pager"><button type="button" id="prev">← Previous</button> <span id="page-info"></span> <button type="button" id="next">Next →</button></nav>
</section>
<section><h2>Downloads</h2><p>
<a href="${base}/export.csv" download>CSV</a> · <a href="${base}/export.json" download>JSON</a> · <a href="${base}/export.jsonl" download>JSON Lines</a></p></section>
</main>
${jsonScript('report-data', {
  shareId,
  status: run.status,
  terminal: view.terminal,
  done,
  total,
  models: run.models,
  answers: summary.totals.results,
  charts: view.charts,
})}`;
  return layout({
    title,
    head,
    body,
    scripts: ['/static/chart.umd.js', '/static/point-labels.js', '/static/report.js'],
  });
}

/** The page for unknown, revoked and expired share links: it says no more than that. */
export function renderNotFoundPage(): string {
  return layout({
    title: 'Report not found',
    body: html`<main><h1>Report not found</h1><p>This report link is unknown, was revoked, or has expired.</p></main>`,
  });
}
