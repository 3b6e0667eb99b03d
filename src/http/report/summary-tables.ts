import type { RunSummary } from '../../core/stats/summary.ts';
import { ms, pct, pValue, signed, usd } from './format.ts';
import { html, type SafeHtml } from './html.ts';

function rankingTable(summary: RunSummary): SafeHtml {
  const byModel = new Map(summary.models.map((stats) => [stats.model, stats]));
  const rows = summary.ranking.flatMap((model, index) => {
    const s = byModel.get(model);
    if (!s) return [];
    return [
      html`<tr>
<td>${index + 1}</td><th scope="row" class="model">${s.model}</th>
<td>${pct(s.passRate)} <span class="ci">[${pct(s.passCi.low)}, ${pct(s.passCi.high)}]</span></td>
<td>${s.meanScore.toFixed(3)} <span class="ci">[${s.scoreCi.low.toFixed(3)}, ${s.scoreCi.high.toFixed(3)}]</span></td>
<td>${usd(s.costUsd)}</td><td>${usd(s.costPerPass)}</td>
<td>${ms(s.latencyP50)}</td><td>${ms(s.latencyP95)}</td>
<td>${s.cases}</td><td>${s.errors}</td>
</tr>`,
    ];
  });
  return html`<table class="ranking">
<thead><tr><th>#</th><th>Model</th><th>Pass rate [95% CI]</th><th>Mean score [95% CI]</th><th>Cost</th>
<th>Cost per passed case</th><th>Latency p50</th><th>Latency p95</th><th>Cases</th><th>Errors</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function pairwiseTable(summary: RunSummary): SafeHtml {
  if (summary.pairwise.length === 0) return html`<p class="muted">One model: nothing to compare.</p>`;
  const rows = summary.pairwise.map(
    (p) => html`<tr class="${p.significant ? 'significant' : ''}">
<th scope="row" class="model">${p.a}</th><th scope="row" class="model">${p.b}</th>
<td>${p.wins} / ${p.ties} / ${p.losses}</td>
<td>${signed(p.scoreDiff)} <span class="ci">[${signed(p.scoreDiffLow)}, ${signed(p.scoreDiffHigh)}]</span></td>
<td>${pValue(p.mcnemarP)}</td><td>${pValue(p.bootstrapP)}</td>
<td>${p.significant ? 'yes (p < 0.05)' : 'no'}</td>
</tr>`,
  );
  return html`<table class="pairwise">
<thead><tr><th>Model A</th><th>Model B</th><th>A wins / ties / B wins</th><th>Score difference A − B [95% CI]</th>
<th>McNemar p</th><th>Bootstrap p</th><th>Significant</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

/**
 * The ranking and significance sections of a report. The page renders them once, and while a
 * run goes charts.json carries them again, rendered by this same function from the same summary
 * as the charts, for the page to swap in: model names are user input, and `html` escapes them.
 */
export function summaryTables(summary: RunSummary): SafeHtml {
  return html`<section><h2>Ranking</h2>${rankingTable(summary)}</section>
<section><h2>Are the differences real?</h2>
<p class="muted">Per pair of models, on the cases both answered. Significant means p &lt; 0.05 in the exact McNemar test on pass/fail or the paired bootstrap on scores.</p>
${pairwiseTable(summary)}</section>`;
}
