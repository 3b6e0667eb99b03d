import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoresChart } from '../../../src/charts/configs.ts';
import { summarizeRun } from '../../../src/core/stats/summary.ts';
import { createRunSummaries } from '../../../src/http/report/run-summary.ts';
import { summaryTables } from '../../../src/http/report/summary-tables.ts';
import { findSharedRun, resultRowsOfRun } from '../../../src/store/report-queries.ts';
import { completeRun, type ReportApp, resultDocs, seedRun, startReportApp } from '../../support/report-fixtures.ts';
import { openRedis, openTestDatabase } from '../../support/services.ts';

interface ChartsBody {
  status: string;
  terminal: boolean;
  answers: number;
  charts: { id: string; title: string; config: { data: unknown } }[];
  tables: string;
}

const MODELS = ['demo:fast', 'demo:slow'];

let db: Awaited<ReturnType<typeof openTestDatabase>>;
let report: ReportApp;

beforeAll(async () => {
  db = await openTestDatabase();
  report = await startReportApp({ connection: db.connection, openRedis, listen: false });
});
afterAll(async () => {
  await report?.close();
  await db?.drop();
});

describe('charts of a shared run as they stand (charts.json)', () => {
  async function charts(shareId: string) {
    const response = await report.app.inject({ method: 'GET', url: `/r/${shareId}/charts.json` });
    return { response, body: response.json() as ChartsBody };
  }

  it('answers a running run with the charts of its results so far, not to be cached; a finished one with its final charts, cacheable', async () => {
    const { shareId, run } = await seedRun(report.models, { models: MODELS, cases: 10, status: 'running', results: 8 });
    const running = await charts(shareId);
    expect(running.response.statusCode).toBe(200);
    expect(running.response.headers['cache-control']).toBe('no-store');
    expect(running.body).toMatchObject({ status: 'running', terminal: false, answers: 8 });
    expect(running.body.charts.map((chart) => chart.id)).toEqual(['scores', 'cost', 'latency', 'tags']);
    const soFar = summarizeRun({ models: MODELS, samples: 1, results: await resultRowsOfRun(report.models, run._id) });
    expect(running.body.charts[0]?.config.data).toEqual(scoresChart(soFar).data);
    const image = await report.app.inject({ method: 'GET', url: `/r/${shareId}/chart.png` });
    expect(image.headers['cache-control']).toBe('no-store');

    // The run ends a moment later, well within the time a running run's summary is shared.
    await report.models.Result.insertMany(
      resultDocs(run._id, MODELS, 8, 20, { output: () => ({ output: 'right', pass: true }) }),
    );
    const final = await completeRun(report.models, run._id, MODELS);
    const finished = await charts(shareId);
    expect(finished.response.headers['cache-control']).toBe('public, max-age=300');
    expect(finished.body).toMatchObject({ status: 'completed', terminal: true, answers: 20 });
    expect(finished.body.charts[0]?.config.data).toEqual(scoresChart(final).data);
    expect(finished.body.charts[0]?.config.data).not.toEqual(running.body.charts[0]?.config.data);
    const finalImage = await report.app.inject({ method: 'GET', url: `/r/${shareId}/chart.png` });
    expect(finalImage.headers['cache-control']).toBe('public, max-age=300');
  });

  it('carries the ranking and significance tables as the page renders them, a hostile model name as escaped text', async () => {
    const hostile = 'demo:<img src=x onerror=alert(1)>"\'`&';
    const models = ['demo:fast', hostile];
    const { shareId, run } = await seedRun(report.models, { models, cases: 10, status: 'running', results: 8 });
    const page = await report.app.inject({ method: 'GET', url: `/r/${shareId}` });
    const { response, body } = await charts(shareId);
    expect(response.headers['cache-control']).toBe('no-store');
    const soFar = summarizeRun({ models, samples: 1, results: await resultRowsOfRun(report.models, run._id) });
    // One rendering, from the summary the charts come from; the page holds the very same markup.
    expect(body.tables).toBe(summaryTables(soFar).value);
    expect(page.body).toContain(`<div id="summary-tables" data-answers="8">${body.tables}</div>`);
    expect(body.tables).toMatch(/<table class="ranking">/);
    expect(body.tables).toMatch(/<table class="pairwise">/);
    // The name is text, in its ranking row and in the pair's, every special character escaped.
    expect(body.tables.split('demo:&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&#96;&amp;')).toHaveLength(3);
    expect(body.tables).not.toContain('<img');
    // Take away the tables' own elements and attributes: no markup character is left over.
    const rest = body.tables.replace(
      /<\/?(section|h2|p|table|thead|tbody|tr|th|td|span)(\s(class|scope)="[\w -]*")*>/g,
      '',
    );
    expect(rest).not.toMatch(/[<>"'`]/);
  });

  it('answers 404 for unknown share ids and stays behind the rate limit', async () => {
    expect((await charts('AAAAAAAAAAAAAAAAAAAAAA')).response.statusCode).toBe(404);
    const limited = await startReportApp({
      connection: db.connection,
      openRedis,
      listen: false,
      rateLimit: { capacity: 2, refillPerSecond: 0.01 },
    });
    try {
      const { shareId } = await seedRun(limited.models, { models: MODELS, cases: 2, status: 'running', results: 1 });
      const codes = [];
      for (let i = 0; i < 3; i++) {
        codes.push((await limited.app.inject({ method: 'GET', url: `/r/${shareId}/charts.json` })).statusCode);
      }
      expect(codes).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('run summaries shared by a report’s readers', () => {
  it('shares a running run’s summary for a while after computing it, then reads the results stored since', async () => {
    let clock = 1_000_000;
    const summaries = createRunSummaries(report.models, { reuseMs: 2000, now: () => clock });
    const { shareId, run } = await seedRun(report.models, { models: MODELS, cases: 10, status: 'running', results: 6 });
    const read = async () => {
      const shared = await findSharedRun(report.models, shareId);
      if (!shared) throw new Error('run not found');
      return shared;
    };
    const first = await read();
    // Readers arriving together share one read of the results.
    expect(summaries.of(first)).toBe(summaries.of(first));
    expect((await summaries.of(first)).totals.results).toBe(6);

    await report.models.Result.insertMany(resultDocs(run._id, MODELS, 6, 12));
    clock += 1999;
    expect((await summaries.of(await read())).totals.results).toBe(6);
    clock += 1;
    // This read takes 5 s (of the fake clock): its summary is then shared for 5 s, not 2.
    const slow = summaries.of(await read());
    clock += 5000;
    expect((await slow).totals.results).toBe(12);
    await report.models.Result.insertMany(resultDocs(run._id, MODELS, 12, 14));
    clock += 4999;
    expect((await summaries.of(await read())).totals.results).toBe(12);
    clock += 1;
    expect((await summaries.of(await read())).totals.results).toBe(14);

    // Ended within the window: the stored final summary, not the running one.
    await report.models.Result.insertMany(resultDocs(run._id, MODELS, 14, 20));
    const final = await completeRun(report.models, run._id, MODELS);
    expect(await summaries.of(await read())).toEqual(final);

    // A run that ended without a stored summary is summarized afresh, not from its running figures.
    const cancelled = await seedRun(report.models, { models: MODELS, cases: 4, status: 'running', results: 2 });
    const before = await findSharedRun(report.models, cancelled.shareId);
    if (!before) throw new Error('run not found');
    expect((await summaries.of(before)).totals.results).toBe(2);
    await report.models.Result.insertMany(resultDocs(cancelled.run._id, MODELS, 2, 5));
    await report.models.Run.updateOne({ _id: cancelled.run._id }, { $set: { status: 'cancelled' } });
    const after = await findSharedRun(report.models, cancelled.shareId);
    if (!after) throw new Error('run not found');
    expect((await summaries.of(after)).totals.results).toBe(5);
  });
});
