import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startMongo, startRedis } from '../../../src/dev/local-services.ts';
import { buildHttpApp, type HttpApp } from '../../../src/http/app.ts';
import { createLogger } from '../../../src/logger.ts';
import { connectMongo, pingMongo } from '../../../src/store/mongo.ts';
import { createRedis, pingRedis } from '../../../src/store/redis.ts';

const quiet = () => {};

async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('/healthz and /readyz', () => {
  let redisPort: number;
  let mongoPort: number;
  let stopRedis: () => Promise<void>;
  let stopMongo: () => Promise<void>;
  let app: HttpApp;
  const closers: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    redisPort = await freePort();
    mongoPort = await freePort();
    const redisServer = await startRedis(quiet, redisPort);
    const mongoServer = await startMongo(quiet, mongoPort);
    stopRedis = redisServer.stop;
    stopMongo = mongoServer.stop;
    const redis = createRedis(redisServer.url, { enableOfflineQueue: false, lazyConnect: true });
    redis.on('error', quiet);
    await redis.connect();
    const mongo = await connectMongo(mongoServer.uri);
    mongo.on('error', quiet);
    closers.push(
      async () => redis.disconnect(),
      () => mongo.close(),
    );
    app = await buildHttpApp({
      logger: createLogger({ level: 'silent', pretty: false, secrets: [] }),
      readiness: { redis: () => pingRedis(redis), mongodb: () => pingMongo(mongo) },
    });
  });

  afterAll(async () => {
    await app.close();
    for (const close of closers) await close();
    await stopRedis();
    await stopMongo();
  });

  const readyz = async () => {
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    return { status: response.statusCode, body: response.json() as { down: string[]; checks: Record<string, string> } };
  };

  it('is live and ready while both stores answer', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    expect(await readyz()).toMatchObject({ status: 200, body: { down: [] } });
  });

  it('answers 503 naming Redis while it is down, and recovers when it is back', async () => {
    await stopRedis();
    const down = await readyz();
    expect(down.status).toBe(503);
    expect(down.body.down).toEqual(['redis']);
    expect(down.body.checks.redis).toMatch(/^down: /);
    stopRedis = (await startRedis(quiet, redisPort)).stop;
    await eventually(async () => (await readyz()).status === 200);
  });

  it('answers 503 naming MongoDB while it is down, and recovers when it is back', async () => {
    await stopMongo();
    const down = await readyz();
    expect(down.status).toBe(503);
    expect(down.body.down).toEqual(['mongodb']);
    stopMongo = (await startMongo(quiet, mongoPort)).stop;
    await eventually(async () => (await readyz()).status === 200, 40_000);
  });
});
