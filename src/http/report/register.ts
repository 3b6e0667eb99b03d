import type { FastifyInstance } from 'fastify';
import type { ChartRenderer, ProgressBus } from '../../core/ports.ts';
import type { Models } from '../../store/models/index.ts';
import { createRunResultsCache } from '../../store/run-results-cache.ts';
import { chartRoutes } from '../chart-routes.ts';
import { createRateLimit, type RateLimitOptions } from '../rate-limit.ts';
import { registerCompareRoute } from './compare-route.ts';
import { registerEventsRoute } from './events-route.ts';
import { registerReportPageRoutes } from './report-routes.ts';
import { createRunSummaries } from './run-summary.ts';
import { staticAssets } from './static-assets.ts';

/** What the public report pages and the chart endpoint need. */
export interface ReportRouteDeps {
  models: Models;
  progressBus: ProgressBus;
  renderer: ChartRenderer;
  /** Base URL of absolute links (Open Graph image). */
  publicUrl: string;
  /** Per-IP limit on `/r/*`, `/chart` and `/compare` (default: bursts of 120, 2 per second after). */
  rateLimit?: RateLimitOptions;
}

/**
 * Registers the public surface: `/static/*`, and behind a per-IP rate limit `/chart`,
 * `/r/:shareId` (page, results.json, charts.json, exports, events, chart.png) and `/compare`.
 */
export async function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDeps): Promise<void> {
  const results = createRunResultsCache(deps.models);
  const summaries = createRunSummaries(deps.models);
  await app.register(staticAssets);
  await app.register(async (limited) => {
    limited.addHook('onRequest', createRateLimit(deps.rateLimit ?? { capacity: 120, refillPerSecond: 2 }));
    await limited.register(chartRoutes, { renderer: deps.renderer });
    registerReportPageRoutes(limited, { ...deps, results, summaries });
    registerEventsRoute(limited, deps);
    registerCompareRoute(limited, { models: deps.models, results });
  });
}
