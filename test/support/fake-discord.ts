import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway, type FakeGuild } from './fake-discord-gateway.ts';
import { choiceProblems, commandProblems, messageProblems, modalProblems } from './fake-discord-limits.ts';

type Json = Record<string, unknown>;

/** One REST call as the fake received it. */
export interface RecordedCall {
  method: string;
  /** Path below `/api/v10`, e.g. `/channels/1/messages`. */
  path: string;
  body: Json;
  files: { name: string; filename: string; contentType: string; size: number }[];
  status: number;
  at: number;
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: Json[];
  components: Json[];
  attachments: { id: string; filename: string; content_type: string; size: number; url: string }[];
  flags: number;
  /** Every version of the message, oldest first. */
  versions: { content: string; embeds: Json[]; components: Json[] }[];
  /** Whether the message came from an interaction token (webhook) rather than the channel API. */
  viaWebhook: boolean;
}

export interface FakeInteraction {
  id: string;
  token: string;
  type: number;
  guildId: string;
  channelId: string;
  userId: string;
  dispatchedAt: number;
  /** The first callback (type 4 reply, 5 defer, 6 deferred update, 7 update, 8 choices, 9 modal). */
  callback?: { type: number; data: Json; at: number };
  originalMessageId?: string;
  /** For component interactions: the message the button sat on. */
  sourceMessageId?: string;
  /** The original response and follow-ups, oldest first. */
  messageIds: string[];
  expired: boolean;
}

/** A user as seen by interactions: `admin` means the member has Manage Server. */
export interface FakeUser {
  id: string;
  name: string;
  admin?: boolean;
}

const EPOCH = 1_420_070_400_000n;
const MANAGE_GUILD = 1n << 5n;
const MEMBER_PERMISSIONS = (1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 31n);
const EPHEMERAL = 64;

/**
 * A loopback Discord: REST API v10 and the gateway WebSocket on one port. It records every REST call,
 * refuses payloads Discord would refuse, enforces the 3-second first-response limit and lets a test
 * expire interaction tokens. Tests dispatch interactions with `command`, `autocomplete`, `click` and
 * `submitModal`.
 */
export class FakeDiscord {
  readonly token = `fake-${randomBytes(12).toString('hex')}`;
  readonly applicationId = snowflake();
  readonly botUser = { id: snowflake(), username: 'benchmarkhub', discriminator: '0', bot: true, avatar: null };
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, StoredMessage>();
  readonly interactions = new Map<string, FakeInteraction>();
  /** Registered commands: key `global` or the guild id. */
  readonly commands = new Map<string, Json[]>();
  readonly guilds: FakeGuild[];
  readonly #server: Server;
  readonly #gateway: FakeGateway;
  readonly #files = new Map<string, { filename: string; contentType: string; data: Buffer }>();
  #baseUrl = '';
  #waiters: { predicate: () => boolean; resolve: () => void }[] = [];

  private constructor(guildNames: string[]) {
    this.guilds = guildNames.map((name) => ({ id: snowflake(), name, channelId: snowflake() }));
    this.#server = createServer((request, response) => void this.#handle(request, response));
    this.#gateway = new FakeGateway(this.#server, {
      token: this.token,
      applicationId: this.applicationId,
      botUser: this.botUser,
      guilds: this.guilds,
    });
  }

  /** Starts the fake on a free loopback port with the named guilds. */
  static async start(guildNames: string[] = ['Guild A', 'Guild B']): Promise<FakeDiscord> {
    const fake = new FakeDiscord(guildNames);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    fake.#baseUrl = `http://127.0.0.1:${(fake.#server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The value for `DISCORD_API_URL` (discord.js appends `/v10`). */
  get apiUrl(): string {
    return `${this.#baseUrl}/api`;
  }

  get intents(): number | undefined {
    return this.#gateway.intents;
  }

  identified(): Promise<void> {
    return this.#gateway.identified();
  }

  async close(): Promise<void> {
    this.#gateway.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Waits until `predicate` holds (checked after every REST call), or fails after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs = 20_000, what = 'condition'): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake Discord: timed out waiting for ${what}`)), timeoutMs);
      this.#waiters.push({
        predicate,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Waits for the interaction's first callback. */
  async callbackOf(interactionId: string): Promise<NonNullable<FakeInteraction['callback']>> {
    const interaction = this.#interaction(interactionId);
    await this.waitFor(() => interaction.callback !== undefined, 20_000, `callback of interaction ${interactionId}`);
    return interaction.callback as NonNullable<FakeInteraction['callback']>;
  }

  /**
   * Waits for the interaction's answer: its original response once it has content (a deferred
   * response has none until edited), or its latest follow-up.
   */
  async responseOf(interactionId: string): Promise<StoredMessage> {
    const interaction = this.#interaction(interactionId);
    const latest = () =>
      interaction.messageIds
        .map((id) => this.messages.get(id))
        .filter((message): message is StoredMessage => message !== undefined && message.versions.length > 0)
        .at(-1);
    await this.waitFor(() => latest() !== undefined, 30_000, `response of interaction ${interactionId}`);
    return latest() as StoredMessage;
  }

  /** Makes the interaction's token invalid, as Discord does after 15 minutes. */
  expireToken(interactionId: string): void {
    this.#interaction(interactionId).expired = true;
  }

  /** Puts a file on the fake CDN, for attachment options and modal file uploads. */
  addAttachment(filename: string, contentType: string, content: string): Json {
    const id = snowflake();
    const data = Buffer.from(content);
    this.#files.set(id, { filename, contentType, data });
    return {
      id,
      filename,
      size: data.length,
      content_type: contentType,
      url: `${this.#baseUrl}/cdn/${id}/${filename}`,
    };
  }

  /** Dispatches `/bench <subcommand>`; option types come from the registered command, as in Discord. */
  command(guild: FakeGuild, user: FakeUser, subcommand: string, options: Record<string, unknown> = {}): string {
    return this.#dispatch(2, guild, user, this.#commandData(guild, subcommand, options, undefined));
  }

  /** Dispatches an autocomplete request with `focused` being typed. */
  autocomplete(
    guild: FakeGuild,
    user: FakeUser,
    subcommand: string,
    focused: string,
    options: Record<string, unknown>,
  ): string {
    return this.#dispatch(4, guild, user, this.#commandData(guild, subcommand, options, focused));
  }

  /** Clicks a button (by the start of its label) on a stored message. */
  click(guild: FakeGuild, user: FakeUser, messageId: string, label: string): string {
    const message = this.messages.get(messageId);
    if (!message) throw new Error(`fake Discord: no message ${messageId}`);
    const button = message.components
      .flatMap((row) => row.components as Json[])
      .find((component) => String(component.label).startsWith(label));
    if (!button || typeof button.custom_id !== 'string') throw new Error(`fake Discord: no button "${label}"`);
    return this.#dispatch(3, guild, user, { custom_id: button.custom_id, component_type: 2 }, message);
  }

  /**
   * Submits the modal that `openedBy` showed, with `values` by custom id (a string for text inputs,
   * a list for selects, attachments from `addAttachment` for file uploads). Refuses a submission the
   * Discord client would not send (a required input left empty).
   */
  submitModal(guild: FakeGuild, user: FakeUser, openedBy: string, values: Record<string, unknown>): string {
    const callback = this.#interaction(openedBy).callback;
    if (callback?.type !== 9) throw new Error(`fake Discord: interaction ${openedBy} showed no modal`);
    const attachments: Record<string, Json> = {};
    const answer = (input: Json): Json => {
      const id = String(input.custom_id);
      const given = values[id];
      if (input.type === 4) {
        const value = typeof given === 'string' ? given : String(input.value ?? '');
        if (input.required !== false && value === '') throw new Error(`fake Discord: ${id} is required`);
        return { type: 4, custom_id: id, value };
      }
      if (input.type === 19) {
        const files = (Array.isArray(given) ? given : []) as Json[];
        for (const file of files) attachments[String(file.id)] = file;
        return { type: 19, custom_id: id, values: files.map((file) => file.id) };
      }
      const selected = Array.isArray(given) ? given : ((input.options as Json[]) ?? []).filter((o) => o.default);
      return { type: 3, custom_id: id, values: selected.map((o) => (typeof o === 'string' ? o : o.value)) };
    };
    const components = (callback.data.components as Json[])
      .filter((top) => top.type !== 10)
      .map((top) =>
        top.type === 18
          ? { type: 18, component: answer(top.component as Json) }
          : { type: 1, components: (top.components as Json[]).map(answer) },
      );
    const data: Json = { custom_id: callback.data.custom_id, components };
    if (Object.keys(attachments).length > 0) data.resolved = { attachments };
    return this.#dispatch(5, guild, user, data);
  }

  /** Messages the bot posted in a channel (not ephemeral), oldest first. */
  channelMessages(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channel_id === channelId && (m.flags & EPHEMERAL) === 0);
  }

  #interaction(id: string): FakeInteraction {
    const interaction = this.interactions.get(id);
    if (!interaction) throw new Error(`fake Discord: no interaction ${id}`);
    return interaction;
  }

  #commandData(guild: FakeGuild, subcommand: string, options: Record<string, unknown>, focused?: string): Json {
    const registered = this.commands.get(guild.id) ?? this.commands.get('global') ?? [];
    const bench = registered.find((command) => command.name === 'bench');
    if (!bench) throw new Error('fake Discord: /bench is not registered');
    const sub = (bench.options as Json[]).find((option) => option.name === subcommand);
    if (!sub) throw new Error(`fake Discord: /bench ${subcommand} is not registered`);
    const declared = (sub.options as Json[] | undefined) ?? [];
    const attachments: Record<string, Json> = {};
    const given = Object.entries(options).map(([name, value]) => {
      const option = declared.find((o) => o.name === name);
      if (!option) throw new Error(`fake Discord: /bench ${subcommand} has no option ${name}`);
      if (option.type === 11) {
        const file = value as Json;
        attachments[String(file.id)] = file;
        return { name, type: 11, value: file.id };
      }
      return { name, type: option.type, value, ...(name === focused ? { focused: true } : {}) };
    });
    for (const option of declared) {
      if (option.required && focused === undefined && !(String(option.name) in options)) {
        throw new Error(`fake Discord: ${String(option.name)} is required`);
      }
    }
    const data: Json = {
      id: String(bench.id),
      name: 'bench',
      type: 1,
      guild_id: guild.id,
      options: [{ name: subcommand, type: 1, options: given }],
    };
    if (Object.keys(attachments).length > 0) data.resolved = { attachments };
    return data;
  }

  #dispatch(type: number, guild: FakeGuild, user: FakeUser, data: Json, message?: StoredMessage): string {
    const id = snowflake();
    const token = `itoken-${randomBytes(16).toString('hex')}`;
    this.interactions.set(id, {
      id,
      token,
      type,
      guildId: guild.id,
      channelId: guild.channelId,
      userId: user.id,
      dispatchedAt: Date.now(),
      ...(message ? { sourceMessageId: message.id } : {}),
      messageIds: [],
      expired: false,
    });
    const permissions = user.admin ? MEMBER_PERMISSIONS | MANAGE_GUILD : MEMBER_PERMISSIONS;
    this.#gateway.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.applicationId,
      type,
      data,
      guild_id: guild.id,
      channel_id: guild.channelId,
      channel: { id: guild.channelId, type: 0, guild_id: guild.id, name: 'general' },
      member: {
        user: { id: user.id, username: user.name, global_name: user.name, discriminator: '0', avatar: null },
        roles: [],
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
        permissions: permissions.toString(),
      },
      token,
      version: 1,
      app_permissions: MEMBER_PERMISSIONS.toString(),
      locale: 'en-US',
      guild_locale: 'en-US',
      entitlements: [],
      authorizing_integration_owners: { '0': guild.id },
      context: 0,
      attachment_size_limit: 10_485_760,
      ...(message ? { message: this.#messagePayload(message) } : {}),
    });
    return id;
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.#baseUrl);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    if (url.pathname.startsWith('/cdn/')) {
      const file = this.#files.get(url.pathname.split('/')[2] ?? '');
      response.writeHead(file ? 200 : 404, { 'content-type': file?.contentType ?? 'text/plain' });
      response.end(file?.data ?? 'not found');
      return;
    }
    const { body, files } = await parseBody(request, raw);
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const call: RecordedCall = { method: request.method ?? 'GET', path, body, files: [], status: 0, at: Date.now() };
    call.files = files.map((f) => ({ name: f.name, filename: f.filename, contentType: f.contentType, size: f.size }));
    const authorized = request.headers.authorization === `Bot ${this.token}`;
    const [status, payload] = this.#route(call, files, authorized, url.searchParams);
    call.status = status;
    this.calls.push(call);
    if (status === 204) response.writeHead(204).end();
    else response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    const waiting = this.#waiters;
    this.#waiters = waiting.filter((waiter) => !waiter.predicate());
    for (const waiter of waiting) if (!this.#waiters.includes(waiter)) waiter.resolve();
  }

  #route(call: RecordedCall, files: UploadedFile[], authorized: boolean, query: URLSearchParams): [number, unknown] {
    const { method, path, body } = call;
    const parts = path.split('/').filter(Boolean);
    const needsBot = !(parts[0] === 'interactions' || parts[0] === 'webhooks');
    if (needsBot && !authorized) return [401, { message: '401: Unauthorized', code: 0 }];
    if (method === 'GET' && path === '/gateway/bot') {
      const url = this.#baseUrl.replace('http', 'ws');
      const limit = { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 };
      return [200, { url, shards: 1, session_start_limit: limit }];
    }
    if (method === 'GET' && path === '/users/@me') return [200, this.botUser];
    if (parts[0] === 'applications' && parts[1] === this.applicationId && method === 'PUT') {
      const commands = (Array.isArray(body) ? body : []) as Json[];
      const problems = commandProblems(commands);
      if (problems.length > 0) return invalid(problems);
      const stored = commands.map((command) => ({
        ...command,
        id: snowflake(),
        application_id: this.applicationId,
        version: snowflake(),
      }));
      this.commands.set(parts[2] === 'guilds' ? String(parts[3]) : 'global', stored);
      return [200, stored];
    }
    if (parts[0] === 'interactions' && method === 'POST') return this.#callback(parts, body, files, query);
    if (parts[0] === 'webhooks') return this.#webhook(method, parts, body, files);
    if (parts[0] === 'channels') return this.#channel(method, parts, body, files);
    return [404, { message: `fake Discord does not know ${method} ${path}`, code: 0 }];
  }

  #callback(parts: string[], body: Json, files: UploadedFile[], query: URLSearchParams): [number, unknown] {
    const interaction = this.interactions.get(parts[1] ?? '');
    if (!interaction || interaction.token !== parts[2]) return [404, { message: 'Unknown interaction', code: 10062 }];
    if (interaction.callback) return [400, { message: 'Interaction has already been acknowledged.', code: 40060 }];
    if (Date.now() - interaction.dispatchedAt > 3000) return [404, { message: 'Unknown interaction', code: 10062 }];
    const type = Number(body.type);
    const data = (body.data ?? {}) as Json;
    const problems =
      type === 4 || type === 7
        ? messageProblems(data, files.length, type === 7)
        : type === 8
          ? choiceProblems(data)
          : type === 9
            ? modalProblems(data)
            : [];
    if (type === 9 && (interaction.type === 5 || interaction.type === 4)) problems.push('a modal cannot answer this');
    if ((type === 6 || type === 7) && interaction.type !== 3 && interaction.type !== 5)
      problems.push('no message to update');
    if (type === 8 && interaction.type !== 4) problems.push('choices answer autocomplete only');
    if (interaction.type === 4 && type !== 8) problems.push('autocomplete must be answered with choices');
    if (problems.length > 0) return invalid(problems);
    interaction.callback = { type, data, at: Date.now() };
    if (type === 4 || type === 5) {
      const message = this.#store(interaction.channelId, type === 5 ? { flags: data.flags } : data, files, true);
      interaction.originalMessageId = message.id;
    }
    if (type === 6 || type === 7) interaction.originalMessageId = interaction.sourceMessageId;
    if (interaction.originalMessageId) interaction.messageIds.push(interaction.originalMessageId);
    if (type === 7 && interaction.sourceMessageId) this.#edit(interaction.sourceMessageId, data, files);
    if (query.get('with_response') !== 'true') return [204, null];
    const message = interaction.originalMessageId ? this.messages.get(interaction.originalMessageId) : undefined;
    return [
      200,
      {
        interaction: { id: interaction.id, type: interaction.type },
        resource: { type, ...(message ? { message: this.#messagePayload(message) } : {}) },
      },
    ];
  }

  #webhook(method: string, parts: string[], body: Json, files: UploadedFile[]): [number, unknown] {
    const interaction = [...this.interactions.values()].find((i) => i.token === parts[2]);
    if (parts[1] !== this.applicationId || !interaction) return [404, { message: 'Unknown Webhook', code: 10015 }];
    if (interaction.expired) return [401, { message: 'Invalid Webhook Token', code: 50027 }];
    if (!interaction.callback) return [404, { message: 'Unknown Webhook', code: 10015 }];
    if (method === 'POST' && parts.length === 3) {
      const problems = messageProblems(body, files.length, false);
      if (problems.length > 0) return invalid(problems);
      const followUp = this.#store(interaction.channelId, body, files, true);
      interaction.messageIds.push(followUp.id);
      return [200, this.#messagePayload(followUp)];
    }
    const id = parts[4] === '@original' ? interaction.originalMessageId : parts[4];
    const message = id ? this.messages.get(id) : undefined;
    if (!message || parts[3] !== 'messages') return [404, { message: 'Unknown Message', code: 10008 }];
    if (method === 'DELETE') {
      this.messages.delete(message.id);
      return [204, null];
    }
    if (method === 'GET') return [200, this.#messagePayload(message)];
    const problems = messageProblems(body, files.length, true);
    if (problems.length > 0) return invalid(problems);
    return [200, this.#messagePayload(this.#edit(message.id, body, files))];
  }

  #channel(method: string, parts: string[], body: Json, files: UploadedFile[]): [number, unknown] {
    const channelId = parts[1] ?? '';
    if (!this.guilds.some((guild) => guild.channelId === channelId)) {
      return [404, { message: 'Unknown Channel', code: 10003 }];
    }
    if (parts[2] !== 'messages') return [404, { message: 'Unknown route', code: 0 }];
    if (method === 'POST' && parts.length === 3) {
      const problems = messageProblems(body, files.length, false);
      if (problems.length > 0) return invalid(problems);
      return [200, this.#messagePayload(this.#store(channelId, body, files, false))];
    }
    const message = this.messages.get(parts[3] ?? '');
    if (!message || message.channel_id !== channelId || (message.flags & EPHEMERAL) !== 0) {
      return [404, { message: 'Unknown Message', code: 10008 }];
    }
    if (method === 'GET') return [200, this.#messagePayload(message)];
    if (method !== 'PATCH') return [405, { message: '405: Method Not Allowed', code: 0 }];
    const problems = messageProblems(body, files.length, true);
    if (problems.length > 0) return invalid(problems);
    return [200, this.#messagePayload(this.#edit(message.id, body, files))];
  }

  #store(channelId: string, body: Json, files: UploadedFile[], viaWebhook: boolean): StoredMessage {
    const message: StoredMessage = {
      id: snowflake(),
      channel_id: channelId,
      content: '',
      embeds: [],
      components: [],
      attachments: [],
      flags: Number(body.flags ?? 0),
      versions: [],
      viaWebhook,
    };
    this.messages.set(message.id, message);
    // A deferred response is a placeholder: it gets its first version when the bot edits it.
    if (body.content !== undefined || body.embeds !== undefined || files.length > 0 || body.components !== undefined) {
      this.#edit(message.id, body, files);
    }
    return message;
  }

  #edit(id: string, body: Json, files: UploadedFile[]): StoredMessage {
    const message = this.messages.get(id) as StoredMessage;
    if (typeof body.content === 'string') message.content = body.content;
    if (Array.isArray(body.embeds)) message.embeds = body.embeds as Json[];
    if (Array.isArray(body.components)) message.components = body.components as Json[];
    const kept = Array.isArray(body.attachments)
      ? message.attachments.filter((a) => (body.attachments as Json[]).some((k) => String(k.id) === a.id))
      : message.attachments;
    const added = files.map((file) => {
      const fileId = snowflake();
      this.#files.set(fileId, { filename: file.filename, contentType: file.contentType, data: file.data });
      const url = `${this.#baseUrl}/cdn/${fileId}/${file.filename}`;
      return { id: fileId, filename: file.filename, content_type: file.contentType, size: file.size, url };
    });
    message.attachments = [...kept, ...added];
    message.versions.push({ content: message.content, embeds: message.embeds, components: message.components });
    return message;
  }

  /** Bytes of an attachment the bot uploaded. */
  attachmentData(url: string): Buffer | undefined {
    return this.#files.get(new URL(url).pathname.split('/')[2] ?? '')?.data;
  }

  #messagePayload(message: StoredMessage): Json {
    return {
      id: message.id,
      channel_id: message.channel_id,
      type: 0,
      content: message.content,
      embeds: message.embeds,
      components: message.components,
      attachments: message.attachments,
      flags: message.flags,
      author: this.botUser,
      application_id: this.applicationId,
      timestamp: new Date(timestampOf(message.id)).toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
    };
  }
}

interface UploadedFile {
  name: string;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

async function parseBody(request: IncomingMessage, raw: Buffer): Promise<{ body: Json; files: UploadedFile[] }> {
  const type = request.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: {}, files: [] };
  if (!type.startsWith('multipart/form-data')) return { body: JSON.parse(raw.toString('utf8')) as Json, files: [] };
  const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': type }, body: raw })
    .formData()
    .catch(() => new FormData());
  const files: UploadedFile[] = [];
  let body: Json = {};
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      if (name === 'payload_json') body = JSON.parse(value) as Json;
      continue;
    }
    const data = Buffer.from(await value.arrayBuffer());
    files.push({ name, filename: value.name, contentType: value.type, size: data.length, data });
  }
  return { body, files };
}

function invalid(problems: string[]): [number, unknown] {
  return [400, { message: 'Invalid Form Body', code: 50035, errors: problems }];
}

let increment = 0n;

/** A Discord snowflake: milliseconds since the Discord epoch in the top bits. */
export function snowflake(at = Date.now()): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(at) - EPOCH) << 22n) | increment).toString();
}

function timestampOf(id: string): number {
  return Number((BigInt(id) >> 22n) + EPOCH);
}
