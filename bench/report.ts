/**
 * Report page performance: a run of 10,000 results (5,000 cases × 2 models) behind a share link.
 * Measures the server time of `/r/:id` (target < 300 ms), the time Chromium takes from navigation
 * to the page loaded with every chart drawn (target < 1.5 s) and the bytes a first visit transfers
 * (target < 600 KB). Each figure is printed with its ratio to the limit (≤ 1 meets it).
 * Run with `node bench/report.ts` (starts local Redis/MongoDB-compatible services when needed).
 */
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { startLocalServices } from '../src/dev/local-services.ts';
import { connectMongo } from '../src/store/mongo.ts';
import { createRedis } from '../src/store/redis.ts';
import { seedRun, startReportApp } from '../test/support/report-fixtures.ts';

const CASES = 5000;
const MODELS = ['demo:fast', 'openrouter:anthropic/claude-sonnet-4.5'];
const LIMITS = { serverMs: 300, paintMs: 1500, pageKb: 600 };
const ROUNDS = { server: 20, paint: 5 };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function report(name: string, value: number, limit: number, unit: string): boolean {
  const ratio = value / limit;
  console.log(
    `${name.padEnd(34)} ${value.toFixed(1).padStart(8)} ${unit.padEnd(3)} limit ${limit} ${unit}  ratio ${ratio.toFixed(2)} ${ratio <= 1 ? 'ok' : 'OVER'}`,
  );
  return ratio <= 1;
}

const services = await startLocalServices({
  redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
  mongoUri: process.env.MONGODB_URI || undefined,
});
const mongoUrl = new URL(services.mongoUri);
mongoUrl.pathname = `/bh_bench_${randomBytes(4).toString('hex')}`;
const connection = await connectMongo(mongoUrl.toString());
const app = await startReportApp({ connection, openRedis: () => createRedis(services.redisUrl) });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

let allMet = true;
try {
  const seeding = Date.now();
  const { shareId } = await seedRun(app.models, { models: MODELS, cases: CASES });
  console.log(`seeded ${CASES * MODELS.length} results in ${Date.now() - seeding} ms`);
  const url = `${app.baseUrl}/r/${shareId}`;

  // Server time: full response of the page, over loopback, after a warm-up.
  for (let i = 0; i < 3; i++) await (await fetch(url)).text();
  const server: number[] = [];
  for (let i = 0; i < ROUNDS.server; i++) {
    const started = performance.now();
    const response = await fetch(url);
    await response.text();
    if (response.status !== 200) throw new Error(`/r/${shareId} answered ${response.status}`);
    server.push(performance.now() - started);
  }
  const casePage: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await (await fetch(`${url}/results.json?page=${i + 1}&pass=fail`)).text();
    casePage.push(performance.now() - started);
  }

  // Paint time and weight: each round a fresh browser context, so nothing comes from a cache.
  const paint: number[] = [];
  let bytes = 0;
  for (let i = 0; i < ROUNDS.paint; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const finished: Promise<number>[] = [];
    page.on('requestfinished', (request) => {
      finished.push(request.sizes().then((sizes) => sizes.responseBodySize + sizes.responseHeadersSize));
    });
    const started = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-charts-drawn="true"]');
    paint.push(performance.now() - started);
    await page.waitForSelector('#cases .case');
    await page.waitForLoadState('networkidle');
    bytes = (await Promise.all(finished)).reduce((sum, size) => sum + size, 0);
    await context.close();
  }

  console.log(`\nReport of ${CASES * MODELS.length} results (${CASES} cases × ${MODELS.length} models), medians:`);
  allMet = report('server time of /r/:id', median(server), LIMITS.serverMs, 'ms') && allMet;
  allMet = report('Chromium: navigation → charts drawn', median(paint), LIMITS.paintMs, 'ms') && allMet;
  allMet = report('page weight (first visit)', bytes / 1024, LIMITS.pageKb, 'KB') && allMet;
  console.log(`(results.json, a filtered page of 50 cases: ${median(casePage).toFixed(1)} ms)`);
} finally {
  await browser.close();
  await app.close();
  await connection.dropDatabase();
  await connection.close();
  await services.stop();
}
process.exitCode = allMet ? 0 : 1;
