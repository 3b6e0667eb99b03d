import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { inject } from 'vitest';
import { connectMongo } from '../../src/store/mongo.ts';
import { deleteKeysMatching } from '../../src/store/redis.ts';

/** A short random suffix so every test gets its own database, queue names and key prefixes. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export function redisUrl(): string {
  return inject('redisUrl');
}

/** A MongoDB URI naming a fresh database on the shared test server. */
export function freshMongoUri(): string {
  const url = new URL(inject('mongoUri'));
  url.pathname = `/${uniqueName('bh_test')}`;
  return url.toString();
}

/** Opens a connection to a fresh database; `drop()` removes the database and closes it. */
export async function openTestDatabase(): Promise<{ connection: Connection; drop: () => Promise<void> }> {
  const connection = await connectMongo(freshMongoUri());
  return {
    connection,
    drop: async () => {
      await connection.dropDatabase();
      await connection.close();
    },
  };
}

export function openRedis(): Redis {
  return new Redis(redisUrl(), { maxRetriesPerRequest: null });
}

/** Removes every Redis key under `prefix` (a test's or bench's own), so the shared server does not fill up. */
export function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  return deleteKeysMatching(redis, `${prefix}:*`);
}
