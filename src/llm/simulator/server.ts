import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_MODELS } from '../../core/cost/demo-models.ts';
import { createRandom } from '../../core/stats/rng.ts';
import { approximateTokens, type SimulatedModel, simulatedAnswer } from './answers.ts';
import { DEFAULT_BEHAVIOUR, nextFault, type SimulatedFault, type SimulatorBehaviour } from './behaviour.ts';

export interface SimulatorOptions {
  /** Models served (default: the demo models). */
  models?: readonly SimulatedModel[];
  behaviour?: Partial<SimulatorBehaviour>;
  /** Seed of the random fault rates and latency jitter. */
  seed?: number;
  /** Keep every request in `requests` (default true; benches turn it off to keep memory flat). */
  record?: boolean;
}

/** A chat-completion request as the simulator received it. */
export interface RecordedRequest {
  /** Arrival time (ms since the epoch). */
  at: number;
  model: string;
  body: Record<string, unknown>;
}

export interface Simulator {
  /** OpenAI-compatible base URL, ending in `/v1`. */
  url: string;
  /** OpenRouter-style base URL (`…/api/v1`), serving the catalog of the simulated models. */
  openRouterUrl: string;
  requests: RecordedRequest[];
  setBehaviour(change: Partial<SimulatorBehaviour>): void;
  close(): Promise<void>;
}

interface ChatBody {
  model?: unknown;
  messages?: unknown;
  metadata?: { bh_expected?: unknown };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function errorBody(message: string, code: string | number, type = 'error') {
  return { error: { message, code, type } };
}

function promptText(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  return messages.map((m) => (typeof m?.content === 'string' ? m.content : '')).join('\n');
}

function findModel(models: readonly SimulatedModel[], requested: string): SimulatedModel | undefined {
  // The gateway sends `smart` for `demo:smart`; a caller naming the full reference is served too.
  return models.find((model) => model.id === requested || model.id === `demo:${requested}`);
}

/** OpenRouter's `/api/v1/models` shape, so the catalog refresh can read the simulated models. */
function openRouterCatalog(models: readonly SimulatedModel[]) {
  return {
    data: models.map((model) => ({
      id: model.id,
      name: model.name ?? `${model.id} (simulated)`,
      context_length: model.contextLength ?? 32_768,
      pricing: {
        prompt: String(model.promptPerToken),
        completion: String(model.completionPerToken),
        request: '0',
      },
      top_provider: { max_completion_tokens: 4096 },
    })),
  };
}

/**
 * Starts the loopback OpenAI-compatible simulator on 127.0.0.1 (a free port). Used by demo mode,
 * the CLI, the tests and the benches, so it stays cheap: no tokenizer, one timer per answer.
 */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const models = options.models ?? DEMO_MODELS;
  const behaviour: SimulatorBehaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour, script: [] };
  behaviour.script = [...(options.behaviour?.script ?? [])];
  const random = createRandom(options.seed ?? 1);
  const record = options.record ?? true;
  const requests: RecordedRequest[] = [];
  const accepted: number[] = [];
  const pending = new Set<NodeJS.Timeout>();
  let counter = 0;

  const overRateLimit = (now: number): boolean => {
    const limit = behaviour.rateLimit;
    if (!limit) return false;
    while (accepted.length > 0 && (accepted[0] ?? 0) <= now - limit.windowMs) accepted.shift();
    return accepted.length >= limit.max;
  };

  // A filtered answer is still a 200 completion, so `answerChat` produces it.
  const answerFault = (
    fault: Exclude<SimulatedFault, 'content_filtered'>,
    req: IncomingMessage,
    res: ServerResponse,
  ) => {
    const retryAfter = {
      'retry-after': String(Math.ceil(behaviour.retryAfterMs / 1000)),
      'retry-after-ms': String(behaviour.retryAfterMs),
    };
    switch (fault) {
      case 'rate_limited':
        return sendJson(res, 429, errorBody('Rate limit exceeded: too many requests.', 429), retryAfter);
      case 'server_error':
        return sendJson(res, [500, 502, 503][counter % 3] ?? 500, errorBody('The server had an error.', 'server'));
      case 'out_of_credits':
        return sendJson(res, 402, errorBody('Insufficient credits. Add more using https://example.test', 402));
      case 'context_too_long':
        return sendJson(
          res,
          400,
          errorBody(
            "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.",
            'context_length_exceeded',
          ),
        );
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"id":"sim","choices":[{"message":');
      case 'no_choices':
        return sendJson(res, 200, { id: 'sim', object: 'chat.completion', choices: [] });
      case 'network':
        return req.socket.destroy();
      case 'timeout':
        // Never answer: the caller's timeout has to end the call.
        return;
    }
  };

  const answerChat = (body: ChatBody, model: SimulatedModel, res: ServerResponse, filtered: boolean) => {
    const prompt = promptText(body.messages);
    const expected = body.metadata?.bh_expected;
    const content = filtered
      ? ''
      : typeof expected === 'string'
        ? simulatedAnswer(model, prompt, expected)
        : (behaviour.reply ?? simulatedAnswer(model, prompt, undefined));
    const promptTokens = approximateTokens(prompt) + 3 * (Array.isArray(body.messages) ? body.messages.length : 1);
    const completionTokens = approximateTokens(content) + 1;
    const usage = behaviour.usage
      ? {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
          ...(behaviour.cost
            ? { cost: promptTokens * model.promptPerToken + completionTokens * model.completionPerToken }
            : {}),
        }
      : undefined;
    sendJson(res, 200, {
      id: `chatcmpl-sim-${counter}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: model.id,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content },
          finish_reason: filtered ? 'content_filter' : 'stop',
        },
      ],
      ...(usage ? { usage } : {}),
    });
  };

  const handleChat = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    counter++;
    let body: ChatBody;
    try {
      body = JSON.parse(raw) as ChatBody;
    } catch {
      return sendJson(res, 400, errorBody('The request body is not valid JSON.', 'invalid_json'));
    }
    const modelName = typeof body.model === 'string' ? body.model : '';
    const now = Date.now();
    if (record) requests.push({ at: now, model: modelName, body: body as Record<string, unknown> });
    if (behaviour.apiKey !== null && req.headers.authorization !== `Bearer ${behaviour.apiKey}`) {
      // Real providers sometimes echo the key they got; the gateway must never pass that on.
      return sendJson(res, 401, errorBody(`Incorrect API key provided: ${req.headers.authorization ?? ''}`, 401));
    }
    const model = findModel(models, modelName);
    if (!model) return sendJson(res, 404, errorBody(`The model \`${modelName}\` does not exist.`, 'model_not_found'));
    const fault = nextFault(behaviour, random) ?? (overRateLimit(now) ? 'rate_limited' : undefined);
    if (fault && fault !== 'content_filtered') return answerFault(fault, req, res);
    if (behaviour.rateLimit) accepted.push(now);
    const base = behaviour.latencyMs ?? model.latencyMs;
    const delay = Math.max(0, base + (behaviour.jitterMs > 0 ? (random() * 2 - 1) * behaviour.jitterMs : 0));
    const timer = setTimeout(() => {
      pending.delete(timer);
      if (!res.destroyed) answerChat(body, model, res, fault === 'content_filtered');
    }, delay);
    pending.add(timer);
    res.once('close', () => {
      clearTimeout(timer);
      pending.delete(timer);
    });
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, {
        object: 'list',
        data: models.map((model) => ({ id: model.id, object: 'model', created: 0, owned_by: 'benchmarkhub-demo' })),
      });
    }
    if (req.method === 'GET' && path === '/api/v1/models') return sendJson(res, 200, openRouterCatalog(models));
    if (req.method === 'POST' && (path === '/v1/chat/completions' || path === '/api/v1/chat/completions')) {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => handleChat(req, res, Buffer.concat(chunks).toString('utf8')));
      return;
    }
    sendJson(res, 404, errorBody(`No route ${req.method} ${path}`, 404));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/v1`,
    openRouterUrl: `${origin}/api/v1`,
    requests,
    setBehaviour(change) {
      Object.assign(behaviour, change);
      if (change.script) behaviour.script = [...change.script];
    },
    async close() {
      for (const timer of pending) clearTimeout(timer);
      pending.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
