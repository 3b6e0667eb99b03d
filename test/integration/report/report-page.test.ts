import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoresChart } from '../../../src/charts/configs.ts';
import type { RunProgressEvent } from '../../../src/core/run/progress.ts';
import { type RunSummary, summarizeRun } from '../../../src/core/stats/summary.ts';
import { pct } from '../../../src/http/report/format.ts';
import { resultRowsOfRun } from '../../../src/store/report-queries.ts';
import {
  completeRun,
  pngSize,
  type ReportApp,
  resultDoc,
  resultDocs,
  seedRun,
  startReportApp,
} from '../../support/report-fixtures.ts';
import { openRedis, openTestDatabase } from '../../support/services.ts';

const ARTIFACTS = 'test-artifacts/report';

/** A page that records console errors, page errors, CSP violations and dialogs. */
async function openPage(browser: Browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  // Init scripts run through the DevTools protocol, outside the page's CSP.
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) => {
    console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI);
  });`);
  return { page, problems };
}

/** Canvases that have at least some painted (non-transparent) pixels (evaluated in the page). */
function paintedCanvases(page: Page): Promise<number> {
  return page.evaluate(`[...document.querySelectorAll('canvas')].filter((canvas) => {
    const ctx = canvas.getContext('2d');
    if (!ctx || canvas.width === 0 || canvas.height === 0) return false;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted += 1;
    return painted > 500;
  }).length`);
}

/** What the page's scores chart shows: its labels and every dataset's values, read from Chart.js. */
function drawnScores(page: Page): Promise<unknown> {
  return page.evaluate(`(() => {
    const chart = window.Chart.getChart(document.getElementById('chart-scores'));
    return { labels: chart.data.labels, datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data })) };
  })()`);
}

/** The same projection of the scores chart the server draws for a summary. */
function expectedScores(summary: RunSummary) {
  const { data } = scoresChart(summary);
  return { labels: data.labels, datasets: data.datasets.map((d) => ({ label: d.label, data: d.data })) };
}

/**
 * What the ranking and significance tables say, read from their cells: each ranked model's pass
 * rate and number of cases, each pair's wins / ties / losses.
 */
function shownTables(page: Page): Promise<unknown> {
  return page.evaluate(`(() => {
    const rows = (table) => [...document.querySelectorAll('table.' + table + ' tbody tr')]
      .map((row) => [...row.cells].map((cell) => cell.textContent.trim()));
    return {
      ranking: rows('ranking').map((cells) => ({ model: cells[1], passRate: cells[2].split(' ')[0], cases: cells[8] })),
      pairwise: rows('pairwise').map((cells) => ({ a: cells[0], b: cells[1], record: cells[2] })),
    };
  })()`);
}

/** The same figures of a summary. */
function expectedTables(summary: RunSummary) {
  return {
    ranking: summary.ranking.map((model) => {
      const stats = summary.models.find((s) => s.model === model);
      return { model, passRate: pct(stats?.passRate ?? Number.NaN), cases: String(stats?.cases) };
    }),
    pairwise: summary.pairwise.map((p) => ({ a: p.a, b: p.b, record: `${p.wins} / ${p.ties} / ${p.losses}` })),
  };
}

/** Waits until the element shows exactly this text. */
function waitForText(page: Page, selector: string, text: string, timeout = 10_000): Promise<void> {
  return page
    .locator(selector, { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
    .waitFor({ timeout });
}

describe('report pages in Chromium', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let report: ReportApp;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    db = await openTestDatabase();
    report = await startReportApp({ connection: db.connection, openRedis });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await report?.close();
    await db?.drop();
  });

  it('renders a finished report with its tables and drawn charts, without console errors or CSP violations', async () => {
    const { shareId } = await seedRun(report.models, { cases: 120 });
    const { page, problems } = await openPage(browser);
    const response = await page.goto(`${report.baseUrl}/r/${shareId}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.waitForSelector('body[data-charts-drawn="true"]');
    await page.waitForSelector('#cases .case');
    expect(await page.locator('canvas').count()).toBe(4);
    expect(await paintedCanvases(page)).toBe(4);
    await expect(page.locator('h1').textContent()).resolves.toBe('Arithmetic · v1');
    await expect(page.locator('#status').textContent()).resolves.toBe('completed');
    expect(await page.locator('table.ranking tbody tr').count()).toBe(2);
    expect(await page.locator('table.pairwise tbody tr').count()).toBe(1);
    expect(await page.locator('.banner').count()).toBe(0);
    const ranking = await page.locator('table.ranking').textContent();
    expect(ranking).toContain('openrouter:anthropic/claude-sonnet-4.5-extended-thinking-preview');
    expect(ranking).toMatch(/\d+\.\d%/);
    expect(await page.locator('meta[property="og:image"]').getAttribute('content')).toBe(
      `http://reports.example/r/${shareId}/chart.png`,
    );
    await page.screenshot({ path: `${ARTIFACTS}/finished.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws the pass rate over the benchmark’s earlier runs', async () => {
    const first = await seedRun(report.models, { cases: 20 });
    const second = await seedRun(report.models, {
      cases: 20,
      sameBenchmarkAs: first.owner,
      output: (i) => ({ output: `better ${i}`, pass: i % 4 !== 0 }),
    });
    const { page, problems } = await openPage(browser);
    await page.goto(`${report.baseUrl}/r/${second.shareId}`);
    await page.waitForSelector('body[data-charts-drawn="true"]');
    expect(await page.locator('canvas[data-chart="history"]').count()).toBe(1);
    expect(await paintedCanvases(page)).toBe(5);
    // The earlier run's report stops at its own date: no history of one run.
    await page.goto(`${report.baseUrl}/r/${first.shareId}`);
    await page.waitForSelector('body[data-charts-drawn="true"]');
    expect(await page.locator('canvas[data-chart="history"]').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters cases by model, result, tag and search, and pages through them', async () => {
    const { shareId } = await seedRun(report.models, { cases: 120, simulated: true });
    const { page, problems } = await openPage(browser);
    await page.goto(`${report.baseUrl}/r/${shareId}`);
    await expect(page.locator('.banner').textContent()).resolves.toContain('Simulated run');
    const summary = page.locator('#cases-summary');
    const info = page.locator('#page-info');
    await waitForText(page, '#cases-summary', '120 matching cases');
    await expect(info.textContent()).resolves.toBe('page 1 of 3');
    expect(await page.locator('#cases .case').count()).toBe(50);
    // Both models' answers side by side, with the expected answer and the judge's reasons.
    const first = page.locator('#cases .case').first();
    expect(await first.locator('.answer').count()).toBe(2);
    await expect(first.locator('.case-id').textContent()).resolves.toBe('case-00001');
    await expect(first.locator('.case-io').textContent()).resolves.toContain('What is 0 + 0?');
    await expect(first.locator('.reasons').first().textContent()).resolves.toMatch(/equals: /);

    await page.click('#next');
    await waitForText(page, '#page-info', 'page 2 of 3');
    await expect(page.locator('#cases .case .case-id').first().textContent()).resolves.toBe('case-00051');
    await page.click('#next');
    await waitForText(page, '#page-info', 'page 3 of 3');
    expect(await page.locator('#cases .case').count()).toBe(20);
    expect(await page.locator('#next').isDisabled()).toBe(true);

    // demo:fast (model 0) fails when the case index is a multiple of 3: 40 of 120.
    await page.selectOption('select[name="model"]', 'demo:fast');
    await page.selectOption('select[name="pass"]', 'fail');
    await waitForText(page, '#cases-summary', '40 matching cases');
    await expect(info.textContent()).resolves.toBe('page 1 of 1');

    await page.selectOption('select[name="pass"]', '');
    await page.selectOption('select[name="model"]', '');
    await page.selectOption('select[name="tag"]', 'fives');
    await waitForText(page, '#cases-summary', '24 matching cases');

    await page.selectOption('select[name="tag"]', '');
    await page.fill('input[name="q"]', 'What is 77 +');
    await page.click('#filters button[type="submit"]');
    await waitForText(page, '#cases-summary', '1 matching case');
    await expect(page.locator('#cases .case-id').textContent()).resolves.toBe('case-00078');
    await page.fill('input[name="q"]', 'answer 5 from demo');
    await page.click('#filters button[type="submit"]');
    await waitForText(page, '#cases-summary', '1 matching case');
    await expect(summary.textContent()).resolves.toBe('1 matching case');
    await page.screenshot({ path: `${ARTIFACTS}/filtered.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('follows a running run live and shows the final report when it ends', async () => {
    const models = ['demo:fast', 'demo:slow'];
    const { shareId, runId, run } = await seedRun(report.models, { models, cases: 20, status: 'running', results: 0 });
    const { page, problems } = await openPage(browser);
    await page.goto(`${report.baseUrl}/r/${shareId}`);
    await page.waitForSelector('body[data-charts-drawn="true"]');
    await expect(page.locator('#progress-text').textContent()).resolves.toBe('0 / 40 answers');
    const progress = (done: number, status: RunProgressEvent['status'] = 'running'): RunProgressEvent => ({
      runId,
      status,
      done,
      total: 40,
      errors: 0,
      cached: 0,
      costUsd: done * 0.0001,
      etaMs: status === 'running' ? (40 - done) * 100 : null,
      message: '',
      at: new Date().toISOString(),
    });
    // The SSE subscription starts after the page loads; publish until the page shows it.
    const seen: number[] = [];
    for (const done of [10, 24]) {
      const docs = [];
      for (let i = seen.length > 0 ? 10 : 0; i < done; i++) {
        docs.push(resultDoc(run._id, Math.floor(i / 2), models[i % 2] as string, i % 2, {}));
      }
      await report.models.Result.insertMany(docs);
      await expect
        .poll(
          async () => {
            await report.bus.publish(progress(done));
            return page.locator('#progress').evaluate((element) => (element as unknown as { value: number }).value);
          },
          { timeout: 10_000, interval: 300 },
        )
        .toBe(done);
      seen.push(done);
      await expect(page.locator('#progress-text').textContent()).resolves.toBe(`${done} / 40 answers`);
    }
    // New results show up in the case table without a reload.
    await waitForText(page, '#cases-summary', '12 matching cases');
    await page.screenshot({ path: `${ARTIFACTS}/running.png`, fullPage: true });

    const rest = [];
    for (let i = 24; i < 40; i++) rest.push(resultDoc(run._id, Math.floor(i / 2), models[i % 2] as string, i % 2, {}));
    await report.models.Result.insertMany(rest);
    const rows = await resultRowsOfRun(report.models, run._id);
    await report.models.Run.updateOne(
      { _id: run._id },
      {
        $set: { status: 'completed', 'counts.done': 40, summary: summarizeRun({ models, samples: 1, results: rows }) },
      },
    );
    await report.bus.publish(progress(40, 'completed'));
    await waitForText(page, '#status', 'completed');
    await page.waitForSelector('body[data-charts-drawn="true"]');
    await expect(page.locator('#progress-text').textContent()).resolves.toBe('40 / 40 answers');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('redraws the charts and the summary tables from the results so far while a run goes, without reloading the page', async () => {
    // A model name is user input: the tables the page swaps in while the run goes show it as text.
    const models = ['demo:fast', 'demo:slow <img src=x onerror=alert(1)>'];
    const { shareId, runId, run } = await seedRun(report.models, { models, cases: 20, status: 'running', results: 0 });
    const progress = (done: number): RunProgressEvent => ({
      runId,
      status: 'running',
      done,
      total: 40,
      errors: 0,
      cached: 0,
      costUsd: 0,
      etaMs: null,
      message: '',
      at: new Date().toISOString(),
    });
    const current = async () =>
      summarizeRun({ models, samples: 1, results: await resultRowsOfRun(report.models, run._id) });
    const { page, problems } = await openPage(browser);
    const chartFetches: number[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === `/r/${shareId}/charts.json`) chartFetches.push(Date.now());
    });
    await page.goto(`${report.baseUrl}/r/${shareId}`);
    await page.waitForSelector('body[data-charts-drawn="true"]');
    // Set in this document only: a reload would lose it.
    await page.evaluate('window.sameDocument = true');
    expect(await drawnScores(page)).toEqual(expectedScores(await current()));
    expect(await shownTables(page)).toEqual(expectedTables(await current()));
    expect(await page.locator('canvas[data-chart="tags"]').count()).toBe(0);

    // Two batches: the first answers pass two times out of three, the second all pass.
    const batches = [
      { done: 16, seed: {} },
      { done: 30, seed: { output: () => ({ output: 'right', pass: true }) } },
    ];
    let stored = 0;
    for (const { done, seed } of batches) {
      await report.models.Result.insertMany(resultDocs(run._id, models, stored, done, seed));
      stored = done;
      const soFar = await current();
      // Progress events come every 200 ms here (faster than an engine sends them); the page
      // redraws from the results stored so far, shortly after, charts and tables at once.
      await expect
        .poll(
          async () => {
            await report.bus.publish(progress(done));
            return { scores: await drawnScores(page), tables: await shownTables(page) };
          },
          { timeout: 10_000, interval: 200 },
        )
        .toEqual({ scores: expectedScores(soFar), tables: expectedTables(soFar) });
      await expect(page.locator('#charts').getAttribute('data-answers')).resolves.toBe(String(done));
      await expect(page.locator('#summary-tables').getAttribute('data-answers')).resolves.toBe(String(done));
    }
    // The tag chart appeared with the first tagged results; every chart is painted.
    expect(await page.locator('canvas[data-chart="tags"]').count()).toBe(1);
    expect(await paintedCanvases(page)).toBe(4);
    expect(await page.evaluate('window.sameDocument')).toBe(true);
    expect(await page.locator('img').count()).toBe(0);
    // A modest pace whatever the rate of events: at least 3 s between two fetches of the charts.
    expect(chartFetches.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < chartFetches.length; i++) {
      expect((chartFetches[i] as number) - (chartFetches[i - 1] as number)).toBeGreaterThanOrEqual(2900);
    }
    await page.screenshot({ path: `${ARTIFACTS}/live-charts.png`, fullPage: true });

    // When the run ends, the page shows the final figures: the stored summary of every result.
    await report.models.Result.insertMany(resultDocs(run._id, models, stored, 40));
    const final = await completeRun(report.models, run._id, models);
    await report.bus.publish({ ...progress(40), status: 'completed' });
    await waitForText(page, '#status', 'completed');
    await page.waitForSelector('body[data-charts-drawn="true"]');
    expect(await drawnScores(page)).toEqual(expectedScores(final));
    expect(await shownTables(page)).toEqual(expectedTables(final));
    await expect(page.locator('#charts').getAttribute('data-answers')).resolves.toBe('40');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps hostile model outputs and names inert and shows them as text', async () => {
    const hostile = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2; alert(1)">';
    const { shareId } = await seedRun(report.models, {
      cases: 3,
      models: ['demo:fast'],
      benchmarkName: '<img src=x onerror=alert(3)> Evil </script>',
      output: () => ({ output: hostile, pass: false }),
    });
    const { page, problems } = await openPage(browser);
    await page.goto(`${report.baseUrl}/r/${shareId}`);
    await page.waitForSelector('#cases .case');
    await page.waitForTimeout(300);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    await expect(page.locator('#cases .output').first().textContent()).resolves.toBe(hostile);
    await expect(page.locator('h1').textContent()).resolves.toBe('<img src=x onerror=alert(3)> Evil </script> · v1');
    await page.screenshot({ path: `${ARTIFACTS}/hostile.png`, fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('answers 404 for unknown, revoked and expired share ids', async () => {
    const revoked = await seedRun(report.models, { cases: 2, shareRevoked: true });
    const expired = await seedRun(report.models, { cases: 2, shareExpiresAt: new Date(Date.now() - 1000) });
    const { page } = await openPage(browser);
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', revoked.shareId, expired.shareId, '..%2F..%2Fetc']) {
      const response = await page.goto(`${report.baseUrl}/r/${id}`);
      expect(response?.status()).toBe(404);
      await expect(page.locator('h1').textContent()).resolves.toBe('Report not found');
      for (const suffix of ['results.json', 'charts.json', 'export.csv', 'events', 'chart.png']) {
        expect((await fetch(`${report.baseUrl}/r/${id}/${suffix}`)).status).toBe(404);
      }
    }
    await page.screenshot({ path: `${ARTIFACTS}/not-found.png` });
    await page.close();
  });

  it('downloads every result as CSV, JSON and JSON Lines, and serves the Open Graph image', async () => {
    const { shareId } = await seedRun(report.models, {
      cases: 30,
      output: (i) => ({ output: i === 0 ? '=HYPERLINK("x"), "quoted"\nline' : `ok ${i}`, pass: i % 2 === 0 }),
    });
    const csv = await (await fetch(`${report.baseUrl}/r/${shareId}/export.csv`)).text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'case_id,model,sample,pass,score,cost_usd,latency_ms,prompt_tokens,completion_tokens,cached,error,reasons,expected,output',
    );
    expect(csv).toContain(`"'=HYPERLINK(""x""), ""quoted""\nline"`);
    const json = (await (await fetch(`${report.baseUrl}/r/${shareId}/export.json`)).json()) as {
      results: unknown[];
      summary: { ranking: string[] };
    };
    expect(json.results).toHaveLength(60);
    expect(json.summary.ranking).toHaveLength(2);
    const jsonl = (await (await fetch(`${report.baseUrl}/r/${shareId}/export.jsonl`)).text()).trimEnd().split('\n');
    expect(jsonl).toHaveLength(60);
    expect(JSON.parse(jsonl[0] as string)).toMatchObject({ case_id: 'case-00001', expected: '0' });

    // A finished run's event stream says so once and ends.
    const events = await fetch(`${report.baseUrl}/r/${shareId}/events`);
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const stream = await events.text();
    expect(stream.match(/^data: /gm)).toHaveLength(1);
    expect(JSON.parse(stream.slice('data: '.length))).toMatchObject({ status: 'completed', done: 60, total: 60 });

    const badPage = await fetch(`${report.baseUrl}/r/${shareId}/results.json?page=0`);
    expect(badPage.status).toBe(400);
    expect(((await badPage.json()) as { message: string }).message).toMatch(/page/);

    const image = await fetch(`${report.baseUrl}/r/${shareId}/chart.png`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(pngSize(new Uint8Array(await image.arrayBuffer()))).toEqual({ width: 1200, height: 630 });
  });

  it('compares two runs case by case', async () => {
    const a = await seedRun(report.models, { cases: 30 });
    const b = await seedRun(report.models, { cases: 30, output: (i) => ({ output: `b ${i}`, pass: i % 2 === 0 }) });
    const { page, problems } = await openPage(browser);
    const response = await page.goto(`${report.baseUrl}/compare?runs=${a.shareId},${b.shareId}`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('table.compare tbody tr').count()).toBe(30);
    await page.click('text=show changed cases only');
    const changed = await page.locator('table.compare tbody tr').count();
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThan(30);
    await page.screenshot({ path: `${ARTIFACTS}/compare.png`, fullPage: true });
    expect((await fetch(`${report.baseUrl}/compare?runs=${a.shareId},AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    expect((await fetch(`${report.baseUrl}/compare?runs=${a.shareId}`)).status).toBe(400);
    expect(problems).toEqual([]);
    await page.close();
  });
});
