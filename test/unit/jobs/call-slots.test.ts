import { describe, expect, it } from 'vitest';
import type { Completion, CompletionRequest, ModelGateway } from '../../../src/core/ports.ts';
import { createCallSlots } from '../../../src/jobs/call-slots.ts';

const answer: Completion = {
  output: 'ok',
  usage: { promptTokens: 1, completionTokens: 1 },
  costUsd: 0,
  latencyMs: 1,
  cached: false,
};

/** A gateway whose calls stay open until the test ends them, in the order they started. */
function heldGateway() {
  const started: { model: string; finish: () => void }[] = [];
  const gateway: ModelGateway = {
    complete: (request) =>
      new Promise((resolve) => started.push({ model: request.model, finish: () => resolve(answer) })),
  };
  return { gateway, started };
}

const request = (model: string, extra: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model,
  messages: [{ role: 'user', content: 'hi' }],
  params: {},
  ...extra,
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('call slots', () => {
  it('never has more calls in flight than its size, and frees a slot when a call ends', async () => {
    const { gateway, started } = heldGateway();
    const slots = createCallSlots(2);
    const calls = ['a', 'b', 'c'].map((model) => slots.wrap(gateway).complete(request(model)));
    await tick();
    expect(started.map((call) => call.model)).toEqual(['a', 'b']);
    expect(slots.stats()).toEqual({ busy: 2, waiting: 1 });
    started[0]?.finish();
    await tick();
    expect(started.map((call) => call.model)).toEqual(['a', 'b', 'c']);
    for (const call of started) call.finish();
    await Promise.all(calls);
    expect(slots.stats()).toEqual({ busy: 0, waiting: 0 });
  });

  it('gives a freed slot to a waiting interactive call before earlier batch calls', async () => {
    const { gateway, started } = heldGateway();
    const slots = createCallSlots(1);
    const wrapped = slots.wrap(gateway);
    const calls = [
      wrapped.complete(request('running')),
      wrapped.complete(request('batch-1', { priority: 'batch' })),
      wrapped.complete(request('small', { priority: 'interactive' })),
    ];
    await tick();
    started[0]?.finish();
    await tick();
    expect(started.map((call) => call.model)).toEqual(['running', 'small']);
    started[1]?.finish();
    await tick();
    started[2]?.finish();
    await Promise.all(calls);
    expect(started.map((call) => call.model)).toEqual(['running', 'small', 'batch-1']);
  });

  it('answers a call cancelled while it waits as cancelled, without calling the model', async () => {
    const { gateway, started } = heldGateway();
    const slots = createCallSlots(1);
    const wrapped = slots.wrap(gateway);
    const first = wrapped.complete(request('first'));
    const controller = new AbortController();
    const waiting = wrapped.complete(request('second', { signal: controller.signal }));
    await tick();
    controller.abort();
    expect((await waiting).error?.kind).toBe('cancelled');
    started[0]?.finish();
    await first;
    expect(started.map((call) => call.model)).toEqual(['first']);
    expect(slots.stats()).toEqual({ busy: 0, waiting: 0 });
  });
});
