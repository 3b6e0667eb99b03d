import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const { nodeOptions } = JSON.parse(readFileSync(new URL('scripts/service-node-options.json', root), 'utf8')) as {
  nodeOptions: string;
};

describe('the Node options of service processes', () => {
  it('are the ones the Docker image sets', () => {
    const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8');
    expect(dockerfile).toContain(`NODE_OPTIONS="${nodeOptions}"`);
  });

  it('are accepted by Node and cap the heap at 1 GB', () => {
    const probe = spawnSync(
      process.execPath,
      ['-e', 'process.stdout.write(String(require("node:v8").getHeapStatistics().heap_size_limit))'],
      { env: { ...process.env, NODE_OPTIONS: nodeOptions }, encoding: 'utf8' },
    );
    expect(probe.stderr).toBe('');
    expect(probe.status).toBe(0);
    const limitMb = Number(probe.stdout) / 1024 / 1024;
    // The limit covers the young generation too; without the options it is a share of RAM.
    expect(limitMb).toBeGreaterThan(1024);
    expect(limitMb).toBeLessThan(1200);
  });
});
