import { isTerminal, type RunStatus } from '../core/run/status.ts';
import type { Models } from './models/index.ts';
import { loadRunResults, type SharedRun, type StoredResult } from './report-queries.ts';

export interface RunResultsCacheOptions {
  /** Results kept in memory across runs; the least recently used run goes first. */
  maxResults?: number;
  /** How long a run stays cached; bounds how long a retention purge of outputs goes unseen. */
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  results: Promise<StoredResult[]>;
  size: number;
  loadedAt: number;
}

/**
 * The results of finished runs, loaded once and filtered in memory by the report pages. A
 * finished run's results no longer change, and browsing, searching and paging a run in memory
 * costs one read instead of a query per page (which, without usable indexes, is a full scan).
 * Runs still going are never cached.
 */
export function createRunResultsCache(models: Models, options: RunResultsCacheOptions = {}) {
  const maxResults = options.maxResults ?? 200_000;
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  function evict(): void {
    let total = [...entries.values()].reduce((sum, entry) => sum + entry.size, 0);
    for (const [key, entry] of entries) {
      if (total <= maxResults || entries.size <= 1) break;
      entries.delete(key);
      total -= entry.size;
    }
  }

  return {
    /** Every result of a finished run, or null when the run is going or too large to hold. */
    forRun(run: SharedRun): Promise<StoredResult[]> | null {
      const expected = run.counts?.total ?? 0;
      if (!isTerminal(run.status as RunStatus) || expected > maxResults) return null;
      const key = String(run._id);
      const hit = entries.get(key);
      if (hit && now() - hit.loadedAt < ttlMs) {
        // Re-inserting keeps the map in least-recently-used order.
        entries.delete(key);
        entries.set(key, hit);
        return hit.results;
      }
      const entry: Entry = { results: loadRunResults(models, run._id), size: expected, loadedAt: now() };
      entries.delete(key);
      entries.set(key, entry);
      entry.results.then(
        (results) => {
          entry.size = results.length;
          evict();
        },
        () => {
          if (entries.get(key) === entry) entries.delete(key);
        },
      );
      evict();
      return entry.results;
    },
  };
}

export type RunResultsCache = ReturnType<typeof createRunResultsCache>;
