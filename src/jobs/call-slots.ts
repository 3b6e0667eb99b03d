import type { Completion, CompletionRequest, ModelGateway } from '../core/ports.ts';

type Priority = NonNullable<CompletionRequest['priority']>;

const CANCELLED: Completion = {
  output: '',
  usage: { promptTokens: 0, completionTokens: 0 },
  costUsd: 0,
  latencyMs: 0,
  cached: false,
  error: { kind: 'cancelled', message: 'The call was cancelled.', retryable: false },
};

/**
 * The model calls one worker process has in flight, at most `max`. A worker takes more jobs than
 * that, so a job's bookkeeping before and after its call (reading the run, storing the result)
 * overlaps other jobs' calls instead of leaving a call slot idle. Interactive calls take a freed
 * slot before batch calls, as they do at the provider limiter.
 */
export function createCallSlots(max: number) {
  let busy = 0;
  const waiting: Record<Priority, (() => void)[]> = { interactive: [], batch: [] };

  function release(): void {
    const next = waiting.interactive.shift() ?? waiting.batch.shift();
    // The slot passes straight to the next waiter; only with none waiting is it free.
    if (next) next();
    else busy -= 1;
  }

  /** Resolves `true` once a slot is held, `false` when the signal aborted first. */
  function acquire(priority: Priority, signal: AbortSignal | undefined): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    if (busy < max) {
      busy += 1;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const queue = waiting[priority];
      const onAbort = () => {
        const index = queue.indexOf(wake);
        if (index >= 0) queue.splice(index, 1);
        resolve(false);
      };
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      };
      queue.push(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    /** The gateway with each call holding a slot for its duration; a call aborted while waiting comes back cancelled. */
    wrap(gateway: ModelGateway): ModelGateway {
      return {
        async complete(request) {
          if (!(await acquire(request.priority ?? 'batch', request.signal))) return CANCELLED;
          try {
            return await gateway.complete(request);
          } finally {
            release();
          }
        },
      };
    },
    /** Calls in flight and calls waiting for a slot. */
    stats: () => ({ busy, waiting: waiting.interactive.length + waiting.batch.length }),
  };
}
export type CallSlots = ReturnType<typeof createCallSlots>;
