import type { FastifyInstance, FastifyReply } from 'fastify';
import { scoresChart } from '../../charts/configs.ts';
import { AppError } from '../../core/errors.ts';
import type { ChartRenderer } from '../../core/ports.ts';
import { isTerminal, type RunStatus } from '../../core/run/status.ts';
import type { ExportFormat } from '../../core/use-cases/hub.ts';
import type { Models } from '../../store/models/index.ts';
import {
  benchmarkHistory,
  findCasePage,
  findSharedRun,
  loadRunContext,
  type SharedRun,
  tagsOfCases,
} from '../../store/report-queries.ts';
import type { RunResultsCache } from '../../store/run-results-cache.ts';
import { EXPORT_TYPES, exportStream } from './exports.ts';
import { CONTENT_SECURITY_POLICY } from './html.ts';
import { reportCharts, summaryCharts } from './report-charts.ts';
import { renderNotFoundPage, renderReportPage } from './report-page.ts';
import type { RunSummaries } from './run-summary.ts';
import { summaryTables } from './summary-tables.ts';

export interface ReportPageDeps {
  models: Models;
  renderer: ChartRenderer;
  publicUrl: string;
  results: RunResultsCache;
  summaries: RunSummaries;
}

const NOT_FOUND = { error: 'not_found', message: 'This report link is unknown, was revoked, or has expired.' };

/**
 * Cache-Control of what shows a run's statistics: a finished run's no longer change, a running
 * run's are a snapshot that must not outlive the next batch of results.
 */
function summaryCaching(run: SharedRun): string {
  return isTerminal(run.status as RunStatus) ? 'public, max-age=300' : 'no-store';
}

/** Sends an HTML page with the report pages' security headers. */
export function sendPage(reply: FastifyReply, status: number, page: string) {
  return reply
    .status(status)
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(page);
}

function parseQuery(query: Record<string, string | undefined>) {
  const page = query.page === undefined || query.page === '' ? 1 : Number(query.page);
  if (!Number.isInteger(page) || page < 1 || page > 100_000) {
    throw new AppError('invalid_query', '`page` must be a whole number from 1.');
  }
  if (query.pass !== undefined && !['', 'pass', 'fail'].includes(query.pass)) {
    throw new AppError('invalid_query', '`pass` must be `pass` or `fail`.');
  }
  if ((query.q ?? '').length > 200) throw new AppError('invalid_query', '`q` may be at most 200 characters.');
  return {
    page,
    filters: {
      model: query.model || undefined,
      tag: query.tag || undefined,
      q: query.q || undefined,
      pass: query.pass === 'pass' ? true : query.pass === 'fail' ? false : undefined,
    },
  };
}

/** `/r/:shareId` and what hangs off it: the case data, downloads and the Open Graph image. */
export function registerReportPageRoutes(app: FastifyInstance, deps: ReportPageDeps) {
  const { models } = deps;
  const images = new Map<string, Buffer>();

  app.get<{ Params: { shareId: string } }>('/r/:shareId', async (request, reply) => {
    const run = await findSharedRun(models, request.params.shareId);
    if (!run) return sendPage(reply, 404, renderNotFoundPage());
    // The page's script asks for the first page of cases next; start reading the results now.
    deps.results.forRun(run)?.catch((error) => request.log.warn({ err: error }, 'loading run results failed'));
    const [context, summary, history] = await Promise.all([
      loadRunContext(models, run),
      deps.summaries.of(run),
      benchmarkHistory(models, run),
    ]);
    const page = renderReportPage({
      run,
      shareId: request.params.shareId,
      benchmarkName: context.benchmarkName,
      summary,
      charts: reportCharts(summary, history),
      tags: tagsOfCases(context),
      publicUrl: deps.publicUrl,
      terminal: isTerminal(run.status as RunStatus),
    });
    return sendPage(reply, 200, page);
  });

  // The live page redraws its charts from here while the run goes (history charts stay as drawn),
  // and swaps in `tables`: the ranking and significance sections as the page renders them, an
  // HTML fragment in which `html` escaped every value. Both from one summary, so they agree.
  app.get<{ Params: { shareId: string } }>('/r/:shareId/charts.json', async (request, reply) => {
    const run = await findSharedRun(models, request.params.shareId);
    if (!run) return reply.status(404).send(NOT_FOUND);
    const summary = await deps.summaries.of(run);
    return reply.header('cache-control', summaryCaching(run)).send({
      status: run.status,
      terminal: isTerminal(run.status as RunStatus),
      answers: summary.totals.results,
      charts: summaryCharts(summary),
      tables: summaryTables(summary).value,
    });
  });

  app.get<{ Params: { shareId: string }; Querystring: Record<string, string | undefined> }>(
    '/r/:shareId/results.json',
    async (request, reply) => {
      const { page, filters } = parseQuery(request.query);
      const run = await findSharedRun(models, request.params.shareId);
      if (!run) return reply.status(404).send(NOT_FOUND);
      const context = await loadRunContext(models, run);
      const result = await findCasePage(models, run, context, filters, page, {
        loaded: await deps.results.forRun(run),
      });
      return reply.header('cache-control', 'no-store').send({ ...result, models: run.models, status: run.status });
    },
  );

  app.get<{ Params: { shareId: string; format: string } }>('/r/:shareId/export.:format', async (request, reply) => {
    const format = request.params.format as ExportFormat;
    if (!(format in EXPORT_TYPES)) {
      return reply
        .status(404)
        .send({ error: 'not_found', message: 'Downloads are export.csv, export.json and export.jsonl.' });
    }
    const run = await findSharedRun(models, request.params.shareId);
    if (!run) return reply.status(404).send(NOT_FOUND);
    const context = await loadRunContext(models, run);
    const name = `${context.benchmarkName.replace(/[^\w.-]+/g, '_')}-v${run.version}-${String(run._id)}.${format}`;
    return reply
      .type(EXPORT_TYPES[format])
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('x-content-type-options', 'nosniff')
      .send(exportStream(models, run, context, format));
  });

  app.get<{ Params: { shareId: string } }>('/r/:shareId/chart.png', async (request, reply) => {
    const run = await findSharedRun(models, request.params.shareId);
    if (!run) return reply.status(404).send(NOT_FOUND);
    const png = await cachedImage(run);
    return reply.type('image/png').header('cache-control', summaryCaching(run)).send(png);
  });

  // Unfurlers fetch the image once per paste; a run's image changes only with its progress.
  async function cachedImage(run: SharedRun): Promise<Buffer> {
    const key = `${run.shareId}|${run.status}|${run.counts?.done ?? 0}`;
    const hit = images.get(key);
    if (hit) return hit;
    const context = await loadRunContext(models, run);
    const summary = await deps.summaries.of(run);
    const config = scoresChart(summary, `${context.benchmarkName} v${run.version}: pass rate by model`);
    const png = Buffer.from(
      await deps.renderer.render(config, { width: 1200, height: 630, backgroundColor: '#ffffff' }),
    );
    images.set(key, png);
    if (images.size > 100) images.delete(images.keys().next().value as string);
    return png;
  }
}
