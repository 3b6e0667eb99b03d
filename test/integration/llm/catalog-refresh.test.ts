import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog, startCatalogRefresh } from '../../../src/llm/catalog-refresh.ts';
import { captureLogger } from './gateway-support.ts';

const LIVE = {
  data: [
    {
      id: 'acme/live-model',
      name: 'Acme Live',
      context_length: 8192,
      pricing: { prompt: '0.000002', completion: '0.000004' },
    },
    { id: 'broken', pricing: { prompt: '-1', completion: '-1' } },
  ],
};

/** A loopback stand-in for OpenRouter's models endpoint whose answer the test changes. */
async function fakeOpenRouter(answer: { status: number; body: string }) {
  const server: Server = createServer((req, res) => {
    if (req.url !== '/api/v1/models') return res.writeHead(404).end();
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/api/v1`, close: () => new Promise((r) => server.close(r)) };
}

describe('catalog refresh', () => {
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  it('reads the live models list, skipping bad entries, and still prices demo models', async () => {
    const fake = await fakeOpenRouter({ status: 200, body: JSON.stringify(LIVE) });
    closers.push(fake.close);
    const { logger } = captureLogger();
    const catalog = await loadCatalog({ baseUrl: fake.baseUrl, logger });
    expect(catalog.source).toBe('live');
    expect(catalog.price('acme/live-model')).toEqual({
      promptPerToken: 0.000002,
      completionPerToken: 0.000004,
      perRequest: 0,
    });
    expect(catalog.lookup('broken')).toBeUndefined();
    expect(catalog.price('demo:fast')).toBeDefined();
  });

  it.each([
    ['an HTTP error', { status: 503, body: '{}' }],
    ['a body that is not JSON', { status: 200, body: '<html>' }],
    ['an empty list', { status: 200, body: '{"data":[]}' }],
  ])('falls back to the bundled snapshot on %s', async (_, answer) => {
    const fake = await fakeOpenRouter(answer);
    closers.push(fake.close);
    const { logger, lines } = captureLogger();
    const catalog = await loadCatalog({ baseUrl: fake.baseUrl, logger });
    expect(catalog.source).toBe('snapshot');
    expect(catalog.price('openai/gpt-5-mini')).toBeDefined();
    expect(lines.some((line) => line.includes('using the bundled snapshot'))).toBe(true);
  });

  it('falls back when the endpoint cannot be reached at all', async () => {
    const { logger } = captureLogger();
    const catalog = await loadCatalog({ baseUrl: 'http://127.0.0.1:9/api/v1', logger, timeoutMs: 1000 });
    expect(catalog.source).toBe('snapshot');
  });

  it('refreshes in place and keeps the live catalog when a later refresh fails', async () => {
    const answer = { status: 200, body: JSON.stringify(LIVE) };
    const fake = await fakeOpenRouter(answer);
    closers.push(fake.close);
    const { logger } = captureLogger();
    const refresher = await startCatalogRefresh({ baseUrl: fake.baseUrl, logger });
    closers.push(async () => refresher.stop());
    const { catalog } = refresher;
    expect(catalog.price('acme/live-model')?.promptPerToken).toBe(0.000002);
    answer.body = JSON.stringify({
      data: [{ id: 'acme/live-model', pricing: { prompt: '0.000003', completion: '0.000004' } }],
    });
    await refresher.refresh();
    expect(catalog.price('acme/live-model')?.promptPerToken).toBe(0.000003);
    answer.status = 500;
    await refresher.refresh();
    expect(catalog.source).toBe('live');
    expect(catalog.price('acme/live-model')?.promptPerToken).toBe(0.000003);
  });
});
