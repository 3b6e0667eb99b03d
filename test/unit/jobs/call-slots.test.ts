import { describe, expect, it } from 'vitest';
import { createCallSlots } from '../../../src/jobs/call-slots.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Takes a slot for `name` and records the order in which names got one. */
function taker(slots: ReturnType<typeof createCallSlots>, got: string[]) {
  return async (name: string, priority: 'interactive' | 'batch' = 'batch', signal?: AbortSignal) => {
    const release = await slots.take(priority, signal);
    if (release) got.push(name);
    return release;
  };
}

describe('call slots', () => {
  it('never has more calls in flight than its size, and frees a slot when a call ends', async () => {
    const slots = createCallSlots(2);
    const got: string[] = [];
    const take = taker(slots, got);
    const [a, b, c] = [take('a'), take('b'), take('c')];
    await tick();
    expect(got).toEqual(['a', 'b']);
    expect(slots.stats()).toEqual({ busy: 2, waiting: 1 });
    const releaseA = await a;
    releaseA?.();
    // Freeing twice frees one slot only.
    releaseA?.();
    await tick();
    expect(got).toEqual(['a', 'b', 'c']);
    expect(slots.stats()).toEqual({ busy: 2, waiting: 0 });
    (await b)?.();
    (await c)?.();
    expect(slots.stats()).toEqual({ busy: 0, waiting: 0 });
  });

  it('gives a freed slot to a waiting interactive call before earlier batch calls', async () => {
    const slots = createCallSlots(1);
    const got: string[] = [];
    const take = taker(slots, got);
    const running = take('running');
    const batch = take('batch-1', 'batch');
    const small = take('small', 'interactive');
    await tick();
    (await running)?.();
    await tick();
    expect(got).toEqual(['running', 'small']);
    (await small)?.();
    await tick();
    expect(got).toEqual(['running', 'small', 'batch-1']);
    (await batch)?.();
  });

  it('answers a call cancelled while it waits with no slot, and keeps the slot count right', async () => {
    const slots = createCallSlots(1);
    const got: string[] = [];
    const take = taker(slots, got);
    const first = take('first');
    const controller = new AbortController();
    const waiting = take('second', 'batch', controller.signal);
    await tick();
    controller.abort();
    expect(await waiting).toBeUndefined();
    (await first)?.();
    expect(got).toEqual(['first']);
    expect(slots.stats()).toEqual({ busy: 0, waiting: 0 });
  });
});
