import type { FastifyInstance } from 'fastify';
import type { Models } from '../../store/models/index.ts';
import {
  findSharedRun,
  loadRunContext,
  resultRowsOfRun,
  type SharedRun,
  toResultRow,
} from '../../store/report-queries.ts';
import type { RunResultsCache } from '../../store/run-results-cache.ts';
import { type ComparedRun, renderComparePage } from './compare-page.ts';
import { html, layout } from './html.ts';
import { renderNotFoundPage } from './report-page.ts';
import { sendPage } from './report-routes.ts';

async function compared(
  deps: { models: Models; results: RunResultsCache },
  shareId: string,
  run: SharedRun,
): Promise<ComparedRun> {
  const cached = deps.results.forRun(run);
  const [context, rows] = await Promise.all([
    loadRunContext(deps.models, run),
    cached ? cached.then((docs) => docs.map(toResultRow)) : resultRowsOfRun(deps.models, run._id),
  ]);
  return {
    shareId,
    title: `${context.benchmarkName} v${run.version} (${run.createdAt.toISOString().slice(0, 10)})`,
    models: run.models,
    rows,
    cases: context.cases,
  };
}

/** `GET /compare?runs=<shareA>,<shareB>[&changed=1][&page=n]`: two shared runs case by case. */
export function registerCompareRoute(app: FastifyInstance, deps: { models: Models; results: RunResultsCache }) {
  app.get<{ Querystring: { runs?: string; page?: string; changed?: string } }>('/compare', async (request, reply) => {
    const ids = (request.query.runs ?? '').split(',').map((id) => id.trim());
    const page = Number(request.query.page ?? 1);
    if (ids.length !== 2 || ids.some((id) => id === '') || !Number.isInteger(page) || page < 1) {
      return sendPage(
        reply,
        400,
        layout({
          title: 'Two reports needed',
          body: html`<main><h1>Two reports needed</h1><p>Open <code>/compare?runs=&lt;report A&gt;,&lt;report B&gt;</code> with the ids from two report links.</p></main>`,
        }),
      );
    }
    const [idA, idB] = ids as [string, string];
    const [runA, runB] = await Promise.all([findSharedRun(deps.models, idA), findSharedRun(deps.models, idB)]);
    if (!runA || !runB) return sendPage(reply, 404, renderNotFoundPage());
    const [a, b] = await Promise.all([compared(deps, idA, runA), compared(deps, idB, runB)]);
    return sendPage(reply, 200, renderComparePage(a, b, { page, changedOnly: request.query.changed === '1' }));
  });
}
