import type { FastifyReply, FastifyRequest } from 'fastify';

export interface RateLimitOptions {
  /** Requests one client may make in a burst. */
  capacity: number;
  /** Tokens given back per second. */
  refillPerSecond: number;
  /** Clients remembered at most; idle ones are dropped first. */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * An in-memory token bucket per client IP, as a Fastify `onRequest` hook. Per process: behind
 * several web processes each one limits on its own, which is enough to blunt scraping and floods.
 */
export function createRateLimit(options: RateLimitOptions, now: () => number = Date.now) {
  const buckets = new Map<string, Bucket>();
  const maxClients = options.maxClients ?? 10_000;

  function take(key: string): number {
    const at = now();
    const bucket = buckets.get(key) ?? { tokens: options.capacity, updatedMs: at };
    bucket.tokens = Math.min(
      options.capacity,
      bucket.tokens + ((at - bucket.updatedMs) / 1000) * options.refillPerSecond,
    );
    bucket.updatedMs = at;
    // Re-inserting keeps the map in least-recently-seen order, so eviction drops idle clients.
    buckets.delete(key);
    buckets.set(key, bucket);
    if (buckets.size > maxClients) {
      const oldest = buckets.keys().next().value;
      if (oldest !== undefined) buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / options.refillPerSecond);
  }

  return async function rateLimit(request: FastifyRequest, reply: FastifyReply) {
    const retryAfter = take(request.ip);
    if (retryAfter > 0) {
      return reply
        .status(429)
        .header('retry-after', String(retryAfter))
        .send({ error: 'rate_limited', message: `Too many requests; try again in ${retryAfter} s.` });
    }
  };
}
