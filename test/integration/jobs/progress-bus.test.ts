import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunProgressEvent } from '../../../src/core/run/progress.ts';
import { createRedisProgressBus, progressChannel } from '../../../src/jobs/progress-bus.ts';
import { openRedis, uniqueName } from '../../support/services.ts';

function event(runId: string, done: number): RunProgressEvent {
  return {
    runId,
    status: 'running',
    done,
    total: 10,
    errors: 0,
    cached: 0,
    costUsd: 0.01 * done,
    etaMs: null,
    message: '',
    at: new Date().toISOString(),
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('Redis progress bus', () => {
  let publisher: Redis;
  let bus: ReturnType<typeof createRedisProgressBus>;
  beforeAll(() => {
    publisher = openRedis();
    bus = createRedisProgressBus(publisher, openRedis);
  });
  afterAll(async () => {
    await bus.close();
    await publisher.quit();
  });

  it('delivers events of the subscribed run only, until unsubscribed', async () => {
    const runId = uniqueName('run');
    const other = uniqueName('run');
    const seen: RunProgressEvent[] = [];
    const unsubscribe = await bus.subscribe(runId, (received) => seen.push(received));
    await bus.publish(event(other, 1));
    await bus.publish(event(runId, 2));
    await until(() => seen.length >= 1);
    expect(seen.map((received) => received.done)).toEqual([2]);

    await unsubscribe();
    await bus.publish(event(runId, 3));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen).toHaveLength(1);
  });

  it('ignores messages on the channel that are not valid events', async () => {
    const runId = uniqueName('run');
    const seen: RunProgressEvent[] = [];
    const unsubscribe = await bus.subscribe(runId, (received) => seen.push(received));
    await publisher.publish(progressChannel(runId), 'not json');
    await publisher.publish(progressChannel(runId), JSON.stringify({ runId, status: 'bogus' }));
    await bus.publish(event(runId, 5));
    await until(() => seen.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.map((received) => received.done)).toEqual([5]);
    await unsubscribe();
  });

  it('refuses to publish an invalid event', async () => {
    await expect(bus.publish({ ...event('r', 1), done: -1 })).rejects.toThrow();
  });
});
