import { type ParsedDefinition, parseDefinition, validateDefinition } from '../definition/index.ts';
import type { ResolvedDefinition } from '../definition/schema.ts';
import { InputError } from '../errors.ts';
import type { Actor } from './actor.ts';
import { NotFoundError } from './errors.ts';
import type { BenchmarkDetail, BenchmarkListItem, ModelInfo, SaveBenchmarkInput, SavedBenchmark } from './hub.ts';
import type { HubDeps } from './hub-deps.ts';
import { slugify } from './slug.ts';
import type { BenchmarkRecord, WorkspaceRecord } from './store-ports.ts';
import { toRunView } from './views.ts';
import { benchmarkNamed, workspaceOf } from './workspace-access.ts';

function listItem(benchmark: BenchmarkRecord): BenchmarkListItem {
  return {
    name: benchmark.name,
    slug: benchmark.slug,
    version: benchmark.currentVersion,
    caseCount: benchmark.caseCount,
    description: benchmark.description,
    updatedAt: benchmark.updatedAt,
  };
}

/** Applies chat-form fields on top of a parsed document and validates the result again. */
function applyOverrides(parsed: ParsedDefinition, input: SaveBenchmarkInput): ResolvedDefinition {
  const overrides = input.overrides ?? {};
  const definition: Record<string, unknown> = { ...parsed.definition };
  if (input.name) definition.name = input.name;
  if (overrides.description) definition.description = overrides.description;
  if (overrides.system) definition.system = overrides.system;
  if (overrides.models && overrides.models.length > 0) definition.models = overrides.models;
  if (overrides.params) definition.params = { ...parsed.definition.params, ...overrides.params };
  const hasAssertions = parsed.definition.assert.length > 0 || parsed.definition.cases.some((c) => c.assert?.length);
  if (overrides.scorer && !hasAssertions) definition.assert = [{ type: overrides.scorer }];
  return validateDefinition(definition);
}

async function store(
  deps: HubDeps,
  actor: Actor,
  workspace: WorkspaceRecord,
  definition: ResolvedDefinition,
  report: ParsedDefinition['report'],
): Promise<SavedBenchmark> {
  const slug = slugify(definition.name);
  if (!slug) throw new InputError([{ path: 'name', message: 'needs at least one letter or digit' }]);
  const saved = await deps.store.saveVersion(workspace.id, {
    slug,
    name: definition.name,
    definition,
    hash: deps.hash(JSON.stringify(definition)),
    createdBy: actor.userId,
  });
  return { benchmark: listItem(saved.benchmark), version: saved.version.version, created: saved.created, report };
}

export async function saveBenchmark(deps: HubDeps, actor: Actor, input: SaveBenchmarkInput): Promise<SavedBenchmark> {
  const parsed = parseDefinition(input.text, { format: input.format, name: input.name });
  const definition = applyOverrides(parsed, input);
  return store(deps, actor, await workspaceOf(deps, actor), definition, parsed.report);
}

export async function forkTemplate(
  deps: HubDeps,
  actor: Actor,
  template: string,
  asName?: string,
): Promise<SavedBenchmark> {
  const parsed = deps.templates.get(slugify(template));
  if (!parsed) throw new NotFoundError(`Template "${template}"`, 'See `/bench templates` for the list.');
  const definition = validateDefinition({ ...parsed.definition, name: asName ?? parsed.definition.name });
  return store(deps, actor, await workspaceOf(deps, actor), definition, parsed.report);
}

export async function listBenchmarks(deps: HubDeps, actor: Actor): Promise<BenchmarkListItem[]> {
  const workspace = await workspaceOf(deps, actor);
  const benchmarks = await deps.store.listBenchmarks(workspace.id);
  return Promise.all(
    benchmarks.map(async (benchmark) => {
      const runs = await deps.store.listRuns({ workspaceId: workspace.id, benchmarkId: benchmark.id, pageSize: 1 });
      const last = runs.items[0];
      return {
        ...listItem(benchmark),
        ...(last ? { lastRun: { id: last.id, status: last.status, at: last.createdAt } } : {}),
      };
    }),
  );
}

export async function showBenchmark(deps: HubDeps, actor: Actor, name: string): Promise<BenchmarkDetail> {
  const workspace = await workspaceOf(deps, actor);
  const benchmark = await benchmarkNamed(deps, workspace, name);
  const [versions, current] = await Promise.all([
    deps.store.listVersions(benchmark.id),
    deps.store.findVersion(benchmark.id, benchmark.currentVersion),
  ]);
  if (!current) throw new NotFoundError(`Version ${benchmark.currentVersion} of "${name}"`);
  const runs = await deps.store.listRuns({ workspaceId: workspace.id, benchmarkId: benchmark.id, pageSize: 5 });
  return {
    benchmark: listItem(benchmark),
    definition: current.definition,
    versions: versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt,
      createdBy: v.createdBy,
      caseCount: v.caseCount,
    })),
    runs: runs.items.map((run) => toRunView(run, deps.publicUrl)),
  };
}

export async function deleteBenchmark(deps: HubDeps, actor: Actor, name: string): Promise<void> {
  const workspace = await workspaceOf(deps, actor);
  const benchmark = await benchmarkNamed(deps, workspace, name);
  await deps.store.deleteBenchmark(benchmark.id);
}

export function searchModels(deps: HubDeps, query: string, limit = 25): ModelInfo[] {
  const perMillion = (perToken: number | undefined) => (perToken === undefined ? null : perToken * 1_000_000);
  return deps
    .catalog()
    .search(query, limit)
    .map((model) => {
      const price = deps.catalog().price(model.id);
      return {
        id: model.id,
        name: model.name,
        contextLength: model.context_length ?? null,
        promptPerMillion: perMillion(price?.promptPerToken),
        completionPerMillion: perMillion(price?.completionPerToken),
      };
    });
}
