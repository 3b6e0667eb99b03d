import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyPluginAsync } from 'fastify';

interface Asset {
  body: Buffer;
  gzipped: Buffer;
  type: string;
  etag: string;
}

function asset(path: string, type: string): Asset {
  const body = readFileSync(path);
  return {
    body,
    gzipped: gzipSync(body, { level: 9 }),
    type,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  };
}

/**
 * `/static/*`: Chart.js from the installed npm package (no CDN), the chart pieces the PNG renderer
 * shares with the page (point-labels), and the report pages' own script and stylesheet. Read and gzipped once at start-up; the ETag lets browsers revalidate cheaply.
 */
export const staticAssets: FastifyPluginAsync = async (app) => {
  const chartDist = dirname(fileURLToPath(import.meta.resolve('chart.js')));
  const here = join(dirname(fileURLToPath(import.meta.url)), 'static');
  const charts = fileURLToPath(new URL('../../charts/', import.meta.url));
  const assets = new Map<string, Asset>([
    ['chart.umd.js', asset(join(chartDist, 'chart.umd.min.js'), 'text/javascript; charset=utf-8')],
    ['point-labels.js', asset(join(charts, 'point-labels.cjs'), 'text/javascript; charset=utf-8')],
    ['report.js', asset(join(here, 'report.js'), 'text/javascript; charset=utf-8')],
    ['report.css', asset(join(here, 'report.css'), 'text/css; charset=utf-8')],
  ]);

  app.get<{ Params: { name: string } }>('/static/:name', async (request, reply) => {
    const found = assets.get(request.params.name);
    if (!found) return reply.status(404).send({ error: 'not_found', message: 'No such file.' });
    reply.header('etag', found.etag).header('cache-control', 'public, max-age=3600').header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === found.etag) return reply.status(304).send();
    reply.type(found.type);
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      return reply.header('content-encoding', 'gzip').send(found.gzipped);
    }
    return reply.send(found.body);
  });
};
