import { bundledCatalog } from '../core/cost/bundled-catalog.ts';
import { type Catalog, createCatalog, parseCatalog } from '../core/cost/catalog.ts';
import type { Logger } from '../core/ports.ts';

export interface CatalogLoadOptions {
  fetch?: typeof fetch;
  /** OpenRouter API base (default `https://openrouter.ai/api/v1`); the models list is `GET <base>/models`. */
  baseUrl?: string;
  logger: Logger;
  /** Give up on the live list after this long (default 5 s) and use what we have. */
  timeoutMs?: number;
  now?: () => Date;
}

async function fetchLiveCatalog(options: CatalogLoadOptions): Promise<Catalog> {
  const doFetch = options.fetch ?? fetch;
  const base = (options.baseUrl ?? 'https://openrouter.ai/api/v1').replace(/\/+$/, '');
  const response = await doFetch(`${base}/models`, {
    headers: { accept: 'application/json' },
    signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
  });
  if (!response.ok) throw new Error(`the models list answered HTTP ${response.status}`);
  const { models, skipped } = parseCatalog(await response.json());
  if (models.length === 0) throw new Error('the models list holds no usable model');
  options.logger.info({ models: models.length, skipped }, 'model catalog refreshed from OpenRouter');
  return createCatalog(models, { fetchedAt: (options.now ?? (() => new Date()))(), source: 'live' });
}

/** Fetches OpenRouter's models and prices; on any failure, the bundled snapshot. */
export async function loadCatalog(options: CatalogLoadOptions): Promise<Catalog> {
  try {
    return await fetchLiveCatalog(options);
  } catch (error) {
    const catalog = bundledCatalog();
    options.logger.warn(
      { reason: (error as Error).message, snapshot: catalog.fetchedAt },
      'model catalog refresh failed; using the bundled snapshot',
    );
    return catalog;
  }
}

export interface CatalogRefresher {
  /** A catalog that always answers from the latest successful load. */
  catalog: Catalog;
  /** Loads now; keeps the previous live catalog when the refresh fails. */
  refresh(): Promise<Catalog>;
  stop(): void;
}

/**
 * Loads the catalog once, then again every `intervalMs` (default daily) on an unref'd timer, so
 * prices follow OpenRouter's without holding the process open.
 */
export async function startCatalogRefresh(
  options: CatalogLoadOptions & { intervalMs?: number },
): Promise<CatalogRefresher> {
  let current = await loadCatalog(options);
  const refresh = async () => {
    try {
      current = await fetchLiveCatalog(options);
    } catch (error) {
      options.logger.warn(
        { reason: (error as Error).message, keeping: current.source },
        'model catalog refresh failed; keeping the catalog we have',
      );
    }
    return current;
  };
  const timer = setInterval(() => void refresh(), options.intervalMs ?? 24 * 60 * 60 * 1000);
  timer.unref();
  const catalog: Catalog = {
    get fetchedAt() {
      return current.fetchedAt;
    },
    get source() {
      return current.source;
    },
    get models() {
      return current.models;
    },
    lookup: (ref) => current.lookup(ref),
    search: (query, limit) => current.search(query, limit),
    price: (ref) => current.price(ref),
  };
  return { catalog, refresh, stop: () => clearInterval(timer) };
}
