import { z } from 'zod';
import type { ModelRef } from '../definition/schema.ts';
import { DEMO_MODELS } from './demo-models.ts';

/** A non-negative decimal in a string, as OpenRouter writes prices (`"0.0000025"`). */
const PriceSchema = z.union([
  z.string().regex(/^\d+(\.\d+)?([eE][-+]?\d+)?$/, 'a non-negative decimal'),
  z.number().min(0).transform(String),
]);

/** One model of OpenRouter's `GET /api/v1/models` answer; prices are USD per token. */
export const CatalogModelSchema = z
  .object({
    id: z.string().min(1).max(200),
    /** Display name; the id when the source gives none. */
    name: z.string().max(200).optional(),
    context_length: z.number().int().min(0).nullable().default(null),
    pricing: z.object({
      prompt: PriceSchema,
      completion: PriceSchema,
      request: PriceSchema.optional(),
      image: PriceSchema.optional(),
    }),
    top_provider: z
      .object({
        context_length: z.number().int().min(0).nullable().optional(),
        max_completion_tokens: z.number().int().min(0).nullable().optional(),
      })
      .optional(),
  })
  .transform((model) => ({ ...model, name: model.name || model.id }));
export type CatalogModel = z.infer<typeof CatalogModelSchema>;

/** Prices of one model, in USD. */
export interface ModelPrice {
  promptPerToken: number;
  completionPerToken: number;
  perRequest: number;
}

export type CatalogSource = 'snapshot' | 'live';

/** The pricing catalog: which models exist, their context and their prices. */
export interface Catalog {
  /** When the prices were fetched (ISO 8601). */
  readonly fetchedAt: string;
  readonly source: CatalogSource;
  readonly models: readonly CatalogModel[];
  /** The entry a model reference names, or undefined when the catalog does not know it. */
  lookup(ref: ModelRef): CatalogModel | undefined;
  /** Models whose id or name match the query (case-insensitive), best matches first, for pickers. */
  search(query: string, limit?: number): CatalogModel[];
  /** Prices of a model reference, or undefined when unknown (never a silent 0). */
  price(ref: ModelRef): ModelPrice | undefined;
}

/**
 * Reads OpenRouter's models answer (`{data: [...]}`, or a bare array). Entries that do not fit
 * (no id, missing or negative prices such as the `-1` of routers with variable pricing) are
 * skipped and counted, so one odd entry cannot take the whole catalog down.
 */
export function parseCatalog(json: unknown): { models: CatalogModel[]; skipped: number } {
  const list = Array.isArray(json)
    ? json
    : json !== null && typeof json === 'object' && Array.isArray((json as { data?: unknown }).data)
      ? ((json as { data: unknown[] }).data as unknown[])
      : undefined;
  if (!list) return { models: [], skipped: 0 };
  const models: CatalogModel[] = [];
  let skipped = 0;
  for (const entry of list) {
    const parsed = CatalogModelSchema.safeParse(entry);
    if (parsed.success) models.push(parsed.data);
    else skipped++;
  }
  return { models, skipped };
}

/** Catalog entries of the simulated demo models, which any catalog prices. */
function demoEntries(): CatalogModel[] {
  return DEMO_MODELS.map((model) => ({
    id: model.id,
    name: model.name,
    context_length: model.contextLength,
    pricing: { prompt: String(model.promptPerToken), completion: String(model.completionPerToken) },
  }));
}

/**
 * The catalog id a reference names: `openrouter:x/y` and bare `x/y` (which may carry its own
 * colon, as in `…:free`) are OpenRouter ids; `openai:gpt-4o` is `openai/gpt-4o`; `demo:*` stay as
 * they are. Other `provider:model` references map to `provider/model`, which is unknown for
 * self-hosted endpoints, as it should be.
 */
export function catalogIdOf(ref: string): string {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  if (colon <= 0 || (slash !== -1 && slash < colon)) return ref;
  const provider = ref.slice(0, colon);
  const model = ref.slice(colon + 1);
  if (provider === 'demo') return ref;
  if (provider === 'openrouter') return model;
  return `${provider}/${model}`;
}

function rankOf(model: CatalogModel, query: string, tokens: string[]): number {
  const id = model.id.toLowerCase();
  const name = (model.name ?? '').toLowerCase();
  if (id === query) return 0;
  if (id.startsWith(query) || id.slice(id.indexOf('/') + 1).startsWith(query)) return 1;
  if (id.includes(query)) return 2;
  if (name.includes(query)) return 3;
  if (tokens.every((token) => id.includes(token) || name.includes(token))) return 4;
  return -1;
}

/**
 * Builds a catalog from parsed entries. The demo models are always added: a live refresh from
 * OpenRouter does not list them, yet demo runs must still be priced.
 */
export function createCatalog(
  models: readonly CatalogModel[],
  options: { fetchedAt: Date | string; source: CatalogSource },
): Catalog {
  const byId = new Map<string, CatalogModel>();
  for (const model of [...models, ...demoEntries()]) if (!byId.has(model.id)) byId.set(model.id, model);
  const all = [...byId.values()];
  const lookup = (ref: ModelRef) => byId.get(catalogIdOf(ref)) ?? byId.get(ref);
  return {
    fetchedAt: new Date(options.fetchedAt).toISOString(),
    source: options.source,
    models: all,
    lookup,
    search(query, limit = 10) {
      const q = query.trim().toLowerCase();
      if (q === '') return all.slice(0, limit);
      const tokens = q.split(/[\s/:_.-]+/).filter((token) => token !== '');
      return all
        .map((model, order) => ({ model, order, rank: rankOf(model, q, tokens) }))
        .filter((entry) => entry.rank >= 0)
        .sort((x, y) => x.rank - y.rank || x.model.id.length - y.model.id.length || x.order - y.order)
        .slice(0, limit)
        .map((entry) => entry.model);
    },
    price(ref) {
      const model = lookup(ref);
      if (!model) return undefined;
      return {
        promptPerToken: Number(model.pricing.prompt),
        completionPerToken: Number(model.pricing.completion),
        perRequest: model.pricing.request === undefined ? 0 : Number(model.pricing.request),
      };
    },
  };
}
