import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkBlocks, checkView } from './fake-slack-limits.ts';
import { FakeSocketMode } from './fake-slack-socket.ts';

type Json = Record<string, unknown>;

export interface SlackCall {
  method: string;
  args: Json;
}

export interface SlackUser {
  id: string;
  teamId: string;
  name: string;
  admin?: boolean;
}

/**
 * A loopback Slack Web API for tests: answers the methods the bot uses, records every call, and
 * refuses what Slack would refuse (missing channel, too many blocks, texts over the limits, invalid
 * views) with Slack's `{ok: false, error}`. The real `@slack/bolt` client reaches it through
 * `clientOptions.slackApiUrl`; `response_url`s and file uploads point back at it too. Socket Mode
 * (`apps.connections.open` with the app-level token, then a WebSocket) is served on the same port.
 */
export interface FakeSlack {
  /** Value for `slackApiUrl` (`http://127.0.0.1:<port>/api/`). */
  apiUrl: string;
  origin: string;
  /** The bot token (`xoxb-…`) every Web API method but `apps.connections.open` takes. */
  token: string;
  /** The app-level token (`xapp-…`) `apps.connections.open` takes. */
  appToken: string;
  /** The Socket Mode server: delivers envelopes and records the app's acks. */
  socket: FakeSocketMode;
  calls: SlackCall[];
  /** Calls that were refused, with the reason; a passing test expects none. */
  rejected: { method: string; error: string; detail: string }[];
  callsOf(method: string): SlackCall[];
  addUser(user: SlackUser): void;
  /** A file the modal's file input "uploaded"; `files.info` and the download serve it. */
  addFile(id: string, name: string, content: string): void;
  /** A `response_url` the fake records posts to (recorded as `response_url` calls with `__path`). */
  responseUrl(): string;
  /** Bytes uploaded through `files.uploadV2`, by file id. */
  uploads: Map<string, { filename: string; data: Buffer }>;
  waitFor<T>(find: () => T | undefined, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Web API arguments arrive url-encoded (objects as JSON strings) or as JSON. */
function parseArgs(request: IncomingMessage, body: Buffer): Json {
  const type = request.headers['content-type'] ?? '';
  if (type.includes('application/json')) return body.length ? (JSON.parse(body.toString('utf8')) as Json) : {};
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

/** The client posts the file as multipart form data; Slack stores the file part's bytes. */
function fileBytes(request: IncomingMessage, body: Buffer): Buffer {
  const boundary = /boundary=(.+)$/.exec(request.headers['content-type'] ?? '')?.[1];
  if (!boundary) return body;
  const start = body.indexOf('\r\n\r\n') + 4;
  const end = body.indexOf(`\r\n--${boundary}`, start);
  return body.subarray(start, end === -1 ? body.length : end);
}

function send(response: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const data = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  response.writeHead(status, { 'content-type': type });
  response.end(data);
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const token = `xoxb-test-${randomBytes(6).toString('hex')}`;
  const appToken = `xapp-1-A1-test-${randomBytes(6).toString('hex')}`;
  const calls: SlackCall[] = [];
  const rejected: FakeSlack['rejected'] = [];
  const users = new Map<string, SlackUser>();
  const files = new Map<string, { name: string; content: string }>();
  const uploads: FakeSlack['uploads'] = new Map();
  let sequence = 0;
  let origin = '';
  const nextTs = () => `${1_700_000_000 + ++sequence}.000${String(sequence).padStart(3, '0')}`;

  const methods: Record<string, (args: Json) => Json | string> = {
    'apps.connections.open': () => ({ ok: true, url: socket.openUrl() }),
    'auth.test': () => ({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'benchmarkhub' }),
    'users.info': (args) => {
      const user = users.get(String(args.user));
      if (!user) return 'user_not_found';
      return {
        ok: true,
        user: { id: user.id, team_id: user.teamId, name: user.name, is_admin: !!user.admin, is_owner: false },
      };
    },
    'chat.postMessage': (args) => {
      if (!args.channel) return 'channel_not_found';
      if (!args.text && !args.blocks) return 'no_text';
      return { ok: true, channel: args.channel, ts: nextTs(), message: { text: args.text } };
    },
    'chat.postEphemeral': (args) => {
      if (!args.channel) return 'channel_not_found';
      if (!args.user) return 'user_not_in_channel';
      return { ok: true, message_ts: nextTs() };
    },
    'chat.update': (args) => {
      if (!args.channel) return 'channel_not_found';
      if (!args.ts) return 'message_not_found';
      return { ok: true, channel: args.channel, ts: args.ts };
    },
    'views.open': (args) => (args.trigger_id ? { ok: true, view: { id: `V${++sequence}` } } : 'invalid_trigger_id'),
    'views.update': (args) => (args.view_id || args.external_id ? { ok: true } : 'not_found'),
    'conversations.open': (args) =>
      args.users ? { ok: true, channel: { id: `D${String(args.users)}` } } : 'users_list_not_supplied',
    'files.getUploadURLExternal': (args) => {
      if (!args.filename || !args.length) return 'invalid_arguments';
      const id = `F${++sequence}`;
      uploads.set(id, { filename: String(args.filename), data: Buffer.alloc(0) });
      return { ok: true, file_id: id, upload_url: `${origin}/upload/${id}` };
    },
    'files.completeUploadExternal': (args) => {
      const list = Array.isArray(args.files) ? (args.files as Json[]) : [];
      if (list.length === 0) return 'invalid_arguments';
      for (const file of list) if (!uploads.get(String(file.id))?.data.length) return 'file_not_found';
      if (!args.channel_id && !args.channels) return 'channel_not_found';
      return { ok: true, files: list.map((file) => ({ id: file.id, title: file.title })) };
    },
    'files.info': (args) => {
      const file = files.get(String(args.file));
      if (!file) return 'file_not_found';
      return {
        ok: true,
        file: {
          id: args.file,
          name: file.name,
          size: file.content.length,
          url_private_download: `${origin}/download/${String(args.file)}`,
        },
      };
    },
  };

  function validate(method: string, args: Json): string | undefined {
    if (method.startsWith('chat.')) return checkBlocks(args.blocks, 50);
    if (method.startsWith('views.')) return checkView(args.view);
    return undefined;
  }

  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const bearer = request.headers.authorization;
    const authorized = bearer === `Bearer ${token}`;
    if (path.startsWith('/upload/')) {
      const upload = uploads.get(path.slice('/upload/'.length));
      if (!upload || !authorized) return send(response, 404, 'no such upload', 'text/plain');
      upload.data = fileBytes(request, body);
      return send(response, 200, 'OK - 1', 'text/plain');
    }
    if (path.startsWith('/download/')) {
      const file = files.get(path.slice('/download/'.length));
      if (!file || !authorized) return send(response, 404, 'not found', 'text/plain');
      return send(response, 200, file.content, 'text/plain');
    }
    const args = path.startsWith('/respond/')
      ? { ...(JSON.parse(body.toString('utf8') || '{}') as Json), __path: path }
      : parseArgs(request, body);
    const method = path.startsWith('/respond/') ? 'response_url' : path.replace(/^\/api\//, '');
    calls.push({ method, args });
    if (method === 'response_url') {
      const problem = checkBlocks(args.blocks, 50);
      if (problem) {
        rejected.push({ method, error: 'invalid_blocks', detail: problem });
        return send(response, 400, 'invalid_blocks', 'text/plain');
      }
      return send(response, 200, 'ok', 'text/plain');
    }
    const handler = methods[method];
    if (!handler) return send(response, 200, { ok: false, error: 'unknown_method' });
    // Socket Mode's one method takes only the app-level token, every other method only the bot token.
    const expected = method === 'apps.connections.open' ? appToken : token;
    if (bearer !== `Bearer ${expected}`) {
      const otherKind = bearer === `Bearer ${token}` || bearer === `Bearer ${appToken}`;
      return send(response, 200, { ok: false, error: otherKind ? 'not_allowed_token_type' : 'invalid_auth' });
    }
    const problem = validate(method, args);
    if (problem) {
      const error = method.startsWith('views.') ? 'invalid_arguments' : 'invalid_blocks';
      rejected.push({ method, error, detail: problem });
      return send(response, 200, { ok: false, error, response_metadata: { messages: [problem] } });
    }
    const result = handler(args);
    if (typeof result === 'string') {
      rejected.push({ method, error: result, detail: '' });
      return send(response, 200, { ok: false, error: result });
    }
    return send(response, 200, result);
  });
  const socket = new FakeSocketMode(server, { appId: 'A1' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    apiUrl: `${origin}/api/`,
    origin,
    token,
    appToken,
    socket,
    calls,
    rejected,
    uploads,
    callsOf: (method) => calls.filter((call) => call.method === method),
    addUser: (user) => users.set(user.id, user),
    addFile: (id, name, content) => files.set(id, { name, content }),
    responseUrl: () => `${origin}/respond/${++sequence}`,
    async waitFor(find, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = find();
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error('fake Slack: timed out waiting');
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        socket.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
