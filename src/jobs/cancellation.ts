import type { Redis } from 'ioredis';

export const cancelledKey = (prefix: string, runId: string) => `${prefix}:cancelled:${runId}`;
export const cancelChannel = (prefix: string) => `${prefix}:cancel`;

/**
 * How long a read of the cancelled key is trusted. Pub/sub brings a cancellation at once; the key
 * covers a worker that missed the message, well within the 2 s a cancellation may take.
 */
const RECHECK_MS = 250;

/**
 * Aborts a cancelled run's in-flight calls in this process. Cancellation arrives by pub/sub (at once)
 * and is also kept as a key, so a worker that starts later still sees it.
 */
export function createCancellationWatch(options: { redis: Redis; subscriber: Redis; prefix: string }) {
  const controllers = new Map<string, AbortController>();
  const cancelled = new Set<string>();
  const listeners: ((runId: string) => void)[] = [];
  const channel = cancelChannel(options.prefix);
  // The last read of each run's key: concurrent jobs of a run share one read instead of one each.
  const checks = new Map<string, { at: number; found: Promise<number> }>();

  const cancel = (runId: string) => {
    cancelled.add(runId);
    controllers.get(runId)?.abort(new Error('run cancelled'));
  };
  options.subscriber.on('message', (from: string, runId: string) => {
    if (from !== channel) return;
    cancel(runId);
    for (const listener of listeners) listener(runId);
  });

  return {
    start: () => options.subscriber.subscribe(channel),
    /** Calls `listener` with every run cancelled from now on. */
    onCancel(listener: (runId: string) => void) {
      listeners.push(listener);
    },
    /** The abort signal shared by all calls of a run in this process. */
    signalFor(runId: string): AbortSignal {
      let controller = controllers.get(runId);
      if (!controller) {
        controller = new AbortController();
        controllers.set(runId, controller);
        if (cancelled.has(runId)) controller.abort(new Error('run cancelled'));
      }
      return controller.signal;
    },
    async isCancelled(runId: string): Promise<boolean> {
      if (cancelled.has(runId)) return true;
      const now = Date.now();
      let check = checks.get(runId);
      if (!check || now - check.at >= RECHECK_MS) {
        check = { at: now, found: options.redis.exists(cancelledKey(options.prefix, runId)) };
        checks.set(runId, check);
        check.found.catch(() => checks.delete(runId));
      }
      if ((await check.found) === 1) {
        cancel(runId);
        return true;
      }
      return false;
    },
    /** Forgets a finished run. */
    forget(runId: string) {
      controllers.delete(runId);
      checks.delete(runId);
    },
    stop: () => options.subscriber.quit(),
  };
}
export type CancellationWatch = ReturnType<typeof createCancellationWatch>;
