import type { Actor } from '../../core/use-cases/actor.ts';
import type { BenchmarkHub } from '../../core/use-cases/hub.ts';
import { splitList } from './build-command.ts';
import type { SuggestionSource } from './commands-definition.ts';
import { TtlMap } from './ttl-map.ts';

export interface Choice {
  name: string;
  value: string;
}

// Discord shows at most 25 choices, each name and value at most 100 characters.
const MAX_CHOICES = 25;
const MAX_LENGTH = 100;

function clip(text: string): string {
  return text.length <= MAX_LENGTH ? text : `${text.slice(0, MAX_LENGTH - 1)}…`;
}

function matches(typed: string, ...texts: string[]): boolean {
  const needle = typed.trim().toLowerCase();
  return needle === '' || texts.some((text) => text.toLowerCase().includes(needle));
}

/**
 * Autocomplete choices for benchmark names, model ids, templates and run ids. Discord drops an answer
 * that comes later than 3 seconds and asks again on every keystroke, so lists are cached briefly.
 */
export class Suggestions {
  readonly #hub: BenchmarkHub;
  readonly #cache: TtlMap<string, Promise<Choice[]>>;

  constructor(hub: BenchmarkHub, options: { ttlMs?: number } = {}) {
    this.#hub = hub;
    this.#cache = new TtlMap({ ttlMs: options.ttlMs ?? 15_000, maxEntries: 2000 });
  }

  /** Choices for `typed` in an option fed by `source`; `list` options complete their last item. */
  async choices(actor: Actor, source: SuggestionSource, typed: string, list = false): Promise<Choice[]> {
    if (source === 'model') return this.#models(typed, list);
    const all = await this.#cached(`${source}:${actor.workspace.externalId}`, () => this.#load(actor, source));
    return all.filter((choice) => matches(typed, choice.name, choice.value)).slice(0, MAX_CHOICES);
  }

  async #models(typed: string, list: boolean): Promise<Choice[]> {
    // In a list ("a, b, c…") the user is typing the last item; the earlier ones stay as they are.
    const items = list ? splitList(typed) : [typed.trim()];
    const typingNew = list && /[\s,]$/.test(typed);
    const query = typingNew ? '' : (items.at(-1) ?? '');
    const before = (typingNew ? items : items.slice(0, -1)).join(', ');
    const models = await this.#cached(`model:${query.toLowerCase()}`, async () =>
      (await this.#hub.searchModels(query, MAX_CHOICES)).map((model) => ({ name: model.name, value: model.id })),
    );
    return models
      .map((model) => {
        const value = before ? `${before}, ${model.value}` : model.value;
        return { name: clip(before ? value : `${model.value} (${model.name})`), value };
      })
      .filter((choice) => choice.value.length <= MAX_LENGTH)
      .slice(0, MAX_CHOICES);
  }

  async #load(actor: Actor, source: Exclude<SuggestionSource, 'model'>): Promise<Choice[]> {
    switch (source) {
      case 'benchmark':
        return (await this.#hub.listBenchmarks(actor)).map((benchmark) => ({
          name: clip(`${benchmark.name} (${benchmark.caseCount} cases, v${benchmark.version})`),
          value: benchmark.name,
        }));
      case 'template':
        return (await this.#hub.listTemplates()).map((template) => ({
          name: clip(`${template.slug}: ${template.name}`),
          value: template.slug,
        }));
      case 'run': {
        // Runs in progress first, then the last run of each benchmark.
        const [active, benchmarks] = await Promise.all([this.#hub.activeRuns(actor), this.#hub.listBenchmarks(actor)]);
        const choices = active.map((run) => ({
          name: clip(`${run.id} · ${run.benchmark} · ${run.status}`),
          value: run.id,
        }));
        for (const benchmark of benchmarks) {
          const last = benchmark.lastRun;
          if (last && !choices.some((choice) => choice.value === last.id)) {
            choices.push({ name: clip(`${last.id} · ${benchmark.name} · ${last.status}`), value: last.id });
          }
        }
        return choices;
      }
    }
  }

  #cached(key: string, load: () => Promise<Choice[]>): Promise<Choice[]> {
    const hit = this.#cache.get(key);
    if (hit) return hit;
    const loading = load();
    this.#cache.set(key, loading);
    // A failed load must not stay cached.
    loading.catch(() => this.#cache.delete(key));
    return loading;
  }
}
