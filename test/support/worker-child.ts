import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { WorkerOptions } from '../../src/jobs/start-worker.ts';
import type { SimulatorBehaviour } from '../../src/llm/simulator/behaviour.ts';
import type { Harness } from './harness.ts';

const ENTRY = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

/**
 * Starts `worker-process.ts` in a child Node process on the harness's database, Redis and queue
 * prefix; resolves once it takes work. Its stderr is kept for the failure message.
 */
export function spawnWorker(
  harness: Harness,
  options: { simulator?: Partial<SimulatorBehaviour>; worker?: WorkerOptions } = {},
): Promise<ChildProcess> {
  const { env } = harness.config;
  const child = spawn(process.execPath, [ENTRY], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      LOCAL_SERVICES: 'off',
      REDIS_URL: harness.services.runtime.redisUrl,
      MONGODB_URI: env.MONGODB_URI ?? '',
      QUEUE_PREFIX: env.QUEUE_PREFIX,
      RECONCILE_INTERVAL_MS: String(env.RECONCILE_INTERVAL_MS),
      BH_TEST_SIMULATOR: JSON.stringify(options.simulator ?? {}),
      BH_TEST_WORKER: JSON.stringify(options.worker ?? {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker process did not start:\n${stderr}`));
    }, 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker process exited (${code ?? signal}) before it was ready:\n${stderr}`));
    });
  });
}

/** Kills a child and waits until it is gone. */
export function killWorker(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
