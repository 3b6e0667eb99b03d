import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCanvasRenderer } from '../../../src/charts/canvas-renderer.ts';
import { costScoreChart, historyChart, latencyChart, scoresChart, tagChart } from '../../../src/charts/configs.ts';
import {
  chartClientOptionsFromUrl,
  createChartClient,
  createQuickChartRenderer,
} from '../../../src/charts/quickchart-client.ts';
import { summarizeRun } from '../../../src/core/stats/summary.ts';
import { pngSize, type ReportApp, resultDoc, startReportApp } from '../../support/report-fixtures.ts';
import { openRedis, openTestDatabase } from '../../support/services.ts';

const models = ['openrouter:anthropic/claude-sonnet-4.5-extended-thinking-preview', 'openai:gpt-4o-mini', 'demo:fast'];
const summary = summarizeRun({
  models,
  samples: 1,
  results: Array.from({ length: 90 }, (_, i) => {
    const doc = resultDoc('run', Math.floor(i / 3), models[i % 3] as string, i % 3, {});
    return { ...doc, error: null };
  }),
});
const configs = {
  scores: scoresChart(summary),
  cost: costScoreChart(summary),
  latency: latencyChart(summary),
  tags: tagChart(summary),
  history: historyChart([
    { label: 'v1 · 11-30', model: 'demo:fast', passRate: 0.5 },
    { label: 'v2 · 12-01', model: 'demo:fast', passRate: 0.7 },
    { label: 'v2 · 12-01', model: 'openai:gpt-4o-mini', passRate: 0.6 },
  ]),
};

/** Share of pixels that differ from the top-left one: a blank image has none. */
async function paintedShare(png: Uint8Array): Promise<number> {
  const { loadImage, createCanvas } = await import('@napi-rs/canvas');
  const image = await loadImage(Buffer.from(png));
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let differ = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) differ += 1;
    if (data[i + 3] !== 255) throw new Error('the image has transparent pixels');
  }
  return differ / (data.length / 4);
}

describe('canvas renderer', () => {
  const renderer = createCanvasRenderer();

  it.each(Object.entries(configs))(
    'renders the %s chart to an opaque, non-blank PNG of the asked size',
    async (_, config) => {
      const png = await renderer.render(config, { width: 800, height: 450 });
      expect(pngSize(png)).toEqual({ width: 800, height: 450 });
      expect(await paintedShare(png)).toBeGreaterThan(0.01);
    },
  );

  it('refuses sizes outside 100–2000 px', async () => {
    await expect(renderer.render(configs.scores, { width: 5000, height: 300 })).rejects.toThrow(/width/);
    await expect(renderer.render(configs.scores, { width: 300, height: 50 })).rejects.toThrow(/height/);
  });

  it('leaves the caller’s config untouched', async () => {
    const before = JSON.stringify(configs.cost);
    await renderer.render(configs.cost, { width: 400, height: 300 });
    expect(JSON.stringify(configs.cost)).toBe(before);
  });
});

describe('/chart endpoint', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let report: ReportApp;
  beforeAll(async () => {
    db = await openTestDatabase();
    report = await startReportApp({ connection: db.connection, openRedis, listen: true });
  });
  afterAll(async () => {
    await report?.close();
    await db?.drop();
  });

  it('draws a GET chart with QuickChart parameters', async () => {
    const url = `/chart?c=${encodeURIComponent(JSON.stringify(configs.scores))}&w=640&h=360&bkg=white&f=png`;
    const response = await report.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(pngSize(response.rawPayload)).toEqual({ width: 640, height: 360 });
  });

  it('draws a POSTed chart', async () => {
    const response = await report.app.inject({
      method: 'POST',
      url: '/chart',
      payload: { chart: configs.latency, width: 500, height: 300, backgroundColor: '#ffffff', format: 'png' },
    });
    expect(response.statusCode).toBe(200);
    expect(pngSize(response.rawPayload)).toEqual({ width: 500, height: 300 });
  });

  it('is what the quickchart-js client reaches, by URL and by POST', async () => {
    const client = createChartClient({ ...chartClientOptionsFromUrl(report.baseUrl), width: 600, height: 320 });
    expect(client.chartUrl(configs.tags)).toMatch(new RegExp(`^${report.baseUrl}/chart\\?c=`));
    const viaGet = await fetch(client.chartUrl(configs.tags));
    expect(viaGet.status).toBe(200);
    expect(pngSize(new Uint8Array(await viaGet.arrayBuffer()))).toEqual({ width: 600, height: 320 });
    const png = await client.renderChartPng(configs.history, { width: 700, height: 400 });
    expect(pngSize(png)).toEqual({ width: 700, height: 400 });
  });

  it('serves as the chart service of a QuickChart-backed renderer', async () => {
    const renderer = createQuickChartRenderer(chartClientOptionsFromUrl(report.baseUrl));
    const png = await renderer.render(configs.cost, { width: 420, height: 260, backgroundColor: '#f0f0f0' });
    expect(pngSize(png)).toEqual({ width: 420, height: 260 });
  });

  const bad: [string, () => Promise<{ statusCode: number; json: () => { message: string } }>, RegExp][] = [
    ['a JavaScript config', () => get("{type:'bar',data:{datasets:[]}}"), /must be JSON/],
    [
      'a config with a function',
      () => get('{"type":"bar","data":{"datasets":[]},"options":{"x":function(){return 1}}}'),
      /must be JSON/,
    ],
    ['truncated JSON', () => get('{"type":"bar",'), /must be JSON/],
    ['no config', () => inject('/chart'), /missing/],
    ['an unknown chart type', () => get('{"type":"sankey","data":{"datasets":[]}}'), /type must be one of/],
    ['no datasets', () => get('{"type":"bar","data":{}}'), /data.datasets/],
    [
      'a config over 100 KB',
      () => post({ type: 'bar', data: { datasets: [{ data: [], label: 'x'.repeat(110_000) }] } }),
      /100 KB/,
    ],
    [
      'more than 50 datasets',
      () => post({ type: 'bar', data: { datasets: Array.from({ length: 51 }, () => ({ data: [1] })) } }),
      /51 datasets/,
    ],
    [
      'more than 10,000 points',
      () => post({ type: 'line', data: { datasets: [{ data: Array.from({ length: 10_001 }, () => 1) }] } }),
      /10001 points/,
    ],
    [
      'a prototype key',
      () => get('{"type":"bar","data":{"datasets":[]},"options":{"__proto__":{"x":1}}}'),
      /__proto__/,
    ],
    ['a huge width', () => inject(`/chart?c=${encodeURIComponent(JSON.stringify(configs.scores))}&w=99999`), /Width/],
    ['an SVG format', () => inject(`/chart?c=${encodeURIComponent(JSON.stringify(configs.scores))}&f=svg`), /png/],
    [
      'a strange background',
      () => inject(`/chart?c=${encodeURIComponent(JSON.stringify(configs.scores))}&bkg=url(x)`),
      /Background/,
    ],
    ['inline plugins', () => post({ type: 'bar', data: { datasets: [] }, plugins: [{ id: 'x' }] }), /plugins/],
  ];
  function inject(url: string) {
    return report.app.inject({ method: 'GET', url });
  }
  function get(config: string) {
    return inject(`/chart?c=${encodeURIComponent(config)}`);
  }
  function post(chart: unknown) {
    return report.app.inject({ method: 'POST', url: '/chart', payload: { chart } });
  }

  it.each(bad)('answers 400 with a message for %s', async (_, send, message) => {
    const response = await send();
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(message);
  });

  it('answers 400 to a POST body that is not JSON', async () => {
    const response = await report.app.inject({
      method: 'POST',
      url: '/chart',
      headers: { 'content-type': 'application/json' },
      payload: '{"chart": {',
    });
    expect(response.statusCode).toBe(400);
  });

  it('limits requests per client with 429 and Retry-After', async () => {
    const limited = await startReportApp({
      connection: db.connection,
      openRedis,
      rateLimit: { capacity: 2, refillPerSecond: 0.1 },
      listen: false,
    });
    try {
      const url = `/chart?c=${encodeURIComponent(JSON.stringify(configs.scores))}`;
      expect((await limited.app.inject({ url })).statusCode).toBe(200);
      expect((await limited.app.inject({ url })).statusCode).toBe(200);
      const third = await limited.app.inject({ url });
      expect(third.statusCode).toBe(429);
      expect(Number(third.headers['retry-after'])).toBeGreaterThan(0);
      // Static assets are not limited: the page's own script must always load.
      expect((await limited.app.inject({ url: '/static/report.js' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
