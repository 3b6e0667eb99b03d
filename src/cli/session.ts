import { userInfo } from 'node:os';
import type { Actor } from '../core/use-cases/actor.ts';
import { startWorker } from '../jobs/start-worker.ts';
import { createLogger } from '../logger.ts';
import { openRuntime } from '../runtime.ts';
import { createQuickJsSandbox } from '../sandbox/quickjs-sandbox.ts';
import { loadConfigOrExit } from '../service.ts';
import { createServices, type Services } from '../services.ts';

/** The CLI acts in the local workspace of the user running it. */
export function localActor(): Actor {
  const user = userInfo().username || 'local';
  return {
    workspace: { platform: 'local', externalId: 'local', name: 'Local' },
    userId: user,
    userName: user,
    platformAdmin: true,
  };
}

/**
 * Opens the service stack for one CLI command: configuration, Redis and MongoDB (local services
 * when none are configured), and, for `run`, a worker in this process so no server is needed.
 * Logs go to stderr so `--json` output stays clean.
 */
export async function openSession(options: { worker: boolean; concurrency?: number }) {
  const config = loadConfigOrExit();
  const logger = createLogger({
    level: process.env.LOG_LEVEL ? config.env.LOG_LEVEL : 'warn',
    pretty: false,
    secrets: config.secrets,
    destination: process.stderr,
  });
  const runtime = await openRuntime(config, logger);
  const services: Services = await createServices(config, logger, runtime);
  const worker = options.worker
    ? await startWorker(services, {
        sandbox: createQuickJsSandbox(),
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      })
    : undefined;
  return {
    services,
    hub: services.hub,
    async close() {
      await worker?.stop();
      await services.close();
      await runtime.close();
    },
  };
}
export type Session = Awaited<ReturnType<typeof openSession>>;
