import { describe, expect, it } from 'vitest';
import { loadProviders, parseModelRef } from '../../../src/llm/providers.ts';

describe('parseModelRef', () => {
  it('splits a known provider prefix and sends everything else to OpenRouter whole', () => {
    expect(parseModelRef('openai:gpt-4o')).toEqual({ provider: 'openai', model: 'gpt-4o' });
    expect(parseModelRef('demo:smart')).toEqual({ provider: 'demo', model: 'smart' });
    expect(parseModelRef('openrouter:anthropic/claude-sonnet-4')).toEqual({
      provider: 'openrouter',
      model: 'anthropic/claude-sonnet-4',
    });
    expect(parseModelRef('openai/gpt-4o-mini')).toEqual({ provider: 'openrouter', model: 'openai/gpt-4o-mini' });
    // OpenRouter variants carry their own colon.
    expect(parseModelRef('meta-llama/llama-3-8b-instruct:free')).toEqual({
      provider: 'openrouter',
      model: 'meta-llama/llama-3-8b-instruct:free',
    });
    expect(parseModelRef('ollama:llama3.2:3b')).toEqual({ provider: 'openrouter', model: 'ollama:llama3.2:3b' });
    expect(parseModelRef('ollama:llama3.2:3b', ['openrouter', 'ollama'])).toEqual({
      provider: 'ollama',
      model: 'llama3.2:3b',
    });
  });
});

describe('loadProviders', () => {
  it('has the built-ins with their default endpoints and key variables', () => {
    const providers = loadProviders({});
    expect(providers.map((p) => [p.name, p.baseUrl, p.apiKeyEnv])).toEqual([
      ['openrouter', 'https://openrouter.ai/api/v1', 'OPENROUTER_API_KEY'],
      ['openai', 'https://api.openai.com/v1', 'OPENAI_API_KEY'],
    ]);
    const overridden = loadProviders(
      { OPENROUTER_BASE_URL: 'http://127.0.0.1:9/api/v1' },
      { demoBaseUrl: 'http://127.0.0.1:1/v1' },
    );
    expect(overridden[0]?.baseUrl).toBe('http://127.0.0.1:9/api/v1');
    expect(overridden.find((p) => p.name === 'demo')?.baseUrl).toBe('http://127.0.0.1:1/v1');
  });

  it('adds providers from a YAML file and JSON in the environment, defaulting the concurrency cap', () => {
    const yaml = `providers:
  - name: ollama
    baseUrl: http://localhost:11434/v1
    limits: { maxConcurrency: 2 }
  - name: openrouter
    baseUrl: https://openrouter.ai/api/v1
    limits: { requestsPerMinute: 60, tokensPerMinute: 100000 }
`;
    const providers = loadProviders(
      {
        PROVIDERS_FILE: '/etc/bh/providers.yaml',
        BENCHMARKHUB_PROVIDERS: JSON.stringify([
          { name: 'vllm', baseUrl: 'http://gpu:8000/v1', apiKeyEnv: 'VLLM_KEY', timeoutMs: 120000 },
        ]),
      },
      { readFile: (path) => (path === '/etc/bh/providers.yaml' ? yaml : '') },
    );
    const byName = Object.fromEntries(providers.map((p) => [p.name, p]));
    expect(byName.ollama?.limits).toEqual({ maxConcurrency: 2 });
    expect(byName.vllm).toMatchObject({ apiKeyEnv: 'VLLM_KEY', timeoutMs: 120000, limits: { maxConcurrency: 16 } });
    // A declaration named like a built-in keeps the built-in's key variable.
    expect(byName.openrouter).toMatchObject({
      apiKeyEnv: 'OPENROUTER_API_KEY',
      limits: { requestsPerMinute: 60, tokensPerMinute: 100000, maxConcurrency: 16 },
    });
  });

  it('names the source and field of a bad declaration', () => {
    expect(() => loadProviders({ BENCHMARKHUB_PROVIDERS: '[{"name": "x", "baseUrl": "not a url"}]' })).toThrow(
      /BENCHMARKHUB_PROVIDERS has invalid provider declarations:\n0\.baseUrl: /,
    );
    expect(() =>
      loadProviders(
        { PROVIDERS_FILE: 'missing.yaml' },
        {
          readFile: () => {
            throw new Error('ENOENT');
          },
        },
      ),
    ).toThrow('PROVIDERS_FILE missing.yaml cannot be read.');
    expect(() =>
      loadProviders({ BENCHMARKHUB_PROVIDERS: '[{"name": "x", "baseUrl": "http://x", "apiKey": "sk"}]' }),
    ).toThrow(/Unrecognized key/);
  });
});
