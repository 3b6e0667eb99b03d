#!/usr/bin/env node
// The `benchmarkhub` command: runs the CLI through the project's bootstrap (Node 24, dependencies),
// remembering the caller's directory so relative file paths mean what the user typed.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bootstrap = join(dirname(dirname(fileURLToPath(import.meta.url))), 'scripts', 'bootstrap.mjs');
const child = spawn(process.execPath, [bootstrap, 'cli', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, BENCHMARKHUB_CWD: process.env.BENCHMARKHUB_CWD ?? process.cwd() },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
