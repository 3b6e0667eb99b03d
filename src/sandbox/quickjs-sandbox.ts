import { Worker } from 'node:worker_threads';
import type { ScriptInput, ScriptLimits, ScriptSandbox } from '../core/ports.ts';
import type { ScoreResult } from '../core/scoring/types.ts';
import { failure } from './quickjs-run.ts';
import type { WorkerRequest } from './quickjs-worker.ts';

/** Options of the QuickJS sandbox. */
export interface QuickJsSandboxOptions {
  /**
   * Extra wall-clock time past a script's own limit before the worker thread is killed. QuickJS's
   * interrupt deadline stops ordinary loops on time, but a native call (a huge `repeat`, an
   * allocation near the memory cap) can run long between checks; the host deadline bounds those.
   */
  graceMs?: number;
}

/** A ScriptSandbox that can be shut down. */
export interface QuickJsSandbox extends ScriptSandbox {
  close(): Promise<void>;
}

type Reply = { ready: true } | { id: number; result: ScoreResult };

interface Running {
  worker: Worker;
  ready: Promise<void>;
}

/**
 * A ScriptSandbox on QuickJS compiled to WebAssembly, inside a worker thread. Each script gets a
 * fresh QuickJS runtime with memory, stack and time limits and sees only `output`, `expected` and
 * `vars` (no Node, no `require`, no network). Scripts run one at a time; one that overruns its
 * time by more than `graceMs` has its worker terminated and replaced.
 */
export function createQuickJsSandbox(options: QuickJsSandboxOptions = {}): QuickJsSandbox {
  const graceMs = options.graceMs ?? 200;
  let running: Running | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 1;

  function start(): Running {
    const worker = new Worker(new URL('./quickjs-worker.ts', import.meta.url));
    // Idle workers must not keep the process alive; an evaluation in flight holds its own timer.
    worker.unref();
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    const current = { worker, ready };
    worker.once('exit', () => {
      if (running === current) running = undefined;
    });
    return current;
  }

  async function stop(current: Running): Promise<void> {
    if (running === current) running = undefined;
    await current.worker.terminate();
  }

  async function evaluateOnce(code: string, input: ScriptInput, limits: ScriptLimits): Promise<ScoreResult> {
    running ??= start();
    const current = running;
    try {
      await current.ready;
    } catch (error) {
      await stop(current);
      return failure(`script sandbox failed to start: ${error instanceof Error ? error.message : String(error)}`);
    }
    const id = nextId++;
    return new Promise<ScoreResult>((resolve) => {
      const finish = (result: ScoreResult) => {
        clearTimeout(timer);
        current.worker.off('message', onMessage);
        current.worker.off('exit', onExit);
        resolve(result);
      };
      const onMessage = (reply: Reply) => {
        if ('id' in reply && reply.id === id) finish(reply.result);
      };
      const onExit = () => finish(failure('script sandbox stopped unexpectedly'));
      const timer = setTimeout(() => {
        finish(failure(`script timed out after ${limits.timeoutMs} ms`));
        void stop(current);
      }, limits.timeoutMs + graceMs);
      current.worker.on('message', onMessage);
      current.worker.once('exit', onExit);
      current.worker.postMessage({ id, code, input, limits } satisfies WorkerRequest);
    });
  }

  return {
    evaluate(code, input, limits) {
      const result = queue.then(() => evaluateOnce(code, input, limits));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue;
      if (running) await stop(running);
    },
  };
}
