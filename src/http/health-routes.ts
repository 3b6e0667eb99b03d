import type { FastifyPluginAsync } from 'fastify';

/** A named ping; it throws (or rejects) when the dependency is not usable. */
export type ReadinessChecks = Record<string, () => Promise<void>>;

/** `/healthz`: the process is alive. `/readyz`: every dependency answers; 503 names those that do not. */
export const healthRoutes: FastifyPluginAsync<{ checks: ReadinessChecks }> = async (app, { checks }) => {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const entries = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (error) {
          return [name, `down: ${error instanceof Error ? error.message : String(error)}`] as const;
        }
      }),
    );
    const down = entries.filter(([, state]) => state !== 'ok').map(([name]) => name);
    return reply
      .status(down.length === 0 ? 200 : 503)
      .send({ status: down.length === 0 ? 'ready' : 'unavailable', down, checks: Object.fromEntries(entries) });
  });
};
