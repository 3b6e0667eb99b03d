import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config.ts';
import { startLocalServices } from '../../src/dev/local-services.ts';
import { createLogger } from '../../src/logger.ts';
import { openRuntime } from '../../src/runtime.ts';
import { createServices, type ServicesOptions } from '../../src/services.ts';
import { deleteKeys } from '../../test/support/services.ts';

/**
 * The real service stack for a bench script: local Redis/MongoDB-compatible services (reused when
 * they answer), a fresh database and key prefix, demo mode, logs off. `close` removes what it made.
 */
export async function openBenchStack(options: ServicesOptions = {}) {
  const local = await startLocalServices({
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    mongoUri: process.env.MONGODB_URI || undefined,
  });
  const database = `bh_bench_${randomBytes(4).toString('hex')}`;
  const mongoUri = new URL(local.mongoUri);
  mongoUri.pathname = `/${database}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    REDIS_URL: local.redisUrl,
    MONGODB_URI: mongoUri.toString(),
    LOCAL_SERVICES: 'off',
    QUEUE_PREFIX: database,
  });
  const logger = createLogger({ level: 'silent', pretty: false, secrets: [] });
  const runtime = await openRuntime(config, logger);
  const services = await createServices(config, logger, runtime, { keySource: {}, ...options });
  return {
    config,
    runtime,
    services,
    async close() {
      await services.close();
      await runtime.mongo.dropDatabase().catch(() => {});
      await deleteKeys(runtime.redis, config.env.QUEUE_PREFIX).catch(() => {});
      await runtime.close();
      await local.stop();
    },
  };
}
