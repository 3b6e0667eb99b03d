import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** The Node options every service process runs with (npm scripts, Docker image). */
export const SERVICE_NODE_OPTIONS = (
  JSON.parse(readFileSync(new URL('../../scripts/service-node-options.json', import.meta.url), 'utf8')) as {
    nodeOptions: string;
  }
).nodeOptions;

/**
 * Runs this bench again under the service processes' Node options unless it already runs under them,
 * so the web side it plays is measured as deployed; returns the exit code of that run, or undefined
 * when this is the run.
 */
export function rerunAsDeployed(): number | undefined {
  if (process.env.NODE_OPTIONS?.includes(SERVICE_NODE_OPTIONS)) return undefined;
  const env = {
    ...process.env,
    NODE_OPTIONS: [SERVICE_NODE_OPTIONS, process.env.NODE_OPTIONS].filter(Boolean).join(' '),
  };
  const rerun = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { env, stdio: 'inherit' });
  return rerun.status ?? 1;
}

/** Starts a TypeScript entry point in its own Node process and waits for its first line on stdout. */
export async function startProcess(
  script: URL,
  env: Record<string, string | undefined>,
): Promise<{ child: ChildProcess; firstLine: string }> {
  const child = spawn(process.execPath, [script.pathname], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const [firstLine] = (await once(createInterface({ input: child.stdout as Readable }), 'line')) as [string];
  return { child, firstLine };
}

/** Stops a process started by {@link startProcess} and waits for it to exit. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}
