import type { TestProject } from 'vitest/node';
import { startLocalServices } from '../src/dev/local-services.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    mongoUri: string;
  }
}

/** Starts (or reuses) Redis and a MongoDB-compatible server once for all integration files. */
export default async function setup(project: TestProject) {
  const services = await startLocalServices({
    redisUrl: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    mongoUri: process.env.MONGODB_URI || undefined,
  });
  project.provide('redisUrl', services.redisUrl);
  project.provide('mongoUri', services.mongoUri);
  return () => services.stop();
}
