import { expect } from 'vitest';
import type { Actor } from '../../src/core/use-cases/actor.ts';
import type { RunView } from '../../src/core/use-cases/hub.ts';
import type { Services } from '../../src/services.ts';

/** An admin of a local workspace; `team` keeps tests that share a database apart. */
export function adminOf(team: string): Actor {
  return {
    workspace: { platform: 'local', externalId: team, name: team },
    userId: 'admin-1',
    userName: 'Ada',
    platformAdmin: true,
  };
}

/** Quick-lines definition text of `count` sums ("What is i + i? => 2i"). */
export function sumsText(count: number, offset = 0): string {
  return Array.from({ length: count }, (_, i) => `What is ${i + offset} + ${i + offset}? => ${2 * (i + offset)}`).join(
    '\n',
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until `done` holds or the timeout passes; returns the last value either way. */
export async function waitFor<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(everyMs);
  }
}

/** Saves a benchmark and starts a run of it, confirming when the estimate asks for it. */
export async function startRun(
  hub: Services['hub'],
  actor: Actor,
  input: { name: string; text: string; models: string[]; cache?: boolean },
): Promise<RunView> {
  await hub.saveBenchmark(actor, { text: input.text, name: input.name });
  const requested = await hub.requestRun(actor, {
    benchmark: input.name,
    models: input.models,
    ...(input.cache === undefined ? {} : { cache: input.cache }),
  });
  return requested.needsConfirmation ? hub.confirmRun(actor, requested.run.id) : requested.run;
}

/** Waits until the run reaches one of `statuses`. */
export function waitForStatus(
  hub: Services['hub'],
  actor: Actor,
  runId: string,
  statuses: string[],
  timeoutMs = 40_000,
): Promise<RunView> {
  return waitFor(
    () => hub.getRun(actor, runId),
    (view) => statuses.includes(view.status),
    timeoutMs,
  );
}

/** The largest number of timestamps in any half-open window of `windowMs`. */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** What MongoDB holds for a run: result count, distinct work-item keys and the sum of result costs. */
export async function storedResults(services: Services, runId: string) {
  const rows = await services.store.resultRows(runId);
  return {
    count: rows.length,
    unique: new Set(rows.map((row) => `${row.caseId}|${row.model}|${row.sample}`)).size,
    costUsd: rows.reduce((sum, row) => sum + row.costUsd, 0),
    errors: rows.filter((row) => row.error !== null),
    cached: rows.filter((row) => row.cached).length,
  };
}

/**
 * Checks that a run that survived a failure ended with exactly one result per work item and its
 * cost counted once; returns the ledger's spend and the dearest result for ledger bounds.
 */
export async function expectEveryItemOnce(services: Services, actor: Actor, finished: RunView, total: number) {
  expect(finished.status).toBe('completed');
  const stored = await storedResults(services, finished.id);
  expect(stored).toMatchObject({ count: total, unique: total });
  expect(stored.errors).toEqual([]);
  expect(finished.counts).toMatchObject({ total, done: total, errors: 0 });
  expect(finished.costUsd).toBeCloseTo(stored.costUsd, 12);
  const rows = await services.store.resultRows(finished.id);
  const dearest = Math.max(...rows.map((row) => row.costUsd));
  const spent = (await services.hub.getBudget(actor)).spentUsd;
  return { stored, dearest, spent };
}
