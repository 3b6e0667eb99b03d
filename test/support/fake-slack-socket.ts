import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

type Json = Record<string, unknown>;

/** What Slack sends over Socket Mode: each type is one HTTP request kind of HTTP mode. */
export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** What the app sent back for one envelope: `{ envelope_id, payload }` on the socket. */
export interface SocketAck {
  envelopeId: string;
  /** `{}` for a bare `ack()`; Slack reads it only when the envelope accepted a response payload. */
  payload: Json | undefined;
  /** From sending the envelope to receiving the ack (NaN for an envelope never sent). */
  ms: number;
}

/** Slack gives up on an envelope not acknowledged within 3 seconds (the user sees an error; events are retried). */
const ACK_DEADLINE_MS = 3000;

/** Interactions whose ack can carry an answer (`response_action`, options); Slack flags them on the envelope. */
const ANSWERABLE_INTERACTIONS = new Set(['view_submission', 'block_suggestion']);

/**
 * The payload of an HTTP-mode request body, which is what Socket Mode carries in `payload`: slash
 * commands as their url-encoded fields, interactions as the JSON of their `payload` field.
 */
export function payloadOfBody(body: string): Json {
  const fields = Object.fromEntries(new URLSearchParams(body));
  return typeof fields.payload === 'string' ? (JSON.parse(fields.payload) as Json) : fields;
}

/**
 * Slack's Socket Mode server, on the fake Web API's port: `apps.connections.open` hands out a
 * single-use `ws://…/link/?ticket=…` URL; a connection gets `hello`, then the envelopes a test
 * delivers, and each `{ envelope_id, payload }` the app sends back settles that delivery. The
 * client pings every few seconds and drops a connection that does not pong; `ws` pongs by itself.
 */
export class FakeSocketMode {
  readonly #server: Server;
  readonly #wss = new WebSocketServer({ noServer: true });
  readonly #appId: string;
  readonly #tickets = new Set<string>();
  readonly #sockets = new Set<WebSocket>();
  /** When each envelope was sent, and who waits for its ack (until Slack would give up). */
  readonly #sentAt = new Map<string, number>();
  readonly #waiting = new Map<string, (ack: SocketAck) => void>();
  /** Every ack received, in order (including acks of envelopes already given up on). */
  readonly acks: SocketAck[] = [];

  constructor(server: Server, options: { appId: string }) {
    this.#server = server;
    this.#appId = options.appId;
    server.on('upgrade', (request, socket, head) => {
      const url = new URL(request.url ?? '/', 'http://x');
      const ticket = url.searchParams.get('ticket') ?? '';
      if (url.pathname !== '/link/' || !this.#tickets.delete(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
        return;
      }
      this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws));
    });
  }

  /** A fresh WebSocket URL, as `apps.connections.open` returns it. */
  openUrl(): string {
    const ticket = randomBytes(8).toString('hex');
    this.#tickets.add(ticket);
    const { port } = this.#server.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/link/?ticket=${ticket}&app_id=${this.#appId}`;
  }

  /** Open connections (each was greeted with `hello`). */
  get connections(): number {
    return this.#sockets.size;
  }

  #accept(socket: WebSocket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('message', (raw) => this.#receive(raw.toString()));
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.#sockets.size,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.#appId },
      }),
    );
  }

  #receive(text: string): void {
    const message = JSON.parse(text) as { envelope_id?: string; payload?: Json };
    const envelopeId = String(message.envelope_id ?? '');
    const ack: SocketAck = {
      envelopeId,
      payload: message.payload,
      ms: Date.now() - (this.#sentAt.get(envelopeId) ?? Number.NaN),
    };
    this.acks.push(ack);
    this.#waiting.get(envelopeId)?.(ack);
    this.#waiting.delete(envelopeId);
  }

  /**
   * Sends one envelope to the newest connection, as Slack does with a user's action. Resolves with
   * the app's ack; rejects when none arrives within Slack's 3 seconds.
   */
  deliver(type: EnvelopeType, payload: Json): Promise<SocketAck> {
    const socket = [...this.#sockets].at(-1);
    if (!socket) return Promise.reject(new Error('fake Slack: no Socket Mode connection to deliver to'));
    const envelopeId = `${randomBytes(4).toString('hex')}-${randomBytes(2).toString('hex')}`;
    const envelope: Json = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload:
        type === 'slash_commands' || (type === 'interactive' && ANSWERABLE_INTERACTIONS.has(String(payload.type))),
      ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
    };
    return new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(envelopeId);
        reject(new Error(`fake Slack: ${type} envelope ${envelopeId} not acknowledged within ${ACK_DEADLINE_MS} ms`));
      }, ACK_DEADLINE_MS);
      this.#waiting.set(envelopeId, (ack) => {
        clearTimeout(timer);
        resolve(ack);
      });
      this.#sentAt.set(envelopeId, Date.now());
      socket.send(JSON.stringify(envelope));
    });
  }

  close(): void {
    for (const socket of this.#sockets) socket.terminate();
    this.#wss.close();
  }
}
