import Fastify, { type FastifyBaseLogger } from 'fastify';
import { AppError } from '../core/errors.ts';
import type { Logger } from '../logger.ts';
import { healthRoutes, type ReadinessChecks } from './health-routes.ts';
import { type ReportRouteDeps, registerReportRoutes } from './report/register.ts';

export interface HttpDependencies {
  logger: Logger;
  /** Named dependency pings for `/readyz`. */
  readiness: ReadinessChecks;
  /** Report pages, `/chart` and static assets; left out, the app serves health checks only. */
  report?: ReportRouteDeps;
}

/**
 * Builds the HTTP app: plugins in a fixed order (error handling, then routes).
 * Tests call it directly and use `app.inject()`.
 */
export async function buildHttpApp(deps: HttpDependencies) {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: 6 * 1024 * 1024,
    trustProxy: true,
  });

  // The one place HTTP errors become responses; 5xx details stay in the log.
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(400).send({ error: error.code, message: error.userMessage });
    }
    const status =
      typeof (error as { statusCode?: unknown }).statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(status).send({ error: 'internal_error', message: 'Something went wrong on our side.' });
    }
    return reply.status(status).send({ error: 'bad_request', message: (error as Error).message });
  });

  await app.register(healthRoutes, { checks: deps.readiness });
  if (deps.report) await registerReportRoutes(app, deps.report);
  return app;
}

export type HttpApp = Awaited<ReturnType<typeof buildHttpApp>>;
