import { type Catalog, createCatalog, parseCatalog } from './catalog.ts';
import snapshot from './catalog-snapshot.json' with { type: 'json' };

/**
 * The catalog shipped with the service (prices as of its `fetchedAt`), used until, or instead
 * of, a live refresh from OpenRouter.
 */
export function bundledCatalog(): Catalog {
  return createCatalog(parseCatalog(snapshot).models, { fetchedAt: snapshot.fetchedAt, source: 'snapshot' });
}
