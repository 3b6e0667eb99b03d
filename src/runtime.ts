import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { Config } from './config.ts';
import { PERSISTENT_MONGO, startLocalServices } from './dev/local-services.ts';
import type { Logger } from './logger.ts';
import { createModels, type Models } from './store/models/index.ts';
import { connectMongo, pingMongo } from './store/mongo.ts';
import { createRedis, pingRedis } from './store/redis.ts';

/** The external services one process holds, opened once and closed once. */
export interface Runtime {
  redisUrl: string;
  redis: Redis;
  mongo: Connection;
  models: Models;
  readiness: { redis: () => Promise<void>; mongodb: () => Promise<void> };
  close(): Promise<void>;
}

export async function openRuntime(config: Config, logger: Logger): Promise<Runtime> {
  let redisUrl = config.env.REDIS_URL;
  let mongoUri = config.env.MONGODB_URI;
  let stopLocal = async () => {};
  if (config.localServices) {
    const local = await startLocalServices({
      redisUrl,
      mongoUri,
      log: (message) => logger.info(message),
      persistentMongo: PERSISTENT_MONGO,
    });
    redisUrl = local.redisUrl;
    mongoUri = local.mongoUri;
    stopLocal = local.stop;
  }
  if (!mongoUri) {
    throw new Error('MONGODB_URI is not set and LOCAL_SERVICES is off: set MONGODB_URI to your MongoDB server.');
  }
  // Readiness must fail fast while Redis is down instead of queueing the PING.
  const redis = createRedis(redisUrl, { enableOfflineQueue: false, lazyConnect: true }, logger);
  await redis.connect();
  const mongo = await connectMongo(mongoUri);
  mongo.on('error', (error: Error) => logger.warn({ err: error.message }, 'mongodb connection error'));
  const models = await createModels(mongo);
  logger.info({ redisUrl: redactUrl(redisUrl), mongoUri: redactUrl(mongoUri) }, 'connected to Redis and MongoDB');
  return {
    redisUrl,
    redis,
    mongo,
    models,
    readiness: { redis: () => pingRedis(redis), mongodb: () => pingMongo(mongo) },
    async close() {
      redis.disconnect();
      await mongo.close();
      await stopLocal();
    },
  };
}

/** Hides the password of a connection URL. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:[REDACTED]@');
}
