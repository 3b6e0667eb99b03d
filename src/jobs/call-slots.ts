import type { CompletionRequest } from '../core/ports.ts';

type Priority = NonNullable<CompletionRequest['priority']>;

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
    /**
     * Waits for a slot; resolves the function that frees it (once, however often it is called), or
     * undefined when the signal aborted first.
     */
    async take(priority: Priority, signal: AbortSignal | undefined): Promise<(() => void) | undefined> {
      if (!(await acquire(priority, signal))) return undefined;
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        release();
      };
    },
    /** Calls in flight and calls waiting for a slot. */
    stats: () => ({ busy, waiting: waiting.interactive.length + waiting.batch.length }),
  };
}
export type CallSlots = ReturnType<typeof createCallSlots>;
