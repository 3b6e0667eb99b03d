import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshMongoUri, redisUrl, uniqueName } from '../../support/services.ts';

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const MAIN = join(import.meta.dirname, '../../../src/cli/main.ts');

/** Runs `benchmarkhub …` as a user would, in its own process, stdin not a terminal. */
function cli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const sums = (count: number) => Array.from({ length: count }, (_, i) => `What is ${i} + ${i}? => ${2 * i}`).join('\n');

describe('the benchmarkhub CLI', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bh-cli-'));
    writeFileSync(join(dir, 'sums.txt'), `${sums(6)}\n`);
    // About $0.55 worst case on demo:smart: above the local workspace's $0.50 confirmation threshold.
    writeFileSync(join(dir, 'many-sums.txt'), `${sums(1000)}\n`);
    writeFileSync(
      join(dir, 'broken.yaml'),
      [
        'name: Broken',
        'cases:',
        '  - input: What is 1 + 1?',
        '    expected: "2"',
        '  - expected: "4"',
        '  - input: What is 3 + 3?',
        '    expected: "6"',
        '',
      ].join('\n'),
    );
    env = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      REDIS_URL: redisUrl(),
      MONGODB_URI: freshMongoUri(),
      LOCAL_SERVICES: 'off',
      QUEUE_PREFIX: uniqueName('bhcli'),
      PUBLIC_URL: 'http://127.0.0.1:3999',
      BENCHMARKHUB_CWD: dir,
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  let runId = '';

  it('runs a file with --yes --json: one JSON document on stdout, exit 0', async () => {
    const result = await cli(['run', 'sums.txt', '--models', 'demo:smart,demo:cheap', '--yes', '--json'], env);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(summary.runId).toMatch(/^[0-9a-f]{24}$/);
    expect(summary.status).toBe('completed');
    expect(summary.simulated).toBe(true);
    expect(summary.counts).toMatchObject({ total: 12, done: 12, errors: 0 });
    expect(summary.models.map((model: { model: string }) => model.model).sort()).toEqual(['demo:cheap', 'demo:smart']);
    for (const model of summary.models) {
      expect(model.n).toBe(6);
      expect(model.passRate).toBeGreaterThanOrEqual(0);
      expect(model.passRate).toBeLessThanOrEqual(1);
    }
    expect(summary.costUsd).toBeGreaterThan(0);
    expect(summary.estimate.expectedUsd).toBeGreaterThan(0);
    expect(summary.estimate.worstUsd).toBeGreaterThanOrEqual(summary.estimate.expectedUsd);
    expect(summary.reportUrl).toMatch(/^http:\/\/127\.0\.0\.1:3999\//);
    runId = summary.runId;
  }, 60_000);

  it('exports a run as JSON lines, one line per result', async () => {
    expect(runId).not.toBe('');
    const result = await cli(['export', runId, '--format', 'jsonl'], env);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(12);
    const rows = lines.map((line) => JSON.parse(line));
    expect(new Set(rows.map((row) => `${row.case_id}|${row.model}`)).size).toBe(12);
    expect(rows.every((row) => typeof row.pass === 'boolean' && row.output !== undefined)).toBe(true);
  }, 60_000);

  it('refuses to start a run above the threshold without --yes when nobody can confirm (exit 2)', async () => {
    const result = await cli(['run', 'many-sums.txt', '--models', 'demo:smart'], env);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('pass --yes');
    expect(result.stdout).toMatch(/worst case/);
  }, 60_000);

  it('validates a broken file with exit 2, naming the case and the line', async () => {
    const result = await cli(['validate', 'broken.yaml'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('case 2');
    expect(result.stderr).toContain('line 5');
    expect(result.stderr).toContain('input');
    expect(result.stdout).toBe('');
  });

  it('estimates a template and prints the totals', async () => {
    const result = await cli(['estimate', 'arithmetic', '--models', 'demo:smart,demo:cheap'], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('demo:smart');
    expect(result.stdout).toContain('demo:cheap');
    expect(result.stdout).toMatch(/total: \$[\d.]+ expected, \$[\d.]+ worst case, \d+ calls/);
  });

  it('lists at least 20 templates', async () => {
    const result = await cli(['templates'], env);
    expect(result.code).toBe(0);
    const rows = result.stdout.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(result.stdout).toContain('arithmetic');
  });
});
