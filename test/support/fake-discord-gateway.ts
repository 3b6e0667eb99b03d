import type { Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';

/** Guild data the gateway announces after READY. */
export interface FakeGuild {
  id: string;
  name: string;
  channelId: string;
}

interface Session {
  socket: WebSocket;
  sequence: number;
  identified: boolean;
}

/**
 * The Discord gateway, as much as a bot with the Guilds intent needs: HELLO, IDENTIFY → READY and one
 * GUILD_CREATE per guild, heartbeats acknowledged, and dispatches the test pushes.
 */
export class FakeGateway {
  readonly #wss: WebSocketServer;
  readonly #sessions = new Set<Session>();
  readonly #token: string;
  readonly #applicationId: string;
  readonly #botUser: object;
  readonly #guilds: FakeGuild[];
  #readyWaiters: (() => void)[] = [];
  /** Intents the bot identified with. */
  intents: number | undefined;

  constructor(server: Server, options: { token: string; applicationId: string; botUser: object; guilds: FakeGuild[] }) {
    this.#token = options.token;
    this.#applicationId = options.applicationId;
    this.#botUser = options.botUser;
    this.#guilds = options.guilds;
    this.#wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (request, socket, head) => {
      this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws));
    });
  }

  #accept(socket: WebSocket): void {
    const session: Session = { socket, sequence: 0, identified: false };
    this.#sessions.add(session);
    socket.on('close', () => this.#sessions.delete(session));
    socket.on('message', (raw) => this.#receive(session, JSON.parse(String(raw)) as { op: number; d: unknown }));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
  }

  #receive(session: Session, packet: { op: number; d: unknown }): void {
    if (packet.op === 1) {
      session.socket.send(JSON.stringify({ op: 11 }));
      return;
    }
    if (packet.op !== 2) return;
    const identify = packet.d as { token: string; intents: number };
    if (identify.token !== this.#token) {
      session.socket.close(4004, 'Authentication failed.');
      return;
    }
    this.intents = identify.intents;
    session.identified = true;
    this.#send(session, 'READY', {
      v: 10,
      user: this.#botUser,
      guilds: this.#guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: 'fake-session',
      resume_gateway_url: 'ws://127.0.0.1',
      application: { id: this.#applicationId, flags: 0 },
      shard: [0, 1],
    });
    for (const guild of this.#guilds) this.#send(session, 'GUILD_CREATE', guildPayload(guild));
    for (const resolve of this.#readyWaiters) resolve();
    this.#readyWaiters = [];
  }

  #send(session: Session, event: string, data: unknown): void {
    session.sequence += 1;
    session.socket.send(JSON.stringify({ op: 0, t: event, s: session.sequence, d: data }));
  }

  /** Resolves once a bot has identified. */
  identified(): Promise<void> {
    if ([...this.#sessions].some((session) => session.identified)) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /** Sends an event to every identified bot. */
  dispatch(event: string, data: unknown): void {
    for (const session of this.#sessions) if (session.identified) this.#send(session, event, data);
  }

  close(): void {
    for (const session of this.#sessions) session.socket.terminate();
    this.#wss.close();
  }
}

function guildPayload(guild: FakeGuild): object {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: '1',
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    features: [],
    roles: [
      {
        id: guild.id,
        name: '@everyone',
        permissions: '2147485696',
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    channels: [{ id: guild.channelId, type: 0, name: 'general', position: 0, permission_overwrites: [] }],
    emojis: [],
    stickers: [],
    members: [],
    voice_states: [],
    presences: [],
    threads: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    member_count: 2,
    large: false,
    unavailable: false,
    joined_at: new Date().toISOString(),
  };
}
