import type { Redis } from 'ioredis';
import type { ProgressBus } from '../core/ports.ts';
import { type RunProgressEvent, RunProgressEventSchema } from '../core/run/progress.ts';

/** The Redis channel carrying one run's progress. */
export function progressChannel(runId: string): string {
  return `bh:progress:${runId}`;
}

type Listener = (event: RunProgressEvent) => void;

/**
 * ProgressBus over Redis pub/sub. Publishing uses the shared connection; subscribing needs a
 * dedicated one (a subscribed Redis connection can run no other command), opened lazily on the
 * first subscription and shared by every listener of this process.
 */
export function createRedisProgressBus(
  publisher: Redis,
  subscriberFactory: () => Redis,
): ProgressBus & { close(): Promise<void> } {
  const listeners = new Map<string, Set<Listener>>();
  let subscriber: Redis | undefined;

  function connectSubscriber(): Redis {
    if (subscriber) return subscriber;
    const connection = subscriberFactory();
    connection.on('message', (channel: string, message: string) => {
      const runId = channel.slice(progressChannel('').length);
      const forRun = listeners.get(runId);
      if (!forRun) return;
      let parsed: ReturnType<typeof RunProgressEventSchema.safeParse>;
      try {
        parsed = RunProgressEventSchema.safeParse(JSON.parse(message));
      } catch {
        return;
      }
      // Anything on the channel that is not a valid event is ignored rather than shown.
      if (!parsed.success || parsed.data.runId !== runId) return;
      for (const listener of forRun) listener(parsed.data);
    });
    subscriber = connection;
    return connection;
  }

  return {
    async publish(event) {
      const valid = RunProgressEventSchema.parse(event);
      await publisher.publish(progressChannel(valid.runId), JSON.stringify(valid));
    },

    async subscribe(runId, listener) {
      const connection = connectSubscriber();
      let forRun = listeners.get(runId);
      if (!forRun) {
        forRun = new Set();
        listeners.set(runId, forRun);
        await connection.subscribe(progressChannel(runId));
      }
      forRun.add(listener);
      let active = true;
      return async () => {
        if (!active) return;
        active = false;
        const current = listeners.get(runId);
        if (!current) return;
        current.delete(listener);
        if (current.size === 0) {
          listeners.delete(runId);
          await connection.unsubscribe(progressChannel(runId));
        }
      };
    },

    /** Closes the subscriber connection; the publisher belongs to the caller. */
    async close() {
      listeners.clear();
      const connection = subscriber;
      subscriber = undefined;
      if (connection) await connection.quit().catch(() => connection.disconnect());
    },
  };
}
