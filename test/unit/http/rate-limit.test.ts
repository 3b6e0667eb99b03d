import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createRateLimit } from '../../../src/http/rate-limit.ts';

/** Calls the hook as Fastify would and reports the answer it sent, if any. */
async function hit(hook: ReturnType<typeof createRateLimit>, ip: string) {
  const sent: { status?: number; retryAfter?: string } = {};
  const reply = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    header(name: string, value: string) {
      if (name === 'retry-after') sent.retryAfter = value;
      return this;
    },
    send() {
      return this;
    },
  };
  await hook({ ip } as FastifyRequest, reply as unknown as FastifyReply);
  return sent;
}

describe('token bucket rate limit', () => {
  it('allows a burst, then answers 429 with Retry-After until tokens come back', async () => {
    let now = 0;
    const hook = createRateLimit({ capacity: 3, refillPerSecond: 0.5 }, () => now);
    for (let i = 0; i < 3; i++) expect((await hit(hook, '10.0.0.1')).status).toBeUndefined();
    const refused = await hit(hook, '10.0.0.1');
    expect(refused).toEqual({ status: 429, retryAfter: '2' });
    // Another client has its own bucket.
    expect((await hit(hook, '10.0.0.2')).status).toBeUndefined();
    now = 2000;
    expect((await hit(hook, '10.0.0.1')).status).toBeUndefined();
    expect((await hit(hook, '10.0.0.1')).status).toBe(429);
  });

  it('forgets the least recently seen clients beyond its size', async () => {
    const hook = createRateLimit({ capacity: 1, refillPerSecond: 0.001, maxClients: 2 }, () => 0);
    await hit(hook, 'a');
    await hit(hook, 'b');
    await hit(hook, 'c');
    // `a` was dropped, so it starts with a full bucket again; `c` is still remembered.
    expect((await hit(hook, 'a')).status).toBeUndefined();
    expect((await hit(hook, 'c')).status).toBe(429);
  });
});
