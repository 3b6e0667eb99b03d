import { describe, expect, it } from 'vitest';
import { bundledCatalog } from '../../../src/core/cost/bundled-catalog.ts';
import { catalogIdOf, createCatalog, parseCatalog } from '../../../src/core/cost/catalog.ts';
import { DEMO_MODELS } from '../../../src/core/cost/demo-models.ts';

const openRouterAnswer = {
  data: [
    {
      id: 'openai/gpt-4o-mini',
      name: 'OpenAI: GPT-4o-mini',
      created: 1721260800,
      context_length: 128000,
      architecture: { modality: 'text+image->text' },
      pricing: { prompt: '0.00000015', completion: '0.0000006', request: '0', image: '0.000217' },
      top_provider: { context_length: 128000, max_completion_tokens: 16384, is_moderated: true },
    },
    {
      id: 'meta-llama/llama-3.3-70b-instruct:free',
      name: 'Meta: Llama 3.3 70B (free)',
      context_length: 65536,
      pricing: { prompt: '0', completion: '0' },
    },
    {
      id: 'perplexity/sonar',
      context_length: 127072,
      pricing: { prompt: '0.000001', completion: '0.000001', request: '0.005' },
    },
    {
      id: 'openrouter/auto',
      name: 'Auto Router',
      context_length: 2000000,
      pricing: { prompt: '-1', completion: '-1' },
    },
    { name: 'no id', pricing: { prompt: '0', completion: '0' } },
    'junk',
  ],
};

describe('parseCatalog', () => {
  it("reads OpenRouter's models answer and skips entries it cannot price", () => {
    const { models, skipped } = parseCatalog(openRouterAnswer);
    expect(models.map((m) => m.id)).toEqual([
      'openai/gpt-4o-mini',
      'meta-llama/llama-3.3-70b-instruct:free',
      'perplexity/sonar',
    ]);
    expect(skipped).toBe(3);
    expect(models[0]?.top_provider?.max_completion_tokens).toBe(16384);
    expect(models[2]?.name).toBe('perplexity/sonar');
  });

  it('gives nothing for answers of the wrong shape', () => {
    expect(parseCatalog(null)).toEqual({ models: [], skipped: 0 });
    expect(parseCatalog({ error: 'nope' })).toEqual({ models: [], skipped: 0 });
  });
});

describe('catalog', () => {
  const catalog = createCatalog(parseCatalog(openRouterAnswer).models, {
    fetchedAt: new Date('2026-12-03T10:00:00Z'),
    source: 'live',
  });

  it('maps model references to catalog ids', () => {
    expect(catalogIdOf('openai/gpt-4o')).toBe('openai/gpt-4o');
    expect(catalogIdOf('openrouter:openai/gpt-4o')).toBe('openai/gpt-4o');
    expect(catalogIdOf('openai:gpt-4o')).toBe('openai/gpt-4o');
    expect(catalogIdOf('demo:smart')).toBe('demo:smart');
    expect(catalogIdOf('meta-llama/llama-3.3-70b-instruct:free')).toBe('meta-llama/llama-3.3-70b-instruct:free');
    expect(catalogIdOf('local:llama3')).toBe('local/llama3');
  });

  it('looks models up by every reference form and knows unknown ones as unknown', () => {
    expect(catalog.lookup('openai/gpt-4o-mini')?.name).toBe('OpenAI: GPT-4o-mini');
    expect(catalog.lookup('openrouter:openai/gpt-4o-mini')?.id).toBe('openai/gpt-4o-mini');
    expect(catalog.lookup('openai:gpt-4o-mini')?.id).toBe('openai/gpt-4o-mini');
    expect(catalog.lookup('meta-llama/llama-3.3-70b-instruct:free')?.context_length).toBe(65536);
    expect(catalog.lookup('demo:cheap')?.name).toContain('Cheap');
    expect(catalog.lookup('anthropic/claude-9')).toBeUndefined();
    expect(catalog.lookup('local:llama3')).toBeUndefined();
    expect(catalog.fetchedAt).toBe('2026-12-03T10:00:00.000Z');
    expect(catalog.source).toBe('live');
  });

  it('prices per token and per request, with free models at 0 and unknown ones undefined', () => {
    expect(catalog.price('openai:gpt-4o-mini')).toEqual({
      promptPerToken: 0.00000015,
      completionPerToken: 0.0000006,
      perRequest: 0,
    });
    expect(catalog.price('perplexity/sonar')?.perRequest).toBe(0.005);
    expect(catalog.price('meta-llama/llama-3.3-70b-instruct:free')).toEqual({
      promptPerToken: 0,
      completionPerToken: 0,
      perRequest: 0,
    });
    expect(catalog.price('nobody/nothing')).toBeUndefined();
  });

  it('prices the demo models even in a live catalog', () => {
    for (const demo of DEMO_MODELS) {
      expect(catalog.price(demo.id)).toEqual({
        promptPerToken: demo.promptPerToken,
        completionPerToken: demo.completionPerToken,
        perRequest: 0,
      });
    }
  });
});

describe('catalog search', () => {
  const catalog = bundledCatalog();

  it('finds models by id or name, case-insensitively, exact and prefix matches first', () => {
    const ids = catalog.search('GPT-4o', 5).map((m) => m.id);
    expect(ids[0]).toBe('openai/gpt-4o');
    expect(ids).toContain('openai/gpt-4o-mini');
    expect(catalog.search('claude').every((m) => m.id.startsWith('anthropic/'))).toBe(true);
    expect(catalog.search('Gemini Flash').map((m) => m.id)).toEqual(
      expect.arrayContaining(['google/gemini-2.5-flash', 'google/gemini-2.5-flash-lite']),
    );
    expect(catalog.search('llama 70b').map((m) => m.id)).toContain('meta-llama/llama-3.3-70b-instruct');
    expect(catalog.search('demo').map((m) => m.id)).toEqual(['demo:fast', 'demo:smart', 'demo:cheap']);
    expect(catalog.search('zzz-no-such-model')).toEqual([]);
  });

  it('respects the limit and lists models for an empty query', () => {
    expect(catalog.search('', 3)).toHaveLength(3);
    expect(catalog.search('a', 4)).toHaveLength(4);
  });
});

describe('bundled snapshot', () => {
  const catalog = bundledCatalog();

  it('holds about 40 popular models of every major vendor with sane prices, plus the demo models', () => {
    expect(catalog.source).toBe('snapshot');
    expect(catalog.fetchedAt).toBe('2026-12-01T00:00:00.000Z');
    const vendors = new Set(catalog.models.map((m) => m.id.split(/[/:]/)[0]));
    for (const vendor of ['openai', 'anthropic', 'google', 'meta-llama', 'mistralai', 'deepseek', 'qwen', 'demo']) {
      expect(vendors).toContain(vendor);
    }
    expect(catalog.models.length).toBeGreaterThanOrEqual(40);
    for (const model of catalog.models) {
      const price = catalog.price(model.id)!;
      expect(price.promptPerToken).toBeLessThan(0.0001);
      expect(price.completionPerToken).toBeGreaterThanOrEqual(price.promptPerToken);
      expect(model.context_length).toBeGreaterThan(1000);
    }
    expect(catalog.price('openai/gpt-4o')?.promptPerToken).toBeCloseTo(2.5e-6, 12);
  });
});
