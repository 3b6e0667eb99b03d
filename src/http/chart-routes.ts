import type { FastifyPluginAsync } from 'fastify';
import { checkFormat, parseBackground, parseChartConfig, parseDimension } from '../charts/chart-request.ts';
import type { ChartRenderer } from '../core/ports.ts';

interface ChartQuery {
  c?: string;
  chart?: string;
  w?: string;
  width?: string;
  h?: string;
  height?: string;
  bkg?: string;
  backgroundColor?: string;
  f?: string;
  format?: string;
}

interface ChartBody {
  chart?: unknown;
  width?: unknown;
  height?: unknown;
  backgroundColor?: unknown;
  format?: unknown;
}

/**
 * QuickChart-compatible chart endpoint: `GET /chart?c=…&w=&h=&bkg=&f=png` and `POST /chart`
 * with `{chart, width, height, backgroundColor, format}`. Bad input answers 400 through the app's
 * error handler (ChartRequestError is an AppError).
 */
export const chartRoutes: FastifyPluginAsync<{ renderer: ChartRenderer }> = async (app, { renderer }) => {
  async function draw(input: {
    chart: unknown;
    width: unknown;
    height: unknown;
    background: unknown;
    format: unknown;
  }) {
    checkFormat(input.format);
    const width = parseDimension(input.width, 'Width', 500);
    const height = parseDimension(input.height, 'Height', 300);
    const backgroundColor = parseBackground(input.background);
    const config = parseChartConfig(input.chart);
    return Buffer.from(await renderer.render(config, { width, height, backgroundColor }));
  }

  app.get<{ Querystring: ChartQuery }>('/chart', async (request, reply) => {
    const q = request.query;
    const png = await draw({
      chart: q.c ?? q.chart,
      width: q.w ?? q.width,
      height: q.h ?? q.height,
      background: q.bkg ?? q.backgroundColor,
      format: q.f ?? q.format,
    });
    return reply.type('image/png').header('cache-control', 'public, max-age=86400').send(png);
  });

  app.post<{ Body: ChartBody }>('/chart', { bodyLimit: 256 * 1024 }, async (request, reply) => {
    const body = request.body ?? {};
    const png = await draw({
      chart: body.chart,
      width: body.width,
      height: body.height,
      background: body.backgroundColor,
      format: body.format,
    });
    return reply.type('image/png').send(png);
  });
};
