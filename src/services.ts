import { createHash, randomBytes } from 'node:crypto';
import type { Config } from './config.ts';
import { DEMO_MODELS, findDemoModel } from './core/cost/demo-models.ts';
import { createHub } from './core/use-cases/create-hub.ts';
import type { BenchmarkHub } from './core/use-cases/hub.ts';
import type { HistoryStore } from './core/use-cases/store-ports.ts';
import { createBudgetLedger, type RedisBudgetLedger } from './jobs/budget-ledger.ts';
import { createRedisProgressBus } from './jobs/progress-bus.ts';
import { createWorkQueue } from './jobs/work-queue.ts';
import { type CreateGatewayOptions, createGateway, type GatewayHandle } from './llm/create-gateway.ts';
import { createResponseCache } from './llm/response-cache.ts';
import type { Logger } from './logger.ts';
import type { Runtime } from './runtime.ts';
import { createHistoryStore } from './store/history-store.ts';
import { createCommandRedis, createRedis } from './store/redis.ts';
import { createTemplateLibrary } from './templates/library.ts';

/** Everything the roles of one process share, built once from configuration. */
export interface Services {
  config: Config;
  logger: Logger;
  runtime: Runtime;
  hub: BenchmarkHub;
  store: HistoryStore;
  queue: ReturnType<typeof createWorkQueue>;
  ledger: RedisBudgetLedger;
  progressBus: ReturnType<typeof createRedisProgressBus>;
  llm: GatewayHandle;
  prefix: string;
  close(): Promise<void>;
}

export interface ServicesOptions {
  /** Demo simulator behaviour (tests and benches). */
  simulator?: CreateGatewayOptions['simulator'];
  /** A demo simulator already running elsewhere (benches). */
  demoBaseUrl?: string;
  recordSimulatorRequests?: boolean;
  /** Where provider API keys are read (default `process.env`). */
  keySource?: Record<string, string | undefined>;
  /** Demo provider limits and the limiter's rate window (tests and benches). */
  demoLimits?: CreateGatewayOptions['demoLimits'];
  rateWindowMs?: number;
}

export async function createServices(
  config: Config,
  logger: Logger,
  runtime: Runtime,
  options: ServicesOptions = {},
): Promise<Services> {
  const prefix = config.env.QUEUE_PREFIX;
  // BullMQ and pub/sub need connections that wait for Redis instead of failing fast. BullMQ gets its
  // own, unpipelined: auto-pipelining under BullMQ has been reported to lose jobs' state.
  const queueConnection = createRedis(runtime.redisUrl, {}, logger);
  const commands = createCommandRedis(runtime.redisUrl, logger);
  const store = createHistoryStore({ models: runtime.models, redis: commands });
  const queue = createWorkQueue({ redis: queueConnection, prefix });
  const ledger = createBudgetLedger({
    redis: commands,
    prefix,
    spentInStore: (workspaceId, month) => store.spendSince(workspaceId, new Date(`${month}-01T00:00:00Z`)),
  });
  const progressBus = createRedisProgressBus(commands, () => createRedis(runtime.redisUrl, {}, logger));
  const llm = await createGateway({
    env: config.env,
    redis: commands,
    logger,
    cache: createResponseCache(runtime.models.ResponseCache),
    keyPrefix: `${prefix}:llm`,
    ...(options.simulator ? { simulator: options.simulator } : {}),
    ...(options.demoBaseUrl ? { demoBaseUrl: options.demoBaseUrl } : {}),
    ...(options.recordSimulatorRequests ? { recordSimulatorRequests: true } : {}),
    ...(options.keySource ? { keySource: options.keySource } : {}),
    ...(options.demoLimits ? { demoLimits: options.demoLimits } : {}),
    ...(options.rateWindowMs ? { rateWindowMs: options.rateWindowMs } : {}),
  });
  const templates = createTemplateLibrary();
  const hub = createHub({
    store,
    queue,
    ledger,
    templates,
    estimate: async (input) => (await import('./core/cost/estimate.ts')).estimateRun(input),
    catalog: () => llm.catalog,
    clock: { now: () => new Date() },
    publicUrl: config.publicUrl,
    newShareId: () => randomBytes(18).toString('base64url'),
    hash: (text) => createHash('sha256').update(text).digest('hex'),
    fallbackModels: llm.demoMode ? DEMO_MODELS.map((model) => model.id) : [],
    isSimulated: (model) => findDemoModel(model) !== undefined,
  });
  return {
    config,
    logger,
    runtime,
    hub,
    store,
    queue,
    ledger,
    progressBus,
    llm,
    prefix,
    async close() {
      await progressBus.close();
      await queue.close();
      await llm.close();
      queueConnection.disconnect();
      commands.disconnect();
    },
  };
}
