import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../../src/llm/simulator/server.ts';

const chat = (sim: Simulator, body: object, headers: Record<string, string> = {}) =>
  fetch(`${sim.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('simulator', () => {
  let sim: Simulator;
  afterEach(() => sim.close());

  it('lists its models in OpenAI and OpenRouter formats', async () => {
    sim = await startSimulator();
    const openai = (await (await fetch(`${sim.url}/models`)).json()) as { data: { id: string }[] };
    expect(openai.data.map((m) => m.id)).toEqual(['demo:smart', 'demo:fast', 'demo:cheap']);
    const openrouter = (await (await fetch(`${sim.openRouterUrl}/models`)).json()) as {
      data: { id: string; pricing: { prompt: string } }[];
    };
    expect(openrouter.data[0]).toMatchObject({ id: 'demo:smart', pricing: { prompt: '0.000003' } });
  });

  it('answers a chat completion with usage and OpenRouter-style cost, and records it', async () => {
    sim = await startSimulator({ behaviour: { latencyMs: 1 } });
    const response = await chat(sim, {
      model: 'fast',
      messages: [{ role: 'user', content: 'What is 6 x 7?' }],
      metadata: { bh_expected: '42' },
    });
    const body = (await response.json()) as {
      choices: { message: { content: string }; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number; cost: number };
    };
    expect(body.choices[0]?.finish_reason).toBe('stop');
    expect(body.usage.cost).toBeCloseTo(
      body.usage.prompt_tokens * 0.0000006 + body.usage.completion_tokens * 0.0000024,
      12,
    );
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({ model: 'fast', body: { metadata: { bh_expected: '42' } } });
  });

  it('answers 429 with Retry-After once more requests than allowed arrive within the window', async () => {
    sim = await startSimulator({
      behaviour: { latencyMs: 1, rateLimit: { max: 2, windowMs: 300 }, retryAfterMs: 1500 },
    });
    const ask = () => chat(sim, { model: 'fast', messages: [{ role: 'user', content: 'hi' }] });
    expect((await ask()).status).toBe(200);
    expect((await ask()).status).toBe(200);
    const limited = await ask();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('retry-after-ms')).toBe('1500');
    await new Promise((resolve) => setTimeout(resolve, 320));
    expect((await ask()).status).toBe(200);
  });

  it('can answer every request 402, and leave usage and cost out', async () => {
    sim = await startSimulator({ behaviour: { latencyMs: 1, status402: true } });
    expect((await chat(sim, { model: 'fast', messages: [] })).status).toBe(402);
    sim.setBehaviour({ status402: false, cost: false });
    const withoutCost = (await (await chat(sim, { model: 'fast', messages: [] })).json()) as { usage: object };
    expect(withoutCost.usage).not.toHaveProperty('cost');
    sim.setBehaviour({ usage: false });
    const withoutUsage = (await (await chat(sim, { model: 'fast', messages: [] })).json()) as object;
    expect(withoutUsage).not.toHaveProperty('usage');
  });

  it('closes while a request it never answers is still open', async () => {
    sim = await startSimulator({ behaviour: { timeoutRate: 1 }, record: false });
    const hanging = chat(sim, { model: 'fast', messages: [] }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await sim.close();
    expect(await hanging).toBeInstanceOf(Error);
    expect(sim.requests).toHaveLength(0);
    sim = await startSimulator();
  });
});
