import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { verifySlackRequest } from '@slack/bolt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '../../logger.ts';

/** Slack retries a request it got no answer to within 3 seconds; answer a little before. */
const ACK_DEADLINE_MS = 2800;
const MAX_CLOCK_SKEW_S = 5 * 60;

export interface FastifyReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** For tests of stale signatures. */
  now?: () => number;
}

/** Slash commands and interactions arrive url-encoded (interactions as a JSON `payload` field); events as JSON. */
function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const params = Object.fromEntries(new URLSearchParams(raw));
  return typeof params.payload === 'string' ? (JSON.parse(params.payload) as Record<string, unknown>) : params;
}

/**
 * A Bolt receiver that takes Slack's HTTP requests on our Fastify server (`POST /slack/events`)
 * instead of opening its own: it checks the `v0` signature and its age, hands the payload to Bolt,
 * and answers with whatever the listener acknowledged.
 */
export class FastifyReceiver implements Receiver {
  #app: App | undefined;
  readonly #options: FastifyReceiverOptions;

  constructor(options: FastifyReceiverOptions) {
    this.#options = options;
  }

  init(app: App): void {
    this.#app = app;
  }

  /** Fastify owns the server, so Bolt's start and stop have nothing to do. */
  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  /** Registers `POST /slack/events` with a raw-body parser (the signature covers the exact bytes). */
  async register(fastify: FastifyInstance): Promise<void> {
    await fastify.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_request, body, done) =>
        done(null, body),
      );
      scope.post('/slack/events', (request, reply) => this.#handle(request, reply));
    });
  }

  #verified(request: FastifyRequest, raw: string): boolean {
    const signature = String(request.headers['x-slack-signature'] ?? '');
    const timestamp = Number(request.headers['x-slack-request-timestamp']);
    const nowMs = this.#options.now?.() ?? Date.now();
    // Bolt refuses old timestamps only; a timestamp far in the future is as suspicious.
    if (!Number.isFinite(timestamp) || Math.abs(nowMs / 1000 - timestamp) > MAX_CLOCK_SKEW_S) return false;
    try {
      verifySlackRequest({
        signingSecret: this.#options.signingSecret,
        body: raw,
        headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
        nowMilliseconds: nowMs,
      });
      return true;
    } catch {
      return false;
    }
  }

  async #handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const raw = typeof request.body === 'string' ? request.body : '';
    if (!this.#verified(request, raw)) {
      this.#options.logger.warn({ ip: request.ip }, 'slack request with a bad or stale signature refused');
      return reply.status(401).send({ error: 'invalid_signature' });
    }
    let body: Record<string, unknown>;
    try {
      body = parseBody(raw, String(request.headers['content-type'] ?? ''));
    } catch {
      return reply.status(400).send({ error: 'malformed_body' });
    }
    if (body.type === 'url_verification') return reply.send({ challenge: body.challenge });
    if (body.ssl_check) return reply.send();
    return this.#dispatch(request, reply, body);
  }

  async #dispatch(request: FastifyRequest, reply: FastifyReply, body: Record<string, unknown>): Promise<FastifyReply> {
    const app = this.#app;
    if (!app) return reply.status(503).send({ error: 'not_ready' });
    let acked = false;
    const answer = (response: unknown) => {
      if (acked) return;
      acked = true;
      if (response === undefined || response === '') reply.status(200).send();
      else if (typeof response === 'string') reply.type('text/plain').send(response);
      else reply.send(response);
    };
    const timer = setTimeout(() => {
      if (acked) return;
      this.#options.logger.error({ type: body.type }, 'slack listener did not acknowledge in time');
      answer(undefined);
    }, ACK_DEADLINE_MS);
    const retry = Number(request.headers['x-slack-retry-num']);
    const event: ReceiverEvent = {
      body,
      ...(Number.isFinite(retry) ? { retryNum: retry } : {}),
      ...(request.headers['x-slack-retry-reason']
        ? { retryReason: String(request.headers['x-slack-retry-reason']) }
        : {}),
      ack: async (response) => answer(response),
    };
    try {
      await app.processEvent(event);
    } catch (error) {
      this.#options.logger.error({ err: error }, 'slack event failed');
      if (!acked) {
        acked = true;
        reply.status(500).send();
      }
    } finally {
      clearTimeout(timer);
    }
    return reply;
  }
}
