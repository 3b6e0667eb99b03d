import { type Config, loadConfig } from '../../src/config.ts';
import type { ChatNotifier } from '../../src/core/ports.ts';
import type { Platform } from '../../src/core/use-cases/actor.ts';
import { startWorker, type WorkerOptions } from '../../src/jobs/start-worker.ts';
import type { SimulatorBehaviour } from '../../src/llm/simulator/behaviour.ts';
import { createLogger } from '../../src/logger.ts';
import { openRuntime } from '../../src/runtime.ts';
import { createServices, type Services, type ServicesOptions } from '../../src/services.ts';
import { deleteKeys, freshMongoUri, redisUrl, uniqueName } from './services.ts';

export interface HarnessOptions {
  /** Extra environment (on top of a fresh database, a unique queue prefix and demo mode). */
  env?: Record<string, string>;
  simulator?: Partial<SimulatorBehaviour>;
  /** Demo provider limits and the limiter's rate window. */
  limits?: Pick<ServicesOptions, 'demoLimits' | 'rateWindowMs'>;
  /** Start a worker in this process (default true). */
  worker?: boolean;
  workerOptions?: WorkerOptions;
  notifiers?: Partial<Record<Platform, ChatNotifier>>;
}

export interface Harness {
  config: Config;
  services: Services;
  hub: Services['hub'];
  worker?: Awaited<ReturnType<typeof startWorker>>;
  close(): Promise<void>;
}

/**
 * The real service stack for a test: its own MongoDB database and Redis key prefix, the demo
 * simulator as the model provider, and (by default) a worker in-process.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    REDIS_URL: redisUrl(),
    MONGODB_URI: freshMongoUri(),
    LOCAL_SERVICES: 'off',
    QUEUE_PREFIX: uniqueName('bht'),
    PUBLIC_URL: 'http://127.0.0.1:3000',
    RECONCILE_INTERVAL_MS: '2000',
    ...options.env,
  });
  const logger = createLogger({ level: config.env.LOG_LEVEL, pretty: false, secrets: config.secrets });
  const runtime = await openRuntime(config, logger);
  const services = await createServices(config, logger, runtime, {
    ...(options.simulator ? { simulator: options.simulator } : {}),
    recordSimulatorRequests: true,
    keySource: {},
    ...options.limits,
  });
  const worker =
    options.worker === false
      ? undefined
      : await startWorker(services, { notifiers: options.notifiers ?? {}, ...options.workerOptions });
  return {
    config,
    services,
    hub: services.hub,
    ...(worker ? { worker } : {}),
    async close() {
      await worker?.stop();
      await services.close();
      await runtime.mongo.dropDatabase().catch(() => {});
      await deleteKeys(runtime.redis, config.env.QUEUE_PREFIX).catch(() => {});
      await runtime.close();
    },
  };
}
