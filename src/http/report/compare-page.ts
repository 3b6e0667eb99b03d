import type { ResultRow } from '../../core/stats/summary.ts';
import type { CaseInfo } from '../../store/report-queries.ts';
import { pct } from './format.ts';
import { html, layout, type SafeHtml } from './html.ts';

/** One run as the comparison needs it. */
export interface ComparedRun {
  shareId: string;
  title: string;
  models: string[];
  rows: ResultRow[];
  cases: Map<string, CaseInfo>;
}

interface Outcome {
  passes: number;
  n: number;
  score: number;
}

/** Per case and model: passing samples, answered samples, summed score (errors left out). */
function outcomes(rows: readonly ResultRow[]): Map<string, Map<string, Outcome>> {
  const byCase = new Map<string, Map<string, Outcome>>();
  for (const row of rows) {
    if (row.error) continue;
    let byModel = byCase.get(row.caseId);
    if (!byModel) {
      byModel = new Map();
      byCase.set(row.caseId, byModel);
    }
    const outcome = byModel.get(row.model) ?? { passes: 0, n: 0, score: 0 };
    outcome.passes += row.pass ? 1 : 0;
    outcome.n += 1;
    outcome.score += row.score;
    byModel.set(row.model, outcome);
  }
  return byCase;
}

const passed = (outcome: Outcome | undefined) => (outcome ? outcome.passes * 2 > outcome.n : undefined);

function cell(outcome: Outcome | undefined): SafeHtml {
  if (!outcome) return html`<td class="muted">—</td>`;
  const ok = passed(outcome);
  return html`<td class="${ok ? 'pass' : 'fail'}">${ok ? '✓' : '✗'} ${(outcome.score / outcome.n).toFixed(2)}</td>`;
}

export const COMPARE_PAGE_SIZE = 100;

/** Two runs case by case: per model, pass and mean score in each run; changed cases marked. */
export function renderComparePage(
  a: ComparedRun,
  b: ComparedRun,
  options: { page: number; changedOnly: boolean },
): string {
  const outA = outcomes(a.rows);
  const outB = outcomes(b.rows);
  const models = [...new Set([...a.models, ...b.models])];
  const order = (id: string) => a.cases.get(id)?.index ?? b.cases.get(id)?.index ?? Number.MAX_SAFE_INTEGER;
  const changed = (id: string) =>
    models.some((model) => {
      const before = passed(outA.get(id)?.get(model));
      const after = passed(outB.get(id)?.get(model));
      return before !== undefined && after !== undefined && before !== after;
    });
  const allIds = [...new Set([...outA.keys(), ...outB.keys()])].sort((x, y) => order(x) - order(y) || (x < y ? -1 : 1));
  const ids = options.changedOnly ? allIds.filter(changed) : allIds;
  const pages = Math.max(1, Math.ceil(ids.length / COMPARE_PAGE_SIZE));
  const page = Math.min(options.page, pages);
  const shown = ids.slice((page - 1) * COMPARE_PAGE_SIZE, page * COMPARE_PAGE_SIZE);

  const rate = (out: Map<string, Map<string, Outcome>>, model: string) => {
    let cases = 0;
    let passes = 0;
    for (const byModel of out.values()) {
      const outcome = byModel.get(model);
      if (!outcome) continue;
      cases += 1;
      passes += passed(outcome) ? 1 : 0;
    }
    return cases === 0 ? '—' : `${pct(passes / cases)} of ${cases}`;
  };
  const runsParam = `${encodeURIComponent(a.shareId)},${encodeURIComponent(b.shareId)}`;
  const link = (target: number) =>
    `/compare?runs=${runsParam}&page=${target}${options.changedOnly ? '&changed=1' : ''}`;

  const body = html`<header><h1>Comparing two runs</h1>
<p>A: <a href="/r/${a.shareId}">${a.title}</a> · B: <a href="/r/${b.shareId}">${b.title}</a></p></header>
<main>
<section><h2>Pass rate per model</h2><table class="ranking"><thead><tr><th>Model</th><th>A</th><th>B</th></tr></thead>
<tbody>${models.map((model) => html`<tr><th scope="row" class="model">${model}</th><td>${rate(outA, model)}</td><td>${rate(outB, model)}</td></tr>`)}</tbody></table></section>
<section><h2>Case by case</h2>
<p>${ids.length} cases${options.changedOnly ? ' whose result changed' : ''} ·
${options.changedOnly ? html`<a href="/compare?runs=${runsParam}">show all cases</a>` : html`<a href="/compare?runs=${runsParam}&changed=1">show changed cases only</a>`}</p>
<table class="compare"><thead><tr><th>Case</th>${models.map((model) => html`<th class="model">${model} A</th><th class="model">${model} B</th>`)}</tr></thead>
<tbody>${shown.map(
    (id) =>
      html`<tr class="${changed(id) ? 'changed' : ''}"><th scope="row">${id}</th>${models.map((model) => [cell(outA.get(id)?.get(model)), cell(outB.get(id)?.get(model))])}</tr>`,
  )}</tbody></table>
<nav class="pager">${page > 1 ? html`<a href="${link(page - 1)}">← Previous</a>` : ''} page ${page} of ${pages}
${page < pages ? html`<a href="${link(page + 1)}">Next →</a>` : ''}</nav>
</section></main>`;
  return layout({ title: `Compare: ${a.title} vs ${b.title}`, body });
}
