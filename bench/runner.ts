import { readdirSync, readFileSync } from 'node:fs';
import type { Actor } from '../src/core/use-cases/actor.ts';
import { sumsText } from '../test/support/engine-runs.ts';
import { openBenchStack } from './support/bench-stack.ts';
import { rerunAsDeployed, startProcess, stopProcess } from './support/processes.ts';

const rerun = rerunAsDeployed();
if (rerun !== undefined) process.exit(rerun);

const CONCURRENCY = 64;
const LATENCY_MS = 100;
const MODELS = ['demo:smart', 'demo:cheap'];
const CALLS = 2000;
const LIMIT_S = (CALLS / CONCURRENCY) * (LATENCY_MS / 1000);
const TARGETS = { wallRatio: 1.3, cpuMsPerCall: 2, rssMb: 300 };
const FLAT_CALLS = 10_000;
/** Allowance on top of 1.2 × the first reading, for heap growth that is not a leak (JIT, pools). */
const FLAT_SLACK_MB = 30;
const MB = 1024 * 1024;
/** Linux reports /proc CPU times in clock ticks of 1/100 s on every mainstream architecture. */
const TICK_MS = 10;

const actor: Actor = {
  workspace: { platform: 'local', externalId: 'bench', name: 'Bench' },
  userId: 'bench',
  userName: 'Bench',
  platformAdmin: true,
};

/** Child processes of this one: the Redis and MongoDB-compatible servers local services started. */
function childPids(): { pid: number; name: string }[] {
  const children: { pid: number; name: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.ppid === process.pid) children.push({ pid: Number(entry), name: stat.name });
  }
  return children;
}

/** Parent and CPU milliseconds (user + system) of a process, from /proc/<pid>/stat. */
function readStat(pid: number): { name: string; ppid: number; cpuMs: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The name is in parentheses and may contain spaces; the fields after it are space separated.
  const close = text.lastIndexOf(')');
  const name = text.slice(text.indexOf('(') + 1, close);
  const fields = text.slice(close + 2).split(' ');
  return { name, ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
}

function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

const simulator = await startProcess(new URL('./support/simulator-process.ts', import.meta.url), {
  ...process.env,
  BH_SIMULATOR: JSON.stringify({ latencyMs: LATENCY_MS, jitterMs: 0 }),
});
const stack = await openBenchStack({ demoBaseUrl: simulator.firstLine });
const { services } = stack;

/**
 * The worker runs as deployed (`npm run worker`): its own process, with the service's Node options.
 * This process plays the web/bot side (defines, estimates, confirms and watches the runs), as
 * deployed too; both are measured. The simulated provider runs in a third process, not measured.
 */
const worker = await startProcess(new URL('../test/support/worker-process.ts', import.meta.url), {
  ...process.env,
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  LOCAL_SERVICES: 'off',
  REDIS_URL: stack.config.env.REDIS_URL,
  MONGODB_URI: stack.config.env.MONGODB_URI,
  QUEUE_PREFIX: stack.config.env.QUEUE_PREFIX,
  BH_TEST_DEMO_URL: simulator.firstLine,
  BH_TEST_WORKER: JSON.stringify({ concurrency: CONCURRENCY }),
});
const workerPid = worker.child.pid as number;
// The other children are the servers local services started; the simulator stands for the provider.
const started = new Set([workerPid, simulator.child.pid]);
const servers = [{ pid: workerPid, name: 'worker' }, ...childPids().filter((c) => !started.has(c.pid))];
const { hub } = services;
await hub.setBudget(actor, 10_000);

/** Resident memory of a process, from /proc/<pid>/status. */
function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}
let peakWorkerRss = rssOf(workerPid);
let peakOwnRss = process.memoryUsage.rss();
const sampler = setInterval(() => {
  peakWorkerRss = Math.max(peakWorkerRss, rssOf(workerPid));
  peakOwnRss = Math.max(peakOwnRss, process.memoryUsage.rss());
}, 100);

/**
 * Saves `cases` sums as a benchmark, runs it on both models and waits for the end; `onProgress` sees
 * the done count. It listens to the run's progress events (as bots do) instead of polling MongoDB,
 * so the bench adds almost no load of its own; a slow poll only guards against a missed event.
 */
async function run(name: string, cases: number, offset: number, onProgress: (done: number) => void = () => {}) {
  await hub.saveBenchmark(actor, { text: sumsText(cases, offset), name });
  const requested = await hub.requestRun(actor, { benchmark: name, models: MODELS });
  const started = performance.now();
  const runId = requested.needsConfirmation ? (await hub.confirmRun(actor, requested.run.id)).id : requested.run.id;
  let ended = -1;
  let wake = () => {};
  const unsubscribe = await services.progressBus.subscribe(runId, (event) => {
    onProgress(event.done);
    if (event.status === 'completed' && ended < 0) ended = performance.now();
    if (ended >= 0) wake();
  });
  try {
    for (;;) {
      const view = await hub.getRun(actor, runId);
      if (view.status === 'completed') return { wallMs: (ended < 0 ? performance.now() : ended) - started, view };
      if (!['queued', 'running'].includes(view.status)) throw new Error(`run ${name} ended ${view.status}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 1000);
      });
    }
  } finally {
    await unsubscribe();
  }
}

function ratio(label: string, value: string, share: number, limit: string, ok: boolean): boolean {
  console.log(`${label}: ${value} = ${share.toFixed(2)} × limit ${limit} ${ok ? 'ok' : 'MISSED'}`);
  return ok;
}

// A short warm-up so module loading, JIT and connection pools are not counted as run time.
await run('Warm-up', 64, 100_000);

const cpuBefore = ownCpuMs();
const serversBefore = servers.map((server) => readStat(server.pid)?.cpuMs ?? 0);
const measured = await run('Runner', CALLS / MODELS.length, 0);
const cpuOwn = ownCpuMs() - cpuBefore;
const serverCpu = servers.map((server, i) => (readStat(server.pid)?.cpuMs ?? 0) - (serversBefore[i] ?? 0));
const cpuServers = serverCpu.reduce((sum, ms) => sum + ms, 0);
const cpuPerCall = (cpuOwn + cpuServers) / CALLS;
const wallS = measured.wallMs / 1000;
const included = ['this process (web side)', ...servers.map((server) => server.name)];
const notIncluded = servers.length === 0 ? ' (Redis and MongoDB were already running: not included)' : '';

console.log(
  `runner: ${CALLS} calls (${CALLS / MODELS.length} cases × ${MODELS.length} models), simulator ${LATENCY_MS} ms, concurrency ${CONCURRENCY}; results ${measured.view.counts.done}, errors ${measured.view.counts.errors}`,
);
const results = [
  ratio(
    'wall',
    `${wallS.toFixed(2)} s`,
    wallS / LIMIT_S,
    `${LIMIT_S.toFixed(2)} s (target ≤ ${TARGETS.wallRatio} × limit)`,
    wallS <= TARGETS.wallRatio * LIMIT_S,
  ),
  ratio(
    'cpu',
    `${cpuPerCall.toFixed(3)} ms/call`,
    cpuPerCall / TARGETS.cpuMsPerCall,
    `${TARGETS.cpuMsPerCall} ms/call; ${included.join(' + ')}${notIncluded}: own ${(cpuOwn / CALLS).toFixed(3)}, ${servers.map((server, i) => `${server.name} ${((serverCpu[i] ?? 0) / CALLS).toFixed(3)}`).join(', ')} ms/call`,
    cpuPerCall <= TARGETS.cpuMsPerCall,
  ),
];

const flat: number[] = [];
const marks = [0.25, 0.5, 0.75];
const flatRun = await run('Flat memory', FLAT_CALLS / MODELS.length, 10_000, (done) => {
  while (marks.length > 0 && done >= (marks[0] ?? 1) * FLAT_CALLS) {
    marks.shift();
    flat.push(rssOf(workerPid));
  }
});
flat.push(rssOf(workerPid));
clearInterval(sampler);
const peakMb = Math.max(peakWorkerRss, peakOwnRss) / MB;
results.push(
  ratio(
    'peak rss',
    `${peakMb.toFixed(0)} MB`,
    peakMb / TARGETS.rssMb,
    `${TARGETS.rssMb} MB (largest project process: worker ${(peakWorkerRss / MB).toFixed(0)} MB, web side ${(peakOwnRss / MB).toFixed(0)} MB)`,
    peakMb < TARGETS.rssMb,
  ),
);
const [first = 0, last = 0] = [flat[0], flat.at(-1)];
const flatLimit = first * 1.2 + FLAT_SLACK_MB * MB;
console.log(
  `flat memory (worker): ${FLAT_CALLS} calls in ${(flatRun.wallMs / 1000).toFixed(1)} s (limit ${((FLAT_CALLS / CONCURRENCY) * (LATENCY_MS / 1000)).toFixed(1)} s), rss at 25/50/75/100 % ${flat.map((rss) => (rss / MB).toFixed(0)).join(' / ')} MB`,
);
results.push(
  ratio(
    'rss growth',
    `${(last / MB).toFixed(0)} MB`,
    last / flatLimit,
    `${(flatLimit / MB).toFixed(0)} MB (1.2 × first + ${FLAT_SLACK_MB} MB)`,
    last <= flatLimit,
  ),
);

await stopProcess(worker.child);
await stack.close();
await stopProcess(simulator.child);
process.exitCode = results.every(Boolean) ? 0 : 1;
