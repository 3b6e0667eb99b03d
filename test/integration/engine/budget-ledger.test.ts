import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../src/core/cost/bundled-catalog.ts';
import type { Completion, CompletionRequest } from '../../../src/core/ports.ts';
import { createBudgetLedger } from '../../../src/jobs/budget-ledger.ts';
import { budgetedGateway } from '../../../src/jobs/budgeted-gateway.ts';
import { createCallSlots } from '../../../src/jobs/call-slots.ts';
import { sleep } from '../../support/engine-runs.ts';
import { openRedis, uniqueName } from '../../support/services.ts';

const MONTH = '2026-12';

describe('budget ledger', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = openRedis();
  });
  afterAll(() => redis.quit());

  it('frees the reservations of a worker that died once they are no longer renewed', async () => {
    const prefix = uniqueName('bhl');
    const spentInStore = async () => 0;
    const dying = openRedis();
    const dead = createBudgetLedger({ redis: dying, prefix, spentInStore, holdMs: 300 });
    const alive = createBudgetLedger({ redis, prefix, spentInStore, holdMs: 300 });
    expect((await dead.reserve('w1', MONTH, 0.8, 1)).granted).toBe(true);
    dying.disconnect();
    const refused = await alive.reserve('w1', MONTH, 0.5, 1);
    expect(refused).toMatchObject({ granted: false });
    expect(refused.remainingUsd).toBeCloseTo(0.2, 12);
    await sleep(400);
    const granted = await alive.reserve('w1', MONTH, 0.5, 1);
    expect(granted.granted).toBe(true);
    await granted.settle(0.1);
    expect(await alive.spent('w1', MONTH)).toBeCloseTo(0.1, 12);
  });

  it('keeps a live call reserved past the hold time by renewing it', async () => {
    const ledger = createBudgetLedger({ redis, prefix: uniqueName('bhl'), spentInStore: async () => 0, holdMs: 150 });
    const held = await ledger.reserve('w1', MONTH, 0.8, 1);
    await sleep(400);
    expect((await ledger.reserve('w1', MONTH, 0.5, 1)).granted).toBe(false);
    await held.settle(0.3);
    expect((await ledger.reserve('w1', MONTH, 0.5, 1)).granted).toBe(true);
  });

  it('rebuilds a lost ledger from the store instead of from the calls that settle after the loss', async () => {
    const prefix = uniqueName('bhl');
    let stored = 0.25;
    const ledger = createBudgetLedger({ redis, prefix, spentInStore: async () => stored });
    const before = await ledger.reserve('w1', MONTH, 0.1, 1);
    expect(await ledger.spent('w1', MONTH)).toBeCloseTo(0.25, 12);
    const keys = await redis.keys(`${prefix}:budget:*`);
    await redis.del(...keys);
    // The call reserved before the loss settles after it; its result is stored, and the rebuild counts it once.
    await before.settle(0.05);
    stored = 0.3;
    expect(await ledger.spent('w1', MONTH)).toBeCloseTo(0.3, 12);
    const after = await ledger.reserve('w1', MONTH, 0.7, 1);
    expect(after.granted).toBe(true);
    expect((await ledger.reserve('w1', MONTH, 0.01, 1)).granted).toBe(false);
  });
});

describe('budgeted calls', () => {
  let redis: Redis;
  beforeAll(() => {
    redis = openRedis();
  });
  afterAll(() => redis.quit());

  const answer: Completion = {
    output: 'ok',
    usage: { promptTokens: 3, completionTokens: 1 },
    costUsd: 0.01,
    latencyMs: 5,
    cached: false,
  };
  const request = (signal?: AbortSignal): CompletionRequest => ({
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: 'hi' }],
    params: { max_tokens: 10 },
    ...(signal ? { signal } : {}),
  });

  /** A gateway over the real ledger whose calls and settlements the test lets finish. */
  function setup() {
    const ledger = createBudgetLedger({ redis, prefix: uniqueName('bhl'), spentInStore: async () => 0 });
    const slots = createCallSlots(1);
    const calls: (() => void)[] = [];
    let letSettle = () => {};
    const settling = new Promise<void>((resolve) => {
      letSettle = resolve;
    });
    const gateway = budgetedGateway({
      gateway: { complete: () => new Promise((resolve) => calls.push(() => resolve(answer))) },
      slots,
      ledger: {
        ...ledger,
        reserve: async (...args) => {
          const reservation = await ledger.reserve(...args);
          return { ...reservation, settle: async (actual) => settling.then(() => reservation.settle(actual)) };
        },
      },
      catalog: bundledCatalog,
      workspaceId: 'w1',
      monthlyBudgetUsd: 10,
      now: () => new Date(`${MONTH}-04T12:00:00Z`),
      onAlert: () => {},
    });
    return { ledger, slots, calls, letSettle, gateway };
  }

  it('frees the call slot once the model answered, before the ledger settles the cost', async () => {
    const { ledger, slots, calls, letSettle, gateway } = setup();
    const first = gateway.complete(request());
    await waitUntil(() => calls.length === 1);
    calls[0]?.();
    await waitUntil(() => slots.stats().busy === 0);
    expect(await ledger.spent('w1', MONTH)).toBe(0);
    letSettle();
    expect(await first).toEqual(answer);
    expect(await ledger.spent('w1', MONTH)).toBeCloseTo(0.01, 12);
  });

  it('answers a call cancelled while it waits for a slot as cancelled, without calling the model or reserving', async () => {
    const { ledger, calls, letSettle, gateway } = setup();
    const first = gateway.complete(request());
    await waitUntil(() => calls.length === 1);
    const controller = new AbortController();
    const waiting = gateway.complete(request(controller.signal));
    controller.abort();
    expect((await waiting).error?.kind).toBe('cancelled');
    expect(calls).toHaveLength(1);
    calls[0]?.();
    letSettle();
    await first;
    expect(await ledger.spent('w1', MONTH)).toBeCloseTo(0.01, 12);
  });
});

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await sleep(5);
  expect(check()).toBe(true);
}
